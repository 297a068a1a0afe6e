"""The administrator role: the first account, and whoever an administrator names."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD, bearer, login
from workshop.errors import Forbidden
from workshop.facilitators import services


def test_the_first_account_is_the_administrator_and_others_are_not(app, make_facilitator):
    first, second = make_facilitator("eka@example.fi"), make_facilitator("toka@example.fi")
    with app.app_context():
        assert services.get_facilitator(first.id).is_admin
        assert not services.get_facilitator(second.id).is_admin


def test_setup_makes_the_administrator(app, client):
    with app.app_context():
        raw = services.issue_setup_token()
    client.post(f"/setup/{raw}", data={"email": "first@example.fi", "password": PASSWORD})
    with app.app_context():
        assert services.facilitator_by_email("first@example.fi").is_admin


def test_a_facilitator_who_is_not_an_administrator_cannot_create_accounts(
    app, facilitator, make_facilitator
):
    other = make_facilitator("toinen@example.fi")
    client = app.test_client()
    login(client, other.email)
    page = client.get("/account").get_data(as_text=True)
    assert 'action="/account/facilitators"' not in page
    refused = client.post(
        "/account/facilitators",
        data={"email": "kolmas@example.fi", "password": PASSWORD},
        headers={"Accept-Language": "en"},
    )
    assert refused.status_code == 403
    assert "Only an administrator can do that." in refused.get_data(as_text=True)
    with app.app_context():
        assert services.facilitator_by_email("kolmas@example.fi") is None


def test_others_see_only_the_people_they_work_with(app, facilitator, make_facilitator, workshop):
    colleague = make_facilitator("kollega@example.fi")
    stranger = make_facilitator("vieras@example.fi")
    librarian = make_facilitator("kirjasto@example.fi")
    client = app.test_client()
    client.post(
        f"/api/v1/workshops/{workshop.code}/facilitators",
        json={"email": colleague.email},
        headers=bearer(facilitator.token),
    )
    with app.app_context():
        from workshop.designs.models import Template
        from workshop.extensions import db

        db.session.add(
            Template(owner_id=librarian.id, name="Jaettu", language="fi", design={}, is_shared=True)
        )
        db.session.add(
            Template(owner_id=stranger.id, name="Oma", language="fi", design={}, is_shared=False)
        )
        db.session.commit()
    login(client, colleague.email)
    page = client.get("/account").get_data(as_text=True)
    assert "owner@example.fi" in page and "kirjasto@example.fi" in page
    assert "kollega@example.fi" in page
    assert "vieras@example.fi" not in page
    # The administrator sees everyone.
    admin = app.test_client()
    login(admin, facilitator.email)
    everyone = admin.get("/account").get_data(as_text=True)
    assert all(
        email in everyone
        for email in ("kollega@example.fi", "vieras@example.fi", "kirjasto@example.fi")
    )


def test_an_administrator_names_another_who_then_creates_accounts(
    app, facilitator, make_facilitator
):
    other = make_facilitator("toinen@example.fi")
    admin = app.test_client()
    login(admin, facilitator.email)
    page = admin.get("/account").get_data(as_text=True)
    assert f'action="/account/facilitators/{other.id}/admin"' in page
    named = admin.post(f"/account/facilitators/{other.id}/admin", data={"is_admin": "1"})
    assert named.status_code == 302
    client = app.test_client()
    login(client, other.email)
    created = client.post(
        "/account/facilitators", data={"email": "kolmas@example.fi", "password": PASSWORD}
    )
    assert created.status_code == 302
    # Only an administrator names administrators.
    third = services_id(app, "kolmas@example.fi")
    outsider = app.test_client()
    login(outsider, "kolmas@example.fi")
    assert (
        outsider.post(f"/account/facilitators/{third}/admin", data={"is_admin": "1"}).status_code
        == 403
    )


def test_the_last_administrator_cannot_step_down(app, facilitator, make_facilitator):
    other = make_facilitator("toinen@example.fi")
    admin = app.test_client()
    login(admin, facilitator.email)
    admin.post(f"/account/facilitators/{other.id}/admin", data={"is_admin": "1"})
    assert (
        admin.post(f"/account/facilitators/{other.id}/admin", data={"is_admin": "0"}).status_code
        == 302
    )
    with app.app_context():
        with pytest.raises(Forbidden):
            services.set_admin(facilitator.id, facilitator.id, False)
        assert services.get_facilitator(facilitator.id).is_admin


def services_id(app, email: str) -> int:
    with app.app_context():
        return services.facilitator_by_email(email).id


def test_the_operator_names_an_administrator_at_the_command_line(
    app, runner, facilitator, make_facilitator
):
    other = make_facilitator("toinen@example.fi")
    result = runner.invoke(args=["facilitator", "admin", "TOINEN@example.fi"])
    assert result.exit_code == 0, result.output
    assert "toinen@example.fi is an administrator." in result.output
    with app.app_context():
        assert services.get_facilitator(other.id).is_admin
    runner.invoke(args=["facilitator", "admin", "toinen@example.fi", "--remove"])
    last = runner.invoke(args=["facilitator", "admin", facilitator.email, "--remove"])
    assert last.exit_code != 0 and "vähintään yksi ylläpitäjä" in last.output  # said in Finnish
