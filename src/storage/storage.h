/*-------------------------------------------------------------------------
 * storage.h
 *	  Reading and writing items of a backing table.
 *-------------------------------------------------------------------------
 */
#ifndef DYN_STORAGE_H
#define DYN_STORAGE_H

#include "access/genam.h"
#include "access/sdir.h"
#include "access/stratnum.h"
#include "executor/tuptable.h"
#include "utils/rel.h"
#include "utils/snapshot.h"

#include "catalog.h"

/* A primary key as backing-table column values */
typedef struct DynKey
{
	Datum		pk;
	Datum		sk;				/* unused for hash-only tables */
} DynKey;

extern void storage_create_table(const char *schema, const char *name,
								 char hash_type, char range_type);
extern void storage_drop_table(DynTable *t);
extern Jsonb *storage_get(DynTable *t, DynKey *key);
extern Jsonb *storage_get_snapshot(DynTable *t, DynKey *key);
extern Jsonb *storage_get_spi(DynTable *t, DynKey *key);
extern Jsonb *storage_get_snapshot_spi(DynTable *t, DynKey *key);
extern void storage_upsert(DynTable *t, DynKey *key, Jsonb *item);
extern bool storage_upsert_direct(DynTable *t, DynKey *key, Jsonb *item);
extern Jsonb *storage_lock(DynTable *t, DynKey *key);
extern bool storage_insert_new(DynTable *t, DynKey *key, Jsonb *item);
extern void storage_update(DynTable *t, DynKey *key, Jsonb *item);
extern Jsonb *storage_put_returning_old(DynTable *t, DynKey *key, Jsonb *item);
extern Jsonb *storage_delete(DynTable *t, DynKey *key);

/* fetch.c: direct reads, without the executor */
extern RegProcedure storage_key_proc(char type, StrategyNumber strategy);
extern RegProcedure storage_key_cmp_proc(char type);
extern AttrNumber storage_item_attno(Relation rel);
extern bool storage_direct_ok(DynTable *t);

/*
 * Reading many items: through an SPI cursor, a batch at a time, or (a
 * Query's key range, range.c) by a direct index scan
 */
typedef struct DynCursor
{
	Portal		portal;
	uint64		pos;
	uint64		n;
	SPITupleTable *batch;
	int64		want;			/* rows the reader will take at most; 0: all */
	int64		fetched;
	/* a direct index scan (scan != NULL) */
	IndexScanDesc scan;
	Relation	rel;
	Relation	idx;
	TupleTableSlot *slot;
	Snapshot	snap;
	AttrNumber	attno;			/* the item column */
	ScanDirection dir;
	MemoryContext cxt;			/* the scan's own allocations */
} DynCursor;

extern void storage_query_open(DynCursor *cur, DynTable *t, Datum pk, DynRangeOp op,
							   Datum v1, Datum v2, bool forward, Datum *start_sk);
extern void storage_scan_open(DynCursor *cur, DynTable *t, DynIndex *x, int64 lo, int64 hi,
							  DynKey *start);
extern void storage_index_query_open(DynCursor *cur, DynTable *t, DynIndex *x, Datum hash,
									 DynRangeOp op, Datum v1, Datum v2, bool forward,
									 DynKey *start, Datum start_range);
extern void storage_query_open_spi(DynCursor *cur, DynTable *t, Datum pk, DynRangeOp op,
								   Datum v1, Datum v2, bool forward, Datum *start_sk);
extern void storage_scan_open_spi(DynCursor *cur, DynTable *t, DynIndex *x, int64 lo,
								  int64 hi, DynKey *start);
extern void storage_index_query_open_spi(DynCursor *cur, DynTable *t, DynIndex *x, Datum hash,
										 DynRangeOp op, Datum v1, Datum v2, bool forward,
										 DynKey *start, Datum start_range);
extern Jsonb *storage_range_next(DynCursor *cur, int *stored_size);
extern void storage_range_close(DynCursor *cur);
/*
 * The next item: a copy from an SPI cursor; from a direct scan (Query's,
 * range.c) valid only until the next call or the cursor's close
 */
extern Jsonb *storage_cursor_next(DynCursor *cur, int *stored_size);
extern void storage_cursor_close(DynCursor *cur);
extern void storage_keyscan_open(DynCursor *cur, DynTable *t, DynKey *after, int64 n);
extern void storage_keyscan_open_locked(DynCursor *cur, DynTable *t, DynKey *after, int64 n);
extern void storage_keyscan_open_for_update(DynCursor *cur, DynTable *t, DynKey *after,
											int64 n);
extern Datum storage_prefix_bound(char type, Datum prefix, bool *isnull);
extern char *storage_hash_expr(char type, const char *arg);
extern int64 storage_key_hash(DynTable *t, Datum pk);

#endif							/* DYN_STORAGE_H */
