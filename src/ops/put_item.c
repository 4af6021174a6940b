/*-------------------------------------------------------------------------
 * put_item.c
 *	  PutItem: write a whole item, replacing any item with its key.
 *
 * Validation is write_prepare's (DynamoDB's order).  Without a condition,
 * ReturnValues or capacity report, the write is one upsert; otherwise the
 * row is locked, checked and written (write_run).
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "jsonb_util.h"
#include "ops/write.h"

Jsonb *
op_put_item(Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	DynWrite	w;
	bool		all_old;
	JsonbParseState *st = NULL;

	write_prepare(&w, WRITE_PUT, req);
	all_old = w.rv && strcmp(w.rv, "ALL_OLD") == 0;
	if (write_has_condition(&w) || all_old || (w.rcc && strcmp(w.rcc, "NONE") != 0) || w.t->move)
		write_run(&w);
	else
		storage_upsert(w.t, &w.key, w.item);

	jb_begin_object(&st);
	if (w.old && all_old)
	{
		jb_ckey(&st, "Attributes");
		jb_push_jsonb(&st, w.old);
	}
	/* an overwrite costs the larger of the two items */
	ops_push_consumed(&st, w.t, w.rcc,
					  ops_write_units(Max(w.size, w.old ? ops_item_size(w.old) : 0)));
	return JsonbValueToJsonb(jb_end_object(&st));
}
