/*-------------------------------------------------------------------------
 * fetch.c
 *	  Reading one item by its full primary key straight from the primary
 *	  key index and the heap, without the executor.
 *
 * GetItem and BatchGetItem are the hottest reads; for them the planner and
 * executor of a prepared SELECT cost more than the lookup itself.  This
 * does what that SELECT does: the same privilege check (SELECT on the
 * backing table), the same snapshot rules as SPI (a fresh snapshot after
 * a command-counter increment, or the calling statement's snapshot), one
 * equality scan of the primary key index.  Whenever the shortcut would
 * not decide exactly as the executor does -- no table-level privilege
 * (column grants), row-level security, no primary key index -- it falls
 * back to the prepared statement in access.c.  The key comparison
 * functions and that decision are shared with range.c (Query's ranges).
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/relation.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "executor/tuptable.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/fmgroids.h"
#include "utils/jsonb.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"

#include "storage/storage.h"

/* The comparison function of a key type for a btree strategy */
RegProcedure
storage_key_proc(char type, StrategyNumber strategy)
{
	static const RegProcedure procs[3][BTMaxStrategyNumber] = {
		{F_TEXT_LT, F_TEXT_LE, F_TEXTEQ, F_TEXT_GE, F_TEXT_GT},
		{F_NUMERIC_LT, F_NUMERIC_LE, F_NUMERIC_EQ, F_NUMERIC_GE, F_NUMERIC_GT},
		{F_BYTEALT, F_BYTEALE, F_BYTEAEQ, F_BYTEAGE, F_BYTEAGT},
	};

	Assert(strategy >= 1 && strategy <= BTMaxStrategyNumber);
	switch (type)
	{
		case 'S':
			return procs[0][strategy - 1];
		case 'N':
			return procs[1][strategy - 1];
		case 'B':
			return procs[2][strategy - 1];
	}
	elog(ERROR, "unrecognized key type: %c", type);
	return InvalidOid;
}

/* The btree 3-way comparison function of a key type */
RegProcedure
storage_key_cmp_proc(char type)
{
	switch (type)
	{
		case 'S':
			return F_BTTEXTCMP;
		case 'N':
			return F_NUMERIC_CMP;
		case 'B':
			return F_BYTEACMP;
	}
	elog(ERROR, "unrecognized key type: %c", type);
	return InvalidOid;
}

/* The attribute number of the item column */
AttrNumber
storage_item_attno(Relation rel)
{
	TupleDesc	desc = RelationGetDescr(rel);

	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (!att->attisdropped && strcmp(NameStr(att->attname), "item") == 0)
			return att->attnum;
	}
	return InvalidAttrNumber;
}

/*
 * May the calling role read the backing table without the executor?  Only
 * with SELECT on the whole table and no row-level security: then the
 * executor would return every row, as a direct read does.
 */
bool
storage_direct_ok(DynTable *t)
{
	return pg_class_aclcheck(t->relid, GetUserId(), ACL_SELECT) == ACLCHECK_OK &&
		check_enable_rls(t->relid, InvalidOid, true) == RLS_NONE;
}

/*
 * The item under key, copied into the current memory context, or NULL.
 * With statement_snapshot, read with the calling statement's snapshot
 * (SPI's read-only mode); otherwise with a new one, as SPI does for a
 * read-write call.
 */
static Jsonb *
fetch(DynTable *t, DynKey *key, bool statement_snapshot)
{
	Relation	rel;
	Relation	idx;
	Oid			idxid;
	AttrNumber	attno;
	ScanKeyData skey[2];
	int			nkeys = 0;
	Snapshot	snap;
	IndexScanDesc scan;
	TupleTableSlot *slot;
	Jsonb	   *result = NULL;

	if (!storage_direct_ok(t))
		return statement_snapshot ? storage_get_snapshot_spi(t, key) :
			storage_get_spi(t, key);

	rel = table_open(t->relid, AccessShareLock);
	idxid = RelationGetPrimaryKeyIndex(rel);
	attno = storage_item_attno(rel);
	if (!OidIsValid(idxid) || attno == InvalidAttrNumber)
	{
		table_close(rel, NoLock);
		return statement_snapshot ? storage_get_snapshot_spi(t, key) :
			storage_get_spi(t, key);
	}
	idx = index_open(idxid, AccessShareLock);

	ScanKeyInit(&skey[nkeys++], 1, BTEqualStrategyNumber,
				storage_key_proc(t->hash_type, BTEqualStrategyNumber), key->pk);
	if (t->range_key)
		ScanKeyInit(&skey[nkeys++], 2, BTEqualStrategyNumber,
					storage_key_proc(t->range_type, BTEqualStrategyNumber), key->sk);

	if (statement_snapshot)
		snap = RegisterSnapshot(GetActiveSnapshot());
	else
	{
		CommandCounterIncrement();
		snap = RegisterSnapshot(GetTransactionSnapshot());
	}

	slot = table_slot_create(rel, NULL);
	scan = index_beginscan(rel, idx, snap, nkeys, 0);
	index_rescan(scan, skey, nkeys, NULL, 0);
	if (index_getnext_slot(scan, ForwardScanDirection, slot))
	{
		bool		isnull;
		Datum		d = slot_getattr(slot, attno, &isnull);

		if (!isnull)
			result = DatumGetJsonbPCopy(d);
	}
	index_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	UnregisterSnapshot(snap);

	index_close(idx, NoLock);
	table_close(rel, NoLock);
	return result;
}

Jsonb *
storage_get(DynTable *t, DynKey *key)
{
	return fetch(t, key, false);
}

/*
 * Read with the calling statement's snapshot: several reads in one call
 * see one consistent state (TransactGetItems).
 */
Jsonb *
storage_get_snapshot(DynTable *t, DynKey *key)
{
	return fetch(t, key, true);
}
