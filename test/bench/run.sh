#!/usr/bin/env bash
# dynamo_ext hot-path benchmark (DESIGN.md section 4).
#
#   make bench            or    bash test/bench/run.sh
#
# 1. (re)creates database $BENCH_DB, the DynamoDB table Bench and loads
#    $BENCH_ITEMS items straight into its backing table;
# 2. pgbench, 1 and 2 clients: dyn_get_item / dyn_put_item against the same
#    work as raw prepared statements on the backing table;
# 3. memory: 1,000,000 GetItem/PutItem calls in one backend, sampled;
# 4. prints the ratio table (ours/raw tps) last.
#
# Environment: BENCH_SECONDS (10) per pgbench run, BENCH_ROUNDS (3) runs per
# case (ours and raw alternate, the median counts), BENCH_ITEMS (1000000),
# BENCH_MEM_CALLS (1000000), BENCH_CLIENTS ("1 2"), BENCH_DB (dyn_bench),
# BENCH_PIN (1: 1-client runs pin pgbench and its backend to CPU 0),
# PGHOST/PGPORT/PGUSER (/tmp, 54329, postgres), PGBENCH (pgbench binary).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
: "${BENCH_SECONDS:=10}"
: "${BENCH_ITEMS:=1000000}"
: "${BENCH_MEM_CALLS:=1000000}"
: "${BENCH_CLIENTS:=1 2}"
: "${BENCH_ROUNDS:=3}"
: "${BENCH_DB:=dyn_bench}"
: "${BENCH_PIN:=$(command -v taskset >/dev/null && echo 1 || echo 0)}"
export PGHOST=${PGHOST:-/tmp} PGPORT=${PGPORT:-54329} PGUSER=${PGUSER:-postgres}
unset PGDATABASE PGOPTIONS
if [ -z "${PGBENCH:-}" ]; then
    PGBENCH=$(command -v pg_config >/dev/null && echo "$(pg_config --bindir)/pgbench" || true)
    [ -x "$PGBENCH" ] || PGBENCH=/usr/lib/postgresql/15/bin/pgbench
fi

# whole thousands of items (10 orders per user)
items=$(( BENCH_ITEMS / 10 * 10 ))
[ "$items" -ge 10 ] || { echo "BENCH_ITEMS must be at least 10" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$BENCH_DB" "$@"; }
t0=$SECONDS

echo "== dynamo_ext bench: $(psql -X -Atc 'SHOW server_version' -d postgres | cut -d' ' -f1)," \
     "$(nproc) cores, $items items, ${BENCH_SECONDS}s/run," \
     "rev $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?')"

# ---------------------------------------------------------------- 1. setup
psql -X -q -v ON_ERROR_STOP=1 -d postgres \
     -c "DROP DATABASE IF EXISTS $BENCH_DB" -c "CREATE DATABASE $BENCH_DB" 2>&1 |
    grep -v 'does not exist, skipping' || true
ts=$SECONDS
setup_out=$(psql_db -v items="$items" -f "$here/setup.sql")
read -r _ backing nrows size <<<"$(grep '^BACKING ' <<<"$setup_out")"
[ "$nrows" = "$items" ] || { echo "setup: loaded $nrows rows, expected $items" >&2; exit 1; }
echo "setup: $nrows items in $backing ($size) in $(( SECONDS - ts ))s"

for f in get_ours get_raw put_ours put_raw; do
    sed "s/@BACKING@/$backing/g" "$here/pgbench/$f.sql" >"$work/$f.sql"
done

# ---------------------------------------------------------------- 2. pgbench
declare -A tps
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
# one pgbench run of $BENCH_SECONDS; appends its tps to runs[$op,$side,$c]
declare -A runs
bench() {
    local op=$1 side=$2 c=$3 log="$work/$1_$2_$3.log"
    local pin=() rc=0 pid
    # PutItem runs start from a vacuumed table; every run after a checkpoint
    if [ "$op" = put ]; then psql_db -c "VACUUM $backing"; fi
    psql_db -c CHECKPOINT
    if [ "$c" = 1 ] && [ "$BENCH_PIN" = 1 ]; then pin=(taskset -c 0); fi
    ${pin[@]+"${pin[@]}"} "$PGBENCH" -n -M prepared -T "$BENCH_SECONDS" -c "$c" -j "$c" \
        -D items="$items" -f "$work/${op}_$side.sql" "$BENCH_DB" >"$log" 2>&1 &
    pid=$!
    if [ ${#pin[@]} -gt 0 ]; then pin_backends "$pid"; fi
    wait "$pid" || rc=$?
    if [ "$rc" != 0 ] || grep -qiE 'aborted|error' "$log"; then
        echo "pgbench $op/$side/$c failed:" >&2; cat "$log" >&2; exit 1
    fi
    runs[$op,$side,$c]+=" $(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$log")"
}
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 }
    END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "pgbench: -M prepared, random keys, $BENCH_ROUNDS rounds of ${BENCH_SECONDS}s per case" \
     "(ours and raw alternate; median)$([ "$BENCH_PIN" = 1 ] &&
        echo '; 1 client: pgbench and its backend pinned to CPU 0')"
# a short warm-up of both paths (caches, plans, buffers)
for f in get_ours get_raw put_ours put_raw; do
    "$PGBENCH" -n -M prepared -T 1 -c 1 -j 1 -D items="$items" -f "$work/$f.sql" \
        "$BENCH_DB" >/dev/null 2>&1
done
declare -A tps
for c in $BENCH_CLIENTS; do
    for op in get put; do
        for ((r = 1; r <= BENCH_ROUNDS; r++)); do
            if (( r % 2 )); then order="ours raw"; else order="raw ours"; fi
            for side in $order; do bench "$op" "$side" "$c"; done
        done
        for side in ours raw; do
            tps[$op,$side,$c]=$(median "${runs[$op,$side,$c]}")
            printf '  %s %-4s c=%s  median %8.0f tps  runs:%s\n' "$op" "$side" "$c" \
                "${tps[$op,$side,$c]}" "$(printf ' %.0f' ${runs[$op,$side,$c]})"
        done
    done
done

# ---------------------------------------------------------------- 3. memory
# One session; batches of GetItem+PutItem calls in a DO block (one
# transaction each), sampling the backend after each batch: VmRSS and
# RssAnon from /proc/<pid>/status, and the sum of pg_backend_memory_contexts,
# both at the end of the batch (inside its transaction) and after commit.
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
    k := (i * 7919) % items;
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
psql_db -f "$work/memory.sql" | grep '^MEM ' >"$work/mem.txt"
awk -v batches="$batches" -v secs="$(( SECONDS - tm ))" '
    { calls[NR] = $2; rss[NR] = $3; anon[NR] = $4; ctx[NR] = $5; intx[NR] = $6 }
    END {
        printf "  %-9s %9s %10s %10s %10s %12s\n", "sample", "calls", "VmRSS kB",
               "RssAnon kB", "ctx kB", "ctx@end kB"
        n = NR; w = 2                  # row 1: before; row 2: after the warm-up batch
        split("1 2 " int(batches/4)+1 " " int(batches/2)+1 " " int(3*batches/4)+1 " " n, pick, " ")
        split("before warm-up 25% midway 75% after", label, " ")
        for (j = 1; j <= 6; j++) {
            r = pick[j]
            printf "  %-9s %9d %10d %10d %10d %12s\n", label[j], calls[r], rss[r], anon[r],
                   ctx[r], r == 1 ? "-" : intx[r]
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

# ---------------------------------------------------------------- 4. table
echo "total $(( SECONDS - t0 ))s"
echo
echo "| operation | clients | ours tps | raw tps | ours/raw |"
echo "|-----------|--------:|---------:|--------:|---------:|"
for op in get put; do
    for c in $BENCH_CLIENTS; do
        o=${tps[$op,ours,$c]} r=${tps[$op,raw,$c]}
        name=$([ "$op" = get ] && echo GetItem || echo PutItem)
        awk -v n="$name" -v c="$c" -v o="$o" -v r="$r" \
            'BEGIN { printf "| %-9s | %7d | %8.0f | %7.0f | %8.2f |\n", n, c, o, r, o / r }'
    done
done
grep '^memory:' "$work/mem.out"
