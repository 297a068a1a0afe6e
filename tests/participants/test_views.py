"""Phones: join by code or QR link, identity in a cookie, language switch."""

from workshop.workshops.access import participant_cookie_name


def _join(client, code, name=""):
    return client.post("/join", data={"code": code, "display_name": name})


def test_join_page_is_served_at_root_and_join(client):
    for path in ("/", "/join"):
        response = client.get(path, headers={"Accept-Language": "en"})
        assert response.status_code == 200
        assert b"Join the workshop" in response.data


def test_join_sets_an_httponly_lax_cookie_and_opens_the_phone_page(client, workshop):
    response = _join(client, workshop.code.lower(), "Liisa")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/w/{workshop.code}")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(participant_cookie_name(workshop.code) + "=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get(f"/w/{workshop.code}")
    assert page.status_code == 200
    assert "Olet mukana, Liisa." in page.get_data(as_text=True)


def test_reload_and_rejoin_keep_the_same_identity(client, workshop, app):
    from workshop.workshops import services

    _join(client, workshop.code, "Liisa")
    assert client.get(f"/w/{workshop.code}").status_code == 200
    again = _join(client, workshop.code, "Liisa")  # the form sent twice
    assert again.status_code == 302
    qr = client.get(f"/join/{workshop.code}")  # scanning the QR again
    assert qr.status_code == 302
    with app.app_context():
        assert services.participant_count(workshop.id) == 1


def test_second_workshop_is_a_second_identity(client, make_workshop, app):
    from workshop.workshops import services

    first, second = make_workshop("Eka"), make_workshop("Toka")
    _join(client, first.code)
    _join(client, second.code)
    cookies = {c.key: c.value for c in client._cookies.values()}
    assert (
        cookies[participant_cookie_name(first.code)]
        != cookies[participant_cookie_name(second.code)]
    )
    with app.app_context():
        assert services.participant_count(first.id) == 1
        assert services.participant_count(second.id) == 1


def test_qr_link_prefills_the_code(client, workshop):
    page = client.get(f"/join/{workshop.code.lower()}")
    assert page.status_code == 200
    assert f'value="{workshop.code}"' in page.get_data(as_text=True)


def test_unknown_code_shows_a_clear_error_and_keeps_the_input(client, workshop):
    response = client.post(
        "/join",
        data={"code": "qqqqqq", "display_name": "Liisa"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 404
    text = response.get_data(as_text=True)
    assert "No open workshop has that code" in text
    assert 'value="qqqqqq"' in text and 'value="Liisa"' in text
    assert "toimija_p_" not in response.headers.get("Set-Cookie", "")


def test_too_long_name_is_refused_in_finnish(client, workshop):
    response = client.post(
        "/join",
        data={"code": workshop.code, "display_name": "x" * 41},
        headers={"Accept-Language": "fi"},
    )
    assert response.status_code == 422
    assert "Enintään 40 merkkiä." in response.get_data(as_text=True)


def test_phone_page_without_identity_goes_to_the_join_form(client, workshop):
    response = client.get(f"/w/{workshop.code}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/join/{workshop.code}")


def test_phone_starts_in_the_workshop_language_and_can_switch(client, make_workshop):
    english = make_workshop("Values", "en")
    _join(client, english.code)
    page = client.get(f"/w/{english.code}", headers={"Accept-Language": "fi"})
    assert "You are in." in page.get_data(as_text=True)
    switched = client.get(f"/language/fi?next=/w/{english.code}")
    assert switched.headers["Location"].endswith(f"/w/{english.code}")
    page = client.get(f"/w/{english.code}")
    assert "Olet mukana." in page.get_data(as_text=True)
    assert '<html lang="fi">' in page.get_data(as_text=True)


def test_language_switch_never_redirects_off_site(client):
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.get("/language/en", query_string={"next": target})
        assert response.headers["Location"] == "/"


def test_closed_workshop_shows_the_end_on_the_phone(client, workshop, app):
    from workshop.workshops import services

    _join(client, workshop.code)
    with app.app_context():
        services.change_phase(workshop.owner.id, workshop.id, "closed")
    page = client.get(f"/w/{workshop.code}").get_data(as_text=True)
    assert "Työpaja on päättynyt." in page
    response = _join(client.application.test_client(), workshop.code)
    assert response.status_code == 404


def test_join_form_needs_csrf_token_when_protection_is_on(csrf_app):
    client = csrf_app.test_client()
    response = client.post("/join", data={"code": "ABCDEF"}, headers={"Accept-Language": "en"})
    # A refusal (403), not a malformed request (400), and it says what to do.
    assert response.status_code == 403
    assert "This form was refused for your safety" in response.get_data(as_text=True)
    assert "Reload the page and try again." in response.get_data(as_text=True)


def test_an_api_write_with_cookies_and_no_csrf_token_is_refused_with_403(csrf_app):
    import re

    from workshop.facilitators import services as facilitators
    from workshop.workshops import services as workshops

    with csrf_app.app_context():
        owner = facilitators.create_facilitator("csrf-api@example.fi", "a long enough password")
        code = workshops.create_workshop(owner.id, "CSRF", "fi").code
    phone = csrf_app.test_client()
    page = phone.get(f"/join/{code}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    phone.post("/join", data={"code": code, "csrf_token": token})
    refused = phone.post(
        f"/api/v1/workshops/{code}/stories", json={}, headers={"Accept-Language": "en"}
    )
    assert refused.status_code == 403
    assert refused.json["error"]["code"] == "csrf_failed"
    assert "Reload the page and try again." in refused.json["error"]["message"]
