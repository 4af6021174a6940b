/*-------------------------------------------------------------------------
 * move.c
 *	  Live move of a table to a new key design: the six steps.
 *
 * Phases, in order: dual_write, backfill, validate, read_switch, cutover,
 * archive, done.  A move may advance only when its current phase is
 * "ready" (its work is finished).
 *
 *	 dual_write   every write to the source table (any operation, any
 *	              path: single, batch, transaction) also writes the
 *	              transform of the new item into the target, and removes
 *	              the transforms of the old item that are gone, in the same
 *	              transaction: no write is ever on one side only.
 *	 backfill     a background job copies every existing item (idempotent:
 *	              writes are upserts, and dual writes keep going)
 *	 validate     every source item's transform must be in the target, and
 *	              the target must hold nothing else: mismatches counted,
 *	              samples kept
 *	 read_switch  apps read the target (by its own name); writes unchanged
 *	 cutover      one catalog transaction: the source's name now names the
 *	              target's table, the old source is renamed <source>__moved_<id>
 *	              (with an Inverse transform it keeps receiving writes, so a
 *	              rollback stays possible)
 *	 archive      the old source is exported in DynamoDB's export format
 *	              (dyn_move_export) and dropped
 *
 * Rollback before archive leaves the source table exactly as if the move
 * had not started: the target is dropped (after cutover the names are
 * swapped back first, which needs the Inverse transform).
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/regproc.h"

#include "attrval.h"
#include "index/index.h"
#include "jsonb_util.h"
#include "migrate/migrate.h"
#include "ops/ops.h"
#include "wire.h"

static const char *const phases[] = {
	"dual_write", "backfill", "validate", "read_switch", "cutover", "archive", "done", NULL
};

/* The active move of a table (loaded with its descriptor), if any */
void
move_load(DynTable *t)
{
	Datum		arg = CStringGetTextDatum(t->name);
	Oid			argtypes[1] = {TEXTOID};

	t->move = NULL;
	if (SPI_execute_with_args("SELECT id, target, transform::oid FROM dynamo.moves "
							  "WHERE source OPERATOR(pg_catalog.=) $1 AND phase OPERATOR(pg_catalog.=) "
							  "ANY ('{dual_write,backfill,validate,read_switch}') "
							  "UNION ALL SELECT id, archive_name, inverse::oid FROM dynamo.moves "
							  "WHERE source OPERATOR(pg_catalog.=) $1 AND phase OPERATOR(pg_catalog.=) 'cutover' "
							  "AND inverse IS NOT NULL", 1, argtypes, &arg, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read moves");
	if (SPI_processed > 0)
	{
		MemoryContext old = MemoryContextSwitchTo(t->cxt);
		bool		isnull;

		t->move = palloc0(sizeof(DynMove));
		t->move->id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		t->move->to_table = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
		t->move->fn = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &isnull));
		MemoryContextSwitchTo(old);
	}
}

/* The items a transform makes of one item (canonical jsonb), as a List */
static List *
transform(Oid fn, Jsonb *item)
{
	List	   *res = NIL;
	Oid			argtypes[1] = {JSONBOID};
	Datum		values[1];
	char	   *sql;

	if (item == NULL)
		return NIL;
	sql = psprintf("SELECT r FROM %s.%s($1) r",
				   quote_identifier(get_namespace_name(get_func_namespace(fn))),
				   quote_identifier(get_func_name(fn)));
	values[0] = JsonbPGetDatum(item);
	if (SPI_execute_with_args(sql, 1, argtypes, values, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "move transform failed");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		Datum		d = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull);

		if (!isnull)
			res = lappend(res, DatumGetJsonbPCopy(d));
	}
	return res;
}

typedef struct MovedItem
{
	Jsonb	   *item;			/* canonical */
	DynKey		key;
	Jsonb	   *keymap;			/* for comparing keys */
} MovedItem;

/* Check a transformed item as a write to table b would */
static MovedItem *
moved_item(DynTable *b, Jsonb *raw)
{
	MovedItem  *m = palloc(sizeof(MovedItem));
	JsonbValue	v;
	AvCheck		chk;
	JsonbValue *canon;
	JsonbParseState *st = NULL;

	if (!JB_ROOT_IS_OBJECT(raw))
		dyn_error(DYN_ERR_UPGRADE_RESULT, "transform");
	v.type = jbvBinary;
	v.val.binary.data = &raw->root;
	v.val.binary.len = VARSIZE(raw) - VARHDRSZ;
	canon = attrval_map(&v, &chk);
	attrval_raise(&chk);
	if (chk.size > DYN_MAX_ITEM_BYTES)
		dyn_error(DYN_ERR_ITEM_TOO_LARGE);
	ops_extract_key(b, canon, true, &m->key);
	m->item = JsonbValueToJsonb(canon);
	index_check_item(b, m->item, NULL, NULL);
	jb_begin_object(&st);
	for (int i = 0; i < (b->range_key ? 2 : 1); i++)
	{
		const char *name = i ? b->range_key : b->hash_key;

		jb_ckey(&st, name);
		jb_push(&st, attrval_find(canon, name, strlen(name)));
	}
	m->keymap = JsonbValueToJsonb(jb_end_object(&st));
	return m;
}

static bool
same_jsonb(Jsonb *a, Jsonb *b)
{
	return VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0;
}

/*
 * Dual write: after an item of t changed from old to new (either may be
 * NULL), make the move's target agree, in the same transaction.
 */
void
move_sync(DynTable *t, Jsonb *old, Jsonb *new_item)
{
	DynTable   *b;
	List	   *olds;
	List	   *news = NIL;
	ListCell   *lc,
			   *lc2;

	if (t->move == NULL)
		return;
	b = catalog_open(t->move->to_table, RowExclusiveLock, false);
	olds = transform(t->move->fn, old);
	foreach(lc, transform(t->move->fn, new_item))
		news = lappend(news, moved_item(b, lfirst(lc)));
	foreach(lc, olds)
	{
		MovedItem  *o = moved_item(b, lfirst(lc));
		bool		kept = false;

		foreach(lc2, news)
			kept |= same_jsonb(o->keymap, ((MovedItem *) lfirst(lc2))->keymap);
		if (!kept)
		{
			/* only if it is still what the old item made (not rewritten since) */
			Jsonb	   *cur = storage_lock(b, &o->key);

			if (cur && DatumGetBool(DirectFunctionCall2(jsonb_eq, JsonbPGetDatum(cur),
														JsonbPGetDatum(o->item))))
				storage_delete(b, &o->key);
		}
	}
	foreach(lc, news)
	{
		MovedItem  *n = lfirst(lc);

		storage_upsert(b, &n->key, n->item);
	}
}

/*
 * The primary key of a stored item: as backing-table values in *key, and
 * as an attribute map (returned), e.g. for a job's resume point.
 */
static Jsonb *
item_key(DynTable *t, Jsonb *item, DynKey *key)
{
	JsonbParseState *st = NULL;
	JsonbValue	b;
	AvCheck		chk;
	Jsonb	   *kj;

	jb_begin_object(&st);
	for (int i = 0; i < (t->range_key ? 2 : 1); i++)
	{
		const char *name = i ? t->range_key : t->hash_key;

		jb_ckey(&st, name);
		jb_push(&st, getKeyJsonValueFromContainer(&item->root, name, strlen(name), NULL));
	}
	kj = JsonbValueToJsonb(jb_end_object(&st));
	b.type = jbvBinary;
	b.val.binary.data = &kj->root;
	b.val.binary.len = VARSIZE(kj) - VARHDRSZ;
	ops_extract_key(t, attrval_map(&b, &chk), false, key);
	return kj;
}

/* One batch of the backfill job: source items after *after, into the target */
int64
move_backfill_batch(DynTable *t, DynKey *after, bool *have_after, Jsonb **last,
					int batch_size, bool *done)
{
	DynCursor	cur;
	Jsonb	   *item;
	int			size;
	int64		n = 0;
	Jsonb	   *lastitem = NULL;

	/* FOR SHARE: a concurrent write finishes first, or waits for this batch */
	storage_keyscan_open_locked(&cur, t, *have_after ? after : NULL, batch_size);
	while ((item = storage_cursor_next(&cur, &size)) != NULL)
	{
		n++;
		lastitem = item;
		move_sync(t, NULL, upgrade_item(t, item));
	}
	storage_cursor_close(&cur);
	*done = n < batch_size;
	if (lastitem)
	{
		*last = item_key(t, lastitem, after);
		*have_after = true;
	}
	return n;
}

/* ---- SQL interface ---- */

static void
catalog_exec(const char *sql, int nargs, Oid *argtypes, Datum *values, const char *nulls)
{
	Oid			save_user;
	int			save_sec;
	int			nestlevel = catalog_run_as_owner_begin(&save_user, &save_sec);
	int			ret = SPI_execute_with_args(sql, nargs, argtypes, values, nulls, false, 0);

	catalog_run_as_owner_end(save_user, save_sec, nestlevel);
	if (ret < 0)
		elog(ERROR, "catalog update failed: %s", SPI_result_code_string(ret));
}

static Oid
resolve_fn(const char *name)
{
	char	   *sig = strchr(name, '(') ? pstrdup(name) : psprintf("%s(jsonb)", name);
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1] = {CStringGetTextDatum(sig)};
	bool		isnull = true;
	Datum		d = (Datum) 0;

	if (SPI_execute_with_args("SELECT pg_catalog.to_regprocedure($1)::pg_catalog.oid",
							  1, argtypes, values, NULL, true, 0) == SPI_OK_SELECT &&
		SPI_processed == 1)
		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull || !OidIsValid(DatumGetObjectId(d)))
		dyn_error(DYN_ERR_MOVE, psprintf("transform function %s does not exist", sig));
	return DatumGetObjectId(d);
}

static DynTable *
owned(const char *name)
{
	DynTable   *t = catalog_open(name, AccessShareLock, true);

	if (!pg_class_ownercheck(t->relid, GetUserId()))
		aclcheck_error(ACLCHECK_NOT_OWNER, OBJECT_TABLE, t->backing_name);
	return t;
}

PG_FUNCTION_INFO_V1(dyn_move_start);
Datum
dyn_move_start(PG_FUNCTION_ARGS)
{
	Jsonb	   *request;
	JsonbContainer *req;
	char	   *source;
	JsonbValue *target;
	char	   *fn_name;
	char	   *inverse_name;
	char	   *target_name;
	Oid			fn,
				inv = InvalidOid;
	DynTable   *a;
	Oid			argtypes[4] = {TEXTOID, TEXTOID, OIDOID, OIDOID};
	Datum		values[4];
	char		nulls[4] = {' ', ' ', ' ', ' '};
	int64		id;
	bool		isnull;

	if (PG_ARGISNULL(0))
		dyn_error(DYN_ERR_SER_NOT_OBJECT);
	request = wire_escape_jsonb(PG_GETARG_JSONB_P(0));
	req = jb_request_container(request);
	source = jb_get_cstring(req, "SourceTable");
	target = jb_get_typed(req, "Target", JB_STRUCT);
	fn_name = jb_get_cstring(req, "Transform");
	inverse_name = jb_get_cstring(req, "Inverse");
	if (!source || !target || !fn_name)
		dyn_error(DYN_ERR_MOVE, "SourceTable, Target and Transform are required");
	target_name = jb_get_cstring(target->val.binary.data, "TableName");
	SPI_connect();
	fn = resolve_fn(fn_name);
	if (inverse_name)
		inv = resolve_fn(inverse_name);
	if (get_func_rettype(fn) != JSONBOID || !get_func_retset(fn))
		dyn_error(DYN_ERR_MOVE, "the transform must return SETOF jsonb");

	a = owned(source);
	if (a->move)
		dyn_error(DYN_ERR_MOVE, psprintf("table %s is already being moved", source));
	ops_run(op_create_table, JsonbValueToJsonb(target));

	values[0] = CStringGetTextDatum(source);
	values[1] = CStringGetTextDatum(target_name);
	values[2] = ObjectIdGetDatum(fn);
	values[3] = ObjectIdGetDatum(inv);
	nulls[3] = OidIsValid(inv) ? ' ' : 'n';
	catalog_exec("INSERT INTO dynamo.moves (source, target, transform, inverse) "
				 "VALUES ($1, $2, $3::pg_catalog.regprocedure, $4::pg_catalog.regprocedure) RETURNING id",
				 4, argtypes, values, nulls);
	id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	history_record(source, "MoveStart", request);
	catalog_invalidate(a);		/* every backend starts dual writing */
	SPI_finish();
	PG_RETURN_INT64(id);
}

typedef struct MoveRow
{
	char	   *source;
	char	   *target;
	char	   *archive;
	char	   *phase;
	char	   *state;
	bool		has_inverse;
	int64		job_id;
} MoveRow;

static MoveRow *
read_move(int64 id)
{
	Oid			argtypes[1] = {INT8OID};
	Datum		values[1] = {Int64GetDatum(id)};
	MoveRow    *m = palloc0(sizeof(MoveRow));
	bool		isnull;
	Datum		d;

	if (SPI_execute_with_args("SELECT m.source, m.target, m.archive_name, m.phase, "
							  "CASE WHEN m.phase = 'backfill' AND m.state = 'running' AND j.status = 'done' "
							  "THEN 'ready' WHEN m.phase = 'backfill' AND j.status IN ('failed', 'cancelled') "
							  "THEN 'failed' ELSE m.state END, m.inverse IS NOT NULL, m.job_id "
							  "FROM dynamo.moves m LEFT JOIN dynamo.jobs j ON j.id = m.job_id "
							  "WHERE m.id OPERATOR(pg_catalog.=) $1 FOR UPDATE OF m",
							  1, argtypes, values, NULL, false, 0) != SPI_OK_SELECT ||
		SPI_processed != 1)
		dyn_error(DYN_ERR_MOVE_NOT_FOUND, psprintf(INT64_FORMAT, id));
	m->source = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	m->target = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
	m->archive = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3);
	m->phase = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 4);
	m->state = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 5);
	m->has_inverse = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 6, &isnull));
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 7, &isnull);
	m->job_id = isnull ? 0 : DatumGetInt64(d);
	return m;
}

static void
set_phase(int64 id, const char *phase, const char *state)
{
	Oid			argtypes[3] = {INT8OID, TEXTOID, TEXTOID};
	Datum		values[3] = {Int64GetDatum(id), CStringGetTextDatum(phase), CStringGetTextDatum(state)};

	catalog_exec("UPDATE dynamo.moves SET phase = $2, state = $3, updated_at = pg_catalog.now() "
				 "WHERE id OPERATOR(pg_catalog.=) $1", 3, argtypes, values, NULL);
}

/* Rename a DynamoDB table (catalog only: the backing table keeps its name) */
static void
rename_table(const char *from, const char *to)
{
	Oid			argtypes[2] = {TEXTOID, TEXTOID};
	Datum		values[2] = {CStringGetTextDatum(from), CStringGetTextDatum(to)};
	DynTable   *t = catalog_peek(from);

	catalog_exec("UPDATE dynamo.tables SET table_name = $2 WHERE table_name OPERATOR(pg_catalog.=) $1",
				 2, argtypes, values, NULL);
	catalog_exec("UPDATE dynamo.indexes SET table_name = $2 WHERE table_name OPERATOR(pg_catalog.=) $1",
				 2, argtypes, values, NULL);
	if (t)
		catalog_invalidate(t);
}

#define DYN_MOVE_SAMPLE_KEYS 200000

static int
cmp_jsonb_bytes(const void *a, const void *b)
{
	Jsonb	   *x = *(Jsonb *const *) a;
	Jsonb	   *y = *(Jsonb *const *) b;
	int			c = memcmp(x, y, Min(VARSIZE(x), VARSIZE(y)));

	if (c != 0)
		return c;
	return (int) VARSIZE(x) - (int) VARSIZE(y);
}

/* Compare every source item's transform with the target */
static void
validate(int64 id, MoveRow *m)
{
	DynTable   *a = catalog_open(m->source, AccessShareLock, true);
	DynTable   *b = catalog_open(m->target, AccessShareLock, true);
	DynKey		after;
	bool		have_after = false;
	bool		done = false;
	Jsonb	  **keys = NULL;
	int			nkeys = 0,
				keycap = 0;
	int64		checked = 0,
				expected = 0,
				found = 0,
				mismatches = 0,
				in_target = 0;
	JsonbParseState *st = NULL;
	int			nsamples = 0;
	Oid			fn;
	bool		isnull;
	Oid			argtypes[4] = {INT8OID, INT8OID, INT8OID, JSONBOID};
	Datum		values[4];

	{
		Oid			at[1] = {INT8OID};
		Datum		av[1] = {Int64GetDatum(id)};

		SPI_execute_with_args("SELECT transform::oid FROM dynamo.moves WHERE id OPERATOR(pg_catalog.=) $1",
							  1, at, av, NULL, false, 0);
		fn = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	}
	jb_begin_array(&st);
	while (!done)
	{
		DynCursor	cur;
		Jsonb	   *item;
		int			size;
		int64		n = 0;
		Jsonb	   *lastitem = NULL;

		CHECK_FOR_INTERRUPTS();
		storage_keyscan_open(&cur, a, have_after ? &after : NULL, 1000);
		while ((item = storage_cursor_next(&cur, &size)) != NULL)
		{
			ListCell   *lc;

			n++;
			checked++;
			lastitem = item;
			foreach(lc, transform(fn, upgrade_item(a, item)))
			{
				MovedItem  *want = moved_item(b, lfirst(lc));
				Jsonb	   *have = storage_get_snapshot(b, &want->key);

				expected++;
				found += (have != NULL);
				if (nkeys < DYN_MOVE_SAMPLE_KEYS)
				{
					if (nkeys == keycap)
					{
						keycap = keycap ? keycap * 2 : 1024;
						keys = keys ? repalloc(keys, sizeof(Jsonb *) * keycap) :
							palloc(sizeof(Jsonb *) * keycap);
					}
					keys[nkeys++] = want->keymap;
				}
				if (have == NULL || !DatumGetBool(DirectFunctionCall2(jsonb_eq,
																	  JsonbPGetDatum(have),
																	  JsonbPGetDatum(want->item))))
				{
					mismatches++;
					if (nsamples++ < 10)
						jb_push_jsonb(&st, want->keymap);
				}
			}
		}
		storage_cursor_close(&cur);
		done = n < 1000;
		if (lastitem)
		{
			item_key(a, lastitem, &after);
			have_after = true;
		}
	}
	/* anything in the target that no source item makes is a mismatch too */
	if (SPI_execute(psprintf("SELECT count(*) FROM %s",
							 quote_qualified_identifier(b->backing_schema, b->backing_name)),
					true, 0) == SPI_OK_SELECT)
		in_target = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	if (in_target > found)
	{
		mismatches += in_target - found;	/* items no source item makes */
		/* sample them too, when the expected keys fit in memory */
		if (nkeys < DYN_MOVE_SAMPLE_KEYS && nsamples < 10)
		{
			DynCursor	cur;
			Jsonb	   *item;
			int			size;

			qsort(keys, nkeys, sizeof(Jsonb *), cmp_jsonb_bytes);
			storage_keyscan_open(&cur, b, NULL, PG_INT64_MAX);
			while (nsamples < 10 && (item = storage_cursor_next(&cur, &size)) != NULL)
			{
				MovedItem  *have = moved_item(b, item);

				if (bsearch(&have->keymap, keys, nkeys, sizeof(Jsonb *), cmp_jsonb_bytes) == NULL)
				{
					jb_push_jsonb(&st, have->keymap);
					nsamples++;
				}
			}
			storage_cursor_close(&cur);
		}
	}

	values[0] = Int64GetDatum(id);
	values[1] = Int64GetDatum(checked);
	values[2] = Int64GetDatum(mismatches);
	values[3] = JsonbPGetDatum(JsonbValueToJsonb(jb_end_array(&st)));
	catalog_exec("UPDATE dynamo.moves SET items_checked = $2, mismatches = $3, samples = $4, "
				 "state = CASE WHEN $3 OPERATOR(pg_catalog.=) 0 THEN 'ready' ELSE 'failed' END, "
				 "updated_at = pg_catalog.now() WHERE id OPERATOR(pg_catalog.=) $1",
				 4, argtypes, values, NULL);
}

/* Export the old source as JSON lines of {"Item": ...}, then drop it */
static void
archive(int64 id, MoveRow *m)
{
	DynTable   *t = catalog_open(m->archive, AccessShareLock, true);
	DynKey		after;
	bool		have_after = false;
	bool		done = false;
	int64		line = 0;
	JsonbParseState *st;

	while (!done)
	{
		DynCursor	cur;
		Jsonb	   *item;
		int			size;
		int64		n = 0;
		Jsonb	   *lastitem = NULL;
		List	   *lines = NIL;
		ListCell   *lc;

		storage_keyscan_open(&cur, t, have_after ? &after : NULL, 1000);
		while ((item = storage_cursor_next(&cur, &size)) != NULL)
		{
			n++;
			lastitem = item;
			st = NULL;
			jb_begin_object(&st);
			jb_ckey(&st, "Item");
			jb_push_jsonb(&st, item);
			lines = lappend(lines, text_to_cstring(wire_jsonb_to_text(JsonbValueToJsonb(jb_end_object(&st)))));
		}
		storage_cursor_close(&cur);
		done = n < 1000;
		foreach(lc, lines)
		{
			Oid			argtypes[3] = {INT8OID, INT8OID, TEXTOID};
			Datum		values[3] = {Int64GetDatum(id), Int64GetDatum(++line),
			CStringGetTextDatum(lfirst(lc))};

			catalog_exec("INSERT INTO dynamo.move_archive (move_id, line_no, line) VALUES ($1, $2, $3)",
						 3, argtypes, values, NULL);
		}
		if (lastitem)
		{
			item_key(t, lastitem, &after);
			have_after = true;
		}
	}
	{
		JsonbParseState *rs = NULL;

		jb_begin_object(&rs);
		jb_ckey(&rs, "TableName");
		jb_push_cstring(&rs, m->archive);
		moving_ok = true;
		PG_TRY();
		{
			ops_run(op_delete_table, JsonbValueToJsonb(jb_end_object(&rs)));
		}
		PG_FINALLY();
		{
			moving_ok = false;
		}
		PG_END_TRY();
	}
}

PG_FUNCTION_INFO_V1(dyn_move_advance);
Datum
dyn_move_advance(PG_FUNCTION_ARGS)
{
	int64		id;
	MoveRow    *m;
	int			cur = -1;
	const char *next;

	if (PG_ARGISNULL(0))
		dyn_error(DYN_ERR_MOVE, "the move id is required");
	id = PG_GETARG_INT64(0);
	SPI_connect();
	m = read_move(id);
	owned(strcmp(m->phase, "archive") == 0 || strcmp(m->phase, "done") == 0 ? m->source : m->source);
	for (int i = 0; phases[i]; i++)
		if (strcmp(phases[i], m->phase) == 0)
			cur = i;
	if (cur < 0 || phases[cur + 1] == NULL)
		dyn_error(DYN_ERR_MOVE, psprintf("move " INT64_FORMAT " is %s", id, m->phase));
	next = phases[cur + 1];
	/* validate may be run again after fixing mismatches */
	if (strcmp(m->phase, "validate") == 0 && strcmp(m->state, "failed") == 0 &&
		!PG_ARGISNULL(1) && strcmp(text_to_cstring(PG_GETARG_TEXT_PP(1)), "validate") == 0)
		next = "validate";
	else if (!PG_ARGISNULL(1) && strcmp(text_to_cstring(PG_GETARG_TEXT_PP(1)), next) != 0)
		dyn_error(DYN_ERR_MOVE, psprintf("move " INT64_FORMAT " is in phase %s: the next phase is %s",
										 id, m->phase, next));
	else if (strcmp(m->state, "ready") != 0)
		dyn_error(DYN_ERR_MOVE, psprintf("phase %s of move " INT64_FORMAT " has not finished (%s)",
										 m->phase, id, m->state));

	if (strcmp(next, "backfill") == 0)
	{
		JsonbParseState *st = NULL;
		int64		job;

		jb_begin_object(&st);
		jb_ckey(&st, "TableName");
		jb_push_cstring(&st, m->source);
		jb_ckey(&st, "MoveId");
		jb_push_int64(&st, id);
		job = jobs_start_move_backfill(JsonbValueToJsonb(jb_end_object(&st)), m->source);
		{
			Oid			argtypes[2] = {INT8OID, INT8OID};
			Datum		values[2] = {Int64GetDatum(id), Int64GetDatum(job)};

			catalog_exec("UPDATE dynamo.moves SET phase = 'backfill', state = 'running', job_id = $2, "
						 "updated_at = pg_catalog.now() WHERE id OPERATOR(pg_catalog.=) $1",
						 2, argtypes, values, NULL);
		}
	}
	else if (strcmp(next, "validate") == 0)
	{
		set_phase(id, "validate", "running");
		validate(id, m);
	}
	else if (strcmp(next, "read_switch") == 0)
		set_phase(id, "read_switch", "ready");
	else if (strcmp(next, "cutover") == 0)
	{
		/* one transaction: the source's name now names the target's table */
		char	   *archive_name = psprintf("%s__moved_" INT64_FORMAT, m->source, id);
		Oid			argtypes[2] = {INT8OID, TEXTOID};
		Datum		values[2] = {Int64GetDatum(id), CStringGetTextDatum(archive_name)};

		if (strlen(archive_name) > DYN_MAX_TABLE_NAME)
			dyn_error(DYN_ERR_MOVE, "the source table name is too long to archive");
		rename_table(m->source, archive_name);
		rename_table(m->target, m->source);
		catalog_exec("UPDATE dynamo.moves SET phase = 'cutover', state = 'ready', archive_name = $2, "
					 "updated_at = pg_catalog.now() WHERE id OPERATOR(pg_catalog.=) $1",
					 2, argtypes, values, NULL);
		history_record(m->source, "MoveCutover", NULL);
	}
	else if (strcmp(next, "archive") == 0)
	{
		set_phase(id, "archive", "running");
		archive(id, m);
		set_phase(id, "archive", "ready");
		history_record(m->source, "MoveArchive", NULL);
	}
	else
		set_phase(id, "done", "ready");

	/* the source's descriptor: dual writes start, stop or change direction */
	{
		DynTable   *s = catalog_peek(m->source);

		if (s)
			catalog_invalidate(s);
	}
	SPI_finish();
	PG_RETURN_TEXT_P(cstring_to_text(next));
}

PG_FUNCTION_INFO_V1(dyn_move_rollback);
Datum
dyn_move_rollback(PG_FUNCTION_ARGS)
{
	int64		id = PG_GETARG_INT64(0);
	MoveRow    *m;
	JsonbParseState *st = NULL;

	SPI_connect();
	m = read_move(id);
	owned(m->source);
	if (strcmp(m->phase, "archive") == 0 || strcmp(m->phase, "done") == 0 ||
		strcmp(m->phase, "rolled_back") == 0)
		dyn_error(DYN_ERR_MOVE, psprintf("move " INT64_FORMAT " is in phase %s: too late to roll back",
										 id, m->phase));
	if (strcmp(m->phase, "cutover") == 0)
	{
		if (!m->has_inverse)
			dyn_error(DYN_ERR_MOVE, "a move without an Inverse transform cannot be rolled back after cutover");
		/* the target goes under a name of its own (its old one may be taken) */
		m->target = psprintf("%s__rollback_" INT64_FORMAT, m->source, id);
		rename_table(m->source, m->target);
		rename_table(m->archive, m->source);
	}
	if (m->job_id)
	{
		Oid			argtypes[1] = {INT8OID};
		Datum		values[1] = {Int64GetDatum(m->job_id)};

		catalog_exec("UPDATE dynamo.jobs SET status = 'cancelled', finished_at = pg_catalog.now() "
					 "WHERE id OPERATOR(pg_catalog.=) $1 AND status IN ('running', 'paused')",
					 1, argtypes, values, NULL);
	}
	set_phase(id, "rolled_back", "ready");
	jb_begin_object(&st);
	jb_ckey(&st, "TableName");
	jb_push_cstring(&st, m->target);
	moving_ok = true;
	PG_TRY();
	{
		ops_run(op_delete_table, JsonbValueToJsonb(jb_end_object(&st)));
	}
	PG_FINALLY();
	{
		moving_ok = false;
	}
	PG_END_TRY();
	history_record(m->source, "MoveRollback", NULL);
	{
		DynTable   *s = catalog_peek(m->source);

		if (s)
			catalog_invalidate(s);
	}
	SPI_finish();
	PG_RETURN_VOID();
}
