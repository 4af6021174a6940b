/*-------------------------------------------------------------------------
 * upsert.c
 *	  An unconditional PutItem written straight into the heap and its
 *	  indexes, without the executor.
 *
 * This is what the prepared
 *
 *	 INSERT INTO <backing> (pk, sk, item) VALUES (...)
 *	 ON CONFLICT (pk, sk) DO UPDATE SET item = EXCLUDED.item
 *
 * does in READ COMMITTED (nodeModifyTable.c, ExecInsert and
 * ExecOnConflictUpdate), for one row:
 *
 *	 1. look for a conflicting row in the primary key (SnapshotDirty;
 *		waits for an inserter still in progress);
 *	 2. found: lock it, then update it (its indexes as heap_update says);
 *		if it was updated or deleted meanwhile, start again at 1;
 *	 3. not found: insert speculatively, insert the index entries, and
 *		confirm the insertion -- or, if a concurrent insert of the key won
 *		in between, take it back (super-delete) and start again at 1.
 *
 * Whenever the shortcut might decide differently from the statement it
 * returns false and the statement runs instead (access.c): a transaction
 * that is read-only or uses one snapshot (REPEATABLE READ, SERIALIZABLE),
 * no active snapshot, parallel mode, a missing table privilege (column
 * grants), row-level security, triggers, rules, CHECK constraints or
 * generated columns, any column beyond (pk[, sk], item), no primary key.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/pg_class.h"
#include "executor/executor.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "storage/lmgr.h"
#include "utils/acl.h"
#include "utils/rel.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"

#include "storage/storage.h"

/* Are the backing table's columns exactly (pk[, sk], item)? */
static bool
plain_columns(DynTable *t, Relation rel)
{
	TupleDesc	desc = RelationGetDescr(rel);
	static const char *const names[] = {"pk", "sk", "item"};
	int			n = t->range_key ? 3 : 2;

	if (desc->natts != n)
		return false;
	for (int i = 0; i < n; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		const char *want = names[t->range_key ? i : (i == 0 ? 0 : 2)];

		if (att->attisdropped || strcmp(NameStr(att->attname), want) != 0)
			return false;
	}
	return desc->constr == NULL ||
		(desc->constr->num_check == 0 && !desc->constr->has_generated_stored);
}

/* May this write bypass the executor and still decide as it would? */
static bool
direct_write_ok(DynTable *t, Relation rel)
{
	Oid			user = GetUserId();

	return !XactReadOnly && !IsInParallelMode() && !IsolationUsesXactSnapshot() &&
		ActiveSnapshotSet() &&
		rel->rd_rel->relkind == RELKIND_RELATION &&
		rel->trigdesc == NULL && rel->rd_rules == NULL &&
		pg_class_aclcheck(t->relid, user, ACL_INSERT) == ACLCHECK_OK &&
		pg_class_aclcheck(t->relid, user, ACL_UPDATE) == ACLCHECK_OK &&
		pg_class_aclcheck(t->relid, user, ACL_SELECT) == ACLCHECK_OK &&
		check_enable_rls(t->relid, InvalidOid, true) == RLS_NONE &&
		plain_columns(t, rel) &&
		OidIsValid(RelationGetPrimaryKeyIndex(rel));
}

static void
fill(TupleTableSlot *slot, DynTable *t, DynKey *key, Jsonb *item)
{
	int			i = 0;

	ExecClearTuple(slot);
	slot->tts_values[i] = key->pk;
	slot->tts_isnull[i++] = false;
	if (t->range_key)
	{
		slot->tts_values[i] = key->sk;
		slot->tts_isnull[i++] = false;
	}
	slot->tts_values[i] = JsonbPGetDatum(item);
	slot->tts_isnull[i] = false;
	ExecStoreVirtualTuple(slot);
}

/*
 * Step 2: lock the conflicting row and update it.  False when it changed
 * before we could lock it (the caller starts again).
 */
static bool
update_conflicting(EState *estate, ResultRelInfo *rri, ItemPointer tid,
				   TupleTableSlot *existing, TupleTableSlot *slot)
{
	Relation	rel = rri->ri_RelationDesc;
	TM_FailureData tmfd;
	TM_Result	res;
	LockTupleMode lockmode;
	bool		update_indexes;

	/* the update leaves the key columns as they are */
	res = table_tuple_lock(rel, tid, estate->es_snapshot, existing, estate->es_output_cid,
						   LockTupleNoKeyExclusive, LockWaitBlock, 0, &tmfd);
	switch (res)
	{
		case TM_Ok:
			break;
		case TM_Invisible:
			/* one command writes a key once (CommandCounterIncrement first) */
			elog(ERROR, "attempted to lock invisible tuple");
			break;
		case TM_SelfModified:
			elog(ERROR, "unexpected self-updated tuple");
			break;
		case TM_Updated:
		case TM_Deleted:
			ExecClearTuple(existing);
			return false;
		default:
			elog(ERROR, "unrecognized table_tuple_lock status: %u", res);
	}

	res = table_tuple_update(rel, tid, slot, estate->es_output_cid, estate->es_snapshot,
							 InvalidSnapshot, true, &tmfd, &lockmode, &update_indexes);
	if (res != TM_Ok)
		elog(ERROR, "unexpected table_tuple_update status %u on a locked tuple", res);
	/*
	 * A non-HOT update gets new index entries.  (update = false: the
	 * "unchanged" hint would read the updated columns from a range table,
	 * which we have none of; without it btree just skips one heuristic.)
	 */
	if (update_indexes)
		list_free(ExecInsertIndexTuples(rri, slot, estate, false, false, NULL, NIL));
	ExecClearTuple(existing);
	return true;
}

/*
 * Step 3: insert speculatively.  False when a concurrent insert of the key
 * won meanwhile (ours is taken back; the caller starts again).
 */
static bool
insert_new(EState *estate, ResultRelInfo *rri, TupleTableSlot *slot, List *arbiters)
{
	Relation	rel = rri->ri_RelationDesc;
	bool		conflict = false;
	uint32		token;

	token = SpeculativeInsertionLockAcquire(GetCurrentTransactionId());
	table_tuple_insert_speculative(rel, slot, estate->es_output_cid, 0, NULL, token);
	list_free(ExecInsertIndexTuples(rri, slot, estate, false, true, &conflict, arbiters));
	table_tuple_complete_speculative(rel, slot, token, !conflict);
	SpeculativeInsertionLockRelease(GetCurrentTransactionId());
	return !conflict;
}

/* The upsert of storage_upsert, when the shortcut applies; false otherwise */
bool
storage_upsert_direct(DynTable *t, DynKey *key, Jsonb *item)
{
	Relation	rel = table_open(t->relid, RowExclusiveLock);
	EState	   *estate;
	ResultRelInfo *rri;
	TupleTableSlot *slot;
	TupleTableSlot *existing;
	List	   *arbiters;
	MemoryContext old;

	if (!direct_write_ok(t, rel))
	{
		table_close(rel, NoLock);
		return false;
	}

	/* as SPI runs a read-write statement: see what came before */
	CommandCounterIncrement();
	estate = CreateExecutorState();
	/* everything of this write lives in the estate, freed at the end */
	old = MemoryContextSwitchTo(estate->es_query_cxt);
	estate->es_output_cid = GetCurrentCommandId(true);
	estate->es_snapshot = GetActiveSnapshot();
	rri = makeNode(ResultRelInfo);
	InitResultRelInfo(rri, rel, 0, NULL, 0);	/* no range table */
	CheckValidResultRel(rri, CMD_INSERT);
	CheckCmdReplicaIdentity(rel, CMD_UPDATE);	/* the DO UPDATE half */
	ExecOpenIndices(rri, true);
	arbiters = list_make1_oid(RelationGetPrimaryKeyIndex(rel));
	slot = table_slot_create(rel, NULL);
	existing = table_slot_create(rel, NULL);

	for (;;)
	{
		ItemPointerData conflict;

		CHECK_FOR_INTERRUPTS();
		fill(slot, t, key, item);
		if (!ExecCheckIndexConstraints(rri, slot, estate, &conflict, arbiters))
		{
			if (update_conflicting(estate, rri, &conflict, existing, slot))
				break;
		}
		else if (insert_new(estate, rri, slot, arbiters))
			break;
		ResetPerTupleExprContext(estate);
	}

	ExecDropSingleTupleTableSlot(existing);
	ExecDropSingleTupleTableSlot(slot);
	ExecCloseIndices(rri);
	MemoryContextSwitchTo(old);
	FreeExecutorState(estate);
	table_close(rel, NoLock);
	return true;
}
