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
#include "funcapi.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/tuplestore.h"
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

/*
 * dyn_query / dyn_scan on plain JSON: every page, following
 * LastEvaluatedKey, as rows of plain items.  "limit" caps the rows
 * returned (after the filter).  Rows go to a tuplestore (which spills to
 * disk); each page is built in a context reset for the next.
 */
static void
plain_read_all(FunctionCallInfo fcinfo, bool query)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	JsonbParseState *st = NULL;
	Jsonb	   *base;
	Jsonb	   *start = NULL;
	int64		remaining = -1;
	MemoryContext pagecxt,
				old;

	/* a one-column result: build the tuplestore ourselves */
	{
		TupleDesc	desc;
		MemoryContext percxt;

		if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
			!(rsinfo->allowedModes & SFRM_Materialize))
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("set-valued function called in context that cannot accept a set")));
		percxt = rsinfo->econtext->ecxt_per_query_memory;
		old = MemoryContextSwitchTo(percxt);
		desc = CreateTemplateTupleDesc(1);
		TupleDescInitEntry(desc, (AttrNumber) 1, "item", JSONBOID, -1, 0);
		rsinfo->returnMode = SFRM_Materialize;
		rsinfo->setResult = tuplestore_begin_heap(true, false, work_mem);
		rsinfo->setDesc = desc;
		MemoryContextSwitchTo(old);
	}

	/* the request fields that stay the same on every page */
	jb_begin_object(&st);
	if (!PG_ARGISNULL(0))
	{
		char	   *table = text_to_cstring(PG_GETARG_TEXT_PP(0));

		check_table_arg(table, query ? "dyn_query" : "dyn_scan");
		jb_ckey(&st, "TableName");
		jb_push_cstring(&st, table);
	}
	/* argument positions: see dyn_query and dyn_scan in the install script */
	{
		int			cond = query ? 1 : -1,
					values = query ? 2 : 2,
					filter = query ? 3 : 1,
					proj = query ? 4 : 3,
					idx = query ? 5 : 4,
					lim = query ? 6 : 5,
					fwd = query ? 7 : -1,
					names = query ? 8 : 6;

		if (cond >= 0 && !PG_ARGISNULL(cond))
		{
			jb_ckey(&st, "KeyConditionExpression");
			jb_push_cstring(&st, text_to_cstring(PG_GETARG_TEXT_PP(cond)));
		}
		if (!PG_ARGISNULL(values))
		{
			jb_ckey(&st, "ExpressionAttributeValues");
			jb_push_jsonb(&st, marshall_item(wire_escape_jsonb(PG_GETARG_JSONB_P(values))));
		}
		if (!PG_ARGISNULL(filter))
		{
			jb_ckey(&st, "FilterExpression");
			jb_push_cstring(&st, text_to_cstring(PG_GETARG_TEXT_PP(filter)));
		}
		if (!PG_ARGISNULL(proj))
		{
			jb_ckey(&st, "ProjectionExpression");
			jb_push_cstring(&st, text_to_cstring(PG_GETARG_TEXT_PP(proj)));
		}
		if (!PG_ARGISNULL(idx))
		{
			jb_ckey(&st, "IndexName");
			jb_push_cstring(&st, text_to_cstring(PG_GETARG_TEXT_PP(idx)));
		}
		if (!PG_ARGISNULL(lim))
		{
			DynConstraints c;

			remaining = PG_GETARG_INT32(lim);
			dyn_constraints_init(&c);
			if (remaining < 1)
				dyn_constraint(&c, psprintf(INT64_FORMAT, remaining), "limit",
							   DYN_RULE_VALUE_MIN, 1);
			dyn_constraints_raise(&c);
		}
		if (fwd >= 0 && !PG_ARGISNULL(fwd))
		{
			jb_ckey(&st, "ScanIndexForward");
			jb_push_bool(&st, PG_GETARG_BOOL(fwd));
		}
		if (!PG_ARGISNULL(names))
		{
			jb_ckey(&st, "ExpressionAttributeNames");
			jb_push_jsonb(&st, wire_escape_jsonb(PG_GETARG_JSONB_P(names)));
		}
	}
	base = JsonbValueToJsonb(jb_end_object(&st));

	pagecxt = AllocSetContextCreate(CurrentMemoryContext, "dynamo_ext plain page",
									ALLOCSET_DEFAULT_SIZES);
	while (remaining != 0)
	{
		Jsonb	   *req;
		Jsonb	   *res;
		JsonbValue *items;
		JsonbValue *lek;

		MemoryContextReset(pagecxt);
		old = MemoryContextSwitchTo(pagecxt);
		st = NULL;
		jb_begin_object(&st);
		{
			JsonbIterator *it = JsonbIteratorInit(&base->root);
			JsonbValue	v;
			JsonbIteratorToken r;

			while ((r = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
				if (r == WJB_KEY)
					jb_key(&st, v.val.string.val, v.val.string.len);
				else if (r == WJB_VALUE)
					jb_push(&st, &v);
		}
		if (start)
		{
			jb_ckey(&st, "ExclusiveStartKey");
			jb_push_jsonb(&st, start);
		}
		req = JsonbValueToJsonb(jb_end_object(&st));
		res = ops_run(query ? op_query : op_scan, req);

		items = jb_get(&res->root, "Items");
		if (items)
		{
			JsonbIterator *it = JsonbIteratorInit(items->val.binary.data);
			JsonbValue	v;
			JsonbIteratorToken r;

			while (remaining != 0 && (r = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
			{
				JsonbParseState *ps = NULL;
				Datum		value;
				bool		isnull = false;

				if (r != WJB_ELEM)
					continue;
				value = JsonbPGetDatum(wire_unescape_jsonb(
											JsonbValueToJsonb(unmarshall_push_item(&ps, v.val.binary.data))));
				tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &value, &isnull);
				if (remaining > 0)
					remaining--;
			}
		}
		lek = jb_get(&res->root, "LastEvaluatedKey");
		MemoryContextSwitchTo(old);
		if (lek == NULL)
			break;
		if (start)
			pfree(start);
		/* keep the next start key across the reset */
		start = JsonbValueToJsonb(lek);
	}
	MemoryContextDelete(pagecxt);
}

PG_FUNCTION_INFO_V1(dyn_query);
Datum
dyn_query(PG_FUNCTION_ARGS)
{
	plain_read_all(fcinfo, true);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(dyn_scan);
Datum
dyn_scan(PG_FUNCTION_ARGS)
{
	plain_read_all(fcinfo, false);
	return (Datum) 0;
}
