# Shared by run.sh and test.sh: create .venv and install the project into it,
# again only when pyproject.toml changed (so a second start needs no network).
VENV=${VENV:-.venv}

ensure_venv() {
  local extras=$1 stamp="$VENV/.installed${1:+-$1}"
  if [ ! -x "$VENV/bin/python" ]; then
    local python=${PYTHON:-python3}
    if ! "$python" -m venv "$VENV" 2>/dev/null; then
      rm -rf "$VENV"
      if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        echo "Installing python3-venv (Debian/Ubuntu) ..."
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
        "$python" -m venv "$VENV"
      else
        echo "Python cannot create a virtual environment here." >&2
        echo "On Debian/Ubuntu: sudo apt install python3-venv, then run this again." >&2
        exit 1
      fi
    fi
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "Installing Toimija into $VENV ..."
    "$VENV/bin/python" -m pip install -qq --upgrade pip
    "$VENV/bin/python" -m pip install -qq -e ".${extras:+[$extras]}"
    touch "$stamp"
  fi
}
