/*-------------------------------------------------------------------------
 * create_table.c
 *	  CreateTable: validate in DynamoDB's order, record the table in the
 *	  catalog, create its backing table.
 *
 * The catalog row is inserted first (ON CONFLICT DO NOTHING), so two
 * sessions creating the same name at once get one success and one
 * ResourceInUseException, never a unique violation.  The backing table is
 * created as the calling role (it needs CREATE on schema dynamo_data).
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "catalog.h"
#include "jsonb_util.h"
#include "index/index.h"
#include "migrate/migrate.h"
#include "ops/ops.h"
#include "ops/keyschema.h"

static const char *const key_types[] = {"HASH", "RANGE", NULL};
static const char *const attr_types[] = {"B", "N", "S", NULL};
static const char *const billing_modes[] = {"PROVISIONED", "PAY_PER_REQUEST", NULL};

#define MAX_CAPACITY INT64CONST(1000000000000)



static char *
render_key_schema(KeyElem *ks, int n)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	for (int i = 0; i < n; i++)
		appendStringInfo(&buf, "%sKeySchemaElement(attributeName=%s, keyType=%s)",
						 i ? ", " : "", ks[i].name ? ks[i].name : "null",
						 ks[i].type ? ks[i].type : "null");
	appendStringInfoChar(&buf, ']');
	return buf.data;
}



/* ProvisionedThroughput member: Long, at least 1 */
static JsonbValue *
capacity(JsonbValue *pt, const char *field, const char *path, DynConstraints *c)
{
	JsonbValue *v = jb_get_typed(pt->val.binary.data, field, JB_LONG);
	int64		n;

	if (v == NULL)
		dyn_constraint(c, NULL, path, DYN_RULE_NOT_NULL);
	else if (!jb_number_int64(v, &n) || n < 1)
		dyn_constraint(c, jb_number_text(v), path, DYN_RULE_VALUE_MIN, 1);
	return v;
}

static void
check_capacity_bound(JsonbValue *v, const char *field)
{
	int64		n;

	if (v && (!jb_number_int64(v, &n) || n > MAX_CAPACITY))
		dyn_error(DYN_ERR_CAPACITY_OUT_OF_BOUNDS, jb_number_text(v), field);
}




/* With indexes, every attribute definition must be some key */
static void
check_defs_used(KeyElem *defs, int ndefs, KeyElem *keys, int nkeys,
				RawIndex *lsis, int nlsi, RawIndex *gsis, int ngsi)
{
	StringInfoData used;
	bool		all = true;

	initStringInfo(&used);
	for (int i = 0; i < ndefs; i++)
	{
		bool		found = false;

		for (int k = 0; k < nkeys && !found; k++)
			found = strcmp(keys[k].name, defs[i].name) == 0;
		for (int x = 0; x < nlsi + ngsi && !found; x++)
		{
			RawIndex   *ri = x < nlsi ? &lsis[x] : &gsis[x - nlsi];

			for (int k = 0; k < ri->nkeys && !found; k++)
				found = strcmp(ri->keys[k].name, defs[i].name) == 0;
		}
		if (found)
			appendStringInfo(&used, "%s%s", used.len ? ", " : "", defs[i].name);
		all &= found;
	}
	if (!all)
		dyn_error(DYN_ERR_INDEX_UNUSED_DEFS, keyschema_join_names(defs, ndefs), used.data);
}

Jsonb *
op_create_table(Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	DynConstraints c;
	const char *name;
	JsonbValue *ad = jb_get_typed(req, "AttributeDefinitions", JB_LIST);
	JsonbValue *ks = jb_get_typed(req, "KeySchema", JB_LIST);
	char	   *billing = jb_get_cstring(req, "BillingMode");
	JsonbValue *pt = jb_get_typed(req, "ProvisionedThroughput", JB_STRUCT);
	JsonbValue *rcu = NULL,
			   *wcu = NULL;
	KeyElem    *defs = NULL,
			   *keys = NULL;
	int			ndefs = 0,
				nkeys = 0;
	char		hash_type,
				range_type = '\0';
	KeyElem    *hash,
			   *range = NULL;
	Oid			save_user;
	int			save_sec;
	int			nestlevel;
	int64		table_id;
	char	   *backing;
	int			ret;
	JsonbParseState *st = NULL;
	DynTable   *t;
	JsonbValue *lsi_list,
			   *gsi_list;
	RawIndex   *lsis = NULL,
			   *gsis = NULL;
	int			nlsi = 0,
				ngsi = 0;

	if (ad)
		defs = keyschema_read_elems(ad, "AttributeType", &ndefs);
	if (ks)
		keys = keyschema_read_elems(ks, "KeyType", &nkeys);
	lsi_list = jb_get_typed(req, "LocalSecondaryIndexes", JB_LIST);
	gsi_list = jb_get_typed(req, "GlobalSecondaryIndexes", JB_LIST);
	if (lsi_list)
		lsis = keyschema_read_indexes(lsi_list, &nlsi);
	if (gsi_list)
		gsis = keyschema_read_indexes(gsi_list, &ngsi);

	/* required TableName and its length come first, on their own */
	name = ops_control_table_name(req, NULL);

	/* then every constraint violation at once, in DynamoDB's model order */
	dyn_constraints_init(&c);
	if (ad == NULL)
		dyn_constraint(&c, NULL, "attributeDefinitions", DYN_RULE_NOT_NULL);
	for (int i = 0; i < ndefs; i++)
	{
		char	   *p = psprintf("attributeDefinitions.%d.member.", i + 1);

		if (defs[i].name == NULL)
			dyn_constraint(&c, NULL, psprintf("%sattributeName", p), DYN_RULE_NOT_NULL);
		if (defs[i].type == NULL)
			dyn_constraint(&c, NULL, psprintf("%sattributeType", p), DYN_RULE_NOT_NULL);
		else
			ops_enum(&c, defs[i].type, psprintf("%sattributeType", p), attr_types, "[B, N, S]");
	}
	if (!ops_table_name_chars_ok(name))
		dyn_constraint(&c, name, "tableName", DYN_RULE_PATTERN_TABLE_NAME);
	if (ks == NULL)
		dyn_constraint(&c, NULL, "keySchema", DYN_RULE_NOT_NULL);
	else if (nkeys < 1)
		dyn_constraint(&c, "[]", "keySchema", DYN_RULE_LENGTH_MIN, 1);
	else if (nkeys > 2)
		dyn_constraint(&c, render_key_schema(keys, nkeys), "keySchema", DYN_RULE_LENGTH_MAX, 2);
	for (int i = 0; i < nkeys; i++)
	{
		char	   *p = psprintf("keySchema.%d.member.", i + 1);

		if (keys[i].name == NULL)
			dyn_constraint(&c, NULL, psprintf("%sattributeName", p), DYN_RULE_NOT_NULL);
		else if (strlen(keys[i].name) < 1)
			dyn_constraint(&c, "", psprintf("%sattributeName", p), DYN_RULE_LENGTH_MIN, 1);
		if (keys[i].type == NULL)
			dyn_constraint(&c, NULL, psprintf("%skeyType", p), DYN_RULE_NOT_NULL);
		else
			ops_enum(&c, keys[i].type, psprintf("%skeyType", p), key_types, "[HASH, RANGE]");
	}
	ops_enum(&c, billing, "billingMode", billing_modes, "[PROVISIONED, PAY_PER_REQUEST]");
	if (pt)
	{
		wcu = capacity(pt, "WriteCapacityUnits", "provisionedThroughput.writeCapacityUnits", &c);
		rcu = capacity(pt, "ReadCapacityUnits", "provisionedThroughput.readCapacityUnits", &c);
	}
	dyn_constraints_raise(&c);

	/* billing mode and throughput */
	if (billing && strcmp(billing, "PAY_PER_REQUEST") == 0)
	{
		if (pt)
			dyn_error(DYN_ERR_BILLING_PPR_THROUGHPUT);
	}
	else
	{
		if (pt == NULL || rcu == NULL || wcu == NULL)
			dyn_error(DYN_ERR_BILLING_PROVISIONED_MISSING);
		check_capacity_bound(rcu, "ReadCapacityUnits");
		check_capacity_bound(wcu, "WriteCapacityUnits");
		billing = "PROVISIONED";
	}

	/* key schema against the attribute definitions */
	for (int i = 0; i < ndefs; i++)
		for (int j = 0; j < i; j++)
			if (strcmp(defs[i].name, defs[j].name) == 0)
				dyn_error(DYN_ERR_ATTR_NAME_DUPLICATED, defs[i].name);
	if (nkeys > ndefs)
		dyn_error(DYN_ERR_KEYSCHEMA_NO_DEFINITION);
	for (int i = 0; i < nkeys; i++)
		if (keyschema_find_def(defs, ndefs, keys[i].name) == NULL)
			dyn_error(DYN_ERR_KEYSCHEMA_NOT_DEFINED, keyschema_join_names(keys, nkeys),
					  keyschema_join_names(defs, ndefs));
	if (nkeys == 2 && strcmp(keys[0].name, keys[1].name) == 0)
		dyn_error(DYN_ERR_KEYSCHEMA_SAME_NAME);
	if (strcmp(keys[0].type, "HASH") != 0)
		dyn_error(DYN_ERR_KEYSCHEMA_FIRST_NOT_HASH);
	if (nkeys == 2 && strcmp(keys[1].type, "RANGE") != 0)
		dyn_error(DYN_ERR_KEYSCHEMA_SECOND_NOT_RANGE);
	if (lsi_list || gsi_list)
	{
		if (lsi_list && nlsi == 0)
			dyn_error(DYN_ERR_INDEX_EMPTY_LIST, "LocalSecondaryIndexes");
		if (gsi_list && ngsi == 0)
			dyn_error(DYN_ERR_INDEX_EMPTY_LIST, "GlobalSecondaryIndexes");
		if (nlsi > 0 && nkeys < 2)
			dyn_error(DYN_ERR_INDEX_LSI_NO_RANGE);
		if (ngsi > 20)
			dyn_error(DYN_ERR_INDEX_GSI_LIMIT);
		if (nlsi > 5)
			dyn_error(DYN_ERR_INDEX_LSI_LIMIT);
		keyschema_check_indexes(lsis, nlsi, false, defs, ndefs, keys, billing);
		keyschema_check_indexes(gsis, ngsi, true, defs, ndefs, keys, billing);
		for (int i = 0; i < nlsi + ngsi; i++)
			for (int j = 0; j < i; j++)
			{
				RawIndex   *a = i < nlsi ? &lsis[i] : &gsis[i - nlsi];
				RawIndex   *b = j < nlsi ? &lsis[j] : &gsis[j - nlsi];

				if (strcmp(a->def.name, b->def.name) == 0)
					dyn_error(DYN_ERR_INDEX_DUPLICATE_NAME, a->def.name);
			}
		check_defs_used(defs, ndefs, keys, nkeys, lsis, nlsi, gsis, ngsi);
	}
	else if (ndefs != nkeys)
		dyn_error(DYN_ERR_KEYSCHEMA_COUNT_MISMATCH);

	hash = &keys[0];
	hash_type = keyschema_find_def(defs, ndefs, hash->name)->type[0];
	if (nkeys == 2)
	{
		range = &keys[1];
		range_type = keyschema_find_def(defs, ndefs, range->name)->type[0];
	}

	/* claim the name: the first of two racing creators wins */
	nestlevel = catalog_run_as_owner_begin(&save_user, &save_sec);
	{
		Oid			argtypes[11] = {TEXTOID, TEXTOID, CHAROID, TEXTOID, CHAROID,
		JSONBOID, JSONBOID, TEXTOID, JSONBOID, TEXTOID, TEXTOID};
		Datum		values[11];
		char		nulls[11];
		JsonbParseState *ps = NULL;

		memset(nulls, ' ', sizeof(nulls));
		values[0] = CStringGetTextDatum(name);
		values[1] = CStringGetTextDatum(hash->name);
		values[2] = CharGetDatum(hash_type);
		values[3] = range ? CStringGetTextDatum(range->name) : (Datum) 0;
		nulls[3] = range ? ' ' : 'n';
		values[4] = CharGetDatum(range_type);
		nulls[4] = range ? ' ' : 'n';
		/* key schema and definitions as DynamoDB echoes them */
		jb_begin_array(&ps);
		for (int i = 0; i < nkeys; i++)
		{
			jb_begin_object(&ps);
			jb_ckey(&ps, "AttributeName");
			jb_push_cstring(&ps, keys[i].name);
			jb_ckey(&ps, "KeyType");
			jb_push_cstring(&ps, keys[i].type);
			jb_end_object(&ps);
		}
		values[5] = JsonbPGetDatum(JsonbValueToJsonb(jb_end_array(&ps)));
		jb_begin_array(&ps);
		for (int i = 0; i < ndefs; i++)
		{
			jb_begin_object(&ps);
			jb_ckey(&ps, "AttributeName");
			jb_push_cstring(&ps, defs[i].name);
			jb_ckey(&ps, "AttributeType");
			jb_push_cstring(&ps, defs[i].type);
			jb_end_object(&ps);
		}
		values[6] = JsonbPGetDatum(JsonbValueToJsonb(jb_end_array(&ps)));
		values[7] = CStringGetTextDatum(billing);
		if (pt)
		{
			jb_begin_object(&ps);
			jb_ckey(&ps, "ReadCapacityUnits");
			jb_push(&ps, rcu);
			jb_ckey(&ps, "WriteCapacityUnits");
			jb_push(&ps, wcu);
			values[8] = JsonbPGetDatum(JsonbValueToJsonb(jb_end_object(&ps)));
		}
		else
			nulls[8] = 'n';
		values[9] = CStringGetTextDatum(DYN_DATA_SCHEMA);
		values[10] = CStringGetTextDatum(GetUserNameFromId(save_user, false));

		ret = SPI_execute_with_args(
									"WITH id AS (SELECT pg_catalog.nextval('dynamo.table_id_seq') AS v) "
									"INSERT INTO dynamo.tables (table_name, hash_key, hash_type, "
									"range_key, range_type, key_schema, attribute_definitions, "
									"billing_mode, provisioned_throughput, backing_schema, "
									"owner_role, table_id, backing_name) "
									"SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
									"id.v, pg_catalog.concat('t', id.v) FROM id "
									"ON CONFLICT (table_name) DO NOTHING "
									"RETURNING table_id, backing_name::text",
									11, argtypes, values, nulls, false, 0);
		if (ret != SPI_OK_INSERT_RETURNING)
			elog(ERROR, "catalog insert failed: %s", SPI_result_code_string(ret));
	}
	catalog_run_as_owner_end(save_user, save_sec, nestlevel);
	if (SPI_processed == 0)
		dyn_error(DYN_ERR_TABLE_EXISTS, name);
	{
		bool		isnull;

		table_id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
											   SPI_tuptable->tupdesc, 1, &isnull));
		backing = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
	}
	(void) table_id;

	/* the backing table, owned by the caller */
	storage_create_table(DYN_DATA_SCHEMA, backing, hash_type, range_type);

	/* secondary indexes: the table is empty, build them at once */
	for (int i = 0; i < nlsi + ngsi; i++)
	{
		RawIndex   *x = i < nlsi ? &lsis[i] : &gsis[i - nlsi];
		char	   *pg_name = psprintf("%s_i%d", backing, i + 1);

		if (SPI_execute(index_create_sql(DYN_DATA_SCHEMA, backing, pg_name, &x->def,
										 range_type != '\0', false), false, 0) != SPI_OK_UTILITY)
			elog(ERROR, "could not create index %s", pg_name);
		index_record(name, &x->def, pg_name, "ACTIVE");
	}

	history_record(name, "CreateTable", request);
	t = catalog_open(name, AccessShareLock, true);
	jb_begin_object(&st);
	jb_ckey(&st, "TableDescription");
	catalog_describe(&st, t, NULL, false);
	return JsonbValueToJsonb(jb_end_object(&st));
}
