/*-------------------------------------------------------------------------
 * list_tables.c
 *	  ListTables: names in byte order, Limit (1..100) and
 *	  ExclusiveStartTableName (a strict lower bound that need not exist).
 *	  LastEvaluatedTableName is returned only when more names remain.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"

#include "dynamo_ext.h"
#include "jsonb_util.h"
#include "ops/ops.h"

Jsonb *
op_list_tables(Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	JsonbValue *limitv = jb_get_typed(req, "Limit", JB_INTEGER);
	char	   *start = jb_get_cstring(req, "ExclusiveStartTableName");
	DynConstraints c;
	int64		limit = DYN_LIST_TABLES_MAX;
	Oid			argtypes[2] = {TEXTOID, INT4OID};
	Datum		values[2];
	char		nulls[2] = {' ', ' '};
	int			ret;
	uint64		n;
	JsonbParseState *st = NULL;

	dyn_constraints_init(&c);
	if (limitv)
	{
		if (!jb_number_int64(limitv, &limit))
			limit = PG_INT64_MAX;
		if (limit < 1)
			dyn_constraint(&c, jb_number_text(limitv), "limit", DYN_RULE_VALUE_MIN, 1);
		else if (limit > DYN_LIST_TABLES_MAX)
			dyn_constraint(&c, jb_number_text(limitv), "limit", DYN_RULE_VALUE_MAX, DYN_LIST_TABLES_MAX);
	}
	if (start)
		ops_table_name_constraints(&c, start, "exclusiveStartTableName");
	dyn_constraints_raise(&c);

	values[0] = start ? CStringGetTextDatum(start) : (Datum) 0;
	nulls[0] = start ? ' ' : 'n';
	values[1] = Int32GetDatum((int32) limit + 1);
	ret = SPI_execute_with_args("SELECT table_name FROM dynamo.tables "
								"WHERE $1 IS NULL OR table_name OPERATOR(pg_catalog.>) $1 "
								"ORDER BY table_name LIMIT $2",
								2, argtypes, values, nulls, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "catalog scan failed: %s", SPI_result_code_string(ret));
	n = Min(SPI_processed, (uint64) limit);

	jb_begin_object(&st);
	jb_ckey(&st, "TableNames");
	jb_begin_array(&st);
	for (uint64 i = 0; i < n; i++)
		jb_push_cstring(&st, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
	jb_end_array(&st);
	if (SPI_processed > (uint64) limit)
	{
		jb_ckey(&st, "LastEvaluatedTableName");
		jb_push_cstring(&st, SPI_getvalue(SPI_tuptable->vals[n - 1], SPI_tuptable->tupdesc, 1));
	}
	return JsonbValueToJsonb(jb_end_object(&st));
}
