/*-------------------------------------------------------------------------
 * keyschema.c
 *	  Key schemas and index definitions of CreateTable and UpdateTable:
 *	  reading them (with SerializationException checks) and checking an
 *	  index definition against the table's keys and AttributeDefinitions.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "jsonb_util.h"
#include "ops/keyschema.h"
#include "ops/ops.h"

/* Read a list of {AttributeName, <type_field>} with serialization checks */
KeyElem *
keyschema_read_elems(JsonbValue *list, const char *type_field, int *n)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken r;
	KeyElem    *elems;
	int			i = 0;

	*n = jb_array_size(list);
	elems = palloc0(sizeof(KeyElem) * Max(*n, 1));
	it = JsonbIteratorInit(list->val.binary.data);
	while ((r = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (r != WJB_ELEM)
			continue;
		jb_check_kind(&v, JB_STRUCT);
		elems[i].name = jb_get_cstring(v.val.binary.data, "AttributeName");
		elems[i].type = jb_get_cstring(v.val.binary.data, type_field);
		i++;
	}
	return elems;
}

char *
keyschema_join_names(KeyElem *e, int n)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < n; i++)
		appendStringInfo(&buf, "%s%s", i ? ", " : "", e[i].name);
	return buf.data;
}

KeyElem *
keyschema_find_def(KeyElem *defs, int ndefs, const char *name)
{
	for (int i = 0; i < ndefs; i++)
		if (strcmp(defs[i].name, name) == 0)
			return &defs[i];
	return NULL;
}

RawIndex *
keyschema_read_indexes(JsonbValue *list, int *n)
{
	JsonbIterator *it = JsonbIteratorInit(list->val.binary.data);
	JsonbValue	v;
	JsonbIteratorToken r;
	RawIndex   *res;
	int			i = 0;

	*n = jb_array_size(list);
	res = palloc0(sizeof(RawIndex) * Max(*n, 1));
	while ((r = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		JsonbValue *ks;
		JsonbValue *proj;
		RawIndex   *x;

		if (r != WJB_ELEM)
			continue;
		x = &res[i++];
		jb_check_kind(&v, JB_STRUCT);
		x->def.name = jb_get_cstring(v.val.binary.data, "IndexName");
		ks = jb_get_typed(v.val.binary.data, "KeySchema", JB_LIST);
		if (ks)
			x->keys = keyschema_read_elems(ks, "KeyType", &x->nkeys);
		proj = jb_get_typed(v.val.binary.data, "Projection", JB_STRUCT);
		x->has_projection = proj != NULL;
		if (proj)
		{
			x->projection_type = jb_get_cstring(proj->val.binary.data, "ProjectionType");
			x->non_key = jb_get_typed(proj->val.binary.data, "NonKeyAttributes", JB_LIST);
		}
		x->pt = jb_get_typed(v.val.binary.data, "ProvisionedThroughput", JB_STRUCT);
	}
	return res;
}

/* One kind of index against the table's key schema and definitions */
void
keyschema_check_indexes(RawIndex *xs, int n, bool global, KeyElem *defs, int ndefs,
			  KeyElem *table_keys, const char *billing)
{
	for (int i = 0; i < n; i++)
	{
		RawIndex   *x = &xs[i];
		DynConstraints c;
		char	   *path = psprintf("%sSecondaryIndexes.%d.member.", global ? "global" : "local",
									i + 1);
		KeyElem    *d;

		dyn_constraints_init(&c);
		if (x->def.name == NULL)
			dyn_constraint(&c, NULL, psprintf("%sindexName", path), DYN_RULE_NOT_NULL);
		else
			ops_table_name_constraints(&c, x->def.name, psprintf("%sindexName", path));
		if (x->keys == NULL)
			dyn_constraint(&c, NULL, psprintf("%skeySchema", path), DYN_RULE_NOT_NULL);
		else if (x->nkeys < 1 || x->nkeys > 2)
			dyn_constraint(&c, "[...]", psprintf("%skeySchema", path),
						   x->nkeys < 1 ? DYN_RULE_LENGTH_MIN : DYN_RULE_LENGTH_MAX,
						   x->nkeys < 1 ? 1 : 2);
		if (!x->has_projection)
			dyn_constraint(&c, NULL, psprintf("%sprojection", path), DYN_RULE_NOT_NULL);
		else if (x->projection_type)
		{
			static const char *const ptypes[] = {"ALL", "INCLUDE", "KEYS_ONLY", NULL};

			ops_enum(&c, x->projection_type, psprintf("%sprojection.projectionType", path),
					 ptypes, "[ALL, INCLUDE, KEYS_ONLY]");
		}
		dyn_constraints_raise(&c);

		for (int k = 0; k < x->nkeys; k++)
			if (x->keys[k].name == NULL || x->keys[k].type == NULL)
				dyn_error(DYN_ERR_KEYSCHEMA_NO_DEFINITION);
		for (int k = 0; k < x->nkeys; k++)
			if (keyschema_find_def(defs, ndefs, x->keys[k].name) == NULL)
			{
				if (ndefs == 0)
					dyn_error(DYN_ERR_INDEX_NO_DEFINITIONS, x->def.name);
				dyn_error(DYN_ERR_KEYSCHEMA_NOT_DEFINED, keyschema_join_names(x->keys, x->nkeys),
						  keyschema_join_names(defs, ndefs));
			}
		if (x->nkeys == 2 && strcmp(x->keys[0].name, x->keys[1].name) == 0)
			dyn_error(DYN_ERR_KEYSCHEMA_SAME_NAME);
		if (strcmp(x->keys[0].type, "HASH") != 0)
			dyn_error(DYN_ERR_KEYSCHEMA_FIRST_NOT_HASH);
		if (x->nkeys == 2 && strcmp(x->keys[1].type, "RANGE") != 0)
			dyn_error(DYN_ERR_KEYSCHEMA_SECOND_NOT_RANGE);
		if (!global)
		{
			if (x->nkeys < 2)
				dyn_error(DYN_ERR_INDEX_LSI_HASH, x->def.name);
			if (strcmp(x->keys[0].name, table_keys[0].name) != 0)
				dyn_error(DYN_ERR_INDEX_LSI_SAME_HASH, x->def.name, x->keys[0].name,
						  table_keys[0].name);
		}
		if (x->projection_type == NULL)
			dyn_error(DYN_ERR_INDEX_UNKNOWN_PROJECTION, "null");
		if (x->non_key && strcmp(x->projection_type, "INCLUDE") != 0)
			dyn_error(DYN_ERR_INDEX_ALL_WITH_NONKEY, x->projection_type);
		if (!x->non_key && strcmp(x->projection_type, "INCLUDE") == 0)
			dyn_error(DYN_ERR_INDEX_INCLUDE_NO_NONKEY);
		if (global && x->pt && billing && strcmp(billing, "PAY_PER_REQUEST") == 0)
			dyn_error(DYN_ERR_INDEX_PPR_THROUGHPUT, x->def.name);
		if (global && !x->pt && billing && strcmp(billing, "PROVISIONED") == 0)
			dyn_error(DYN_ERR_INDEX_PROVISIONED_MISSING, x->def.name);

		/* the definition as recorded and described */
		x->def.global = global;
		x->def.hash_key = x->keys[0].name;
		d = keyschema_find_def(defs, ndefs, x->keys[0].name);
		x->def.hash_type = d->type[0];
		if (x->nkeys == 2)
		{
			x->def.range_key = x->keys[1].name;
			x->def.range_type = keyschema_find_def(defs, ndefs, x->keys[1].name)->type[0];
		}
		{
			JsonbParseState *ps = NULL;

			jb_begin_array(&ps);
			for (int k = 0; k < x->nkeys; k++)
			{
				jb_begin_object(&ps);
				jb_ckey(&ps, "AttributeName");
				jb_push_cstring(&ps, x->keys[k].name);
				jb_ckey(&ps, "KeyType");
				jb_push_cstring(&ps, x->keys[k].type);
				jb_end_object(&ps);
			}
			x->def.key_schema = JsonbValueToJsonb(jb_end_array(&ps));
			jb_begin_object(&ps);
			jb_ckey(&ps, "ProjectionType");
			jb_push_cstring(&ps, x->projection_type);
			if (x->non_key)
			{
				jb_ckey(&ps, "NonKeyAttributes");
				jb_push(&ps, x->non_key);
			}
			x->def.projection = JsonbValueToJsonb(jb_end_object(&ps));
			if (x->pt)
			{
				jb_begin_object(&ps);
				jb_ckey(&ps, "ReadCapacityUnits");
				jb_push(&ps, jb_get(x->pt->val.binary.data, "ReadCapacityUnits"));
				jb_ckey(&ps, "WriteCapacityUnits");
				jb_push(&ps, jb_get(x->pt->val.binary.data, "WriteCapacityUnits"));
				x->def.provisioned = JsonbValueToJsonb(jb_end_object(&ps));
			}
		}
	}
}
