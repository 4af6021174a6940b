/*-------------------------------------------------------------------------
 * page.c
 *	  One page of Query or Scan results, by DynamoDB's rules.
 *
 * Items are read from a storage cursor in key order.  Limit counts items
 * read before the filter; a page also ends once 1 MB of items has been
 * read (measured on their stored size).  A page that ends early, even with
 * no item in it, carries LastEvaluatedKey: the key of the last item read.
 * Memory: each item is read into a per-item context that is reset every
 * turn, so a page costs what it returns, not what it reads.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/memutils.h"

#include "attrval.h"
#include "keycodec.h"
#include "index/index.h"
#include "migrate/migrate.h"
#include "jsonb_util.h"
#include "ops/ops.h"

#define DYN_PAGE_BYTES (1024 * 1024)

/* Push the key attributes (and index keys) of item as LastEvaluatedKey */
static void
push_last_key(JsonbParseState **st, PageSpec *ps, Jsonb *item)
{
	jb_ckey(st, "LastEvaluatedKey");
	jb_begin_object(st);
	for (int i = 0; i < ps->nkeys; i++)
	{
		JsonbValue *v = getKeyJsonValueFromContainer(&item->root, ps->keys[i],
													 strlen(ps->keys[i]), NULL);

		if (v)
		{
			jb_ckey(st, ps->keys[i]);
			jb_push(st, v);
		}
	}
	jb_end_object(st);
}

Jsonb *
ops_run_page(PageSpec *ps, DynCursor *cur)
{
	JsonbParseState *st = NULL;
	JbArray		items;
	Jsonb	   *page;
	MemoryContext itemcxt = AllocSetContextCreate(CurrentMemoryContext,
												  "dynamo_ext page item",
												  ALLOCSET_DEFAULT_SIZES);
	MemoryContext old;
	int64		scanned = 0;
	int64		count = 0;
	int64		bytes = 0;
	bool		more = false;
	Jsonb	   *last = NULL;

	/* a page of Limit items never needs more rows than that */
	cur->want = ps->limit;
	jb_array_init(&items);
	for (;;)
	{
		Jsonb	   *item;
		Jsonb	   *stored;
		int			size;
		bool		keep;

		MemoryContextReset(itemcxt);
		old = MemoryContextSwitchTo(itemcxt);
		item = storage_cursor_next(cur, &size);
		if (item == NULL)
		{
			MemoryContextSwitchTo(old);
			break;
		}
		item = upgrade_item(ps->t, item);
		if (ps->index && ps->index->global)
			item = index_project(ps->t, ps->index, item);	/* all a GSI holds */
		stored = item;
		scanned++;
		bytes += size;
		keep = ps->filter == NULL ||
			expr_eval_condition(&ps->er->env, ps->filter->cond, &item->root);
		MemoryContextSwitchTo(old);
		if (keep)
		{
			count++;
			if (!ps->count_only)
			{
				if (ps->index && ps->project_index && !ps->index->global)
				{
					old = MemoryContextSwitchTo(itemcxt);
					item = index_project(ps->t, ps->index, item);
					MemoryContextSwitchTo(old);
				}
				if (ps->proj)
				{
					old = MemoryContextSwitchTo(itemcxt);
					item = expr_project(&ps->er->env, ps->proj->paths, ps->proj->npaths,
										&item->root);
					MemoryContextSwitchTo(old);
				}
				jb_array_append(&items, item);
			}
		}
		if ((ps->limit > 0 && scanned >= ps->limit) || bytes >= DYN_PAGE_BYTES)
		{
			/* keep the last item read for LastEvaluatedKey */
			more = true;
			last = palloc(VARSIZE(stored));
			memcpy(last, stored, VARSIZE(stored));
			break;
		}
	}
	storage_cursor_close(cur);
	jb_begin_object(&st);
	jb_ckey(&st, "Count");
	jb_push_int64(&st, count);
	jb_ckey(&st, "ScannedCount");
	jb_push_int64(&st, scanned);
	if (more)
		push_last_key(&st, ps, last);
	ops_push_consumed(&st, ps->t, ps->rcc, ops_read_units(bytes, ps->consistent));
	MemoryContextDelete(itemcxt);
	page = JsonbValueToJsonb(jb_end_object(&st));
	if (ps->count_only)
		return page;
	/* the items are copied in as stored, not unpacked and encoded again */
	return jb_object_insert(page, "Items", jb_array_finish(&items));
}

static const char *const select_values[] = {
	"SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", NULL
};

void
ops_read_select(JsonbContainer *req, DynConstraints *c, const char **select)
{
	*select = jb_get_cstring(req, "Select");
	ops_enum(c, *select, "select", select_values,
			 "[SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
}

/* Select against ProjectionExpression and IndexName, as DynamoDB checks */
static void
select_error(DynErrorId id, bool query)
{
	/* Query wraps these two in the constraint envelope; Scan does not */
	if (query)
		dyn_error(DYN_ERR_CONSTRAINTS, psprintf("1 validation error detected: %s",
												dyn_error_text(id)));
	dyn_error(id);
}

void
ops_check_select(const char *select, ExprRequest *er, bool has_index, bool query)
{
	bool		proj = expr_request_has(er, EXPR_TYPE_PROJECTION);

	if (select == NULL)
		return;
	if (strcmp(select, "COUNT") == 0 && proj)
		select_error(DYN_ERR_SELECT_COUNT_PROJ, query);
	if (strcmp(select, "ALL_ATTRIBUTES") == 0 && proj)
		dyn_error(DYN_ERR_SELECT_ALL_PROJ);
	if (strcmp(select, "ALL_PROJECTED_ATTRIBUTES") == 0 && proj)
		dyn_error(DYN_ERR_SELECT_PROJECTED_PROJ);
	if (strcmp(select, "ALL_PROJECTED_ATTRIBUTES") == 0 && !has_index)
		dyn_error(DYN_ERR_SELECT_PROJECTED_NO_INDEX);
	if (strcmp(select, "SPECIFIC_ATTRIBUTES") == 0 && !proj)
		select_error(DYN_ERR_SELECT_SPECIFIC_NO_PROJ, query);
}

void
ops_page_spec(PageSpec *ps, DynTable *t, DynIndex *x, ExprRequest *er, JsonbValue *limitv,
			  const char *select, const char *rcc, JsonbValue *consistent)
{
	memset(ps, 0, sizeof(PageSpec));
	ps->t = t;
	ps->er = er;
	if (limitv && !jb_number_int64(limitv, &ps->limit))
		ps->limit = 0;
	ps->count_only = select && strcmp(select, "COUNT") == 0;
	ps->filter = er->parsed[EXPR_TYPE_FILTER];
	ps->proj = er->parsed[EXPR_TYPE_PROJECTION];
	ps->rcc = rcc;
	ps->consistent = consistent && consistent->val.boolean;
	ps->keys[ps->nkeys++] = t->hash_key;
	if (t->range_key)
		ps->keys[ps->nkeys++] = t->range_key;
	ps->index = x;
	if (x)
	{
		if (strcmp(x->hash_key, t->hash_key) != 0 &&
			(!t->range_key || strcmp(x->hash_key, t->range_key) != 0))
			ps->keys[ps->nkeys++] = x->hash_key;
		if (x->range_key && strcmp(x->range_key, t->hash_key) != 0 &&
			(!t->range_key || strcmp(x->range_key, t->range_key) != 0))
			ps->keys[ps->nkeys++] = x->range_key;
		/* a GSI holds only its projection; an LSI can fetch the rest */
		ps->project_index = x->global ||
			((select == NULL || strcmp(select, "ALL_PROJECTED_ATTRIBUTES") == 0) &&
			 !er->parsed[EXPR_TYPE_PROJECTION]);
	}
}

/* IndexName of a Query or Scan: exists, readable, consistent as allowed */
DynIndex *
ops_open_index(DynTable *t, const char *name, JsonbValue *consistent, const char *select)
{
	DynIndex   *x;

	if (name == NULL)
		return NULL;
	x = catalog_find_index(t, name);
	if (x == NULL)
		dyn_error(DYN_ERR_NO_INDEX, name);
	if (x->global && consistent && consistent->val.boolean)
		dyn_error(DYN_ERR_INDEX_CONSISTENT_GSI);
	if (strcmp(x->status, "ACTIVE") != 0)
		dyn_error(DYN_ERR_INDEX_BACKFILLING, name);
	if (x->global && select && strcmp(select, "ALL_ATTRIBUTES") == 0 && !index_projects_all(x))
		dyn_error(DYN_ERR_INDEX_SELECT_ALL, name);
	return x;
}

/*
 * ExclusiveStartKey: exactly the table's key attributes, of the right
 * types.  Query and Scan word the faults differently, as DynamoDB does.
 */
static bool
is_name(const char *a, int alen, const char *b)
{
	return b && alen == (int) strlen(b) && memcmp(a, b, alen) == 0;
}

JsonbValue *
ops_start_key(DynTable *t, DynIndex *x, JsonbValue *esk, AvCheck *chk, DynKey *key,
			  Datum *start_range, bool query)
{
	JsonbValue *norm;
	const char *names[4];
	char		types[4];
	int			n = 0;

	if (esk == NULL)
		return NULL;
	norm = attrval_map(esk, chk);
	/* a malformed value is "invalid"; a bad number is reported as it is */
	if (chk->err >= DYN_ERR_N_EMPTY && chk->err <= DYN_ERR_N_PRECISION)
		attrval_raise(chk);
	if (chk->err != DYN_ERR__COUNT)
		dyn_error(DYN_ERR_START_KEY_INVALID, chk->msg);

	/* the table's keys, and the index's keys when reading an index */
	names[n] = t->hash_key;
	types[n++] = t->hash_type;
	if (t->range_key)
	{
		names[n] = t->range_key;
		types[n++] = t->range_type;
	}
	if (x)
	{
		bool		dup = false;

		for (int i = 0; i < n; i++)
			dup |= strcmp(names[i], x->hash_key) == 0;
		if (!dup)
		{
			names[n] = x->hash_key;
			types[n++] = x->hash_type;
		}
		dup = x->range_key == NULL;
		for (int i = 0; i < n && !dup; i++)
			dup |= strcmp(names[i], x->range_key) == 0;
		if (!dup)
		{
			names[n] = x->range_key;
			types[n++] = x->range_type;
		}
	}
	for (int i = 0; i < n; i++)
	{
		JsonbValue *av = attrval_find(norm, names[i], strlen(names[i]));

		if (norm->val.object.nPairs != n || av == NULL)
		{
			if (query)
				dyn_error_raw(DYN_ERR_START_KEY_INVALID, "The provided starting key is invalid");
			dyn_error(DYN_ERR_START_KEY_INVALID, dyn_error_text(DYN_ERR_KEY_SCHEMA_MISMATCH));
		}
		if (attrval_type(av, NULL) != (types[i] == 'S' ? AV_S : types[i] == 'N' ? AV_N : AV_B))
		{
			if (query)
				dyn_error(DYN_ERR_KEY_SCHEMA_MISMATCH);
			dyn_error(DYN_ERR_START_KEY_INVALID, dyn_error_text(DYN_ERR_KEY_SCHEMA_MISMATCH));
		}
	}
	/* the table's key columns from the start key */
	{
		JsonbParseState *st = NULL;
		JsonbValue *tk;

		jb_begin_object(&st);
		for (int i = 0; i < norm->val.object.nPairs; i++)
		{
			JsonbPair  *p = &norm->val.object.pairs[i];

			if (is_name(p->key.val.string.val, p->key.val.string.len, t->hash_key) ||
				is_name(p->key.val.string.val, p->key.val.string.len, t->range_key))
			{
				jb_key(&st, p->key.val.string.val, p->key.val.string.len);
				jb_push(&st, &p->value);
			}
		}
		tk = jb_end_object(&st);
		ops_extract_key(t, tk, false, key);
	}
	if (x && x->range_key && start_range)
	{
		JsonbValue *v;

		attrval_type(attrval_find(norm, x->range_key, x->range_key_len), &v);
		*start_range = keycodec_key_datum(x->range_type, v->val.string.val, v->val.string.len);
	}
	return norm;
}
