# dynamo_ext: DynamoDB's data model and API inside PostgreSQL (PGXS build)

EXTENSION = dynamo_ext
MODULE_big = dynamo_ext
DATA = dynamo_ext--0.1.sql
PGFILEDESC = "dynamo_ext - DynamoDB tables, items and operations in PostgreSQL"

OBJS = \
	src/dynamo_ext.o \
	src/errors.o \
	src/jsonb_util.o \
	src/jsonb_binary.o \
	src/attrval.o \
	src/keycodec.o \
	src/marshall.o \
	src/wire.o \
	src/catalog.o \
	src/storage/access.o \
	src/storage/fetch.o \
	src/storage/range.o \
	src/storage/upsert.o \
	src/index/index.o \
	src/index/build.o \
	src/expr/parser.o \
	src/expr/reserved.o \
	src/expr/cache.o \
	src/expr/eval.o \
	src/expr/validate.o \
	src/expr/update.o \
	src/ops/keyschema.o \
	src/ops/create_table.o \
	src/ops/describe_table.o \
	src/ops/list_tables.o \
	src/ops/delete_table.o \
	src/ops/update_table.o \
	src/ops/put_item.o \
	src/ops/get_item.o \
	src/ops/delete_item.o \
	src/ops/update_item.o \
	src/ops/page.o \
	src/ops/query.o \
	src/ops/scan.o \
	src/ops/batch.o \
	src/ops/transact.o \
	src/ops/common.o \
	src/ops/write.o \
	src/ops/dispatch.o \
	src/ops/plain.o \
	src/migrate/history.o \
	src/migrate/jobs.o \
	src/migrate/migrations.o \
	src/migrate/upgrade.o \
	src/migrate/move.o

SHLIB_LINK = -ljson-c
PG_CPPFLAGS = -I$(srcdir)/src -I/usr/include/json-c
PG_CFLAGS = -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare -Wno-clobbered

REGRESS = codec catalog put_get plain errors security expressions conditions update_item query scan batch transactions indexes migrations moves hot_partitions api_surface
REGRESS_OPTS = --load-extension=dynamo_ext

ISOLATION = create_race delete_race conditional_put counter_update optimistic_lock query_paging \
	txn_opposite_order txn_bank_transfer txn_idempotency migrate_race put_race
ISOLATION_OPTS = --inputdir=test/isolation --load-extension=dynamo_ext

TAP_TESTS = 1
PROVE_TESTS = test/t/*.pl

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# every object depends on every header (a small project: keep it simple)
$(OBJS): $(wildcard $(srcdir)/src/*.h $(srcdir)/src/*/*.h)

# Benchmarks (never part of the tests): ratios against raw SQL on the same
# backing table, printed and recorded in the README.
.PHONY: bench
bench:
	bash test/bench/run.sh
