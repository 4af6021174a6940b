#!/bin/bash
# run.sh: the live move to a new key design (DESIGN.md section 5, the seeds'
# six steps) with a writer running throughout.
#
# The seeds' UserData V1 (hash key UserId) is moved to V2 (PK =
# ACCT#<account>, SK = USER#<userid>, GSI ByCreated on AccountId/CreatedAt)
# while a writer (perl feeding one psql session) keeps doing PutItem,
# UpdateItem (changing the account too) and DeleteItem on UserData, each
# write its own transaction.  Every write is recorded, in the write's own
# transaction, in an expected-state table (move_model: plain SQL, not the
# extension); every error is recorded (move_write_errors) and printed.
#
# The move: dyn_move_start, backfill (waited for), validate (must pass with
# the writer running; retried twice; if it cannot, the writer is paused to
# tell a false mismatch from a real one), read_switch, cutover, archive,
# done.  Just before cutover the writer pauses (it has to learn the new key
# design: its writes by the name UserData then use V2's keys, a key change
# being a Put of the new key and a Delete of the old one in one
# TransactWriteItems); it resumes right after, and keeps writing through
# archive and done.
#
# Checks, each in one REPEATABLE READ snapshot: after backfill and before
# cutover the V2 table holds exactly the transforms of the V1 items, and
# the V1 table holds exactly the expected items; the archive (dyn_move_export)
# is exactly the V1 items at cutover; at the end the table named UserData
# (the V2 table) holds exactly the transforms of the expected items (the
# initial items and every write made during the move), through the backing
# table, Scan, Query and the GSI; the old table is gone; the writer saw no
# error; the server did not crash (MOVE_LIVE_SERVER_LOG, when given).
#
# Last line: "move_live: ok (...)" or "move_live: FAILED ..."; exit 1 on
# failure.  Needs bash, perl and psql; connection from the PG* variables.
# Knobs: MOVE_LIVE_DB (dyn_move_live; dropped and recreated),
# MOVE_LIVE_ITEMS (20000), MOVE_LIVE_SEED (1), MOVE_LIVE_TIMEOUT (60 s per
# wait), MOVE_LIVE_SERVER_LOG, MOVE_LIVE_KEEP=1 (keep the database and the
# work directory), MOVE_LIVE_PAUSE_BACKFILL=1 (pause the writer while the
# backfill runs: a diagnostic, to try the later phases when the backfill
# races with writes; the run still fails then).

set -u

DB=${MOVE_LIVE_DB:-dyn_move_live}
ITEMS=${MOVE_LIVE_ITEMS:-20000}
SEED=${MOVE_LIVE_SEED:-1}
TIMEOUT=${MOVE_LIVE_TIMEOUT:-60}
SERVER_LOG=${MOVE_LIVE_SERVER_LOG:-}
KEEP=${MOVE_LIVE_KEEP:-0}
PAUSE_BACKFILL=${MOVE_LIVE_PAUSE_BACKFILL:-0}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/move_live.XXXXXX")
PSQL=(psql -X -q -v ON_ERROR_STOP=1)
START_TS=$(date -u '+%Y-%m-%d %H:%M:%S')
SECONDS=0

problems=()
writer_pid=

say() { echo "move_live: $*"; }
problem() { echo "move_live: PROBLEM: $*"; problems+=("$*"); }
q() { "${PSQL[@]}" -At -d "$DB" "$@"; }
# one REPEATABLE READ snapshot: every statement of $1 sees the same data
qsnap() { printf 'BEGIN ISOLATION LEVEL REPEATABLE READ;\n%s\nCOMMIT;\n' "$1" | q; }

finish() {
	local rc=0
	if [ -n "$writer_pid" ] && kill -0 "$writer_pid" 2>/dev/null; then
		touch "$WORK/stop"
		for _ in $(seq 50); do kill -0 "$writer_pid" 2>/dev/null || break; sleep 0.1; done
		kill -0 "$writer_pid" 2>/dev/null && kill "$writer_pid" 2>/dev/null
	fi
	if [ -n "$SERVER_LOG" ] && [ -r "$SERVER_LOG" ]; then
		if awk -v s="$START_TS" 'substr($0, 1, 19) >= s' "$SERVER_LOG" | grep -q 'terminated by signal'; then
			problem "the server log shows a backend terminated by a signal"
		fi
	fi
	if [ ${#problems[@]} -eq 0 ]; then
		[ "$KEEP" = 1 ] || { dropdb --if-exists "$DB" >/dev/null 2>&1; rm -rf "$WORK"; }
		echo "move_live: ok ($1; ${SECONDS}s)"
	else
		echo "move_live: work directory $WORK, database $DB kept"
		local all
		all=$(printf '%s; ' "${problems[@]}")
		echo "move_live: FAILED ${#problems[@]} problem(s): ${all%; }"
		rc=1
	fi
	exit $rc
}

abort() { problem "$*"; finish "aborted"; }

# ---- set-up -----------------------------------------------------------------

dropdb --if-exists "$DB" >/dev/null 2>&1
createdb "$DB" || abort "cannot create database $DB"
q >/dev/null <<EOF || abort "set-up failed"
CREATE EXTENSION dynamo_ext;
SELECT dyn_create_table('{"TableName": "UserData",
  "AttributeDefinitions": [{"AttributeName": "UserId", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "UserId", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') IS NULL;

-- V1 -> V2, on typed items
CREATE FUNCTION userdata_v2(item jsonb) RETURNS SETOF jsonb LANGUAGE sql IMMUTABLE AS \$\$
  SELECT item || jsonb_build_object(
           'PK', jsonb_build_object('S', 'ACCT#' || (item #>> '{AccountId,S}')),
           'SK', jsonb_build_object('S', 'USER#' || (item #>> '{UserId,S}')))
   WHERE item ? 'AccountId' \$\$;

-- the expected state: every write, applied by plain SQL in its own transaction
CREATE TABLE move_model (uid text COLLATE "C" PRIMARY KEY, acct text NOT NULL, name text NOT NULL, seq bigint NOT NULL);
CREATE TABLE move_writes (seq bigint PRIMARY KEY, shape text, op text, uid text, acct text,
                          at timestamptz DEFAULT clock_timestamp());
CREATE TABLE move_write_errors (seq bigint, shape text, op text, uid text, sqlstate text, message text,
                                at timestamptz DEFAULT clock_timestamp());
CREATE TABLE move_writer (id int PRIMARY KEY, paused boolean NOT NULL DEFAULT false, done boolean NOT NULL DEFAULT false);
INSERT INTO move_writer VALUES (1);
CREATE TABLE move_phases (phase text, at timestamptz DEFAULT clock_timestamp());
CREATE TABLE move_model_at_cutover (LIKE move_model);

CREATE FUNCTION created_of(uid text) RETURNS text LANGUAGE sql IMMUTABLE AS \$\$
  SELECT '2025-' || lpad((abs(hashtext(uid)) % 12 + 1)::text, 2, '0') || '-' || lpad((abs(hashtext(uid || 'd')) % 28 + 1)::text, 2, '0') \$\$;
-- the typed V1 item of a model row
CREATE FUNCTION v1_item(m move_model) RETURNS jsonb LANGUAGE sql IMMUTABLE AS \$\$
  SELECT jsonb_build_object('UserId', jsonb_build_object('S', m.uid), 'AccountId', jsonb_build_object('S', m.acct),
                            'Name', jsonb_build_object('S', m.name), 'CreatedAt', jsonb_build_object('S', created_of(m.uid)),
                            'Seq', jsonb_build_object('N', m.seq::text)) \$\$;
CREATE FUNCTION v2_key(uid text, acct text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS \$\$
  SELECT jsonb_build_object('PK', jsonb_build_object('S', 'ACCT#' || acct), 'SK', jsonb_build_object('S', 'USER#' || uid)) \$\$;

-- one write of the writer: shape v1 (before cutover) or v2 (after)
CREATE FUNCTION w(p_seq bigint, p_shape text, p_op text, p_uid text, p_acct text) RETURNS void LANGUAGE plpgsql AS \$\$
DECLARE
  cur move_model;
  nxt move_model;
  names jsonb := '{"#a": "AccountId", "#n": "Name", "#c": "CreatedAt", "#s": "Seq"}';
  st text; msg text;
BEGIN
  SELECT * INTO cur FROM move_model WHERE uid = p_uid;
  BEGIN
    IF p_op IN ('put', 'update') AND (p_shape = 'v1' OR p_op = 'put' OR cur.uid IS NULL) THEN
      nxt := ROW(p_uid, p_acct, 'n' || p_seq, p_seq);
      IF p_shape = 'v1' AND p_op = 'put' THEN
        PERFORM dyn_put_item(jsonb_build_object('TableName', 'UserData', 'Item', v1_item(nxt)));
      ELSIF p_shape = 'v1' THEN
        PERFORM dyn_update_item(jsonb_build_object('TableName', 'UserData',
          'Key', jsonb_build_object('UserId', jsonb_build_object('S', p_uid)),
          'UpdateExpression', 'SET #a = :a, #n = :n, #c = :c, #s = :s',
          'ExpressionAttributeNames', names,
          'ExpressionAttributeValues', jsonb_build_object(':a', jsonb_build_object('S', p_acct),
             ':n', jsonb_build_object('S', nxt.name), ':c', jsonb_build_object('S', created_of(p_uid)),
             ':s', jsonb_build_object('N', p_seq::text))));
      ELSIF cur.uid IS NOT NULL AND cur.acct <> p_acct THEN
        -- V2: a new account is a new key: put it and delete the old one, atomically
        PERFORM dyn_transact_write_items(jsonb_build_object('TransactItems', jsonb_build_array(
          jsonb_build_object('Put', jsonb_build_object('TableName', 'UserData',
            'Item', v1_item(nxt) || v2_key(p_uid, p_acct))),
          jsonb_build_object('Delete', jsonb_build_object('TableName', 'UserData',
            'Key', v2_key(p_uid, cur.acct))))));
      ELSE
        PERFORM dyn_put_item(jsonb_build_object('TableName', 'UserData', 'Item', v1_item(nxt) || v2_key(p_uid, p_acct)));
      END IF;
      INSERT INTO move_model VALUES (nxt.*)
        ON CONFLICT (uid) DO UPDATE SET acct = excluded.acct, name = excluded.name, seq = excluded.seq;
    ELSIF p_op = 'update' THEN
      -- V2, an existing user: a new name in place
      PERFORM dyn_update_item(jsonb_build_object('TableName', 'UserData', 'Key', v2_key(p_uid, cur.acct),
        'UpdateExpression', 'SET #n = :n, #s = :s',
        'ExpressionAttributeNames', names - '#a' - '#c',
        'ExpressionAttributeValues', jsonb_build_object(':n', jsonb_build_object('S', 'n' || p_seq),
           ':s', jsonb_build_object('N', p_seq::text))));
      UPDATE move_model SET name = 'n' || p_seq, seq = p_seq WHERE uid = p_uid;
    ELSIF p_op = 'delete' THEN
      IF p_shape = 'v1' THEN
        PERFORM dyn_delete_item(jsonb_build_object('TableName', 'UserData',
          'Key', jsonb_build_object('UserId', jsonb_build_object('S', p_uid))));
      ELSE
        PERFORM dyn_delete_item(jsonb_build_object('TableName', 'UserData',
          'Key', v2_key(p_uid, coalesce(cur.acct, p_acct))));
      END IF;
      DELETE FROM move_model WHERE uid = p_uid;
    END IF;
  EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
    INSERT INTO move_write_errors (seq, shape, op, uid, sqlstate, message) VALUES (p_seq, p_shape, p_op, p_uid, st, msg);
    RAISE WARNING 'write % (% % %) failed: % %', p_seq, p_shape, p_op, p_uid, st, msg;
    RETURN;
  END;
  INSERT INTO move_writes (seq, shape, op, uid, acct) VALUES (p_seq, p_shape, p_op, p_uid, p_acct);
END \$\$;

-- where table dst differs from the transforms of src's items (src: a table,
-- or NULL for the expected items); 'v1' compares src with the expected V1 items
CREATE FUNCTION backing(tbl text) RETURNS text LANGUAGE sql AS \$\$
  SELECT format('%I.%I', backing_schema, backing_name) FROM dynamo.tables WHERE table_name = tbl \$\$;
CREATE FUNCTION diff_v2(src text, dst text) RETURNS TABLE (side text, item jsonb) LANGUAGE plpgsql AS \$\$
DECLARE want text := CASE WHEN src IS NULL THEN '(SELECT t AS item FROM move_model m, userdata_v2(v1_item(m)) t)'
                          ELSE format('(SELECT t AS item FROM %s s, userdata_v2(s.item) t)', backing(src)) END;
BEGIN
  RETURN QUERY EXECUTE format('(SELECT ''missing'', item FROM %1\$s w EXCEPT ALL SELECT ''missing'', item FROM %2\$s)
    UNION ALL (SELECT ''extra'', item FROM %2\$s EXCEPT ALL SELECT ''extra'', item FROM %1\$s w)', want, backing(dst));
END \$\$;
CREATE FUNCTION diff_v1(src text) RETURNS TABLE (side text, item jsonb) LANGUAGE plpgsql AS \$\$
BEGIN
  RETURN QUERY EXECUTE format('(SELECT ''missing'', v1_item(m) FROM move_model m EXCEPT ALL SELECT ''missing'', item FROM %1\$s)
    UNION ALL (SELECT ''extra'', item FROM %1\$s EXCEPT ALL SELECT ''extra'', v1_item(m) FROM move_model m)', backing(src));
END \$\$;

-- the initial items, in the table and in the expected state
INSERT INTO move_model
  SELECT 'u' || lpad(i::text, 6, '0'), 'a' || lpad((i % 50)::text, 2, '0'), 'initial', 0 FROM generate_series(1, $ITEMS) i;
SELECT count(dyn_put_item(jsonb_build_object('TableName', 'UserData', 'Item', v1_item(m)))) FROM move_model m;
EOF
say "set-up: $ITEMS items ($SECONDS s)"

# ---- the writer ---------------------------------------------------------------

cat > "$WORK/writer.pl" <<'EOF'
# feeds one psql session with writes; files in the work directory steer it:
# "pause" (finish the queued writes, set move_writer.paused, wait for
# "resume"), "shape" (v1 or v2), "stop"
use strict;
use warnings;
use Time::HiRes qw(usleep);
my ($work, $db, $seed, $items) = @ARGV;
srand($seed);
$| = 1;
open(my $psql, '|-', 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=0', '-d', $db)
	or die "cannot start psql: $!";
my $old = select($psql); $| = 1; select($old);
my $seq = 0;
my $shape = 'v1';
my $keys = int($items * 1.1);
while (!-e "$work/stop") {
	if (-e "$work/pause") {
		print $psql "UPDATE move_writer SET paused = true;\n" or die "psql went away";
		usleep(10000) while !-e "$work/resume" && !-e "$work/stop";
		if (open(my $f, '<', "$work/shape")) { $shape = <$f>; chomp $shape; close $f; }
		unlink "$work/pause", "$work/resume";
		print $psql "UPDATE move_writer SET paused = false;\n" or die "psql went away";
		next;
	}
	$seq++;
	my $r = rand();
	my $op = $r < 0.35 ? 'put' : $r < 0.80 ? 'update' : 'delete';
	my $uid = sprintf('u%06d', 1 + int(rand($keys)));
	my $acct = sprintf('a%02d', int(rand(50)));
	print $psql "SELECT w($seq, '$shape', '$op', '$uid', '$acct');\n" or die "psql went away";
	usleep(300) if $seq % 4 == 0;
}
print $psql "UPDATE move_writer SET done = true;\n";
close($psql);
exit($? >> 8);
EOF

phase() { q -c "INSERT INTO move_phases (phase) VALUES ('$1')"; }
echo v1 > "$WORK/shape"
phase start
perl "$WORK/writer.pl" "$WORK" "$DB" "$SEED" "$ITEMS" >"$WORK/writer.out" 2>"$WORK/writer.err" &
writer_pid=$!

writes() { q -c "SELECT count(*) FROM move_writes"; }
# wait until the writer has made $1 more writes (it must be alive and writing)
wait_writes() {
	local target=$(( $(writes) + $1 ))
	for _ in $(seq $((TIMEOUT * 10))); do
		[ "$(writes)" -ge "$target" ] && return 0
		kill -0 "$writer_pid" 2>/dev/null || abort "the writer died: $(tail -3 "$WORK/writer.err")"
		sleep 0.1
	done
	abort "the writer made no progress"
}
pause_writer() {
	touch "$WORK/pause"
	for _ in $(seq $((TIMEOUT * 10))); do
		[ "$(q -c 'SELECT paused FROM move_writer')" = t ] && return 0
		kill -0 "$writer_pid" 2>/dev/null || abort "the writer died: $(tail -3 "$WORK/writer.err")"
		sleep 0.05
	done
	abort "the writer did not pause"
}
resume_writer() {
	echo "$1" > "$WORK/shape"
	touch "$WORK/resume"
	for _ in $(seq $((TIMEOUT * 10))); do
		[ "$(q -c 'SELECT paused FROM move_writer')" = f ] && return 0
		sleep 0.05
	done
	abort "the writer did not resume"
}
state() { q -c "SELECT phase || ' ' || state FROM dyn_moves WHERE id = $mid"; }
wait_state() {
	local s
	for _ in $(seq $((TIMEOUT * 10))); do
		s=$(state)
		case "$s" in *running) sleep 0.1 ;; *) echo "$s"; return 0 ;; esac
	done
	echo "$s"
}
advance() {
	local out
	out=$(q -c "SELECT dyn_move_advance($mid${1:+, '$1'})" 2>&1) || { problem "advance${1:+ to $1} refused: $out"; return 1; }
	phase "$out"
}
# the differences, in one snapshot, between the transforms of $1 (NULL: the
# expected items) and table $2
diff_count() { qsnap "SELECT count(*) FROM diff_v2($1, '$2');"; }
show_diff() {
	qsnap "SELECT side || ' ' || item::text FROM diff_v2($1, '$2') ORDER BY 1 LIMIT 5;" | sed 's/^/move_live:   /'
}

wait_writes 300
say "writer running ($(writes) writes)"

# ---- step 1: the V2 table, dual writes ------------------------------------------

mid=$(q -c "SELECT dyn_move_start('{\"SourceTable\": \"UserData\", \"Transform\": \"userdata_v2\",
  \"Target\": {\"TableName\": \"UserDataV2\",
    \"AttributeDefinitions\": [{\"AttributeName\": \"PK\", \"AttributeType\": \"S\"},
                             {\"AttributeName\": \"SK\", \"AttributeType\": \"S\"},
                             {\"AttributeName\": \"AccountId\", \"AttributeType\": \"S\"},
                             {\"AttributeName\": \"CreatedAt\", \"AttributeType\": \"S\"}],
    \"KeySchema\": [{\"AttributeName\": \"PK\", \"KeyType\": \"HASH\"}, {\"AttributeName\": \"SK\", \"KeyType\": \"RANGE\"}],
    \"GlobalSecondaryIndexes\": [{\"IndexName\": \"ByCreated\",
      \"KeySchema\": [{\"AttributeName\": \"AccountId\", \"KeyType\": \"HASH\"}, {\"AttributeName\": \"CreatedAt\", \"KeyType\": \"RANGE\"}],
      \"Projection\": {\"ProjectionType\": \"ALL\"}}],
    \"BillingMode\": \"PAY_PER_REQUEST\"}}')" 2>&1) || abort "dyn_move_start: $mid"
phase dual_write
say "move started: $(state)"
wait_writes 300

# ---- step 2: backfill ----------------------------------------------------------------

[ "$PAUSE_BACKFILL" = 1 ] && pause_writer
advance || finish "stopped"
s=$(wait_state)
if [ "$PAUSE_BACKFILL" = 1 ]; then
	resume_writer v1
	problem "MOVE_LIVE_PAUSE_BACKFILL=1: the writer was paused during the backfill"
fi
say "backfill: $s, $(q -c "SELECT progress FROM dyn_moves WHERE id = $mid")%"
[ "$s" = "backfill ready" ] || abort "backfill did not finish: $s ($(q -c "SELECT last_error FROM dyn_jobs j JOIN dynamo.moves m ON m.job_id = j.id WHERE m.id = $mid"))"
n=$(diff_count "'UserData'" UserDataV2)
if [ "$n" != 0 ]; then
	problem "after backfill, with dual writes going on, the V2 table differs from the transforms of the V1 items in $n items"
	show_diff "'UserData'" UserDataV2
fi
wait_writes 300

# ---- step 3: validate, with the writer running --------------------------------------

validated=
for attempt in 1 2 3; do
	if [ $attempt = 1 ]; then advance || break; else advance validate || break; fi
	s=$(wait_state)
	if [ "$s" = "validate ready" ]; then validated=$attempt; break; fi
	say "validate (attempt $attempt, writer running): $s, $(q -c "SELECT mismatches || ' mismatches, samples ' || left(samples::text, 300) FROM dyn_moves WHERE id = $mid")"
done
if [ -z "$validated" ]; then
	real=$(diff_count "'UserData'" UserDataV2)
	problem "validate failed 3 times with the writer running; a consistent snapshot shows $real real differences"
	[ "$real" != 0 ] && show_diff "'UserData'" UserDataV2
	# tell a false mismatch from a real one: validate once more without writes
	pause_writer
	advance validate
	s=$(wait_state)
	say "validate with the writer paused: $s, $(q -c "SELECT mismatches FROM dyn_moves WHERE id = $mid") mismatches"
	resume_writer v1
	[ "$s" = "validate ready" ] || abort "validate fails even without writes"
fi
say "validate: ready (attempt ${validated:-paused}), $(q -c "SELECT mismatches FROM dyn_moves WHERE id = $mid") mismatches"
wait_writes 200

# ---- step 4: read switch ------------------------------------------------------------------

advance || abort "read_switch"
reads=$(q -c "SELECT count(*) FROM generate_series(0, 49) a, dyn_query('UserDataV2', 'PK = :p', jsonb_build_object(':p', 'ACCT#a' || lpad(a::text, 2, '0')))")
say "read_switch: $(state); $reads items read from UserDataV2 by its 50 account partitions"
wait_writes 200

# ---- step 5: cutover --------------------------------------------------------------------------

pause_writer
q -c "INSERT INTO move_model_at_cutover SELECT * FROM move_model" || abort "model copy"
n=$(qsnap "SELECT (SELECT count(*) FROM diff_v1('UserData')) || ' ' || (SELECT count(*) FROM diff_v2('UserData', 'UserDataV2'));")
if [ "$n" != "0 0" ]; then
	problem "before cutover: V1 differs from the expected items / V2 from their transforms: $n"
	qsnap "SELECT 'v1 ' || side || ' ' || item::text FROM diff_v1('UserData') ORDER BY 1 LIMIT 5;" | sed 's/^/move_live:   /'
	show_diff "'UserData'" UserDataV2
fi
advance || abort "cutover"
resume_writer v2
say "cutover: $(state); $(q -c "SELECT string_agg(x, ', ') FROM jsonb_array_elements_text(dyn_list_tables('{}') -> 'TableNames') x"); writer resumed with V2 keys"
wait_writes 300

# ---- step 6: archive, done ----------------------------------------------------------------

advance || abort "archive"
s=$(state)
n=$(q -c "SELECT count(*) FROM ((SELECT line::jsonb -> 'Item' FROM dyn_move_export($mid) line
                                 EXCEPT ALL SELECT v1_item(ROW(m.uid, m.acct, m.name, m.seq)::move_model) FROM move_model_at_cutover m)
                         UNION ALL (SELECT v1_item(ROW(m.uid, m.acct, m.name, m.seq)::move_model) FROM move_model_at_cutover m
                                 EXCEPT ALL SELECT line::jsonb -> 'Item' FROM dyn_move_export($mid) line)) d")
lines=$(q -c "SELECT count(*) FROM dyn_move_export($mid)")
[ "$n" = 0 ] || problem "the archive differs from the V1 items at cutover in $n items"
[ "$(q -c "SELECT count(*) FROM dynamo.tables WHERE table_name LIKE 'UserData\_\_moved\_%'")" = 0 ] ||
	problem "the old table is still there after archive"
say "archive: $s; $lines lines exported"
wait_writes 200
advance || abort "done"
say "done: $(state)"
wait_writes 300

# ---- the end: stop the writer, check -------------------------------------------------------

touch "$WORK/stop"
wait "$writer_pid"
wrc=$?
writer_pid=
[ "$wrc" = 0 ] || problem "the writer exited with status $wrc"
[ "$(q -c 'SELECT done FROM move_writer')" = t ] || problem "the writer did not finish its queue"
errs=$(q -c "SELECT count(*) FROM move_write_errors")
if [ "$errs" != 0 ]; then
	problem "the writer saw $errs errors"
	q -c "SELECT seq || ' ' || shape || ' ' || op || ' ' || uid || ': ' || sqlstate || ' ' || message FROM move_write_errors ORDER BY seq LIMIT 5" | sed 's/^/move_live:   /'
fi
if grep -q -E 'ERROR|WARNING|FATAL' "$WORK/writer.err"; then
	problem "the writer's session printed errors"
	grep -E 'ERROR|WARNING|FATAL' "$WORK/writer.err" | head -3 | sed 's/^/move_live:   /'
fi

n=$(diff_count NULL UserData)
if [ "$n" != 0 ]; then
	problem "UserData (V2) differs from the transforms of the expected items in $n items"
	show_diff NULL UserData
fi
counts=$(q -c "SELECT (SELECT count(*) FROM move_model) || ' ' || (SELECT count(*) FROM dyn_scan('UserData'))
          || ' ' || (SELECT count(*) FROM generate_series(0, 49) a,
                     dyn_query('UserData', 'PK = :p', jsonb_build_object(':p', 'ACCT#a' || lpad(a::text, 2, '0'))))
          || ' ' || (SELECT count(*) FROM generate_series(0, 49) a,
                     dyn_query('UserData', 'AccountId = :a', jsonb_build_object(':a', 'a' || lpad(a::text, 2, '0')),
                               index_name => 'ByCreated'))")
read -r want scanned queried by_gsi <<<"$counts"
[ "$scanned" = "$want" ] && [ "$queried" = "$want" ] && [ "$by_gsi" = "$want" ] ||
	problem "expected $want items; Scan gives $scanned, Query by PK $queried, Query on ByCreated $by_gsi"
[ "$(q -c "SELECT dyn_list_tables('{}') ->> 'TableNames'")" = '["UserData"]' ] ||
	problem "tables at the end: $(q -c "SELECT dyn_list_tables('{}') ->> 'TableNames'")"
[ "$(q -c "SELECT phase FROM dyn_moves WHERE id = $mid")" = done ] || problem "the move is not done"

summary=$(q -c "SELECT string_agg(p.phase || ' ' || (SELECT count(*) FROM move_writes w WHERE w.at >= p.at AND w.at < p.until),
                             ', ' ORDER BY p.at)
                    FROM (SELECT phase, at, lead(at, 1, 'infinity') OVER (ORDER BY at) AS until FROM move_phases) p")
total=$(writes)
finish "$total writes, by phase: $summary; $want items at the end, $lines archived, 0 writer errors"
