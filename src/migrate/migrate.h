/*-------------------------------------------------------------------------
 * migrate.h
 *	  Evolving a table's data model: history, versioned migrations, bulk
 *	  update jobs, lazy upgrades.
 *-------------------------------------------------------------------------
 */
#ifndef DYN_MIGRATE_H
#define DYN_MIGRATE_H

#include "catalog.h"
#include "storage/storage.h"
#include "utils/jsonb.h"

/* history.c */
extern char *dyn_change_reason;
extern void history_record(const char *table, const char *change, Jsonb *detail);

/* jobs.c */
extern int64 bulk_run_inline(Jsonb *request);

/* move.c */
extern void move_load(DynTable *t);
extern void move_sync(DynTable *t, Jsonb *old, Jsonb *new_item);
extern int64 move_backfill_batch(DynTable *t, DynKey *after, bool *have_after, Jsonb **last,
								 int batch_size, bool *done);
extern int64 jobs_start_move_backfill(Jsonb *request, const char *table);

/* upgrade.c */
extern Jsonb *upgrade_item(DynTable *t, Jsonb *item);
extern void upgrade_load(DynTable *t);

#endif							/* DYN_MIGRATE_H */
