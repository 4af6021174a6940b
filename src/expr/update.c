/*-------------------------------------------------------------------------
 * update.c
 *	  UpdateExpression (SET, REMOVE, ADD, DELETE) and ProjectionExpression
 *	  over items.
 *
 * An item to change or project is held as a tree of DNodes that expands
 * lazily: a node keeps the stored binary AttributeValue until a path goes
 * into it, so untouched attributes are copied as they are.  As in
 * DynamoDB, every SET operand is evaluated against the item as it was
 * before the update; REMOVEs of list elements use the original positions.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "attrval.h"
#include "errors.h"
#include "expr/eval.h"
#include "jsonb_util.h"

typedef struct DNode
{
	AvType		type;
	JsonbValue *orig;			/* binary AV not yet expanded, or NULL */
	JsonbValue	scalar;			/* S, N, B (string); BOOL, NULL (bool) */
	int			n;
	int			cap;
	JsonbValue *members;		/* SS, NS, BS */
	char	  **names;			/* M */
	int		   *namelens;
	int		   *idx;			/* L in projections: original positions */
	struct DNode **kids;		/* M, L */
} DNode;

static DNode *
dnode_new(AvType type)
{
	DNode	   *d = palloc0(sizeof(DNode));

	d->type = type;
	return d;
}

static DNode *
dnode_from_av(JsonbValue *av)
{
	EVal		e;
	DNode	   *d;

	expr_av_to_eval(av, &e);
	d = dnode_new(e.type);
	d->orig = av;
	return d;
}

static void
dnode_grow(DNode *d)
{
	if (d->n < d->cap)
		return;
	d->cap = d->cap ? d->cap * 2 : 8;
	d->kids = d->kids ? repalloc(d->kids, sizeof(DNode *) * d->cap) : palloc(sizeof(DNode *) * d->cap);
	d->names = d->names ? repalloc(d->names, sizeof(char *) * d->cap) : palloc(sizeof(char *) * d->cap);
	d->namelens = d->namelens ? repalloc(d->namelens, sizeof(int) * d->cap) : palloc(sizeof(int) * d->cap);
	d->idx = d->idx ? repalloc(d->idx, sizeof(int) * d->cap) : palloc(sizeof(int) * d->cap);
	d->members = d->members ? repalloc(d->members, sizeof(JsonbValue) * d->cap) : palloc(sizeof(JsonbValue) * d->cap);
}

/* Open up a node read from storage so that it can be changed */
static void
dnode_expand(DNode *d)
{
	EVal		e;
	JsonbIterator *it;
	JsonbValue	k,
				v;
	JsonbIteratorToken r;

	if (d->orig == NULL)
		return;
	expr_av_to_eval(d->orig, &e);
	d->orig = NULL;
	switch (e.type)
	{
		case AV_S:
		case AV_N:
		case AV_B:
		case AV_BOOL:
		case AV_NULL:
			d->scalar = e.v;
			break;
		case AV_M:
			it = JsonbIteratorInit(e.v.val.binary.data);
			while ((r = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
			{
				if (r != WJB_KEY)
					continue;
				JsonbIteratorNext(&it, &v, true);
				dnode_grow(d);
				d->names[d->n] = k.val.string.val;
				d->namelens[d->n] = k.val.string.len;
				d->kids[d->n] = dnode_from_av(memcpy(palloc(sizeof(JsonbValue)), &v, sizeof(JsonbValue)));
				d->n++;
			}
			break;
		case AV_L:
		case AV_SS:
		case AV_NS:
		case AV_BS:
			it = JsonbIteratorInit(e.v.val.binary.data);
			while ((r = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
			{
				if (r != WJB_ELEM)
					continue;
				dnode_grow(d);
				if (e.type == AV_L)
				{
					d->kids[d->n] = dnode_from_av(memcpy(palloc(sizeof(JsonbValue)), &v, sizeof(JsonbValue)));
					d->idx[d->n] = d->n;
				}
				else
					d->members[d->n] = v;
				d->n++;
			}
			break;
		case AV_NONE:
			break;
	}
}

/* The root of an item: a map of attributes */
static DNode *
dnode_item(JsonbContainer *item)
{
	DNode	   *d = dnode_new(AV_M);
	JsonbIterator *it;
	JsonbValue	k,
				v;
	JsonbIteratorToken r;

	if (item == NULL)
		return d;
	it = JsonbIteratorInit(item);
	while ((r = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		if (r != WJB_KEY)
			continue;
		JsonbIteratorNext(&it, &v, true);
		dnode_grow(d);
		d->names[d->n] = k.val.string.val;
		d->namelens[d->n] = k.val.string.len;
		d->kids[d->n] = dnode_from_av(memcpy(palloc(sizeof(JsonbValue)), &v, sizeof(JsonbValue)));
		d->n++;
	}
	return d;
}

static int
dnode_find(DNode *d, const char *name, int len)
{
	for (int i = 0; i < d->n; i++)
		if (d->namelens[i] == len && memcmp(d->names[i], name, len) == 0)
			return i;
	return -1;
}

static void
dnode_put(DNode *d, const char *name, int len, DNode *kid)
{
	int			i = dnode_find(d, name, len);

	if (i >= 0)
	{
		d->kids[i] = kid;
		return;
	}
	dnode_grow(d);
	d->names[d->n] = (char *) name;
	d->namelens[d->n] = len;
	d->kids[d->n] = kid;
	d->n++;
}

static void
dnode_remove_at(DNode *d, int i)
{
	for (int j = i; j < d->n - 1; j++)
	{
		d->kids[j] = d->kids[j + 1];
		d->names[j] = d->names[j + 1];
		d->namelens[j] = d->namelens[j + 1];
		d->idx[j] = d->idx[j + 1];
		d->members[j] = d->members[j + 1];
	}
	d->n--;
}

static DNode *
dnode_from_eval(EVal *e)
{
	DNode	   *d = dnode_new(e->type);

	if (e->type == AV_M || e->type == AV_L || e->type == AV_SS ||
		e->type == AV_NS || e->type == AV_BS)
	{
		/* wrap the container as a binary AV and expand it lazily */
		JsonbParseState *st = NULL;
		Jsonb	   *j;
		JsonbValue *av = palloc(sizeof(JsonbValue));

		jb_begin_object(&st);
		jb_ckey(&st, attrval_type_names[e->type]);
		jb_push(&st, &e->v);
		j = JsonbValueToJsonb(jb_end_object(&st));
		av->type = jbvBinary;
		av->val.binary.data = &j->root;
		av->val.binary.len = VARSIZE(j) - VARHDRSZ;
		d->orig = av;
	}
	else
		d->scalar = e->v;
	return d;
}

static void dnode_emit(JsonbParseState **st, DNode *d);

static void
dnode_emit_value(JsonbParseState **st, DNode *d)
{
	switch (d->type)
	{
		case AV_S:
		case AV_N:
		case AV_B:
		case AV_BOOL:
			jb_push(st, &d->scalar);
			break;
		case AV_NULL:
			jb_push_bool(st, true);
			break;
		case AV_SS:
		case AV_NS:
		case AV_BS:
			jb_begin_array(st);
			for (int i = 0; i < d->n; i++)
				jb_push(st, &d->members[i]);
			jb_end_array(st);
			break;
		case AV_L:
			jb_begin_array(st);
			for (int i = 0; i < d->n; i++)
				dnode_emit(st, d->kids[i]);
			jb_end_array(st);
			break;
		case AV_M:
			jb_begin_object(st);
			for (int i = 0; i < d->n; i++)
			{
				jb_key(st, d->names[i], d->namelens[i]);
				dnode_emit(st, d->kids[i]);
			}
			jb_end_object(st);
			break;
		case AV_NONE:
			elog(ERROR, "cannot emit an empty value");
	}
}

static void
dnode_emit(JsonbParseState **st, DNode *d)
{
	check_stack_depth();
	if (d->orig)
	{
		jb_push(st, d->orig);
		return;
	}
	jb_begin_object(st);
	jb_ckey(st, attrval_type_names[d->type]);
	dnode_emit_value(st, d);
	jb_end_object(st);
}

/* An item (the root map) as jsonb */
static Jsonb *
dnode_item_jsonb(DNode *root)
{
	JsonbParseState *st = NULL;
	JsonbValue *res;

	jb_begin_object(&st);
	for (int i = 0; i < root->n; i++)
	{
		jb_key(&st, root->names[i], root->namelens[i]);
		dnode_emit(&st, root->kids[i]);
	}
	res = jb_end_object(&st);
	return JsonbValueToJsonb(res);
}

/* ---- path checks ---- */

static bool
elems_equal(ExprEnv *env, PathElem *a, PathElem *b)
{
	char	   *x,
			   *y;
	int			xl,
				yl;

	if (a->is_index != b->is_index)
		return false;
	if (a->is_index)
		return a->index == b->index;
	expr_path_name(env, a, &x, &xl);
	expr_path_name(env, b, &y, &yl);
	return xl == yl && memcmp(x, y, xl) == 0;
}

/*
 * No path may overlap (be a prefix of) or conflict with another; an
 * overlap anywhere is reported before any conflict, path one being the
 * earlier path.
 */
void
expr_check_paths(ExprEnv *env, ExprType type, ExprPath **paths, int n)
{
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < n; i++)
			for (int j = 0; j < i; j++)
			{
				ExprPath   *a = paths[j];
				ExprPath   *b = paths[i];
				int			m = Min(a->n, b->n);
				int			k;

				for (k = 0; k < m; k++)
					if (!elems_equal(env, &a->elems[k], &b->elems[k]))
						break;
				if (pass == 0 && k == m)
					dyn_error(DYN_ERR_EXPR_PATH_OVERLAP, expr_type_names[type],
							  expr_path_text(env, a), expr_path_text(env, b));
				if (pass == 1 && k < m && a->elems[k].is_index != b->elems[k].is_index)
					dyn_error(DYN_ERR_EXPR_PATH_CONFLICT, expr_type_names[type],
							  expr_path_text(env, a), expr_path_text(env, b));
			}
}

ExprPath **
expr_update_paths(ExprParsed *upd)
{
	ExprPath  **paths = palloc(sizeof(ExprPath *) * Max(upd->nclauses, 1));

	for (int i = 0; i < upd->nclauses; i++)
		paths[i] = upd->clauses[i].path;
	return paths;
}

/* ---- SET operands ---- */

static void
require(EVal *v)
{
	if (v->type == AV_NONE)
		dyn_error(DYN_ERR_EXPR_MISSING_ATTR);
}

static char *
numeric_arith(EVal *a, EVal *b, bool plus)
{
	Numeric		x = DatumGetNumeric(DirectFunctionCall3(numeric_in,
														CStringGetDatum(pnstrdup(a->v.val.string.val, a->v.val.string.len)),
														ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
	Numeric		y = DatumGetNumeric(DirectFunctionCall3(numeric_in,
														CStringGetDatum(pnstrdup(b->v.val.string.val, b->v.val.string.len)),
														ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
	Numeric		r = DatumGetNumeric(DirectFunctionCall2(plus ? numeric_add : numeric_sub,
														NumericGetDatum(x), NumericGetDatum(y)));
	char	   *text = numeric_normalize(r);
	char	   *canon;
	int			size;
	DynErrorId	err;

	if (!attrval_number(text, strlen(text), &canon, &size, &err))
		dyn_error(err, text);
	return canon;
}

static void
set_operand(ExprEnv *env, ExprNode *n, JsonbContainer *old, EVal *out)
{
	check_stack_depth();
	switch (n->kind)
	{
		case EXPR_PATH:
		case EXPR_VALUE:
			expr_eval_operand(env, n, old, out);
			require(out);
			return;
		case EXPR_PLUS:
		case EXPR_MINUS:
			{
				EVal		a,
							b;

				set_operand(env, n->args[0], old, &a);
				set_operand(env, n->args[1], old, &b);
				if (a.type != AV_N || b.type != AV_N)
					dyn_error(DYN_ERR_EXPR_UPDATE_TYPE);
				out->type = AV_N;
				out->v.type = jbvString;
				out->v.val.string.val = numeric_arith(&a, &b, n->kind == EXPR_PLUS);
				out->v.val.string.len = strlen(out->v.val.string.val);
				return;
			}
		case EXPR_FUNC:
			if (n->op == EXPR_FN_IF_NOT_EXISTS)
			{
				if (n->args[0]->kind != EXPR_PATH)
					dyn_error(DYN_ERR_EXPR_OPERAND_TYPE, "UpdateExpression", "if_not_exists",
							  "value");
				if (expr_resolve_path(env, n->args[0]->path, old, out))
					return;
				set_operand(env, n->args[1], old, out);
				return;
			}
			if (n->op == EXPR_FN_LIST_APPEND)
			{
				EVal		a,
							b;
				JsonbParseState *st = NULL;
				JsonbValue *res;
				Jsonb	   *j;

				set_operand(env, n->args[0], old, &a);
				set_operand(env, n->args[1], old, &b);
				if (a.type != AV_L || b.type != AV_L)
					dyn_error(DYN_ERR_EXPR_UPDATE_TYPE);
				jb_begin_array(&st);
				for (int k = 0; k < 2; k++)
				{
					JsonbContainer *c = (k == 0 ? a : b).v.val.binary.data;
					uint32		cnt = JsonContainerSize(c);

					for (uint32 i = 0; i < cnt; i++)
						jb_push(&st, getIthJsonbValueFromContainer(c, i));
				}
				res = jb_end_array(&st);
				j = JsonbValueToJsonb(res);
				out->type = AV_L;
				out->v.type = jbvBinary;
				out->v.val.binary.data = &j->root;
				out->v.val.binary.len = VARSIZE(j) - VARHDRSZ;
				return;
			}
			break;
		default:
			break;
	}
	dyn_error(DYN_ERR_EXPR_FUNC_USE, "UpdateExpression",
			  n->kind == EXPR_FUNC ? expr_func_names[n->op] : "?");
}

/* ---- applying actions ---- */

/* The node that holds the last step of path; raises when a step is missing */
static DNode *
walk_to_parent(ExprEnv *env, DNode *root, ExprPath *path, bool missing_ok)
{
	DNode	   *cur = root;

	for (int i = 0; i < path->n - 1; i++)
	{
		PathElem   *e = &path->elems[i];

		dnode_expand(cur);
		if (e->is_index)
		{
			if (cur->type != AV_L || e->index >= cur->n)
				goto invalid;
			cur = cur->kids[e->index];
		}
		else
		{
			char	   *name;
			int			len;
			int			k;

			if (cur->type != AV_M)
				goto invalid;
			expr_path_name(env, e, &name, &len);
			if ((k = dnode_find(cur, name, len)) < 0)
				goto invalid;
			cur = cur->kids[k];
		}
	}
	dnode_expand(cur);
	return cur;

invalid:
	if (missing_ok)
		return NULL;
	dyn_error(DYN_ERR_EXPR_INVALID_PATH_UPDATE);
	return NULL;
}

/* The node at path, or NULL (parent must exist unless missing_ok) */
static DNode *
node_at(ExprEnv *env, DNode *parent, PathElem *last)
{
	if (parent == NULL)
		return NULL;
	if (last->is_index)
		return (parent->type == AV_L && last->index < parent->n) ? parent->kids[last->index] : NULL;
	if (parent->type == AV_M)
	{
		char	   *name;
		int			len;
		int			k;

		expr_path_name(env, last, &name, &len);
		k = dnode_find(parent, name, len);
		return k >= 0 ? parent->kids[k] : NULL;
	}
	return NULL;
}

static void
put_at(ExprEnv *env, DNode *parent, PathElem *last, DNode *value)
{
	if (last->is_index)
	{
		if (parent->type != AV_L)
			dyn_error(DYN_ERR_EXPR_INVALID_PATH_UPDATE);
		if (last->index < parent->n)
			parent->kids[last->index] = value;
		else
		{
			/* past the end: DynamoDB appends */
			dnode_grow(parent);
			parent->idx[parent->n] = parent->n;
			parent->kids[parent->n++] = value;
		}
	}
	else
	{
		char	   *name;
		int			len;

		if (parent->type != AV_M)
			dyn_error(DYN_ERR_EXPR_INVALID_PATH_UPDATE);
		expr_path_name(env, last, &name, &len);
		dnode_put(parent, name, len, value);
	}
}

static bool
set_has(DNode *set, JsonbValue *m)
{
	for (int i = 0; i < set->n; i++)
		if (set->members[i].val.string.len == m->val.string.len &&
			memcmp(set->members[i].val.string.val, m->val.string.val, m->val.string.len) == 0)
			return true;
	return false;
}

static void
add_or_delete(ExprEnv *env, DNode *root, UpdateClause *c, JsonbContainer *old)
{
	EVal		v;
	DNode	   *parent = walk_to_parent(env, root, c->path, false);
	PathElem   *last = &c->path->elems[c->path->n - 1];
	DNode	   *cur = node_at(env, parent, last);
	DNode	   *arg;

	expr_eval_operand(env, c->value, old, &v);
	arg = dnode_from_eval(&v);
	dnode_expand(arg);

	if (c->action == UPD_ADD)
	{
		if (cur == NULL)
		{
			put_at(env, parent, last, dnode_from_eval(&v));
			return;
		}
		dnode_expand(cur);
		if (cur->type == AV_N && v.type == AV_N)
		{
			EVal		a;

			a.type = AV_N;
			a.v = cur->scalar;
			cur->scalar.val.string.val = numeric_arith(&a, &v, true);
			cur->scalar.val.string.len = strlen(cur->scalar.val.string.val);
			return;
		}
		if (cur->type != v.type || (v.type != AV_SS && v.type != AV_NS && v.type != AV_BS))
			dyn_error(DYN_ERR_EXPR_UPDATE_TYPE);
		for (int i = 0; i < arg->n; i++)
			if (!set_has(cur, &arg->members[i]))
			{
				dnode_grow(cur);
				cur->members[cur->n++] = arg->members[i];
			}
		return;
	}

	/* DELETE from a set */
	if (cur == NULL)
		return;
	dnode_expand(cur);
	if (cur->type != v.type || (v.type != AV_SS && v.type != AV_NS && v.type != AV_BS))
		dyn_error(DYN_ERR_EXPR_UPDATE_TYPE);
	for (int i = cur->n - 1; i >= 0; i--)
		if (set_has(arg, &cur->members[i]))
			dnode_remove_at(cur, i);
	if (cur->n == 0)
	{
		/* an emptied set disappears */
		char	   *name;
		int			len;

		if (last->is_index)
		{
			for (int i = 0; i < parent->n; i++)
				if (parent->kids[i] == cur)
					dnode_remove_at(parent, i);
		}
		else
		{
			expr_path_name(env, last, &name, &len);
			dnode_remove_at(parent, dnode_find(parent, name, len));
		}
	}
}

static int
cmp_remove_order(const void *a, const void *b)
{
	const UpdateClause *x = *(UpdateClause *const *) a;
	const UpdateClause *y = *(UpdateClause *const *) b;
	PathElem   *ex = &x->path->elems[x->path->n - 1];
	PathElem   *ey = &y->path->elems[y->path->n - 1];

	/* list elements from the highest position down */
	if (ex->is_index && ey->is_index)
		return (ey->index > ex->index) - (ey->index < ex->index);
	return 0;
}

/* SETs of list elements by index (stable), everything else first, as is */
static int
cmp_set_order(const void *a, const void *b, void *arg)
{
	ExprParsed *upd = arg;
	int			x = *(const int *) a;
	int			y = *(const int *) b;
	ExprPath   *px = upd->clauses[x].path;
	ExprPath   *py = upd->clauses[y].path;
	int			ix = px->elems[px->n - 1].is_index ? px->elems[px->n - 1].index : -1;
	int			iy = py->elems[py->n - 1].is_index ? py->elems[py->n - 1].index : -1;

	if (ix != iy)
		return (ix > iy) - (ix < iy);
	return (x > y) - (x < y);
}

/*
 * Apply an update to old (NULL: the item does not exist yet; key_map then
 * holds its key attributes).  Returns the new item.
 */
Jsonb *
expr_apply_update(ExprEnv *env, ExprParsed *upd, Jsonb *old, JsonbValue *key_map)
{
	JsonbContainer *oldc = old ? &old->root : NULL;
	DNode	   *root;
	EVal	   *setvals = palloc(sizeof(EVal) * Max(upd->nclauses, 1));
	UpdateClause **removes = palloc(sizeof(UpdateClause *) * Max(upd->nclauses, 1));
	int		   *order = palloc(sizeof(int) * Max(upd->nclauses, 1));
	int			nremoves = 0;

	/* every SET operand sees the item as it was */
	for (int i = 0; i < upd->nclauses; i++)
		if (upd->clauses[i].action == UPD_SET)
			set_operand(env, upd->clauses[i].value, oldc, &setvals[i]);

	if (old)
		root = dnode_item(oldc);
	else
	{
		Jsonb	   *k = JsonbValueToJsonb(key_map);

		root = dnode_item(&k->root);
	}

	/* list elements set past the end are appended in index order */
	for (int k = 0; k < upd->nclauses; k++)
		order[k] = k;
	qsort_arg(order, upd->nclauses, sizeof(int), cmp_set_order, upd);

	for (int k = 0; k < upd->nclauses; k++)
	{
		int			i = order[k];
		UpdateClause *c = &upd->clauses[i];

		switch (c->action)
		{
			case UPD_SET:
				{
					DNode	   *parent = walk_to_parent(env, root, c->path, false);

					put_at(env, parent, &c->path->elems[c->path->n - 1],
						   dnode_from_eval(&setvals[i]));
					break;
				}
			case UPD_ADD:
			case UPD_DELETE:
				add_or_delete(env, root, c, oldc);
				break;
			case UPD_REMOVE:
				removes[nremoves++] = c;
				break;
		}
	}

	qsort(removes, nremoves, sizeof(UpdateClause *), cmp_remove_order);
	for (int i = 0; i < nremoves; i++)
	{
		ExprPath   *path = removes[i]->path;
		PathElem   *last = &path->elems[path->n - 1];
		DNode	   *parent = walk_to_parent(env, root, path, old == NULL);

		/* on an absent item, REMOVE of a nested path is silently ignored */
		if (parent == NULL)
			continue;
		if ((last->is_index && parent->type != AV_L) ||
			(!last->is_index && parent->type != AV_M))
		{
			if (old == NULL)
				continue;
			dyn_error(DYN_ERR_EXPR_INVALID_PATH_UPDATE);
		}
		if (last->is_index)
		{
			if (last->index < parent->n)
				dnode_remove_at(parent, last->index);
		}
		else
		{
			char	   *name;
			int			len;
			int			k;

			expr_path_name(env, last, &name, &len);
			if ((k = dnode_find(parent, name, len)) >= 0)
				dnode_remove_at(parent, k);
		}
	}
	return dnode_item_jsonb(root);
}

/* ---- projection ---- */

static int
list_slot(DNode *out, int index)
{
	int			i;

	for (i = 0; i < out->n; i++)
		if (out->idx[i] == index)
			return i;
	/* keep elements in their original order */
	dnode_grow(out);
	for (i = out->n; i > 0 && out->idx[i - 1] > index; i--)
	{
		out->idx[i] = out->idx[i - 1];
		out->kids[i] = out->kids[i - 1];
	}
	out->idx[i] = index;
	out->kids[i] = NULL;
	out->n++;
	return i;
}

static void
project_path(ExprEnv *env, DNode *out, ExprPath *path, JsonbContainer *item)
{
	JsonbContainer *c = item;
	AvType		ctype = AV_M;

	for (int i = 0; i < path->n; i++)
	{
		PathElem   *e = &path->elems[i];
		bool		last = (i == path->n - 1);
		JsonbValue *v;
		EVal		ev;
		DNode	  **slot;

		if (e->is_index)
		{
			if (ctype != AV_L)
				return;
			v = getIthJsonbValueFromContainer(c, e->index);
			if (v == NULL)
				return;
			{
				int			s = list_slot(out, e->index);	/* may move kids */

				slot = &out->kids[s];
			}
		}
		else
		{
			char	   *name;
			int			len;
			int			k;

			if (ctype != AV_M)
				return;
			expr_path_name(env, e, &name, &len);
			v = getKeyJsonValueFromContainer(c, name, len, NULL);
			if (v == NULL)
				return;
			if ((k = dnode_find(out, name, len)) < 0)
			{
				dnode_put(out, name, len, NULL);
				k = out->n - 1;
			}
			slot = &out->kids[k];
		}
		expr_av_to_eval(v, &ev);
		if (last)
		{
			*slot = dnode_from_av(v);
			return;
		}
		if (ev.type != AV_M && ev.type != AV_L)
		{
			/* nothing further down: drop the placeholder we made */
			if (*slot == NULL)
				out->n--;
			return;
		}
		if (*slot == NULL || (*slot)->orig != NULL)
			*slot = dnode_new(ev.type);
		out = *slot;
		c = ev.v.val.binary.data;
		ctype = ev.type;
	}
}

/* Drop containers left empty by paths that led nowhere */
static bool
prune(DNode *d)
{
	int			j = 0;

	if (d == NULL)
		return false;
	if (d->orig || (d->type != AV_M && d->type != AV_L))
		return true;
	for (int i = 0; i < d->n; i++)
		if (prune(d->kids[i]))
		{
			d->kids[j] = d->kids[i];
			d->names[j] = d->names[i];
			d->namelens[j] = d->namelens[i];
			d->idx[j] = d->idx[i];
			j++;
		}
	d->n = j;
	return j > 0;
}

/* The attributes of item named by paths (ProjectionExpression) */
Jsonb *
expr_project(ExprEnv *env, ExprPath **paths, int n, JsonbContainer *item)
{
	DNode	   *root = dnode_new(AV_M);
	int			j = 0;

	for (int i = 0; i < n; i++)
		project_path(env, root, paths[i], item);
	for (int i = 0; i < root->n; i++)
		if (prune(root->kids[i]))
		{
			root->kids[j] = root->kids[i];
			root->names[j] = root->names[i];
			root->namelens[j] = root->namelens[i];
			j++;
		}
	root->n = j;
	return dnode_item_jsonb(root);
}
