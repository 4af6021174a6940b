/*-------------------------------------------------------------------------
 * common.c
 *	  Request checks shared by several operations: table names, enums,
 *	  primary keys, consumed capacity.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "attrval.h"
#include "dynamo_ext.h"
#include "jsonb_util.h"
#include "keycodec.h"
#include "ops/ops.h"
#include "utils/builtins.h"
#include "wire.h"

const char *const ops_return_values[] = {"ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW", NULL};
const char *const ops_return_consumed[] = {"INDEXES", "TOTAL", "NONE", NULL};
const char *const ops_return_metrics[] = {"SIZE", "NONE", NULL};
const char *const ops_rvoccf[] = {"ALL_OLD", "NONE", NULL};

bool
ops_table_name_chars_ok(const char *name)
{
	if (*name == '\0')
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			  (*p >= '0' && *p <= '9') || *p == '_' || *p == '.' || *p == '-'))
			return false;
	return true;
}

/* Pattern then length, as DynamoDB lists them */
void
ops_table_name_constraints(DynConstraints *c, const char *name, const char *path)
{
	int			len = strlen(name);

	if (!ops_table_name_chars_ok(name))
		dyn_constraint(c, name, path, DYN_RULE_PATTERN_TABLE_NAME);
	if (len < DYN_MIN_TABLE_NAME)
		dyn_constraint(c, name, path, DYN_RULE_LENGTH_MIN, DYN_MIN_TABLE_NAME);
	if (len > DYN_MAX_TABLE_NAME)
		dyn_constraint(c, name, path, DYN_RULE_LENGTH_MAX, DYN_MAX_TABLE_NAME);
}

/*
 * TableName of a control-plane request (CreateTable, DescribeTable,
 * DeleteTable): required and length are checked at once; the pattern joins
 * the other constraint violations in c.
 */
const char *
ops_control_table_name(JsonbContainer *req, DynConstraints *c)
{
	char	   *name = jb_get_cstring(req, "TableName");
	int			len;

	if (name == NULL)
		dyn_error(DYN_ERR_TABLE_NAME_REQUIRED);
	len = strlen(name);
	if (len < DYN_MIN_TABLE_NAME || len > DYN_MAX_TABLE_NAME)
		dyn_error(DYN_ERR_TABLE_NAME_LENGTH);
	if (c && !ops_table_name_chars_ok(name))
		dyn_constraint(c, name, "tableName", DYN_RULE_PATTERN_TABLE_NAME);
	return name;
}

/* TableName of a data-plane request: every fault is a constraint */
const char *
ops_data_table_name(JsonbContainer *req, DynConstraints *c)
{
	char	   *name = jb_get_cstring(req, "TableName");

	if (name == NULL)
		dyn_constraint(c, NULL, "tableName", DYN_RULE_NOT_NULL);
	else
		ops_table_name_constraints(c, name, "tableName");
	return name;
}

void
ops_enum(DynConstraints *c, const char *value, const char *path,
		 const char *const *allowed, const char *rendered)
{
	if (value == NULL)
		return;
	for (int i = 0; allowed[i]; i++)
		if (strcmp(value, allowed[i]) == 0)
			return;
	dyn_constraint(c, value, path, DYN_RULE_ENUM, rendered);
}

static Datum
key_part(JsonbValue *map, const char *name, int namelen, char type,
		 bool is_item, bool is_hash)
{
	JsonbValue *av = attrval_find(map, name, namelen);
	JsonbValue *val;
	AvType		at;
	int			bytes;

	if (av == NULL)
	{
		if (is_item)
			dyn_error(DYN_ERR_KEY_MISSING_IN_ITEM, name);
		dyn_error(DYN_ERR_KEY_SCHEMA_MISMATCH);
	}
	at = attrval_type(av, &val);
	if (at != (type == 'S' ? AV_S : type == 'N' ? AV_N : AV_B))
	{
		if (is_item)
			dyn_error(DYN_ERR_KEY_TYPE_MISMATCH, name, type, attrval_type_names[at]);
		dyn_error(DYN_ERR_KEY_SCHEMA_MISMATCH);
	}
	if (type == 'S')
	{
		if (val->val.string.len == 0)
			dyn_error(DYN_ERR_KEY_EMPTY_STRING, name);
		bytes = keycodec_decoded_len(val->val.string.val, val->val.string.len);
	}
	else if (type == 'B')
	{
		if (val->val.string.len == 0)
			dyn_error(DYN_ERR_KEY_EMPTY_BINARY, name);
		attrval_base64_check(val->val.string.val, val->val.string.len, &bytes);
	}
	else
		bytes = 0;				/* numbers are never too large */
	if (is_hash && bytes > DYN_MAX_HASH_KEY_BYTES)
		dyn_error(DYN_ERR_HASH_KEY_TOO_LARGE);
	if (!is_hash && bytes > DYN_MAX_RANGE_KEY_BYTES)
		dyn_error(DYN_ERR_RANGE_KEY_TOO_LARGE);
	return keycodec_key_datum(type, val->val.string.val, val->val.string.len);
}

/*
 * The primary key of a canonical map: an Item (PutItem; other attributes
 * allowed) or a Key (exactly the key attributes).
 */
void
ops_extract_key(DynTable *t, JsonbValue *map, bool is_item, DynKey *key)
{
	if (!is_item && map->val.object.nPairs != (t->range_key ? 2 : 1))
		dyn_error(DYN_ERR_KEY_SCHEMA_MISMATCH);
	key->pk = key_part(map, t->hash_key, t->hash_key_len, t->hash_type, is_item, true);
	if (t->range_key)
		key->sk = key_part(map, t->range_key, t->range_key_len, t->range_type,
						   is_item, false);
	else
		key->sk = (Datum) 0;
}

/*
 * Like ops_extract_key, but a missing key attribute, an extra one (in a
 * Key) or one of the wrong type is returned as DynamoDB's message instead
 * of raised (NULL when the key is sound).
 */
char *
ops_key_fault(DynTable *t, JsonbValue *map, bool is_item, DynKey *key)
{
	int			n = t->range_key ? 2 : 1;

	if (!is_item && map->val.object.nPairs != n)
		return dyn_error_text(DYN_ERR_KEY_SCHEMA_MISMATCH);
	for (int i = 0; i < n; i++)
	{
		const char *name = i ? t->range_key : t->hash_key;
		int			len = i ? t->range_key_len : t->hash_key_len;
		char		type = i ? t->range_type : t->hash_type;
		JsonbValue *av = attrval_find(map, name, len);
		AvType		at;

		if (av == NULL)
			return is_item ? dyn_error_text(DYN_ERR_KEY_MISSING_IN_ITEM, name) :
				dyn_error_text(DYN_ERR_KEY_SCHEMA_MISMATCH);
		at = attrval_type(av, NULL);
		if (at != (type == 'S' ? AV_S : type == 'N' ? AV_N : AV_B))
			return is_item ? dyn_error_text(DYN_ERR_KEY_TYPE_MISMATCH, name, type,
											attrval_type_names[at]) :
				dyn_error_text(DYN_ERR_KEY_SCHEMA_MISMATCH);
	}
	ops_extract_key(t, map, is_item, key);
	return NULL;
}

double
ops_write_units(int64 size)
{
	return Max(1.0, ceil((double) size / 1024.0));
}

double
ops_read_units(int64 size, bool consistent)
{
	double		u = Max(1.0, ceil((double) size / 4096.0));

	return consistent ? u : u / 2.0;
}

/* ConsumedCapacity, when ReturnConsumedCapacity asks for it */
void
ops_push_consumed(JsonbParseState **st, DynTable *t, const char *mode, double units)
{
	char	   *u;

	if (mode == NULL || strcmp(mode, "NONE") == 0)
		return;
	u = psprintf("%g", units);
	jb_ckey(st, "ConsumedCapacity");
	jb_begin_object(st);
	jb_ckey(st, "TableName");
	jb_push_cstring(st, t->name);
	jb_ckey(st, "CapacityUnits");
	jb_push_numeric_text(st, u);
	if (strcmp(mode, "INDEXES") == 0)
	{
		jb_ckey(st, "Table");
		jb_begin_object(st);
		jb_ckey(st, "CapacityUnits");
		jb_push_numeric_text(st, u);
		jb_end_object(st);
	}
	jb_end_object(st);
}

/* DynamoDB's size of a stored (canonical) item */
int64
ops_item_size(Jsonb *item)
{
	JsonbValue	v;
	AvCheck		chk;

	v.type = jbvBinary;
	v.val.binary.data = &item->root;
	v.val.binary.len = VARSIZE(item) - VARHDRSZ;
	attrval_map(&v, &chk);
	return chk.size;
}

void
ops_not_supported(const char *what)
{
	dyn_error(DYN_ERR_NOT_SUPPORTED, what);
}

/* Refuse legacy parameters next to expressions, as DynamoDB does */
void
ops_no_mixing(const char *legacy, const char *expressions)
{
	if (legacy[0] && expressions[0])
		dyn_error(DYN_ERR_EXPR_MIXED_PARAMS, legacy, expressions);
}
