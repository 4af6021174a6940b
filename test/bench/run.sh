#!/usr/bin/env bash
# dynamo_ext benchmark (DESIGN.md section 4): each figure is our call against
# the raw SQL doing the same work on the same backing table, in one run.
#
#   make bench            or    bash test/bench/run.sh
#   BENCH_ONLY=query,scan make bench          (some sections only)
#
# Sections (BENCH_ONLY, comma-separated; default all, always run in this order):
#   get, put  GetItem / PutItem vs a raw prepared SELECT / upsert (table Bench,
#             10 items per partition), 1 and 2 clients; then the memory test:
#             1,000,000 GetItem+PutItem calls in one backend, sampled.
#   query     Query of 10 items of a 100-item partition (sk >= :s, Limit 10) vs
#             SELECT ... WHERE pk = $1 AND sk >= $2 ORDER BY sk LIMIT 10.
#   scan      full Scan paged by LastEvaluatedKey in one session vs a raw
#             SELECT item of the whole table (items/s); the backend's memory
#             (RssAnon, memory contexts) before, after each page, and after.
#   gsi       Query of a GSI (10 items) vs the raw SELECT on the same index.
#   writes    PutItem with 0, 1 and 5 GSIs vs a raw upsert, same indexes.
#   batch     BatchWriteItem of 25 puts vs 25 upserts in one transaction.
#   txn       TransactWriteItems of 10 puts vs 10 upserts in one transaction.
#   bulk      dyn_bulk_update adding an attribute to every item (items/s from
#             dyn_jobs) vs a raw batched UPDATE procedure, same batch size;
#             then a PutItem writer's p99 latency with a rate-limited job
#             running vs with no job.
# All but get/put use table BenchQ: $BENCH_ITEMS items in partitions of 100
# (attributes g1..g5 are the GSI keys, each value held by 10 items).
# pgbench runs -M prepared; ours and raw alternate over the rounds and the
# best run counts; 1-client runs pin pgbench and its backend to CPU 0.
# The last thing printed is a markdown table of all the figures.
#
# Environment: BENCH_SECONDS (10) per get/put pgbench run, BENCH_XSECONDS (6)
# per pgbench run of the other sections, BENCH_ROUNDS (3) runs per case,
# BENCH_ITEMS (1000000), BENCH_MEM_CALLS (1000000), BENCH_CLIENTS ("1 2",
# get/put only), BENCH_DB (dyn_bench), BENCH_PIN (1: 1-client runs pinned to
# CPU 0), BENCH_ONLY (all), BENCH_SCAN_MAX_SECONDS (60: our Scan stops after
# that many seconds and the figure is marked partial), BENCH_SCAN_SET (SQL
# run first in our Scan's session, for diagnosis: e.g. "SET plan_cache_mode =
# force_custom_plan;"), BENCH_BULK_BATCH (100, the job's default),
# BENCH_BULK_RATE (5000 items/s, the job during the latency runs),
# BENCH_LAT_SECONDS (10) and BENCH_LAT_ROUNDS (2) for the latency runs,
# PGHOST/PGPORT/PGUSER (/tmp, 54329, postgres), PGBENCH.
# The default run takes about 13 minutes on the 2-core development machine.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
: "${BENCH_SECONDS:=10}"
: "${BENCH_XSECONDS:=6}"
: "${BENCH_ITEMS:=1000000}"
: "${BENCH_MEM_CALLS:=1000000}"
: "${BENCH_CLIENTS:=1 2}"
: "${BENCH_ROUNDS:=3}"
: "${BENCH_DB:=dyn_bench}"
: "${BENCH_PIN:=$(command -v taskset >/dev/null && echo 1 || echo 0)}"
: "${BENCH_ONLY:=get,put,query,scan,gsi,writes,batch,txn,bulk}"
: "${BENCH_SCAN_MAX_SECONDS:=60}"
: "${BENCH_SCAN_SET:=}"
: "${BENCH_BULK_BATCH:=100}"
: "${BENCH_BULK_RATE:=5000}"
: "${BENCH_LAT_SECONDS:=10}"
: "${BENCH_LAT_ROUNDS:=2}"
export PGHOST=${PGHOST:-/tmp} PGPORT=${PGPORT:-54329} PGUSER=${PGUSER:-postgres}
unset PGDATABASE PGOPTIONS
if [ -z "${PGBENCH:-}" ]; then
    PGBENCH=$(command -v pg_config >/dev/null && echo "$(pg_config --bindir)/pgbench" || true)
    [ -x "$PGBENCH" ] || PGBENCH=/usr/lib/postgresql/15/bin/pgbench
fi

sections="get put query scan gsi writes batch txn bulk"
for s in ${BENCH_ONLY//,/ }; do
    [[ " $sections " == *" $s "* ]] || { echo "BENCH_ONLY: unknown section '$s' (one of: $sections)" >&2; exit 1; }
done
want() { [[ ",$BENCH_ONLY," == *",$1,"* ]]; }
want_q() { local s; for s in query scan gsi writes batch txn bulk; do want "$s" && return 0; done; return 1; }

# Bench: a multiple of 10 items (10 orders per user); BenchQ: of 100
items=$(( BENCH_ITEMS / 10 * 10 ))
itemsq=$(( BENCH_ITEMS / 100 * 100 ))
[ "$items" -ge 10 ] || { echo "BENCH_ITEMS must be at least 10" >&2; exit 1; }
if want_q && [ "$itemsq" -lt 1000 ]; then
    echo "BENCH_ITEMS must be at least 1000 for the BenchQ sections" >&2; exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$BENCH_DB" "$@"; }
sql1() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$BENCH_DB" -c "$1"; }
t0=$SECONDS

echo "== dynamo_ext bench: $(psql -X -Atc 'SHOW server_version' -d postgres | cut -d' ' -f1)," \
     "$(nproc) cores, $items items, ${BENCH_SECONDS}s/run (get, put), ${BENCH_XSECONDS}s/run (others)," \
     "sections $BENCH_ONLY, rev $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?')"

# ---------------------------------------------------------------- 1. setup
psql -X -q -v ON_ERROR_STOP=1 -d postgres \
     -c "DROP DATABASE IF EXISTS $BENCH_DB" -c "CREATE DATABASE $BENCH_DB" 2>&1 |
    grep -v 'does not exist, skipping' || true
backing=
if want get || want put; then
    ts=$SECONDS
    setup_out=$(psql_db -v items="$items" -f "$here/setup.sql")
    read -r _ backing nrows size <<<"$(grep '^BACKING ' <<<"$setup_out")"
    [ "$nrows" = "$items" ] || { echo "setup: loaded $nrows rows, expected $items" >&2; exit 1; }
    echo "setup: $nrows items in $backing ($size) in $(( SECONDS - ts ))s"
fi
backingq=
if want_q; then
    ts=$SECONDS
    setup_out=$(psql_db -v items="$itemsq" -f "$here/setup_q.sql")
    read -r _ backingq nrows size <<<"$(grep '^BACKINGQ ' <<<"$setup_out")"
    [ "$nrows" = "$itemsq" ] || { echo "setup: loaded $nrows rows, expected $itemsq" >&2; exit 1; }
    echo "setup: $nrows items in $backingq (BenchQ, partitions of 100; $size) in $(( SECONDS - ts ))s"
fi

for f in "$here"/pgbench/*.sql; do
    sed -e "s/@BACKING@/$backing/g" -e "s/@BACKINGQ@/$backingq/g" "$f" >"$work/$(basename "$f")"
done

# BatchWriteItem / TransactWriteItems scripts (n puts) and their raw twins
# (one transaction of n upserts).  Keys spread over the table, distinct in
# one request: item i is (r + i * items/n) mod items.
gen_multi() {
    local kind=$1 n=$2 i sep item
    {
        echo "-- $kind of $n puts on BenchQ through dynamo_ext (generated by run.sh)"
        echo "\\set r random(0, :items - 1)"
        echo "\\set a random(0, 99999)"
        for ((i = 0; i < n; i++)); do
            echo "\\set k$i (:r + $i * (:items / $n)) % :items"
            echo "\\set p$i :k$i / 100"
            echo "\\set s$i :k$i % 100"
        done
    } >"$work/${kind}_head.sql"
    item() {
        printf '{"pk":{"S":"part#%s"},"sk":{"S":"item#%s"},"amount":{"N":"%s.5"},"status":{"S":"OPEN"},"g1":{"S":"g1#w"},"g2":{"S":"g2#w"},"g3":{"S":"g3#w"},"g4":{"S":"g4#w"},"g5":{"S":"g5#w"}}' \
            "' || :p$1 || '" "' || lpad(:s$1::text, 4, '0') || '" "' || :a || '"
    }
    {
        cat "$work/${kind}_head.sql"
        if [ "$kind" = batch ]; then
            printf "SELECT dyn_batch_write_item(('{\"RequestItems\":{\"BenchQ\":["
            for ((i = 0; i < n; i++)); do
                sep=$([ "$i" -gt 0 ] && echo , || true)
                printf '%s{"PutRequest":{"Item":%s}}' "$sep" "$(item "$i")"
            done
            printf "]}}')::jsonb);\n"
        else
            printf "SELECT dyn_transact_write_items(('{\"TransactItems\":["
            for ((i = 0; i < n; i++)); do
                sep=$([ "$i" -gt 0 ] && echo , || true)
                printf '%s{"Put":{"TableName":"BenchQ","Item":%s}}' "$sep" "$(item "$i")"
            done
            printf "]}')::jsonb);\n"
        fi
    } >"$work/${kind}_ours.sql"
    {
        cat "$work/${kind}_head.sql"
        echo "BEGIN;"
        for ((i = 0; i < n; i++)); do
            printf "INSERT INTO %s (pk, sk, item) VALUES ('part#' || :p%d, 'item#' || lpad(:s%d::text, 4, '0'), ('%s')::jsonb) ON CONFLICT (pk, sk) DO UPDATE SET item = EXCLUDED.item;\n" \
                "$backingq" "$i" "$i" "$(item "$i")"
        done
        echo "COMMIT;"
    } >"$work/${kind}_raw.sql"
}
if want_q; then gen_multi batch 25; gen_multi txn 10; fi

# ---------------------------------------------------------------- pgbench
# With one client, pgbench and its backend ping-pong; on an otherwise idle
# (virtual) machine each hop then pays a CPU wake-up, which measures the
# hypervisor rather than us.  Pin both to CPU 0: the backend as soon as
# pgbench has connected (pgbench's pid $1).
pin_backends() {
    local i pids
    for ((i = 0; i < 200; i++)); do
        pids=$(psql -X -Atc "SELECT pid FROM pg_stat_activity
                              WHERE datname = '$BENCH_DB' AND application_name = 'pgbench'" \
                    -d postgres)
        if [ -n "$pids" ]; then
            for p in $pids; do taskset -pc 0 "$p" >/dev/null; done
            return
        fi
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.01
    done
    echo "warning: could not pin the pgbench backend" >&2
}
# Wait until the server accepts connections again (it restarts after any
# backend crashes, e.g. a concurrent test run elsewhere in the cluster).
wait_server() {
    local i
    for ((i = 0; i < 120; i++)); do
        psql -X -Atc 'SELECT 1' -d "$BENCH_DB" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    echo "server did not come back" >&2; exit 1
}

# bench KEY SIDE CLIENTS SCRIPT VACUUM ITEMS SECONDS [pgbench options...]:
# one pgbench run of $work/SCRIPT_SIDE.sql; appends its tps to
# runs[KEY,SIDE,CLIENTS].  Write runs start from a vacuumed table (VACUUM:
# the table, or empty); every run after a checkpoint.  A run cut short by a
# server restart is repeated (up to twice).
declare -A runs
bench() {
    local key=$1 side=$2 c=$3 script=$4 vac=$5 n=$6 secs=$7
    shift 7
    local log="$work/${key}_${side}_$c.log" pin=() rc pid try
    if [ "$c" = 1 ] && [ "$BENCH_PIN" = 1 ]; then pin=(taskset -c 0); fi
    for ((try = 0; ; try++)); do
        rc=0
        if [ -n "$vac" ]; then psql_db -c "VACUUM $vac"; fi
        psql_db -c CHECKPOINT
        ${pin[@]+"${pin[@]}"} "$PGBENCH" -n -M prepared -T "$secs" -c "$c" -j "$c" \
            -D items="$n" "$@" -f "$work/${script}_$side.sql" "$BENCH_DB" >"$log" 2>&1 &
        pid=$!
        if [ ${#pin[@]} -gt 0 ]; then pin_backends "$pid"; fi
        wait "$pid" || rc=$?
        if [ "$rc" = 0 ] && ! grep -qiE 'aborted|error' "$log"; then break; fi
        if [ "$try" -lt 2 ] && grep -qiE 'backend died|terminat|connection|server closed' "$log"; then
            echo "  ($key $side c=$c: server restarted under the run, repeating it)"
            sleep 1; wait_server; continue
        fi
        echo "pgbench $key/$side/$c failed:" >&2; cat "$log" >&2; exit 1
    done
    runs[$key,$side,$c]+=" $(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$log")"
}
# best of the rounds: outside load (this is a shared 2-core machine) only
# ever slows a run down, so the fastest run is the least disturbed one
best() { tr ' ' '\n' <<<"$1" | grep . | sort -g | tail -1; }
warmup() {   # SCRIPT ITEMS: 1 s of each side (caches, plans, buffers)
    local side
    for side in ours raw; do
        "$PGBENCH" -n -M prepared -T 1 -c 1 -j 1 -D items="$2" -f "$work/${1}_$side.sql" \
            "$BENCH_DB" >/dev/null 2>&1
    done
}
# other load on the machine skews the results (2-client runs most): say so
busy() {
    local a b
    a=($(head -1 /proc/stat)); sleep 1; b=($(head -1 /proc/stat))
    local idle=$(( b[4] + b[5] - a[4] - a[5] )) total=0 i
    for ((i = 1; i < 9; i++)); do total=$(( total + b[i] - a[i] )); done
    echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}
say_busy() {
    local pct
    pct=$(busy)
    echo "  (CPU busy $1, outside this bench: $pct%$([ "$pct" -gt 10 ] &&
          echo ' -- the machine is not idle, expect noise'))"
}

# the figures of the final table: label|clients|ours|raw|unit|ratio
rows=()
row() { rows+=("$1|$2|$3|$4|$5|$(awk -v o="$3" -v r="$4" 'BEGIN { q = o / r; printf (q < 0.095 ? "%.2g" : "%.2f"), q }')"); }

# case KEY SCRIPT VACUUM ITEMS MULT: BENCH_ROUNDS alternating runs of
# $BENCH_XSECONDS at 1 client; tps[KEY,SIDE] the best; MULT items per
# transaction (the figure is then items/s)
declare -A tps
run_case() {
    local key=$1 script=$2 vac=$3 n=$4 mult=${5:-1} r side order
    warmup "$script" "$n"
    for ((r = 1; r <= BENCH_ROUNDS; r++)); do
        if (( r % 2 )); then order="ours raw"; else order="raw ours"; fi
        for side in $order; do bench "$key" "$side" 1 "$script" "$vac" "$n" "$BENCH_XSECONDS"; done
    done
    for side in ours raw; do
        tps[$key,$side]=$(best "${runs[$key,$side,1]}")
        printf '  %-10s %-4s best %8.0f tps%s  runs:%s\n' "$key" "$side" "${tps[$key,$side]}" \
            "$([ "$mult" = 1 ] || awk -v t="${tps[$key,$side]}" -v m="$mult" \
                'BEGIN { printf " = %.0f items/s", t * m }')" \
            "$(printf ' %.0f' ${runs[$key,$side,1]})"
    done
}

section_start() { ts=$SECONDS; echo; echo "-- $1"; }
section_end() { echo "  ($(( SECONDS - ts ))s)"; }

# ---------------------------------------------------------------- 2. get, put
if want get || want put; then
    section_start "get/put: GetItem, PutItem vs raw prepared SELECT / upsert (table Bench)"
    echo "pgbench: -M prepared, random keys, $BENCH_ROUNDS rounds of ${BENCH_SECONDS}s per case" \
         "(ours and raw alternate; best of the rounds)$([ "$BENCH_PIN" = 1 ] &&
            echo '; 1 client: pgbench and its backend pinned to CPU 0')"
    ops=$(for op in get put; do if want "$op"; then echo -n "$op "; fi; done)
    for op in $ops; do warmup "$op" "$items"; done
    say_busy "before the runs"
    for c in $BENCH_CLIENTS; do
        for op in $ops; do
            vac=$([ "$op" = put ] && echo "$backing" || true)
            for ((r = 1; r <= BENCH_ROUNDS; r++)); do
                if (( r % 2 )); then order="ours raw"; else order="raw ours"; fi
                for side in $order; do bench "$op" "$side" "$c" "$op" "$vac" "$items" "$BENCH_SECONDS"; done
            done
            for side in ours raw; do
                tps[$op,$side,$c]=$(best "${runs[$op,$side,$c]}")
                printf '  %s %-4s c=%s  best %8.0f tps  runs:%s\n' "$op" "$side" "$c" \
                    "${tps[$op,$side,$c]}" "$(printf ' %.0f' ${runs[$op,$side,$c]})"
            done
        done
    done
    say_busy "after the runs"
    for op in $ops; do
        for c in $BENCH_CLIENTS; do
            row "$([ "$op" = get ] && echo GetItem || echo PutItem)" "$c" \
                "${tps[$op,ours,$c]}" "${tps[$op,raw,$c]}" tps
        done
    done

    # ------------------------------------------------------------ memory
    # One session; batches of GetItem+PutItem calls in a DO block (one
    # transaction each), sampling the backend after each batch: VmRSS and
    # RssAnon from /proc/<pid>/status, and the sum of pg_backend_memory_contexts,
    # both at the end of the batch (inside its transaction) and after commit.
    # VmRSS also counts the shared buffers the backend has touched (RssShmem),
    # which grows with the table; private memory is RssAnon and the contexts.
    batches=20
    per=$(( BENCH_MEM_CALLS / batches / 2 ))   # loop iterations per batch, 2 calls each
    [ "$per" -ge 1 ] || per=1
    {
        echo "\\set ON_ERROR_STOP on"
        echo "\\set QUIET on"
        echo "\\pset tuples_only on"
        echo "\\pset format unaligned"
        echo "\\pset fieldsep ' '"
        echo "SELECT set_config('bench.items', '$items', false), set_config('bench.intx', '0', false) \\g /dev/null"
        sample="SELECT 'MEM', %d, (regexp_match(s, 'VmRSS:\\s+(\\d+)'))[1],
                 (regexp_match(s, 'RssAnon:\\s+(\\d+)'))[1],
                 (regexp_match(s, 'RssShmem:\\s+(\\d+)'))[1],
                 (SELECT sum(total_bytes) / 1024 FROM pg_backend_memory_contexts),
                 current_setting('bench.intx')::bigint / 1024
            FROM pg_read_file('/proc/' || pg_backend_pid() || '/status') s;"
        # shellcheck disable=SC2059
        printf "$sample\n" 0
        for ((b = 0; b < batches; b++)); do
            cat <<EOF
DO \$\$
DECLARE
  items bigint := current_setting('bench.items')::bigint;
  g bigint; p bigint; s int; k bigint;
BEGIN
  FOR i IN $(( b * per )) .. $(( (b + 1) * per - 1 )) LOOP
    -- GetItem of a spread-out key, PutItem of the next key in order
    k := (i::bigint * 7919) % items;
    PERFORM dyn_get_item(('{"TableName":"Bench","Key":{"pk":{"S":"user#' || k / 10
        || '"},"sk":{"S":"order#' || lpad((k % 10 + 1)::text, 4, '0') || '"}}}')::jsonb);
    g := i % items; p := g / 10; s := g % 10 + 1;
    PERFORM dyn_put_item(('{"TableName":"Bench","Item":{"pk":{"S":"user#' || p
        || '"},"sk":{"S":"order#' || lpad(s::text, 4, '0') || '"},"amount":{"N":"'
        || i % 1000 || '.5"},"status":{"S":"OPEN"}}}')::jsonb);
  END LOOP;
  PERFORM set_config('bench.intx',
    (SELECT sum(total_bytes) FROM pg_backend_memory_contexts)::text, false);
END \$\$;
EOF
            # shellcheck disable=SC2059
            printf "$sample\n" $(( (b + 1) * per * 2 ))
        done
    } >"$work/memory.sql"

    echo "memory: $(( batches * per * 2 )) calls (GetItem+PutItem) in one backend, $batches transactions"
    tm=$SECONDS
    for ((try = 0; ; try++)); do
        if psql_db -f "$work/memory.sql" >"$work/mem.raw" 2>"$work/mem.err"; then break; fi
        if [ "$try" -lt 2 ] && grep -qiE 'terminat|connection|server closed' "$work/mem.err"; then
            echo "  (server restarted under the memory test, repeating it)"
            sleep 1; wait_server; tm=$SECONDS; continue
        fi
        cat "$work/mem.err" >&2; exit 1
    done
    grep '^MEM ' "$work/mem.raw" >"$work/mem.txt"
    awk -v batches="$batches" -v secs="$(( SECONDS - tm ))" '
        { calls[NR] = $2; rss[NR] = $3; anon[NR] = $4; shm[NR] = $5; ctx[NR] = $6; intx[NR] = $7 }
        END {
            printf "  %-9s %9s %10s %10s %11s %10s %12s\n", "sample", "calls", "VmRSS kB",
                   "RssAnon kB", "RssShmem kB", "ctx kB", "ctx@end kB"
            n = NR; w = 2                  # row 1: before; row 2: after the warm-up batch
            split("1 2 " int(batches/4)+1 " " int(batches/2)+1 " " int(3*batches/4)+1 " " n, pick, " ")
            split("before warm-up 25% midway 75% after", label, " ")
            for (j = 1; j <= 6; j++) {
                r = pick[j]
                printf "  %-9s %9d %10d %10d %11d %10d %12s\n", label[j], calls[r], rss[r], anon[r],
                       shm[r], ctx[r], r == 1 ? "-" : intx[r]
            }
            d_anon = anon[n] - anon[w]; d_ctx = ctx[n] - ctx[w]; d_intx = intx[n] - intx[w]
            # memory held at the end of one batch transaction beyond the idle backend
            in_x = intx[n] - ctx[n - 1 > 1 ? n - 1 : 1]
            printf "  growth after warm-up: RssAnon %+d kB, contexts %+d kB, contexts@end %+d kB;" \
                   " in-transaction %+d kB; %ds\n", d_anon, d_ctx, d_intx, in_x, secs
            limit = 4096
            flat = (d_anon < limit && d_ctx < limit && d_intx < limit && in_x < limit)
            print (flat ? "memory: flat" : "memory: GROWING")
        }' "$work/mem.txt" | tee "$work/mem.out"
    section_end
fi

if want_q; then
    echo
    echo "BenchQ sections: pgbench -M prepared, 1 client$([ "$BENCH_PIN" = 1 ] &&
        echo ' pinned to CPU 0 with its backend'), $BENCH_ROUNDS rounds of ${BENCH_XSECONDS}s" \
        "per case (ours and raw alternate; best of the rounds)"
    say_busy "before the BenchQ sections"
fi

# ---------------------------------------------------------------- 3. query
if want query; then
    section_start "query: dyn_query (pk = :p AND sk >= :s, Limit 10; 10 of 100 items) vs raw SELECT ... ORDER BY sk LIMIT 10"
    run_case query query "" "$itemsq"
    row "Query, 10 of a 100-item partition" 1 "${tps[query,ours]}" "${tps[query,raw]}" tps
    section_end
fi

# ---------------------------------------------------------------- 4. scan
if want scan; then
    section_start "scan: full Scan of $itemsq items paged by LastEvaluatedKey (one session) vs raw SELECT item"
    psql_db -c "VACUUM $backingq" -c CHECKPOINT
    # raw first: it also brings the table into the OS cache for both
    raw_best=0
    for ((r = 1; r <= BENCH_ROUNDS; r++)); do
        out=$(sql1 "SELECT r->>'items', r->>'seconds' FROM bench_scan_raw(false) r")
        ips=$(awk -F'|' '{ printf "%.0f", $1 / $2 }' <<<"$out")
        echo "  raw  SELECT item FROM <backing> (plpgsql FOR loop): $(cut -d'|' -f1 <<<"$out") items in" \
             "$(awk -F'|' '{ printf "%.2f", $2 }' <<<"$out")s = $ips items/s"
        raw_best=$(awk -v a="$raw_best" -v b="$ips" 'BEGIN { print (b > a ? b : a) }')
    done
    out=$(sql1 "SELECT r->>'items', r->>'seconds' FROM bench_scan_raw(true) r")
    raw_ord=$(awk -F'|' '{ printf "%.0f", $1 / $2 }' <<<"$out")
    echo "  raw  in Scan's order (ORDER BY hashtext(pk), pk, sk; for reference): $(cut -d'|' -f1 <<<"$out") items in" \
         "$(awk -F'|' '{ printf "%.2f", $2 }' <<<"$out")s = $raw_ord items/s"
    # ours, in one session: memory before, after each page (inside the
    # scan's transaction), after it
    cat >"$work/scan.sql" <<EOF
\\pset tuples_only on
\\pset format unaligned
$BENCH_SCAN_SET
SELECT 'BEFORE', rss_anon, ctx FROM bench_mem();
SELECT 'SCAN', r - 'samples', r -> 'samples' FROM bench_scan_ours($BENCH_SCAN_MAX_SECONDS) r;
SELECT 'AFTER', rss_anon, ctx FROM bench_mem();
EOF
    if [ -n "$BENCH_SCAN_SET" ]; then echo "  (our Scan's session runs first: $BENCH_SCAN_SET)"; fi
    psql_db -f "$work/scan.sql" >"$work/scan.out"
    read -r _ m_rss0 m_ctx0 <<<"$(grep '^BEFORE|' "$work/scan.out" | tr '|' ' ')"
    read -r _ m_rss1 m_ctx1 <<<"$(grep '^AFTER|' "$work/scan.out" | tr '|' ' ')"
    scan_info=$(grep '^SCAN|' "$work/scan.out" | cut -d'|' -f2)
    grep '^SCAN|' "$work/scan.out" | cut -d'|' -f3 |
        sed 's/\], \[/\n/g; s/[][]//g; s/,/ /g' >"$work/scan_samples.txt"
    read -r s_items s_secs s_pages s_complete s_maxpage <<<"$(psql -X -At -d postgres -c \
        "SELECT j->>'items', j->>'seconds', j->>'pages', j->>'complete', j->>'max_page_bytes'
           FROM (SELECT '$scan_info'::jsonb j) s" | tr '|' ' ')"
    ours_scan=$(awk -v n="$s_items" -v s="$s_secs" 'BEGIN { printf "%.0f", n / s }')
    echo "  ours dyn_scan: $s_items items in $s_pages pages (largest response $(( s_maxpage / 1024 )) kB)" \
         "in $(awk -v s="$s_secs" 'BEGIN { printf "%.2f", s }')s = $ours_scan items/s$([ "$s_complete" = true ] ||
         echo " -- PARTIAL: stopped after BENCH_SCAN_MAX_SECONDS=${BENCH_SCAN_MAX_SECONDS}s")"
    awk -v rss0="$m_rss0" -v ctx0="$m_ctx0" -v rss1="$m_rss1" -v ctx1="$m_ctx1" '
        { page[NR] = $1; n[NR] = $2; rss[NR] = $3; ctx[NR] = $4
          if ($3 > maxr) maxr = $3; if ($4 > maxc) maxc = $4 }
        END {
            N = NR
            printf "  %-14s %6s %9s %10s %8s\n", "backend memory", "page", "items", "RssAnon kB", "ctx kB"
            printf "  %-14s %6s %9s %10d %8d\n", "before", "-", "-", rss0, ctx0
            split("1 " int(N/4) " " int(N/2) " " int(3*N/4) " " N, pick, " ")
            split("after-page page-25% page-50% page-75% last-page", label, " ")
            for (j = 1; j <= 5; j++) {
                r = pick[j] < 1 ? 1 : pick[j]
                printf "  %-14s %6d %9d %10d %8d\n", label[j], page[r], n[r], rss[r], ctx[r]
            }
            printf "  %-14s %6s %9s %10d %8d\n", "max-during", "-", "-", maxr, maxc
            printf "  %-14s %6s %9s %10d %8d\n", "after", "-", "-", rss1, ctx1
            # bounded: the second half of the scan holds no more than the
            # first half did (no growth with pages read), and the peak over
            # the idle backend is a few pages plus work memory
            for (i = 1; i <= N; i++) {
                if (i <= N / 2 || N == 1) { if (rss[i] > r1) r1 = rss[i]; if (ctx[i] > c1) c1 = ctx[i] }
                else { if (rss[i] > r2) r2 = rss[i]; if (ctx[i] > c2) c2 = ctx[i] }
            }
            g_rss = (N > 1 ? r2 - r1 : 0); g_ctx = (N > 1 ? c2 - c1 : 0)
            printf "  growth, 2nd half of the pages over the 1st: RssAnon %+d kB, contexts %+d kB;" \
                   " peak over before: RssAnon %+d kB, contexts %+d kB\n", g_rss, g_ctx, maxr - rss0, maxc - ctx0
            ok = (g_rss < 4096 && g_ctx < 4096 && maxr - rss0 < 32768 && maxc - ctx0 < 32768)
            print (ok ? "scan memory: bounded by the page" : "scan memory: GROWING")
        }' "$work/scan_samples.txt" | tee "$work/scanmem.out"
    row "Scan, $(( itemsq / 1000 ))k items paged$([ "$s_complete" = true ] || echo ' (partial)')" 1 \
        "$ours_scan" "$raw_best" items/s
    row "Scan, same vs raw in Scan's order (hash of pk)" 1 "$ours_scan" "$raw_ord" items/s
    section_end
fi

# GSIs of BenchQ: exactly gsi1..gsi<n>
gsis() { sql1 "SELECT count(*) FROM jsonb_array_elements(dyn_describe_table('{\"TableName\":\"BenchQ\"}') -> 'Table' -> 'GlobalSecondaryIndexes')"; }
set_gsis() {
    local tg=$SECONDS
    if [ "$(gsis)" != "$1" ]; then
        psql_db -c "CALL bench_set_gsis($1)" -c "ANALYZE $backingq"
        echo "  (BenchQ now has $1 GSIs; built or dropped online in $(( SECONDS - tg ))s)"
    fi
}

# ---------------------------------------------------------------- 5. gsi
if want gsi; then
    section_start "gsi: dyn_query on GSI gsi1 (10 items) vs raw SELECT on the same partial index"
    [ "$(gsis)" -ge 1 ] || set_gsis 1
    run_case gsiq gsiq "" "$itemsq"
    row "GSI Query, 10 items" 1 "${tps[gsiq,ours]}" "${tps[gsiq,raw]}" tps
    section_end
fi

# ---------------------------------------------------------------- 6. writes
if want writes; then
    section_start "writes: PutItem vs raw upsert with 0, 1, 5 GSIs on the table"
    # in the order that builds the fewest indexes from where we are
    case $(gsis) in
        0) order="0 1 5" ;;
        5) order="5 1 0" ;;
        *) order="1 5 0" ;;
    esac
    for g in $order; do
        set_gsis "$g"
        run_case "write$g" write "$backingq" "$itemsq"
    done
    for g in 0 1 5; do
        row "PutItem, $g GSI$([ "$g" = 1 ] || echo s)" 1 "${tps[write$g,ours]}" "${tps[write$g,raw]}" tps
    done
    section_end
fi

# ---------------------------------------------------------------- 7. batch, txn
if want batch || want txn; then set_gsis 0; fi
if want batch; then
    section_start "batch: BatchWriteItem of 25 puts vs 25 upserts in one transaction (0 GSIs)"
    run_case batch batch "$backingq" "$itemsq" 25
    row "BatchWriteItem, 25 puts" 1 "$(awk -v t="${tps[batch,ours]}" 'BEGIN { print t * 25 }')" \
        "$(awk -v t="${tps[batch,raw]}" 'BEGIN { print t * 25 }')" items/s
    section_end
fi
if want txn; then
    section_start "txn: TransactWriteItems of 10 puts vs 10 upserts in one transaction (0 GSIs)"
    run_case txn txn "$backingq" "$itemsq" 10
    row "TransactWriteItems, 10 puts" 1 "$(awk -v t="${tps[txn,ours]}" 'BEGIN { print t * 10 }')" \
        "$(awk -v t="${tps[txn,raw]}" 'BEGIN { print t * 10 }')" items/s
    section_end
fi

# ---------------------------------------------------------------- 8. bulk
# poll a job until it is no longer running; prints "status|items|seconds"
wait_job() {
    local st
    while :; do
        st=$(sql1 "SELECT status FROM dyn_jobs WHERE id = $1")
        [ "$st" = running ] || break
        sleep 0.5
    done
    sql1 "SELECT status, items_done, extract(epoch FROM coalesce(finished_at, updated_at) - started_at)
            FROM dyn_jobs WHERE id = $1"
}
p99() {   # the 99th percentile of the latencies (us) in pgbench --log files
    cat "$@" | awk '{ print $3 }' | sort -n |
        awk '{ v[NR] = $1 } END { i = int(NR * 0.99 + 0.999); if (i < 1) i = 1; printf "%.3f", v[i] / 1000 }'
}
if want bulk; then
    section_start "bulk: dyn_bulk_update SET NewAttr on $itemsq items (BatchSize $BENCH_BULK_BATCH) vs raw batched UPDATE"
    set_gsis 0
    # both start from the same compact table, after a checkpoint
    psql_db -c "VACUUM FULL $backingq" -c "ANALYZE $backingq" -c CHECKPOINT
    id=$(sql1 "SELECT dyn_bulk_update('{\"TableName\":\"BenchQ\",\"UpdateExpression\":\"SET NewAttr = :x\",
               \"ExpressionAttributeValues\":{\":x\":{\"S\":\"x\"}},\"BatchSize\":$BENCH_BULK_BATCH}')")
    IFS='|' read -r j_status j_items j_secs <<<"$(wait_job "$id")"
    [ "$j_status" = done ] && [ "$j_items" = "$itemsq" ] ||
        { echo "bulk job $id: $j_status after $j_items items" >&2; sql1 "SELECT * FROM dyn_jobs WHERE id = $id" >&2; exit 1; }
    ours_bulk=$(awk -v n="$j_items" -v s="$j_secs" 'BEGIN { printf "%.0f", n / s }')
    echo "  ours job $id: $j_items items in $(awk -v s="$j_secs" 'BEGIN { printf "%.1f", s }')s" \
         "(dyn_jobs finished_at - started_at) = $ours_bulk items/s"
    psql_db -c "VACUUM FULL $backingq" -c "ANALYZE $backingq" -c CHECKPOINT
    IFS='|' read -r r_items r_secs <<<"$(sql1 "CALL bench_bulk_raw($BENCH_BULK_BATCH)")"
    [ "$r_items" = "$itemsq" ] || { echo "raw bulk: $r_items items" >&2; exit 1; }
    raw_bulk=$(awk -v n="$r_items" -v s="$r_secs" 'BEGIN { printf "%.0f", n / s }')
    echo "  raw  UPDATE ... WHERE (pk, sk) IN (next $BENCH_BULK_BATCH by key), COMMIT each:" \
         "$r_items items in $(awk -v s="$r_secs" 'BEGIN { printf "%.1f", s }')s = $raw_bulk items/s"
    row "Bulk update, $(( itemsq / 1000 ))k items (batches of $BENCH_BULK_BATCH)" job "$ours_bulk" "$raw_bulk" items/s

    # a writer's latency with a rate-limited job running vs with no job
    echo "  PutItem writer (1 client$([ "$BENCH_PIN" = 1 ] && echo ', pinned'), ${BENCH_LAT_SECONDS}s runs):" \
         "p99 latency with a job at RateLimit $BENCH_BULK_RATE items/s vs no job"
    psql_db -c "VACUUM FULL $backingq" -c "ANALYZE $backingq"
    warmup write "$itemsq"
    declare -a p99_nojob=() p99_job=()
    for ((r = 1; r <= BENCH_LAT_ROUNDS; r++)); do
        for side in nojob job; do
            if [ "$side" = job ]; then
                psql_db -c "VACUUM $backingq" -c CHECKPOINT
                id=$(sql1 "SELECT dyn_bulk_update('{\"TableName\":\"BenchQ\",\"UpdateExpression\":\"SET NewAttr2 = :x\",
                           \"ExpressionAttributeValues\":{\":x\":{\"S\":\"r$r\"}},
                           \"BatchSize\":$BENCH_BULK_BATCH,\"RateLimit\":$BENCH_BULK_RATE}')")
                for ((i = 0; ; i++)); do      # until its first batch is done
                    st=$(sql1 "SELECT status || CASE WHEN items_done > 0 THEN '+' ELSE '' END
                                 FROM dyn_jobs WHERE id = $id")
                    [ "$st" = running+ ] && break
                    if [ "$st" != running ] || [ "$i" -gt 600 ]; then
                        echo "latency job $id: $st" >&2; exit 1
                    fi
                    sleep 0.1
                done
                j0=$(sql1 "SELECT items_done FROM dyn_jobs WHERE id = $id"); tj=$(date +%s.%N)
                bench "lat$side" ours 1 write "" "$itemsq" "$BENCH_LAT_SECONDS" --log --log-prefix="$work/lat_${side}_$r"
                j1=$(sql1 "SELECT items_done FROM dyn_jobs WHERE id = $id"); tj=$(awk -v a="$tj" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
                sql1 "SELECT dyn_job_cancel($id)" >/dev/null
                IFS='|' read -r j_status _ _ <<<"$(wait_job "$id")"
                [ "$j_status" = cancelled ] || [ "$j_status" = done ] ||
                    { echo "latency job $id: $j_status" >&2; exit 1; }
                jr=$(awk -v a="$j0" -v b="$j1" -v t="$tj" 'BEGIN { printf "%.0f", (b - a) / t }')
                p99_job+=("$(p99 "$work"/lat_job_"$r".*)")
                echo "    round $r with job:  p99 ${p99_job[-1]} ms, $(awk '{ printf "%.0f", $NF }' <<<"${runs[lat$side,ours,1]}") tps" \
                     "(the job did $jr items/s meanwhile)"
            else
                bench "lat$side" ours 1 write "$backingq" "$itemsq" "$BENCH_LAT_SECONDS" --log --log-prefix="$work/lat_${side}_$r"
                p99_nojob+=("$(p99 "$work"/lat_nojob_"$r".*)")
                echo "    round $r no job:    p99 ${p99_nojob[-1]} ms, $(awk '{ printf "%.0f", $NF }' <<<"${runs[lat$side,ours,1]}") tps"
            fi
        done
    done
    # the transactions of all rounds of a side together
    lat_nojob=$(p99 "$work"/lat_nojob_*)
    lat_job=$(p99 "$work"/lat_job_*)
    echo "  p99: $lat_job ms with the job, $lat_nojob ms without (all $BENCH_LAT_ROUNDS rounds pooled)"
    row "PutItem p99 latency: with bulk job at $BENCH_BULK_RATE items/s / no job" 1 "$lat_job" "$lat_nojob" "ms p99"
    section_end
fi

# ---------------------------------------------------------------- table
echo
echo "total $(( SECONDS - t0 ))s"
echo
echo "| operation | clients | ours | raw | unit | ours/raw |"
echo "|-----------|--------:|-----:|----:|------|---------:|"
for rw in ${rows[@]+"${rows[@]}"}; do
    IFS='|' read -r label c o r unit ratio <<<"$rw"
    awk -v l="$label" -v c="$c" -v o="$o" -v r="$r" -v u="$unit" -v q="$ratio" 'BEGIN {
        f = (u == "ms p99") ? "%.2f" : "%.0f"
        printf "| %s | %s | " f " | " f " | %s | %s |\n", l, c, o, r, u, q }'
done
if [ -f "$work/mem.out" ]; then grep '^memory:' "$work/mem.out"; fi
if [ -f "$work/scanmem.out" ]; then grep '^scan memory:' "$work/scanmem.out"; fi
