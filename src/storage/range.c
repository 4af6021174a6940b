/*-------------------------------------------------------------------------
 * range.c
 *	  Query's key range, and a Scan segment of a table, read straight from
 *	  a btree index and the heap, without the executor.
 *
 * A Query reads one partition key value, in sort-key order, within a
 * sort-key condition, after ExclusiveStartKey: exactly one btree range
 * scan.  For ten items the prepared statement's cursor (plan cache,
 * executor start, portal, fetch, end) costs more than the scan.  This
 * builds the scan keys that statement's plan would build:
 *
 *	 table:	pk = hash, sk <cond>, sk >/< start sk
 *			on the primary key (pk, sk)
 *	 GSI:	hkey = hash, rkey <cond>, (rkey, pk, sk) >/< start
 *			on (hkey, [rkey,] pk, [sk]) WHERE <keys present>
 *	 LSI:	pk = hash, rkey <cond>, (rkey, sk) >/< start
 *			on (pk, rkey, sk) WHERE <sort key present>
 *
 *	 Scan:	hash >= lo, hash < hi, (hash, pk, sk) > start
 *			on the table's scan index (hash(pk), pk, [sk])
 *
 * and walks the index forward or backward (a Scan of a secondary index,
 * which filters by the index's predicate, stays with the statement).  A secondary index is partial
 * (only items that hold its keys), so every entry it returns is an item
 * the statement would return.  The privilege check, row-level security and
 * snapshot are the statement's: SELECT on the backing table (otherwise, or
 * with row-level security or a missing index, the prepared statement in
 * access.c runs instead), and the calling statement's snapshot, as the
 * read-only SPI cursor used.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/nbtree.h"
#include "access/relation.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/detoast.h"
#include "utils/fmgroids.h"
#include "catalog/namespace.h"
#include "catalog/pg_collation.h"
#include "executor/tuptable.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "storage/storage.h"

/* At most: hash, two range bounds, a start key (a row of three) */
#define RANGE_MAX_KEYS 4

typedef struct RangeKeys
{
	ScanKeyData keys[RANGE_MAX_KEYS];
	int			n;
} RangeKeys;

static void
add_key(RangeKeys *rk, AttrNumber col, StrategyNumber strat, char type, Datum v)
{
	Assert(rk->n < RANGE_MAX_KEYS);
	ScanKeyInit(&rk->keys[rk->n++], col, strat, storage_key_proc(type, strat), v);
}

/* The sort-key condition on index column col */
static void
add_range(RangeKeys *rk, AttrNumber col, char type, DynRangeOp op, Datum v1, Datum v2)
{
	bool		isnull;
	Datum		bound;

	switch (op)
	{
		case DYN_RANGE_EQ:
			add_key(rk, col, BTEqualStrategyNumber, type, v1);
			break;
		case DYN_RANGE_LT:
			add_key(rk, col, BTLessStrategyNumber, type, v1);
			break;
		case DYN_RANGE_LE:
			add_key(rk, col, BTLessEqualStrategyNumber, type, v1);
			break;
		case DYN_RANGE_GT:
			add_key(rk, col, BTGreaterStrategyNumber, type, v1);
			break;
		case DYN_RANGE_GE:
			add_key(rk, col, BTGreaterEqualStrategyNumber, type, v1);
			break;
		case DYN_RANGE_BETWEEN:
			add_key(rk, col, BTGreaterEqualStrategyNumber, type, v1);
			add_key(rk, col, BTLessEqualStrategyNumber, type, v2);
			break;
		case DYN_RANGE_BEGINS:
			add_key(rk, col, BTGreaterEqualStrategyNumber, type, v1);
			bound = storage_prefix_bound(type, v1, &isnull);
			if (!isnull)
				add_key(rk, col, BTLessStrategyNumber, type, bound);
			break;
		case DYN_RANGE_NONE:
		case DYN_RANGE__COUNT:
			break;
	}
}

/*
 * "After the start key" in the scan's direction, on index columns first..:
 * one key for one column, else a row comparison (as the executor builds
 * one for (a, b) > (x, y); see ExecIndexBuildScanKeys).  types are key
 * types (S, N, B), or 'h' for the int4 partition-key hash of the scan
 * index, which only ever leads a row.
 */
static void
add_after(RangeKeys *rk, AttrNumber first, int ncols, const char *types, const Datum *values,
		  bool forward)
{
	StrategyNumber strat = forward ? BTGreaterStrategyNumber : BTLessStrategyNumber;
	ScanKeyData *sub;
	ScanKeyData *hdr;

	if (ncols == 1)
	{
		add_key(rk, first, strat, types[0], values[0]);
		return;
	}
	sub = palloc(ncols * sizeof(ScanKeyData));
	/* members carry the btree's 3-way comparison, not the operator */
	for (int i = 0; i < ncols; i++)
		ScanKeyEntryInitialize(&sub[i], SK_ROW_MEMBER | (i == ncols - 1 ? SK_ROW_END : 0),
							   first + i, strat, InvalidOid, C_COLLATION_OID,
							   types[i] == 'h' ? F_BTINT4CMP : storage_key_cmp_proc(types[i]),
							   values[i]);
	Assert(rk->n < RANGE_MAX_KEYS);
	hdr = &rk->keys[rk->n++];
	memset(hdr, 0, sizeof(ScanKeyData));
	hdr->sk_flags = SK_ROW_HEADER;
	hdr->sk_attno = first;
	hdr->sk_strategy = strat;
	hdr->sk_argument = PointerGetDatum(sub);
}

static Oid
backing_index_oid(DynTable *t, const char *name)
{
	Oid			ns = get_namespace_oid(t->backing_schema, true);

	return OidIsValid(ns) ? get_relname_relid(name, ns) : InvalidOid;
}

/*
 * Open the backing table and the index to scan (InvalidOid: the primary
 * key); false (nothing open) where the prepared statement must decide
 */
static bool
direct_open(DynCursor *cur, DynTable *t, const char *index_name)
{
	Relation	rel;
	Relation	idx;
	Oid			idxid;
	AttrNumber	attno;

	if (!ActiveSnapshotSet() || !storage_direct_ok(t))
		return false;
	rel = table_open(t->relid, AccessShareLock);
	idxid = index_name ? backing_index_oid(t, index_name) : RelationGetPrimaryKeyIndex(rel);
	attno = storage_item_attno(rel);
	if (!OidIsValid(idxid) || attno == InvalidAttrNumber)
	{
		table_close(rel, NoLock);
		return false;
	}
	idx = index_open(idxid, AccessShareLock);
	if (!idx->rd_index->indisvalid || idx->rd_rel->relam != BTREE_AM_OID)
	{
		index_close(idx, NoLock);
		table_close(rel, NoLock);
		return false;
	}
	memset(cur, 0, sizeof(DynCursor));
	cur->cxt = CurrentMemoryContext;
	cur->rel = rel;
	cur->idx = idx;
	cur->attno = attno;
	return true;
}

/* Start the scan of an opened cursor */
static void
direct_begin(DynCursor *cur, RangeKeys *rk, bool forward)
{
	cur->dir = forward ? ForwardScanDirection : BackwardScanDirection;
	cur->snap = RegisterSnapshot(GetActiveSnapshot());
	cur->slot = table_slot_create(cur->rel, NULL);
	cur->scan = index_beginscan(cur->rel, cur->idx, cur->snap, rk->n, 0);
	index_rescan(cur->scan, rk->keys, rk->n, NULL, 0);
}

/*
 * Open a direct scan of the key range; false (nothing opened) where the
 * prepared statement must decide instead.
 */
static bool
range_open(DynCursor *cur, DynTable *t, DynIndex *x, Datum hash, DynRangeOp op,
		   Datum v1, Datum v2, bool forward, DynKey *start, Datum start_range)
{
	RangeKeys	rk;
	AttrNumber	after_col = 2;
	int			nafter = 0;
	char		after_types[3];
	Datum		after_values[3];

	if (!direct_open(cur, t, x ? x->pg_name : NULL))
		return false;

	rk.n = 0;
	if (x == NULL)
	{
		/* (pk, sk) */
		add_key(&rk, 1, BTEqualStrategyNumber, t->hash_type, hash);
		if (t->range_key)
		{
			add_range(&rk, 2, t->range_type, op, v1, v2);
			if (start)
			{
				after_col = 2;
				after_types[nafter] = t->range_type;
				after_values[nafter++] = start->sk;
			}
		}
	}
	else if (x->global)
	{
		/* (hkey, [rkey,] pk, [sk]) */
		AttrNumber	col = 2;

		add_key(&rk, 1, BTEqualStrategyNumber, x->hash_type, hash);
		if (x->range_key)
			add_range(&rk, col++, x->range_type, op, v1, v2);
		after_col = 2;
		if (start)
		{
			if (x->range_key)
			{
				after_types[nafter] = x->range_type;
				after_values[nafter++] = start_range;
			}
			after_types[nafter] = t->hash_type;
			after_values[nafter++] = start->pk;
			if (t->range_key)
			{
				after_types[nafter] = t->range_type;
				after_values[nafter++] = start->sk;
			}
		}
	}
	else
	{
		/* (pk, rkey, sk) */
		add_key(&rk, 1, BTEqualStrategyNumber, t->hash_type, hash);
		add_range(&rk, 2, x->range_type, op, v1, v2);
		after_col = 2;
		if (start)
		{
			after_types[nafter] = x->range_type;
			after_values[nafter++] = start_range;
			after_types[nafter] = t->range_type;
			after_values[nafter++] = start->sk;
		}
	}
	if (nafter > 0)
		add_after(&rk, after_col, nafter, after_types, after_values, forward);
	direct_begin(cur, &rk, forward);
	return true;
}

/*
 * One segment of a Scan of the table: partition-key hashes in [lo, hi),
 * in (hash, pk, sk) order, after start, on the table's scan index
 * (hash, pk[, sk]).  Hashes are int4; hi may be 2^31 (no upper bound).
 */
static bool
scan_open(DynCursor *cur, DynTable *t, int64 lo, int64 hi, DynKey *start)
{
	RangeKeys	rk;
	char		types[3] = {'h', t->hash_type, t->range_type};
	Datum		values[3];

	if (!direct_open(cur, t, psprintf("%s_scan", t->backing_name)))
		return false;
	rk.n = 0;
	ScanKeyInit(&rk.keys[rk.n++], 1, BTGreaterEqualStrategyNumber, F_INT4GE,
				Int32GetDatum((int32) lo));
	if (hi <= PG_INT32_MAX)
		ScanKeyInit(&rk.keys[rk.n++], 1, BTLessStrategyNumber, F_INT4LT,
					Int32GetDatum((int32) hi));
	if (start)
	{
		values[0] = Int32GetDatum((int32) storage_key_hash(t, start->pk));
		values[1] = start->pk;
		values[2] = start->sk;
		add_after(&rk, 1, t->range_key ? 3 : 2, types, values, true);
	}
	direct_begin(cur, &rk, true);
	return true;
}

void
storage_scan_open(DynCursor *cur, DynTable *t, DynIndex *x, int64 lo, int64 hi,
				  DynKey *start)
{
	/* an index's Scan filters by its predicate: the prepared statement */
	if (x != NULL || !scan_open(cur, t, lo, hi, start))
		storage_scan_open_spi(cur, t, x, lo, hi, start);
}

/* The items of one partition, in sort-key order, within a key condition */
void
storage_query_open(DynCursor *cur, DynTable *t, Datum pk, DynRangeOp op,
				   Datum v1, Datum v2, bool forward, Datum *start_sk)
{
	DynKey		start;

	if (start_sk)
		start.sk = *start_sk;
	if (!range_open(cur, t, NULL, pk, op, v1, v2, forward, start_sk ? &start : NULL, 0))
		storage_query_open_spi(cur, t, pk, op, v1, v2, forward, start_sk);
}

/*
 * One index key value of a secondary index, in index order (index sort
 * key, then the table's keys), within a sort-key condition, after start.
 */
void
storage_index_query_open(DynCursor *cur, DynTable *t, DynIndex *x, Datum hash, DynRangeOp op,
						 Datum v1, Datum v2, bool forward, DynKey *start, Datum start_range)
{
	if (!range_open(cur, t, x, hash, op, v1, v2, forward, start, start_range))
		storage_index_query_open_spi(cur, t, x, hash, op, v1, v2, forward, start, start_range);
}

/*
 * The next item of a direct scan and its stored size; NULL at the end.
 * The item is valid until the next call (it may lie in the scan's buffer).
 */
Jsonb *
storage_range_next(DynCursor *cur, int *stored_size)
{
	bool		isnull;
	Datum		d;

	MemoryContext caller;
	bool		found;

	/*
	 * The scan allocates as it goes (btgettuple keeps the killed items of a
	 * page, allocated at the first): in the scan's context, never in the
	 * caller's per-item one
	 */
	caller = MemoryContextSwitchTo(cur->cxt);
	for (;;)
	{
		found = false;
		if (cur->want > 0 && cur->fetched >= cur->want)
			break;
		if (!index_getnext_slot(cur->scan, cur->dir, cur->slot))
			break;
		cur->fetched++;
		d = slot_getattr(cur->slot, cur->attno, &isnull);
		if (!isnull)
		{
			found = true;
			break;
		}
	}
	MemoryContextSwitchTo(caller);
	if (!found)
		return NULL;
	*stored_size = toast_raw_datum_size(d);
	/* a plain item is read where it lies: the slot keeps its buffer pinned */
	if (!VARATT_IS_EXTENDED(DatumGetPointer(d)))
		return (Jsonb *) DatumGetPointer(d);
	return DatumGetJsonbP(d);
}

void
storage_range_close(DynCursor *cur)
{
	index_endscan(cur->scan);
	ExecDropSingleTupleTableSlot(cur->slot);
	UnregisterSnapshot(cur->snap);
	index_close(cur->idx, NoLock);
	table_close(cur->rel, NoLock);
	cur->scan = NULL;
}
