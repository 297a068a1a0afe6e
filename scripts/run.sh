#!/usr/bin/env bash
# Install Toimija (first run only) and serve it on this machine's network.
#   bash scripts/run.sh [--port 5000] [--host 0.0.0.0]
# --host 127.0.0.1 serves this computer only (phones cannot join); the printed links
# and the QR code always name the address it listens on, or PUBLIC_URL when set.
# Stop it with Ctrl+C.
# Creates .venv, installs the app, compiles translations, keeps a secret key in
# instance/, applies migrations and serves with gunicorn + gevent (one process).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv ""

"$VENV/bin/python" scripts/i18n.py compile >/dev/null
mkdir -p instance
if [ -z "${SECRET_KEY:-}" ] && [ ! -s instance/secret_key ]; then
  (umask 077 && "$VENV/bin/python" -c 'import secrets; print(secrets.token_hex(32))' > instance/secret_key)
  echo "Generated a secret key in instance/secret_key (keep it; it signs sessions)."
fi
exec "$VENV/bin/flask" --app wsgi serve "$@"
