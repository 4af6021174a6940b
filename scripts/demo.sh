#!/usr/bin/env bash
# Set up a fresh Debian machine (as root) and run the demo: the seeds'
# grocery Orders table, a few orders written and read back.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PGHOST=/tmp PGPORT=${PGPORT:-54329} PGUSER=postgres
psql -X -q -c "DROP DATABASE IF EXISTS dynamo_demo" -c "CREATE DATABASE dynamo_demo"
psql -X -q -v ON_ERROR_STOP=1 dynamo_demo -f test/demo.sql
