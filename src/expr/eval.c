/*-------------------------------------------------------------------------
 * eval.c
 *	  Condition and filter evaluation, directly over stored jsonb items.
 *
 * A document path is followed container by container with jsonb's own
 * lookups (binary search for map members, direct access for list
 * elements); nothing is converted.  Comparison rules are DynamoDB's:
 * ordering only between two values of the same scalar type (S by bytes,
 * N as decimals, B as unsigned bytes), "=" only between equal types, "<>"
 * true between different types, sets equal regardless of order.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/base64.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "attrval.h"
#include "errors.h"
#include "expr/eval.h"
#include "jsonb_util.h"
#include "keycodec.h"

/* Type and content of a binary AttributeValue {"T": value} */
void
expr_av_to_eval(const JsonbValue *av, EVal *out)
{
	JsonbIterator *it;
	JsonbValue	k;

	out->type = AV_NONE;
	if (av == NULL || av->type != jbvBinary || !JsonContainerIsObject(av->val.binary.data))
		return;
	it = JsonbIteratorInit(av->val.binary.data);
	if (JsonbIteratorNext(&it, &k, true) != WJB_BEGIN_OBJECT ||
		JsonbIteratorNext(&it, &k, true) != WJB_KEY)
		return;
	out->type = attrval_type_from_name(k.val.string.val, k.val.string.len);
	JsonbIteratorNext(&it, &out->v, true);
}

void
expr_path_name(ExprEnv *env, PathElem *e, char **name, int *len)
{
	if (e->is_ref)
	{
		JsonbValue *v = env->names ?
			getKeyJsonValueFromContainer(env->names, e->name, e->namelen, NULL) : NULL;

		if (v == NULL || v->type != jbvString)
			elog(ERROR, "unresolved expression attribute name %s", e->name);
		*name = v->val.string.val;
		*len = v->val.string.len;
	}
	else
	{
		*name = e->name;
		*len = e->namelen;
	}
}

/* Follow a document path through an item; false when it does not exist */
bool
expr_resolve_path(ExprEnv *env, ExprPath *path, JsonbContainer *item, EVal *out)
{
	JsonbContainer *c = item;
	AvType		ctype = AV_M;

	out->type = AV_NONE;
	if (item == NULL)
		return false;
	for (int i = 0; i < path->n; i++)
	{
		PathElem   *e = &path->elems[i];
		JsonbValue *cur;

		if (e->is_index)
		{
			if (ctype != AV_L)
				goto missing;
			cur = getIthJsonbValueFromContainer(c, e->index);
		}
		else
		{
			char	   *name;
			int			len;

			if (ctype != AV_M)
				goto missing;
			expr_path_name(env, e, &name, &len);
			cur = getKeyJsonValueFromContainer(c, name, len, NULL);
		}
		if (cur == NULL)
			goto missing;
		expr_av_to_eval(cur, out);
		if (out->type == AV_NONE)
			goto missing;
		if (i < path->n - 1)
		{
			if (out->type != AV_M && out->type != AV_L)
				goto missing;
			c = out->v.val.binary.data;
			ctype = out->type;
		}
	}
	return true;

missing:
	out->type = AV_NONE;
	return false;
}

static Numeric
to_numeric(const JsonbValue *v)
{
	char	   *s = pnstrdup(v->val.string.val, v->val.string.len);

	return DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(s),
											   ObjectIdGetDatum(InvalidOid),
											   Int32GetDatum(-1)));
}

static bytea *
to_bytes(const JsonbValue *v)
{
	int			dlen = pg_b64_dec_len(v->val.string.len);
	bytea	   *b = palloc(VARHDRSZ + dlen);
	int			n = pg_b64_decode(v->val.string.val, v->val.string.len, VARDATA(b), dlen);

	SET_VARSIZE(b, VARHDRSZ + Max(n, 0));
	return b;
}

static int
cmp_bytes(const char *a, int alen, const char *b, int blen)
{
	int			c = memcmp(a, b, Min(alen, blen));

	if (c != 0)
		return c;
	return (alen > blen) - (alen < blen);
}

/* Order two scalars of one type; false when they cannot be ordered */
static bool
compare_scalars(EVal *a, EVal *b, int *result)
{
	if (a->type != b->type)
		return false;
	switch (a->type)
	{
		case AV_S:
			*result = cmp_bytes(a->v.val.string.val, a->v.val.string.len,
								b->v.val.string.val, b->v.val.string.len);
			return true;
		case AV_N:
			*result = DatumGetInt32(DirectFunctionCall2(numeric_cmp,
														NumericGetDatum(to_numeric(&a->v)),
														NumericGetDatum(to_numeric(&b->v))));
			return true;
		case AV_B:
			{
				bytea	   *x = to_bytes(&a->v);
				bytea	   *y = to_bytes(&b->v);

				*result = cmp_bytes(VARDATA(x), VARSIZE(x) - VARHDRSZ,
									VARDATA(y), VARSIZE(y) - VARHDRSZ);
				return true;
			}
		default:
			return false;
	}
}

static bool
strings_equal(const JsonbValue *a, const JsonbValue *b)
{
	return a->val.string.len == b->val.string.len &&
		memcmp(a->val.string.val, b->val.string.val, a->val.string.len) == 0;
}

/* Is every member of set a in set b?  (members are canonical strings) */
static bool
set_subset(JsonbContainer *a, JsonbContainer *b)
{
	JsonbIterator *it = JsonbIteratorInit(a);
	JsonbValue	x;
	JsonbIteratorToken r;

	while ((r = JsonbIteratorNext(&it, &x, true)) != WJB_DONE)
	{
		if (r == WJB_ELEM && findJsonbValueFromContainer(b, JB_FARRAY, &x) == NULL)
			return false;
	}
	return true;
}

/* DynamoDB equality: same type and same value, deeply */
bool
expr_equal(EVal *a, EVal *b)
{
	int			c;

	check_stack_depth();
	if (a->type == AV_NONE || b->type == AV_NONE || a->type != b->type)
		return false;
	switch (a->type)
	{
		case AV_S:
		case AV_B:
			return strings_equal(&a->v, &b->v);
		case AV_N:
			return compare_scalars(a, b, &c) && c == 0;
		case AV_BOOL:
			return a->v.val.boolean == b->v.val.boolean;
		case AV_NULL:
			return true;
		case AV_SS:
		case AV_NS:
		case AV_BS:
			return JsonContainerSize(a->v.val.binary.data) == JsonContainerSize(b->v.val.binary.data) &&
				set_subset(a->v.val.binary.data, b->v.val.binary.data);
		case AV_L:
			{
				JsonbContainer *x = a->v.val.binary.data;
				JsonbContainer *y = b->v.val.binary.data;
				uint32		n = JsonContainerSize(x);

				if (n != JsonContainerSize(y))
					return false;
				for (uint32 i = 0; i < n; i++)
				{
					EVal		ea,
								eb;

					expr_av_to_eval(getIthJsonbValueFromContainer(x, i), &ea);
					expr_av_to_eval(getIthJsonbValueFromContainer(y, i), &eb);
					if (!expr_equal(&ea, &eb))
						return false;
				}
				return true;
			}
		case AV_M:
			{
				JsonbContainer *x = a->v.val.binary.data;
				JsonbContainer *y = b->v.val.binary.data;
				JsonbIterator *it;
				JsonbValue	k,
							v;
				JsonbIteratorToken r;

				if (JsonContainerSize(x) != JsonContainerSize(y))
					return false;
				it = JsonbIteratorInit(x);
				while ((r = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
				{
					if (r != WJB_KEY)
						continue;
					JsonbIteratorNext(&it, &v, true);
					{
						JsonbValue *w = getKeyJsonValueFromContainer(y, k.val.string.val,
																	 k.val.string.len, NULL);
						EVal		ea,
									eb;

						if (w == NULL)
							return false;
						expr_av_to_eval(&v, &ea);
						expr_av_to_eval(w, &eb);
						if (!expr_equal(&ea, &eb))
							return false;
					}
				}
				return true;
			}
		default:
			return false;
	}
}

static void
value_ref(ExprEnv *env, const char *name, EVal *out)
{
	JsonbValue *v = env->values ?
		getKeyJsonValueFromContainer(env->values, name, strlen(name), NULL) : NULL;

	if (v == NULL)
		elog(ERROR, "unresolved expression attribute value %s", name);
	expr_av_to_eval(v, out);
}

/* UTF-16 code units of a string in the escaped form (as DynamoDB counts) */
static int64
utf16_length(const char *s, int len)
{
	int			rawlen;
	char	   *raw = keycodec_unescape(s, len, &rawlen);
	int64		n = 0;

	for (int i = 0; i < rawlen; i++)
	{
		unsigned char c = raw[i];

		if ((c & 0xC0) != 0x80)
			n += (c >= 0xF0) ? 2 : 1;	/* a 4-byte sequence is a surrogate pair */
	}
	return n;
}

/* size(): UTF-16 units of S, bytes of B, members of sets, elements of L and M */
static void
eval_size(EVal *arg, EVal *out)
{
	int64		n;

	switch (arg->type)
	{
		case AV_S:
			n = utf16_length(arg->v.val.string.val, arg->v.val.string.len);
			break;
		case AV_B:
			n = VARSIZE(to_bytes(&arg->v)) - VARHDRSZ;
			break;
		case AV_SS:
		case AV_NS:
		case AV_BS:
		case AV_L:
		case AV_M:
			n = JsonContainerSize(arg->v.val.binary.data);
			break;
		default:
			out->type = AV_NONE;
			return;
	}
	out->type = AV_N;
	out->v.type = jbvString;
	out->v.val.string.val = psprintf(INT64_FORMAT, n);
	out->v.val.string.len = strlen(out->v.val.string.val);
}

void
expr_eval_operand(ExprEnv *env, ExprNode *n, JsonbContainer *item, EVal *out)
{
	switch (n->kind)
	{
		case EXPR_PATH:
			expr_resolve_path(env, n->path, item, out);
			return;
		case EXPR_VALUE:
			value_ref(env, n->value, out);
			return;
		case EXPR_FUNC:
			if (n->op == EXPR_FN_SIZE)
			{
				EVal		arg;

				expr_eval_operand(env, n->args[0], item, &arg);
				eval_size(&arg, out);
				return;
			}
			break;
		default:
			break;
	}
	elog(ERROR, "unexpected operand node %d", (int) n->kind);
}

static bool
eval_cmp(int op, EVal *a, EVal *b)
{
	int			c;

	if (op == EXPR_CMP_EQ)
		return expr_equal(a, b);
	if (op == EXPR_CMP_NE)
		return !expr_equal(a, b);
	if (!compare_scalars(a, b, &c))
		return false;
	switch (op)
	{
		case EXPR_CMP_LT:
			return c < 0;
		case EXPR_CMP_LE:
			return c <= 0;
		case EXPR_CMP_GT:
			return c > 0;
		case EXPR_CMP_GE:
			return c >= 0;
	}
	return false;
}

/* Raw bytes of an S (unescaped) or B (decoded) value */
static char *
raw_bytes(EVal *v, int *len)
{
	if (v->type == AV_B)
	{
		bytea	   *b = to_bytes(&v->v);

		*len = VARSIZE(b) - VARHDRSZ;
		return VARDATA(b);
	}
	return keycodec_unescape(v->v.val.string.val, v->v.val.string.len, len);
}

bool
expr_compare(int op, EVal *a, EVal *b)
{
	return eval_cmp(op, a, b);
}

static bool
eval_begins_with(EVal *a, EVal *b)
{
	char	   *x,
			   *y;
	int			xl,
				yl;

	if (a->type != b->type || (a->type != AV_S && a->type != AV_B))
		return false;
	if (a->type == AV_S)	/* the escaped form preserves prefixes */
		return a->v.val.string.len >= b->v.val.string.len &&
			memcmp(a->v.val.string.val, b->v.val.string.val, b->v.val.string.len) == 0;
	x = raw_bytes(a, &xl);
	y = raw_bytes(b, &yl);
	return xl >= yl && memcmp(x, y, yl) == 0;
}

bool
expr_begins_with(EVal *a, EVal *b)
{
	return eval_begins_with(a, b);
}

static bool
eval_contains(EVal *a, EVal *b)
{
	switch (a->type)
	{
		case AV_S:
		case AV_B:
			{
				char	   *x,
						   *y;
				int			xl,
							yl;

				if (b->type != a->type)
					return false;
				x = raw_bytes(a, &xl);
				y = raw_bytes(b, &yl);
				if (yl == 0)
					return true;
				for (int i = 0; i + yl <= xl; i++)
					if (memcmp(x + i, y, yl) == 0)
						return true;
				return false;
			}
		case AV_SS:
		case AV_NS:
		case AV_BS:
			{
				AvType		member = a->type == AV_SS ? AV_S : a->type == AV_NS ? AV_N : AV_B;

				if (b->type != member)
					return false;
				return findJsonbValueFromContainer(a->v.val.binary.data, JB_FARRAY,
												   &b->v) != NULL;
			}
		case AV_L:
			{
				JsonbContainer *c = a->v.val.binary.data;
				uint32		n = JsonContainerSize(c);

				for (uint32 i = 0; i < n; i++)
				{
					EVal		e;

					expr_av_to_eval(getIthJsonbValueFromContainer(c, i), &e);
					if (expr_equal(&e, b))
						return true;
				}
				return false;
			}
		default:
			return false;
	}
}

/* Evaluate a condition over an item (NULL: no item) */
bool
expr_eval_condition(ExprEnv *env, ExprNode *n, JsonbContainer *item)
{
	EVal		a,
				b,
				c;

	check_stack_depth();
	switch (n->kind)
	{
		case EXPR_AND:
			return expr_eval_condition(env, n->args[0], item) &&
				expr_eval_condition(env, n->args[1], item);
		case EXPR_OR:
			return expr_eval_condition(env, n->args[0], item) ||
				expr_eval_condition(env, n->args[1], item);
		case EXPR_NOT:
			return !expr_eval_condition(env, n->args[0], item);
		case EXPR_CMP:
			expr_eval_operand(env, n->args[0], item, &a);
			expr_eval_operand(env, n->args[1], item, &b);
			if (a.type == AV_NONE || b.type == AV_NONE)
				return n->op == EXPR_CMP_NE;	/* missing is <> everything */
			return eval_cmp(n->op, &a, &b);
		case EXPR_BETWEEN:
			expr_eval_operand(env, n->args[0], item, &a);
			expr_eval_operand(env, n->args[1], item, &b);
			expr_eval_operand(env, n->args[2], item, &c);
			return eval_cmp(EXPR_CMP_GE, &a, &b) && eval_cmp(EXPR_CMP_LE, &a, &c);
		case EXPR_IN:
			expr_eval_operand(env, n->args[0], item, &a);
			if (a.type == AV_NONE)
				return false;
			for (int i = 1; i < n->nargs; i++)
			{
				expr_eval_operand(env, n->args[i], item, &b);
				if (expr_equal(&a, &b))
					return true;
			}
			return false;
		case EXPR_FUNC:
			switch (n->op)
			{
				case EXPR_FN_ATTRIBUTE_EXISTS:
					return expr_resolve_path(env, n->args[0]->path, item, &a);
				case EXPR_FN_ATTRIBUTE_NOT_EXISTS:
					return !expr_resolve_path(env, n->args[0]->path, item, &a);
				case EXPR_FN_ATTRIBUTE_TYPE:
					expr_eval_operand(env, n->args[0], item, &a);
					expr_eval_operand(env, n->args[1], item, &b);
					if (a.type == AV_NONE || b.type != AV_S)
						return false;
					return attrval_type_from_name(b.v.val.string.val, b.v.val.string.len) == a.type;
				case EXPR_FN_BEGINS_WITH:
					expr_eval_operand(env, n->args[0], item, &a);
					expr_eval_operand(env, n->args[1], item, &b);
					return eval_begins_with(&a, &b);
				case EXPR_FN_CONTAINS:
					expr_eval_operand(env, n->args[0], item, &a);
					expr_eval_operand(env, n->args[1], item, &b);
					return eval_contains(&a, &b);
			}
			break;
		default:
			break;
	}
	elog(ERROR, "unexpected condition node %d", (int) n->kind);
	return false;
}

/* "#a.b[1]" as DynamoDB prints paths in messages: [a, b, [1]] */
char *
expr_path_text(ExprEnv *env, ExprPath *path)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	for (int i = 0; i < path->n; i++)
	{
		PathElem   *e = &path->elems[i];

		if (i > 0)
			appendStringInfoString(&buf, ", ");
		if (e->is_index)
			appendStringInfo(&buf, "[%d]", e->index);
		else
		{
			char	   *name;
			int			len;

			expr_path_name(env, e, &name, &len);
			appendBinaryStringInfo(&buf, name, len);
		}
	}
	appendStringInfoChar(&buf, ']');
	return buf.data;
}
