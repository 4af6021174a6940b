/*-------------------------------------------------------------------------
 * update_item.c
 *	  UpdateItem: change an item in place with an UpdateExpression,
 *	  creating it when absent, under an optional ConditionExpression.
 *
 * The row is locked first (write_run), so concurrent updates of one item
 * queue up and none is lost; the condition sees the locked row.
 * ReturnValues UPDATED_OLD / UPDATED_NEW are the written paths projected
 * from the old / new item.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "jsonb_util.h"
#include "ops/write.h"

Jsonb *
op_update_item(Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	DynWrite	w;
	ExprParsed *upd;
	JsonbParseState *st = NULL;
	const char *rv;

	write_prepare(&w, WRITE_UPDATE, req);
	write_run(&w);
	upd = w.er.parsed[EXPR_TYPE_UPDATE];
	rv = w.rv;

	jb_begin_object(&st);
	if (rv && strcmp(rv, "NONE") != 0)
	{
		Jsonb	   *attrs = NULL;

		if (strcmp(rv, "ALL_OLD") == 0)
			attrs = w.old;
		else if (strcmp(rv, "ALL_NEW") == 0)
			attrs = w.new_item;
		else if (upd)
		{
			Jsonb	   *src = strcmp(rv, "UPDATED_OLD") == 0 ? w.old : w.new_item;

			if (src)
				attrs = expr_project(&w.er.env, expr_update_paths(upd), upd->nclauses,
									 &src->root);
		}
		if (attrs && JsonContainerSize(&attrs->root) > 0)
		{
			jb_ckey(&st, "Attributes");
			jb_push_jsonb(&st, attrs);
		}
	}
	if (w.rcc && strcmp(w.rcc, "NONE") != 0)
		ops_push_consumed(&st, w.t, w.rcc,
						  ops_write_units(Max(w.new_item ? ops_item_size(w.new_item) : 0,
											  w.old ? ops_item_size(w.old) : 0)));
	return JsonbValueToJsonb(jb_end_object(&st));
}
