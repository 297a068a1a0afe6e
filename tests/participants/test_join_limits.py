"""Wrong join codes are limited per client address and for everyone; right ones never are."""

from __future__ import annotations

from workshop.workshops import services as workshops

WRONG = ["ZZZZZ2", "ZZZZZ3", "ZZZZZ4", "ZZZZZ5", "ZZZZZ6", "ZZZZZ7", "ZZZZZ8", "ZZZZZ9"]


def _wrong_code(i: int) -> str:
    return f"{WRONG[i % len(WRONG)][:4]}{'23456789'[i // 8 % 8]}{'23456789'[i % 8]}"


def _join(client, code: str, address: str = "10.0.0.1", **headers):
    return client.post(
        "/join", data={"code": code}, environ_base={"REMOTE_ADDR": address}, headers=headers
    )


def test_wrong_codes_from_one_address_are_refused_after_ten_and_the_page_says_why(client, workshop):
    for i in range(10):
        assert _join(client, _wrong_code(i)).status_code == 404
    refused = _join(client, _wrong_code(10))
    assert refused.status_code == 429
    page = refused.get_data(as_text=True)
    assert "Liian monta väärää koodia" in page and 'role="alert"' in page
    english = _join(client, _wrong_code(11), **{"Accept-Language": "en"})
    assert "Too many wrong codes. Check the code on the screen" in english.get_data(as_text=True)


def test_a_correct_code_joins_while_its_address_is_refused_for_wrong_ones(client, workshop):
    for i in range(12):
        _join(client, _wrong_code(i))
    assert _join(client, _wrong_code(12)).status_code == 429
    assert _join(client, workshop.code).status_code == 302
    api = client.post(
        f"/api/v1/workshops/{workshop.code}/participants",
        json={},
        environ_base={"REMOTE_ADDR": "10.0.0.1"},
    )
    assert api.status_code == 201


def test_the_api_and_the_qr_link_count_the_same_guesses_and_answer_in_the_api_shape(client):
    for i in range(5):
        assert _join(client, _wrong_code(i)).status_code == 404
    for i in range(5, 10):
        response = client.post(
            f"/api/v1/workshops/{_wrong_code(i)}/participants",
            json={},
            environ_base={"REMOTE_ADDR": "10.0.0.1"},
        )
        assert response.status_code == 404
    limited = client.get(
        f"/api/v1/workshops/{_wrong_code(10)}",
        environ_base={"REMOTE_ADDR": "10.0.0.1"},
        headers={"Accept-Language": "en"},
    )
    assert limited.status_code == 429
    assert limited.json == {
        "error": {
            "code": "rate_limited",
            "message": "Too many wrong codes. Check the code on the screen and try again in a "
            "minute.",
        }
    }
    qr = client.get(f"/join/{_wrong_code(11)}", environ_base={"REMOTE_ADDR": "10.0.0.1"})
    assert qr.status_code == 429
    # Another address has its own allowance.
    assert _join(client, _wrong_code(12), address="10.0.0.2").status_code == 404


def test_a_rotating_forwarded_for_changes_nothing_without_proxy_count(client, workshop):
    for i in range(10):
        response = client.post(
            "/join",
            data={"code": _wrong_code(i)},
            headers={"X-Forwarded-For": f"203.0.113.{i}"},
        )
        assert response.status_code == 404
    response = client.post(
        "/join", data={"code": _wrong_code(10)}, headers={"X-Forwarded-For": "203.0.113.99"}
    )
    assert response.status_code == 429


def test_behind_one_proxy_the_forwarded_address_is_the_client(make_configured_app):
    app = make_configured_app(PROXY_COUNT=1)
    client = app.test_client()

    def guess(i: int, forwarded: str):
        return client.post(
            "/join", data={"code": _wrong_code(i)}, headers={"X-Forwarded-For": forwarded}
        )

    for i in range(10):
        assert guess(i, "198.51.100.7").status_code == 404
    assert guess(10, "198.51.100.7").status_code == 429
    # A second client behind the same proxy is not refused for the first one's guesses,
    # and a spoofed extra hop in front does not make the first one someone new.
    assert guess(11, "198.51.100.8").status_code == 404
    assert guess(12, "1.2.3.4, 198.51.100.7").status_code == 429


def test_everyone_together_is_limited_per_minute_and_right_codes_still_join(make_configured_app):
    app = make_configured_app(LIMIT_WRONG_CODES_EVERYONE="15 per minute")
    client = app.test_client()
    from workshop.facilitators import services as facilitators

    with app.app_context():
        owner = facilitators.create_facilitator("owner@example.fi", "a long enough password")
        code = workshops.create_workshop(owner.id, "Arvot", "fi").code
    answers = [_join(client, _wrong_code(i), address=f"10.1.0.{i}").status_code for i in range(16)]
    assert answers == [404] * 15 + [429]
    assert _join(client, _wrong_code(20), address="10.2.0.1").status_code == 429
    assert _join(client, code, address="10.2.0.2").status_code == 302


def test_a_participant_socket_with_a_wrong_code_counts_as_a_guess(app, client, workshop):
    from tests.conftest import socket_client

    # The socket test client connects with no peer address: the pages' guesses come from
    # no address too, so both count for the same client.
    for i in range(9):
        assert _join(client, _wrong_code(i), address="").status_code == 404
    socket = socket_client(app, {"role": "participant", "code": _wrong_code(9), "token": "x"})
    assert not socket.is_connected()
    assert _join(client, _wrong_code(10), address="").status_code == 429
