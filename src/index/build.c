/*-------------------------------------------------------------------------
 * build.c
 *	  Online creation of a global secondary index (UpdateTable Create).
 *
 * UpdateTable records the index as CREATING and starts a dynamic
 * background worker (no shared_preload_libraries needed), then returns.
 * The worker waits until the UpdateTable transaction has committed (or
 * gives up if it aborted), then runs CREATE INDEX CONCURRENTLY as the
 * table's owner: writers are never blocked for the length of the build,
 * and items written meanwhile are in the index when it is done.  It then
 * counts the items left out because their index key attribute has the
 * wrong type (DynamoDB's index key violations), marks the index ACTIVE and
 * invalidates every backend's descriptor of the table.
 *
 * A failed build records last_error; a build cut short by a server crash
 * leaves a CREATING row whose worker is gone.  Neither answers queries
 * (only ACTIVE indexes are read, and Postgres never uses an invalid
 * index); UpdateTable Create of the same index drops the leftover and
 * starts again.
 *
 * CREATE INDEX CONCURRENTLY must run at top level, outside any function:
 * the worker runs it through a portal, as a backend runs a client's
 * statement (the pattern of pg_background's execute_sql_string).
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/transam.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/procarray.h"
#include "tcop/pquery.h"
#include "tcop/tcopprot.h"
#include "tcop/utility.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/portal.h"
#include "utils/snapmgr.h"
#include "utils/timeout.h"

#include "catalog.h"
#include "errors.h"
#include "index/index.h"

/* What the worker needs, passed in bgw_extra */
typedef struct BuildArgs
{
	Oid			dboid;
	Oid			roleoid;
	TransactionId launcher_xid;
	int64		index_id;		/* dynamo.indexes.index_id */
} BuildArgs;

StaticAssertDecl(sizeof(BuildArgs) <= BGW_EXTRALEN, "BuildArgs must fit in bgw_extra");

PGDLLEXPORT void dyn_index_build_main(Datum arg);

/* Start the build worker; returns its pid */
int
index_build_start(int64 index_id)
{
	BackgroundWorker worker;
	BackgroundWorkerHandle *handle;
	BuildArgs	args;
	pid_t		pid;

	memset(&args, 0, sizeof(args));
	args.dboid = MyDatabaseId;
	args.roleoid = GetUserId();
	args.launcher_xid = GetTopTransactionId();
	args.index_id = index_id;

	memset(&worker, 0, sizeof(worker));
	worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	worker.bgw_start_time = BgWorkerStart_RecoveryFinished;
	worker.bgw_restart_time = BGW_NEVER_RESTART;
	snprintf(worker.bgw_library_name, BGW_MAXLEN, "dynamo_ext");
	snprintf(worker.bgw_function_name, BGW_MAXLEN, "dyn_index_build_main");
	snprintf(worker.bgw_name, BGW_MAXLEN, "dynamo_ext index build");
	snprintf(worker.bgw_type, BGW_MAXLEN, "dynamo_ext index build");
	worker.bgw_notify_pid = MyProcPid;
	memcpy(worker.bgw_extra, &args, sizeof(args));

	if (!RegisterDynamicBackgroundWorker(&worker, &handle))
		dyn_error(DYN_ERR_INDEX_NO_WORKER);
	if (WaitForBackgroundWorkerStartup(handle, &pid) != BGWH_STARTED)
		dyn_error(DYN_ERR_INDEX_NO_WORKER);
	return (int) pid;
}

/*
 * Run one utility statement at top level, as a client's statement runs.
 * The statement commits transactions of its own, so its parse and plan
 * trees live in cxt, not in the transaction's memory.
 */
static void
run_top_level(const char *sql, MemoryContext cxt)
{
	MemoryContext old = MemoryContextSwitchTo(cxt);
	List	   *parsetrees = pg_parse_query(sql);
	RawStmt    *parsetree = linitial_node(RawStmt, parsetrees);
	List	   *querytrees;
	List	   *plantrees;
	Portal		portal;
	DestReceiver *receiver = CreateDestReceiver(DestNone);
	QueryCompletion qc;

	querytrees = pg_analyze_and_rewrite_fixedparams(parsetree, sql, NULL, 0, NULL);
	plantrees = pg_plan_queries(querytrees, sql, 0, NULL);
	MemoryContextSwitchTo(old);
	portal = CreatePortal("", true, true);
	portal->visible = false;
	PortalDefineQuery(portal, NULL, sql, CMDTAG_CREATE_INDEX, plantrees, NULL);
	PortalStart(portal, NULL, 0, InvalidSnapshot);
	(void) PortalRun(portal, FETCH_ALL, true, true, receiver, receiver, &qc);
	receiver->rDestroy(receiver);
	PortalDrop(portal, false);
}

static void
record_result(BuildArgs *args, Oid relid, const char *error, int64 violations)
{
	Oid			argtypes[3] = {INT8OID, TEXTOID, INT8OID};
	Datum		values[3];
	char		nulls[3] = {' ', error ? ' ' : 'n', ' '};
	Oid			save_user;
	int			save_sec;
	int			nestlevel;

	values[0] = Int64GetDatum(args->index_id);
	values[1] = error ? CStringGetTextDatum(error) : (Datum) 0;
	values[2] = Int64GetDatum(violations);
	nestlevel = catalog_run_as_owner_begin(&save_user, &save_sec);
	SPI_execute_with_args(error ?
						  "UPDATE dynamo.indexes SET worker_pid = NULL, last_error = $2 "
						  "WHERE index_id OPERATOR(pg_catalog.=) $1" :
						  "UPDATE dynamo.indexes SET worker_pid = NULL, last_error = NULL, "
						  "status = 'ACTIVE', violations = $3 "
						  "WHERE index_id OPERATOR(pg_catalog.=) $1",
						  3, argtypes, values, nulls, false, 0);
	catalog_run_as_owner_end(save_user, save_sec, nestlevel);
	if (OidIsValid(relid))
		CacheInvalidateRelcacheByRelid(relid);
}

void
dyn_index_build_main(Datum arg)
{
	BuildArgs	args;
	char	   *create_sql = NULL;
	char	   *count_sql = NULL;
	Oid			relid = InvalidOid;
	MemoryContext cxt;

	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();
	memcpy(&args, MyBgworkerEntry->bgw_extra, sizeof(args));
	BackgroundWorkerInitializeConnectionByOid(args.dboid, args.roleoid, 0);
	pgstat_report_appname("dynamo_ext index build");
	cxt = AllocSetContextCreate(TopMemoryContext, "dynamo_ext index build",
								ALLOCSET_DEFAULT_SIZES);

	/* wait for UpdateTable to commit; give up if it aborted */
	while (TransactionIdIsInProgress(args.launcher_xid))
	{
		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, 50,
						 PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
	}
	if (!TransactionIdDidCommit(args.launcher_xid))
		proc_exit(0);

	/* the statement to run, from the catalog */
	StartTransactionCommand();
	SPI_connect();
	PushActiveSnapshot(GetTransactionSnapshot());
	{
		Oid			argtypes[1] = {INT8OID};
		Datum		values[1] = {Int64GetDatum(args.index_id)};
		DynTable   *t = NULL;
		DynIndex   *x = NULL;

		if (SPI_execute_with_args("SELECT table_name, index_name FROM dynamo.indexes "
								  "WHERE index_id OPERATOR(pg_catalog.=) $1",
								  1, argtypes, values, NULL, true, 0) == SPI_OK_SELECT &&
			SPI_processed == 1)
		{
			char	   *table = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
			char	   *index = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);

			t = catalog_peek(table);
			x = t ? catalog_find_index(t, index) : NULL;
		}

		if (x && strcmp(x->status, "CREATING") == 0)
		{
			IndexDef	def;
			MemoryContext old = MemoryContextSwitchTo(cxt);

			memset(&def, 0, sizeof(def));
			def.global = true;
			def.hash_key = x->hash_key;
			def.hash_type = x->hash_type;
			def.range_key = x->range_key;
			def.range_type = x->range_type;
			relid = t->relid;
			create_sql = index_create_sql(t->backing_schema, t->backing_name, x->pg_name,
										  &def, t->range_key != NULL, true);
			/* items whose index key attribute exists with another type */
			count_sql = psprintf("SELECT count(*) FROM %s WHERE "
								 "((item OPERATOR(pg_catalog.?) %s) AND NOT ((item OPERATOR(pg_catalog.->) %s) OPERATOR(pg_catalog.?) '%c'))%s",
								 quote_qualified_identifier(t->backing_schema, t->backing_name),
								 quote_literal_cstr(x->hash_key), quote_literal_cstr(x->hash_key),
								 x->hash_type,
								 x->range_key ? psprintf(" OR ((item OPERATOR(pg_catalog.?) %s) AND NOT ((item OPERATOR(pg_catalog.->) %s) OPERATOR(pg_catalog.?) '%c'))",
														 quote_literal_cstr(x->range_key),
														 quote_literal_cstr(x->range_key),
														 x->range_type) : "");
			MemoryContextSwitchTo(old);
		}
	}
	SPI_finish();
	PopActiveSnapshot();
	CommitTransactionCommand();
	if (create_sql == NULL)
		proc_exit(0);			/* deleted meanwhile */

	PG_TRY();
	{
		int64		violations = 0;

		pgstat_report_activity(STATE_RUNNING, create_sql);
		SetCurrentStatementStartTimestamp();
		StartTransactionCommand();
		run_top_level(create_sql, cxt);
		CommitTransactionCommand();

		StartTransactionCommand();
		SPI_connect();
		PushActiveSnapshot(GetTransactionSnapshot());
		if (SPI_execute(count_sql, true, 0) == SPI_OK_SELECT && SPI_processed == 1)
		{
			bool		isnull;

			violations = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
													 SPI_tuptable->tupdesc, 1, &isnull));
		}
		record_result(&args, relid, NULL, violations);
		SPI_finish();
		PopActiveSnapshot();
		CommitTransactionCommand();
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		EmitErrorReport();
		FlushErrorState();
		AbortCurrentTransaction();

		StartTransactionCommand();
		SPI_connect();
		PushActiveSnapshot(GetTransactionSnapshot());
		record_result(&args, relid, edata->message, 0);
		SPI_finish();
		PopActiveSnapshot();
		CommitTransactionCommand();
	}
	PG_END_TRY();
	pgstat_report_activity(STATE_IDLE, NULL);
	proc_exit(0);
}
