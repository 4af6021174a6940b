/*-------------------------------------------------------------------------
 * plain.c
 *	  App-friendly forms on plain JSON: dyn_put, dyn_get, dyn_delete, and
 *	  dyn_marshall / dyn_unmarshall.
 *
 * Each builds DynamoDB's request from its arguments (a NULL argument is a
 * missing field, with DynamoDB's error), runs the operation, and returns
 * plain JSON.  A JSON object where a table name belongs is refused with a
 * hint, never reported as a missing table.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "attrval.h"
#include "errors.h"
#include "jsonb_util.h"
#include "marshall.h"
#include "ops/ops.h"
#include "wire.h"

static void
check_table_arg(const char *table, const char *wire_function)
{
	const char *p = table;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p == '{')
		dyn_error_hint(DYN_ERR_PLAIN_TABLE_IS_JSON,
					   psprintf("The first argument is a table name.  To send a DynamoDB request, call %s('{...}'::jsonb).",
								wire_function));
}

/* {"TableName": table, <field>: marshall(arg)} from plain arguments */
static Jsonb *
plain_request(FunctionCallInfo fcinfo, const char *field, const char *wire_function,
			  const char *return_values)
{
	JsonbParseState *st = NULL;

	jb_begin_object(&st);
	if (return_values)
	{
		jb_ckey(&st, "ReturnValues");
		jb_push_cstring(&st, return_values);
	}
	if (!PG_ARGISNULL(0))
	{
		char	   *table = text_to_cstring(PG_GETARG_TEXT_PP(0));

		check_table_arg(table, wire_function);
		jb_ckey(&st, "TableName");
		jb_push_cstring(&st, table);
	}
	if (!PG_ARGISNULL(1))
	{
		Jsonb	   *plain = wire_escape_jsonb(PG_GETARG_JSONB_P(1));

		jb_ckey(&st, field);
		jb_push_jsonb(&st, marshall_item(plain));
	}
	return JsonbValueToJsonb(jb_end_object(&st));
}

/* The plain form of response field (an item), or NULL */
static Jsonb *
plain_field(Jsonb *res, const char *field)
{
	JsonbValue *v = jb_get(&res->root, field);
	JsonbParseState *st = NULL;

	if (v == NULL)
		return NULL;
	return wire_unescape_jsonb(JsonbValueToJsonb(unmarshall_push_item(&st, v->val.binary.data)));
}

PG_FUNCTION_INFO_V1(dyn_put);
Datum
dyn_put(PG_FUNCTION_ARGS)
{
	ops_run(op_put_item, plain_request(fcinfo, "Item", "dyn_put_item", NULL));
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(dyn_get);
Datum
dyn_get(PG_FUNCTION_ARGS)
{
	Jsonb	   *res = ops_run(op_get_item, plain_request(fcinfo, "Key", "dyn_get_item", NULL));
	Jsonb	   *item = plain_field(res, "Item");

	if (item == NULL)
		PG_RETURN_NULL();
	PG_RETURN_JSONB_P(item);
}

PG_FUNCTION_INFO_V1(dyn_delete);
Datum
dyn_delete(PG_FUNCTION_ARGS)
{
	/* DELETE ... RETURNING gives the old item at no extra cost */
	Jsonb	   *res = ops_run(op_delete_item,
							  plain_request(fcinfo, "Key", "dyn_delete_item", "ALL_OLD"));
	Jsonb	   *item = plain_field(res, "Attributes");

	if (item == NULL)
		PG_RETURN_NULL();
	PG_RETURN_JSONB_P(item);
}

PG_FUNCTION_INFO_V1(dyn_marshall);
Datum
dyn_marshall(PG_FUNCTION_ARGS)
{
	Jsonb	   *plain = wire_escape_jsonb(PG_GETARG_JSONB_P(0));
	Jsonb	   *typed = JB_ROOT_IS_OBJECT(plain) ? marshall_item(plain) : marshall_value(plain);

	PG_RETURN_JSONB_P(wire_unescape_jsonb(typed));
}

PG_FUNCTION_INFO_V1(dyn_unmarshall);
Datum
dyn_unmarshall(PG_FUNCTION_ARGS)
{
	Jsonb	   *typed = wire_escape_jsonb(PG_GETARG_JSONB_P(0));
	JsonbValue	v;
	AvCheck		chk;
	JsonbValue *canon;

	if (!JB_ROOT_IS_OBJECT(typed))
		dyn_error(DYN_ERR_SER_UNEXPECTED_FIELD_TYPE);
	v.type = jbvBinary;
	v.val.binary.data = &typed->root;
	v.val.binary.len = VARSIZE(typed) - VARHDRSZ;
	canon = attrval_map(&v, &chk);
	attrval_raise(&chk);
	PG_RETURN_JSONB_P(wire_unescape_jsonb(unmarshall_item(JsonbValueToJsonb(canon))));
}
