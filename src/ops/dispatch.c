/*-------------------------------------------------------------------------
 * dispatch.c
 *	  The wire-shaped SQL functions (dyn_put_item(jsonb) ...) and the
 *	  dispatchers dyn_execute(operation, jsonb) and dyn_execute_text.
 *
 * Every operation runs inside one SPI connection (ops_run); its result is
 * copied out to the caller's memory context before SPI_finish.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "errors.h"
#include "ops/ops.h"
#include "wire.h"

static const DynOp dyn_ops[] = {
	{"CreateTable", op_create_table},
	{"DescribeTable", op_describe_table},
	{"ListTables", op_list_tables},
	{"DeleteTable", op_delete_table},
	{"UpdateTable", op_update_table},
	{"PutItem", op_put_item},
	{"GetItem", op_get_item},
	{"DeleteItem", op_delete_item},
	{"UpdateItem", op_update_item},
	{"Query", op_query},
	{"Scan", op_scan},
	{"BatchGetItem", op_batch_get_item},
	{"BatchWriteItem", op_batch_write_item},
	{"TransactWriteItems", op_transact_write_items},
	{"TransactGetItems", op_transact_get_items},
};

const DynOp *
ops_lookup(const char *name)
{
	for (int i = 0; i < lengthof(dyn_ops); i++)
		if (strcmp(dyn_ops[i].name, name) == 0)
			return &dyn_ops[i];
	dyn_error(DYN_ERR_UNKNOWN_OPERATION, name);
	return NULL;
}

bool
ops_known(const char *name)
{
	for (int i = 0; i < lengthof(dyn_ops); i++)
		if (strcmp(dyn_ops[i].name, name) == 0)
			return true;
	return false;
}

Jsonb *
ops_run(DynOpFn fn, Jsonb *request)
{
	Jsonb	   *res;
	Jsonb	   *out;
	int			ret;

	if ((ret = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(ret));
	res = fn(request);
	out = SPI_palloc(VARSIZE(res));
	memcpy(out, res, VARSIZE(res));
	SPI_finish();
	return out;
}

static Datum
call_jsonb(FunctionCallInfo fcinfo, DynOpFn fn)
{
	Jsonb	   *req;

	if (PG_ARGISNULL(0))
		dyn_error(DYN_ERR_SER_NOT_OBJECT);
	req = wire_escape_jsonb(PG_GETARG_JSONB_P(0));
	PG_RETURN_JSONB_P(wire_unescape_jsonb(ops_run(fn, req)));
}

#define DYN_WIRE_FUNCTION(sqlname, fn) \
PG_FUNCTION_INFO_V1(sqlname); \
Datum \
sqlname(PG_FUNCTION_ARGS) \
{ \
	return call_jsonb(fcinfo, fn); \
}

DYN_WIRE_FUNCTION(dyn_create_table, op_create_table)
DYN_WIRE_FUNCTION(dyn_describe_table, op_describe_table)
DYN_WIRE_FUNCTION(dyn_list_tables, op_list_tables)
DYN_WIRE_FUNCTION(dyn_delete_table, op_delete_table)
DYN_WIRE_FUNCTION(dyn_update_table, op_update_table)
DYN_WIRE_FUNCTION(dyn_put_item, op_put_item)
DYN_WIRE_FUNCTION(dyn_get_item, op_get_item)
DYN_WIRE_FUNCTION(dyn_delete_item, op_delete_item)
DYN_WIRE_FUNCTION(dyn_update_item, op_update_item)
DYN_WIRE_FUNCTION(dyn_query_request, op_query)
DYN_WIRE_FUNCTION(dyn_scan_request, op_scan)
DYN_WIRE_FUNCTION(dyn_batch_get_item, op_batch_get_item)
DYN_WIRE_FUNCTION(dyn_batch_write_item, op_batch_write_item)
DYN_WIRE_FUNCTION(dyn_transact_write_items, op_transact_write_items)
DYN_WIRE_FUNCTION(dyn_transact_get_items, op_transact_get_items)

PG_FUNCTION_INFO_V1(dyn_execute);
Datum
dyn_execute(PG_FUNCTION_ARGS)
{
	const DynOp *op;
	Jsonb	   *req;

	if (PG_ARGISNULL(0))
		dyn_error(DYN_ERR_UNKNOWN_OPERATION, "null");
	op = ops_lookup(text_to_cstring(PG_GETARG_TEXT_PP(0)));
	if (PG_ARGISNULL(1))
		dyn_error(DYN_ERR_SER_NOT_OBJECT);
	req = wire_escape_jsonb(PG_GETARG_JSONB_P(1));
	PG_RETURN_JSONB_P(wire_unescape_jsonb(ops_run(op->fn, req)));
}

PG_FUNCTION_INFO_V1(dyn_execute_text);
Datum
dyn_execute_text(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		dyn_error(DYN_ERR_UNKNOWN_OPERATION, "null");
	if (PG_ARGISNULL(1))
		dyn_error(DYN_ERR_SER_NOT_OBJECT);
	PG_RETURN_TEXT_P(wire_execute_text(text_to_cstring(PG_GETARG_TEXT_PP(0)),
									   PG_GETARG_TEXT_PP(1)));
}
