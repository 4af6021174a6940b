#!/bin/bash
# run.sh: fuzz dynamo_ext's expression parser and evaluator.
#
# Generates FUZZ_CASES (default 100000) deterministic cases with gen.pl
# (seed FUZZ_SEED, default 1): conditions, update and projection
# expressions from the grammar, mutations and truncations of them, token
# soup, and a fixed corpus of extremes.  Loads them into a scratch database
# (FUZZ_DB, default dyn_fuzz; dropped and recreated) and feeds every case
# to PutItem / UpdateItem / GetItem / DeleteItem (jsonb) or
# dyn_execute_text (raw JSON text), in FUZZ_PASSES (3) passes over the
# same cases in one backend: the first warms up (the expression cache
# fills, malloc's heap settles), the memory is compared before and after
# the last, and every pass must give each case the outcome it had in the
# first.
#
# Fails (exit 1) when a call raises anything but DY001, DY002 (with a
# ConditionExpression) or DY010 (JSON text, mistyped values), when the
# backend dies or a batch times out (the culprit case is then found by
# replaying the batch with a NOTICE per case), when the backend's memory
# grew over the last pass (memory contexts and RssAnon; the expression
# cache, counted apart, must stay within its 1024 entries), when a case's
# outcome differs between passes (each starts from the same items), or when the
# server log (FUZZ_SERVER_LOG, optional) shows a crash.  The last line is
#   fuzz: N cases, K unexpected
#
# Needs bash, perl and psql; connection from the usual PG* variables.
# Other knobs: FUZZ_BATCHES (10), FUZZ_SLOW_MS (5000: a single call slower
# than this fails), FUZZ_BATCH_TIMEOUT (300s), FUZZ_CTX_SLACK_KB (256),
# FUZZ_RSS_SLACK_KB (2048), FUZZ_CACHE_ENTRY_KB (256: the most one parsed
# expression may hold), FUZZ_OUT (work directory), FUZZ_KEEP=1 (keep
# the database).  Reproduce a failure with the same FUZZ_SEED and
# FUZZ_CASES; the failing requests are written to $FUZZ_OUT.

set -u

here=$(cd "$(dirname "$0")" && pwd)
DB=${FUZZ_DB:-dyn_fuzz}
SEED=${FUZZ_SEED:-1}
CASES=${FUZZ_CASES:-100000}
BATCHES=${FUZZ_BATCHES:-10}
PASSES=${FUZZ_PASSES:-3}
[ "$PASSES" -ge 2 ] || { echo "FUZZ_PASSES must be at least 2"; exit 2; }
SLOW_MS=${FUZZ_SLOW_MS:-5000}
TIMEOUT=${FUZZ_BATCH_TIMEOUT:-300s}
CTX_SLACK_KB=${FUZZ_CTX_SLACK_KB:-256}
RSS_SLACK_KB=${FUZZ_RSS_SLACK_KB:-2048}
CACHE_ENTRY_KB=${FUZZ_CACHE_ENTRY_KB:-256}
KEEP=${FUZZ_KEEP:-0}
OUT=${FUZZ_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/dyn_fuzz.XXXXXX")}
mkdir -p "$OUT"

# the cases are UTF-8, whatever this machine's locale
export PGCLIENTENCODING=UTF8
PSQL=(psql -X -q -v ON_ERROR_STOP=1)
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
say() { echo "fuzz: $*"; }

# psql on the scratch database, tuples only
q() { "${PSQL[@]}" -At -d "$DB" "$@"; }

wait_for_server()
{
	for _ in $(seq 1 60); do
		psql -X -At -d postgres -c 'SELECT 1' >/dev/null 2>&1 && return 0
		sleep 1
	done
	return 1
}

say "seed $SEED, $CASES cases, database $DB, work directory $OUT"

# 1. the cases
start=$SECONDS
if ! perl "$here/gen.pl" "$SEED" "$CASES" > "$OUT/cases.tsv"; then
	fail "gen.pl failed"
	say "0 cases, 1 unexpected"
	exit 1
fi
total=$(wc -l < "$OUT/cases.tsv")
say "generated $total cases in $((SECONDS - start)) s"

# 2. the scratch database
"${PSQL[@]}" -d postgres -v db="$DB" <<'EOF' || { fail "cannot create database $DB"; say "0 cases, 1 unexpected"; exit 1; }
SET client_min_messages = warning;
DROP DATABASE IF EXISTS :"db" WITH (FORCE);
CREATE DATABASE :"db" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';
EOF
if ! q -f "$here/expr_fuzz.sql" >/dev/null ||
   ! q -c "\\copy fuzz_cases FROM '$OUT/cases.tsv'"; then
	fail "cannot set up $DB"
	say "0 cases, 1 unexpected"
	exit 1
fi

# the server log: FUZZ_SERVER_LOG, else the logging collector's file if
# this machine can read it
if [ -z "${FUZZ_SERVER_LOG:-}" ]; then
	FUZZ_SERVER_LOG=$(q -c "
		SELECT CASE WHEN f LIKE '/%' THEN f ELSE current_setting('data_directory') || '/' || f END
		FROM pg_current_logfile() AS f WHERE f IS NOT NULL" 2>/dev/null)
fi
log_offset=0
if [ -n "${FUZZ_SERVER_LOG:-}" ] && [ -r "$FUZZ_SERVER_LOG" ]; then
	say "watching the server log $FUZZ_SERVER_LOG"
	log_offset=$(wc -c < "$FUZZ_SERVER_LOG")
fi

# 3. the passes over the same cases in one backend, memory measured
#    after each
per=$(( (total + BATCHES - 1) / BATCHES ))
{
	echo "SET statement_timeout = '$TIMEOUT';"
	echo "SELECT fuzz_mem_snapshot('start');"
	for ((pass = 1; pass <= PASSES; pass++)); do
		for ((b = 0; b < BATCHES; b++)); do
			lo=$((b * per + 1)); hi=$(((b + 1) * per))
			[ "$lo" -gt "$total" ] && break
			echo "SELECT fuzz_run($pass, $((b + 1)), $lo, $hi);"
		done
		echo "SELECT fuzz_mem_snapshot('pass$pass');"
	done
} > "$OUT/session.sql"

start=$SECONDS
q -f "$OUT/session.sql" > "$OUT/session.log" 2>&1
session_rc=$?
sed 's/^/  /' "$OUT/session.log"
say "passes took $((SECONDS - start)) s"

# 4. a crash or a timeout: replay the batch that did not finish, with a
#    NOTICE per case, to name the case
if [ "$session_rc" -ne 0 ]; then
	fail "the fuzz session ended abnormally (psql exit $session_rc): backend crash or timeout"
	if ! wait_for_server; then
		fail "the server does not come back"
		say "$total cases, $failures unexpected"
		exit 1
	fi
	read -r pass batch < <(q -c "
		SELECT p, b FROM (SELECT coalesce(max(pass), 1) AS p FROM fuzz_progress) x,
		LATERAL (SELECT coalesce(max(batch), 0) + 1 AS b FROM fuzz_progress WHERE pass = x.p) y" | tr '|' ' ')
	if [ "$batch" -gt "$BATCHES" ]; then pass=$((pass + 1)); batch=1; fi
	lo=$(((batch - 1) * per + 1)); hi=$((batch * per))
	say "replaying pass $pass batch $batch (cases $lo..$hi) case by case"
	q -c "SET statement_timeout = '$TIMEOUT'" -c "SET client_min_messages = notice" \
	  -c "SELECT fuzz_run($pass, $batch, $lo, $hi, true)" > "$OUT/replay.log" 2>&1
	replay_rc=$?
	culprit=$(grep -o 'fuzz case [0-9]*' "$OUT/replay.log" | tail -1 | awk '{print $3}')
	if [ "$replay_rc" -ne 0 ] && [ -n "$culprit" ]; then
		wait_for_server
		q -c "SELECT op, coalesce(jreq::text, treq) FROM fuzz_cases WHERE id = $culprit" > "$OUT/culprit.txt"
		fail "case $culprit kills the backend or hangs; request in $OUT/culprit.txt:"
		cut -c1-600 "$OUT/culprit.txt"
		tail -3 "$OUT/replay.log"
	else
		fail "batch $batch of pass $pass failed, but not again when replayed alone (state-dependent); see $OUT/session.log"
	fi
	KEEP=1
fi

# 5. unexpected outcomes
read -r bad bad_calls < <(q -F ' ' -c "SELECT count(DISTINCT id), count(*) FROM fuzz_bad")
bad=${bad:-0}
if [ "$bad" -gt 0 ]; then
	echo "FAIL: $bad cases ($bad_calls calls) with an unexpected outcome, by SQLSTATE and message (count, first case, message):"
	failures=$((failures + bad))
	q -F ' | ' -c "
		SELECT state, count(*), min(id), left(min(message), 200)
		FROM fuzz_bad GROUP BY state, left(message, 60) ORDER BY 2 DESC LIMIT 30" | sed 's/^/  /'
	q -c "
		SELECT format(E'-- case %s (pass %s): %s: %s\n%s;\n', b.id, b.pass, b.state, b.message,
			CASE WHEN c.op LIKE 'text:%'
				 THEN format('SELECT dyn_execute_text(%L, %L)', substr(c.op, 6), c.treq)
				 ELSE format('SELECT dyn_%s_item(%L::jsonb)', c.op, c.jreq::text) END)
		FROM fuzz_bad b JOIN fuzz_cases c USING (id) ORDER BY b.pass, b.id" > "$OUT/unexpected.sql"
	echo "  reproduce with: psql -d $DB -f $OUT/unexpected.sql"
	KEEP=1
fi

# 6. every later pass gave the same outcomes as the first, case by case
#    (the items are reset at the start of each pass; only the expression
#    cache and the backend's history differ)
if [ "$session_rc" -eq 0 ]; then
	q -F ' | ' -c "
		SELECT o1.lo + u.i - 1, o2.pass, u.s1, u.s2
		FROM fuzz_outcomes o1 JOIN fuzz_outcomes o2 ON o2.batch = o1.batch AND o2.pass > 1,
			 unnest(o1.states, o2.states) WITH ORDINALITY AS u(s1, s2, i)
		WHERE o1.pass = 1 AND u.s1 IS DISTINCT FROM u.s2
		ORDER BY 1" > "$OUT/differ.txt"
	ndiff=$(wc -l < "$OUT/differ.txt")
	if [ "$ndiff" -gt 0 ]; then
		echo "FAIL: $ndiff calls had another outcome than in pass 1 (id | pass | pass 1 | this pass):"
		head -10 "$OUT/differ.txt" | cut -c1-300 | sed 's/^/  /'
		failures=$((failures + ndiff))
		KEEP=1
	else
		say "passes 2..$PASSES gave the same outcome as pass 1 for every case"
	fi
fi

# 7. slow calls
q -F ' ' -c "SELECT pass, batch, max_ms, max_id FROM fuzz_progress WHERE max_ms > $SLOW_MS ORDER BY 1, 2" |
while read -r pass batch ms id; do
	echo "FAIL: case $id took $ms ms (pass $pass batch $batch)"
done > "$OUT/slow.txt"
if [ -s "$OUT/slow.txt" ]; then
	cat "$OUT/slow.txt"
	failures=$((failures + $(wc -l < "$OUT/slow.txt")))
fi

# 8. one backend throughout, and its memory did not grow over the last
#    pass (pass 1 warms up: caches fill and malloc's heap settles)
if [ "$session_rc" -eq 0 ]; then
	read -r npid ctx1 ctx2 rss1 rss2 entries entry_max < <(q -F ' ' -c "
		SELECT count(DISTINCT pid),
			   max(ctx_bytes) FILTER (WHERE label = 'pass$((PASSES - 1))'),
			   max(ctx_bytes) FILTER (WHERE label = 'pass$PASSES'),
			   coalesce(max(rss_anon_kb) FILTER (WHERE label = 'pass$((PASSES - 1))'), -1),
			   coalesce(max(rss_anon_kb) FILTER (WHERE label = 'pass$PASSES'), -1),
			   max(cache_entries), max(cache_max_bytes)
		FROM fuzz_mem")
	calls=$(q -c "SELECT sum(n) FROM fuzz_progress")
	say "$calls calls in one backend; outcomes: $(q -F ' ' -c "SELECT 'ok ' || sum(ok) || ', DY001 ' || sum(dy001) || ', DY002 ' || sum(dy002) || ', DY010 ' || sum(dy010) FROM fuzz_progress")"
	[ "$npid" = 1 ] || fail "the passes ran in $npid backends"
	ctx_growth=$(( (ctx2 - ctx1) / 1024 ))
	say "memory contexts (expression cache entries apart) before pass $PASSES: $((ctx1 / 1024)) kB, after: $((ctx2 / 1024)) kB (growth $ctx_growth kB, allowed $CTX_SLACK_KB)"
	[ "$ctx_growth" -le "$CTX_SLACK_KB" ] || fail "memory contexts grew by $ctx_growth kB over pass $PASSES"
	# the cache is bounded, and an entry does not grow with use
	say "expression cache: at most $entries entries (bound 1024), largest entry $((entry_max / 1024)) kB (allowed $CACHE_ENTRY_KB)"
	[ "$entries" -le 1024 ] || fail "the expression cache holds $entries entries, over its bound of 1024"
	[ $((entry_max / 1024)) -le "$CACHE_ENTRY_KB" ] || fail "an expression cache entry holds $((entry_max / 1024)) kB"
	if [ "$rss1" -ge 0 ] && [ "$rss2" -ge 0 ]; then
		say "RssAnon before pass $PASSES: $rss1 kB, after: $rss2 kB (growth $((rss2 - rss1)) kB, allowed $RSS_SLACK_KB)"
		[ $((rss2 - rss1)) -le "$RSS_SLACK_KB" ] || fail "RssAnon grew by $((rss2 - rss1)) kB over pass $PASSES"
	else
		say "RssAnon not readable (not Linux, or not superuser): memory contexts only"
	fi
fi

# 9. the server log, if we know where it is
if [ -n "${FUZZ_SERVER_LOG:-}" ] && [ -r "$FUZZ_SERVER_LOG" ]; then
	tail -c +"$((log_offset + 1))" "$FUZZ_SERVER_LOG" |
		grep -E 'terminated by signal|was terminated|PANIC|TRAP:|server process .* exited with exit code [^0]' > "$OUT/server_crash.txt"
	if [ -s "$OUT/server_crash.txt" ]; then
		fail "the server log shows a crash:"
		head -5 "$OUT/server_crash.txt"
	fi
fi

if [ "$KEEP" != 1 ] && [ "$failures" -eq 0 ]; then
	"${PSQL[@]}" -d postgres -v db="$DB" >/dev/null <<'EOF'
SET client_min_messages = warning;
DROP DATABASE IF EXISTS :"db" WITH (FORCE);
EOF
	rm -rf "$OUT"
else
	say "kept database $DB and $OUT for inspection"
fi

say "$total cases, $failures unexpected"
[ "$failures" -eq 0 ]
