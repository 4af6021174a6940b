/*-------------------------------------------------------------------------
 * wire.c
 *	  Requests in, responses out: the escaped form at the boundary, and
 *	  DynamoDB's JSON text (dyn_execute_text) parsed and written by json-c.
 *
 * Inside the extension every string is in the escaped form (keycodec.c).
 * jsonb callers cannot send U+0000, but may send U+0001, which is escaped
 * on the way in; on the way out strings are unescaped, and a string that
 * would need U+0000 raises an error naming dyn_execute_text.
 *
 * dyn_execute_text rewrites the escapes \u0000 and \u0001 of the request
 * text into the escaped form before json-c sees it (json-c keys are C
 * strings), and rewrites them back in the response text.  json-c memory
 * is malloc'd: every object is released in PG_FINALLY.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "mb/pg_wchar.h"
#include "miscadmin.h"
/* Postgres's SQL function json_object would clash with json-c's type */
#define json_object pg_json_object_function
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#undef json_object
#include "utils/numeric.h"

#include <json.h>

#include "errors.h"
#include "jsonb_util.h"
#include "keycodec.h"
#include "ops/ops.h"
#include "wire.h"

/* json-c nesting limit: DynamoDB's 32 levels take two JSON levels each */
#define WIRE_MAX_DEPTH 160

/* Does any string (key or value) in the container hold byte 0x01? */
static bool
container_has_esc(JsonbContainer *c)
{
	uint32		count = JsonContainerSize(c);
	int			nentries = JsonContainerIsObject(c) ? count * 2 : count;
	char	   *base = (char *) &c->children[nentries];
	uint32		end = 0;

	check_stack_depth();
	for (int i = 0; i < nentries; i++)
	{
		JEntry		e = c->children[i];
		uint32		off = end;
		uint32		len;

		/* offsets in one pass (getJsonbOffset would walk back each time) */
		end = JBE_HAS_OFF(e) ? JBE_OFFLENFLD(e) : off + JBE_OFFLENFLD(e);
		len = end - off;

		if (JBE_ISSTRING(e))
		{
			if (memchr(base + off, DYN_ESC, len) != NULL)
				return true;
		}
		else if (JBE_ISCONTAINER(e))
		{
			if (container_has_esc((JsonbContainer *) (base + INTALIGN(off))))
				return true;
		}
	}
	return false;
}

static void
transform_string(JsonbValue *v, bool escape)
{
	int			len;
	char	   *s;

	if (escape)
		s = keycodec_escape(v->val.string.val, v->val.string.len, &len);
	else
	{
		if (keycodec_escaped_has_nul(v->val.string.val, v->val.string.len))
			dyn_error_hint(DYN_ERR_NUL_IN_JSONB,
						   "Call dyn_execute_text(operation, request text), which carries U+0000 in JSON text.");
		s = keycodec_unescape(v->val.string.val, v->val.string.len, &len);
	}
	v->val.string.val = s;
	v->val.string.len = len;
}

static Jsonb *
transform(Jsonb *in, bool escape)
{
	JsonbIterator *it;
	JsonbParseState *st = NULL;
	JsonbValue	v;
	JsonbValue *res = NULL;
	JsonbIteratorToken r;

	if (!container_has_esc(&in->root))
		return in;
	it = JsonbIteratorInit(&in->root);
	while ((r = JsonbIteratorNext(&it, &v, false)) != WJB_DONE)
	{
		switch (r)
		{
			case WJB_KEY:
			case WJB_VALUE:
			case WJB_ELEM:
				if (v.type == jbvString)
					transform_string(&v, escape);
				res = pushJsonbValue(&st, r, &v);
				break;
			case WJB_BEGIN_ARRAY:
				res = pushJsonbValue(&st, r, &v);	/* keeps rawScalar */
				break;
			default:
				res = pushJsonbValue(&st, r, NULL);
				break;
		}
	}
	return JsonbValueToJsonb(res);
}

Jsonb *
wire_escape_jsonb(Jsonb *in)
{
	return transform(in, true);
}

Jsonb *
wire_unescape_jsonb(Jsonb *in)
{
	return transform(in, false);
}

/* ---- JSON text via json-c ---- */

static bool
is_hex4(const char *s, const char *want)
{
	return memcmp(s, want, 4) == 0;
}

/* \u0000 -> \u0001\u0001 and \u0001 -> \u0001\u0002 in request text */
static char *
escape_request_text(const char *s, int len, int *outlen)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < len; i++)
	{
		if (s[i] == '\\' && i + 1 < len)
		{
			if (s[i + 1] == 'u' && i + 5 < len && is_hex4(s + i + 2, "0000"))
			{
				appendStringInfoString(&buf, "\\u0001\\u0001");
				i += 5;
			}
			else if (s[i + 1] == 'u' && i + 5 < len && is_hex4(s + i + 2, "0001"))
			{
				appendStringInfoString(&buf, "\\u0001\\u0002");
				i += 5;
			}
			else
			{
				appendBinaryStringInfo(&buf, s + i, 2);
				i++;
			}
		}
		else
			appendStringInfoChar(&buf, s[i]);
	}
	*outlen = buf.len;
	return buf.data;
}

/* \u0001\u0001 -> \u0000 and \u0001\u0002 -> \u0001 in response text */
static text *
unescape_response_text(const char *s, int len)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < len; i++)
	{
		if (s[i] == '\\' && i + 1 < len)
		{
			if (s[i + 1] == 'u' && i + 11 < len && is_hex4(s + i + 2, "0001") &&
				s[i + 6] == '\\' && s[i + 7] == 'u' &&
				(is_hex4(s + i + 8, "0001") || is_hex4(s + i + 8, "0002")))
			{
				appendStringInfoString(&buf, is_hex4(s + i + 8, "0001") ?
									   "\\u0000" : "\\u0001");
				i += 11;
			}
			else
			{
				appendBinaryStringInfo(&buf, s + i, 2);
				i++;
			}
		}
		else
			appendStringInfoChar(&buf, s[i]);
	}
	return cstring_to_text_with_len(buf.data, buf.len);
}

static void
jc_push(JsonbParseState **st, struct json_object *o)
{
	check_stack_depth();
	switch (json_object_get_type(o))
	{
		case json_type_null:
			jb_push_null(st);
			break;
		case json_type_boolean:
			jb_push_bool(st, json_object_get_boolean(o));
			break;
		case json_type_int:
		case json_type_double:
			{
				const char *num = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
				bool		ok = true;
				Datum		d;
				JsonbValue	v;

				/* numbers json-c read: always valid numeric text */
				d = DirectFunctionCall3(numeric_in, CStringGetDatum(num),
										ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
				(void) ok;
				v.type = jbvNumeric;
				v.val.numeric = DatumGetNumeric(d);
				jb_push(st, &v);
				break;
			}
		case json_type_string:
			{
				const char *s = json_object_get_string(o);
				int			len = json_object_get_string_len(o);

				if (!pg_verifymbstr(s, len, true))
					dyn_error(DYN_ERR_SER_MALFORMED_JSON, "invalid UTF-8 in a string");
				jb_push_string(st, s, len);
				break;
			}
		case json_type_object:
			{
				struct json_object_iter iter;

				jb_begin_object(st);
				json_object_object_foreachC(o, iter)
				{
					if (!pg_verifymbstr(iter.key, strlen(iter.key), true))
						dyn_error(DYN_ERR_SER_MALFORMED_JSON, "invalid UTF-8 in a name");
					jb_key(st, iter.key, strlen(iter.key));
					jc_push(st, iter.val);
				}
				jb_end_object(st);
				break;
			}
		case json_type_array:
			{
				size_t		n = json_object_array_length(o);

				jb_begin_array(st);
				for (size_t i = 0; i < n; i++)
					jc_push(st, json_object_array_get_idx(o, i));
				jb_end_array(st);
				break;
			}
	}
}

static struct json_object *
jb_to_jc(JsonbValue *v)
{
	check_stack_depth();
	switch (v->type)
	{
		case jbvNull:
			return NULL;		/* json-c's null */
		case jbvBool:
			return json_object_new_boolean(v->val.boolean);
		case jbvString:
			return json_object_new_string_len(v->val.string.val, v->val.string.len);
		case jbvNumeric:
			{
				char	   *num = numeric_normalize(v->val.numeric);

				return json_object_new_double_s(0.0, num);
			}
		case jbvBinary:
			{
				JsonbIterator *it = JsonbIteratorInit(v->val.binary.data);
				bool		is_obj = JsonContainerIsObject(v->val.binary.data);
				struct json_object *o = is_obj ? json_object_new_object() : json_object_new_array();
				JsonbValue	x;
				JsonbIteratorToken r;
				char	   *key = NULL;

				PG_TRY();
				{
					while ((r = JsonbIteratorNext(&it, &x, true)) != WJB_DONE)
					{
						if (r == WJB_KEY)
							key = pnstrdup(x.val.string.val, x.val.string.len);
						else if (r == WJB_VALUE)
							json_object_object_add(o, key, jb_to_jc(&x));
						else if (r == WJB_ELEM)
							json_object_array_add(o, jb_to_jc(&x));
					}
				}
				PG_CATCH();
				{
					json_object_put(o);
					PG_RE_THROW();
				}
				PG_END_TRY();
				return o;
			}
		default:
			elog(ERROR, "unexpected jsonb value type %d", (int) v->type);
	}
	return NULL;
}

text *
wire_execute_text(const char *operation, text *body)
{
	const DynOp *op = ops_lookup(operation);
	int			len;
	char	   *req_text = escape_request_text(VARDATA_ANY(body), VARSIZE_ANY_EXHDR(body), &len);
	struct json_tokener *tok;
	struct json_object *volatile req_obj = NULL;
	enum json_tokener_error jerr;
	size_t		end;
	Jsonb	   *request = NULL;
	Jsonb	   *response;

	tok = json_tokener_new_ex(WIRE_MAX_DEPTH);
	if (tok == NULL)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	req_obj = json_tokener_parse_ex(tok, req_text, len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (req_obj == NULL || jerr != json_tokener_success)
	{
		if (req_obj)
			json_object_put(req_obj);
		dyn_error(DYN_ERR_SER_MALFORMED_JSON,
				  jerr == json_tokener_continue ? "unexpected end of input" :
				  json_tokener_error_desc(jerr));
	}
	for (; end < (size_t) len; end++)
		if (!isspace((unsigned char) req_text[end]))
		{
			json_object_put(req_obj);
			dyn_error(DYN_ERR_SER_MALFORMED_JSON, "trailing characters after the request");
		}

	PG_TRY();
	{
		JsonbParseState *st = NULL;

		if (json_object_get_type(req_obj) != json_type_object)
			dyn_error(DYN_ERR_SER_NOT_OBJECT);
		jb_begin_array(&st);
		jc_push(&st, req_obj);
		request = JsonbValueToJsonb(&jb_end_array(&st)->val.array.elems[0]);
	}
	PG_FINALLY();
	{
		json_object_put(req_obj);
	}
	PG_END_TRY();

	response = ops_run(op->fn, request);
	return wire_jsonb_to_text(response);
}

/* A jsonb document (escaped form) as DynamoDB's exact JSON text */
text *
wire_jsonb_to_text(Jsonb *doc)
{
	struct json_object *volatile res_obj = NULL;
	text	   *result = NULL;

	PG_TRY();
	{
		JsonbValue	v;
		const char *out;
		size_t		outlen;

		v.type = jbvBinary;
		v.val.binary.data = &doc->root;
		v.val.binary.len = VARSIZE(doc) - VARHDRSZ;
		res_obj = jb_to_jc(&v);
		out = json_object_to_json_string_length(res_obj,
												JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE,
												&outlen);
		result = unescape_response_text(out, (int) outlen);
	}
	PG_FINALLY();
	{
		if (res_obj)
			json_object_put(res_obj);
	}
	PG_END_TRY();
	return result;
}
