#!/bin/bash
# run.sh: PutItem and DeleteItem hammering a few keys from several sessions.
#
# Unconditional puts take the direct write path (src/storage/upsert.c):
# conflict check, lock and update, speculative insertion, each with its
# "start again" branch when another session got there first.  Four pgbench
# clients put and delete five keys of a table with a sort key and a GSI
# for UPSERT_STRESS_SECONDS (8), every call its own transaction, so those
# branches run thousands of times.  Checks: no call failed (no unique
# violation, no "tuple concurrently updated", no deadlock); the backing
# table holds at most one row per key, each row's key columns match its
# item; the GSI finds exactly the rows that have its key; amcheck
# (bt_index_check with heapallindexed) finds every index of the backing
# table consistent with the heap.
#
# Last line: "upsert_stress: ok (...)" or "upsert_stress: FAILED ..."; exit 1
# on failure.  Needs psql and pgbench; connection from the PG* variables.
# Knobs: UPSERT_STRESS_DB (dyn_upsert_stress; dropped and recreated),
# UPSERT_STRESS_SECONDS (8), UPSERT_STRESS_CLIENTS (4).

set -u
db=${UPSERT_STRESS_DB:-dyn_upsert_stress}
secs=${UPSERT_STRESS_SECONDS:-8}
clients=${UPSERT_STRESS_CLIENTS:-4}
PGBENCH=${PGBENCH:-$(command -v pg_config >/dev/null && echo "$(pg_config --bindir)/pgbench")}
[ -x "${PGBENCH:-}" ] || PGBENCH=/usr/lib/postgresql/15/bin/pgbench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
	# a call that never returns must not outlive the test
	psql -X -q -At -d postgres -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
	                               WHERE datname = '$db' AND pid <> pg_backend_pid()" >/dev/null 2>&1
	echo "upsert_stress: FAILED $*"
	exit 1
}
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1 ||
	fail "could not create database $db"
q "CREATE EXTENSION dynamo_ext" || fail "CREATE EXTENSION dynamo_ext"
q "CREATE EXTENSION amcheck" || fail "CREATE EXTENSION amcheck"
q "SELECT dyn_create_table('{\"TableName\": \"Hot\",
      \"AttributeDefinitions\": [{\"AttributeName\": \"pk\", \"AttributeType\": \"S\"},
                               {\"AttributeName\": \"sk\", \"AttributeType\": \"N\"},
                               {\"AttributeName\": \"g\", \"AttributeType\": \"S\"}],
      \"KeySchema\": [{\"AttributeName\": \"pk\", \"KeyType\": \"HASH\"},
                    {\"AttributeName\": \"sk\", \"KeyType\": \"RANGE\"}],
      \"GlobalSecondaryIndexes\": [{\"IndexName\": \"ByG\",
          \"KeySchema\": [{\"AttributeName\": \"g\", \"KeyType\": \"HASH\"}],
          \"Projection\": {\"ProjectionType\": \"ALL\"}}],
      \"BillingMode\": \"PAY_PER_REQUEST\"}') IS NULL" >/dev/null || fail "CreateTable"

# one call per transaction: a put (some items without the GSI key) or a delete
cat > "$work/hot.sql" <<'SQL'
\set k random(1, 5)
\set v random(1, 1000000)
\set d random(1, 4)
SELECT CASE WHEN :d = 1
  THEN dyn_delete_item(('{"TableName": "Hot", "Key": {"pk": {"S": "k' || :k || '"}, "sk": {"N": "' || (:k % 2) || '"}}}')::jsonb)
  WHEN :v % 5 = 0
  THEN dyn_put_item(('{"TableName": "Hot", "Item": {"pk": {"S": "k' || :k || '"}, "sk": {"N": "' || (:k % 2) || '"}, "v": {"N": "' || :v || '"}}}')::jsonb)
  ELSE dyn_put_item(('{"TableName": "Hot", "Item": {"pk": {"S": "k' || :k || '"}, "sk": {"N": "' || (:k % 2) || '"}, "g": {"S": "g' || (:v % 3) || '"}, "v": {"N": "' || :v || '"}}}')::jsonb)
  END;
SQL
timeout $((secs + 60)) "$PGBENCH" -n -M prepared -T "$secs" -c "$clients" -j "$clients" \
	-f "$work/hot.sql" "$db" > "$work/pgbench.log" 2>&1 ||
	{ cat "$work/pgbench.log"; fail "pgbench exited with an error or did not finish"; }
grep -qiE 'error|aborted' "$work/pgbench.log" && { cat "$work/pgbench.log"; fail "a call failed"; }
ops=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/pgbench.log")
[ -n "$ops" ] && [ "$ops" -gt 0 ] || fail "no calls were made"

bt=$(q "SELECT format('%I.%I', backing_schema, backing_name) FROM dynamo.tables WHERE table_name = 'Hot'")
rows=$(q "SELECT count(*) FROM $bt")
keys=$(q "SELECT count(DISTINCT (pk, sk)) FROM $bt")
bad=$(q "SELECT count(*) FROM $bt WHERE item -> 'pk' ->> 'S' <> pk OR (item -> 'sk' ->> 'N')::numeric <> sk")
[ "$rows" = "$keys" ] && [ "$rows" -le 5 ] || fail "$rows rows for $keys keys"
[ "$bad" = 0 ] || fail "$bad rows whose key columns do not match their item"
with_g=$(q "SELECT count(*) FROM $bt WHERE item ? 'g'")
in_gsi=$(q "SELECT sum((dyn_query(jsonb_build_object('TableName', 'Hot', 'IndexName', 'ByG',
              'KeyConditionExpression', 'g = :g',
              'ExpressionAttributeValues', jsonb_build_object(':g', jsonb_build_object('S', 'g' || i))))
              ->> 'Count')::int) FROM generate_series(0, 2) AS i")
[ "$with_g" = "$in_gsi" ] || fail "the GSI finds $in_gsi items, $with_g have its key"
q "SELECT count(bt_index_check(i.indexrelid, true)) FROM pg_index i WHERE i.indrelid = '$bt'::regclass" \
	> "$work/amcheck.log" 2>&1 || { cat "$work/amcheck.log"; fail "amcheck"; }
nidx=$(cat "$work/amcheck.log")

psql -X -q -d postgres -c "DROP DATABASE $db" >/dev/null 2>&1
echo "upsert_stress: ok ($ops calls from $clients sessions on 5 keys in ${secs}s, no failure;" \
	"$rows rows, $in_gsi in the GSI; $nidx indexes pass amcheck)"
