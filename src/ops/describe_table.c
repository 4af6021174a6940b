/*-------------------------------------------------------------------------
 * describe_table.c
 *	  DescribeTable: {"Table": TableDescription}.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog.h"
#include "jsonb_util.h"
#include "ops/ops.h"

Jsonb *
op_describe_table(Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	DynConstraints c;
	const char *name;
	DynTable   *t;
	JsonbParseState *st = NULL;

	dyn_constraints_init(&c);
	name = ops_control_table_name(req, &c);
	dyn_constraints_raise(&c);

	t = catalog_open(name, AccessShareLock, true);
	jb_begin_object(&st);
	jb_ckey(&st, "Table");
	catalog_describe(&st, t, NULL, true);
	return JsonbValueToJsonb(jb_end_object(&st));
}
