"""No Python, JS, template or CSS file of the project is over 400 lines (issue #11): a file
that grows past it is split by what it does, not left to grow."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 400
KINDS = {".py", ".js", ".html", ".css"}
#: Code written elsewhere, kept as it came (vendored libraries), and generated files.
NOT_OURS = ("vendor", "node_modules", ".venv", "test-artifacts", "__pycache__")


def test_no_file_is_over_400_lines():
    long = []
    for folder in ("workshop", "static", "templates", "tests", "scripts", "bench"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in KINDS or any(part in NOT_OURS for part in path.parts):
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > LIMIT:
                long.append(f"{path.relative_to(ROOT)}: {lines}")
    assert long == []
