/*-------------------------------------------------------------------------
 * attrval.c
 *	  DynamoDB AttributeValues: validation, canonical form, item size.
 *
 * One walk over a map of AttributeValues (an Item or a Key) checks every
 * value as DynamoDB does, builds its canonical form (numbers as plain
 * decimals without leading or trailing zeros, one type tag per value,
 * unknown tags dropped) and sums DynamoDB's item size:
 *
 *	 name         UTF-8 bytes of the attribute name
 *	 S, B         UTF-8 bytes / decoded bytes
 *	 N            1 + ceil(integer digits / 2) + ceil(fraction digits / 2)
 *	              + 1 when negative (significant digits of the plain form)
 *	 BOOL, NULL   1
 *	 L, M         3 + per element 1 + (name +) value
 *	 SS, NS, BS   sum of the members
 *
 * Strings arrive in the escaped form (keycodec.c); sizes count the
 * original bytes.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"

#include "attrval.h"
#include "dynamo_ext.h"
#include "jsonb_util.h"
#include "keycodec.h"

const char *const attrval_type_names[] = {
	[AV_S] = "S",[AV_N] = "N",[AV_B] = "B",[AV_SS] = "SS",[AV_NS] = "NS",
	[AV_BS] = "BS",[AV_M] = "M",[AV_L] = "L",[AV_NULL] = "NULL",
	[AV_BOOL] = "BOOL",[AV_NONE] = ""
};

static void av_value(AvCheck *chk, const JsonbValue *av, JsonbParseState **out,
					 int depth, int64 *size);

static void
av_fail(AvCheck *chk, DynErrorId id, const char *arg)
{
	if (chk->err != DYN_ERR__COUNT)
		return;
	chk->err = id;
	chk->msg = arg ? dyn_error_text(id, arg) : dyn_error_text(id);
}

void
attrval_raise(AvCheck *chk)
{
	if (chk->err != DYN_ERR__COUNT)
		dyn_error_raw(chk->err, chk->msg);
}

AvType
attrval_type_from_name(const char *s, int len)
{
	for (int t = AV_S; t < AV_NONE; t++)
	{
		const char *n = attrval_type_names[t];

		if ((int) strlen(n) == len && memcmp(n, s, len) == 0)
			return (AvType) t;
	}
	return AV_NONE;
}

/*
 * Parse a DynamoDB number.  On success returns true with its canonical
 * plain form and DynamoDB size; on failure sets *err.
 */
bool
attrval_number(const char *s, int len, char **canon, int *size, DynErrorId *err)
{
	int			i = 0;
	bool		neg = false;
	char	   *digits;
	int			ndigits = 0,
				intdigits = 0;
	int64		exp = 0;
	int			lead,
				last,
				count;
	int64		x;
	StringInfoData buf;

	if (len == 0)
	{
		*err = DYN_ERR_N_EMPTY;
		return false;
	}
	digits = palloc(len + 1);
	if (s[i] == '-' || s[i] == '+')
		neg = (s[i++] == '-');
	while (i < len && s[i] >= '0' && s[i] <= '9')
	{
		digits[ndigits++] = s[i++];
		intdigits++;
	}
	if (i < len && s[i] == '.')
	{
		i++;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			digits[ndigits++] = s[i++];
	}
	if (ndigits == 0)
		goto invalid;
	if (i < len && (s[i] == 'e' || s[i] == 'E'))
	{
		bool		eneg = false;
		int			edigits = 0;

		i++;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			eneg = (s[i++] == '-');
		while (i < len && s[i] >= '0' && s[i] <= '9')
		{
			if (exp < 1000000000)
				exp = exp * 10 + (s[i] - '0');
			i++;
			edigits++;
		}
		if (edigits == 0)
			goto invalid;
		if (eneg)
			exp = -exp;
	}
	if (i != len)
		goto invalid;

	for (lead = 0; lead < ndigits && digits[lead] == '0'; lead++)
		;
	if (lead == ndigits)
	{
		*canon = pstrdup("0");
		*size = 1;
		return true;
	}
	for (last = ndigits - 1; digits[last] == '0'; last--)
		;
	count = last - lead + 1;
	x = (int64) (intdigits - 1 - lead) + exp;	/* exponent of first digit */
	if (x > 125)
	{
		*err = DYN_ERR_N_OVERFLOW;
		return false;
	}
	if (x < -130)
	{
		*err = DYN_ERR_N_UNDERFLOW;
		return false;
	}
	if (count > DYN_MAX_NUMBER_DIGITS)
	{
		*err = DYN_ERR_N_PRECISION;
		return false;
	}

	initStringInfo(&buf);
	if (neg)
		appendStringInfoChar(&buf, '-');
	if (x >= count - 1)
	{
		appendBinaryStringInfo(&buf, digits + lead, count);
		for (int z = 0; z < x - (count - 1); z++)
			appendStringInfoChar(&buf, '0');
		*size = 1 + (count + 1) / 2;
	}
	else if (x >= 0)
	{
		appendBinaryStringInfo(&buf, digits + lead, x + 1);
		appendStringInfoChar(&buf, '.');
		appendBinaryStringInfo(&buf, digits + lead + x + 1, count - x - 1);
		*size = 1 + (x + 2) / 2 + (count - x) / 2;
	}
	else
	{
		appendStringInfoString(&buf, "0.");
		for (int z = 0; z < -x - 1; z++)
			appendStringInfoChar(&buf, '0');
		appendBinaryStringInfo(&buf, digits + lead, count);
		*size = 1 + (count + 1) / 2;
	}
	if (neg)
		(*size)++;
	*canon = buf.data;
	return true;

invalid:
	*err = DYN_ERR_N_INVALID;
	return false;
}

static int
b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/*
 * Check strict base64 as DynamoDB's deserializer does (raising its
 * SerializationException); returns the decoded length.
 */
bool
attrval_base64_check(const char *s, int len, int *decoded)
{
	int			pads = 0;

	if (len % 4 != 0)
		dyn_error(DYN_ERR_SER_BASE64_LENGTH, len);
	while (pads < 2 && pads < len && s[len - 1 - pads] == '=')
		pads++;
	for (int i = 0; i < len - pads; i++)
		if (s[i] == '=')
			dyn_error(DYN_ERR_SER_BASE64_LAST);
		else if (b64_value(s[i]) < 0)
			dyn_error(DYN_ERR_SER_BASE64_CHAR,
					  pnstrdup(s, Min(len, 1024)), s[i]);
	if (pads > 0)
	{
		int			v = b64_value(s[len - pads - 1]);

		if ((pads == 2 && (v & 0x0f) != 0) || (pads == 1 && (v & 0x03) != 0))
			dyn_error(DYN_ERR_SER_BASE64_LAST);
	}
	*decoded = len / 4 * 3 - pads;
	return true;
}

static int
cmp_strings(const void *a, const void *b)
{
	const JsonbValue *x = a;
	const JsonbValue *y = b;
	int			c = memcmp(x->val.string.val, y->val.string.val,
						   Min(x->val.string.len, y->val.string.len));

	if (c != 0)
		return c;
	return x->val.string.len - y->val.string.len;
}

static char *
join_members(JsonbValue *m, int n)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < n && buf.len < 4096; i++)
	{
		if (i > 0)
			appendStringInfoString(&buf, ", ");
		appendBinaryStringInfo(&buf, m[i].val.string.val, m[i].val.string.len);
	}
	return buf.data;
}

/* SS, NS, BS: a non-empty list of unique strings */
static void
av_set(AvCheck *chk, AvType type, const JsonbValue *list, JsonbParseState **out,
	   int64 *size)
{
	int			n;
	JsonbValue *members;
	JsonbValue *sorted;
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken r;
	int			i = 0;

	jb_check_kind(list, JB_LIST);
	n = jb_array_size(list);
	members = palloc(sizeof(JsonbValue) * Max(n, 1));
	it = JsonbIteratorInit(list->val.binary.data);
	while ((r = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (r != WJB_ELEM)
			continue;
		if (type == AV_BS && v.type != jbvString)
			dyn_error(DYN_ERR_SER_BASE64_NOT_STRING);
		jb_check_kind(&v, JB_STRING);
		if (type == AV_S || type == AV_SS)
			*size += keycodec_decoded_len(v.val.string.val, v.val.string.len);
		else if (type == AV_BS)
		{
			int			d;

			attrval_base64_check(v.val.string.val, v.val.string.len, &d);
			*size += d;
		}
		else
		{
			char	   *canon;
			int			nsize;
			DynErrorId	err;

			if (attrval_number(v.val.string.val, v.val.string.len, &canon, &nsize, &err))
			{
				v.val.string.val = canon;
				v.val.string.len = strlen(canon);
				*size += nsize;
			}
			else
				av_fail(chk, err, pnstrdup(v.val.string.val, Min(v.val.string.len, 1024)));
		}
		members[i++] = v;
	}

	if (n == 0)
		av_fail(chk, type == AV_SS ? DYN_ERR_SS_EMPTY :
				type == AV_NS ? DYN_ERR_NS_EMPTY : DYN_ERR_BS_EMPTY, NULL);
	else
	{
		sorted = palloc(sizeof(JsonbValue) * n);
		memcpy(sorted, members, sizeof(JsonbValue) * n);
		qsort(sorted, n, sizeof(JsonbValue), cmp_strings);
		for (int k = 1; k < n; k++)
			if (cmp_strings(&sorted[k - 1], &sorted[k]) == 0)
			{
				if (type == AV_SS)
					av_fail(chk, DYN_ERR_SS_DUPLICATES, join_members(members, n));
				else if (type == AV_BS)
					av_fail(chk, DYN_ERR_BS_DUPLICATES, join_members(members, n));
				else
					av_fail(chk, DYN_ERR_NS_DUPLICATES, NULL);
				break;
			}
	}

	jb_begin_array(out);
	for (int k = 0; k < n; k++)
		jb_push(out, &members[k]);
	jb_end_array(out);
}

/* M: names and AttributeValues */
static JsonbValue *
av_members(AvCheck *chk, const JsonbValue *map, JsonbParseState **out, int depth,
		   int64 *size, bool is_m)
{
	JsonbIterator *it;
	JsonbValue	k,
				v;
	JsonbIteratorToken r;

	jb_check_kind(map, JB_AV_MAP);
	jb_begin_object(out);
	it = JsonbIteratorInit(map->val.binary.data);
	while ((r = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		if (r != WJB_KEY)
			continue;
		r = JsonbIteratorNext(&it, &v, true);
		Assert(r == WJB_VALUE);
		if (k.val.string.len == 0)
			av_fail(chk, DYN_ERR_ATTR_NAME_EMPTY, NULL);
		*size += keycodec_decoded_len(k.val.string.val, k.val.string.len) + (is_m ? 1 : 0);
		jb_key(out, k.val.string.val, k.val.string.len);
		if (depth == 0 && chk->err == DYN_ERR__COUNT)
		{
			av_value(chk, &v, out, depth, size);
			if (chk->err != DYN_ERR__COUNT)
				chk->key = pnstrdup(k.val.string.val, k.val.string.len);
		}
		else
			av_value(chk, &v, out, depth, size);
	}
	return jb_end_object(out);
}

static void
av_list(AvCheck *chk, const JsonbValue *list, JsonbParseState **out, int depth,
		int64 *size)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken r;

	jb_check_kind(list, JB_LIST);
	jb_begin_array(out);
	it = JsonbIteratorInit(list->val.binary.data);
	while ((r = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (r != WJB_ELEM)
			continue;
		*size += 1;
		av_value(chk, &v, out, depth, size);
	}
	jb_end_array(out);
}

/* One tag of an AttributeValue: check it, size it, push its value */
static void
av_tag(AvCheck *chk, AvType type, const JsonbValue *val, JsonbParseState **out,
	   int depth, int64 *size)
{
	switch (type)
	{
		case AV_S:
			jb_check_kind(val, JB_STRING);
			*size += keycodec_decoded_len(val->val.string.val, val->val.string.len);
			jb_push(out, (JsonbValue *) val);
			break;
		case AV_N:
			{
				char	   *canon;
				int			nsize;
				DynErrorId	err;

				jb_check_kind(val, JB_STRING);
				if (attrval_number(val->val.string.val, val->val.string.len,
								   &canon, &nsize, &err))
				{
					*size += nsize;
					jb_push_cstring(out, canon);
				}
				else
				{
					av_fail(chk, err, pnstrdup(val->val.string.val,
											   Min(val->val.string.len, 1024)));
					jb_push(out, (JsonbValue *) val);
				}
				break;
			}
		case AV_B:
			{
				int			d;

				if (val->type != jbvString)
					dyn_error(DYN_ERR_SER_BASE64_NOT_STRING);
				attrval_base64_check(val->val.string.val, val->val.string.len, &d);
				*size += d;
				jb_push(out, (JsonbValue *) val);
				break;
			}
		case AV_BOOL:
			jb_check_kind(val, JB_BOOLEAN);
			*size += 1;
			jb_push(out, (JsonbValue *) val);
			break;
		case AV_NULL:
			jb_check_kind(val, JB_BOOLEAN);
			if (!val->val.boolean)
				av_fail(chk, DYN_ERR_NULL_NOT_TRUE, NULL);
			*size += 1;
			jb_push_bool(out, true);
			break;
		case AV_SS:
		case AV_NS:
		case AV_BS:
			av_set(chk, type, val, out, size);
			break;
		case AV_M:
		case AV_L:
			*size += 3;
			if (depth + 1 >= DYN_MAX_NESTING_DEPTH)
			{
				/* do not descend further: the item is refused anyway */
				av_fail(chk, DYN_ERR_NESTING_TOO_DEEP, NULL);
				jb_push_null(out);
				break;
			}
			if (type == AV_M)
				av_members(chk, val, out, depth + 1, size, true);
			else
				av_list(chk, val, out, depth + 1, size);
			break;
		case AV_NONE:
			break;
	}
}

static void
av_value(AvCheck *chk, const JsonbValue *av, JsonbParseState **out, int depth,
		 int64 *size)
{
	JsonbIterator *it;
	JsonbValue	k,
				v;
	JsonbIteratorToken r;
	int			ntags = 0;

	check_stack_depth();
	CHECK_FOR_INTERRUPTS();
	jb_check_kind(av, JB_AV);

	jb_begin_object(out);
	it = JsonbIteratorInit(av->val.binary.data);
	while ((r = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		AvType		type;

		if (r != WJB_KEY)
			continue;
		r = JsonbIteratorNext(&it, &v, true);
		type = attrval_type_from_name(k.val.string.val, k.val.string.len);
		if (type == AV_NONE || v.type == jbvNull)
			continue;			/* unknown tags are dropped, as DynamoDB does */
		if (ntags++ == 0)
		{
			jb_key(out, k.val.string.val, k.val.string.len);
			av_tag(chk, type, &v, out, depth, size);
		}
		else
		{
			/* checked, but only the first tag is kept */
			JsonbParseState *scratch = NULL;
			int64		ignored = 0;

			jb_begin_array(&scratch);
			av_tag(chk, type, &v, &scratch, depth, &ignored);
		}
	}
	jb_end_object(out);

	if (ntags == 0)
		av_fail(chk, DYN_ERR_AV_EMPTY, NULL);
	else if (ntags > 1)
		av_fail(chk, DYN_ERR_AV_MULTIPLE, NULL);
}

/*
 * Check a map of AttributeValues; returns its canonical form as an
 * in-memory object (pairs sorted by name, as in jsonb).
 */
JsonbValue *
attrval_map(const JsonbValue *map, AvCheck *chk)
{
	JsonbParseState *st = NULL;

	chk->err = DYN_ERR__COUNT;
	chk->msg = NULL;
	chk->key = NULL;
	chk->size = 0;
	return av_members(chk, map, &st, 0, &chk->size, false);
}

/* The type of a canonical AttributeValue, and its value */
AvType
attrval_type(const JsonbValue *av, JsonbValue **val)
{
	JsonbPair  *p;

	if (av->type != jbvObject || av->val.object.nPairs != 1)
		return AV_NONE;
	p = &av->val.object.pairs[0];
	if (val)
		*val = &p->value;
	return attrval_type_from_name(p->key.val.string.val, p->key.val.string.len);
}

/* A member of a canonical (in-memory) map, or NULL */
JsonbValue *
attrval_find(const JsonbValue *map, const char *name, int len)
{
	Assert(map->type == jbvObject);
	for (int i = 0; i < map->val.object.nPairs; i++)
	{
		JsonbPair  *p = &map->val.object.pairs[i];

		if (p->key.val.string.len == len &&
			memcmp(p->key.val.string.val, name, len) == 0)
			return &p->value;
	}
	return NULL;
}
