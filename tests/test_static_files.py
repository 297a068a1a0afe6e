"""Static files: compressed once at the highest level, screens' bundles, revalidation."""

import brotli

from workshop.static_files import strip_comments

BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}


def test_a_bundle_joins_its_parts_in_order_without_their_comment_lines(client):
    response = client.get("/static/bundle/phone.js", headers=BROWSER)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"
    assert response.mimetype == "text/javascript"
    source = brotli.decompress(response.data).decode()
    order = ["Socket.IO", "window.Live", "window.Cards", "window.PhoneKit", "PhoneKit.register"]
    places = [source.find(marker) for marker in order]
    assert -1 not in places and places == sorted(places), places
    assert "/*!" in source  # socket.io's licence stays
    assert "\n/* Participant's phone: the frame." not in source  # a comment line goes


def test_the_phone_bundle_has_every_activitys_styles_after_the_frames(client):
    source = brotli.decompress(client.get("/static/bundle/phone.css", headers=BROWSER).data)
    assert source.find(b".phone-main") < source.find(b".dots-bar")


def test_an_activitys_styles_for_one_screen_go_in_that_screens_bundle_only(client):
    phone = brotli.decompress(client.get("/static/bundle/phone.css", headers=BROWSER).data)
    projector = brotli.decompress(client.get("/static/bundle/projector.css", headers=BROWSER).data)
    assert b".pulse-choices" in phone and b".pulse-choices" in projector  # css/pulse.css
    assert b".pulse-board" in projector and b".pulse-board" not in phone  # pulse-projector.css


def test_a_static_file_is_revalidated_by_its_etag_per_encoding(client):
    first = client.get("/static/css/app.css", headers=BROWSER)
    plain = client.get("/static/css/app.css")
    assert first.headers["ETag"] != plain.headers["ETag"]
    assert "Content-Encoding" not in plain.headers
    again = client.get(
        "/static/css/app.css", headers={**BROWSER, "If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304
    assert client.get("/static/css/../../wsgi.py").status_code == 404
    assert client.get("/static/css/nothing.css").status_code == 404


def test_scripts_and_styles_go_without_document_headers_and_pages_keep_them(client):
    script = client.get("/static/js/phone.js", headers=BROWSER)
    assert "Content-Security-Policy" not in script.headers
    assert "X-Frame-Options" not in script.headers
    assert script.headers["X-Content-Type-Options"] == "nosniff"
    page = client.get("/", headers=BROWSER)
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"
    icon = client.get("/static/favicon.svg")
    assert "Content-Security-Policy" in icon.headers  # an SVG can be opened as a document


def test_only_comments_that_are_lines_of_their_own_go():
    source = (
        b"/* about this file */\n"
        b"var a = 1; // why a is one\n"
        b"  // a note\n"
        b"var b = `\n// inside a template\n`;\n"
        b"/*! licence */\n"
        b"/* a block */ var c = 3;\n"
        b"var d = 4; /* after code */\n"
    )
    assert strip_comments(source) == (
        b"var a = 1; // why a is one\n"
        b"var b = `\n// inside a template\n`;\n"
        b"/*! licence */\n"
        b"/* a block */ var c = 3;\n"
        b"var d = 4; /* after code */\n"
    )
