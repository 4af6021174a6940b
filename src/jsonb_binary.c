/*-------------------------------------------------------------------------
 * jsonb_binary.c
 *	  Assembling jsonb from values that are already jsonb, without
 *	  unpacking them.
 *
 * A response mostly holds stored items as they are (GetItem's Item, a
 * Query page's Items).  Pushing an item through pushJsonbValue unpacks it
 * into a tree of JsonbValues only to encode it again; a page of ten items
 * costs about 100 kB of such trees.  Here stored containers are copied
 * byte for byte into the new value, laid out as convertToJsonb lays them
 * out (src/backend/utils/adt/jsonb_util.c):
 *
 *	 header | JEntry per child | child data
 *
 * Each JEntry holds the child's length, or, for every JB_OFFSET_STRIDE-th
 * child, its end offset (JENTRY_HAS_OFF).  Numeric and container children
 * start int-aligned; the padding before them counts in their length.  An
 * object's children are its keys (sorted: shorter first, then bytewise)
 * followed by its values in the same order.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "jsonb_util.h"

/* Does a child of this type start int-aligned? */
static bool
aligned_type(uint32 entry)
{
	uint32		type = entry & JENTRY_TYPEMASK;

	return type == JENTRY_ISNUMERIC || type == JENTRY_ISCONTAINER;
}

static void
check_size(Size len)
{
	if (len > JENTRY_OFFLENMASK)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("total size of jsonb array elements exceeds the maximum of %u bytes",
						JENTRY_OFFLENMASK)));
}

/*
 * The JEntry of the child at index i ending at data offset end (relative
 * to the start of the children's data), of type and length len
 */
static JEntry
child_entry(int i, uint32 type, Size end, Size len)
{
	check_size(end);
	if (i % JB_OFFSET_STRIDE == 0)
		return type | JENTRY_HAS_OFF | (uint32) end;
	return type | (uint32) len;
}

void
jb_array_init(JbArray *a)
{
	initStringInfo(&a->data);
	a->n = 0;
	a->cap = 16;
	a->entries = palloc(a->cap * sizeof(JEntry));
}

/* Append a copy of a non-scalar jsonb (an object or array) */
void
jb_array_append(JbArray *a, Jsonb *j)
{
	Size		start = a->data.len;
	Size		len = VARSIZE(j) - VARHDRSZ;
	Size		pad = INTALIGN(start) - start;

	Assert(!JB_ROOT_IS_SCALAR(j));
	if (a->n == a->cap)
	{
		a->cap *= 2;
		a->entries = repalloc(a->entries, a->cap * sizeof(JEntry));
	}
	enlargeStringInfo(&a->data, pad + len);
	memset(a->data.data + start, 0, pad);
	a->data.len += pad;
	appendBinaryStringInfo(&a->data, (char *) &j->root, len);
	a->entries[a->n] = child_entry(a->n, JENTRY_ISCONTAINER, a->data.len, pad + len);
	a->n++;
}

/* The array as a jsonb (consumes a) */
Jsonb *
jb_array_finish(JbArray *a)
{
	Size		hdr = VARHDRSZ + sizeof(uint32) + a->n * sizeof(JEntry);
	Jsonb	   *out = palloc(hdr + a->data.len);

	SET_VARSIZE(out, hdr + a->data.len);
	out->root.header = JB_FARRAY | a->n;
	memcpy(out->root.children, a->entries, a->n * sizeof(JEntry));
	memcpy((char *) out + hdr, a->data.data, a->data.len);
	pfree(a->data.data);
	pfree(a->entries);
	return out;
}

/* jsonb's key order: shorter first, then bytewise */
static int
key_cmp(const char *a, int alen, const char *b, int blen)
{
	if (alen != blen)
		return alen > blen ? 1 : -1;
	return memcmp(a, b, alen);
}

/*
 * obj (an object) with one more member, key: value, where value is an
 * object or array and key is not yet in obj.  The members of obj are
 * copied as they are, re-padded for their new offsets.
 */
Jsonb *
jb_object_insert(Jsonb *obj, const char *key, Jsonb *value)
{
	JsonbContainer *c = &obj->root;
	int			n = JsonContainerSize(c);
	int			klen = strlen(key);
	const char *base = (const char *) &c->children[2 * n];
	Size		vlen = VARSIZE(value) - VARHDRSZ;
	Size		cap;
	Size		hdr = VARHDRSZ + sizeof(uint32) + 2 * (n + 1) * sizeof(JEntry);
	Jsonb	   *out;
	char	   *data;
	Size		pos = 0;
	int			at = n;

	Assert(JB_ROOT_IS_OBJECT(obj) && !JB_ROOT_IS_SCALAR(value));

	/* where the key goes */
	for (int i = 0; i < n; i++)
	{
		uint32		off = getJsonbOffset(c, i);

		if (key_cmp(key, klen, base + off, getJsonbLength(c, i)) < 0)
		{
			at = i;
			break;
		}
	}

	/* at most: the old data, the key, the value, and padding for each value */
	cap = hdr + (VARSIZE(obj) - VARHDRSZ) + klen + vlen + (n + 1) * sizeof(int32);
	out = palloc(cap);
	out->root.header = JB_FOBJECT | (n + 1);
	data = (char *) out + hdr;

	/* keys then values; child k of the new object is old child src */
	for (int k = 0; k < 2 * (n + 1); k++)
	{
		bool		is_new = (k == at || k == n + 1 + at);
		int			src = k < n + 1 ? (k < at ? k : k - 1) : (k - (n + 1) < at ? k - 1 : k - 2);
		const char *bytes;
		Size		len;
		uint32		type;
		Size		pad = 0;

		if (is_new && k <= n)
		{
			bytes = key;
			len = klen;
			type = JENTRY_ISSTRING;
		}
		else if (is_new)
		{
			bytes = (const char *) &value->root;
			len = vlen;
			type = JENTRY_ISCONTAINER;
		}
		else
		{
			uint32		off = getJsonbOffset(c, src);

			type = c->children[src] & JENTRY_TYPEMASK;
			len = getJsonbLength(c, src);
			if (aligned_type(type))
			{
				/* stored after padding to an int boundary, counted in len */
				len -= INTALIGN(off) - off;
				off = INTALIGN(off);
			}
			bytes = base + off;
		}
		if (aligned_type(type))
		{
			pad = INTALIGN(pos) - pos;
			memset(data + pos, 0, pad);
		}
		memcpy(data + pos + pad, bytes, len);
		pos += pad + len;
		out->root.children[k] = child_entry(k, type, pos, pad + len);
	}
	Assert(hdr + pos <= cap);
	SET_VARSIZE(out, hdr + pos);
	return out;
}

/* {key: inner}, inner an object */
Jsonb *
jb_wrap(const char *key, Jsonb *inner)
{
	return jb_object_insert(jb_empty_object(), key, inner);
}
