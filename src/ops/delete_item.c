/*-------------------------------------------------------------------------
 * delete_item.c
 *	  DeleteItem: remove one item by its full primary key.  Deleting an
 *	  absent item succeeds; ReturnValues ALL_OLD returns what was removed.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "attrval.h"
#include "jsonb_util.h"
#include "ops/ops.h"

static const char *const cond_field[] = {"ConditionExpression"};
static const ExprType cond_type[] = {EXPR_TYPE_CONDITION};

Jsonb *
op_delete_item(Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	DynConstraints c;
	const char *name;
	JsonbValue *keyv = jb_get_typed(req, "Key", JB_AV_MAP);
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
	Jsonb	   *old;
	JsonbParseState *st = NULL;

	expr_request_read(&er, req, cond_field, cond_type, 1);
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

	ops_no_mixing(expected ? "Expected" : "",
				  expr_request_has(&er, EXPR_TYPE_CONDITION) ? "ConditionExpression" : "");
	expr_request_precheck(&er, ": ConditionExpression is null");
	attrval_raise(&chk);
	if (rv && strcmp(rv, "NONE") != 0 && strcmp(rv, "ALL_OLD") != 0)
		dyn_error(DYN_ERR_RETURN_VALUES_PUT_DELETE);
	if (expected)
		ops_not_supported("Expected (use ConditionExpression)");
	expr_request_validate(&er);

	t = catalog_open(name, RowExclusiveLock, false);
	ops_extract_key(t, norm, false, &key);
	if (expr_request_has(&er, EXPR_TYPE_CONDITION))
		ops_lock_and_check(t, &key, &er, rvoccf);
	old = storage_delete(t, &key);

	jb_begin_object(&st);
	if (old && rv && strcmp(rv, "ALL_OLD") == 0)
	{
		jb_ckey(&st, "Attributes");
		jb_push_jsonb(&st, old);
	}
	ops_push_consumed(&st, t, rcc, ops_write_units(old && rcc ? ops_item_size(old) : 0));
	return JsonbValueToJsonb(jb_end_object(&st));
}
