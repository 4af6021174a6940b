#!/usr/bin/env bash
# Run the pg_regress suite against a cluster whose backends run under
# valgrind memcheck, and report every error whose stack passes through
# dynamo_ext.  Slow (minutes); not part of scripts/test.sh.  VG_REGRESS="a b"
# runs only those tests.  As root, after
# scripts/setup.sh has installed the extension.
set -uo pipefail
cd "$(dirname "$0")/../.."
PGBIN=/usr/lib/postgresql/15/bin
DATA=/tmp/dynamo_ext_vg
PORT=${VG_PORT:-54330}
LOGS=/tmp/dynamo_ext_vg_logs
rm -rf "$DATA" "$LOGS"
install -d -o postgres "$DATA" "$LOGS"
su postgres -c "$PGBIN/initdb -D $DATA -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
cat >> "$DATA/postgresql.conf" <<CONF
port = $PORT
unix_socket_directories = '/tmp'
listen_addresses = ''
max_connections = 20
fsync = off
CONF
su postgres -c "cd $DATA && nohup valgrind --quiet --trace-children=yes --track-origins=yes \
	--read-var-info=no --num-callers=30 --suppressions=$(pwd)/test/valgrind/valgrind.supp \
	--log-file=$LOGS/%p.log $PGBIN/postgres -D $DATA > $DATA/server.log 2>&1 &"
for i in $(seq 1 120); do
	$PGBIN/pg_isready -h /tmp -p $PORT -q && break
	sleep 1
done
PGPORT=$PORT PGHOST=/tmp PGUSER=postgres make -s installcheck ISOLATION= TAP_TESTS= ${VG_REGRESS:+REGRESS="$VG_REGRESS"} \
	REGRESS_OPTS="--load-extension=dynamo_ext --outputdir=/tmp/dynamo_ext_vg_out" 2>&1 | tail -5
su postgres -c "$PGBIN/pg_ctl -D $DATA -m fast stop" >/dev/null
n=$(grep -l "dynamo_ext" $LOGS/*.log 2>/dev/null | wc -l)
echo "valgrind: $(ls $LOGS | wc -l) process logs, $n with errors in dynamo_ext"
[ "$n" -eq 0 ]
