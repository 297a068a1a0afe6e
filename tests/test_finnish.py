"""Finnish that reads as Finnish (issue 10, section 8): one word for one thing in the compiled
catalog and the built-in texts, the issue's table applied, and no English in what the
server's rules say to a Finnish phone."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.support import Translations
from flask_babel import force_locale

import workshop
from workshop.designs.builtin_content import CONTENT
from workshop.designs.services import builtin_lens_questions
from workshop.errors import DomainError

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

#: Words the room and the screen must not be called, and forms the issue replaced.
BANNED = {
    r"\bprojektori": "the projector screen is 'valkokangas'",
    r"\bseinä|\bseinil|\bseinäl|\bseinält": "the wall is 'valkokangas'",
    r"\bsali(a|n|ssa|sta|lle|lla)?\b": "the room is 'osallistujat' or 'työpaja'",
    r"\bhuone": "the room is 'osallistujat' or 'työpaja'",
    r"\bYhdistetty\b": "connected is 'Yhteydessä'",
    r"Yksityinen kirjoitus\b": "'Yksityinen kirjoittaminen'",
    r"Käytäntökirj|käytäntökirj": "'Sitoumukset ja käytännöt'",
    r"Tarinoita: ": "'6 tarinaa · 5/5 osallistujaa on kirjoittanut'",
    r"kirjoittajina": "'… osallistujaa on kirjoittanut'",
    r"\bMarkdown toimii": "'Muotoilu: …'",
}

#: The issue's table: what a Finnish screen shows for each (English msgid -> Finnish).
TABLE = {
    "Written by {name}": "Kirjoittaja: {name}",
    "Written by {names}": "Kirjoittajat: {names}",
    "Go back to the stories? Proposing practices closes until you come back.": (
        "Palataanko tarinoihin? Käytäntöjen ehdottaminen on suljettuna, kunnes palaat käytäntöihin."
    ),
    "Write yours on your phone.": "Kirjoittakaa omanne puhelimella.",
    "Set the dots now if you like; voting opens in the voting phase.": (
        "Voit määrittää pistesäännöt jo nyt; äänestys avautuu äänestysvaiheessa."
    ),
    "Room locked": "Liittyminen suljettu",
    "Live preview: the room sees the results when you show them.": (
        "Esikatselu: osallistujat näkevät tulokset, kun näytät ne."
    ),
    "Import as": "Tuo muodossa:",
    "Hide the tally until the reveal": "Piilota pistetilanne paljastukseen asti",
    "Pause": "Tauota",
    "Markdown works: **bold**, *italics*, lists with -.": (
        "Muotoilu: **lihavointi**, *kursiivi*, luettelo viivalla (-)"
    ),
    "This link works once. After this, accounts are created by a facilitator.": (
        "Linkki toimii kerran. Tämän jälkeen uudet tilit luodaan Tili-sivulla."
    ),
    "Commitments and practices": "Sitoumukset ja käytännöt",
    "Connected": "Yhteydessä",
    "Private writing": "Yksityinen kirjoittaminen",
    "How was it said, how did it feel?": "Miten se sanottiin, miltä se tuntui?",
}

#: Names and formats that are the same word in both languages.
# Technical names said the same in Finnish (a webhook, an http address, an .ics file).
SAME_IN_BOTH = {"json", "csv", "pdf", "toimija", "min", "wcag", "http", "https", "ics", "webhook"}
_WORD = re.compile(r"[A-Za-zÀ-ÿ]{3,}")
_PLACEHOLDER = re.compile(r"%\(\w+\)\w|\{\w+\}")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(_PLACEHOLDER.sub(" ", text))} - SAME_IN_BOTH


@pytest.fixture(scope="module")
def finnish() -> Translations:
    """The compiled catalog (.mo), as the running app reads it."""
    translations = Translations.load(str(ROOT / "workshop" / "translations"), ["fi"])
    assert isinstance(translations, Translations), "compile the catalogs first"
    return translations


def _entries(finnish: Translations) -> dict[str, str]:
    entries: dict[str, str] = {}
    for key, value in finnish._catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if msgid:
            entries[f"{msgid} [{key[1]}]" if isinstance(key, tuple) else msgid] = value
    return entries


def _builtin_finnish() -> list[str]:
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(CONTENT["fi"])
    return texts


def test_the_finnish_catalog_says_one_word_for_one_thing(finnish):
    wrong = [
        f"{msgid!r} -> {text!r}: {why}"
        for msgid, text in _entries(finnish).items()
        for pattern, why in BANNED.items()
        if re.search(pattern, text)
    ]
    assert wrong == []


def test_the_built_in_finnish_texts_say_it_the_same_way(app):
    with app.test_request_context(), force_locale("fi"):
        texts = _builtin_finnish() + [
            text for pair in builtin_lens_questions("fi").items() for text in pair
        ]
    wrong = [
        f"{text!r}: {why}"
        for text in texts
        for pattern, why in BANNED.items()
        if re.search(pattern, text)
    ]
    assert wrong == []


def test_the_issues_table_is_applied(finnish):
    shown = {msgid: finnish.gettext(msgid) for msgid in TABLE}
    assert shown == TABLE
    assert finnish.ngettext("{n} stories", "{n} stories", 1) != "Tarinoita: 1"
    assert finnish.gettext("1 story") == "1 tarina"
    assert finnish.gettext("{n} stories") == "{n} tarinaa"
    assert finnish.gettext("{authors}/{people} people have written") == (
        "{authors}/{people} osallistujaa on kirjoittanut"
    )


def _with_includes(path: Path) -> str:
    """A template's text with the templates it includes (a page's words may sit in one)."""
    text = path.read_text()
    for name in re.findall(r'{%-?\s*include\s+"([^"]+)"', text):
        text += (TEMPLATES / name).read_text()
    return text


def test_every_screen_says_connected_with_one_word(finnish):
    """Each page's connection line uses one msgid, and Finnish says it "Yhteydessä"."""
    said = {
        path.name: match
        for path in TEMPLATES.rglob("*.html")
        for match in re.findall(r'"connected":\s*(_\("[^"]*"\)|"[^"]*")', _with_includes(path))
    }
    assert set(said) >= {"phone.html", "facilitator.html", "projector.html"}
    spoken = {name: value for name, value in said.items() if value != '""'}  # projector: quiet
    assert set(spoken.values()) == {'_("Connected")'}
    assert finnish.gettext("Connected") == "Yhteydessä"


def _domain_errors() -> list[type[DomainError]]:
    for module in pkgutil.walk_packages(workshop.__path__, "workshop."):
        if ".migrations" not in module.name:
            importlib.import_module(module.name)
    found, todo = [], [DomainError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_every_domain_error_reaches_a_finnish_phone_in_finnish(app):
    errors = _domain_errors()
    assert len(errors) > 20  # all of them, from every domain
    english_in_finnish = {}
    with app.test_request_context(headers={"Accept-Language": "fi"}):
        for cls in errors:
            with force_locale("en"):
                english = str(cls.message)
            with force_locale("fi"):
                finnish_text = str(cls.message)
            shared = _words(english) & _words(finnish_text)
            if finnish_text == english or shared:
                english_in_finnish[cls.__name__] = (finnish_text, sorted(shared))
    assert english_in_finnish == {}


def test_every_message_the_server_code_says_has_finnish_without_english_words(finnish):
    """Field errors ("Required.", "Choose start, pause, add or stop.") and every other
    string in the Python code: translated, and no English word left in the translation."""
    extracted = extract_from_dir(
        str(ROOT / "workshop"),
        method_map=[("**.py", "python")],
        keywords={"_l": None, "gettext": None, "lazy_gettext": None, "ngettext": (1, 2)},
    )
    english_in_finnish = {}
    for filename, _line, message, _comments, _context in extracted:
        msgid = message if isinstance(message, str) else message[0]
        text = finnish.gettext(msgid)
        shared = _words(msgid) & _words(text)
        if (text == msgid and _words(msgid)) or shared:
            english_in_finnish[f"{filename}: {msgid}"] = (text, sorted(shared))
    assert english_in_finnish == {}
