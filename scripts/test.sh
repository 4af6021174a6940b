#!/usr/bin/env bash
# Set up a fresh Debian machine (as root) and run every test:
# pg_regress (sql/), isolation specs (test/isolation/), TAP tests (test/t/).
# The last line is "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
bash scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }

export PGHOST=/tmp PGPORT=${PGPORT:-54329} PGUSER=postgres
out=$(mktemp -d /tmp/dynamo_ext_test.XXXXXX)
chmod 755 "$out"

# pg_regress and isolation, against the local cluster
make -s installcheck TAP_TESTS= 2>&1 | tee "$out/installcheck.log"

# TAP tests create their own clusters, which initdb refuses to do as root:
# run them as postgres in a copy of the checkout
tap=/tmp/dynamo_ext_tap
rm -rf "$tap" && cp -a "$top" "$tap" && chown -R postgres:postgres "$tap"
su postgres -c "cd '$tap' && make -s installcheck REGRESS= ISOLATION= PROVE_FLAGS=-v" \
	2>&1 | tee "$out/tap.log"


# script tests: each prints its verdict as its last line and exits non-zero on failure
script_pass=0
script_fail=0
for t in test/fuzz/run.sh test/online_gsi/run.sh test/move_live/run.sh test/upsert_stress/run.sh; do
	[ -f "$t" ] || continue
	if timeout 900 bash "$t" > "$out/$(basename "$(dirname "$t")").log" 2>&1; then
		script_pass=$((script_pass + 1))
	else
		script_fail=$((script_fail + 1))
	fi
	echo "$t: $(tail -1 "$out/$(basename "$(dirname "$t")").log")"
done

passed=$(grep -Ec '^(ok|test|     ) .*\.\.\. ok|^ok [0-9]+ +[-+] ' "$out/installcheck.log")
failed=$(grep -Ec '\.\.\. FAILED|^not ok [0-9]+ ' "$out/installcheck.log")
tpassed=$(grep -Ec '^ok [0-9]+' "$out/tap.log")
tfailed=$(grep -Ec '^not ok [0-9]+' "$out/tap.log")
if grep -q 'Result: FAIL' "$out/tap.log" && [ "$tfailed" -eq 0 ]; then tfailed=1; fi
for f in regression.diffs output_iso/regression.diffs; do
	[ -s "$f" ] && { echo "---- $f"; head -200 "$f"; }
done
echo "$((passed + tpassed + script_pass)) passed, $((failed + tfailed + script_fail)) failed"
[ $((failed + tfailed + script_fail)) -eq 0 ]
