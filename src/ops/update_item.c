/*-------------------------------------------------------------------------
 * update_item.c
 *	  UpdateItem: change an item in place with an UpdateExpression,
 *	  creating it when absent, under an optional ConditionExpression.
 *
 * The row is locked first (SELECT ... FOR UPDATE), so concurrent updates
 * of one item queue up and none is lost; the condition sees the locked
 * row.  ReturnValues UPDATED_OLD / UPDATED_NEW are the written paths
 * projected from the old / new item.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "attrval.h"
#include "dynamo_ext.h"
#include "jsonb_util.h"
#include "ops/ops.h"

static const char *const expr_fields[] = {"UpdateExpression", "ConditionExpression"};
static const ExprType expr_types[] = {EXPR_TYPE_UPDATE, EXPR_TYPE_CONDITION};

/* No action may write a key attribute */
static void
check_key_updates(DynTable *t, ExprRequest *er, ExprParsed *upd)
{
	for (int i = 0; upd && i < upd->nclauses; i++)
	{
		PathElem   *e = &upd->clauses[i].path->elems[0];
		char	   *name;
		int			len;

		expr_path_name(&er->env, e, &name, &len);
		if ((len == t->hash_key_len && memcmp(name, t->hash_key, len) == 0) ||
			(t->range_key && len == t->range_key_len && memcmp(name, t->range_key, len) == 0))
			dyn_error(DYN_ERR_EXPR_KEY_UPDATE, pnstrdup(name, len));
	}
}

static bool
only_removes(ExprParsed *upd)
{
	for (int i = 0; i < upd->nclauses; i++)
		if (upd->clauses[i].action != UPD_REMOVE)
			return false;
	return true;
}

Jsonb *
op_update_item(Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	DynConstraints c;
	const char *name;
	JsonbValue *keyv = jb_get_typed(req, "Key", JB_AV_MAP);
	char	   *rv = jb_get_cstring(req, "ReturnValues");
	char	   *rcc = jb_get_cstring(req, "ReturnConsumedCapacity");
	char	   *ricm = jb_get_cstring(req, "ReturnItemCollectionMetrics");
	char	   *rvoccf = jb_get_cstring(req, "ReturnValuesOnConditionCheckFailure");
	JsonbValue *attribute_updates = jb_get_typed(req, "AttributeUpdates", JB_STRUCT);
	JsonbValue *expected = jb_get_typed(req, "Expected", JB_STRUCT);
	ExprRequest er;
	AvCheck		chk;
	JsonbValue *norm = NULL;
	DynTable   *t;
	DynKey		key;
	Jsonb	   *old;
	Jsonb	   *new_item;
	ExprParsed *upd;
	JsonbParseState *st = NULL;
	StringInfoData legacy,
				exprs;

	expr_request_read(&er, req, expr_fields, expr_types, 2);
	if (keyv)
		norm = attrval_map(keyv, &chk);

	dyn_constraints_init(&c);
	ops_enum(&c, rcc, "returnConsumedCapacity", ops_return_consumed, OPS_RETURN_CONSUMED_SET);
	name = ops_data_table_name(req, &c);
	if (keyv == NULL)
		dyn_constraint(&c, NULL, "key", DYN_RULE_NOT_NULL);
	ops_enum(&c, rv, "returnValues", ops_return_values, OPS_RETURN_VALUES_SET);
	ops_enum(&c, ricm, "returnItemCollectionMetrics", ops_return_metrics, OPS_RETURN_METRICS_SET);
	ops_enum(&c, rvoccf, "returnValuesOnConditionCheckFailure", ops_rvoccf, OPS_RVOCCF_SET);
	dyn_constraints_raise(&c);

	initStringInfo(&legacy);
	initStringInfo(&exprs);
	if (attribute_updates)
		appendStringInfoString(&legacy, "AttributeUpdates");
	if (expected)
		appendStringInfo(&legacy, "%sExpected", legacy.len ? ", " : "");
	if (expr_request_has(&er, EXPR_TYPE_UPDATE))
		appendStringInfoString(&exprs, "UpdateExpression");
	if (expr_request_has(&er, EXPR_TYPE_CONDITION))
		appendStringInfo(&exprs, "%sConditionExpression", exprs.len ? ", " : "");
	ops_no_mixing(legacy.data, exprs.data);
	expr_request_precheck(&er, ": UpdateExpression and ConditionExpression are null");
	attrval_raise(&chk);
	if (attribute_updates || expected)
		ops_not_supported("AttributeUpdates and Expected (use UpdateExpression and ConditionExpression)");
	expr_request_validate(&er);
	upd = er.parsed[EXPR_TYPE_UPDATE];

	t = catalog_open(name, RowExclusiveLock, false);
	ops_extract_key(t, norm, false, &key);
	check_key_updates(t, &er, upd);

	for (;;)
	{
		old = ops_lock_and_check(t, &key, &er, rvoccf);
		if (old == NULL && upd && only_removes(upd))
		{
			new_item = NULL;	/* nothing to remove: no item is created */
			break;
		}
		if (upd)
			new_item = expr_apply_update(&er.env, upd, old, norm);
		else
			new_item = old ? old : JsonbValueToJsonb(norm);
		if (ops_item_size(new_item) > DYN_MAX_ITEM_BYTES)
			dyn_error(DYN_ERR_ITEM_TOO_LARGE_UPDATE);
		if (old)
		{
			storage_update(t, &key, new_item);
			break;
		}
		if (storage_insert_new(t, &key, new_item))
			break;
		/* a concurrent insert won: lock its row and apply to it */
	}

	jb_begin_object(&st);
	if (rv && strcmp(rv, "NONE") != 0)
	{
		Jsonb	   *attrs = NULL;

		if (strcmp(rv, "ALL_OLD") == 0)
			attrs = old;
		else if (strcmp(rv, "ALL_NEW") == 0)
			attrs = new_item;
		else if (upd)
		{
			Jsonb	   *src = strcmp(rv, "UPDATED_OLD") == 0 ? old : new_item;

			if (src)
				attrs = expr_project(&er.env, expr_update_paths(upd), upd->nclauses,
									 &src->root);
		}
		if (attrs && JsonContainerSize(&attrs->root) > 0)
		{
			jb_ckey(&st, "Attributes");
			jb_push_jsonb(&st, attrs);
		}
	}
	if (rcc && strcmp(rcc, "NONE") != 0)
		ops_push_consumed(&st, t, rcc,
						  ops_write_units(Max(new_item ? ops_item_size(new_item) : 0,
											  old ? ops_item_size(old) : 0)));
	return JsonbValueToJsonb(jb_end_object(&st));
}
