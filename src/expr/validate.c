/*-------------------------------------------------------------------------
 * validate.c
 *	  The expressions of one request, checked as DynamoDB checks them.
 *
 * expr_request_read() runs with the request's other field reads (its
 * SerializationExceptions come first).  expr_request_precheck() refuses
 * placeholder maps without expressions; expr_request_validate() runs at
 * the expression step of the operation: the name and value maps, then each
 * expression in DynamoDB's order (Update, Condition, KeyCondition, Filter,
 * Projection) parsed (or found in the cache) and checked, then unused
 * placeholders, names before values.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "errors.h"
#include "expr/eval.h"
#include "jsonb_util.h"

static const ExprType check_order[] = {
	EXPR_TYPE_UPDATE, EXPR_TYPE_CONDITION, EXPR_TYPE_KEY_CONDITION,
	EXPR_TYPE_FILTER, EXPR_TYPE_PROJECTION
};

void
expr_request_read(ExprRequest *r, JsonbContainer *req, const char *const *fields,
				  const ExprType *types, int n)
{
	memset(r, 0, sizeof(ExprRequest));
	r->values_chk.err = DYN_ERR__COUNT;
	for (int i = 0; i < n; i++)
		r->text[types[i]] = jb_get_typed(req, fields[i], JB_STRING);
	r->names = jb_get_typed(req, "ExpressionAttributeNames", JB_STRING_MAP);
	if (r->names)
	{
		JsonbIterator *it = JsonbIteratorInit(r->names->val.binary.data);
		JsonbValue	v;
		JsonbIteratorToken t;

		while ((t = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
			if (t == WJB_VALUE)
				jb_check_kind(&v, JB_STRING);
	}
	r->values = jb_get_typed(req, "ExpressionAttributeValues", JB_AV_MAP);
	if (r->values)
		r->values_canon = JsonbValueToJsonb(attrval_map(r->values, &r->values_chk));
}

bool
expr_request_has(ExprRequest *r, ExprType type)
{
	return r->text[type] != NULL;
}

/* Placeholder maps need an expression that uses them */
void
expr_request_precheck(ExprRequest *r, const char *values_null_suffix)
{
	bool		any = false;
	bool		any_values = false;

	for (int i = 0; i < EXPR_TYPE__COUNT; i++)
	{
		any |= (r->text[i] != NULL);
		any_values |= (r->text[i] != NULL && i != EXPR_TYPE_PROJECTION);
	}
	if (!any && r->names)
		dyn_error(DYN_ERR_EXPR_NAMES_WITHOUT);
	if (!any_values && r->values)
		dyn_error(DYN_ERR_EXPR_VALUES_WITHOUT, values_null_suffix);
}

static bool
map_has(JsonbValue *map, const char *key)
{
	return map && getKeyJsonValueFromContainer(map->val.binary.data, key,
											   strlen(key), NULL) != NULL;
}

/* Every key of a placeholder map is the prefix and [0-9a-zA-Z_]+ */
static void
check_keys(JsonbValue *map, char prefix, DynErrorId err)
{
	JsonbIterator *it = JsonbIteratorInit(map->val.binary.data);
	JsonbValue	k;
	JsonbValue	key = {0};
	JsonbIteratorToken t;

	while ((t = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		bool		ok;

		/* an attribute name may not be empty */
		if (t == WJB_VALUE && prefix == '#' && k.type == jbvString &&
			k.val.string.len == 0)
			dyn_error(DYN_ERR_EXPR_NAMES_EMPTY_NAME,
					  pnstrdup(key.val.string.val, key.val.string.len));
		if (t != WJB_KEY)
			continue;
		key = k;
		ok = k.val.string.len >= 2 && k.val.string.val[0] == prefix;
		for (int i = 1; ok && i < k.val.string.len; i++)
		{
			char		c = k.val.string.val[i];

			ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
				(c >= '0' && c <= '9') || c == '_';
		}
		if (!ok)
			dyn_error(err, pnstrdup(k.val.string.val, k.val.string.len));
	}
}

static int
cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Keys of map that no parsed expression uses, sorted, as "a, b" */
static char *
unused_keys(ExprRequest *r, JsonbValue *map, bool names)
{
	JsonbIterator *it = JsonbIteratorInit(map->val.binary.data);
	JsonbValue	k;
	JsonbIteratorToken t;
	char	  **unused = palloc(sizeof(char *) * JsonContainerSize(map->val.binary.data));
	int			n = 0;
	StringInfoData buf;

	while ((t = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		bool		used = false;
		char	   *key;

		if (t != WJB_KEY)
			continue;
		key = pnstrdup(k.val.string.val, k.val.string.len);
		for (int i = 0; i < EXPR_TYPE__COUNT && !used; i++)
		{
			ListCell   *lc;

			if (r->parsed[i] == NULL)
				continue;
			foreach(lc, names ? r->parsed[i]->name_refs : r->parsed[i]->value_refs)
				if (strcmp(lfirst(lc), key) == 0)
				{
					used = true;
					break;
				}
		}
		if (!used)
			unused[n++] = key;
	}
	if (n == 0)
		return NULL;
	qsort(unused, n, sizeof(char *), cmp_cstr);
	initStringInfo(&buf);
	for (int i = 0; i < n; i++)
		appendStringInfo(&buf, "%s%s", i ? ", " : "", unused[i]);
	return buf.data;
}

/* ---- per-expression semantic checks ---- */

typedef struct Checker
{
	ExprRequest *r;
	ExprType	type;
} Checker;

static const char *
type_name(Checker *ck)
{
	return expr_type_names[ck->type];
}

static void
check_defined(Checker *ck, ExprNode *n)
{
	if (n->kind == EXPR_PATH)
	{
		for (int i = 0; i < n->path->n; i++)
			if (n->path->elems[i].is_ref && !map_has(ck->r->names, n->path->elems[i].name))
				dyn_error(DYN_ERR_EXPR_NAME_UNDEFINED, type_name(ck), n->path->elems[i].name);
	}
	else if (n->kind == EXPR_VALUE)
	{
		if (!map_has(ck->r->values, n->value))
			dyn_error(DYN_ERR_EXPR_VALUE_UNDEFINED, type_name(ck), n->value);
	}
	for (int i = 0; i < n->nargs; i++)
		check_defined(ck, n->args[i]);
}

static void
check_path_defined(Checker *ck, ExprPath *path)
{
	for (int i = 0; i < path->n; i++)
		if (path->elems[i].is_ref && !map_has(ck->r->names, path->elems[i].name))
			dyn_error(DYN_ERR_EXPR_NAME_UNDEFINED, type_name(ck), path->elems[i].name);
}

/* The static type of an operand: a literal's type, N for size(), else NONE */
static AvType
static_type(Checker *ck, ExprNode *n, EVal *val)
{
	if (n->kind == EXPR_VALUE)
	{
		expr_av_to_eval(getKeyJsonValueFromContainer(&ck->r->values_canon->root, n->value,
													 strlen(n->value), NULL), val);
		return val->type;
	}
	if (n->kind == EXPR_FUNC && n->op == EXPR_FN_SIZE)
		return AV_N;
	return AV_NONE;
}

static bool
paths_equal(Checker *ck, ExprNode *a, ExprNode *b)
{
	char	   *x,
			   *y;

	if (a->kind != EXPR_PATH || b->kind != EXPR_PATH)
		return false;
	x = expr_path_text(&ck->r->env, a->path);
	y = expr_path_text(&ck->r->env, b->path);
	return strcmp(x, y) == 0;
}

static void
check_distinct(Checker *ck, ExprNode *n, const char *op, int first, int count)
{
	for (int i = first + 1; i < count; i++)
		if (paths_equal(ck, n->args[first], n->args[i]))
			dyn_error(DYN_ERR_EXPR_NOT_DISTINCT, type_name(ck), op,
					  expr_path_text(&ck->r->env, n->args[first]->path));
}

static void
type_error(Checker *ck, const char *op, AvType t)
{
	dyn_error(DYN_ERR_EXPR_OPERAND_TYPE, type_name(ck), op, attrval_type_names[t]);
}

static bool
orderable(AvType t)
{
	return t == AV_S || t == AV_N || t == AV_B || t == AV_NONE;
}

static const char *const cmp_names[] = {"=", "<>", "<", "<=", ">", ">="};

static char *
render_av(EVal *v)
{
	return psprintf("%s:%.*s", attrval_type_names[v->type], v->v.val.string.len,
					v->v.val.string.val);
}

static void check_condition(Checker *ck, ExprNode *n);

static void
check_function(Checker *ck, ExprNode *n)
{
	const char *fname = expr_func_names[n->op];
	EVal		v;
	AvType		t;

	switch (n->op)
	{
		case EXPR_FN_ATTRIBUTE_EXISTS:
		case EXPR_FN_ATTRIBUTE_NOT_EXISTS:
			if (n->args[0]->kind != EXPR_PATH)
				dyn_error(DYN_ERR_EXPR_REQUIRES_PATH, type_name(ck), fname);
			break;
		case EXPR_FN_ATTRIBUTE_TYPE:
			if (n->args[0]->kind != EXPR_PATH)
				dyn_error(DYN_ERR_EXPR_REQUIRES_PATH, type_name(ck), fname);
			t = static_type(ck, n->args[1], &v);
			if (n->args[1]->kind != EXPR_VALUE || t != AV_S)
				type_error(ck, fname, t == AV_NONE ? AV_M : t);
			if (attrval_type_from_name(v.v.val.string.val, v.v.val.string.len) == AV_NONE)
				dyn_error(DYN_ERR_EXPR_ATTR_TYPE_NAME, type_name(ck),
						  pnstrdup(v.v.val.string.val, v.v.val.string.len));
			break;
		case EXPR_FN_BEGINS_WITH:
			check_distinct(ck, n, fname, 0, 2);
			for (int i = 0; i < 2; i++)
			{
				t = static_type(ck, n->args[i], &v);
				if (t != AV_NONE && t != AV_S && t != AV_B)
					type_error(ck, fname, t);
			}
			break;
		case EXPR_FN_CONTAINS:
			check_distinct(ck, n, fname, 0, 2);
			break;
		case EXPR_FN_SIZE:
			t = static_type(ck, n->args[0], &v);
			if (t == AV_N || t == AV_BOOL || t == AV_NULL)
				type_error(ck, fname, t);
			break;
	}
}

/* Operands of comparisons: only size() may be a function */
static void
check_operand(Checker *ck, ExprNode *n)
{
	if (n->kind == EXPR_FUNC)
		check_function(ck, n);
}

static void
check_condition(Checker *ck, ExprNode *n)
{
	EVal		a,
				b;
	AvType		ta,
				tb;

	check_defined(ck, n);
	switch (n->kind)
	{
		case EXPR_AND:
		case EXPR_OR:
		case EXPR_NOT:
			for (int i = 0; i < n->nargs; i++)
				check_condition(ck, n->args[i]);
			return;
		case EXPR_CMP:
			check_distinct(ck, n, cmp_names[n->op], 0, 2);
			check_operand(ck, n->args[0]);
			check_operand(ck, n->args[1]);
			if (n->op != EXPR_CMP_EQ && n->op != EXPR_CMP_NE)
				for (int i = 0; i < 2; i++)
				{
					ta = static_type(ck, n->args[i], &a);
					if (!orderable(ta))
						type_error(ck, cmp_names[n->op], ta);
				}
			return;
		case EXPR_BETWEEN:
			check_distinct(ck, n, "BETWEEN", 0, 3);
			for (int i = 0; i < 3; i++)
			{
				check_operand(ck, n->args[i]);
				ta = static_type(ck, n->args[i], &a);
				if (!orderable(ta))
					type_error(ck, "BETWEEN", ta);
			}
			ta = static_type(ck, n->args[1], &a);
			tb = static_type(ck, n->args[2], &b);
			if (n->args[1]->kind == EXPR_VALUE && n->args[2]->kind == EXPR_VALUE)
			{
				ExprNode	le;

				if (ta != tb)
					dyn_error(DYN_ERR_EXPR_BETWEEN_TYPES, type_name(ck),
							  render_av(&a), render_av(&b));
				/* lower > upper? evaluate "upper < lower" on literals */
				memset(&le, 0, sizeof(le));
				le.kind = EXPR_CMP;
				le.op = EXPR_CMP_LT;
				le.nargs = 2;
				le.args = (ExprNode *[]) {n->args[2], n->args[1]};
				if (expr_eval_condition(&ck->r->env, &le, NULL))
					dyn_error(DYN_ERR_EXPR_BETWEEN_BOUNDS, type_name(ck),
							  render_av(&a), render_av(&b));
			}
			return;
		case EXPR_IN:
			check_distinct(ck, n, "IN", 0, n->nargs);
			for (int i = 0; i < n->nargs; i++)
				check_operand(ck, n->args[i]);
			return;
		case EXPR_FUNC:
			check_function(ck, n);
			return;
		default:
			return;
	}
}

static const char *
long_type_name(AvType t)
{
	switch (t)
	{
		case AV_S:
			return "STRING";
		case AV_N:
			return "NUMBER";
		case AV_B:
			return "BINARY";
		case AV_BOOL:
			return "BOOLEAN";
		case AV_NULL:
			return "NULL";
		case AV_L:
			return "LIST";
		case AV_M:
			return "MAP";
		default:
			return attrval_type_names[t];
	}
}

static void
check_update_value(Checker *ck, ExprNode *n)
{
	EVal		v;
	AvType		t;

	if (n->kind == EXPR_PLUS || n->kind == EXPR_MINUS)
	{
		for (int i = 0; i < 2; i++)
		{
			check_update_value(ck, n->args[i]);
			t = static_type(ck, n->args[i], &v);
			if (t != AV_NONE && t != AV_N)
				type_error(ck, n->kind == EXPR_PLUS ? "+" : "-", t);
		}
		return;
	}
	if (n->kind != EXPR_FUNC)
		return;
	if (n->op == EXPR_FN_IF_NOT_EXISTS)
	{
		if (n->args[0]->kind != EXPR_PATH)
			dyn_error(DYN_ERR_EXPR_REQUIRES_PATH, type_name(ck), "if_not_exists");
		if (n->args[1]->kind == EXPR_FUNC)
			dyn_error(DYN_ERR_EXPR_FUNC_USE, type_name(ck), expr_func_names[n->args[1]->op]);
	}
	else if (n->op == EXPR_FN_LIST_APPEND)
	{
		for (int i = 0; i < 2; i++)
		{
			if (n->args[i]->kind == EXPR_FUNC && n->args[i]->op != EXPR_FN_IF_NOT_EXISTS)
				dyn_error(DYN_ERR_EXPR_FUNC_USE, type_name(ck), expr_func_names[n->args[i]->op]);
			check_update_value(ck, n->args[i]);
			t = static_type(ck, n->args[i], &v);
			if (t != AV_NONE && t != AV_L)
				type_error(ck, "list_append", t);
		}
	}
}

static void
check_update(Checker *ck, ExprParsed *e)
{
	ExprPath  **paths = expr_update_paths(e);

	for (int i = 0; i < e->nclauses; i++)
		check_path_defined(ck, e->clauses[i].path);
	for (int i = 0; i < e->nclauses; i++)
		if (e->clauses[i].value)
			check_defined(ck, e->clauses[i].value);
	expr_check_paths(&ck->r->env, ck->type, paths, e->nclauses);
	for (int i = 0; i < e->nclauses; i++)
	{
		UpdateClause *c = &e->clauses[i];
		EVal		v;
		AvType		t;

		if (c->action != UPD_ADD && c->action != UPD_DELETE)
			continue;
		t = static_type(ck, c->value, &v);
		if (!(t == AV_SS || t == AV_NS || t == AV_BS || (t == AV_N && c->action == UPD_ADD)))
			dyn_error(DYN_ERR_EXPR_ADD_DELETE_TYPE, c->action == UPD_ADD ? "ADD" : "DELETE",
					  long_type_name(t));
	}
	for (int i = 0; i < e->nclauses; i++)
		if (e->clauses[i].action == UPD_SET)
			check_update_value(ck, e->clauses[i].value);
}

void
expr_request_validate(ExprRequest *r)
{
	char	   *unused;

	if (r->names)
	{
		if (JsonContainerSize(r->names->val.binary.data) == 0)
			dyn_error(DYN_ERR_EXPR_NAMES_EMPTY);
		check_keys(r->names, '#', DYN_ERR_EXPR_NAMES_BAD_KEY);
	}
	if (r->values)
	{
		if (JsonContainerSize(r->values->val.binary.data) == 0)
			dyn_error(DYN_ERR_EXPR_VALUES_EMPTY);
		check_keys(r->values, ':', DYN_ERR_EXPR_VALUES_BAD_KEY);
		if (r->values_chk.err != DYN_ERR__COUNT)
			dyn_error(DYN_ERR_EXPR_EAV_INVALID, r->values_chk.msg,
					  r->values_chk.key ? r->values_chk.key : "");
	}
	r->env.names = r->names ? r->names->val.binary.data : NULL;
	r->env.values = r->values_canon ? &r->values_canon->root : NULL;

	for (int k = 0; k < lengthof(check_order); k++)
	{
		ExprType	type = check_order[k];
		Checker		ck = {r, type};
		ExprParsed *e;

		if (r->text[type] == NULL)
			continue;
		e = r->parsed[type] = expr_cache_get(type, r->text[type]->val.string.val,
											 r->text[type]->val.string.len);
		if (e->cond)
			check_condition(&ck, e->cond);
		if (type == EXPR_TYPE_UPDATE)
			check_update(&ck, e);
		if (type == EXPR_TYPE_PROJECTION)
		{
			for (int i = 0; i < e->npaths; i++)
				check_path_defined(&ck, e->paths[i]);
			expr_check_paths(&r->env, type, e->paths, e->npaths);
		}
	}
	if (r->names && (unused = unused_keys(r, r->names, true)) != NULL)
		dyn_error(DYN_ERR_EXPR_NAMES_UNUSED, unused);
	if (r->values && (unused = unused_keys(r, r->values, false)) != NULL)
		dyn_error(DYN_ERR_EXPR_VALUES_UNUSED, unused);
}
