/*-------------------------------------------------------------------------
 * jobs.c
 *	  Bulk updates of existing items: dyn_bulk_update and its background
 *	  worker, job control (pause, resume, cancel), and the inline form
 *	  used by migration steps.
 *
 * A bulk update is UpdateItem's request without Key, plus an optional
 * FilterExpression, IndexName (only the items that index holds: those
 * with its key attributes, of its key types), RateLimit (items/s) and
 * BatchSize.  It walks the table in primary-key order.  Each batch is one transaction that updates its
 * items (locked, condition checked, as UpdateItem does) and moves the
 * job's checkpoint (the last key done) in dynamo.jobs: a crash rolls both
 * back together, so a resume redoes exactly the unfinished batch and each
 * item's change is applied once.
 *
 * Workers are dynamic background workers (no shared_preload_libraries).
 * A job whose worker died (server restart) stays "running" with a dead
 * worker; dyn_job_resume starts a new one from the checkpoint.  Between
 * batches the worker re-reads the job's status (pause, cancel) and sleeps
 * as the rate limit requires.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/procarray.h"
#include "tcop/tcopprot.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "attrval.h"
#include "dynamo_ext.h"
#include "jsonb_util.h"
#include "index/index.h"
#include "migrate/migrate.h"
#include "ops/write.h"

#define DYN_BULK_DEFAULT_BATCH	100
#define DYN_BULK_MAX_BATCH		10000

PGDLLEXPORT void dyn_job_worker_main(Datum arg);

/* A prepared bulk update */
typedef struct BulkSpec
{
	DynWrite	w;				/* the update, validated once */
	ExprParsed *filter;
	DynIndex   *index;			/* IndexName: only the items the index holds */
	int			batch_size;
	double		rate;			/* items/s, 0: unlimited */
} BulkSpec;

static void
bulk_prepare(BulkSpec *b, Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	JsonbValue *bs = jb_get_typed(req, "BatchSize", JB_INTEGER);
	JsonbValue *rl = jb_get_typed(req, "RateLimit", JB_LONG);
	JsonbValue *index;
	int64		n;
	DynConstraints c;

	memset(b, 0, sizeof(BulkSpec));
	dyn_constraints_init(&c);
	b->batch_size = DYN_BULK_DEFAULT_BATCH;
	if (bs)
	{
		if (!jb_number_int64(bs, &n) || n < 1)
			dyn_constraint(&c, jb_number_text(bs), "batchSize", DYN_RULE_VALUE_MIN, 1);
		else if (n > DYN_BULK_MAX_BATCH)
			dyn_constraint(&c, jb_number_text(bs), "batchSize", DYN_RULE_VALUE_MAX,
						   DYN_BULK_MAX_BATCH);
		else
			b->batch_size = (int) n;
	}
	if (rl)
	{
		if (!jb_number_int64(rl, &n) || n < 1)
			dyn_constraint(&c, jb_number_text(rl), "rateLimit", DYN_RULE_VALUE_MIN, 1);
		else
			b->rate = (double) n;
	}
	dyn_constraints_raise(&c);
	if (jb_get(req, "Key"))
		dyn_error(DYN_ERR_BULK_KEY);
	index = jb_get_typed(req, "IndexName", JB_STRING);
	write_prepare_in(&b->w, WRITE_UPDATE, req, WRITE_BULK, "");
	b->filter = b->w.er.parsed[EXPR_TYPE_FILTER];
	if (index)
	{
		char	   *name = jb_cstring(index);

		b->index = catalog_find_index(b->w.t, name);
		if (b->index == NULL)
			dyn_error(DYN_ERR_NO_INDEX, name);
	}
}

/*
 * One batch: up to batch_size items after *after (advanced).  Returns the
 * number of items read; *touched counts those updated.  *done when the
 * table is exhausted.
 */
static int64
bulk_batch(BulkSpec *b, DynKey *after, bool *have_after, Jsonb **last_key,
		   int64 *touched, bool *done)
{
	DynCursor	cur;
	Jsonb	   *item;
	int			size;
	int64		n = 0;
	Jsonb	   *last = NULL;

	/* the batch's rows locked as read: each item is current and stays so */
	storage_keyscan_open_for_update(&cur, b->w.t, *have_after ? after : NULL, b->batch_size);
	while ((item = storage_cursor_next(&cur, &size)) != NULL)
	{
		n++;
		last = item;
		item = upgrade_item(b->w.t, item);	/* the filter sees what reads see */
		if (b->index && !index_holds_item(b->index, item))
			continue;
		if (b->filter && !expr_eval_condition(&b->w.er.env, b->filter->cond, &item->root))
			continue;
		write_set_key(&b->w, item);
		for (int attempt = 0;; attempt++)
		{
			if (!(attempt == 0 ? write_check_locked(&b->w, item) : write_lock_check(&b->w)))
				break;			/* its condition says no: leave it */
			if (b->w.old == NULL)
				break;			/* deleted meanwhile: never create */
			if (write_apply(&b->w))
			{
				(*touched)++;
				break;
			}
		}
	}
	storage_cursor_close(&cur);
	*done = n < b->batch_size;
	if (last)
	{
		write_set_key(&b->w, last);
		*after = b->w.key;
		*have_after = true;
		*last_key = JsonbValueToJsonb(b->w.norm);
	}
	return n;
}

/* A bulk update run at once, in the caller's transaction (migration steps) */
int64
bulk_run_inline(Jsonb *request)
{
	BulkSpec	b;
	DynKey		after;
	bool		have_after = false;
	bool		done = false;
	int64		touched = 0;
	Jsonb	   *last;

	bulk_prepare(&b, request);
	while (!done)
	{
		CHECK_FOR_INTERRUPTS();
		bulk_batch(&b, &after, &have_after, &last, &touched, &done);
	}
	return touched;
}

/* Start a worker for a job (called inside the transaction that made it runnable) */
static void
job_start_worker(int64 id)
{
	BackgroundWorker worker;
	BackgroundWorkerHandle *handle;
	pid_t		pid;
	struct
	{
		Oid			dboid;
		TransactionId xid;
		int64		id;
	}			args;
	Oid			argtypes[2] = {INT8OID, INT4OID};
	Datum		values[2];
	Oid			save_user;
	int			save_sec;
	int			nestlevel;

	args.dboid = MyDatabaseId;
	args.xid = GetTopTransactionId();
	args.id = id;
	memset(&worker, 0, sizeof(worker));
	worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	worker.bgw_start_time = BgWorkerStart_RecoveryFinished;
	worker.bgw_restart_time = BGW_NEVER_RESTART;
	snprintf(worker.bgw_library_name, BGW_MAXLEN, "dynamo_ext");
	snprintf(worker.bgw_function_name, BGW_MAXLEN, "dyn_job_worker_main");
	snprintf(worker.bgw_name, BGW_MAXLEN, "dynamo_ext job " INT64_FORMAT, id);
	snprintf(worker.bgw_type, BGW_MAXLEN, "dynamo_ext job");
	worker.bgw_notify_pid = MyProcPid;
	memcpy(worker.bgw_extra, &args, sizeof(args));
	if (!RegisterDynamicBackgroundWorker(&worker, &handle) ||
		WaitForBackgroundWorkerStartup(handle, &pid) != BGWH_STARTED)
		dyn_error(DYN_ERR_INDEX_NO_WORKER);

	values[0] = Int64GetDatum(id);
	values[1] = Int32GetDatum((int32) pid);
	nestlevel = catalog_run_as_owner_begin(&save_user, &save_sec);
	SPI_execute_with_args("UPDATE dynamo.jobs SET worker_pid = $2, status = 'running', "
						  "updated_at = pg_catalog.now() WHERE id OPERATOR(pg_catalog.=) $1",
						  2, argtypes, values, NULL, false, 0);
	catalog_run_as_owner_end(save_user, save_sec, nestlevel);
}

/* The backfill job of a move (move.c): kind move_backfill */
int64
jobs_start_move_backfill(Jsonb *request, const char *table)
{
	Oid			argtypes[4] = {TEXTOID, JSONBOID, NAMEOID, INT8OID};
	Datum		values[4];
	Oid			save_user;
	int			save_sec;
	int			nestlevel;
	int64		id;
	int64		total = 0;
	bool		isnull;
	DynTable   *t = catalog_open(table, AccessShareLock, true);

	if (SPI_execute(psprintf("SELECT count(*) FROM %s",
							 quote_qualified_identifier(t->backing_schema, t->backing_name)),
					true, 0) == SPI_OK_SELECT)
		total = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1,
											&isnull));
	values[0] = CStringGetTextDatum(table);
	values[1] = JsonbPGetDatum(request);
	values[2] = DirectFunctionCall1(namein, CStringGetDatum(GetUserNameFromId(GetUserId(), false)));
	values[3] = Int64GetDatum(total);
	nestlevel = catalog_run_as_owner_begin(&save_user, &save_sec);
	SPI_execute_with_args("INSERT INTO dynamo.jobs (kind, table_name, request, run_as, batch_size, "
						  "items_total) VALUES ('move_backfill', $1, $2, $3, 500, $4) RETURNING id",
						  4, argtypes, values, NULL, false, 0);
	catalog_run_as_owner_end(save_user, save_sec, nestlevel);
	id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	job_start_worker(id);
	return id;
}

PG_FUNCTION_INFO_V1(dyn_bulk_update);
Datum
dyn_bulk_update(PG_FUNCTION_ARGS)
{
	Jsonb	   *request;
	BulkSpec	b;
	Oid			argtypes[6] = {TEXTOID, JSONBOID, NAMEOID, INT4OID, FLOAT8OID, INT8OID};
	Datum		values[6];
	char		nulls[6] = {' ', ' ', ' ', ' ', ' ', ' '};
	Oid			save_user;
	int			save_sec;
	int			nestlevel;
	int64		id;
	int64		total = 0;
	bool		isnull;

	if (PG_ARGISNULL(0))
		dyn_error(DYN_ERR_SER_NOT_OBJECT);
	request = PG_GETARG_JSONB_P(0);
	SPI_connect();
	bulk_prepare(&b, request);	/* every error now, not in the worker */
	if (SPI_execute(psprintf("SELECT count(*) FROM %s",
							 quote_qualified_identifier(b.w.t->backing_schema,
														b.w.t->backing_name)),
					true, 0) == SPI_OK_SELECT)
		total = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1,
											&isnull));

	values[0] = CStringGetTextDatum(b.w.t->name);
	values[1] = JsonbPGetDatum(request);
	values[2] = DirectFunctionCall1(namein, CStringGetDatum(GetUserNameFromId(GetUserId(), false)));
	values[3] = Int32GetDatum(b.batch_size);
	values[4] = Float8GetDatum(b.rate);
	nulls[4] = b.rate > 0 ? ' ' : 'n';
	values[5] = Int64GetDatum(total);
	nestlevel = catalog_run_as_owner_begin(&save_user, &save_sec);
	SPI_execute_with_args("INSERT INTO dynamo.jobs (kind, table_name, request, run_as, batch_size, "
						  "rate_limit, items_total) VALUES ('bulk_update', $1, $2, $3, $4, $5, $6) "
						  "RETURNING id", 6, argtypes, values, nulls, false, 0);
	catalog_run_as_owner_end(save_user, save_sec, nestlevel);
	id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	history_record(b.w.t->name, "BulkUpdate", request);
	job_start_worker(id);
	SPI_finish();
	PG_RETURN_INT64(id);
}

/* Read a job's status and worker, checking the caller may control it */
static void
job_control(int64 id, const char *new_status)
{
	Oid			argtypes[2] = {INT8OID, TEXTOID};
	Datum		values[2];
	char	   *status;
	char	   *table;
	int			pid;
	bool		isnull;
	Oid			save_user;
	int			save_sec;
	int			nestlevel;
	DynTable   *t;

	SPI_connect();
	values[0] = Int64GetDatum(id);
	if (SPI_execute_with_args("SELECT status, table_name, worker_pid FROM dynamo.jobs "
							  "WHERE id OPERATOR(pg_catalog.=) $1", 1, argtypes, values, NULL,
							  false, 0) != SPI_OK_SELECT || SPI_processed != 1)
		dyn_error(DYN_ERR_JOB_NOT_FOUND, psprintf(INT64_FORMAT, id));
	/* wait for a batch in progress (its worker holds the row), then read again */
	{
		Oid			save_user2;
		int			save_sec2;
		int			nl = catalog_run_as_owner_begin(&save_user2, &save_sec2);

		SPI_execute_with_args("SELECT 1 FROM dynamo.jobs WHERE id OPERATOR(pg_catalog.=) $1 FOR UPDATE",
							  1, argtypes, values, NULL, false, 0);
		catalog_run_as_owner_end(save_user2, save_sec2, nl);
	}
	if (SPI_execute_with_args("SELECT status, table_name, worker_pid FROM dynamo.jobs "
							  "WHERE id OPERATOR(pg_catalog.=) $1", 1, argtypes, values, NULL,
							  false, 0) != SPI_OK_SELECT || SPI_processed != 1)
		dyn_error(DYN_ERR_JOB_NOT_FOUND, psprintf(INT64_FORMAT, id));
	status = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	table = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
	pid = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &isnull));
	if (isnull)
		pid = 0;
	t = catalog_peek(table);
	if (t && !pg_class_ownercheck(t->relid, GetUserId()))
		aclcheck_error(ACLCHECK_NOT_OWNER, OBJECT_TABLE, t->backing_name);

	if (strcmp(new_status, "running") == 0)
	{
		/* resume: a paused job, or a running one whose worker died */
		if (strcmp(status, "paused") != 0 &&
			!(strcmp(status, "running") == 0 && !dyn_worker_alive(pid)) &&
			strcmp(status, "failed") != 0)
			dyn_error(DYN_ERR_JOB_STATE, psprintf(INT64_FORMAT, id), status);
		if (strcmp(status, "paused") == 0 && dyn_worker_alive(pid))
		{
			/* its worker has not stopped yet: let it go on */
			values[1] = CStringGetTextDatum("running");
			nestlevel = catalog_run_as_owner_begin(&save_user, &save_sec);
			SPI_execute_with_args("UPDATE dynamo.jobs SET status = $2, updated_at = pg_catalog.now() "
								  "WHERE id OPERATOR(pg_catalog.=) $1", 2, argtypes, values, NULL,
								  false, 0);
			catalog_run_as_owner_end(save_user, save_sec, nestlevel);
		}
		else
			job_start_worker(id);
	}
	else
	{
		if (strcmp(status, "running") != 0 && strcmp(status, "paused") != 0)
			dyn_error(DYN_ERR_JOB_STATE, psprintf(INT64_FORMAT, id), status);
		values[1] = CStringGetTextDatum(new_status);
		nestlevel = catalog_run_as_owner_begin(&save_user, &save_sec);
		SPI_execute_with_args("UPDATE dynamo.jobs SET status = $2, updated_at = pg_catalog.now(), "
							  "finished_at = CASE WHEN $2 OPERATOR(pg_catalog.=) 'cancelled' "
							  "THEN pg_catalog.now() END "
							  "WHERE id OPERATOR(pg_catalog.=) $1", 2, argtypes, values, NULL,
							  false, 0);
		catalog_run_as_owner_end(save_user, save_sec, nestlevel);
	}
	SPI_finish();
}

PG_FUNCTION_INFO_V1(dyn_job_pause);
Datum
dyn_job_pause(PG_FUNCTION_ARGS)
{
	job_control(PG_GETARG_INT64(0), "paused");
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(dyn_job_resume);
Datum
dyn_job_resume(PG_FUNCTION_ARGS)
{
	job_control(PG_GETARG_INT64(0), "running");
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(dyn_job_cancel);
Datum
dyn_job_cancel(PG_FUNCTION_ARGS)
{
	job_control(PG_GETARG_INT64(0), "cancelled");
	PG_RETURN_VOID();
}

/* ---- the worker ---- */

static void
job_finish(int64 id, const char *status, const char *error)
{
	Oid			argtypes[3] = {INT8OID, TEXTOID, TEXTOID};
	Datum		values[3] = {Int64GetDatum(id), CStringGetTextDatum(status),
	error ? CStringGetTextDatum(error) : (Datum) 0};
	char		nulls[3] = {' ', ' ', error ? ' ' : 'n'};
	Oid			save_user;
	int			save_sec;
	int			nestlevel = catalog_run_as_owner_begin(&save_user, &save_sec);

	SPI_execute_with_args("UPDATE dynamo.jobs SET status = $2, last_error = $3, worker_pid = NULL, "
						  "updated_at = pg_catalog.now(), finished_at = pg_catalog.now() "
						  "WHERE id OPERATOR(pg_catalog.=) $1", 3, argtypes, values, nulls, false, 0);
	catalog_run_as_owner_end(save_user, save_sec, nestlevel);
}

void
dyn_job_worker_main(Datum arg)
{
	struct
	{
		Oid			dboid;
		TransactionId xid;
		int64		id;
	}			args;
	MemoryContext batchcxt;
	Oid			roleoid = InvalidOid;
	bool		finished = false;

	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();
	memcpy(&args, MyBgworkerEntry->bgw_extra, sizeof(args));
	BackgroundWorkerInitializeConnectionByOid(args.dboid, InvalidOid, 0);
	pgstat_report_appname("dynamo_ext job");
	batchcxt = AllocSetContextCreate(TopMemoryContext, "dynamo_ext job batch",
									 ALLOCSET_DEFAULT_SIZES);

	/* wait for the transaction that started us; give up if it aborted */
	while (TransactionIdIsInProgress(args.xid))
	{
		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, 50,
						 PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
	}
	if (!TransactionIdDidCommit(args.xid))
		proc_exit(0);

	while (!finished)
	{
		TimestampTz start = GetCurrentTimestamp();
		int64		n = 0;
		double		rate = 0;
		volatile bool failed = false;

		CHECK_FOR_INTERRUPTS();
		MemoryContextReset(batchcxt);
		SetCurrentStatementStartTimestamp();
		StartTransactionCommand();
		SPI_connect();
		PushActiveSnapshot(GetTransactionSnapshot());
		PG_TRY();
		{
			Oid			argtypes[1] = {INT8OID};
			Datum		values[1] = {Int64GetDatum(args.id)};
			bool		isnull;
			char	   *status;
			Jsonb	   *request;
			Jsonb	   *checkpoint = NULL;
			Datum		d;
			BulkSpec	b;
			DynKey		after;
			bool		have_after = false;
			bool		done = false;
			int64		touched = 0;
			Jsonb	   *last = NULL;
			Oid			worker_user;
			int			worker_sec;
			char	   *kind;
			int			batch_size;

			/* the job row, locked: pause and cancel wait for this batch */
			if (SPI_execute_with_args("SELECT status, request, checkpoint, run_as::text, rate_limit, kind, batch_size "
									  "FROM dynamo.jobs WHERE id OPERATOR(pg_catalog.=) $1 FOR UPDATE",
									  1, argtypes, values, NULL, false, 0) != SPI_OK_SELECT ||
				SPI_processed != 1)
				proc_exit(0);
			status = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
			if (strcmp(status, "running") != 0)
			{
				Oid			save_user;
				int			save_sec;
				int			nl = catalog_run_as_owner_begin(&save_user, &save_sec);

				/* paused or cancelled: stop, and say so (resume starts a new worker) */
				SPI_execute_with_args("UPDATE dynamo.jobs SET worker_pid = NULL "
									  "WHERE id OPERATOR(pg_catalog.=) $1",
									  1, argtypes, values, NULL, false, 0);
				catalog_run_as_owner_end(save_user, save_sec, nl);
				finished = true;
			}
			else
			{
				MemoryContext old = MemoryContextSwitchTo(batchcxt);

				request = DatumGetJsonbPCopy(SPI_getbinval(SPI_tuptable->vals[0],
														   SPI_tuptable->tupdesc, 2, &isnull));
				d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &isnull);
				if (!isnull)
					checkpoint = DatumGetJsonbPCopy(d);
				if (!OidIsValid(roleoid))
					roleoid = get_role_oid(SPI_getvalue(SPI_tuptable->vals[0],
														SPI_tuptable->tupdesc, 4), false);
				d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 5, &isnull);
				rate = isnull ? 0 : DatumGetFloat8(d);
				MemoryContextSwitchTo(old);

				kind = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 6);
				batch_size = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0],
														 SPI_tuptable->tupdesc, 7, &isnull));

				/* the batch runs with the rights of the role that started the job */
				GetUserIdAndSecContext(&worker_user, &worker_sec);
				SetUserIdAndSecContext(roleoid, worker_sec | SECURITY_LOCAL_USERID_CHANGE);
				if (strcmp(kind, "move_backfill") == 0)
				{
					/* copy source items into a move's target (move.c) */
					DynTable   *t = catalog_open(jb_get_cstring(&request->root, "TableName"),
												 AccessShareLock, true);

					if (checkpoint)
					{
						JsonbValue	cb;
						AvCheck		chk;

						cb.type = jbvBinary;
						cb.val.binary.data = &checkpoint->root;
						cb.val.binary.len = VARSIZE(checkpoint) - VARHDRSZ;
						ops_extract_key(t, attrval_map(&cb, &chk), false, &after);
						have_after = true;
					}
					n = move_backfill_batch(t, &after, &have_after, &last, batch_size, &done);
					touched = n;
				}
				else
				{
					bulk_prepare(&b, request);
					if (checkpoint)
					{
						write_set_key(&b.w, checkpoint);
						after = b.w.key;
						have_after = true;
					}
					n = bulk_batch(&b, &after, &have_after, &last, &touched, &done);
				}
				SetUserIdAndSecContext(worker_user, worker_sec);
				{
					Oid			at[4] = {INT8OID, INT8OID, INT8OID, JSONBOID};
					Datum		av[4] = {Int64GetDatum(args.id), Int64GetDatum(n),
					Int64GetDatum(touched), last ? JsonbPGetDatum(last) : (Datum) 0};
					char		an[4] = {' ', ' ', ' ', last ? ' ' : 'n'};

					/* the checkpoint moves in the batch's own transaction */
					SPI_execute_with_args("UPDATE dynamo.jobs SET items_done = items_done OPERATOR(pg_catalog.+) $2, "
										  "items_touched = items_touched OPERATOR(pg_catalog.+) $3, "
										  "checkpoint = COALESCE($4, checkpoint), updated_at = pg_catalog.now() "
										  "WHERE id OPERATOR(pg_catalog.=) $1", 4, at, av, an, false, 0);
				}
				if (done)
				{
					job_finish(args.id, "done", NULL);
					finished = true;
				}
			}
			SPI_finish();
			PopActiveSnapshot();
			CommitTransactionCommand();
		}
		PG_CATCH();
		{
			ErrorData  *edata;

			MemoryContextSwitchTo(batchcxt);
			edata = CopyErrorData();
			EmitErrorReport();
			FlushErrorState();
			AbortCurrentTransaction();
			failed = true;

			StartTransactionCommand();
			SPI_connect();
			PushActiveSnapshot(GetTransactionSnapshot());
			job_finish(args.id, "failed", edata->message);
			SPI_finish();
			PopActiveSnapshot();
			CommitTransactionCommand();
		}
		PG_END_TRY();
		if (failed)
			break;

		/* the rate limit: this batch's items take at least n / rate seconds */
		if (!finished && rate > 0 && n > 0)
		{
			long		elapsed_ms = (long) ((GetCurrentTimestamp() - start) / 1000);
			long		want_ms = (long) (n * 1000.0 / rate);

			if (want_ms > elapsed_ms)
			{
				(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
								 want_ms - elapsed_ms, PG_WAIT_EXTENSION);
				ResetLatch(MyLatch);
			}
		}
	}
	proc_exit(0);
}
