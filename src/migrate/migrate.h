/*-------------------------------------------------------------------------
 * migrate.h
 *	  Evolving a table's data model: history, versioned migrations, bulk
 *	  update jobs, lazy upgrades.
 *-------------------------------------------------------------------------
 */
#ifndef DYN_MIGRATE_H
#define DYN_MIGRATE_H

#include "catalog.h"
#include "utils/jsonb.h"

/* history.c */
extern char *dyn_change_reason;
extern void history_record(const char *table, const char *change, Jsonb *detail);

/* jobs.c */
extern int64 bulk_run_inline(Jsonb *request);

/* upgrade.c */
extern Jsonb *upgrade_item(DynTable *t, Jsonb *item);
extern void upgrade_load(DynTable *t);

#endif							/* DYN_MIGRATE_H */
