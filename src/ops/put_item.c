/*-------------------------------------------------------------------------
 * put_item.c
 *	  PutItem: write a whole item, replacing any item with its key.
 *
 * Validation order (DynamoDB's): field types (SerializationException),
 * constraints, attribute values, ReturnValues, item size, then the table,
 * then the key.  Without ReturnValues the write is one upsert; with
 * ALL_OLD the row is locked, read and replaced.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "attrval.h"
#include "dynamo_ext.h"
#include "jsonb_util.h"
#include "ops/ops.h"

static const char *const cond_field[] = {"ConditionExpression"};
static const ExprType cond_type[] = {EXPR_TYPE_CONDITION};

Jsonb *
op_put_item(Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	DynConstraints c;
	const char *name;
	JsonbValue *item = jb_get_typed(req, "Item", JB_AV_MAP);
	char	   *rv = jb_get_cstring(req, "ReturnValues");
	char	   *rcc = jb_get_cstring(req, "ReturnConsumedCapacity");
	char	   *ricm = jb_get_cstring(req, "ReturnItemCollectionMetrics");
	char	   *rvoccf = jb_get_cstring(req, "ReturnValuesOnConditionCheckFailure");
	JsonbValue *expected = jb_get_typed(req, "Expected", JB_STRUCT);
	ExprRequest er;
	AvCheck		chk;
	JsonbValue *norm = NULL;
	DynTable   *t;
	DynKey		key;
	Jsonb	   *stored;
	Jsonb	   *old = NULL;
	bool		all_old;
	bool		want_capacity;
	JsonbParseState *st = NULL;

	expr_request_read(&er, req, cond_field, cond_type, 1);
	if (item)
		norm = attrval_map(item, &chk);

	dyn_constraints_init(&c);
	ops_enum(&c, rcc, "returnConsumedCapacity", ops_return_consumed, OPS_RETURN_CONSUMED_SET);
	name = ops_data_table_name(req, &c);
	if (item == NULL)
		dyn_constraint(&c, NULL, "item", DYN_RULE_NOT_NULL);
	ops_enum(&c, rv, "returnValues", ops_return_values, OPS_RETURN_VALUES_SET);
	ops_enum(&c, ricm, "returnItemCollectionMetrics", ops_return_metrics, OPS_RETURN_METRICS_SET);
	ops_enum(&c, rvoccf, "returnValuesOnConditionCheckFailure", ops_rvoccf, OPS_RVOCCF_SET);
	dyn_constraints_raise(&c);

	ops_no_mixing(expected ? "Expected" : "",
				  expr_request_has(&er, EXPR_TYPE_CONDITION) ? "ConditionExpression" : "");
	expr_request_precheck(&er, ": ConditionExpression is null");
	attrval_raise(&chk);
	if (rv && strcmp(rv, "NONE") != 0 && strcmp(rv, "ALL_OLD") != 0)
		dyn_error(DYN_ERR_RETURN_VALUES_PUT_DELETE);
	if (chk.size > DYN_MAX_ITEM_BYTES)
		dyn_error(DYN_ERR_ITEM_TOO_LARGE);
	if (expected)
		ops_not_supported("Expected (use ConditionExpression)");
	expr_request_validate(&er);

	t = catalog_open(name, RowExclusiveLock, false);
	ops_extract_key(t, norm, true, &key);
	stored = JsonbValueToJsonb(norm);

	all_old = rv && strcmp(rv, "ALL_OLD") == 0;
	want_capacity = rcc && strcmp(rcc, "NONE") != 0;
	if (expr_request_has(&er, EXPR_TYPE_CONDITION))
	{
		/* lock, check, write; an insert that loses a race checks again */
		for (;;)
		{
			old = ops_lock_and_check(t, &key, &er, rvoccf);
			if (old)
			{
				storage_update(t, &key, stored);
				break;
			}
			if (storage_insert_new(t, &key, stored))
				break;
		}
	}
	else if (all_old || want_capacity)
		old = storage_put_returning_old(t, &key, stored);
	else
		storage_upsert(t, &key, stored);

	jb_begin_object(&st);
	if (old && all_old)
	{
		jb_ckey(&st, "Attributes");
		jb_push_jsonb(&st, old);
	}
	/* an overwrite costs the larger of the two items */
	ops_push_consumed(&st, t, rcc,
					  ops_write_units(Max(chk.size, old ? ops_item_size(old) : 0)));
	return JsonbValueToJsonb(jb_end_object(&st));
}
