/*-------------------------------------------------------------------------
 * update_table.c
 *	  UpdateTable: billing mode and throughput, and GlobalSecondaryIndexUpdates
 *	  (Create, Update, Delete) on a live table.
 *
 * Create records the index as CREATING and hands the build to a
 * background worker (index/build.c): the call returns at once, writers are
 * not blocked by the build, and DescribeTable follows it to ACTIVE.  Delete
 * drops the index (a brief exclusive lock on the backing table).  Only the
 * table's owner may change it.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"

#include "index/index.h"
#include "jsonb_util.h"
#include "ops/keyschema.h"
#include "migrate/migrate.h"
#include "ops/ops.h"

static const char *const billing_modes[] = {"PROVISIONED", "PAY_PER_REQUEST", NULL};

/* Run a catalog statement as the catalog owner */
static void
catalog_exec(const char *sql, int nargs, Oid *argtypes, Datum *values, const char *nulls)
{
	Oid			save_user;
	int			save_sec;
	int			nestlevel = catalog_run_as_owner_begin(&save_user, &save_sec);
	int			ret = SPI_execute_with_args(sql, nargs, argtypes, values, nulls, false, 0);

	catalog_run_as_owner_end(save_user, save_sec, nestlevel);
	if (ret < 0)
		elog(ERROR, "catalog update failed: %s", SPI_result_code_string(ret));
}

/* Forget an index whose build died, dropping what it left behind */
static void
drop_index(DynTable *t, DynIndex *x)
{
	Oid			argtypes[2] = {TEXTOID, TEXTOID};
	Datum		values[2] = {CStringGetTextDatum(t->name), CStringGetTextDatum(x->name)};

	if (SPI_execute(psprintf("DROP INDEX IF EXISTS %s",
							 quote_qualified_identifier(t->backing_schema, x->pg_name)),
					false, 0) != SPI_OK_UTILITY)
		elog(ERROR, "could not drop index %s", x->pg_name);
	catalog_exec("DELETE FROM dynamo.indexes WHERE table_name OPERATOR(pg_catalog.=) $1 "
				 "AND index_name OPERATOR(pg_catalog.=) $2", 2, argtypes, values, NULL);
}

Jsonb *
op_update_table(Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	DynConstraints c;
	const char *name;
	JsonbValue *ad = jb_get_typed(req, "AttributeDefinitions", JB_LIST);
	char	   *billing = jb_get_cstring(req, "BillingMode");
	JsonbValue *pt = jb_get_typed(req, "ProvisionedThroughput", JB_STRUCT);
	JsonbValue *updates = jb_get_typed(req, "GlobalSecondaryIndexUpdates", JB_LIST);
	bool		other = jb_get(req, "StreamSpecification") || jb_get(req, "SSESpecification") ||
		jb_get(req, "TableClass") || jb_get(req, "DeletionProtectionEnabled");
	KeyElem    *defs = NULL;
	int			ndefs = 0;
	DynTable   *t;
	JsonbParseState *st = NULL;
	int			ncreate = 0;
	DynIndex   *deleting = NULL;
	Jsonb	   *response = NULL;
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken r;

	if (ad)
		defs = keyschema_read_elems(ad, "AttributeType", &ndefs);
	dyn_constraints_init(&c);
	name = ops_control_table_name(req, &c);
	ops_enum(&c, billing, "billingMode", billing_modes, "[PROVISIONED, PAY_PER_REQUEST]");
	dyn_constraints_raise(&c);
	if (updates && jb_array_size(updates) == 0)
		updates = NULL;
	if (!billing && !pt && !updates && !other)
		dyn_error(DYN_ERR_INDEX_UPDATE_NOTHING);

	/* as DROP and ALTER do: the owner only, checked before the lock */
	t = catalog_peek(name);
	if (t && !pg_class_ownercheck(t->relid, GetUserId()))
		aclcheck_error(ACLCHECK_NOT_OWNER, OBJECT_TABLE, t->backing_name);
	t = catalog_open(name, ShareUpdateExclusiveLock, true);
	if (!pg_class_ownercheck(t->relid, GetUserId()))
		aclcheck_error(ACLCHECK_NOT_OWNER, OBJECT_TABLE, t->backing_name);

	/* the shape of GlobalSecondaryIndexUpdates, before anything changes */
	if (updates)
	{
		List	   *names = NIL;
		int			online = 0;

		it = JsonbIteratorInit(updates->val.binary.data);
		while ((r = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
		{
			JsonbValue *one = NULL;
			int			kinds = 0;
			char	   *iname;
			ListCell   *lc;

			if (r != WJB_ELEM)
				continue;
			jb_check_kind(&v, JB_STRUCT);
			for (int k = 0; k < 3; k++)
			{
				static const char *const fields[] = {"Create", "Delete", "Update"};
				JsonbValue *f = jb_get_typed(v.val.binary.data, fields[k], JB_STRUCT);

				if (f)
				{
					kinds++;
					one = f;
					if (k < 2)
						online++;
				}
			}
			if (kinds == 0)
				dyn_error(DYN_ERR_INDEX_UPDATE_EMPTY);
			iname = jb_get_cstring(one->val.binary.data, "IndexName");
			foreach(lc, names)
				if (iname && strcmp(lfirst(lc), iname) == 0)
					dyn_error(DYN_ERR_INDEX_ONE_PER_CALL, iname);
			if (iname)
				names = lappend(names, iname);
		}
		if (online > 1)
			dyn_error(DYN_ERR_INDEX_ONE_UPDATE);
	}

	if (billing || pt)
	{
		Oid			argtypes[3] = {TEXTOID, TEXTOID, JSONBOID};
		Datum		values[3];
		char		nulls[3] = {' ', ' ', ' '};

		if (billing && strcmp(billing, "PAY_PER_REQUEST") == 0 && pt)
			dyn_error(DYN_ERR_BILLING_PPR_THROUGHPUT);
		values[0] = CStringGetTextDatum(t->name);
		values[1] = CStringGetTextDatum(billing ? billing : t->billing_mode);
		if (pt)
			values[2] = JsonbPGetDatum(JsonbValueToJsonb(pt));
		else if (billing && strcmp(billing, "PAY_PER_REQUEST") == 0)
			nulls[2] = 'n';
		else if (t->provisioned)
			values[2] = JsonbPGetDatum(t->provisioned);
		else
			dyn_error(DYN_ERR_BILLING_PROVISIONED_MISSING);
		catalog_exec("UPDATE dynamo.tables SET billing_mode = $2, provisioned_throughput = $3 "
					 "WHERE table_name OPERATOR(pg_catalog.=) $1", 3, argtypes, values, nulls);
	}

	if (updates)
	{
		it = JsonbIteratorInit(updates->val.binary.data);
		while ((r = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
		{
			JsonbValue *create,
					   *del,
					   *upd;

			if (r != WJB_ELEM)
				continue;
			jb_check_kind(&v, JB_STRUCT);
			create = jb_get_typed(v.val.binary.data, "Create", JB_STRUCT);
			del = jb_get_typed(v.val.binary.data, "Delete", JB_STRUCT);
			upd = jb_get_typed(v.val.binary.data, "Update", JB_STRUCT);
			if (create)
			{
				RawIndex   *ri;
				int			n;
				KeyElem    *alldefs;
				int			nall;
				DynIndex   *old;
				JsonbParseState *ls = NULL;
				Jsonb	   *list;
				KeyElem		tkeys[2];
				Oid			argtypes[2] = {TEXTOID, TEXTOID};
				Datum		values[2];
				int64		index_id;
				int			pid;

				++ncreate;
				/* the table's definitions plus those of the request */
				{
					JsonbValue *td = palloc(sizeof(JsonbValue));
					KeyElem    *tdefs;
					int			ntdefs;

					td->type = jbvBinary;
					td->val.binary.data = &t->attribute_definitions->root;
					td->val.binary.len = VARSIZE(t->attribute_definitions) - VARHDRSZ;
					tdefs = keyschema_read_elems(td, "AttributeType", &ntdefs);
					alldefs = palloc(sizeof(KeyElem) * (ntdefs + ndefs + 1));
					nall = 0;
					for (int i = 0; i < ndefs; i++)
						alldefs[nall++] = defs[i];
					for (int i = 0; i < ntdefs; i++)
						if (!keyschema_find_def(defs, ndefs, tdefs[i].name))
							alldefs[nall++] = tdefs[i];
				}
				jb_begin_array(&ls);
				jb_push(&ls, create);
				list = JsonbValueToJsonb(jb_end_array(&ls));
				{
					JsonbValue	lv;

					lv.type = jbvBinary;
					lv.val.binary.data = &list->root;
					lv.val.binary.len = VARSIZE(list) - VARHDRSZ;
					ri = keyschema_read_indexes(&lv, &n);
				}
				tkeys[0].name = t->hash_key;
				tkeys[0].type = "HASH";
				tkeys[1].name = t->range_key;
				tkeys[1].type = "RANGE";
				/* the request itself must define the index keys */
				keyschema_check_indexes(ri, 1, true, defs, ndefs, tkeys, NULL);
				if (strcmp(t->billing_mode, "PROVISIONED") == 0 && !ri->pt)
					dyn_error(DYN_ERR_INDEX_UPDATE_PROVISIONED, ri->def.name);
				if (strcmp(t->billing_mode, "PAY_PER_REQUEST") == 0 && ri->pt)
					dyn_error(DYN_ERR_INDEX_PPR_THROUGHPUT, ri->def.name);

				old = catalog_find_index(t, ri->def.name);
				if (old && strcmp(old->status, "CREATING") == 0 && !index_build_alive(old))
					drop_index(t, old);	/* retry a build that died */
				else if (old)
					dyn_error(DYN_ERR_INDEX_EXISTS);
				{
					int			nglobal = 0;

					for (int i = 0; i < t->nindexes; i++)
					{
						if (&t->indexes[i] != old && strcmp(t->indexes[i].status, "CREATING") == 0 &&
							index_build_alive(&t->indexes[i]))
							dyn_error(DYN_ERR_INDEX_ONE_UPDATE);
						nglobal += (t->indexes[i].global && &t->indexes[i] != old);
					}
					if (nglobal >= 20)
						dyn_error(DYN_ERR_INDEX_GSI_LIMIT_UPDATE);
				}

				/* record it CREATING, remember new definitions, start the build */
				index_record(t->name, &ri->def, "", "CREATING");
				values[0] = CStringGetTextDatum(t->name);
				values[1] = CStringGetTextDatum(ri->def.name);
				catalog_exec("UPDATE dynamo.indexes SET pg_index_name = "
							 "(SELECT backing_name FROM dynamo.tables WHERE table_name OPERATOR(pg_catalog.=) $1) "
							 "OPERATOR(pg_catalog.||) '_g' OPERATOR(pg_catalog.||) index_id "
							 "WHERE table_name OPERATOR(pg_catalog.=) $1 AND index_name OPERATOR(pg_catalog.=) $2 "
							 "RETURNING index_id", 2, argtypes, values, NULL);
				{
					bool		isnull;

					index_id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
														   SPI_tuptable->tupdesc, 1, &isnull));
				}
				if (ad)
				{
					JsonbParseState *ds = NULL;
					Oid			at[2] = {TEXTOID, JSONBOID};
					Datum		av[2];

					jb_begin_array(&ds);
					for (int i = 0; i < nall; i++)
					{
						jb_begin_object(&ds);
						jb_ckey(&ds, "AttributeName");
						jb_push_cstring(&ds, alldefs[i].name);
						jb_ckey(&ds, "AttributeType");
						jb_push_cstring(&ds, alldefs[i].type);
						jb_end_object(&ds);
					}
					av[0] = CStringGetTextDatum(t->name);
					av[1] = JsonbPGetDatum(JsonbValueToJsonb(jb_end_array(&ds)));
					catalog_exec("UPDATE dynamo.tables SET attribute_definitions = $2 "
								 "WHERE table_name OPERATOR(pg_catalog.=) $1", 2, at, av, NULL);
				}
				pid = index_build_start(index_id);
				{
					Oid			pt2[2] = {INT8OID, INT4OID};
					Datum		pv[2] = {Int64GetDatum(index_id), Int32GetDatum(pid)};

					catalog_exec("UPDATE dynamo.indexes SET worker_pid = $2 "
								 "WHERE index_id OPERATOR(pg_catalog.=) $1", 2, pt2, pv, NULL);
				}
			}
			else if (del)
			{
				char	   *iname = jb_get_cstring(del->val.binary.data, "IndexName");
				DynIndex   *x = iname ? catalog_find_index(t, iname) : NULL;

				if (x == NULL)
					dyn_error(DYN_ERR_INDEX_NOT_FOUND_UPDATE, iname ? iname : "null", t->name);
				if (!x->global)
					dyn_error(DYN_ERR_INDEX_DELETE_LSI, iname);
				for (int i = 0; i < t->nindexes; i++)
					if (&t->indexes[i] != x && strcmp(t->indexes[i].status, "CREATING") == 0 &&
						index_build_alive(&t->indexes[i]))
						dyn_error(DYN_ERR_INDEX_ONE_UPDATE);
				deleting = x;	/* dropped once the response shows it DELETING */
			}
			else if (upd)
			{
				char	   *iname = jb_get_cstring(upd->val.binary.data, "IndexName");
				JsonbValue *ipt = jb_get_typed(upd->val.binary.data, "ProvisionedThroughput",
											   JB_STRUCT);
				DynIndex   *x = iname ? catalog_find_index(t, iname) : NULL;
				Oid			argtypes[3] = {TEXTOID, TEXTOID, JSONBOID};
				Datum		values[3];

				if (x == NULL || !x->global)
					dyn_error(DYN_ERR_INDEX_NOT_FOUND_UPDATE, iname ? iname : "null", t->name);
				if (strcmp(t->billing_mode, "PAY_PER_REQUEST") == 0)
					dyn_error(DYN_ERR_INDEX_UPDATE_PPR, iname);
				if (ipt == NULL)
					dyn_error(DYN_ERR_INDEX_UPDATE_PROVISIONED, iname);
				values[0] = CStringGetTextDatum(t->name);
				values[1] = CStringGetTextDatum(iname);
				values[2] = JsonbPGetDatum(JsonbValueToJsonb(ipt));
				catalog_exec("UPDATE dynamo.indexes SET provisioned_throughput = $3 "
							 "WHERE table_name OPERATOR(pg_catalog.=) $1 AND index_name OPERATOR(pg_catalog.=) $2",
							 3, argtypes, values, NULL);
			}
		}
	}

	/* the response shows a deleted index as DELETING, then it goes */
	if (deleting)
	{
		jb_begin_object(&st);
		jb_ckey(&st, "TableDescription");
		catalog_describe_ex(&st, t, "UPDATING", true, deleting->name);
		response = JsonbValueToJsonb(jb_end_object(&st));
		drop_index(t, deleting);
	}

	if (updates)
	{
		/* definitions that no key uses any more go, as DynamoDB drops them */
		Oid			at[1] = {TEXTOID};
		Datum		av[1] = {CStringGetTextDatum(t->name)};

		catalog_exec("UPDATE dynamo.tables t SET attribute_definitions = "
					 "(SELECT jsonb_agg(d) FROM jsonb_array_elements(t.attribute_definitions) d "
					 " WHERE d->>'AttributeName' IN (t.hash_key, t.range_key) "
					 " OR d->>'AttributeName' IN (SELECT i.hash_key FROM dynamo.indexes i "
					 "   WHERE i.table_name = t.table_name UNION ALL SELECT i.range_key "
					 "   FROM dynamo.indexes i WHERE i.table_name = t.table_name)) "
					 "WHERE t.table_name = $1", 1, at, av, NULL);
	}
	history_record(t->name, "UpdateTable", request);

	/* every backend (and we) must see the new description */
	catalog_invalidate(t);
	if (response)
		return response;
	t = catalog_open(name, AccessShareLock, true);
	st = NULL;
	jb_begin_object(&st);
	jb_ckey(&st, "TableDescription");
	catalog_describe_ex(&st, t, updates ? "UPDATING" : NULL, true, NULL);
	return JsonbValueToJsonb(jb_end_object(&st));
}
