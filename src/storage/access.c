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
#include "access/detoast.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/guc.h"
#include "catalog/pg_collation.h"

#include "catalog.h"
#include "index/index.h"
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

	/* the Scan order: partition-key hash, then the primary key */
	sql = psprintf("CREATE INDEX %s ON %s ((%s), pk%s)",
				   quote_identifier(psprintf("%s_scan", name)),
				   quote_qualified_identifier(schema, name),
				   storage_hash_expr(hash_type, "pk"), range_type ? ", sk" : "");
	ret = SPI_execute(sql, false, 0);
	if (ret != SPI_OK_UTILITY)
		elog(ERROR, "could not create scan index: %s", SPI_result_code_string(ret));
}

void
storage_drop_table(DynTable *t)
{
	int			ret = SPI_execute(psprintf("DROP TABLE %s", qualified(t)), false, 0);

	if (ret != SPI_OK_UTILITY)
		elog(ERROR, "could not drop backing table: %s", SPI_result_code_string(ret));
}

/* GetItem through the executor; fetch.c's shortcut falls back to these */
Jsonb *
storage_get_spi(DynTable *t, DynKey *key)
{
	run(t, DYN_PLAN_GET, key, NULL, false);
	return first_item();
}

/* The same with the calling statement's snapshot (SPI read-only) */
Jsonb *
storage_get_snapshot_spi(DynTable *t, DynKey *key)
{
	run(t, DYN_PLAN_GET, key, NULL, true);
	return first_item();
}

/* Insert or replace the row of key (upsert.c writes it directly when it can) */
void
storage_upsert(DynTable *t, DynKey *key, Jsonb *item)
{
	if (!storage_upsert_direct(t, key, item))
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

/* ---- many items: Query and Scan ---- */

/*
 * The partition-key hash that orders a Scan and splits it into segments;
 * backing tables carry a btree index on (hash, pk[, sk]) for it.
 */
char *
storage_hash_expr(char type, const char *arg)
{
	switch (type)
	{
		case 'S':
			return psprintf("pg_catalog.hashtext(%s)", arg);
		case 'N':
			return psprintf("pg_catalog.hash_numeric(%s)", arg);
		case 'B':
			return psprintf("pg_catalog.hashtext(pg_catalog.encode(%s, 'hex'))", arg);
	}
	elog(ERROR, "unrecognized key type: %c", type);
	return NULL;
}

/* storage_hash_expr computed here, for a partition key value */
int64
storage_key_hash(DynTable *t, Datum pk)
{
	switch (t->hash_type)
	{
		case 'S':
			return DatumGetInt32(DirectFunctionCall1Coll(hashtext, C_COLLATION_OID, pk));
		case 'N':
			return DatumGetInt32(DirectFunctionCall1(hash_numeric, pk));
		case 'B':
			return DatumGetInt32(DirectFunctionCall1Coll(hashtext, C_COLLATION_OID,
														 DirectFunctionCall2(binary_encode, pk,
																			 CStringGetTextDatum("hex"))));
	}
	elog(ERROR, "unrecognized key type: %c", t->hash_type);
	return 0;
}

/*
 * Upper bound of the keys that begin with prefix: S keys are valid UTF-8,
 * which never holds byte 0xFF, so prefix || 0xFF bounds them; B keys use
 * the next byte string (none when the prefix is all 0xFF).
 */
Datum
storage_prefix_bound(char type, Datum prefix, bool *isnull)
{
	struct varlena *p = (struct varlena *) PG_DETOAST_DATUM(prefix);
	int			len = VARSIZE_ANY_EXHDR(p);
	struct varlena *r = palloc(VARHDRSZ + len + 1);

	*isnull = false;
	memcpy(VARDATA(r), VARDATA_ANY(p), len);
	if (type == 'S')
	{
		((unsigned char *) VARDATA(r))[len] = 0xFF;
		SET_VARSIZE(r, VARHDRSZ + len + 1);
		return PointerGetDatum(r);
	}
	while (len > 0 && ((unsigned char *) VARDATA(r))[len - 1] == 0xFF)
		len--;
	if (len == 0)
	{
		*isnull = true;
		return (Datum) 0;
	}
	((unsigned char *) VARDATA(r))[len - 1]++;
	SET_VARSIZE(r, VARHDRSZ + len);
	return PointerGetDatum(r);
}

static SPIPlanPtr
query_plan(DynTable *t, DynRangeOp op, bool forward, bool has_start)
{
	int			id = (op * 2 + (forward ? 1 : 0)) * 2 + (has_start ? 1 : 0);

	if (t->query_plans[id] == NULL)
	{
		static const char *const ops[] = {
			[DYN_RANGE_EQ] = " AND sk OPERATOR(pg_catalog.=) $2",
			[DYN_RANGE_LT] = " AND sk OPERATOR(pg_catalog.<) $2",
			[DYN_RANGE_LE] = " AND sk OPERATOR(pg_catalog.<=) $2",
			[DYN_RANGE_GT] = " AND sk OPERATOR(pg_catalog.>) $2",
			[DYN_RANGE_GE] = " AND sk OPERATOR(pg_catalog.>=) $2",
			[DYN_RANGE_BETWEEN] = " AND sk OPERATOR(pg_catalog.>=) $2 AND sk OPERATOR(pg_catalog.<=) $3",
			[DYN_RANGE_BEGINS] = " AND sk OPERATOR(pg_catalog.>=) $2 AND ($3 IS NULL OR sk OPERATOR(pg_catalog.<) $3)",
		};
		StringInfoData sql;
		Oid			argtypes[4];
		SPIPlanPtr	p;
		Oid			skt = t->range_key ? keycodec_key_typoid(t->range_type) : TEXTOID;

		argtypes[0] = keycodec_key_typoid(t->hash_type);
		argtypes[1] = argtypes[2] = argtypes[3] = skt;
		initStringInfo(&sql);
		appendStringInfo(&sql, "SELECT item FROM %s WHERE pk OPERATOR(pg_catalog.=) $1",
						 qualified(t));
		if (t->range_key)
		{
			if (op != DYN_RANGE_NONE)
				appendStringInfoString(&sql, ops[op]);
			if (has_start)
				appendStringInfo(&sql, " AND sk OPERATOR(pg_catalog.%s) $4", forward ? ">" : "<");
			appendStringInfo(&sql, " ORDER BY sk%s", forward ? "" : " DESC");
		}
		p = SPI_prepare(sql.data, 4, argtypes);
		if (p == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		SPI_keepplan(p);
		t->query_plans[id] = p;
	}
	return t->query_plans[id];
}

static void
cursor_open(DynCursor *cur, SPIPlanPtr plan, Datum *values, char *nulls)
{
	memset(cur, 0, sizeof(DynCursor));
	cur->portal = SPI_cursor_open(NULL, plan, values, nulls, true);
	if (cur->portal == NULL)
		elog(ERROR, "SPI_cursor_open failed: %s", SPI_result_code_string(SPI_result));
}

/*
 * The items of one partition, in sort-key order, within a key condition,
 * by the prepared statement (range.c reads the index directly when it can)
 */
void
storage_query_open_spi(DynCursor *cur, DynTable *t, Datum pk, DynRangeOp op,
				   Datum v1, Datum v2, bool forward, Datum *start_sk)
{
	Datum		values[4] = {pk, v1, v2, start_sk ? *start_sk : (Datum) 0};
	char		nulls[4] = {' ', ' ', ' ', start_sk ? ' ' : 'n'};

	if (op == DYN_RANGE_NONE || op == DYN_RANGE__COUNT)
		nulls[1] = nulls[2] = 'n';
	else if (op == DYN_RANGE_BEGINS)
	{
		bool		isnull;

		values[2] = storage_prefix_bound(t->range_type, v1, &isnull);
		nulls[2] = isnull ? 'n' : ' ';
	}
	else if (op != DYN_RANGE_BETWEEN)
		nulls[2] = 'n';
	cursor_open(cur, query_plan(t, op, forward, start_sk != NULL), values, nulls);
}

/*
 * One segment of a Scan: the items whose partition-key hash (as unsigned,
 * offset by 2^31) lies in [lo, hi), in (hash, pk, sk) order, after start,
 * by the prepared statement (range.c reads the table's directly when it can)
 */
void
storage_scan_open_spi(DynCursor *cur, DynTable *t, DynIndex *x, int64 lo, int64 hi,
					  DynKey *start)
{
	int			id = start ? 1 : 0;
	Datum		values[4] = {Int64GetDatum(lo), Int64GetDatum(hi), 0, 0};
	SPIPlanPtr *slot = x ? &x->scan_plans[id] : &t->scan_plans[id];
	int			nestlevel;

	if (*slot == NULL)
	{
		const char *h = storage_hash_expr(t->hash_type, "pk");
		const char *h3 = storage_hash_expr(t->hash_type, "$3");
		StringInfoData sql;
		Oid			argtypes[4] = {INT8OID, INT8OID,
		keycodec_key_typoid(t->hash_type),
		t->range_key ? keycodec_key_typoid(t->range_type) : TEXTOID};
		SPIPlanPtr	p;

		initStringInfo(&sql);
		appendStringInfo(&sql, "SELECT item FROM %s WHERE %s OPERATOR(pg_catalog.>=) $1 "
						 "AND %s OPERATOR(pg_catalog.<) $2", qualified(t), h, h);
		if (x)					/* an index holds only items with its keys */
			appendStringInfo(&sql, " AND %s",
							 x->global ? index_predicate(x->hash_key, x->hash_type,
														 x->range_key, x->range_type) :
							 index_predicate(x->range_key, x->range_type, NULL, 0));
		if (start)
		{
			if (t->range_key)
				appendStringInfo(&sql, " AND (%s, pk, sk) OPERATOR(pg_catalog.>) (%s, $3, $4)",
								 h, h3);
			else
				appendStringInfo(&sql, " AND (%s, pk) OPERATOR(pg_catalog.>) (%s, $3)",
								 h, h3);
		}
		appendStringInfo(&sql, " ORDER BY %s, pk%s", h, t->range_key ? ", sk" : "");
		p = SPI_prepare(sql.data, 4, argtypes);
		if (p == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		SPI_keepplan(p);
		*slot = p;
	}
	if (start)
	{
		values[2] = start->pk;
		values[3] = t->range_key ? start->sk : (Datum) 0;
	}
	/*
	 * Plan for reading in index order, not for the whole range: with a
	 * generic plan's guess of a few rows, or a custom plan's of most of the
	 * table, the planner prefers sorting everything after the start key for
	 * every page.  The setting holds only while the cursor is planned.
	 */
	nestlevel = NewGUCNestLevel();
	(void) set_config_option("enable_sort", "off", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	cursor_open(cur, *slot, values,
				start ? (t->range_key ? "    " : "   n") : "  nn");
	AtEOXact_GUC(true, nestlevel);
}

/*
 * One index key value of a secondary index, in index order (index sort
 * key, then the table's keys), within a sort-key condition, after start,
 * by the prepared statement (range.c reads the index directly when it can)
 */
void
storage_index_query_open_spi(DynCursor *cur, DynTable *t, DynIndex *x, Datum hash, DynRangeOp op,
						 Datum v1, Datum v2, bool forward, DynKey *start, Datum start_range)
{
	int			id = (op * 2 + (forward ? 1 : 0)) * 2 + (start ? 1 : 0);
	Datum		values[6] = {hash, v1, v2, start_range, start ? start->pk : 0,
	start && t->range_key ? start->sk : 0};
	char		nulls[6] = {' ', ' ', ' ', ' ', ' ', ' '};

	if (x->query_plans[id] == NULL)
	{
		StringInfoData sql;
		Oid			argtypes[6];
		SPIPlanPtr	p;
		const char *dir = forward ? "" : " DESC";
		const char *cmp = forward ? ">" : "<";
		char	   *hexpr = x->global ? index_key_expr(x->hash_key, x->hash_type) : "pk";
		char	   *rexpr = x->range_key ? index_key_expr(x->range_key, x->range_type) : NULL;
		char		rt = x->range_key ? x->range_type : 'S';

		argtypes[0] = keycodec_key_typoid(x->hash_type);
		argtypes[1] = argtypes[2] = argtypes[3] = keycodec_key_typoid(rt);
		argtypes[4] = keycodec_key_typoid(t->hash_type);
		argtypes[5] = t->range_key ? keycodec_key_typoid(t->range_type) : TEXTOID;
		initStringInfo(&sql);
		appendStringInfo(&sql, "SELECT item FROM %s WHERE %s OPERATOR(pg_catalog.=) $1 AND %s",
						 qualified(t), hexpr,
						 x->global ? index_predicate(x->hash_key, x->hash_type, x->range_key,
													 x->range_type) :
						 index_predicate(x->range_key, x->range_type, NULL, 0));
		if (rexpr && op != DYN_RANGE_NONE)
		{
			static const char *const ops[] = {
				[DYN_RANGE_EQ] = "%s OPERATOR(pg_catalog.=) $2",
				[DYN_RANGE_LT] = "%s OPERATOR(pg_catalog.<) $2",
				[DYN_RANGE_LE] = "%s OPERATOR(pg_catalog.<=) $2",
				[DYN_RANGE_GT] = "%s OPERATOR(pg_catalog.>) $2",
				[DYN_RANGE_GE] = "%s OPERATOR(pg_catalog.>=) $2",
				[DYN_RANGE_BETWEEN] = "%s OPERATOR(pg_catalog.>=) $2 AND %s OPERATOR(pg_catalog.<=) $3",
				[DYN_RANGE_BEGINS] = "%s OPERATOR(pg_catalog.>=) $2 AND ($3 IS NULL OR %s OPERATOR(pg_catalog.<) $3)",
			};

			appendStringInfoString(&sql, " AND ");
			appendStringInfo(&sql, ops[op], rexpr, rexpr);
		}
		if (start)
			appendStringInfo(&sql, " AND (%s%spk%s) OPERATOR(pg_catalog.%s) (%s$5%s)",
							 rexpr ? rexpr : "", rexpr ? ", " : "",
							 t->range_key ? ", sk" : "", cmp,
							 rexpr ? "$4, " : "", t->range_key ? ", $6" : "");
		appendStringInfoString(&sql, " ORDER BY ");
		if (rexpr)
			appendStringInfo(&sql, "%s%s, ", rexpr, dir);
		appendStringInfo(&sql, "pk%s", dir);
		if (t->range_key)
			appendStringInfo(&sql, ", sk%s", dir);
		p = SPI_prepare(sql.data, 6, argtypes);
		if (p == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		SPI_keepplan(p);
		x->query_plans[id] = p;
	}
	if (op == DYN_RANGE_NONE)
		nulls[1] = nulls[2] = 'n';
	else if (op == DYN_RANGE_BEGINS)
	{
		bool		isnull;

		values[2] = storage_prefix_bound(x->range_type, v1, &isnull);
		nulls[2] = isnull ? 'n' : ' ';
	}
	else if (op != DYN_RANGE_BETWEEN)
		nulls[2] = 'n';
	if (!start || !x->range_key)
		nulls[3] = 'n';
	if (!start)
		nulls[4] = 'n';
	if (!start || !t->range_key)
		nulls[5] = 'n';
	cursor_open(cur, x->query_plans[id], values, nulls);
}

typedef enum KeyscanLock
{
	KEYSCAN_NO_LOCK,
	KEYSCAN_FOR_SHARE,
	KEYSCAN_FOR_UPDATE
} KeyscanLock;

static void keyscan_open(DynCursor *cur, DynTable *t, DynKey *after, int64 n, KeyscanLock lock);
static void cursor_open_rw(DynCursor *cur, SPIPlanPtr plan, Datum *values, char *nulls,
						   bool read_only);

/* Items in primary-key order after a key (NULL: from the start), at most n */
void
storage_keyscan_open(DynCursor *cur, DynTable *t, DynKey *after, int64 n)
{
	keyscan_open(cur, t, after, n, KEYSCAN_NO_LOCK);
}

/* ... their rows locked FOR SHARE (a move's backfill) */
void
storage_keyscan_open_locked(DynCursor *cur, DynTable *t, DynKey *after, int64 n)
{
	keyscan_open(cur, t, after, n, KEYSCAN_FOR_SHARE);
}

/*
 * ... their rows locked FOR UPDATE (a bulk job's batch): each item read is
 * the current version, and stays so until the batch commits
 */
void
storage_keyscan_open_for_update(DynCursor *cur, DynTable *t, DynKey *after, int64 n)
{
	keyscan_open(cur, t, after, n, KEYSCAN_FOR_UPDATE);
}

static void
keyscan_open(DynCursor *cur, DynTable *t, DynKey *after, int64 n, KeyscanLock lock)
{
	static const char *const lock_clause[] = {"", " FOR SHARE", " FOR UPDATE"};
	int			id = (after ? 1 : 0) + 2 * (int) lock;
	Datum		values[3] = {after ? after->pk : 0, after && t->range_key ? after->sk : 0,
	Int64GetDatum(n)};
	char		nulls[3] = {after ? ' ' : 'n', after && t->range_key ? ' ' : 'n', ' '};

	if (t->keyscan_plans[id] == NULL)
	{
		StringInfoData sql;
		Oid			argtypes[3] = {keycodec_key_typoid(t->hash_type),
		t->range_key ? keycodec_key_typoid(t->range_type) : TEXTOID, INT8OID};
		SPIPlanPtr	p;

		initStringInfo(&sql);
		appendStringInfo(&sql, "SELECT item FROM %s", qualified(t));
		if (after)
			appendStringInfo(&sql, t->range_key ?
							 " WHERE (pk, sk) OPERATOR(pg_catalog.>) ($1, $2)" :
							 " WHERE pk OPERATOR(pg_catalog.>) $1");
		appendStringInfo(&sql, " ORDER BY pk%s LIMIT $3%s", t->range_key ? ", sk" : "",
						 lock_clause[lock]);
		p = SPI_prepare(sql.data, 3, argtypes);
		if (p == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		SPI_keepplan(p);
		t->keyscan_plans[id] = p;
	}
	cursor_open_rw(cur, t->keyscan_plans[id], values, nulls, lock == KEYSCAN_NO_LOCK);
}

static void
cursor_open_rw(DynCursor *cur, SPIPlanPtr plan, Datum *values, char *nulls, bool read_only)
{
	memset(cur, 0, sizeof(DynCursor));
	cur->portal = SPI_cursor_open(NULL, plan, values, nulls, read_only);
	if (cur->portal == NULL)
		elog(ERROR, "SPI_cursor_open failed: %s", SPI_result_code_string(SPI_result));
}

#define DYN_CURSOR_BATCH 100

/* The next item (a copy) and its stored size; NULL at the end */
Jsonb *
storage_cursor_next(DynCursor *cur, int *stored_size)
{
	bool		isnull;
	Datum		d;
	Jsonb	   *item;

	if (cur->scan)
		return storage_range_next(cur, stored_size);
	if (cur->pos >= cur->n)
	{
		if (cur->batch)
			SPI_freetuptable(cur->batch);
		cur->batch = NULL;
		if (cur->want > 0 && cur->fetched >= cur->want)
			return NULL;
		SPI_cursor_fetch(cur->portal, true,
						 cur->want > 0 ? Min(DYN_CURSOR_BATCH, cur->want - cur->fetched) :
						 DYN_CURSOR_BATCH);
		cur->fetched += SPI_processed;
		cur->batch = SPI_tuptable;
		cur->n = SPI_processed;
		cur->pos = 0;
		if (cur->n == 0)
			return NULL;
	}
	d = SPI_getbinval(cur->batch->vals[cur->pos], cur->batch->tupdesc, 1, &isnull);
	cur->pos++;
	*stored_size = toast_raw_datum_size(d);
	item = DatumGetJsonbPCopy(d);
	return item;
}

void
storage_cursor_close(DynCursor *cur)
{
	if (cur->scan)
	{
		storage_range_close(cur);
		return;
	}
	if (cur->batch)
		SPI_freetuptable(cur->batch);
	if (cur->portal)
		SPI_cursor_close(cur->portal);
	cur->portal = NULL;
	cur->batch = NULL;
}
