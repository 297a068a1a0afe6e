"""Translation upkeep: extract strings, update catalogs, keep English complete, check Finnish.

python scripts/i18n.py update    # after changing user-visible strings
python scripts/i18n.py compile   # .po -> .mo (the run and test scripts do this)
python scripts/i18n.py check     # exit 1 if a catalog has an untranslated or fuzzy entry
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "workshop" / "translations"
POT = TRANSLATIONS / "messages.pot"
LOCALES = ("fi", "en")


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


def _catalog_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def update() -> None:
    """Extract every string and merge it into the catalogs; English copies its msgids."""
    _pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "-k",
        "lazy_gettext",
        "-k",
        "lazy_pgettext:1c,2",
        "-o",
        str(POT),
        "--no-location",
        "--sort-output",
        "--project",
        "Toimija",
        "--ignore-dirs",
        ".venv node_modules .git",
        ".",
    )
    _pybabel(
        "update",
        "-i",
        str(POT),
        "-d",
        str(TRANSLATIONS),
        "--no-fuzzy-matching",
        "--ignore-obsolete",
    )
    path = _catalog_path("en")
    with path.open("rb") as f:
        catalog = read_po(f, locale="en")
    for message in catalog:
        if (message.id and isinstance(message.id, tuple)) or message.id:
            message.string = message.id
    with path.open("wb") as f:
        write_po(f, catalog, width=100, sort_output=True)


def untranslated(locale: str) -> list[str]:
    """Return the msgids a catalog leaves untranslated or fuzzy."""
    with _catalog_path(locale).open("rb") as f:
        catalog = read_po(f, locale=locale)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def compile_catalogs() -> None:
    """Compile every catalog to .mo, which Flask-Babel reads."""
    _pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_catalogs()
    elif command == "check":
        problems = {locale: untranslated(locale) for locale in LOCALES}
        for locale, missing in problems.items():
            for msgid in missing:
                print(f"{locale}: untranslated: {msgid}")
        return 1 if any(problems.values()) else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
