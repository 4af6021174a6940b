#!/usr/bin/env bash
# Set up a fresh Debian machine (as root): packages, build, install, and a
# local Postgres 15 cluster run by the postgres user.  Idempotent.
#   PGPORT (default 54329), PGDATA_DIR (default /tmp/dynamo_ext_pgdata)
set -euo pipefail
cd "$(dirname "$0")/.."

export PGPORT=${PGPORT:-54329}
PGDATA_DIR=${PGDATA_DIR:-/tmp/dynamo_ext_pgdata}
PGBIN=/usr/lib/postgresql/15/bin

need=()
for p in postgresql-15 postgresql-server-dev-15 libjson-c-dev libipc-run-perl make gcc; do
	dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

make -s
make -s install >/dev/null

if [ ! -s "$PGDATA_DIR/PG_VERSION" ]; then
	rm -rf "$PGDATA_DIR"
	install -d -o postgres -g postgres "$PGDATA_DIR"
	su postgres -c "$PGBIN/initdb -D '$PGDATA_DIR' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
	cat >> "$PGDATA_DIR/postgresql.conf" <<CONF
port = $PGPORT
unix_socket_directories = '/tmp'
listen_addresses = ''
max_connections = 50
shared_buffers = 256MB
fsync = off
CONF
fi
if ! su postgres -c "$PGBIN/pg_ctl -D '$PGDATA_DIR' status" >/dev/null 2>&1; then
	su postgres -c "$PGBIN/pg_ctl -D '$PGDATA_DIR' -l '$PGDATA_DIR/server.log' -w start" >/dev/null
fi
echo "dynamo_ext: Postgres 15 running on port $PGPORT (socket /tmp, data $PGDATA_DIR)"
