#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster on 127.0.0.1 (a non-default port):
#   bash scripts/with-postgres.sh .venv/bin/python -m pytest -m "not browser"
# DATABASE_URL points at it while the command runs; the cluster is removed after.
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
  echo "PostgreSQL is not installed (Debian: apt-get install postgresql)." >&2
  exit 1
fi
port=${PGPORT_TEST:-54329}
workdir=$(mktemp -d /tmp/toimija-pg.XXXXXX)
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$workdir"
cleanup() {
  as_pg "$bindir/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT
as_pg "$bindir/initdb" -D "$workdir/data" -A trust -U postgres >/dev/null
as_pg "$bindir/pg_ctl" -D "$workdir/data" -w -l "$workdir/log" \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $workdir -c fsync=off" start >/dev/null
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres" "$@"
