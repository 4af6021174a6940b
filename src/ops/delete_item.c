/*-------------------------------------------------------------------------
 * delete_item.c
 *	  DeleteItem: remove one item by its full primary key.  Deleting an
 *	  absent item succeeds; ReturnValues ALL_OLD returns what was removed.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "jsonb_util.h"
#include "ops/write.h"

Jsonb *
op_delete_item(Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	DynWrite	w;
	Jsonb	   *old;
	JsonbParseState *st = NULL;

	write_prepare(&w, WRITE_DELETE, req);
	if (write_has_condition(&w) || w.t->move)
	{
		write_run(&w);
		old = w.old;
	}
	else
		old = storage_delete(w.t, &w.key);	/* DELETE ... RETURNING */

	jb_begin_object(&st);
	if (old && w.rv && strcmp(w.rv, "ALL_OLD") == 0)
	{
		jb_ckey(&st, "Attributes");
		jb_push_jsonb(&st, old);
	}
	ops_push_consumed(&st, w.t, w.rcc, ops_write_units(old && w.rcc ? ops_item_size(old) : 0));
	return JsonbValueToJsonb(jb_end_object(&st));
}
