/*-------------------------------------------------------------------------
 * catalog.c
 *	  The extension catalog and the per-backend table descriptor cache.
 *
 * dynamo.tables holds one row per DynamoDB table: its key schema and the
 * name (not the oid, which pg_dump does not keep) of its backing table in
 * schema dynamo_data.  Rows are written only by our C code, as the owner
 * of the catalog, after the caller's own rights on the backing table were
 * checked; everyone may read them.
 *
 * Descriptors (DynTable) are cached per backend under CacheMemoryContext,
 * keyed by table name.  Any change to a table's catalog row is followed by
 * a relcache invalidation of its backing table; our relcache callback
 * marks the descriptor invalid, and it is rebuilt on next use.  An invalid
 * descriptor may still be in use by the running statement, so it is only
 * freed at the end of the transaction.
 *
 * Lock order: an operation locks the backing table (catalog_open) before
 * reading or writing any item; DeleteTable takes AccessExclusiveLock on it,
 * so a racing write either finishes first or sees the table gone.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/guc.h"
#include "utils/catcache.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/syscache.h"
#include "access/htup_details.h"
#include "catalog/pg_class.h"

#include "catalog.h"
#include "index/index.h"
#include "migrate/migrate.h"
#include "errors.h"
#include "jsonb_util.h"

typedef struct CacheEntry
{
	char		name[DYN_MAX_TABLE_NAME + 1];
	DynTable   *table;
} CacheEntry;

static HTAB *table_cache = NULL;
static List *dead_tables = NIL;	/* invalid, freed at transaction end */
static SPIPlanPtr lookup_plan = NULL;
static SPIPlanPtr index_plan = NULL;
static Oid	cached_owner = InvalidOid;

static void
free_table(DynTable *t)
{
	for (int i = 0; i < DYN_PLAN__COUNT; i++)
		if (t->plans[i])
			SPI_freeplan(t->plans[i]);
	for (int i = 0; i < DYN_QUERY_PLANS; i++)
		if (t->query_plans[i])
			SPI_freeplan(t->query_plans[i]);
	for (int i = 0; i < 2; i++)
	{
		if (t->scan_plans[i])
			SPI_freeplan(t->scan_plans[i]);
	}
	for (int i = 0; i < lengthof(t->keyscan_plans); i++)
		if (t->keyscan_plans[i])
			SPI_freeplan(t->keyscan_plans[i]);
	for (int x = 0; x < t->nindexes; x++)
	{
		for (int i = 0; i < DYN_QUERY_PLANS; i++)
			if (t->indexes[x].query_plans[i])
				SPI_freeplan(t->indexes[x].query_plans[i]);
		for (int i = 0; i < 2; i++)
			if (t->indexes[x].scan_plans[i])
				SPI_freeplan(t->indexes[x].scan_plans[i]);
	}
	MemoryContextDelete(t->cxt);
}

static void
relcache_callback(Datum arg, Oid relid)
{
	HASH_SEQ_STATUS status;
	CacheEntry *e;

	if (table_cache == NULL)
		return;
	hash_seq_init(&status, table_cache);
	while ((e = hash_seq_search(&status)) != NULL)
	{
		if (e->table && (relid == InvalidOid || e->table->relid == relid))
			e->table->valid = false;
	}
	cached_owner = InvalidOid;
}

static void
xact_callback(XactEvent event, void *arg)
{
	if (event != XACT_EVENT_COMMIT && event != XACT_EVENT_ABORT &&
		event != XACT_EVENT_PARALLEL_COMMIT && event != XACT_EVENT_PARALLEL_ABORT)
		return;
	if (dead_tables != NIL)
	{
		ListCell   *lc;

		foreach(lc, dead_tables)
			free_table((DynTable *) lfirst(lc));
		list_free(dead_tables);
		dead_tables = NIL;
	}
}

void
catalog_init(void)
{
	HASHCTL		ctl;

	if (table_cache)
		return;
	if (!CacheMemoryContext)
		CreateCacheMemoryContext();
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = DYN_MAX_TABLE_NAME + 1;
	ctl.entrysize = sizeof(CacheEntry);
	ctl.hcxt = CacheMemoryContext;
	table_cache = hash_create("dynamo_ext table descriptors", 64, &ctl,
							  HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	CacheRegisterRelcacheCallback(relcache_callback, (Datum) 0);
	RegisterXactCallback(xact_callback, NULL);
}

static char *
col_text(HeapTuple tup, TupleDesc desc, int col, bool *isnull)
{
	Datum		d = SPI_getbinval(tup, desc, col, isnull);

	if (*isnull)
		return NULL;
	return TextDatumGetCString(d);
}

static Jsonb *
col_jsonb(HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	if (isnull)
		return NULL;
	return DatumGetJsonbPCopy(d);
}

/* The secondary indexes of a table, from dynamo.indexes */
static void
load_indexes(DynTable *t)
{
	Datum		arg = CStringGetTextDatum(t->name);
	int			ret;
	MemoryContext old;

	if (index_plan == NULL)
	{
		Oid			argtypes[1] = {TEXTOID};
		SPIPlanPtr	p = SPI_prepare(
									"SELECT index_name, is_global, hash_key, hash_type, range_key, "
									"range_type, projection->>'ProjectionType', key_schema, projection, "
									"provisioned_throughput, status, pg_index_name::text, worker_pid, "
									"violations, last_error "
									"FROM dynamo.indexes WHERE table_name OPERATOR(pg_catalog.=) $1 "
									"ORDER BY index_id", 1, argtypes);

		if (p == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		SPI_keepplan(p);
		index_plan = p;
	}
	ret = SPI_execute_plan(index_plan, &arg, NULL, false, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "index lookup failed: %s", SPI_result_code_string(ret));
	old = MemoryContextSwitchTo(t->cxt);
	t->nindexes = (int) SPI_processed;
	t->indexes = palloc0(sizeof(DynIndex) * Max(t->nindexes, 1));
	for (int i = 0; i < t->nindexes; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		DynIndex   *x = &t->indexes[i];
		bool		isnull;
		Datum		d;

		x->name = col_text(tup, desc, 1, &isnull);
		x->global = DatumGetBool(SPI_getbinval(tup, desc, 2, &isnull));
		x->hash_key = col_text(tup, desc, 3, &isnull);
		x->hash_key_len = strlen(x->hash_key);
		x->hash_type = DatumGetChar(SPI_getbinval(tup, desc, 4, &isnull));
		x->range_key = col_text(tup, desc, 5, &isnull);
		x->range_key_len = x->range_key ? strlen(x->range_key) : 0;
		d = SPI_getbinval(tup, desc, 6, &isnull);
		x->range_type = isnull ? '\0' : DatumGetChar(d);
		x->projection_type = col_text(tup, desc, 7, &isnull);
		x->key_schema = col_jsonb(tup, desc, 8);
		x->projection = col_jsonb(tup, desc, 9);
		x->provisioned = col_jsonb(tup, desc, 10);
		x->status = col_text(tup, desc, 11, &isnull);
		x->pg_name = col_text(tup, desc, 12, &isnull);
		d = SPI_getbinval(tup, desc, 13, &isnull);
		x->worker_pid = isnull ? 0 : DatumGetInt32(d);
		d = SPI_getbinval(tup, desc, 14, &isnull);
		x->violations = isnull ? 0 : DatumGetInt64(d);
		x->last_error = col_text(tup, desc, 15, &isnull);
	}
	MemoryContextSwitchTo(old);
}

DynIndex *
catalog_find_index(DynTable *t, const char *name)
{
	for (int i = 0; i < t->nindexes; i++)
		if (strcmp(t->indexes[i].name, name) == 0)
			return &t->indexes[i];
	return NULL;
}

/* Read one catalog row into a new descriptor; NULL when there is none */
static DynTable *
load_table(const char *name)
{
	Datum		arg = CStringGetTextDatum(name);
	int			ret;
	HeapTuple	tup;
	TupleDesc	desc;
	DynTable   *t;
	MemoryContext cxt,
				old;
	bool		isnull;
	Oid			nsp;

	if (lookup_plan == NULL)
	{
		Oid			argtypes[1] = {TEXTOID};
		SPIPlanPtr	p = SPI_prepare(
									"SELECT table_id, backing_schema::text, backing_name::text, "
									"hash_key, hash_type, range_key, range_type, status, "
									"billing_mode, table_uuid::text, created_at, key_schema, "
									"attribute_definitions, provisioned_throughput "
									"FROM dynamo.tables WHERE table_name OPERATOR(pg_catalog.=) $1",
									1, argtypes);

		if (p == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		SPI_keepplan(p);
		lookup_plan = p;
	}
	ret = SPI_execute_plan(lookup_plan, &arg, NULL, false, 1);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "catalog lookup failed: %s", SPI_result_code_string(ret));
	if (SPI_processed == 0)
		return NULL;

	tup = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;

	cxt = AllocSetContextCreate(CacheMemoryContext, "dynamo_ext table",
								ALLOCSET_SMALL_SIZES);
	old = MemoryContextSwitchTo(cxt);
	t = palloc0(sizeof(DynTable));
	t->cxt = cxt;
	strlcpy(t->name, name, sizeof(t->name));
	t->table_id = DatumGetInt64(SPI_getbinval(tup, desc, 1, &isnull));
	t->backing_schema = col_text(tup, desc, 2, &isnull);
	t->backing_name = col_text(tup, desc, 3, &isnull);
	t->hash_key = col_text(tup, desc, 4, &isnull);
	t->hash_key_len = strlen(t->hash_key);
	t->hash_type = DatumGetChar(SPI_getbinval(tup, desc, 5, &isnull));
	t->range_key = col_text(tup, desc, 6, &isnull);
	t->range_key_len = t->range_key ? strlen(t->range_key) : 0;
	t->range_type = DatumGetChar(SPI_getbinval(tup, desc, 7, &isnull));
	if (isnull)
		t->range_type = '\0';
	t->status = col_text(tup, desc, 8, &isnull);
	t->billing_mode = col_text(tup, desc, 9, &isnull);
	t->table_uuid = col_text(tup, desc, 10, &isnull);
	t->created_at = DatumGetTimestampTz(SPI_getbinval(tup, desc, 11, &isnull));
	t->key_schema = col_jsonb(tup, desc, 12);
	t->attribute_definitions = col_jsonb(tup, desc, 13);
	t->provisioned = col_jsonb(tup, desc, 14);
	MemoryContextSwitchTo(old);

	nsp = get_namespace_oid(t->backing_schema, true);
	t->relid = OidIsValid(nsp) ? get_relname_relid(t->backing_name, nsp) : InvalidOid;
	if (!OidIsValid(t->relid))
	{
		/* catalog row without its backing table: treat as absent */
		MemoryContextDelete(cxt);
		return NULL;
	}
	load_indexes(t);
	upgrade_load(t);
	move_load(t);
	t->valid = true;
	return t;
}

static DynTable *
cache_lookup(const char *name)
{
	CacheEntry *e;
	bool		found;
	DynTable   *t;

	catalog_init();
	e = hash_search(table_cache, name, HASH_FIND, &found);
	if (found && e->table && e->table->valid)
		return e->table;

	t = load_table(name);
	e = hash_search(table_cache, name, HASH_ENTER, &found);
	if (found && e->table)
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		dead_tables = lappend(dead_tables, e->table);
		MemoryContextSwitchTo(old);
	}
	e->table = t;
	if (t == NULL)
		hash_search(table_cache, name, HASH_REMOVE, NULL);
	return t;
}

/*
 * Find a table and lock its backing table.  Raises DynamoDB's
 * ResourceNotFoundException (the control-plane text names the table).
 * Must run inside an SPI connection.
 */
DynTable *
catalog_open(const char *name, LOCKMODE lockmode, bool control_plane)
{
	for (int attempt = 0;; attempt++)
	{
		DynTable   *t = cache_lookup(name);

		if (t == NULL)
		{
			if (control_plane)
				dyn_error(DYN_ERR_TABLE_NOT_FOUND, name);
			dyn_error(DYN_ERR_RESOURCE_NOT_FOUND);
		}
		LockRelationOid(t->relid, lockmode);
		if (t->valid)
			return t;
		/* changed or dropped while we waited for the lock: look again */
		UnlockRelationOid(t->relid, lockmode);
		if (attempt >= 100)
			elog(ERROR, "table \"%s\" keeps changing under us", name);
	}
}

bool
catalog_exists(const char *name)
{
	return cache_lookup(name) != NULL;
}

/* Mark our descriptor stale and tell every backend to do the same */
void
catalog_invalidate(DynTable *t)
{
	t->valid = false;
	CacheInvalidateRelcacheByRelid(t->relid);
}

/* The role that owns the catalog: catalog rows are written as it */
Oid
catalog_owner(void)
{
	if (!OidIsValid(cached_owner))
	{
		Oid			nsp = get_namespace_oid(DYN_CATALOG_SCHEMA, false);
		Oid			relid = get_relname_relid("tables", nsp);
		HeapTuple	tup;

		if (!OidIsValid(relid))
			elog(ERROR, "dynamo_ext catalog table is missing");
		tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
		if (!HeapTupleIsValid(tup))
			elog(ERROR, "cache lookup failed for relation %u", relid);
		cached_owner = ((Form_pg_class) GETSTRUCT(tup))->relowner;
		ReleaseSysCache(tup);
	}
	return cached_owner;
}

/*
 * Run as the catalog owner with search_path pinned to pg_catalog, so that
 * no object of the caller's can run with the owner's rights.  Returns the
 * GUC nest level to pass to catalog_run_as_owner_end().
 */
int
catalog_run_as_owner_begin(Oid *save_user, int *save_sec)
{
	int			nestlevel;

	GetUserIdAndSecContext(save_user, save_sec);
	SetUserIdAndSecContext(catalog_owner(),
						   *save_sec | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION);
	nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE,
							 true, 0, false);
	return nestlevel;
}

void
catalog_run_as_owner_end(Oid save_user, int save_sec, int nestlevel)
{
	AtEOXact_GUC(true, nestlevel);
	SetUserIdAndSecContext(save_user, save_sec);
}

/* A table's descriptor without locking it (NULL when absent) */
DynTable *
catalog_peek(const char *name)
{
	return cache_lookup(name);
}

static void
push_epoch(JsonbParseState **st, TimestampTz ts)
{
	/* DynamoDB sends epoch seconds with a fraction */
	int64		usec = ts + (int64) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * USECS_PER_DAY;

	jb_push_numeric_text(st, psprintf(INT64_FORMAT ".%03d", usec / 1000000,
									  (int) ((usec % 1000000) / 1000)));
}

/*
 * DynamoDB's TableDescription.  ItemCount and TableSizeBytes are
 * estimates (pg_class.reltuples, pg_table_size), as DynamoDB's own are.
 */
void
catalog_describe(JsonbParseState **st, DynTable *t, const char *status,
				 bool with_counts)
{
	catalog_describe_ex(st, t, status, with_counts, NULL);
}

/* ... with one index shown as DELETING (UpdateTable's response) */
void
catalog_describe_ex(JsonbParseState **st, DynTable *t, const char *status,
					bool with_counts, const char *deleting_index)
{
	int64		count = 0;
	int64		bytes = 0;
	const char *arn = psprintf("arn:aws:dynamodb:local:000000000000:table/%s", t->name);

	if (with_counts)
	{
		HeapTuple	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(t->relid));

		if (HeapTupleIsValid(tup))
		{
			float4		reltuples = ((Form_pg_class) GETSTRUCT(tup))->reltuples;

			count = reltuples > 0 ? (int64) reltuples : 0;
			ReleaseSysCache(tup);
		}
		bytes = DatumGetInt64(DirectFunctionCall1(pg_table_size,
												  ObjectIdGetDatum(t->relid)));
	}

	jb_begin_object(st);
	jb_ckey(st, "AttributeDefinitions");
	jb_push_jsonb(st, t->attribute_definitions);
	jb_ckey(st, "TableName");
	jb_push_cstring(st, t->name);
	jb_ckey(st, "KeySchema");
	jb_push_jsonb(st, t->key_schema);
	jb_ckey(st, "TableStatus");
	jb_push_cstring(st, status ? status : t->status);
	jb_ckey(st, "CreationDateTime");
	push_epoch(st, t->created_at);
	jb_ckey(st, "ProvisionedThroughput");
	jb_begin_object(st);
	jb_ckey(st, "NumberOfDecreasesToday");
	jb_push_int64(st, 0);
	if (t->provisioned)
	{
		JsonbValue *r = jb_get(&t->provisioned->root, "ReadCapacityUnits");
		JsonbValue *w = jb_get(&t->provisioned->root, "WriteCapacityUnits");

		jb_ckey(st, "ReadCapacityUnits");
		jb_push(st, r);
		jb_ckey(st, "WriteCapacityUnits");
		jb_push(st, w);
	}
	else
	{
		jb_ckey(st, "ReadCapacityUnits");
		jb_push_int64(st, 0);
		jb_ckey(st, "WriteCapacityUnits");
		jb_push_int64(st, 0);
	}
	jb_end_object(st);
	if (strcmp(t->billing_mode, "PAY_PER_REQUEST") == 0)
	{
		jb_ckey(st, "BillingModeSummary");
		jb_begin_object(st);
		jb_ckey(st, "BillingMode");
		jb_push_cstring(st, "PAY_PER_REQUEST");
		jb_end_object(st);
	}
	jb_ckey(st, "TableSizeBytes");
	jb_push_int64(st, bytes);
	jb_ckey(st, "ItemCount");
	jb_push_int64(st, count);
	jb_ckey(st, "TableArn");
	jb_push_cstring(st, arn);
	jb_ckey(st, "TableId");
	jb_push_cstring(st, t->table_uuid);
	jb_ckey(st, "DeletionProtectionEnabled");
	jb_push_bool(st, false);
	index_describe(st, t, false, NULL, false);
	if (status == NULL || strcmp(status, "DELETING") != 0)
		index_describe(st, t, true, deleting_index,
					   status && strcmp(status, "UPDATING") == 0);
	jb_end_object(st);
}
