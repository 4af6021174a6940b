/*-------------------------------------------------------------------------
 * marshall.c
 *	  Plain JSON <-> DynamoDB typed JSON (dyn_marshall, dyn_unmarshall and
 *	  the app-friendly forms).
 *
 * Plain to typed: string -> S, number -> N, boolean -> BOOL, null -> NULL,
 * array -> L, object -> M.  Typed to plain: sets become arrays, B stays a
 * base64 string.  Both sides carry strings in the escaped form.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/numeric.h"

#include "attrval.h"
#include "errors.h"
#include "jsonb_util.h"
#include "marshall.h"

static void marshall_push(JsonbParseState **st, JsonbValue *v, int depth);
static void unmarshall_push(JsonbParseState **st, JsonbValue *av);

static void
marshall_push(JsonbParseState **st, JsonbValue *v, int depth)
{
	check_stack_depth();
	jb_begin_object(st);
	switch (v->type)
	{
		case jbvString:
			jb_ckey(st, "S");
			jb_push(st, v);
			break;
		case jbvNumeric:
			{
				char	   *text = numeric_normalize(v->val.numeric);
				char	   *canon;
				int			size;
				DynErrorId	err;

				if (!attrval_number(text, strlen(text), &canon, &size, &err))
					dyn_error(err, text);
				jb_ckey(st, "N");
				jb_push_cstring(st, canon);
				break;
			}
		case jbvBool:
			jb_ckey(st, "BOOL");
			jb_push(st, v);
			break;
		case jbvNull:
			jb_ckey(st, "NULL");
			jb_push_bool(st, true);
			break;
		case jbvBinary:
			{
				JsonbIterator *it = JsonbIteratorInit(v->val.binary.data);
				JsonbValue	x;
				JsonbIteratorToken r;
				bool		is_obj = JsonContainerIsObject(v->val.binary.data);

				if (depth >= 32)
					dyn_error(DYN_ERR_NESTING_TOO_DEEP);
				jb_ckey(st, is_obj ? "M" : "L");
				if (is_obj)
					jb_begin_object(st);
				else
					jb_begin_array(st);
				while ((r = JsonbIteratorNext(&it, &x, true)) != WJB_DONE)
				{
					if (r == WJB_KEY)
						jb_key(st, x.val.string.val, x.val.string.len);
					else if (r == WJB_VALUE || r == WJB_ELEM)
						marshall_push(st, &x, depth + 1);
				}
				if (is_obj)
					jb_end_object(st);
				else
					jb_end_array(st);
				break;
			}
		default:
			elog(ERROR, "unexpected jsonb value type %d", (int) v->type);
	}
	jb_end_object(st);
}

/* A plain JSON object to an item (map of AttributeValues) */
Jsonb *
marshall_item(Jsonb *plain)
{
	JsonbParseState *st = NULL;
	JsonbIterator *it;
	JsonbValue	x;
	JsonbIteratorToken r;

	if (!JB_ROOT_IS_OBJECT(plain))
		dyn_error(DYN_ERR_PLAIN_NOT_MARSHALLABLE, "a JSON value that is not an object");
	jb_begin_object(&st);
	it = JsonbIteratorInit(&plain->root);
	while ((r = JsonbIteratorNext(&it, &x, true)) != WJB_DONE)
	{
		if (r == WJB_KEY)
			jb_key(&st, x.val.string.val, x.val.string.len);
		else if (r == WJB_VALUE)
			marshall_push(&st, &x, 1);
	}
	return JsonbValueToJsonb(jb_end_object(&st));
}

/* Any plain JSON value to one AttributeValue */
Jsonb *
marshall_value(Jsonb *plain)
{
	JsonbParseState *st = NULL;
	JsonbValue	v;
	JsonbValue *res;

	if (JB_ROOT_IS_SCALAR(plain))
		JsonbExtractScalar(&plain->root, &v);
	else
	{
		v.type = jbvBinary;
		v.val.binary.data = &plain->root;
		v.val.binary.len = VARSIZE(plain) - VARHDRSZ;
	}
	jb_begin_array(&st);
	marshall_push(&st, &v, 0);
	res = jb_end_array(&st);
	return JsonbValueToJsonb(&res->val.array.elems[0]);
}

static JsonbValue *
unmarshall_container(JsonbParseState **st, JsonbValue *val, bool is_obj,
					 bool numbers)
{
	JsonbIterator *it = JsonbIteratorInit(val->val.binary.data);
	JsonbValue	x;
	JsonbIteratorToken r;

	if (is_obj)
		jb_begin_object(st);
	else
		jb_begin_array(st);
	while ((r = JsonbIteratorNext(&it, &x, true)) != WJB_DONE)
	{
		if (r == WJB_KEY)
			jb_key(st, x.val.string.val, x.val.string.len);
		else if (r == WJB_VALUE || r == WJB_ELEM)
		{
			if (numbers)
				jb_push_numeric_text(st, jb_cstring(&x));
			else if (is_obj || x.type == jbvBinary)
				unmarshall_push(st, &x);
			else
				jb_push(st, &x);	/* SS and BS members */
		}
	}
	return is_obj ? jb_end_object(st) : jb_end_array(st);
}

/* One canonical (stored) AttributeValue to plain JSON */
static void
unmarshall_push(JsonbParseState **st, JsonbValue *av)
{
	JsonbValue *tag;
	JsonbValue *val;
	JsonbIterator *it;
	JsonbValue	k,
				v;
	AvType		type;

	check_stack_depth();
	if (av->type != jbvBinary || !JsonContainerIsObject(av->val.binary.data) ||
		JsonContainerSize(av->val.binary.data) != 1)
		dyn_error(DYN_ERR_AV_EMPTY);
	it = JsonbIteratorInit(av->val.binary.data);
	JsonbIteratorNext(&it, &k, true);	/* BEGIN */
	JsonbIteratorNext(&it, &k, true);	/* KEY */
	JsonbIteratorNext(&it, &v, true);	/* VALUE */
	tag = &k;
	val = &v;
	type = attrval_type_from_name(tag->val.string.val, tag->val.string.len);
	switch (type)
	{
		case AV_S:
		case AV_B:
		case AV_BOOL:
			jb_push(st, val);
			break;
		case AV_N:
			jb_push_numeric_text(st, jb_cstring(val));
			break;
		case AV_NULL:
			jb_push_null(st);
			break;
		case AV_SS:
		case AV_BS:
			unmarshall_container(st, val, false, false);
			break;
		case AV_NS:
			unmarshall_container(st, val, false, true);
			break;
		case AV_L:
			unmarshall_container(st, val, false, false);
			break;
		case AV_M:
			unmarshall_container(st, val, true, false);
			break;
		case AV_NONE:
			dyn_error(DYN_ERR_AV_EMPTY);
	}
}

/* Push a stored item (map of canonical AttributeValues) as plain JSON */
JsonbValue *
unmarshall_push_item(JsonbParseState **st, JsonbContainer *item)
{
	JsonbValue	v;

	v.type = jbvBinary;
	v.val.binary.data = item;
	v.val.binary.len = 0;
	return unmarshall_container(st, &v, true, false);
}

Jsonb *
unmarshall_item(Jsonb *typed)
{
	JsonbParseState *st = NULL;

	return JsonbValueToJsonb(unmarshall_push_item(&st, &typed->root));
}
