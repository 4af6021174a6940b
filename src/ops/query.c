/*-------------------------------------------------------------------------
 * query.c
 *	  Query: the items of one partition, by a KeyConditionExpression.
 *
 * The key condition must be "partition key = :v" and at most one sort-key
 * condition (= < <= > >=, BETWEEN, begins_with); it becomes an index range
 * scan of the backing table's primary key (pk = $1 AND sk <op> ...), read
 * through a cursor in sort-key order, forward or backward.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "attrval.h"
#include "jsonb_util.h"
#include "keycodec.h"
#include "ops/ops.h"

static const char *const expr_fields[] = {
	"KeyConditionExpression", "FilterExpression", "ProjectionExpression"
};
static const ExprType expr_types[] = {
	EXPR_TYPE_KEY_CONDITION, EXPR_TYPE_FILTER, EXPR_TYPE_PROJECTION
};

typedef struct KeyCond
{
	ExprPath   *path;
	DynRangeOp	op;
	ExprNode   *v1;
	ExprNode   *v2;
} KeyCond;

static bool
has_size(ExprNode *n)
{
	if (n->kind == EXPR_FUNC && n->op == EXPR_FN_SIZE)
		return true;
	for (int i = 0; i < n->nargs; i++)
		if (has_size(n->args[i]))
			return true;
	return false;
}

static DynRangeOp
flip(int cmp)
{
	switch (cmp)
	{
		case EXPR_CMP_LT:
			return DYN_RANGE_GT;
		case EXPR_CMP_LE:
			return DYN_RANGE_GE;
		case EXPR_CMP_GT:
			return DYN_RANGE_LT;
		case EXPR_CMP_GE:
			return DYN_RANGE_LE;
		default:
			return DYN_RANGE_EQ;
	}
}

static DynRangeOp
range_op(int cmp)
{
	switch (cmp)
	{
		case EXPR_CMP_LT:
			return DYN_RANGE_LT;
		case EXPR_CMP_LE:
			return DYN_RANGE_LE;
		case EXPR_CMP_GT:
			return DYN_RANGE_GT;
		case EXPR_CMP_GE:
			return DYN_RANGE_GE;
		default:
			return DYN_RANGE_EQ;
	}
}

static void
check_key_path(ExprPath *p)
{
	if (p->n > 1)
		dyn_error(DYN_ERR_KC_NESTED_ATTRS);
}

/* The conditions of a key condition expression, checked for shape */
static void
collect(ExprNode *n, KeyCond *conds, int *nconds)
{
	KeyCond		kc;

	switch (n->kind)
	{
		case EXPR_AND:
			collect(n->args[0], conds, nconds);
			collect(n->args[1], conds, nconds);
			return;
		case EXPR_OR:
			dyn_error(DYN_ERR_KC_INVALID_OPERATOR, "OR");
			break;
		case EXPR_NOT:
			dyn_error(DYN_ERR_KC_INVALID_OPERATOR, "NOT");
			break;
		case EXPR_IN:
			dyn_error(DYN_ERR_KC_INVALID_OPERATOR, "IN");
			break;
		case EXPR_CMP:
			if (n->op == EXPR_CMP_NE)
				dyn_error(DYN_ERR_KC_INVALID_OPERATOR, "<>");
			if (has_size(n))
				dyn_error(DYN_ERR_KC_NESTED_OPERATIONS);
			if (n->args[0]->kind == EXPR_PATH && n->args[1]->kind == EXPR_PATH)
				dyn_error(DYN_ERR_KC_MULTIPLE_NAMES);
			if (n->args[0]->kind != EXPR_PATH && n->args[1]->kind != EXPR_PATH)
				dyn_error(DYN_ERR_KC_NO_KEY);
			if (n->args[0]->kind == EXPR_PATH)
			{
				kc.path = n->args[0]->path;
				kc.op = range_op(n->op);
				kc.v1 = n->args[1];
			}
			else
			{
				kc.path = n->args[1]->path;
				kc.op = flip(n->op);
				kc.v1 = n->args[0];
			}
			kc.v2 = NULL;
			break;
		case EXPR_BETWEEN:
			if (has_size(n))
				dyn_error(DYN_ERR_KC_NESTED_OPERATIONS);
			if (n->args[0]->kind != EXPR_PATH)
				dyn_error(DYN_ERR_KC_FIRST_OPERAND, "BETWEEN");
			if (n->args[1]->kind == EXPR_PATH || n->args[2]->kind == EXPR_PATH)
				dyn_error(DYN_ERR_KC_MULTIPLE_NAMES);
			kc.path = n->args[0]->path;
			kc.op = DYN_RANGE_BETWEEN;
			kc.v1 = n->args[1];
			kc.v2 = n->args[2];
			break;
		case EXPR_FUNC:
			if (n->op == EXPR_FN_SIZE || has_size(n))
				dyn_error(DYN_ERR_KC_NESTED_OPERATIONS);
			if (n->op != EXPR_FN_BEGINS_WITH)
				dyn_error(DYN_ERR_KC_INVALID_OPERATOR, expr_func_names[n->op]);
			if (n->args[0]->kind != EXPR_PATH)
				dyn_error(DYN_ERR_KC_FIRST_OPERAND, "begins_with");
			if (n->args[1]->kind == EXPR_PATH)
				dyn_error(DYN_ERR_KC_MULTIPLE_NAMES);
			kc.path = n->args[0]->path;
			kc.op = DYN_RANGE_BEGINS;
			kc.v1 = n->args[1];
			kc.v2 = NULL;
			break;
		default:
			dyn_error(DYN_ERR_KC_NO_KEY);
	}
	check_key_path(kc.path);
	if (*nconds >= 2)
		dyn_error(DYN_ERR_KC_LENGTH);
	conds[(*nconds)++] = kc;
}

static bool
same_attr(ExprEnv *env, ExprPath *a, ExprPath *b)
{
	char	   *x,
			   *y;
	int			xl,
				yl;

	expr_path_name(env, &a->elems[0], &x, &xl);
	expr_path_name(env, &b->elems[0], &y, &yl);
	return xl == yl && memcmp(x, y, xl) == 0;
}

static bool
path_is(ExprEnv *env, ExprPath *p, const char *name, int len)
{
	char	   *n;
	int			l;

	expr_path_name(env, &p->elems[0], &n, &l);
	return l == len && memcmp(n, name, len) == 0;
}

/* A key condition value as a key column Datum of the right type */
static Datum
cond_value(ExprEnv *env, ExprNode *v, char type)
{
	EVal		e;

	expr_eval_operand(env, v, NULL, &e);
	if (e.type != (type == 'S' ? AV_S : type == 'N' ? AV_N : AV_B))
		dyn_error(DYN_ERR_KC_TYPE);
	return keycodec_key_datum(type, e.v.val.string.val, e.v.val.string.len);
}

/* Does the start key's sort key satisfy the sort-key condition? */
static bool
start_in_range(ExprEnv *env, KeyCond *range, JsonbValue *av)
{
	Jsonb	   *j = JsonbValueToJsonb(av);
	JsonbValue	b;
	EVal		s,
				x,
				y;

	b.type = jbvBinary;
	b.val.binary.data = &j->root;
	b.val.binary.len = VARSIZE(j) - VARHDRSZ;
	expr_av_to_eval(&b, &s);
	expr_eval_operand(env, range->v1, NULL, &x);
	switch (range->op)
	{
		case DYN_RANGE_EQ:
			return expr_compare(EXPR_CMP_EQ, &s, &x);
		case DYN_RANGE_LT:
			return expr_compare(EXPR_CMP_LT, &s, &x);
		case DYN_RANGE_LE:
			return expr_compare(EXPR_CMP_LE, &s, &x);
		case DYN_RANGE_GT:
			return expr_compare(EXPR_CMP_GT, &s, &x);
		case DYN_RANGE_GE:
			return expr_compare(EXPR_CMP_GE, &s, &x);
		case DYN_RANGE_BETWEEN:
			expr_eval_operand(env, range->v2, NULL, &y);
			return expr_compare(EXPR_CMP_GE, &s, &x) && expr_compare(EXPR_CMP_LE, &s, &y);
		case DYN_RANGE_BEGINS:
			return expr_begins_with(&s, &x);
		default:
			return true;
	}
}

/* Does any path of a filter start at a key attribute? */
static void
check_filter_keys(ExprEnv *env, const char *hk, const char *rk, ExprNode *n)
{
	if (n->kind == EXPR_PATH)
	{
		if (path_is(env, n->path, hk, strlen(hk)))
			dyn_error(DYN_ERR_FILTER_ON_KEY, hk);
		if (rk && path_is(env, n->path, rk, strlen(rk)))
			dyn_error(DYN_ERR_FILTER_ON_KEY, rk);
	}
	for (int i = 0; i < n->nargs; i++)
		check_filter_keys(env, hk, rk, n->args[i]);
}

Jsonb *
op_query(Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	DynConstraints c;
	const char *name;
	char	   *index = jb_get_cstring(req, "IndexName");
	JsonbValue *limitv = jb_get_typed(req, "Limit", JB_INTEGER);
	JsonbValue *forwardv = jb_get_typed(req, "ScanIndexForward", JB_BOOLEAN);
	JsonbValue *consistent = jb_get_typed(req, "ConsistentRead", JB_BOOLEAN);
	JsonbValue *esk = jb_get_typed(req, "ExclusiveStartKey", JB_AV_MAP);
	char	   *rcc = jb_get_cstring(req, "ReturnConsumedCapacity");
	JsonbValue *legacy_kc = jb_get(req, "KeyConditions");
	JsonbValue *legacy_qf = jb_get(req, "QueryFilter");
	JsonbValue *legacy_atg = jb_get(req, "AttributesToGet");
	const char *select;
	ExprRequest er;
	AvCheck		esk_chk;
	KeyCond		conds[2];
	int			nconds = 0;
	KeyCond    *hash = NULL,
			   *range = NULL;
	DynTable   *t;
	DynKey		start;
	JsonbValue *start_map;
	PageSpec	ps;
	DynCursor	cur;
	Datum		pk,
				v1 = (Datum) 0,
				v2 = (Datum) 0;
	bool		forward = forwardv == NULL || forwardv->val.boolean;
	int64		limit;
	DynIndex   *ix;
	const char *hk,
			   *rk;
	char		ht,
				rt;
	Datum		start_range = (Datum) 0;

	expr_request_read(&er, req, expr_fields, expr_types, 3);

	dyn_constraints_init(&c);
	ops_enum(&c, rcc, "returnConsumedCapacity", ops_return_consumed, OPS_RETURN_CONSUMED_SET);
	name = ops_data_table_name(req, &c);
	if (limitv && (!jb_number_int64(limitv, &limit) || limit < 1))
		dyn_constraint(&c, jb_number_text(limitv), "limit", DYN_RULE_VALUE_MIN, 1);
	ops_read_select(req, &c, &select);
	dyn_constraints_raise(&c);

	if (legacy_kc || legacy_qf || legacy_atg)
		ops_not_supported("KeyConditions, QueryFilter and AttributesToGet (use expressions)");
	expr_request_precheck(&er, ": FilterExpression and KeyConditionExpression are null");
	if (!expr_request_has(&er, EXPR_TYPE_KEY_CONDITION))
		dyn_error(DYN_ERR_KC_REQUIRED);
	expr_request_validate(&er);
	collect(er.parsed[EXPR_TYPE_KEY_CONDITION]->cond, conds, &nconds);
	if (nconds == 2 && same_attr(&er.env, conds[0].path, conds[1].path))
		dyn_error(DYN_ERR_KC_ONE_PER_KEY);
	ops_check_select(select, &er, index != NULL, true);

	t = catalog_open(name, AccessShareLock, false);
	ix = ops_open_index(t, index, consistent, select);
	hk = ix ? ix->hash_key : t->hash_key;
	ht = ix ? ix->hash_type : t->hash_type;
	rk = ix ? ix->range_key : t->range_key;
	rt = ix ? ix->range_type : t->range_type;

	/* the key condition against the (index's) key schema */
	if (!rk && nconds == 2)
		dyn_error(DYN_ERR_KC_NOT_SUPPORTED);
	for (int i = 0; i < nconds; i++)
	{
		if (path_is(&er.env, conds[i].path, hk, strlen(hk)))
			hash = &conds[i];
		else if (rk && path_is(&er.env, conds[i].path, rk, strlen(rk)))
			range = &conds[i];
	}
	if (hash == NULL)
		dyn_error(DYN_ERR_KC_MISSED, hk);
	if (nconds == 2 && range == NULL)
		dyn_error(DYN_ERR_KC_MISSED, rk);
	if (hash->op != DYN_RANGE_EQ)
		dyn_error(DYN_ERR_KC_NOT_SUPPORTED);
	pk = cond_value(&er.env, hash->v1, ht);
	if (range)
	{
		v1 = cond_value(&er.env, range->v1, rt);
		if (range->v2)
			v2 = cond_value(&er.env, range->v2, rt);
		if (range->op == DYN_RANGE_BEGINS && rt == 'N')
			dyn_error(DYN_ERR_EXPR_OPERAND_TYPE, "KeyConditionExpression", "begins_with", "N");
	}

	start_map = ops_start_key(t, ix, esk, &esk_chk, &start, &start_range, true);
	if (start_map)
	{
		JsonbValue *a;
		EVal		x;

		if (!ix && (!t->range_key || (range && range->op == DYN_RANGE_EQ)))
			dyn_error(DYN_ERR_START_KEY_ONE_ROW);
		/* canonical key values are equal iff their texts are */
		attrval_type(attrval_find(start_map, hk, strlen(hk)), &a);
		expr_eval_operand(&er.env, hash->v1, NULL, &x);
		if (a->val.string.len != x.v.val.string.len ||
			memcmp(a->val.string.val, x.v.val.string.val, x.v.val.string.len) != 0)
			dyn_error(DYN_ERR_START_KEY_OUTSIDE);
		if (range && !start_in_range(&er.env, range, attrval_find(start_map, rk, strlen(rk))))
			dyn_error(DYN_ERR_START_KEY_RANGE);
	}
	if (er.parsed[EXPR_TYPE_FILTER])
	{
		check_filter_keys(&er.env, t->hash_key, t->range_key, er.parsed[EXPR_TYPE_FILTER]->cond);
		if (ix)
			check_filter_keys(&er.env, ix->hash_key, ix->range_key,
							  er.parsed[EXPR_TYPE_FILTER]->cond);
	}

	ops_page_spec(&ps, t, ix, &er, limitv, select, rcc, consistent);
	if (ix)
		storage_index_query_open(&cur, t, ix, pk, range ? range->op : DYN_RANGE_NONE, v1, v2,
								 forward, start_map ? &start : NULL, start_range);
	else
		storage_query_open(&cur, t, pk, range ? range->op : DYN_RANGE_NONE, v1, v2, forward,
						   start_map ? &start.sk : NULL);
	return ops_run_page(&ps, &cur);
}
