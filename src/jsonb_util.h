/*-------------------------------------------------------------------------
 * jsonb_util.h
 *	  Reading request fields from jsonb and building responses.
 *
 * Requests are read where they lie (no conversion of the whole body);
 * a field of the wrong JSON type is DynamoDB's SerializationException.
 *-------------------------------------------------------------------------
 */
#ifndef DYN_JSONB_UTIL_H
#define DYN_JSONB_UTIL_H

#include "lib/stringinfo.h"
#include "utils/jsonb.h"

/* What a request field must be, for SerializationException texts */
typedef enum JbKind
{
	JB_STRING,
	JB_BOOLEAN,
	JB_INTEGER,
	JB_LONG,
	JB_LIST,
	JB_AV_MAP,					/* map of AttributeValues (Item, Key) */
	JB_STRING_MAP,				/* map of strings (ExpressionAttributeNames) */
	JB_STRUCT,					/* a structure (ProvisionedThroughput) */
	JB_AV						/* an AttributeValue */
} JbKind;

extern JsonbValue *jb_get(JsonbContainer *c, const char *key);
extern JsonbValue *jb_get_typed(JsonbContainer *c, const char *key, JbKind kind);
extern void jb_check_kind(const JsonbValue *v, JbKind kind);
extern bool jb_is_object(const JsonbValue *v);
extern bool jb_is_array(const JsonbValue *v);
extern JsonbContainer *jb_container(const JsonbValue *v);
extern char *jb_cstring(const JsonbValue *v);
extern char *jb_get_cstring(JsonbContainer *c, const char *key);
extern bool jb_number_int64(const JsonbValue *v, int64 *out);
extern char *jb_number_text(const JsonbValue *v);
extern int	jb_array_size(const JsonbValue *v);
extern JsonbContainer *jb_request_container(Jsonb *req);

/* building: the value's position (object member or array element) is implied */
extern void jb_begin_object(JsonbParseState **st);
extern JsonbValue *jb_end_object(JsonbParseState **st);
extern void jb_begin_array(JsonbParseState **st);
extern JsonbValue *jb_end_array(JsonbParseState **st);
extern void jb_key(JsonbParseState **st, const char *key, int len);
extern void jb_ckey(JsonbParseState **st, const char *key);
extern void jb_push(JsonbParseState **st, JsonbValue *v);
extern void jb_push_string(JsonbParseState **st, const char *s, int len);
extern void jb_push_cstring(JsonbParseState **st, const char *s);
extern void jb_push_int64(JsonbParseState **st, int64 n);
extern void jb_push_numeric_text(JsonbParseState **st, const char *num);
extern void jb_push_bool(JsonbParseState **st, bool b);
extern void jb_push_null(JsonbParseState **st);
extern void jb_push_jsonb(JsonbParseState **st, Jsonb *j);
extern Jsonb *jb_empty_object(void);

/* jsonb_binary.c: assembling jsonb from jsonb values without unpacking them */
typedef struct JbArray
{
	StringInfoData data;		/* the elements' data, as laid out in the array */
	JEntry	   *entries;
	int			n;
	int			cap;
} JbArray;

extern void jb_array_init(JbArray *a);
extern void jb_array_append(JbArray *a, Jsonb *j);
extern Jsonb *jb_array_finish(JbArray *a);
extern Jsonb *jb_object_insert(Jsonb *obj, const char *key, Jsonb *value);
extern Jsonb *jb_wrap(const char *key, Jsonb *inner);

#endif							/* DYN_JSONB_UTIL_H */
