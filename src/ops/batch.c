/*-------------------------------------------------------------------------
 * batch.c
 *	  BatchGetItem and BatchWriteItem: many items over several tables.
 *
 * Everything is validated before anything is read or written; writes are
 * applied in a fixed order (table, key) so that two batches never
 * deadlock; all of a batch is applied or none (the caller's transaction),
 * so UnprocessedItems is always empty.  BatchGetItem stops adding items at
 * DynamoDB's 16 MB response limit and returns the rest as UnprocessedKeys.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/datum.h"
#include "utils/memutils.h"

#include "attrval.h"
#include "jsonb_util.h"
#include "migrate/migrate.h"
#include "ops/write.h"

#define DYN_BATCH_GET_MAX	100
#define DYN_BATCH_WRITE_MAX 25
#define DYN_BATCH_GET_BYTES (16 * 1024 * 1024)

static int
cmp_writes(const void *a, const void *b)
{
	const DynWrite *x = *(DynWrite *const *) a;
	const DynWrite *y = *(DynWrite *const *) b;
	int			c = memcmp(x->sort_key, y->sort_key, Min(x->sort_len, y->sort_len));

	if (c != 0)
		return c;
	return x->sort_len - y->sort_len;
}

/* Sort writes into lock order; refuse two writes of one item */
void
batch_sort_writes(DynWrite **ws, int n, DynErrorId duplicate)
{
	qsort(ws, n, sizeof(DynWrite *), cmp_writes);
	for (int i = 1; i < n; i++)
		if (cmp_writes(&ws[i - 1], &ws[i]) == 0)
			dyn_error(duplicate);
}

/*
 * What the write phase needs of a prepared write, copied out of the
 * scratch memory it was prepared in: table, key, item, size, lock order.
 * (A table being moved needs all of it: that write is kept whole.)
 */
static DynWrite *
keep_write(DynWrite *w)
{
	DynWrite   *k = palloc0(sizeof(DynWrite));

	k->kind = w->kind;
	k->t = w->t;
	k->size = w->size;
	k->key.pk = datumCopy(w->key.pk, false, -1);
	if (w->t->range_key)
		k->key.sk = datumCopy(w->key.sk, false, -1);
	if (w->item)
	{
		k->item = palloc(VARSIZE(w->item));
		memcpy(k->item, w->item, VARSIZE(w->item));
	}
	k->sort_key = palloc(w->sort_len);
	memcpy(k->sort_key, w->sort_key, w->sort_len);
	k->sort_len = w->sort_len;
	return k;
}

/* {"TableName": name, <field>: value} as a request for write_prepare */
static JsonbContainer *
sub_request(JsonbValue *name, const char *field, JsonbValue *value)
{
	JsonbParseState *st = NULL;

	jb_begin_object(&st);
	jb_ckey(&st, "TableName");
	jb_push(&st, name);
	if (value)
	{
		jb_ckey(&st, field);
		jb_push(&st, value);
	}
	return &JsonbValueToJsonb(jb_end_object(&st))->root;
}

static char *
render_map_for_constraint(JsonbValue *map)
{
	/* DynamoDB prints the Java map; we print its table names */
	StringInfoData buf;
	JsonbIterator *it = JsonbIteratorInit(map->val.binary.data);
	JsonbValue	k;
	JsonbIteratorToken r;
	bool		first = true;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	while ((r = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
		if (r == WJB_KEY)
		{
			appendStringInfo(&buf, "%s%.*s=[...]", first ? "" : ", ",
							 k.val.string.len, k.val.string.val);
			first = false;
		}
	appendStringInfoChar(&buf, '}');
	return buf.data;
}

Jsonb *
op_batch_write_item(Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	JsonbValue *items = jb_get_typed(req, "RequestItems", JB_STRUCT);
	char	   *rcc = jb_get_cstring(req, "ReturnConsumedCapacity");
	char	   *ricm = jb_get_cstring(req, "ReturnItemCollectionMetrics");
	DynConstraints c;
	DynWrite  **ws = NULL;
	int			n = 0;
	JsonbIterator *it;
	JsonbValue	k,
				v;
	JsonbIteratorToken r;
	JsonbParseState *st = NULL;
	MemoryContext keep,
				scratch;

	dyn_constraints_init(&c);
	ops_enum(&c, rcc, "returnConsumedCapacity", ops_return_consumed, OPS_RETURN_CONSUMED_SET);
	ops_enum(&c, ricm, "returnItemCollectionMetrics", ops_return_metrics, OPS_RETURN_METRICS_SET);
	if (items == NULL)
		dyn_constraint(&c, NULL, "requestItems", DYN_RULE_NOT_NULL);
	else if (JsonContainerSize(items->val.binary.data) == 0)
		dyn_error(DYN_ERR_BATCH_REQUEST_ITEMS, "BatchWriteItem");
	else
	{
		/* each table: a list of 1 to 25 requests */
		it = JsonbIteratorInit(items->val.binary.data);
		while ((r = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
		{
			int			len;

			if (r != WJB_VALUE)
				continue;
			jb_check_kind(&k, JB_LIST);
			len = jb_array_size(&k);
			if (len < 1 || len > DYN_BATCH_WRITE_MAX)
			{
				dyn_constraint(&c, render_map_for_constraint(items), "requestItems",
							   DYN_RULE_MAP_VALUE,
							   "[Member must have length less than or equal to 25, Member must have length greater than or equal to 1]");
				break;
			}
			n += len;
		}
	}
	dyn_constraints_raise(&c);
	if (n > DYN_BATCH_WRITE_MAX)
		dyn_error(DYN_ERR_BATCH_TOO_MANY_WRITE);

	/* prepare every request: validation, table, key */
	keep = CurrentMemoryContext;
	scratch = AllocSetContextCreate(keep, "dynamo_ext batch write", ALLOCSET_DEFAULT_SIZES);
	ws = palloc(sizeof(DynWrite *) * n);
	n = 0;
	it = JsonbIteratorInit(items->val.binary.data);
	while ((r = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		JsonbValue	name;
		int			member;
		JsonbIterator *lit;
		JsonbValue	wr;
		JsonbIteratorToken lr;

		if (r != WJB_KEY)
			continue;
		name = k;
		JsonbIteratorNext(&it, &v, true);
		lit = JsonbIteratorInit(v.val.binary.data);
		member = 0;
		while ((lr = JsonbIteratorNext(&lit, &wr, true)) != WJB_DONE)
		{
			JsonbValue *put,
					   *del;
			DynWrite   *w;

			if (lr != WJB_ELEM)
				continue;
			jb_check_kind(&wr, JB_STRUCT);
			put = jb_get_typed(wr.val.binary.data, "PutRequest", JB_STRUCT);
			del = jb_get_typed(wr.val.binary.data, "DeleteRequest", JB_STRUCT);
			if ((put == NULL) == (del == NULL))
				dyn_error(DYN_ERR_BATCH_WRITE_REQUEST);	/* sic: DynamoDB's text */
			/*
			 * Validation builds much that the write does not need (about
			 * 40 kB an item): prepare in scratch memory, keep what is used
			 */
			++member;
			for (int pass = 0; pass < 2; pass++)
			{
				MemoryContext old = MemoryContextSwitchTo(pass == 0 ? scratch : keep);
				char	   *path = psprintf("requestItems.%.*s.member.%d.member.%s.",
											name.val.string.len, name.val.string.val,
											member, put ? "putRequest" : "deleteRequest");

				w = palloc(sizeof(DynWrite));
				if (put)
					write_prepare_in(w, WRITE_PUT,
									 sub_request(&name, "Item", jb_get(put->val.binary.data, "Item")),
									 WRITE_BATCH, path);
				else
					write_prepare_in(w, WRITE_DELETE,
									 sub_request(&name, "Key", jb_get(del->val.binary.data, "Key")),
									 WRITE_BATCH, path);
				MemoryContextSwitchTo(old);
				if (pass == 0 && w->t->move == NULL)
				{
					w = keep_write(w);
					break;
				}
			}
			ws[n++] = w;
			MemoryContextReset(scratch);
		}
	}
	MemoryContextDelete(scratch);
	batch_sort_writes(ws, n, DYN_ERR_BATCH_DUPLICATES);

	for (int i = 0; i < n; i++)
	{
		if (ws[i]->t->move)
			write_run(ws[i]);	/* old and new items for the dual write */
		else if (ws[i]->kind == WRITE_PUT)
			storage_upsert(ws[i]->t, &ws[i]->key, ws[i]->item);
		else
			storage_delete(ws[i]->t, &ws[i]->key);
	}

	jb_begin_object(&st);
	jb_ckey(&st, "UnprocessedItems");
	jb_begin_object(&st);
	jb_end_object(&st);
	if (rcc && strcmp(rcc, "NONE") != 0)
	{
		jb_ckey(&st, "ConsumedCapacity");
		jb_begin_array(&st);
		for (int i = 0; i < n; i++)
		{
			double		units = 0;
			int			j;

			if (i > 0 && ws[i - 1]->t == ws[i]->t)
				continue;
			for (j = i; j < n && ws[j]->t == ws[i]->t; j++)
				units += ops_write_units(ws[j]->size);
			jb_begin_object(&st);
			jb_ckey(&st, "TableName");
			jb_push_cstring(&st, ws[i]->t->name);
			jb_ckey(&st, "CapacityUnits");
			jb_push_numeric_text(&st, psprintf("%g", units));
			jb_end_object(&st);
		}
		jb_end_array(&st);
	}
	return JsonbValueToJsonb(jb_end_object(&st));
}

/* One table of a BatchGetItem */
typedef struct BatchGetTable
{
	JsonbValue	name;
	JsonbValue *spec;			/* the KeysAndAttributes object */
	DynTable   *t;
	ExprRequest er;
	char	  **atg;
	int			natg;
	int			nkeys;
	JsonbValue **keys;			/* canonical keys */
	DynKey	   *dkeys;
} BatchGetTable;

static const char *const proj_field[] = {"ProjectionExpression"};
static const ExprType proj_type[] = {EXPR_TYPE_PROJECTION};

Jsonb *
op_batch_get_item(Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	JsonbValue *items = jb_get_typed(req, "RequestItems", JB_STRUCT);
	char	   *rcc = jb_get_cstring(req, "ReturnConsumedCapacity");
	DynConstraints c;
	BatchGetTable *tabs;
	int			ntabs = 0;
	int			total = 0;
	int64		bytes = 0;
	JsonbIterator *it;
	JsonbValue	k;
	JsonbIteratorToken r;
	JsonbParseState *st = NULL;
	bool		any_unprocessed = false;

	dyn_constraints_init(&c);
	ops_enum(&c, rcc, "returnConsumedCapacity", ops_return_consumed, OPS_RETURN_CONSUMED_SET);
	if (items == NULL)
		dyn_constraint(&c, NULL, "requestItems", DYN_RULE_NOT_NULL);
	dyn_constraints_raise(&c);
	if (JsonContainerSize(items->val.binary.data) == 0)
		dyn_error(DYN_ERR_BATCH_REQUEST_ITEMS, "BatchGetItem");

	tabs = palloc0(sizeof(BatchGetTable) * JsonContainerSize(items->val.binary.data));
	it = JsonbIteratorInit(items->val.binary.data);
	while ((r = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		BatchGetTable *bt;
		JsonbValue	v;
		JsonbValue *keys;

		if (r != WJB_KEY)
			continue;
		bt = &tabs[ntabs++];
		bt->name = k;
		JsonbIteratorNext(&it, &v, true);
		jb_check_kind(&v, JB_STRUCT);
		bt->spec = palloc(sizeof(JsonbValue));
		*bt->spec = v;
		keys = jb_get_typed(v.val.binary.data, "Keys", JB_LIST);
		bt->nkeys = keys ? jb_array_size(keys) : 0;
		total += bt->nkeys;
		expr_request_read(&bt->er, v.val.binary.data, proj_field, proj_type, 1);
		bt->er.values = NULL;
		if (jb_get(v.val.binary.data, "AttributesToGet"))
			ops_not_supported("AttributesToGet in BatchGetItem (use ProjectionExpression)");
		if (keys == NULL || bt->nkeys == 0 || bt->nkeys > DYN_BATCH_GET_MAX)
		{
			char	   *path = psprintf("requestItems.%.*s.member.keys", k.val.string.len,
										k.val.string.val);

			dyn_constraints_init(&c);
			if (keys == NULL)
				dyn_constraint(&c, NULL, path, DYN_RULE_NOT_NULL);
			else if (bt->nkeys == 0)
				dyn_constraint(&c, "[]", path, DYN_RULE_LENGTH_MIN, 1);
			else
				dyn_constraint(&c, "[...]", path, DYN_RULE_LENGTH_MAX, DYN_BATCH_GET_MAX);
			dyn_constraints_raise(&c);
		}
	}
	if (total > DYN_BATCH_GET_MAX)
		dyn_error(DYN_ERR_BATCH_TOO_MANY_GET);

	/* validate every table's keys and projection, then open the tables */
	for (int i = 0; i < ntabs; i++)
	{
		BatchGetTable *bt = &tabs[i];
		JsonbValue *keys = jb_get(bt->spec->val.binary.data, "Keys");
		JsonbIterator *kit = JsonbIteratorInit(keys->val.binary.data);
		JsonbValue	kv;
		int			j = 0;
		char	   *name = pnstrdup(bt->name.val.string.val, bt->name.val.string.len);

		dyn_constraints_init(&c);
		ops_table_name_constraints(&c, name, "requestItems.member.key");
		dyn_constraints_raise(&c);
		expr_request_precheck(&bt->er, "");
		expr_request_validate(&bt->er);
		bt->keys = palloc(sizeof(JsonbValue *) * bt->nkeys);
		bt->dkeys = palloc(sizeof(DynKey) * bt->nkeys);
		while ((r = JsonbIteratorNext(&kit, &kv, true)) != WJB_DONE)
		{
			AvCheck		chk;

			if (r != WJB_ELEM)
				continue;
			bt->keys[j] = attrval_map(&kv, &chk);
			attrval_raise(&chk);
			j++;
		}
		/* duplicates: canonical key values are equal iff their texts are */
		for (int a = 0; a < bt->nkeys; a++)
			for (int b = 0; b < a; b++)
			{
				Jsonb	   *x = JsonbValueToJsonb(bt->keys[a]);
				Jsonb	   *y = JsonbValueToJsonb(bt->keys[b]);

				if (VARSIZE(x) == VARSIZE(y) && memcmp(x, y, VARSIZE(x)) == 0)
					dyn_error(DYN_ERR_BATCH_DUPLICATES);
			}
		bt->t = catalog_open(name, AccessShareLock, false);
		for (j = 0; j < bt->nkeys; j++)
			ops_extract_key(bt->t, bt->keys[j], false, &bt->dkeys[j]);
	}

	jb_begin_object(&st);
	jb_ckey(&st, "Responses");
	jb_begin_object(&st);
	for (int i = 0; i < ntabs; i++)
	{
		BatchGetTable *bt = &tabs[i];
		ExprParsed *proj = bt->er.parsed[EXPR_TYPE_PROJECTION];

		jb_key(&st, bt->name.val.string.val, bt->name.val.string.len);
		jb_begin_array(&st);
		for (int j = 0; j < bt->nkeys; j++)
		{
			Jsonb	   *item;

			if (bytes >= DYN_BATCH_GET_BYTES)
			{
				any_unprocessed = true;
				break;
			}
			item = upgrade_item(bt->t, storage_get(bt->t, &bt->dkeys[j]));
			bt->dkeys[j].pk = (Datum) 0;	/* processed */
			if (item == NULL)
				continue;
			bytes += VARSIZE(item);
			if (proj)
				item = expr_project(&bt->er.env, proj->paths, proj->npaths, &item->root);
			jb_push_jsonb(&st, item);
		}
		jb_end_array(&st);
	}
	jb_end_object(&st);

	/* keys left over by the 16 MB limit, with their table's parameters */
	jb_ckey(&st, "UnprocessedKeys");
	jb_begin_object(&st);
	for (int i = 0; any_unprocessed && i < ntabs; i++)
	{
		BatchGetTable *bt = &tabs[i];
		int			left = 0;

		for (int j = 0; j < bt->nkeys; j++)
			left += (bt->dkeys[j].pk != (Datum) 0);
		if (left == 0)
			continue;
		jb_key(&st, bt->name.val.string.val, bt->name.val.string.len);
		jb_begin_object(&st);
		{
			JsonbIterator *sit = JsonbIteratorInit(bt->spec->val.binary.data);
			JsonbValue	sk,
						sv;

			while ((r = JsonbIteratorNext(&sit, &sk, true)) != WJB_DONE)
			{
				if (r != WJB_KEY)
					continue;
				JsonbIteratorNext(&sit, &sv, true);
				if (sk.val.string.len == 4 && memcmp(sk.val.string.val, "Keys", 4) == 0)
					continue;
				jb_key(&st, sk.val.string.val, sk.val.string.len);
				jb_push(&st, &sv);
			}
		}
		jb_ckey(&st, "Keys");
		jb_begin_array(&st);
		for (int j = 0; j < bt->nkeys; j++)
			if (bt->dkeys[j].pk != (Datum) 0)
				jb_push(&st, bt->keys[j]);
		jb_end_array(&st);
		jb_end_object(&st);
	}
	jb_end_object(&st);
	if (rcc && strcmp(rcc, "NONE") != 0)
	{
		jb_ckey(&st, "ConsumedCapacity");
		jb_begin_array(&st);
		for (int i = 0; i < ntabs; i++)
		{
			jb_begin_object(&st);
			jb_ckey(&st, "TableName");
			jb_push_cstring(&st, tabs[i].t->name);
			jb_ckey(&st, "CapacityUnits");
			jb_push_numeric_text(&st, psprintf("%g", ops_read_units(0, true) * tabs[i].nkeys));
			jb_end_object(&st);
		}
		jb_end_array(&st);
	}
	return JsonbValueToJsonb(jb_end_object(&st));
}
