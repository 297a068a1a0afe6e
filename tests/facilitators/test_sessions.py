"""Sign-out and a new password end every earlier session of the account."""

from __future__ import annotations

from tests.conftest import PASSWORD, login
from workshop.facilitators import services


def _copy_session(source, target) -> None:
    cookie = source.get_cookie("session")
    target.set_cookie("session", cookie.value)


def test_a_session_cookie_copied_before_sign_out_no_longer_opens_workshops(app, facilitator):
    browser = app.test_client()
    assert login(browser, facilitator.email).status_code == 302
    thief = app.test_client()
    _copy_session(browser, thief)
    assert thief.get("/workshops").status_code == 200
    browser.post("/logout")
    assert thief.get("/workshops").status_code == 302
    assert browser.get("/workshops").status_code == 302
    # Signing in again opens a new session, and the old copy stays dead.
    assert login(browser, facilitator.email).status_code == 302
    assert browser.get("/workshops").status_code == 200
    assert thief.get("/workshops").status_code == 302


def test_sign_out_ends_the_sessions_on_other_browsers_too(app, facilitator):
    laptop, phone = app.test_client(), app.test_client()
    login(laptop, facilitator.email)
    login(phone, facilitator.email)
    laptop.post("/logout")
    assert phone.get("/account").status_code == 302


def test_a_new_password_ends_earlier_sessions(app, facilitator):
    browser = app.test_client()
    login(browser, facilitator.email)
    with app.app_context():
        services.set_password(facilitator.id, "another long password")
    assert browser.get("/workshops").status_code == 302
    assert login(browser, facilitator.email, "another long password").status_code == 302
    assert browser.get("/workshops").status_code == 200


def test_a_session_from_before_epochs_signs_in_again(app, facilitator):
    browser = app.test_client()
    with browser.session_transaction() as session:
        session["_user_id"] = str(facilitator.id)
        session["_fresh"] = True
    assert browser.get("/workshops").status_code == 302
    assert login(browser, facilitator.email, PASSWORD).status_code == 302


def test_changing_the_password_on_the_account_page_ends_the_other_sessions(app, facilitator):
    laptop, phone = app.test_client(), app.test_client()
    login(laptop, facilitator.email)
    login(phone, facilitator.email)
    wrong = laptop.post(
        "/account/password",
        data={"current_password": "not it at all", "new_password": "another long password"},
        headers={"Accept-Language": "en"},
    )
    assert wrong.status_code == 422
    assert "The password is not right." in wrong.get_data(as_text=True)
    assert phone.get("/workshops").status_code == 200
    changed = laptop.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": "another long password"},
    )
    assert changed.status_code == 302
    assert laptop.get("/workshops").status_code == 200  # the browser that asked goes on
    assert phone.get("/workshops").status_code == 302
    assert login(phone, facilitator.email, "another long password").status_code == 302
