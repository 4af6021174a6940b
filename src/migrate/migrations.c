/*-------------------------------------------------------------------------
 * migrations.c
 *	  Versioned, reversible migrations of a table's data model
 *	  (dyn_migration_register, dyn_migrate), as OneTable's CLI offers them,
 *	  done in the database.
 *
 * A step has a version (MAJOR.MINOR.PATCH), a description, and up and down
 * lists of actions:
 *	 {"Operation": "UpdateTable", "Request": {...}}   any dyn_execute operation
 *	 {"BulkUpdate": {...}}                            dyn_bulk_update's request,
 *	                                                  run at once, in the step
 *	 {"Sql": "..."}                                   any SQL, as the caller
 * Each step runs in a subtransaction of the caller's transaction: a step
 * that fails is undone, recorded as failed with its error, and stops the
 * run, leaving the table at the last good version.  One runner per table
 * at a time (a transaction-level advisory lock); a second gets DY005.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/resowner.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"
#include "common/hashfn.h"

#include "jsonb_util.h"
#include "migrate/migrate.h"
#include "ops/ops.h"
#include "wire.h"

/* MAJOR.MINOR.PATCH as three integers, or false */
static bool
parse_version(const char *v, int out[3])
{
	int			i = 0;
	const char *p = v;

	for (i = 0; i < 3; i++)
	{
		long		n = 0;

		if (*p < '0' || *p > '9')
			return false;
		if (*p == '0' && p[1] >= '0' && p[1] <= '9')
			return false;		/* no leading zeros, as semver says */
		while (*p >= '0' && *p <= '9')
		{
			n = n * 10 + (*p++ - '0');
			if (n > 1000000000)
				return false;
		}
		out[i] = (int) n;
		if (i < 2 && *p++ != '.')
			return false;
	}
	return *p == '\0';
}

static Datum
version_array(int v[3])
{
	Datum		elems[3] = {Int32GetDatum(v[0]), Int32GetDatum(v[1]), Int32GetDatum(v[2])};

	return PointerGetDatum(construct_array(elems, 3, INT4OID, 4, true, TYPALIGN_INT));
}

static DynTable *
owned_table(const char *name)
{
	DynTable   *t = catalog_open(name, AccessShareLock, true);

	if (!pg_class_ownercheck(t->relid, GetUserId()))
		aclcheck_error(ACLCHECK_NOT_OWNER, OBJECT_TABLE, t->backing_name);
	return t;
}

static void
check_actions(Jsonb *actions)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken r;

	if (!JB_ROOT_IS_ARRAY(actions) || JB_ROOT_IS_SCALAR(actions))
		dyn_error(DYN_ERR_MIGRATION_ACTIONS, "up and down must be JSON arrays");
	it = JsonbIteratorInit(&actions->root);
	while ((r = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		JsonbValue *op,
				   *req,
				   *bulk,
				   *sql;

		if (r != WJB_ELEM)
			continue;
		if (!jb_is_object(&v))
			dyn_error(DYN_ERR_MIGRATION_ACTIONS,
					  "each action is {\"Operation\": ..., \"Request\": ...}, {\"BulkUpdate\": ...} or {\"Sql\": ...}");
		op = jb_get(v.val.binary.data, "Operation");
		req = jb_get(v.val.binary.data, "Request");
		bulk = jb_get(v.val.binary.data, "BulkUpdate");
		sql = jb_get(v.val.binary.data, "Sql");
		if ((op != NULL) + (bulk != NULL) + (sql != NULL) != 1)
			dyn_error(DYN_ERR_MIGRATION_ACTIONS,
					  "each action is {\"Operation\": ..., \"Request\": ...}, {\"BulkUpdate\": ...} or {\"Sql\": ...}");
		if (op && (op->type != jbvString || !ops_known(jb_cstring(op))))
			dyn_error(DYN_ERR_MIGRATION_ACTIONS,
					  psprintf("unknown DynamoDB operation \"%s\"",
							   op->type == jbvString ? jb_cstring(op) : "?"));
		if (op && (req == NULL || !jb_is_object(req)))
			dyn_error(DYN_ERR_MIGRATION_ACTIONS, "an Operation needs a Request object");
		if (bulk && !jb_is_object(bulk))
			dyn_error(DYN_ERR_MIGRATION_ACTIONS, "BulkUpdate must be an object");
		if (sql && sql->type != jbvString)
			dyn_error(DYN_ERR_MIGRATION_ACTIONS, "Sql must be a string");
	}
}

PG_FUNCTION_INFO_V1(dyn_migration_register);
Datum
dyn_migration_register(PG_FUNCTION_ARGS)
{
	char	   *table;
	char	   *version;
	int			v[3];
	Oid			argtypes[6] = {TEXTOID, TEXTOID, INT4ARRAYOID, TEXTOID, JSONBOID, JSONBOID};
	Datum		values[6];
	Oid			save_user;
	int			save_sec;
	int			nestlevel;
	int			ret;

	if (PG_ARGISNULL(0))
		dyn_error(DYN_ERR_TABLE_NAME_REQUIRED);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(3) || PG_ARGISNULL(4))
		dyn_error(DYN_ERR_MIGRATION_ACTIONS, "version, up and down are required");
	table = text_to_cstring(PG_GETARG_TEXT_PP(0));
	version = text_to_cstring(PG_GETARG_TEXT_PP(1));
	if (!parse_version(version, v))
		dyn_error(DYN_ERR_MIGRATION_VERSION, version);
	check_actions(PG_GETARG_JSONB_P(3));
	check_actions(PG_GETARG_JSONB_P(4));

	SPI_connect();
	owned_table(table);
	values[0] = CStringGetTextDatum(table);
	values[1] = CStringGetTextDatum(version);
	values[2] = version_array(v);
	values[3] = PG_ARGISNULL(2) ? CStringGetTextDatum("") : PG_GETARG_DATUM(2);
	values[4] = PG_GETARG_DATUM(3);
	values[5] = PG_GETARG_DATUM(4);
	nestlevel = catalog_run_as_owner_begin(&save_user, &save_sec);
	ret = SPI_execute_with_args("INSERT INTO dynamo.migrations (table_name, version, version_key, "
								"description, up, down) VALUES ($1, $2, $3, $4, $5, $6) "
								"ON CONFLICT DO NOTHING", 6, argtypes, values, NULL, false, 0);
	catalog_run_as_owner_end(save_user, save_sec, nestlevel);
	if (ret != SPI_OK_INSERT)
		elog(ERROR, "could not register migration: %s", SPI_result_code_string(ret));
	if (SPI_processed == 0)
		dyn_error(DYN_ERR_MIGRATION_EXISTS, version, table);
	SPI_finish();
	PG_RETURN_VOID();
}

/* Run one action as the caller; returns the items it touched */
static int64
run_action(JsonbValue *action)
{
	JsonbContainer *a = action->val.binary.data;
	JsonbValue *op = jb_get_typed(a, "Operation", JB_STRING);
	JsonbValue *bulk = jb_get(a, "BulkUpdate");
	JsonbValue *sql = jb_get_typed(a, "Sql", JB_STRING);

	if (op)
	{
		const DynOp *o = ops_lookup(jb_cstring(op));
		JsonbValue *req = jb_get(a, "Request");

		if (req == NULL || !jb_is_object(req))
			dyn_error(DYN_ERR_MIGRATION_ACTIONS, "an Operation needs a Request object");
		ops_run(o->fn, JsonbValueToJsonb(req));
		return 0;
	}
	if (bulk)
		return bulk_run_inline(JsonbValueToJsonb(bulk));
	if (SPI_execute(jb_cstring(sql), false, 0) < 0)
		elog(ERROR, "migration SQL failed");
	return SPI_processed;
}

/*
 * Run the actions of one step in a subtransaction; on error, undo them
 * and return the error message (NULL on success).
 */
static char *
run_step(Jsonb *actions, int64 *touched)
{
	MemoryContext cxt = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	char	   *volatile error = NULL;
	volatile int64 n = 0;

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(cxt);
	PG_TRY();
	{
		JsonbIterator *it = JsonbIteratorInit(&actions->root);
		JsonbValue	v;
		JsonbIteratorToken r;

		while ((r = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
			if (r == WJB_ELEM)
				n += run_action(&v);
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		/* never swallow retryable, permission or cancel errors */
		if (edata->sqlerrcode == ERRCODE_T_R_SERIALIZATION_FAILURE ||
			edata->sqlerrcode == ERRCODE_T_R_DEADLOCK_DETECTED ||
			edata->sqlerrcode == ERRCODE_QUERY_CANCELED ||
			edata->sqlerrcode == ERRCODE_ADMIN_SHUTDOWN)
			PG_RE_THROW();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
		error = edata->message;
	}
	PG_END_TRY();
	*touched = n;
	return error;
}

static void
record_step(const char *table, const char *version, const char *status, TimestampTz started,
			int64 touched, const char *error)
{
	Oid			argtypes[6] = {TEXTOID, TEXTOID, TEXTOID, TIMESTAMPTZOID, INT8OID, TEXTOID};
	Datum		values[6];
	char		nulls[6] = {' ', ' ', ' ', ' ', ' ', error ? ' ' : 'n'};
	Oid			save_user;
	int			save_sec;
	int			nestlevel;

	values[0] = CStringGetTextDatum(table);
	values[1] = CStringGetTextDatum(version);
	values[2] = CStringGetTextDatum(status);
	values[3] = TimestampTzGetDatum(started);
	values[4] = Int64GetDatum(touched);
	values[5] = error ? CStringGetTextDatum(error) : (Datum) 0;
	nestlevel = catalog_run_as_owner_begin(&save_user, &save_sec);
	if (touched < 0)
	{
		/* only the error of a failed roll back */
		SPI_execute_with_args("UPDATE dynamo.migrations SET last_error = $6 "
							  "WHERE table_name OPERATOR(pg_catalog.=) $1 AND version OPERATOR(pg_catalog.=) $2",
							  6, argtypes, values, nulls, false, 0);
		catalog_run_as_owner_end(save_user, save_sec, nestlevel);
		return;
	}
	SPI_execute_with_args("UPDATE dynamo.migrations SET status = $3, "
						  "applied_at = CASE WHEN $3 OPERATOR(pg_catalog.=) 'applied' THEN $4 ELSE applied_at END, "
						  "duration = pg_catalog.clock_timestamp() OPERATOR(pg_catalog.-) $4, "
						  "items_touched = $5, last_error = $6 "
						  "WHERE table_name OPERATOR(pg_catalog.=) $1 AND version OPERATOR(pg_catalog.=) $2",
						  6, argtypes, values, nulls, false, 0);
	catalog_run_as_owner_end(save_user, save_sec, nestlevel);
}

typedef struct Step
{
	char	   *version;
	int			key[3];
	char	   *status;
	Jsonb	   *up;
	Jsonb	   *down;
} Step;

static int
cmp_version(const int a[3], const int b[3])
{
	for (int i = 0; i < 3; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

PG_FUNCTION_INFO_V1(dyn_migrate);
Datum
dyn_migrate(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *table;
	char	   *target_text = NULL;
	int			target[3];
	int			current[3] = {-1, -1, -1};
	bool		have_target = false;
	Step	   *steps;
	int			nsteps;
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1];

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		dyn_error(DYN_ERR_TABLE_NAME_REQUIRED);
	table = text_to_cstring(PG_GETARG_TEXT_PP(0));
	if (!PG_ARGISNULL(1))
	{
		target_text = text_to_cstring(PG_GETARG_TEXT_PP(1));
		if (!parse_version(target_text, target))
			dyn_error(DYN_ERR_MIGRATION_VERSION, target_text);
		have_target = true;
	}

	SPI_connect();
	owned_table(table);

	/* one runner per table */
	if (!ConditionalLockDatabaseObject(MyDatabaseId, 0x44594e4d,	/* "DYNM" */
									   hash_bytes((unsigned char *) table, strlen(table)),
									   ExclusiveLock))
		dyn_error(DYN_ERR_MIGRATION_RUNNING, table);

	values[0] = CStringGetTextDatum(table);
	SPI_execute_with_args("SELECT version, version_key[1], version_key[2], version_key[3], status, "
						  "up, down FROM dynamo.migrations m WHERE table_name OPERATOR(pg_catalog.=) $1 "
						  "ORDER BY m.version_key", 1, argtypes, values, NULL, false, 0);
	nsteps = (int) SPI_processed;
	steps = palloc(sizeof(Step) * Max(nsteps, 1));
	for (int i = 0; i < nsteps; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;

		steps[i].version = SPI_getvalue(tup, desc, 1);
		for (int k = 0; k < 3; k++)
			steps[i].key[k] = DatumGetInt32(SPI_getbinval(tup, desc, 2 + k, &isnull));
		steps[i].status = SPI_getvalue(tup, desc, 5);
		steps[i].up = DatumGetJsonbPCopy(SPI_getbinval(tup, desc, 6, &isnull));
		steps[i].down = DatumGetJsonbPCopy(SPI_getbinval(tup, desc, 7, &isnull));
		if (strcmp(steps[i].status, "applied") == 0)
			memcpy(current, steps[i].key, sizeof(current));
	}
	if (!have_target)
	{
		if (nsteps == 0)
		{
			SPI_finish();
			return (Datum) 0;
		}
		memcpy(target, steps[nsteps - 1].key, sizeof(target));
	}
	else
	{
		bool		known = false;

		/* 0.0.0 is the table before any migration */
		known = target[0] == 0 && target[1] == 0 && target[2] == 0;
		for (int i = 0; i < nsteps; i++)
			known |= cmp_version(steps[i].key, target) == 0;
		if (!known)
			dyn_error(DYN_ERR_MIGRATION_UNKNOWN_VERSION, target_text, table);
	}

	if (cmp_version(target, current) >= 0)
	{
		/* up: every step not applied, up to the target */
		for (int i = 0; i < nsteps; i++)
		{
			TimestampTz started = GetCurrentTimestamp();
			int64		touched = 0;
			char	   *error;
			Datum		row[4];
			bool		nulls[4] = {false, false, false, false};

			if (cmp_version(steps[i].key, target) > 0)
				break;
			if (strcmp(steps[i].status, "applied") == 0)
				continue;
			error = run_step(steps[i].up, &touched);
			record_step(table, steps[i].version, error ? "failed" : "applied", started,
						error ? 0 : touched, error);
			if (!error)
				history_record(table, psprintf("Migration up %s", steps[i].version), steps[i].up);
			row[0] = CStringGetTextDatum(steps[i].version);
			row[1] = CStringGetTextDatum("up");
			row[2] = CStringGetTextDatum(error ? "failed" : "applied");
			row[3] = error ? CStringGetTextDatum(error) : (Datum) 0;
			nulls[3] = error == NULL;
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, row, nulls);
			if (error)
				break;			/* the table stays at the last good version */
		}
	}
	else
	{
		/* down: applied steps above the target, newest first */
		for (int i = nsteps - 1; i >= 0; i--)
		{
			TimestampTz started = GetCurrentTimestamp();
			int64		touched = 0;
			char	   *error;
			Datum		row[4];
			bool		nulls[4] = {false, false, false, false};

			if (cmp_version(steps[i].key, target) <= 0)
				break;
			if (strcmp(steps[i].status, "applied") != 0)
				continue;
			error = run_step(steps[i].down, &touched);
			/* a down that fails leaves the step applied, with its error */
			record_step(table, steps[i].version, error ? "applied" : "rolled_back", started,
						error ? -1 : touched, error);
			if (!error)
				history_record(table, psprintf("Migration down %s", steps[i].version),
							   steps[i].down);
			row[0] = CStringGetTextDatum(steps[i].version);
			row[1] = CStringGetTextDatum("down");
			row[2] = CStringGetTextDatum(error ? "failed" : "rolled_back");
			row[3] = error ? CStringGetTextDatum(error) : (Datum) 0;
			nulls[3] = error == NULL;
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, row, nulls);
			if (error)
				break;
		}
	}
	SPI_finish();
	return (Datum) 0;
}
