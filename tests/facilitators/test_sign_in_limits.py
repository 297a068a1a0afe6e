"""Sign-in limits: per account and address apart, so nobody locks the owner out; spraying
one password across many emails is slowed."""

from __future__ import annotations

from tests.conftest import PASSWORD


def _sign_in(client, email: str, password: str, address: str, **headers):
    return client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
        headers=headers,
    )


def test_the_owner_signs_in_from_their_address_after_ten_wrong_ones_from_another(app, facilitator):
    attacker = app.test_client()
    for _ in range(12):
        assert _sign_in(attacker, facilitator.email, "guess guess!", "203.0.113.5").status_code in (
            401,
            429,
        )
    assert _sign_in(attacker, facilitator.email, PASSWORD, "203.0.113.5").status_code == 429
    owner = app.test_client()
    assert _sign_in(owner, facilitator.email, PASSWORD, "198.51.100.20").status_code == 302


def test_behind_a_proxy_nobody_shares_the_owners_browser_allowance(app, facilitator):
    # PROXY_COUNT unset behind a proxy: everyone has the proxy's address. The owner's
    # browser, where they signed in before, keeps its own count for their account.
    owner = app.test_client()
    assert _sign_in(owner, facilitator.email, PASSWORD, "10.0.0.1").status_code == 302
    owner.post("/logout")
    attacker = app.test_client()
    for _ in range(15):
        _sign_in(attacker, facilitator.email, "guess guess!", "10.0.0.1")
    assert _sign_in(attacker, facilitator.email, PASSWORD, "10.0.0.1").status_code == 429
    assert _sign_in(owner, facilitator.email, PASSWORD, "10.0.0.1").status_code == 302


def test_a_forged_device_cookie_is_no_allowance_of_its_own(app, facilitator):
    attacker = app.test_client()
    for _ in range(10):
        _sign_in(attacker, facilitator.email, "guess guess!", "10.0.0.1")
    attacker.set_cookie("toimija_device", "eyJhY2NvdW50IjoxLCJkZXZpY2UiOiJ4In0.forged")
    assert _sign_in(attacker, facilitator.email, PASSWORD, "10.0.0.1").status_code == 429


def test_one_password_sprayed_across_many_emails_is_slowed(app, make_facilitator):
    for i in range(40):
        make_facilitator(f"person{i}@example.fi")
    client = app.test_client()
    answers = [
        _sign_in(client, f"person{i}@example.fi", "Kesä2026!!!", "203.0.113.9").status_code
        for i in range(40)
    ]
    assert answers[:30] == [401] * 30
    assert set(answers[30:]) == {429}
    refused = _sign_in(
        client, "person39@example.fi", PASSWORD, "203.0.113.9", **{"Accept-Language": "en"}
    )
    assert refused.status_code == 429
    assert "Too many attempts" in refused.get_data(as_text=True)
    # Another address is not slowed by it.
    assert _sign_in(client, "person39@example.fi", PASSWORD, "198.51.100.1").status_code == 302


def test_one_account_guessed_from_many_addresses_is_slowed(make_configured_app):
    from workshop.facilitators import services

    app = make_configured_app(LIMIT_SIGN_IN_PER_ACCOUNT="20 per hour")
    with app.app_context():
        services.create_facilitator("owner@example.fi", PASSWORD)
    client = app.test_client()
    for i in range(20):
        assert (
            _sign_in(client, "owner@example.fi", "guess guess!", f"10.3.0.{i}").status_code == 401
        )
    assert _sign_in(client, "owner@example.fi", PASSWORD, "10.4.0.1").status_code == 429


def test_the_first_accounts_browser_keeps_its_allowance_from_setup_on(app, client):
    from workshop.facilitators import services

    with app.app_context():
        raw = services.issue_setup_token()
    client.post(f"/setup/{raw}", data={"email": "first@example.fi", "password": PASSWORD})
    client.post("/logout")
    attacker = app.test_client()
    for _ in range(12):
        _sign_in(attacker, "first@example.fi", "guess guess!", "127.0.0.1")
    assert _sign_in(client, "first@example.fi", PASSWORD, "127.0.0.1").status_code == 302
