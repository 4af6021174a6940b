/*-------------------------------------------------------------------------
 * write.c
 *	  One item write in three steps: prepare, lock and check, apply.
 *
 * write_prepare validates a PutItem, UpdateItem or DeleteItem request (or
 * a transaction's ConditionCheck) in DynamoDB's order, opens the table and
 * takes the key.  write_lock_check locks the item's row (SELECT ... FOR
 * UPDATE; an absent item locks nothing) and evaluates the condition on
 * what it found.  write_apply writes; it returns false when an insert lost
 * a race to a concurrent insert of the same key, and the caller locks
 * again (the row now exists) and re-checks.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "attrval.h"
#include "dynamo_ext.h"
#include "jsonb_util.h"
#include "index/index.h"
#include "migrate/migrate.h"
#include "ops/write.h"
#include "utils/builtins.h"
#include "wire.h"

static const char *const field_names[] = {"UpdateExpression", "ConditionExpression",
"FilterExpression"};
static const ExprType field_types[] = {EXPR_TYPE_UPDATE, EXPR_TYPE_CONDITION, EXPR_TYPE_FILTER};

/* No action may write a key attribute */
static void
check_key_updates(DynWrite *w, ExprParsed *upd)
{
	DynTable   *t = w->t;

	for (int i = 0; upd && i < upd->nclauses; i++)
	{
		char	   *name;
		int			len;

		expr_path_name(&w->er.env, &upd->clauses[i].path->elems[0], &name, &len);
		if ((len == t->hash_key_len && memcmp(name, t->hash_key, len) == 0) ||
			(t->range_key && len == t->range_key_len && memcmp(name, t->range_key, len) == 0))
			dyn_error(DYN_ERR_EXPR_KEY_UPDATE, pnstrdup(name, len));
	}
}

/* table oid, then the canonical key values: a total order on items */
static void
make_sort_key(DynWrite *w)
{
	StringInfoData buf;
	JsonbValue *v;

	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, (char *) &w->t->relid, sizeof(Oid));
	for (int i = 0; i < (w->t->range_key ? 2 : 1); i++)
	{
		const char *name = i ? w->t->range_key : w->t->hash_key;
		int			len = i ? w->t->range_key_len : w->t->hash_key_len;
		int32		vlen;

		attrval_type(attrval_find(w->norm, name, len), &v);
		vlen = v->val.string.len;
		appendBinaryStringInfo(&buf, (char *) &vlen, sizeof(int32));
		appendBinaryStringInfo(&buf, v->val.string.val, vlen);
	}
	w->sort_key = buf.data;
	w->sort_len = buf.len;
}

void
write_prepare(DynWrite *w, WriteKind kind, JsonbContainer *req)
{
	write_prepare_in(w, kind, req, WRITE_SINGLE, "");
}

/* Validate a write; path prefixes the fields in constraint messages */
void
write_prepare_in(DynWrite *w, WriteKind kind, JsonbContainer *req, WriteMode mode,
				 const char *path)
{
	DynConstraints c;
	const char *name;
	JsonbValue *map = jb_get_typed(req, kind == WRITE_PUT ? "Item" : "Key", JB_AV_MAP);
	const char *ricm;
	JsonbValue *expected;
	JsonbValue *attribute_updates = NULL;
	AvCheck		chk;
	StringInfoData legacy,
				exprs;

	memset(w, 0, sizeof(DynWrite));
	w->kind = kind;
	w->rv = jb_get_cstring(req, "ReturnValues");
	w->rcc = jb_get_cstring(req, "ReturnConsumedCapacity");
	ricm = jb_get_cstring(req, "ReturnItemCollectionMetrics");
	w->rvoccf = jb_get_cstring(req, "ReturnValuesOnConditionCheckFailure");
	expected = jb_get_typed(req, "Expected", JB_STRUCT);
	if (kind == WRITE_UPDATE)
	{
		attribute_updates = jb_get_typed(req, "AttributeUpdates", JB_STRUCT);
		expr_request_read(&w->er, req, field_names, field_types, mode == WRITE_BULK ? 3 : 2);
	}
	else
		expr_request_read(&w->er, req, field_names + 1, field_types + 1, 1);
	chk.err = DYN_ERR__COUNT;
	if (map)
		w->norm = attrval_map(map, &chk);

	dyn_constraints_init(&c);
	ops_enum(&c, w->rcc, "returnConsumedCapacity", ops_return_consumed, OPS_RETURN_CONSUMED_SET);
	if (mode == WRITE_BATCH)
		name = jb_get_cstring(req, "TableName");
	else
	{
		char	   *n = jb_get_cstring(req, "TableName");

		if (n == NULL)
			dyn_constraint(&c, NULL, psprintf("%stableName", path), DYN_RULE_NOT_NULL);
		else
			ops_table_name_constraints(&c, n, psprintf("%stableName", path));
		name = n;
	}
	if (map == NULL && mode != WRITE_BULK)
		dyn_constraint(&c, NULL, psprintf("%s%s", path, kind == WRITE_PUT ? "item" : "key"),
					   DYN_RULE_NOT_NULL);
	if (mode == WRITE_BULK && !expr_request_has(&w->er, EXPR_TYPE_UPDATE))
		dyn_constraint(&c, NULL, "updateExpression", DYN_RULE_NOT_NULL);
	if (mode == WRITE_TXN && kind == WRITE_UPDATE && !expr_request_has(&w->er, EXPR_TYPE_UPDATE))
		dyn_constraint(&c, NULL, psprintf("%supdateExpression", path), DYN_RULE_NOT_NULL);
	if (mode == WRITE_TXN && kind == WRITE_CHECK && !expr_request_has(&w->er, EXPR_TYPE_CONDITION))
		dyn_constraint(&c, NULL, psprintf("%sconditionExpression", path), DYN_RULE_NOT_NULL);
	ops_enum(&c, w->rv, "returnValues", ops_return_values, OPS_RETURN_VALUES_SET);
	ops_enum(&c, ricm, "returnItemCollectionMetrics", ops_return_metrics, OPS_RETURN_METRICS_SET);
	ops_enum(&c, w->rvoccf, psprintf("%sreturnValuesOnConditionCheckFailure", path),
			 ops_rvoccf, OPS_RVOCCF_SET);
	dyn_constraints_raise(&c);

	initStringInfo(&legacy);
	initStringInfo(&exprs);
	if (attribute_updates)
		appendStringInfoString(&legacy, "AttributeUpdates");
	if (expected)
		appendStringInfo(&legacy, "%sExpected", legacy.len ? ", " : "");
	if (expr_request_has(&w->er, EXPR_TYPE_UPDATE))
		appendStringInfoString(&exprs, "UpdateExpression");
	if (expr_request_has(&w->er, EXPR_TYPE_CONDITION))
		appendStringInfo(&exprs, "%sConditionExpression", exprs.len ? ", " : "");
	ops_no_mixing(legacy.data, exprs.data);
	expr_request_precheck(&w->er, kind == WRITE_UPDATE ?
						  ": UpdateExpression and ConditionExpression are null" :
						  ": ConditionExpression is null");
	attrval_raise(&chk);
	if ((kind == WRITE_PUT || kind == WRITE_DELETE) && w->rv &&
		strcmp(w->rv, "NONE") != 0 && strcmp(w->rv, "ALL_OLD") != 0)
		dyn_error(DYN_ERR_RETURN_VALUES_PUT_DELETE);
	if (kind == WRITE_PUT && chk.size > DYN_MAX_ITEM_BYTES)
		dyn_error(DYN_ERR_ITEM_TOO_LARGE);
	if (expected || attribute_updates)
		ops_not_supported("Expected and AttributeUpdates (use ConditionExpression and UpdateExpression)");
	expr_request_validate(&w->er);

	w->t = catalog_open(name, RowExclusiveLock, false);
	if (mode == WRITE_BULK)
	{
		check_key_updates(w, w->er.parsed[EXPR_TYPE_UPDATE]);
		return;					/* keys come item by item: write_set_key */
	}
	if (mode == WRITE_SINGLE)
		ops_extract_key(w->t, w->norm, kind == WRITE_PUT, &w->key);
	else
	{
		/*
		 * In a batch a key fault is "does not match the schema"; in a
		 * transaction it cancels it, reported as a ValidationError reason.
		 */
		char	   *msg = ops_key_fault(w->t, w->norm, kind == WRITE_PUT, &w->key);

		if (msg && mode == WRITE_BATCH)
			dyn_error(DYN_ERR_KEY_SCHEMA_MISMATCH);
		if (msg)
		{
			w->key_error = msg;
			return;
		}
	}
	if (kind == WRITE_UPDATE)
		check_key_updates(w, w->er.parsed[EXPR_TYPE_UPDATE]);
	if (kind == WRITE_PUT)
	{
		w->item = upgrade_item(w->t, JsonbValueToJsonb(w->norm));
		w->size = chk.size;
		index_check_item(w->t, w->item, NULL, NULL);
	}
	make_sort_key(w);
}

/* Aim a prepared bulk write at one stored item */
void
write_set_key(DynWrite *w, Jsonb *item)
{
	JsonbParseState *st = NULL;
	DynTable   *t = w->t;

	jb_begin_object(&st);
	for (int i = 0; i < (t->range_key ? 2 : 1); i++)
	{
		const char *name = i ? t->range_key : t->hash_key;
		JsonbValue *v = getKeyJsonValueFromContainer(&item->root, name, strlen(name), NULL);

		jb_ckey(&st, name);
		jb_push(&st, v);
	}
	w->norm = jb_end_object(&st);
	/* stored keys are canonical: re-read them as such */
	{
		Jsonb	   *k = JsonbValueToJsonb(w->norm);
		JsonbValue	b;
		AvCheck		chk;

		b.type = jbvBinary;
		b.val.binary.data = &k->root;
		b.val.binary.len = VARSIZE(k) - VARHDRSZ;
		w->norm = attrval_map(&b, &chk);
	}
	ops_extract_key(t, w->norm, false, &w->key);
	w->old = NULL;
	w->new_item = NULL;
}

bool
write_has_condition(DynWrite *w)
{
	return w->er.parsed[EXPR_TYPE_CONDITION] != NULL;
}

/* Lock the item's row and evaluate the condition on it */
bool
write_lock_check(DynWrite *w)
{
	return write_check_locked(w, upgrade_item(w->t, storage_lock(w->t, &w->key)));
}

/*
 * The same for an item whose row the caller has already locked and read
 * (a bulk job's batch, read FOR UPDATE and upgraded): no second lookup.
 */
bool
write_check_locked(DynWrite *w, Jsonb *locked)
{
	ExprParsed *cond = w->er.parsed[EXPR_TYPE_CONDITION];

	w->old = locked;
	return cond == NULL ||
		expr_eval_condition(&w->er.env, cond->cond, w->old ? &w->old->root : NULL);
}

/* ConditionalCheckFailedException, with the old item when asked for */
void
write_condition_failed(DynWrite *w)
{
	char	   *detail = NULL;

	if (w->old && w->rvoccf && strcmp(w->rvoccf, "ALL_OLD") == 0)
	{
		JsonbParseState *st = NULL;

		jb_begin_object(&st);
		jb_ckey(&st, "Item");
		jb_push_jsonb(&st, w->old);
		detail = text_to_cstring(wire_jsonb_to_text(JsonbValueToJsonb(jb_end_object(&st))));
	}
	dyn_error_detail(DYN_ERR_CONDITION_FAILED, detail);
}

static bool
only_removes(ExprParsed *upd)
{
	for (int i = 0; i < upd->nclauses; i++)
		if (upd->clauses[i].action != UPD_REMOVE)
			return false;
	return true;
}

/* Write, after write_lock_check; false when an insert lost a race */
bool
write_apply(DynWrite *w)
{
	switch (w->kind)
	{
		case WRITE_PUT:
			w->new_item = w->item;
			break;
		case WRITE_DELETE:
			if (w->old)
			{
				storage_delete(w->t, &w->key);
				move_sync(w->t, w->old, NULL);
			}
			return true;
		case WRITE_CHECK:
			return true;
		case WRITE_UPDATE:
			{
				ExprParsed *upd = w->er.parsed[EXPR_TYPE_UPDATE];

				if (w->old == NULL && upd && only_removes(upd))
				{
					w->new_item = NULL;	/* nothing to remove: nothing created */
					return true;
				}
				if (upd)
					w->new_item = expr_apply_update(&w->er.env, upd, w->old, w->norm);
				else
					w->new_item = w->old ? w->old : JsonbValueToJsonb(w->norm);
				if (ops_item_size(w->new_item) > DYN_MAX_ITEM_BYTES)
					dyn_error(DYN_ERR_ITEM_TOO_LARGE_UPDATE);
				index_check_item(w->t, w->new_item, &w->er.env, upd);
				break;
			}
	}
	if (w->old)
		storage_update(w->t, &w->key, w->new_item);
	else if (!storage_insert_new(w->t, &w->key, w->new_item))
		return false;
	move_sync(w->t, w->old, w->new_item);	/* a live move's dual write */
	return true;
}

/* Lock, check, apply; again after a lost insert race (the row now exists) */
void
write_run(DynWrite *w)
{
	for (int attempt = 0;; attempt++)
	{
		if (!write_lock_check(w))
			write_condition_failed(w);
		if (write_apply(w))
			return;
		if (attempt >= 100)
			elog(ERROR, "could not write item: concurrent inserts keep winning");
	}
}
