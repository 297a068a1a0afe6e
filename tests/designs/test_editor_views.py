"""The template library and the editor's pages, through the Flask test client: who may open
which, what the library lists, and its copy and share forms."""

from __future__ import annotations

import re

from tests.conftest import login
from workshop.designs import services as designs
from workshop.designs.models import Template
from workshop.extensions import db


def _template(app, owner_id: int, name: str, *, shared: bool = False) -> int:
    with app.app_context():
        design = designs.builtin_design("fi")
        design["name"] = name
        template = designs.save_template(owner_id, design)
        template.is_shared = shared
        db.session.commit()
        return template.id


def test_the_owner_opens_the_editor_of_a_template_and_of_a_workshops_plan(
    app, client, facilitator, workshop
):
    template_id = _template(app, facilitator.id, "Kevään työpaja")
    login(client, facilitator.email)
    page = client.get(f"/templates/{template_id}/edit")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'data-kind="template"' in html
    assert f'data-load-url="/api/v1/templates/{template_id}"' in html
    assert "Kevään työpaja" in html
    assert "js/editor/main.js" in html

    plan = client.get(f"/workshops/{workshop.id}/plan")
    assert plan.status_code == 200
    html = plan.get_data(as_text=True)
    assert 'data-kind="plan"' in html
    assert f'data-save-url="/api/v1/workshops/{workshop.code}/plan"' in html
    # The limits the server checks travel with the page.
    assert "&#34;minutes&#34;: 180" in html
    # In the facilitator's language: Finnish here, English once they choose it.
    assert "Kesto minuutteina" in html and "Työpajan suunnitelma" in html
    client.get("/language/en")
    html = client.get(f"/workshops/{workshop.id}/plan").get_data(as_text=True)
    assert "Length in minutes" in html and "Back to the control page" in html


def test_others_templates_and_workshops_stay_closed(app, client, facilitator, make_facilitator):
    other = make_facilitator("toinen@example.fi")
    private = _template(app, other.id, "Toisen oma")
    shared = _template(app, other.id, "Toisen jaettu", shared=True)
    with app.app_context():
        from workshop.workshops import services as workshops

        theirs = workshops.create_workshop(other.id, "Toisen työpaja", "fi").id
    login(client, facilitator.email)
    assert client.get(f"/templates/{private}/edit").status_code == 404
    assert client.get(f"/templates/{shared}/edit").status_code == 403  # readable, not theirs
    assert client.get("/templates/999999/edit").status_code == 404
    assert client.get(f"/workshops/{theirs}/plan").status_code == 403
    assert client.get("/workshops/999999/plan").status_code == 404
    # Nor may they share or copy an unshared one through the forms.
    assert client.post(f"/templates/{private}/sharing", data={"shared": "1"}).status_code == 404
    assert client.post(f"/templates/{shared}/sharing", data={"shared": "0"}).status_code == 403
    assert client.post(f"/templates/{private}/copy").status_code == 404


def test_signed_out_the_pages_ask_to_sign_in(app, client, facilitator):
    template_id = _template(app, facilitator.id, "Kevään työpaja")
    for path in ("/templates", f"/templates/{template_id}/edit"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_library_lists_own_and_shared_templates_with_the_owners_name(
    app, client, facilitator, make_facilitator
):
    other = make_facilitator("liisa@example.fi")
    _template(app, facilitator.id, "Oma pohja")
    _template(app, other.id, "Liisan jaettu", shared=True)
    _template(app, other.id, "Liisan salainen")
    login(client, facilitator.email)
    html = client.get("/templates").get_data(as_text=True)
    own = html.split('id="own-h"')[1].split('id="shared-h"')[0]
    shared = html.split('id="shared-h"')[1]
    assert "Oma pohja" in own and "Liisan jaettu" not in own
    assert "Liisan jaettu" in shared and "liisa@example.fi" in shared
    assert "Liisan salainen" not in html
    assert "Objektista subjektiksi" in html and "From object to subject" in html
    # The layout's navigation leads here, and so does the workshop list.
    assert 'href="/templates"' in client.get("/workshops").get_data(as_text=True)

    # The workshop list may start a workshop from the shared one, shown with its owner.
    index = client.get("/workshops").get_data(as_text=True)
    assert "Liisan jaettu" in index and "liisa@example.fi" in index


def test_copy_share_and_start_from_the_library(app, client, facilitator, make_facilitator):
    other = make_facilitator("ville@example.fi")
    login(client, facilitator.email)
    copied = client.post("/templates/builtin/copy", data={"language": "en"})
    assert copied.status_code == 302
    template_id = int(re.search(r"/templates/(\d+)/edit", copied.headers["Location"]).group(1))
    with app.app_context():
        template = db.session.get(Template, template_id)
        assert template.owner_id == facilitator.id
        assert (template.name, template.language) == ("Copy of From object to subject", "en")
        assert template.design == designs.clean_design(designs.builtin_design("en")) | {
            "name": template.name
        }

    shared = client.post(f"/templates/{template_id}/sharing", data={"shared": "1"})
    assert shared.status_code == 302
    with app.app_context():
        assert db.session.get(Template, template_id).is_shared is True

    # The other facilitator copies it and gets their own copy, in the editor.
    client.post("/logout")
    login(client, other.email)
    theirs = client.post(f"/templates/{template_id}/copy")
    assert theirs.status_code == 302
    copy_id = int(re.search(r"/templates/(\d+)/edit", theirs.headers["Location"]).group(1))
    assert copy_id != template_id
    assert client.get(theirs.headers["Location"]).status_code == 200

    # Starting from the library preselects the template on the workshop list.
    index = client.get(f"/workshops?template={template_id}").get_data(as_text=True)
    assert re.search(rf'value="{template_id}" checked', index)
