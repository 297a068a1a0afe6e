"""Facilitator pages through the test client: setup, login, CSRF, tokens, accounts."""

import re

from tests.conftest import PASSWORD, login
from workshop.facilitators import services


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_setup_link_creates_account_and_signs_in(app, client):
    with app.app_context():
        raw = services.issue_setup_token()
    page = client.get(f"/setup/{raw}")
    assert page.status_code == 200
    response = client.post(
        f"/setup/{raw}", data={"email": "first@example.fi", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/workshops").status_code == 200
    assert client.get(f"/setup/{raw}").status_code == 404


def test_setup_with_short_password_shows_the_error_in_english(app, client):
    with app.app_context():
        raw = services.issue_setup_token()
    response = client.post(
        f"/setup/{raw}",
        data={"email": "first@example.fi", "password": "short"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 422
    assert "Use 10 to 200 characters." in response.get_data(as_text=True)


def test_login_renews_the_session_and_logout_ends_it(client, facilitator):
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    assert login(client, facilitator.email).status_code == 302
    with client.session_transaction() as session:
        assert "planted" not in session
        # The account and its session epoch (sign-out raises it).
        assert session["_user_id"] == f"{facilitator.id}.0"
    client.post("/logout")
    assert client.get("/workshops").status_code == 302


def test_wrong_password_is_refused(client, facilitator):
    response = login(client, facilitator.email, "not the password")
    assert response.status_code == 401
    assert client.get("/workshops").status_code == 302


def test_every_form_needs_a_csrf_token(csrf_app):
    with csrf_app.app_context():
        services.create_facilitator("csrf@example.fi", PASSWORD)
    client = csrf_app.test_client()
    assert login(client, "csrf@example.fi").status_code == 403
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login", data={"email": "csrf@example.fi", "password": PASSWORD, "csrf_token": _csrf(page)}
    )
    assert response.status_code == 302
    assert client.post("/workshops", data={"title": "x", "language": "fi"}).status_code == 403
    assert client.post("/logout").status_code == 403


def test_facilitator_creates_workshop_and_sees_it_listed(client, facilitator):
    login(client, facilitator.email)
    response = client.post("/workshops", data={"title": "Arvotyöpaja", "language": "fi"})
    assert response.status_code == 302
    listing = client.get("/workshops").get_data(as_text=True)
    assert "Arvotyöpaja" in listing
    control = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "/projector/prj_" in control and "/join/" in control
    assert "0 osallistujaa" in listing
    code = re.search(r"/join/([A-Z0-9]{6})", control).group(1)
    client.application.test_client().post("/join", data={"code": code})
    assert "1 osallistuja<" in client.get("/workshops").get_data(as_text=True)


def test_bad_workshop_form_keeps_input_and_says_why(client, facilitator):
    login(client, facilitator.email)
    response = client.post(
        "/workshops", data={"title": "x" * 121, "language": "fi"}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "At most 120 characters." in text and "x" * 121 in text


def test_control_page_is_only_for_the_owner(client, workshop, make_facilitator):
    stranger = make_facilitator()
    login(client, stranger.email)
    assert client.get(f"/workshops/{workshop.id}").status_code == 403


def test_tokens_are_minted_shown_once_and_revoked(client, facilitator, app):
    login(client, facilitator.email)
    page = client.post("/account/tokens", data={"name": "skripti"}).get_data(as_text=True)
    raw = re.search(r"(tmj_[A-Za-z0-9_-]+)", page).group(1)
    assert "Authorization: Bearer &lt;avain&gt;" in page
    assert (
        client.get("/api/v1/workshops", headers={"Authorization": f"Bearer {raw}"}).status_code
        == 200
    )
    assert raw not in client.get("/account").get_data(as_text=True)
    with app.app_context():
        token_id = next(t.id for t in services.api_tokens_of(facilitator.id) if t.name == "skripti")
    client.post(f"/account/tokens/{token_id}/revoke")
    assert (
        client.get("/api/v1/workshops", headers={"Authorization": f"Bearer {raw}"}).status_code
        == 401
    )


def test_facilitator_creates_another_account(client, facilitator):
    login(client, facilitator.email)
    response = client.post(
        "/account/facilitators", data={"email": "toinen@example.fi", "password": PASSWORD}
    )
    assert response.status_code == 302
    other = client.application.test_client()
    assert login(other, "toinen@example.fi").status_code == 302


def test_pages_send_security_headers(client, workshop):
    for path in ("/", "/login", f"/projector/{workshop.projector_key}"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"


def test_password_guessing_is_slowed_down_per_email_and_address(client, facilitator):
    for _ in range(10):
        assert login(client, facilitator.email, "wrong guess!!").status_code == 401
    blocked = client.post(
        "/login",
        data={"email": facilitator.email, "password": PASSWORD},
        headers={"Accept-Language": "en"},
    )
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.get_data(as_text=True)
    elsewhere = client.application.test_client()
    response = elsewhere.post(
        "/login",
        data={"email": facilitator.email, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.9.8.7"},
    )
    assert response.status_code == 302
