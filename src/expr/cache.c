/*-------------------------------------------------------------------------
 * cache.c
 *	  Per-backend cache of parsed expressions, keyed by type and text.
 *
 * An expression string seen before is not parsed again.  Each entry owns
 * a small memory context under CacheMemoryContext; an entry is added only
 * once its parse succeeded.  The cache is bounded: when it holds
 * EXPR_CACHE_MAX entries the least recently used quarter is dropped.
 * Parsed trees depend on the text alone (placeholders stay unresolved),
 * so nothing ever invalidates an entry.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "utils/catcache.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"

#include "expr/expr.h"

#define EXPR_CACHE_MAX 1024

typedef struct ExprCacheKey
{
	ExprType	type;
	uint32		hash;
	int			len;
	char		text[DYN_MAX_EXPRESSION_BYTES];
} ExprCacheKey;

typedef struct ExprCacheEntry
{
	ExprCacheKey key;
	MemoryContext cxt;
	ExprParsed *parsed;
	uint64		last_used;
} ExprCacheEntry;

static HTAB *expr_cache = NULL;
static uint64 expr_clock = 0;

static uint32
key_hash(const void *key, Size keysize)
{
	const ExprCacheKey *k = key;

	return k->hash ^ (uint32) k->type;
}

static int
key_match(const void *a, const void *b, Size keysize)
{
	const ExprCacheKey *x = a;
	const ExprCacheKey *y = b;

	if (x->type != y->type || x->len != y->len || x->hash != y->hash)
		return 1;
	return memcmp(x->text, y->text, x->len);
}

static int
cmp_last_used(const void *a, const void *b)
{
	uint64		x = (*(ExprCacheEntry *const *) a)->last_used;
	uint64		y = (*(ExprCacheEntry *const *) b)->last_used;

	return (x > y) - (x < y);
}

/* Drop the least recently used quarter of the entries */
static void
evict(void)
{
	long		n = hash_get_num_entries(expr_cache);
	ExprCacheEntry **all = palloc(sizeof(ExprCacheEntry *) * n);
	HASH_SEQ_STATUS status;
	ExprCacheEntry *e;
	long		i = 0;

	hash_seq_init(&status, expr_cache);
	while ((e = hash_seq_search(&status)) != NULL)
		all[i++] = e;
	qsort(all, n, sizeof(ExprCacheEntry *), cmp_last_used);
	for (i = 0; i < n / 4 + 1 && i < n; i++)
	{
		MemoryContextDelete(all[i]->cxt);
		hash_search(expr_cache, &all[i]->key, HASH_REMOVE, NULL);
	}
	pfree(all);
}

ExprParsed *
expr_cache_get(ExprType type, const char *text, int len)
{
	ExprCacheKey key;
	ExprCacheEntry *e;
	bool		found;
	MemoryContext cxt,
				old;
	ExprParsed *parsed;

	/* too long to cache: the parser reports DynamoDB's error */
	if (len > DYN_MAX_EXPRESSION_BYTES)
		return expr_parse(type, text, len);

	if (expr_cache == NULL)
	{
		HASHCTL		ctl;

		if (!CacheMemoryContext)
			CreateCacheMemoryContext();
		memset(&ctl, 0, sizeof(ctl));
		ctl.keysize = sizeof(ExprCacheKey);
		ctl.entrysize = sizeof(ExprCacheEntry);
		ctl.hash = key_hash;
		ctl.match = key_match;
		ctl.hcxt = CacheMemoryContext;
		expr_cache = hash_create("dynamo_ext expressions", 256, &ctl,
								 HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);
	}

	memset(&key, 0, offsetof(ExprCacheKey, text));
	key.type = type;
	key.len = len;
	key.hash = hash_bytes((const unsigned char *) text, len);
	memcpy(key.text, text, len);

	e = hash_search(expr_cache, &key, HASH_FIND, &found);
	if (found)
	{
		e->last_used = ++expr_clock;
		return e->parsed;
	}

	/* parse into a context of its own; only a successful parse is kept */
	cxt = AllocSetContextCreate(CacheMemoryContext, "dynamo_ext expression",
								ALLOCSET_SMALL_SIZES);
	old = MemoryContextSwitchTo(cxt);
	PG_TRY();
	{
		parsed = expr_parse(type, text, len);
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(old);
		MemoryContextDelete(cxt);
		PG_RE_THROW();
	}
	PG_END_TRY();
	MemoryContextSwitchTo(old);

	if (hash_get_num_entries(expr_cache) >= EXPR_CACHE_MAX)
		evict();
	e = hash_search(expr_cache, &key, HASH_ENTER, &found);
	e->cxt = cxt;
	e->parsed = parsed;
	e->last_used = ++expr_clock;
	return parsed;
}
