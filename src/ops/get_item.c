/*-------------------------------------------------------------------------
 * get_item.c
 *	  GetItem: one item by its full primary key.  Reads are always
 *	  strongly consistent; ConsistentRead is accepted either way.
 *	  AttributesToGet keeps only the named top-level attributes.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "attrval.h"
#include "jsonb_util.h"
#include "migrate/migrate.h"
#include "ops/ops.h"

/* The names of AttributesToGet (checked strings), or NIL */
static char **
read_attributes_to_get(JsonbValue *list, int *n)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken r;
	char	  **names;
	int			i = 0;

	*n = jb_array_size(list);
	names = palloc(sizeof(char *) * Max(*n, 1));
	it = JsonbIteratorInit(list->val.binary.data);
	while ((r = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (r != WJB_ELEM)
			continue;
		jb_check_kind(&v, JB_STRING);
		names[i++] = jb_cstring(&v);
	}
	return names;
}

static Jsonb *
project_top_level(Jsonb *item, char **names, int n)
{
	JsonbParseState *st = NULL;

	jb_begin_object(&st);
	for (int i = 0; i < n; i++)
	{
		JsonbValue *v = getKeyJsonValueFromContainer(&item->root, names[i],
													 strlen(names[i]), NULL);

		if (v)
		{
			jb_ckey(&st, names[i]);
			jb_push(&st, v);
		}
	}
	return JsonbValueToJsonb(jb_end_object(&st));
}

static const char *const proj_field[] = {"ProjectionExpression"};
static const ExprType proj_type[] = {EXPR_TYPE_PROJECTION};

Jsonb *
op_get_item(Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	DynConstraints c;
	const char *name;
	JsonbValue *keyv = jb_get_typed(req, "Key", JB_AV_MAP);
	JsonbValue *atg = jb_get_typed(req, "AttributesToGet", JB_LIST);
	JsonbValue *consistent = jb_get_typed(req, "ConsistentRead", JB_BOOLEAN);
	char	   *rcc = jb_get_cstring(req, "ReturnConsumedCapacity");
	ExprRequest er;
	char	  **atg_names = NULL;
	int			natg = 0;
	AvCheck		chk;
	JsonbValue *norm = NULL;
	DynTable   *t;
	DynKey		key;
	Jsonb	   *item;
	JsonbParseState *st = NULL;

	expr_request_read(&er, req, proj_field, proj_type, 1);
	er.values = NULL;			/* not a GetItem parameter */
	if (atg)
		atg_names = read_attributes_to_get(atg, &natg);
	if (keyv)
		norm = attrval_map(keyv, &chk);

	dyn_constraints_init(&c);
	ops_enum(&c, rcc, "returnConsumedCapacity", ops_return_consumed, OPS_RETURN_CONSUMED_SET);
	name = ops_data_table_name(req, &c);
	if (keyv == NULL)
		dyn_constraint(&c, NULL, "key", DYN_RULE_NOT_NULL);
	if (atg && natg < 1)
		dyn_constraint(&c, "[]", "attributesToGet", DYN_RULE_LENGTH_MIN, 1);
	dyn_constraints_raise(&c);

	ops_no_mixing(atg ? "AttributesToGet" : "",
				  expr_request_has(&er, EXPR_TYPE_PROJECTION) ? "ProjectionExpression" : "");
	expr_request_precheck(&er, "");
	attrval_raise(&chk);
	for (int i = 0; i < natg; i++)
		for (int j = 0; j < i; j++)
			if (strcmp(atg_names[i], atg_names[j]) == 0)
				dyn_error(DYN_ERR_DUPLICATE_ATTRIBUTES_TO_GET, atg_names[i]);
	expr_request_validate(&er);

	t = catalog_open(name, AccessShareLock, false);
	ops_extract_key(t, norm, false, &key);
	item = upgrade_item(t, storage_get(t, &key));

	/* the common case: the stored item as it is, wrapped without a rebuild */
	if (item && !rcc && !atg && !er.parsed[EXPR_TYPE_PROJECTION])
		return jb_wrap("Item", item);

	jb_begin_object(&st);
	if (item)
	{
		int64		size = rcc ? ops_item_size(item) : 0;

		jb_ckey(&st, "Item");
		if (er.parsed[EXPR_TYPE_PROJECTION])
			jb_push_jsonb(&st, expr_project(&er.env, er.parsed[EXPR_TYPE_PROJECTION]->paths,
											er.parsed[EXPR_TYPE_PROJECTION]->npaths,
											&item->root));
		else
			jb_push_jsonb(&st, atg ? project_top_level(item, atg_names, natg) : item);
		ops_push_consumed(&st, t, rcc,
						  ops_read_units(size, consistent && consistent->val.boolean));
	}
	else
		ops_push_consumed(&st, t, rcc,
						  ops_read_units(0, consistent && consistent->val.boolean));
	return JsonbValueToJsonb(jb_end_object(&st));
}
