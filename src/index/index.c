/*-------------------------------------------------------------------------
 * index.c
 *	  Secondary indexes (LSI, GSI) as Postgres expression indexes.
 *
 * A GSI on attribute A (type S) with sort key R is the partial index
 *
 *	 CREATE INDEX ... ON <backing> (((item->'A'->>'S') COLLATE "C"),
 *	                                <R expression>, pk, sk)
 *	 WHERE (item->'A') ? 'S' AND (item->'R') ? '<type>'
 *
 * so it is sparse exactly as DynamoDB's indexes are (an item without the
 * key attributes is not in it), Postgres maintains it in the writing
 * transaction (reads after a write see it: strongly consistent, an
 * improvement on DynamoDB), and the table's own keys break ties, which
 * makes paging through many items with one index key value exact.  An LSI
 * is (pk, <R expression>, sk).  N keys index as numeric, B keys as bytea.
 *
 * Writes check index key types (DynamoDB refuses a wrong type) here.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "utils/syscache.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/fmgrprotos.h"

#include "attrval.h"
#include "dynamo_ext.h"
#include "errors.h"
#include "expr/eval.h"
#include "index/index.h"
#include "jsonb_util.h"
#include "keycodec.h"

/* The SQL expression of an index key attribute over the item column */
char *
index_key_expr(const char *attr, char type)
{
	const char *a = quote_literal_cstr(attr);

	switch (type)
	{
		case 'S':
			return psprintf("(((item OPERATOR(pg_catalog.->) %s) OPERATOR(pg_catalog.->>) 'S') "
							"COLLATE pg_catalog.\"C\")", a);
		case 'N':
			return psprintf("(((item OPERATOR(pg_catalog.->) %s) OPERATOR(pg_catalog.->>) 'N')"
							"::pg_catalog.numeric)", a);
		case 'B':
			return psprintf("pg_catalog.decode(((item OPERATOR(pg_catalog.->) %s) "
							"OPERATOR(pg_catalog.->>) 'B'), 'base64')", a);
	}
	elog(ERROR, "unrecognized key type: %c", type);
	return NULL;
}

/* The partial-index predicate: the item has the key attributes */
char *
index_predicate(const char *hash_key, char hash_type, const char *range_key, char range_type)
{
	char	   *p = psprintf("((item OPERATOR(pg_catalog.->) %s) OPERATOR(pg_catalog.?) '%c')",
							 quote_literal_cstr(hash_key), hash_type);

	if (range_key)
		p = psprintf("%s AND ((item OPERATOR(pg_catalog.->) %s) OPERATOR(pg_catalog.?) '%c')",
					 p, quote_literal_cstr(range_key), range_type);
	return p;
}

char *
index_create_sql(const char *schema, const char *backing, const char *pg_name,
				 IndexDef *def, bool table_has_range, bool concurrently)
{
	StringInfoData cols;

	initStringInfo(&cols);
	if (def->global)
	{
		appendStringInfoString(&cols, index_key_expr(def->hash_key, def->hash_type));
		if (def->range_key)
			appendStringInfo(&cols, ", %s", index_key_expr(def->range_key, def->range_type));
		appendStringInfoString(&cols, table_has_range ? ", pk, sk" : ", pk");
	}
	else
		appendStringInfo(&cols, "pk, %s, sk", index_key_expr(def->range_key, def->range_type));

	return psprintf("CREATE INDEX %s%s ON %s (%s) WHERE %s",
					concurrently ? "CONCURRENTLY " : "",
					quote_identifier(pg_name), quote_qualified_identifier(schema, backing),
					cols.data,
					def->global ? index_predicate(def->hash_key, def->hash_type,
												  def->range_key, def->range_type) :
					index_predicate(def->range_key, def->range_type, NULL, 0));
}

/* Insert the catalog row of an index (as the catalog owner) */
void
index_record(const char *table, IndexDef *def, const char *pg_name, const char *status)
{
	Oid			argtypes[12] = {TEXTOID, TEXTOID, BOOLOID, TEXTOID, CHAROID, TEXTOID,
	CHAROID, JSONBOID, JSONBOID, JSONBOID, TEXTOID, TEXTOID};
	Datum		values[12];
	char		nulls[12];
	Oid			save_user;
	int			save_sec;
	int			nestlevel;
	int			ret;

	memset(nulls, ' ', sizeof(nulls));
	values[0] = CStringGetTextDatum(table);
	values[1] = CStringGetTextDatum(def->name);
	values[2] = BoolGetDatum(def->global);
	values[3] = CStringGetTextDatum(def->hash_key);
	values[4] = CharGetDatum(def->hash_type);
	if (def->range_key)
	{
		values[5] = CStringGetTextDatum(def->range_key);
		values[6] = CharGetDatum(def->range_type);
	}
	else
		nulls[5] = nulls[6] = 'n';
	values[7] = JsonbPGetDatum(def->key_schema);
	values[8] = JsonbPGetDatum(def->projection);
	if (def->provisioned)
		values[9] = JsonbPGetDatum(def->provisioned);
	else
		nulls[9] = 'n';
	values[10] = CStringGetTextDatum(status);
	values[11] = CStringGetTextDatum(pg_name);

	nestlevel = catalog_run_as_owner_begin(&save_user, &save_sec);
	ret = SPI_execute_with_args("INSERT INTO dynamo.indexes (table_name, index_name, is_global, "
								"hash_key, hash_type, range_key, range_type, key_schema, projection, "
								"provisioned_throughput, status, pg_index_name) "
								"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
								12, argtypes, values, nulls, false, 0);
	catalog_run_as_owner_end(save_user, save_sec, nestlevel);
	if (ret != SPI_OK_INSERT)
		elog(ERROR, "index catalog insert failed: %s", SPI_result_code_string(ret));
}

/* Did a SET clause of the update write attr? */
static bool
set_by_update(ExprEnv *env, ExprParsed *upd, const char *attr)
{
	for (int i = 0; upd && i < upd->nclauses; i++)
	{
		char	   *name;
		int			len;

		if (upd->clauses[i].action != UPD_SET)
			continue;
		expr_path_name(env, &upd->clauses[i].path->elems[0], &name, &len);
		if (len == (int) strlen(attr) && memcmp(name, attr, len) == 0)
			return true;
	}
	return false;
}

static void
check_key_attr(DynTable *t, DynIndex *x, Jsonb *item, const char *attr, char type,
			   ExprEnv *env, ExprParsed *upd)
{
	JsonbValue *av = getKeyJsonValueFromContainer(&item->root, attr, strlen(attr), NULL);
	EVal		v;

	if (av == NULL)
		return;					/* sparse: not in the index */
	expr_av_to_eval(av, &v);
	if (v.type != (type == 'S' ? AV_S : type == 'N' ? AV_N : AV_B))
	{
		if (set_by_update(env, upd, attr))
			dyn_error(DYN_ERR_INDEX_UPDATE_TYPE);
		dyn_error(DYN_ERR_INDEX_KEY_TYPE, attr, type, attrval_type_names[v.type], x->name);
	}
	if ((type == 'S' || type == 'B') && v.v.val.string.len == 0)
		dyn_error(DYN_ERR_INDEX_KEY_EMPTY, x->name, attr);
}

/* Refuse an item whose index key attributes have the wrong type */
void
index_check_item(DynTable *t, Jsonb *item, ExprEnv *env, ExprParsed *upd)
{
	for (int i = 0; i < t->nindexes; i++)
	{
		DynIndex   *x = &t->indexes[i];

		if (x->global)
			check_key_attr(t, x, item, x->hash_key, x->hash_type, env, upd);
		if (x->range_key)
			check_key_attr(t, x, item, x->range_key, x->range_type, env, upd);
	}
}

/* Does the index hold the item: its key attributes, of the index's types? */
static bool
has_key_attr(Jsonb *item, const char *attr, int len, char type)
{
	JsonbValue *av = getKeyJsonValueFromContainer(&item->root, attr, len, NULL);
	char		tag[1] = {type};

	return av != NULL && av->type == jbvBinary && JsonContainerIsObject(av->val.binary.data) &&
		getKeyJsonValueFromContainer(av->val.binary.data, tag, 1, NULL) != NULL;
}

bool
index_holds_item(DynIndex *x, Jsonb *item)
{
	if (x->global && !has_key_attr(item, x->hash_key, x->hash_key_len, x->hash_type))
		return false;
	return x->range_key == NULL ||
		has_key_attr(item, x->range_key, x->range_key_len, x->range_type);
}

bool
index_projects_all(DynIndex *x)
{
	return strcmp(x->projection_type, "ALL") == 0;
}

static bool
name_in(JsonbValue *arr, const char *name, int len)
{
	JsonbValue	s;

	if (arr == NULL)
		return false;
	s.type = jbvString;
	s.val.string.val = (char *) name;
	s.val.string.len = len;
	return findJsonbValueFromContainer(arr->val.binary.data, JB_FARRAY, &s) != NULL;
}

/* What an index holds of an item: keys (table and index) and projected attributes */
Jsonb *
index_project(DynTable *t, DynIndex *x, Jsonb *item)
{
	JsonbParseState *st = NULL;
	JsonbIterator *it;
	JsonbValue	k,
				v;
	JsonbIteratorToken r;
	JsonbValue *include;

	if (index_projects_all(x))
		return item;
	include = jb_get(&x->projection->root, "NonKeyAttributes");
	jb_begin_object(&st);
	it = JsonbIteratorInit(&item->root);
	while ((r = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		const char *n;
		int			l;
		bool		keep;

		if (r != WJB_KEY)
			continue;
		JsonbIteratorNext(&it, &v, true);
		n = k.val.string.val;
		l = k.val.string.len;
		keep = (l == t->hash_key_len && memcmp(n, t->hash_key, l) == 0) ||
			(t->range_key && l == t->range_key_len && memcmp(n, t->range_key, l) == 0) ||
			(l == x->hash_key_len && memcmp(n, x->hash_key, l) == 0) ||
			(x->range_key && l == x->range_key_len && memcmp(n, x->range_key, l) == 0) ||
			name_in(include, n, l);
		if (keep)
		{
			jb_key(&st, n, l);
			jb_push(&st, &v);
		}
	}
	return JsonbValueToJsonb(jb_end_object(&st));
}

/* Is the background build of a CREATING index still running? */
bool
index_build_alive(DynIndex *x)
{
	return dyn_worker_alive(x->worker_pid);
}

static int64
rel_tuples(Oid relid)
{
	HeapTuple	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	int64		n = 0;

	if (HeapTupleIsValid(tup))
	{
		float4		r = ((Form_pg_class) GETSTRUCT(tup))->reltuples;

		n = r > 0 ? (int64) r : 0;
		ReleaseSysCache(tup);
	}
	return n;
}

/* LocalSecondaryIndexes or GlobalSecondaryIndexes of a TableDescription */
void
index_describe(JsonbParseState **st, DynTable *t, bool global, const char *deleting,
			   bool just_started)
{
	bool		any = false;

	for (int i = 0; i < t->nindexes; i++)
		any |= (t->indexes[i].global == global);
	if (!any)
		return;
	jb_ckey(st, global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
	jb_begin_array(st);
	for (int i = 0; i < t->nindexes; i++)
	{
		DynIndex   *x = &t->indexes[i];
		bool		creating = strcmp(x->status, "CREATING") == 0;
		Oid			relid;

		if (x->global != global)
			continue;
		jb_begin_object(st);
		jb_ckey(st, "IndexName");
		jb_push_cstring(st, x->name);
		jb_ckey(st, "KeySchema");
		jb_push_jsonb(st, x->key_schema);
		jb_ckey(st, "Projection");
		jb_push_jsonb(st, x->projection);
		jb_ckey(st, "IndexArn");
		jb_push_cstring(st, psprintf("arn:aws:dynamodb:local:000000000000:table/%s/index/%s",
									 t->name, x->name));
		relid = get_relname_relid(x->pg_name, get_rel_namespace(t->relid));
		jb_ckey(st, "IndexSizeBytes");
		jb_push_int64(st, OidIsValid(relid) && !creating ?
					  DatumGetInt64(DirectFunctionCall2(pg_relation_size,
														ObjectIdGetDatum(relid),
														CStringGetTextDatum("main"))) : 0);
		jb_ckey(st, "ItemCount");
		jb_push_int64(st, OidIsValid(relid) && !creating ? rel_tuples(relid) : 0);
		if (global)
		{
			jb_ckey(st, "IndexStatus");
			jb_push_cstring(st, deleting && strcmp(deleting, x->name) == 0 ? "DELETING" : x->status);
			if (creating)
			{
				/* a build that died (server restart, error) is not running */
				bool		alive = index_build_alive(x);

				jb_ckey(st, "Backfilling");
				jb_push_bool(st, alive && !just_started);
				if (!alive)
				{
					jb_ckey(st, "BuildError");
					jb_push_cstring(st, x->last_error ? x->last_error :
									"the build stopped (server restart?); retry with UpdateTable Create");
				}
			}
			if (x->violations > 0)
			{
				jb_ckey(st, "IndexKeyViolations");
				jb_push_int64(st, x->violations);
			}
			jb_ckey(st, "ProvisionedThroughput");
			jb_begin_object(st);
			jb_ckey(st, "NumberOfDecreasesToday");
			jb_push_int64(st, 0);
			jb_ckey(st, "ReadCapacityUnits");
			if (x->provisioned)
				jb_push(st, jb_get(&x->provisioned->root, "ReadCapacityUnits"));
			else
				jb_push_int64(st, 0);
			jb_ckey(st, "WriteCapacityUnits");
			if (x->provisioned)
				jb_push(st, jb_get(&x->provisioned->root, "WriteCapacityUnits"));
			else
				jb_push_int64(st, 0);
			jb_end_object(st);
		}
		jb_end_object(st);
	}
	jb_end_array(st);
}
