/*-------------------------------------------------------------------------
 * access.c
 *	  Items in backing tables, through statements prepared once per table
 *	  and backend.
 *
 * Only this file builds SQL.  Identifiers are quoted with
 * quote_identifier; values are always parameters.  A backing table is
 *
 *	 CREATE TABLE dynamo_data.t<id> (pk <type>, [sk <type>,] item jsonb,
 *	                                 PRIMARY KEY (pk[, sk]))
 *
 * with key types text COLLATE "C" (S, escaped form), numeric (N) or bytea
 * (B).  Statements run as the calling role, so Postgres's own privileges
 * decide who may read and write (42501 otherwise).
 *
 * Writes that must see the old item (ReturnValues, conditions) lock the
 * row first (SELECT ... FOR UPDATE), so two racing writers never both see
 * "absent"; an insert that loses a race to a concurrent insert retries
 * with the row now locked.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"

#include "catalog.h"
#include "keycodec.h"
#include "storage/storage.h"

static const char *
qualified(DynTable *t)
{
	return quote_qualified_identifier(t->backing_schema, t->backing_name);
}

static const char *
key_where(DynTable *t)
{
	return t->range_key ? "pk OPERATOR(pg_catalog.=) $1 AND sk OPERATOR(pg_catalog.=) $2" :
		"pk OPERATOR(pg_catalog.=) $1";
}

static char *
plan_sql(DynTable *t, DynPlanId id)
{
	const char *rel = qualified(t);
	bool		rk = t->range_key != NULL;
	int			itemparam = rk ? 3 : 2;

	switch (id)
	{
		case DYN_PLAN_GET:
			return psprintf("SELECT item FROM %s WHERE %s", rel, key_where(t));
		case DYN_PLAN_LOCK:
			return psprintf("SELECT item FROM %s WHERE %s FOR UPDATE", rel, key_where(t));
		case DYN_PLAN_UPSERT:
			return psprintf("INSERT INTO %s AS t (%s, item) VALUES ($1, %s$%d) "
							"ON CONFLICT (%s) DO UPDATE SET item = EXCLUDED.item",
							rel, rk ? "pk, sk" : "pk", rk ? "$2, " : "", itemparam,
							rk ? "pk, sk" : "pk");
		case DYN_PLAN_INSERT_NEW:
			return psprintf("INSERT INTO %s (%s, item) VALUES ($1, %s$%d) "
							"ON CONFLICT (%s) DO NOTHING",
							rel, rk ? "pk, sk" : "pk", rk ? "$2, " : "", itemparam,
							rk ? "pk, sk" : "pk");
		case DYN_PLAN_UPDATE:
			return psprintf("UPDATE %s SET item = $%d WHERE %s", rel, itemparam,
							key_where(t));
		case DYN_PLAN_DELETE:
			return psprintf("DELETE FROM %s WHERE %s RETURNING item", rel, key_where(t));
		case DYN_PLAN__COUNT:
			break;
	}
	elog(ERROR, "unrecognized plan id: %d", (int) id);
	return NULL;
}

static SPIPlanPtr
get_plan(DynTable *t, DynPlanId id)
{
	if (t->plans[id] == NULL)
	{
		Oid			argtypes[3];
		int			nargs = 0;
		SPIPlanPtr	p;

		argtypes[nargs++] = keycodec_key_typoid(t->hash_type);
		if (t->range_key)
			argtypes[nargs++] = keycodec_key_typoid(t->range_type);
		if (id == DYN_PLAN_UPSERT || id == DYN_PLAN_INSERT_NEW || id == DYN_PLAN_UPDATE)
			argtypes[nargs++] = JSONBOID;
		p = SPI_prepare(plan_sql(t, id), nargs, argtypes);
		if (p == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		SPI_keepplan(p);
		t->plans[id] = p;
	}
	return t->plans[id];
}

static int
run(DynTable *t, DynPlanId id, DynKey *key, Jsonb *item, bool read_only)
{
	Datum		values[3];
	int			n = 0;
	int			ret;

	values[n++] = key->pk;
	if (t->range_key)
		values[n++] = key->sk;
	if (item)
		values[n++] = JsonbPGetDatum(item);
	ret = SPI_execute_plan(get_plan(t, id), values, NULL, read_only, 0);
	if (ret < 0)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(ret));
	return ret;
}

/* The item column of the first result row, copied; NULL when none */
static Jsonb *
first_item(void)
{
	bool		isnull;
	Datum		d;

	if (SPI_processed == 0)
		return NULL;
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		return NULL;
	return DatumGetJsonbPCopy(d);
}

void
storage_create_table(const char *schema, const char *name, char hash_type,
					 char range_type)
{
	char	   *sql;
	int			ret;

	if (range_type)
		sql = psprintf("CREATE TABLE %s (pk %s NOT NULL, sk %s NOT NULL, "
					   "item pg_catalog.jsonb NOT NULL, PRIMARY KEY (pk, sk))",
					   quote_qualified_identifier(schema, name),
					   keycodec_sql_type(hash_type), keycodec_sql_type(range_type));
	else
		sql = psprintf("CREATE TABLE %s (pk %s NOT NULL, item pg_catalog.jsonb NOT NULL, "
					   "PRIMARY KEY (pk))",
					   quote_qualified_identifier(schema, name),
					   keycodec_sql_type(hash_type));
	ret = SPI_execute(sql, false, 0);
	if (ret != SPI_OK_UTILITY)
		elog(ERROR, "could not create backing table: %s", SPI_result_code_string(ret));
}

void
storage_drop_table(DynTable *t)
{
	int			ret = SPI_execute(psprintf("DROP TABLE %s", qualified(t)), false, 0);

	if (ret != SPI_OK_UTILITY)
		elog(ERROR, "could not drop backing table: %s", SPI_result_code_string(ret));
}

Jsonb *
storage_get(DynTable *t, DynKey *key)
{
	run(t, DYN_PLAN_GET, key, NULL, false);
	return first_item();
}

void
storage_upsert(DynTable *t, DynKey *key, Jsonb *item)
{
	run(t, DYN_PLAN_UPSERT, key, item, false);
}

/* Lock the row of key (if any) and return its item */
Jsonb *
storage_lock(DynTable *t, DynKey *key)
{
	run(t, DYN_PLAN_LOCK, key, NULL, false);
	return first_item();
}

/* Insert a new row; false when a concurrent insert got there first */
bool
storage_insert_new(DynTable *t, DynKey *key, Jsonb *item)
{
	run(t, DYN_PLAN_INSERT_NEW, key, item, false);
	return SPI_processed == 1;
}

void
storage_update(DynTable *t, DynKey *key, Jsonb *item)
{
	run(t, DYN_PLAN_UPDATE, key, item, false);
}

/* Write item and return the one it replaced (NULL when none) */
Jsonb *
storage_put_returning_old(DynTable *t, DynKey *key, Jsonb *item)
{
	for (int attempt = 0;; attempt++)
	{
		Jsonb	   *old = storage_lock(t, key);

		if (old)
		{
			storage_update(t, key, item);
			return old;
		}
		if (storage_insert_new(t, key, item))
			return NULL;
		/* a concurrent insert won; it has committed, so lock it next time */
		if (attempt >= 100)
			elog(ERROR, "could not write item: concurrent inserts keep winning");
	}
}

Jsonb *
storage_delete(DynTable *t, DynKey *key)
{
	run(t, DYN_PLAN_DELETE, key, NULL, false);
	return first_item();
}
