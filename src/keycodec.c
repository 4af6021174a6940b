/*-------------------------------------------------------------------------
 * keycodec.c
 *	  Order-preserving, NUL-safe encoding of DynamoDB strings and keys.
 *
 * DynamoDB strings may hold U+0000 anywhere (keys, values, attribute
 * names), which Postgres text and jsonb cannot.  Every string is stored in
 * its "escaped form":
 *
 *		0x00 -> 0x01 0x01		0x01 -> 0x01 0x02		other bytes unchanged
 *
 * The code is prefix-free and maps bytes in order (0x00 < 0x01 < 0x02..),
 * so escaped strings compare bytewise exactly as the originals do; S key
 * columns are text COLLATE "C", so Postgres orders them as DynamoDB does
 * (UTF-8 bytes).  Prefixes are preserved too (begins_with works on the
 * escaped form).  The output is still valid UTF-8.
 *
 * Key columns: S -> text COLLATE "C" (escaped form), N -> numeric (ordered
 * numerically, 1.50 = 1.5), B -> bytea (ordered as unsigned bytes).
 *
 * Stored on disk: changing the format needs an upgrade script.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/base64.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

#include "keycodec.h"

bool
keycodec_needs_escape(const char *s, int len)
{
	for (int i = 0; i < len; i++)
		if ((unsigned char) s[i] <= 0x01)
			return true;
	return false;
}

/* Escape raw bytes; returns s itself when nothing needs escaping */
char *
keycodec_escape(const char *s, int len, int *outlen)
{
	char	   *out;
	int			j = 0;

	if (!keycodec_needs_escape(s, len))
	{
		*outlen = len;
		return (char *) s;
	}
	out = palloc((Size) len * 2 + 1);
	for (int i = 0; i < len; i++)
	{
		unsigned char c = s[i];

		if (c == 0x00)
		{
			out[j++] = DYN_ESC;
			out[j++] = DYN_ESC_NUL;
		}
		else if (c == 0x01)
		{
			out[j++] = DYN_ESC;
			out[j++] = DYN_ESC_ONE;
		}
		else
			out[j++] = c;
	}
	out[j] = '\0';
	*outlen = j;
	return out;
}

/*
 * Back to raw bytes (which may contain 0x00); returns s itself when there
 * is no escape.  A lone 0x01 (not written by us) is kept as it is.
 */
char *
keycodec_unescape(const char *s, int len, int *outlen)
{
	char	   *out;
	int			j = 0;

	if (memchr(s, DYN_ESC, len) == NULL)
	{
		*outlen = len;
		return (char *) s;
	}
	out = palloc(len + 1);
	for (int i = 0; i < len; i++)
	{
		if (s[i] == DYN_ESC && i + 1 < len &&
			(s[i + 1] == DYN_ESC_NUL || s[i + 1] == DYN_ESC_ONE))
		{
			out[j++] = (s[i + 1] == DYN_ESC_NUL) ? 0x00 : 0x01;
			i++;
		}
		else
			out[j++] = s[i];
	}
	out[j] = '\0';
	*outlen = j;
	return out;
}

/* Length in bytes of the original string (what DynamoDB sizes count) */
int
keycodec_decoded_len(const char *s, int len)
{
	int			n = len;
	const char *p = s;
	const char *end = s + len;

	while ((p = memchr(p, DYN_ESC, end - p)) != NULL)
	{
		if (p + 1 < end && (p[1] == DYN_ESC_NUL || p[1] == DYN_ESC_ONE))
		{
			n--;
			p += 2;
		}
		else
			p++;
	}
	return n;
}

bool
keycodec_escaped_has_nul(const char *s, int len)
{
	const char *p = s;
	const char *end = s + len;

	while ((p = memchr(p, DYN_ESC, end - p)) != NULL)
	{
		if (p + 1 < end && p[1] == DYN_ESC_NUL)
			return true;
		p += (p + 1 < end && p[1] == DYN_ESC_ONE) ? 2 : 1;
	}
	return false;
}

Oid
keycodec_key_typoid(char type)
{
	switch (type)
	{
		case 'S':
			return TEXTOID;
		case 'N':
			return NUMERICOID;
		case 'B':
			return BYTEAOID;
	}
	elog(ERROR, "unrecognized key type: %c", type);
	return InvalidOid;
}

const char *
keycodec_sql_type(char type)
{
	switch (type)
	{
		case 'S':
			return "pg_catalog.text COLLATE pg_catalog.\"C\"";
		case 'N':
			return "pg_catalog.numeric";
		case 'B':
			return "pg_catalog.bytea";
	}
	elog(ERROR, "unrecognized key type: %c", type);
	return NULL;
}

/*
 * The key column Datum for a validated key value: val is the escaped S
 * string, the canonical N string, or the base64 B string.
 */
Datum
keycodec_key_datum(char type, const char *val, int len)
{
	switch (type)
	{
		case 'S':
			return PointerGetDatum(cstring_to_text_with_len(val, len));
		case 'N':
			{
				char	   *s = pnstrdup(val, len);

				return DirectFunctionCall3(numeric_in, CStringGetDatum(s),
										   ObjectIdGetDatum(InvalidOid),
										   Int32GetDatum(-1));
			}
		case 'B':
			{
				int			dlen = pg_b64_dec_len(len);
				bytea	   *b = palloc(VARHDRSZ + dlen);
				int			n = pg_b64_decode(val, len, VARDATA(b), dlen);

				if (n < 0)
					elog(ERROR, "invalid base64 in a validated key");
				SET_VARSIZE(b, VARHDRSZ + n);
				return PointerGetDatum(b);
			}
	}
	elog(ERROR, "unrecognized key type: %c", type);
	return (Datum) 0;
}
