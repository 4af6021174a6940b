/*-------------------------------------------------------------------------
 * upgrade.c
 *	  Lazy upgrades: items of an entity type move from schema version k to
 *	  k+1 when they are read or written (dyn_register_upgrade).
 *
 * An item's schema version is its numeric attribute "_schema_version"
 * (absent: 0).  An upgrade applies to items matching its entity filter (a
 * condition expression over the item, without placeholders) at its
 * from_version: the SQL function upgrade(jsonb) RETURNS jsonb receives the
 * item as stored (DynamoDB typed JSON) and returns the upgraded item, which
 * gets _schema_version = to_version.  Upgrades chain (k -> k+1 -> ...).
 * Reads return upgraded items; writes store them upgraded; so old and new
 * versions coexist safely while a bulk job catches up.  An upgrade may not
 * change the item's key.  Tables without upgrades pay nothing.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/regproc.h"

#include "attrval.h"
#include "expr/eval.h"
#include "jsonb_util.h"
#include "marshall.h"
#include "migrate/migrate.h"
#include "wire.h"

#define DYN_SCHEMA_VERSION_ATTR "_schema_version"
#define DYN_MAX_UPGRADE_CHAIN	1000

/* The upgrades of a table, loaded with its descriptor (into t->cxt) */
void
upgrade_load(DynTable *t)
{
	Datum		arg = CStringGetTextDatum(t->name);
	Oid			argtypes[1] = {TEXTOID};
	MemoryContext old;

	if (SPI_execute_with_args("SELECT entity_filter, from_version, to_version, upgrade::oid, filter_values "
							  "FROM dynamo.upgrades WHERE table_name OPERATOR(pg_catalog.=) $1 "
							  "ORDER BY from_version", 1, argtypes, &arg, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read upgrades");
	old = MemoryContextSwitchTo(t->cxt);
	t->nupgrades = (int) SPI_processed;
	t->upgrades = palloc0(sizeof(DynUpgrade) * Max(t->nupgrades, 1));
	for (int i = 0; i < t->nupgrades; i++)
	{
		bool		isnull;
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *filter = TextDatumGetCString(SPI_getbinval(tup, desc, 1, &isnull));

		t->upgrades[i].filter = expr_parse(EXPR_TYPE_CONDITION, filter, strlen(filter));
		t->upgrades[i].from_version = DatumGetInt32(SPI_getbinval(tup, desc, 2, &isnull));
		t->upgrades[i].to_version = DatumGetInt32(SPI_getbinval(tup, desc, 3, &isnull));
		t->upgrades[i].fn = DatumGetObjectId(SPI_getbinval(tup, desc, 4, &isnull));
		{
			Datum		d = SPI_getbinval(tup, desc, 5, &isnull);

			t->upgrades[i].values = isnull ? NULL : DatumGetJsonbPCopy(d);
		}
	}
	MemoryContextSwitchTo(old);
}

static int
item_version(Jsonb *item)
{
	JsonbValue *av = getKeyJsonValueFromContainer(&item->root, DYN_SCHEMA_VERSION_ATTR,
												  strlen(DYN_SCHEMA_VERSION_ATTR), NULL);
	EVal		v;

	expr_av_to_eval(av, &v);
	if (av == NULL)
		return 0;
	if (v.type != AV_N || v.v.val.string.len > 9)
		return -1;				/* no upgrade applies to an odd version */
	for (int i = 0; i < v.v.val.string.len; i++)
		if (v.v.val.string.val[i] < '0' || v.v.val.string.val[i] > '9')
			return -1;
	return atoi(pnstrdup(v.v.val.string.val, v.v.val.string.len));
}

static bool
same_key(DynTable *t, Jsonb *a, Jsonb *b)
{
	for (int i = 0; i < (t->range_key ? 2 : 1); i++)
	{
		const char *name = i ? t->range_key : t->hash_key;
		JsonbValue *x = getKeyJsonValueFromContainer(&a->root, name, strlen(name), NULL);
		JsonbValue *y = getKeyJsonValueFromContainer(&b->root, name, strlen(name), NULL);
		EVal		ex,
					ey;

		expr_av_to_eval(x, &ex);
		expr_av_to_eval(y, &ey);
		if (!expr_equal(&ex, &ey))
			return false;
	}
	return true;
}

/* The item, upgraded through every upgrade that applies to it */
Jsonb *
upgrade_item(DynTable *t, Jsonb *item)
{
	ExprEnv		env = {NULL, NULL};

	if (t->nupgrades == 0 || item == NULL)
		return item;
	for (int step = 0; step < DYN_MAX_UPGRADE_CHAIN; step++)
	{
		int			v = item_version(item);
		DynUpgrade *u = NULL;
		Jsonb	   *res;
		JsonbParseState *st = NULL;
		JsonbIterator *it;
		JsonbValue	k,
					val;
		JsonbIteratorToken r;

		for (int i = 0; i < t->nupgrades && u == NULL; i++)
		{
			env.values = t->upgrades[i].values ? &t->upgrades[i].values->root : NULL;
			if (t->upgrades[i].from_version == v &&
				expr_eval_condition(&env, t->upgrades[i].filter->cond, &item->root))
				u = &t->upgrades[i];
		}
		if (u == NULL)
			return item;

		{
			LOCAL_FCINFO(fcinfo, 1);
			FmgrInfo	flinfo;
			Datum		d;

			fmgr_info(u->fn, &flinfo);
			InitFunctionCallInfoData(*fcinfo, &flinfo, 1, InvalidOid, NULL, NULL);
			fcinfo->args[0].value = JsonbPGetDatum(item);
			fcinfo->args[0].isnull = false;
			d = FunctionCallInvoke(fcinfo);
			if (fcinfo->isnull)
				dyn_error(DYN_ERR_UPGRADE_RESULT, get_func_name(u->fn));
			res = DatumGetJsonbP(d);
		}
		if (!JB_ROOT_IS_OBJECT(res))
			dyn_error(DYN_ERR_UPGRADE_RESULT, get_func_name(u->fn));
		if (!same_key(t, item, res))
			dyn_error(DYN_ERR_UPGRADE_RESULT, get_func_name(u->fn));

		/* the upgraded item, at the new version */
		jb_begin_object(&st);
		it = JsonbIteratorInit(&res->root);
		while ((r = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
		{
			if (r != WJB_KEY)
				continue;
			JsonbIteratorNext(&it, &val, true);
			if (k.val.string.len == strlen(DYN_SCHEMA_VERSION_ATTR) &&
				memcmp(k.val.string.val, DYN_SCHEMA_VERSION_ATTR, k.val.string.len) == 0)
				continue;
			jb_key(&st, k.val.string.val, k.val.string.len);
			jb_push(&st, &val);
		}
		jb_ckey(&st, DYN_SCHEMA_VERSION_ATTR);
		jb_begin_object(&st);
		jb_ckey(&st, "N");
		jb_push_cstring(&st, psprintf("%d", u->to_version));
		jb_end_object(&st);
		item = JsonbValueToJsonb(jb_end_object(&st));
		{
			/* the result must be a valid item */
			JsonbValue	b;
			AvCheck		chk;
			JsonbValue *canon;

			b.type = jbvBinary;
			b.val.binary.data = &item->root;
			b.val.binary.len = VARSIZE(item) - VARHDRSZ;
			canon = attrval_map(&b, &chk);
			attrval_raise(&chk);
			item = JsonbValueToJsonb(canon);
		}
	}
	return item;
}

PG_FUNCTION_INFO_V1(dyn_register_upgrade);
Datum
dyn_register_upgrade(PG_FUNCTION_ARGS)
{
	char	   *table;
	char	   *filter;
	int32		from,
				to;
	Oid			fn;
	DynTable   *t;
	ExprParsed *parsed;
	Oid			argtypes[6] = {TEXTOID, TEXTOID, INT4OID, INT4OID, REGPROCEDUREOID, JSONBOID};
	Datum		values[6];
	char		nulls[6] = {' ', ' ', ' ', ' ', ' ', ' '};
	Oid			save_user;
	int			save_sec;
	int			nestlevel;
	JsonbParseState *st = NULL;

	Jsonb	   *fvalues = NULL;

	for (int i = 0; i < 5; i++)
		if (PG_ARGISNULL(i))
			dyn_error(DYN_ERR_MIGRATION_ACTIONS, "every argument of dyn_register_upgrade is required");
	table = text_to_cstring(PG_GETARG_TEXT_PP(0));
	filter = text_to_cstring(PG_GETARG_TEXT_PP(1));
	from = PG_GETARG_INT32(2);
	to = PG_GETARG_INT32(3);
	fn = PG_GETARG_OID(4);
	if (to != from + 1 || from < 0)
		dyn_error(DYN_ERR_UPGRADE_VERSIONS, from, to);
	parsed = expr_parse(EXPR_TYPE_CONDITION, filter, strlen(filter));
	if (PG_NARGS() > 5 && !PG_ARGISNULL(5))
		fvalues = marshall_item(wire_escape_jsonb(PG_GETARG_JSONB_P(5)));
	if (parsed->name_refs)
		dyn_error(DYN_ERR_MIGRATION_ACTIONS, "an entity filter names attributes directly (no #name placeholders)");
	{
		ListCell   *lc;

		foreach(lc, parsed->value_refs)
			if (fvalues == NULL ||
				!getKeyJsonValueFromContainer(&fvalues->root, lfirst(lc), strlen(lfirst(lc)), NULL))
				dyn_error(DYN_ERR_EXPR_VALUE_UNDEFINED, "ConditionExpression", (char *) lfirst(lc));
	}
	if (get_func_rettype(fn) != JSONBOID)
		dyn_error(DYN_ERR_UPGRADE_RESULT, get_func_name(fn));

	SPI_connect();
	t = catalog_open(table, AccessShareLock, true);
	if (!pg_class_ownercheck(t->relid, GetUserId()))
		aclcheck_error(ACLCHECK_NOT_OWNER, OBJECT_TABLE, t->backing_name);
	values[0] = CStringGetTextDatum(table);
	values[1] = CStringGetTextDatum(filter);
	values[2] = Int32GetDatum(from);
	values[3] = Int32GetDatum(to);
	values[4] = ObjectIdGetDatum(fn);
	values[5] = fvalues ? JsonbPGetDatum(fvalues) : (Datum) 0;
	nulls[5] = fvalues ? ' ' : 'n';
	nestlevel = catalog_run_as_owner_begin(&save_user, &save_sec);
	SPI_execute_with_args("INSERT INTO dynamo.upgrades (table_name, entity_filter, from_version, "
						  "to_version, upgrade, filter_values) VALUES ($1, $2, $3, $4, $5, $6) "
						  "ON CONFLICT (table_name, entity_filter, from_version) "
						  "DO UPDATE SET upgrade = EXCLUDED.upgrade, to_version = EXCLUDED.to_version, "
						  "filter_values = EXCLUDED.filter_values",
						  6, argtypes, values, nulls, false, 0);
	catalog_run_as_owner_end(save_user, save_sec, nestlevel);

	jb_begin_object(&st);
	jb_ckey(&st, "EntityFilter");
	jb_push_cstring(&st, filter);
	jb_ckey(&st, "FromVersion");
	jb_push_int64(&st, from);
	jb_ckey(&st, "ToVersion");
	jb_push_int64(&st, to);
	jb_ckey(&st, "Upgrade");
	jb_push_cstring(&st, format_procedure(fn));
	history_record(table, "RegisterUpgrade", JsonbValueToJsonb(jb_end_object(&st)));
	catalog_invalidate(t);
	SPI_finish();
	PG_RETURN_VOID();
}
