/*-------------------------------------------------------------------------
 * jsonb_util.c
 *	  Reading request fields from jsonb and building responses.
 *
 * Field reads raise DynamoDB's SerializationException, with the texts its
 * Java deserializer prints, when a field has the wrong JSON type.  JSON
 * null counts as absent, as in DynamoDB.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "errors.h"
#include "jsonb_util.h"

/* The Java type DynamoDB names in its messages */
static const char *
kind_java_name(JbKind kind)
{
	switch (kind)
	{
		case JB_STRING:
			return "String";
		case JB_BOOLEAN:
			return "Boolean";
		case JB_INTEGER:
			return "Integer";
		case JB_LONG:
			return "Long";
		default:
			return "Object";
	}
}

static bool
numeric_is_integral(Numeric n)
{
	char	   *s = numeric_normalize(n);

	return strchr(s, '.') == NULL;
}

void
jb_check_kind(const JsonbValue *v, JbKind kind)
{
	bool		is_obj = jb_is_object(v);
	bool		is_arr = jb_is_array(v);

	switch (kind)
	{
		case JB_STRING:
		case JB_BOOLEAN:
		case JB_INTEGER:
		case JB_LONG:
			if (is_obj)
				dyn_error(DYN_ERR_SER_STRUCT_NOT_EXPECTED);
			if (is_arr)
				dyn_error(DYN_ERR_SER_COLLECTION_TO,
						  psprintf("class java.lang.%s", kind_java_name(kind)));
			if (v->type == jbvBool)
			{
				if (kind == JB_BOOLEAN)
					return;
				dyn_error(v->val.boolean ? DYN_ERR_SER_TRUE_TO : DYN_ERR_SER_FALSE_TO,
						  kind_java_name(kind));
			}
			if (v->type == jbvNumeric)
			{
				bool		integral = numeric_is_integral(v->val.numeric);

				if ((kind == JB_INTEGER || kind == JB_LONG) && integral)
					return;
				dyn_error(integral ? DYN_ERR_SER_NUMBER_TO : DYN_ERR_SER_DECIMAL_TO,
						  kind_java_name(kind));
			}
			if (v->type == jbvString)
			{
				if (kind == JB_STRING)
					return;
				if (kind == JB_BOOLEAN)
					dyn_error(DYN_ERR_SER_UNEXPECTED_TOKEN);
				dyn_error(DYN_ERR_SER_STRING_TO, kind_java_name(kind));
			}
			break;
		case JB_LIST:
			if (is_arr)
				return;
			if (is_obj)
				dyn_error(DYN_ERR_SER_STRUCT_NOT_EXPECTED);
			dyn_error(DYN_ERR_SER_UNEXPECTED_FIELD_TYPE);
			break;
		case JB_AV_MAP:
		case JB_STRING_MAP:
			if (is_obj)
				return;
			if (is_arr)
				dyn_error(DYN_ERR_SER_COLLECTION_TO, kind == JB_AV_MAP ?
						  "java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>" :
						  "java.util.Map<java.lang.String, java.lang.String>");
			dyn_error(DYN_ERR_SER_UNEXPECTED_FIELD_TYPE);
			break;
		case JB_STRUCT:
			if (is_obj)
				return;
			if (is_arr)
				dyn_error(DYN_ERR_SER_COLLECTION_TO, "class java.lang.Object");
			dyn_error(DYN_ERR_SER_UNEXPECTED_FIELD_TYPE);
			break;
		case JB_AV:
			if (is_obj)
				return;
			if (is_arr)
				dyn_error(DYN_ERR_SER_COLLECTION_TO,
						  "class com.amazonaws.dynamodb.v20120810.AttributeValue");
			dyn_error(DYN_ERR_SER_UNEXPECTED_VALUE_TYPE);
			break;
	}
	elog(ERROR, "unexpected jsonb value type %d", (int) v->type);
}

bool
jb_is_object(const JsonbValue *v)
{
	return v->type == jbvObject ||
		(v->type == jbvBinary && JsonContainerIsObject(v->val.binary.data));
}

bool
jb_is_array(const JsonbValue *v)
{
	return v->type == jbvArray ||
		(v->type == jbvBinary && JsonContainerIsArray(v->val.binary.data));
}

JsonbContainer *
jb_container(const JsonbValue *v)
{
	Assert(v->type == jbvBinary);
	return v->val.binary.data;
}

/* A member of an object; NULL when absent or JSON null */
JsonbValue *
jb_get(JsonbContainer *c, const char *key)
{
	JsonbValue *v = getKeyJsonValueFromContainer(c, key, strlen(key), NULL);

	if (v == NULL || v->type == jbvNull)
		return NULL;
	return v;
}

JsonbValue *
jb_get_typed(JsonbContainer *c, const char *key, JbKind kind)
{
	JsonbValue *v = jb_get(c, key);

	if (v)
		jb_check_kind(v, kind);
	return v;
}

char *
jb_cstring(const JsonbValue *v)
{
	Assert(v->type == jbvString);
	return pnstrdup(v->val.string.val, v->val.string.len);
}

char *
jb_get_cstring(JsonbContainer *c, const char *key)
{
	JsonbValue *v = jb_get_typed(c, key, JB_STRING);

	return v ? jb_cstring(v) : NULL;
}

/* An integral JSON number that fits int64; false when out of range */
bool
jb_number_int64(const JsonbValue *v, int64 *out)
{
	char	   *s = numeric_normalize(v->val.numeric);
	char	   *end;
	long long	n;

	Assert(v->type == jbvNumeric);
	if (strchr(s, '.') != NULL)
		return false;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return false;
	*out = (int64) n;
	return true;
}

char *
jb_number_text(const JsonbValue *v)
{
	return numeric_normalize(v->val.numeric);
}

int
jb_array_size(const JsonbValue *v)
{
	if (v->type == jbvArray)
		return v->val.array.nElems;
	return JsonContainerSize(v->val.binary.data);
}

/* The top-level object of a request, or SerializationException */
JsonbContainer *
jb_request_container(Jsonb *req)
{
	if (req == NULL || !JB_ROOT_IS_OBJECT(req))
		dyn_error(DYN_ERR_SER_NOT_OBJECT);
	return &req->root;
}

/* ---- building ---- */

static JsonbIteratorToken
value_token(JsonbParseState **st)
{
	return ((*st)->contVal.type == jbvArray) ? WJB_ELEM : WJB_VALUE;
}

void
jb_begin_object(JsonbParseState **st)
{
	pushJsonbValue(st, WJB_BEGIN_OBJECT, NULL);
}

JsonbValue *
jb_end_object(JsonbParseState **st)
{
	return pushJsonbValue(st, WJB_END_OBJECT, NULL);
}

void
jb_begin_array(JsonbParseState **st)
{
	pushJsonbValue(st, WJB_BEGIN_ARRAY, NULL);
}

JsonbValue *
jb_end_array(JsonbParseState **st)
{
	return pushJsonbValue(st, WJB_END_ARRAY, NULL);
}

void
jb_key(JsonbParseState **st, const char *key, int len)
{
	JsonbValue	k;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = len;
	pushJsonbValue(st, WJB_KEY, &k);
}

void
jb_ckey(JsonbParseState **st, const char *key)
{
	jb_key(st, key, strlen(key));
}

void
jb_push(JsonbParseState **st, JsonbValue *v)
{
	if (v->type == jbvObject || v->type == jbvArray)
	{
		/* an in-memory container: flatten it, then embed */
		Jsonb	   *j = JsonbValueToJsonb(v);

		jb_push_jsonb(st, j);
		return;
	}
	pushJsonbValue(st, value_token(st), v);
}

void
jb_push_string(JsonbParseState **st, const char *s, int len)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) s;
	v.val.string.len = len;
	pushJsonbValue(st, value_token(st), &v);
}

void
jb_push_cstring(JsonbParseState **st, const char *s)
{
	jb_push_string(st, s, strlen(s));
}

void
jb_push_int64(JsonbParseState **st, int64 n)
{
	JsonbValue	v;

	v.type = jbvNumeric;
	v.val.numeric = int64_to_numeric(n);
	pushJsonbValue(st, value_token(st), &v);
}

void
jb_push_numeric_text(JsonbParseState **st, const char *num)
{
	JsonbValue	v;

	v.type = jbvNumeric;
	v.val.numeric = DatumGetNumeric(DirectFunctionCall3(numeric_in,
														CStringGetDatum(num),
														ObjectIdGetDatum(InvalidOid),
														Int32GetDatum(-1)));
	pushJsonbValue(st, value_token(st), &v);
}

void
jb_push_bool(JsonbParseState **st, bool b)
{
	JsonbValue	v;

	v.type = jbvBool;
	v.val.boolean = b;
	pushJsonbValue(st, value_token(st), &v);
}

void
jb_push_null(JsonbParseState **st)
{
	JsonbValue	v;

	v.type = jbvNull;
	pushJsonbValue(st, value_token(st), &v);
}

/* Embed a whole jsonb document (a container or a scalar) as the next value */
void
jb_push_jsonb(JsonbParseState **st, Jsonb *j)
{
	JsonbValue	v;

	if (JB_ROOT_IS_SCALAR(j))
	{
		JsonbExtractScalar(&j->root, &v);
		pushJsonbValue(st, value_token(st), &v);
		return;
	}
	v.type = jbvBinary;
	v.val.binary.data = &j->root;
	v.val.binary.len = VARSIZE(j) - VARHDRSZ;
	pushJsonbValue(st, value_token(st), &v);
}

/*
 * {key: inner} for an object inner, written directly in jsonb's binary
 * format: the inner container is position-independent, so it is copied
 * as it is instead of being taken apart and rebuilt (the hot path of
 * GetItem's {"Item": ...}).  Layout as convertJsonbObject writes it: the
 * header, the key's JEntry (first of its stride: an end offset), the
 * value's JEntry (a length, padding included), the key, padding to int
 * alignment, the container.
 */
Jsonb *
jb_empty_object(void)
{
	JsonbParseState *st = NULL;

	jb_begin_object(&st);
	return JsonbValueToJsonb(jb_end_object(&st));
}
