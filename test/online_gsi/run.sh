#!/usr/bin/env bash
# test/online_gsi/run.sh
#	  Proof that adding a GSI to a live table is online: a writer session
#	  does PutItem continuously (pgbench, a steady rate) for a while before
#	  and during an UpdateTable Create of a GSI on a table of 200,000
#	  items; the build must never block it (no error, no single write over
#	  1 s), the index must become ACTIVE, and every item written before and
#	  during the build must be in it (Scan and Query on the index against
#	  SQL on the backing table).  Prints the writer's p99 and max latency
#	  before and during the build, and a last line
#	  "online_gsi: ok (...)" or "online_gsi: FAILED ...".
#
#	  Needs a running cluster with dynamo_ext installed (PGHOST, PGPORT,
#	  PGUSER; default the project's local cluster), pgbench and perl.
#	  Creates and drops its own database (ONLINE_GSI_DB, default
#	  online_gsi).  Runs in about a minute.

set -u

export PGHOST=${PGHOST:-/tmp} PGPORT=${PGPORT:-54329} PGUSER=${PGUSER:-postgres}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
DB=${ONLINE_GSI_DB:-online_gsi}
ITEMS=${ONLINE_GSI_ITEMS:-200000}	# items in the table before the writer starts
BEFORE=${ONLINE_GSI_BEFORE:-10}		# seconds of writes before the build starts
WRITE_SECONDS=${ONLINE_GSI_WRITE_SECONDS:-40}	# how long the writer runs in all
RATE=${ONLINE_GSI_RATE:-400}		# writes per second
LIMIT_MS=1000						# no single write may take longer

WORK=$(mktemp -d /tmp/online_gsi.XXXXXX)
WRITER_PID=

cleanup()
{
	if [ -n "$WRITER_PID" ] && kill -0 "$WRITER_PID" 2>/dev/null; then
		kill "$WRITER_PID" 2>/dev/null
		wait "$WRITER_PID" 2>/dev/null
	fi
	if [ "${ONLINE_GSI_KEEP:-0}" = 0 ]; then
		"$PGBIN/psql" -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1
		rm -rf "$WORK"
	else
		echo "online_gsi: kept database $DB and $WORK"
	fi
}
trap cleanup EXIT

fail()
{
	echo "online_gsi: FAILED ($*)"
	exit 1
}

# psql on the test database: quiet, unaligned, stop at the first error
q()
{
	"$PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@"
}

now() { date +%s.%N; }

for tool in psql pgbench; do
	[ -x "$PGBIN/$tool" ] || fail "$PGBIN/$tool not found"
done
command -v perl >/dev/null || fail "perl not found"

echo "online_gsi: database $DB on $PGHOST:$PGPORT, $ITEMS items, writer at $RATE/s"

# --- the table and its items ---------------------------------------------
PGOPTIONS="-c client_min_messages=warning" "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -d postgres \
	-c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" -c "CREATE DATABASE \"$DB\"" >/dev/null ||
	fail "cannot create database $DB"
q -c "CREATE EXTENSION dynamo_ext" || fail "CREATE EXTENSION dynamo_ext"
q -c "SELECT dyn_create_table('{\"TableName\": \"Events\",
  \"AttributeDefinitions\": [{\"AttributeName\": \"pk\", \"AttributeType\": \"S\"},
    {\"AttributeName\": \"sk\", \"AttributeType\": \"N\"}],
  \"KeySchema\": [{\"AttributeName\": \"pk\", \"KeyType\": \"HASH\"}, {\"AttributeName\": \"sk\", \"KeyType\": \"RANGE\"}],
  \"BillingMode\": \"PAY_PER_REQUEST\"}')" >/dev/null || fail "CreateTable"
REL=$(q -c "SELECT format('%I.%I', backing_schema, backing_name) FROM dynamo.tables WHERE table_name = 'Events'")
[ -n "$REL" ] || fail "no backing table for Events"

# straight into the backing table: nine items in ten have the future
# index key Kind (the index is sparse), numbers in DynamoDB's canonical form
t0=$(now)
q -c "INSERT INTO $REL (pk, sk, item)
      SELECT 'load-' || (i % 1000), i,
             jsonb_build_object('pk', jsonb_build_object('S', 'load-' || (i % 1000)),
                                'sk', jsonb_build_object('N', i::text),
                                'Payload', jsonb_build_object('S', repeat(md5(i::text), 3)))
             || CASE WHEN i % 10 = 0 THEN '{}'::jsonb
                     ELSE jsonb_build_object('Kind', jsonb_build_object('S', 'k' || (i % 7)),
                                             'WrittenAt', jsonb_build_object('N', '0')) END
        FROM generate_series(1, $ITEMS) AS i" || fail "loading $ITEMS items"
q -c "ANALYZE $REL" || fail "ANALYZE"
loaded=$(q -c "SELECT count(*) FROM $REL")
[ "$loaded" = "$ITEMS" ] || fail "loaded $loaded items, not $ITEMS"
echo "online_gsi: loaded $loaded items in $(perl -e "printf '%.1f', $(now) - $t0") s"

# --- the writer: one session, PutItem at a steady rate ---------------------
# Each item records when it was written (microseconds since the epoch), so
# that the items written during the build can be told apart.
cat > "$WORK/write.sql" <<'EOF'
\set n random(1, 2000000000)
SELECT dyn_put_item(jsonb_build_object('TableName', 'Events', 'Item', jsonb_build_object(
  'pk', jsonb_build_object('S', 'w-' || (:n % 97)),
  'sk', jsonb_build_object('N', (:n)::text),
  'Kind', jsonb_build_object('S', 'k' || (:n % 7)),
  'WrittenAt', jsonb_build_object('N', floor(extract(epoch FROM clock_timestamp()) * 1000000)::bigint::text),
  'Payload', jsonb_build_object('S', md5((:n)::text)))));
EOF
"$PGBIN/pgbench" -n -c 1 -T "$WRITE_SECONDS" -R "$RATE" -f "$WORK/write.sql" \
	--log --log-prefix="$WORK/writer" -d "$DB" >"$WORK/pgbench.out" 2>&1 &
WRITER_PID=$!
sleep "$BEFORE"
kill -0 "$WRITER_PID" 2>/dev/null || { cat "$WORK/pgbench.out"; fail "the writer stopped before the build"; }

# --- the build: UpdateTable returns at once, DescribeTable until ACTIVE ------
build_start=$(now)
resp=$(q -c "SELECT (r #>> '{TableDescription,GlobalSecondaryIndexes,0,IndexStatus}')
  FROM dyn_update_table('{\"TableName\": \"Events\",
    \"AttributeDefinitions\": [{\"AttributeName\": \"Kind\", \"AttributeType\": \"S\"}],
    \"GlobalSecondaryIndexUpdates\": [{\"Create\": {\"IndexName\": \"ByKind\",
      \"KeySchema\": [{\"AttributeName\": \"Kind\", \"KeyType\": \"HASH\"}],
      \"Projection\": {\"ProjectionType\": \"INCLUDE\", \"NonKeyAttributes\": [\"WrittenAt\"]}}}]}') AS r") ||
	fail "UpdateTable Create ByKind"
update_ms=$(perl -e "printf '%.0f', ($(now) - $build_start) * 1000")
[ "$resp" = "CREATING" ] || fail "UpdateTable returned IndexStatus '$resp', not CREATING"
echo "online_gsi: UpdateTable returned after $update_ms ms with the index CREATING"

deadline=$(perl -e "print $build_start + $WRITE_SECONDS - $BEFORE - 2")
status=CREATING
# each poll is its own session and transaction: a poller holding one
# snapshot would make CREATE INDEX CONCURRENTLY wait for it
while :; do
	status=$(q -c "SELECT coalesce(x->>'IndexStatus', 'absent') || coalesce(' ' || (x->>'BuildError'), '')
	  FROM dyn_describe_table('{\"TableName\": \"Events\"}') AS d,
	       jsonb_array_elements(d->'Table'->'GlobalSecondaryIndexes') AS x
	 WHERE x->>'IndexName' = 'ByKind'") || fail "DescribeTable"
	[ "$status" = CREATING ] || break
	perl -e "exit($(now) > $deadline ? 0 : 1)" && break
	sleep 0.1
done
build_end=$(now)
build_s=$(perl -e "printf '%.1f', $build_end - $build_start")
[ "$status" = ACTIVE ] || fail "index ByKind is '$status' after $build_s s"
echo "online_gsi: index ACTIVE after $build_s s"

wait "$WRITER_PID"
rc=$?
WRITER_PID=
[ "$rc" = 0 ] || { cat "$WORK/pgbench.out"; fail "the writer saw an error (pgbench exit $rc)"; }
grep -q 'aborted\|ERROR' "$WORK/pgbench.out" && { cat "$WORK/pgbench.out"; fail "the writer saw an error"; }

# --- the writer's latencies --------------------------------------------------
# pgbench's log: client txno time_us script epoch_s epoch_us lag_us; the
# write itself took time - lag (lag is the wait for its scheduled start)
stats=$(cat "$WORK"/writer.* | perl -e '
	my ($bs, $be, $limit) = @ARGV;
	my (@before, @during, @all, $bad, $maxlag);
	while (<STDIN>) {
		my @f = split;
		if (@f < 7 || $f[2] !~ /^\d+$/) { $bad++; next; }
		my $lat = ($f[2] - $f[6]) / 1000.0;		# ms
		my $end = $f[4] + $f[5] / 1e6;
		my $start = $end - $lat / 1000.0;
		push @all, $lat;
		$maxlag = $f[6] if !defined $maxlag || $f[6] > $maxlag;
		if ($end <= $bs) { push @before, $lat; }
		elsif ($start < $be) { push @during, $lat; }
	}
	sub p99 { my @s = sort { $a <=> $b } @_; return @s ? $s[int(0.99 * $#s + 0.5)] : -1; }
	sub max { my $m = -1; for (@_) { $m = $_ if $_ > $m; } return $m; }
	printf "%d %d %d %d %.2f %.2f %.2f %.2f %.2f %.2f\n",
		scalar(@all), scalar(@before), scalar(@during), $bad // 0,
		p99(@before), max(@before), p99(@during), max(@during), max(@all), ($maxlag // 0) / 1000.0;
' "$build_start" "$build_end" "$LIMIT_MS")
read -r n_all n_before n_during n_bad p99_before max_before p99_during max_during max_all max_lag <<<"$stats"
echo "online_gsi: writer: $n_all writes; before the build: $n_before (p99 $p99_before ms, max $max_before ms);" \
	"during: $n_during (p99 $p99_during ms, max $max_during ms); max schedule lag $max_lag ms"
[ "$n_bad" = 0 ] || fail "$n_bad writes failed or were not logged"
[ "$n_before" -gt 0 ] || fail "no write before the build"
[ "$n_during" -gt 0 ] || fail "no write during the build"
perl -e "exit($max_all <= $LIMIT_MS ? 0 : 1)" ||
	fail "a write took $max_all ms (limit $LIMIT_MS ms); p99 before $p99_before ms, during $p99_during ms"

# --- every item is in the index ----------------------------------------------
# SQL on the backing table against Scan and Query on the index (every page)
check=$(q <<EOF
CREATE TEMP TABLE in_index (pk text COLLATE "C", sk numeric, kind text, written numeric);
DO \$\$
DECLARE
    req jsonb := '{"TableName": "Events", "IndexName": "ByKind"}';
    resp jsonb;
BEGIN
    LOOP
        resp := dyn_scan(req);
        INSERT INTO in_index
            SELECT i->'pk'->>'S', (i->'sk'->>'N')::numeric, i->'Kind'->>'S', (i->'WrittenAt'->>'N')::numeric
              FROM jsonb_array_elements(resp->'Items') AS i;
        EXIT WHEN NOT resp ? 'LastEvaluatedKey';
        req := jsonb_set(req, '{ExclusiveStartKey}', resp->'LastEvaluatedKey');
    END LOOP;
END
\$\$;
-- Query each Kind, counting every page
CREATE FUNCTION pg_temp.query_count(kind text, lo numeric, hi numeric) RETURNS bigint LANGUAGE plpgsql AS \$\$
DECLARE
    req jsonb := jsonb_build_object('TableName', 'Events', 'IndexName', 'ByKind', 'Select', 'COUNT',
        'KeyConditionExpression', 'Kind = :k', 'FilterExpression', 'WrittenAt BETWEEN :lo AND :hi',
        'ExpressionAttributeValues', jsonb_build_object(':k', jsonb_build_object('S', kind),
            ':lo', jsonb_build_object('N', lo::text), ':hi', jsonb_build_object('N', hi::text)));
    resp jsonb;
    n bigint := 0;
BEGIN
    LOOP
        resp := dyn_query(req);
        n := n + (resp->>'Count')::bigint;
        EXIT WHEN NOT resp ? 'LastEvaluatedKey';
        req := jsonb_set(req, '{ExclusiveStartKey}', resp->'LastEvaluatedKey');
    END LOOP;
    RETURN n;
END
\$\$;
WITH t AS (
    SELECT pk, sk, item->'Kind'->>'S' AS kind, (item->'WrittenAt'->>'N')::numeric AS written
      FROM $REL WHERE item->'Kind' ? 'S'),
     b AS (SELECT floor($build_start * 1000000) AS lo, ceil($build_end * 1000000) AS hi)
SELECT concat_ws(' ',
    (SELECT count(*) FROM t),
    (SELECT count(*) FROM in_index),
    (SELECT count(*) FROM (SELECT pk, sk FROM t EXCEPT SELECT pk, sk FROM in_index) AS missing),
    (SELECT count(*) FROM (SELECT pk, sk FROM in_index EXCEPT SELECT pk, sk FROM t) AS extra),
    (SELECT count(*) FROM t, b WHERE t.written BETWEEN b.lo AND b.hi),
    (SELECT sum(pg_temp.query_count(k, b.lo, b.hi)) FROM (SELECT DISTINCT kind AS k FROM t) AS kinds, b),
    (SELECT count(*) FROM t WHERE written > 0),
    (SELECT sum(pg_temp.query_count(k, 1, 1e20)) FROM (SELECT DISTINCT kind AS k FROM t) AS kinds));
EOF
) || fail "comparing the index with the table"
read -r n_table n_index n_missing n_extra n_build_sql n_build_query n_written_sql n_written_query <<<"$check"
echo "online_gsi: items with Kind: $n_table in the table, $n_index in the index (Scan), $n_missing missing," \
	"$n_extra extra; written during the build: $n_build_sql (SQL), $n_build_query (Query);" \
	"written by the writer: $n_written_sql (SQL), $n_written_query (Query)"
[ "$n_missing" = 0 ] && [ "$n_extra" = 0 ] && [ "$n_table" = "$n_index" ] ||
	fail "the index does not hold exactly the items with Kind ($n_table in the table, $n_index in the index, $n_missing missing, $n_extra extra)"
[ "$n_build_sql" -gt 0 ] || fail "no item was written during the build"
[ "$n_build_sql" = "$n_build_query" ] ||
	fail "items written during the build: $n_build_sql in the table, $n_build_query found by Query on the index"
[ "$n_written_sql" = "$n_written_query" ] ||
	fail "items written by the writer: $n_written_sql in the table, $n_written_query found by Query on the index"

echo "online_gsi: ok (p99 before $p99_before ms, during $p99_during ms, max $max_all ms)"
