/*-------------------------------------------------------------------------
 * dynamo_ext.c
 *	  Module entry point, GUCs, and whether one of our workers still runs.
 *
 * dynamo_ext needs no shared_preload_libraries: caches are created on
 * first use (catalog_init), background work uses dynamic workers.
 *
 * GUCs:
 *	 dynamo_ext.reason   free-text reason recorded with data-model changes
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <signal.h>

#include "fmgr.h"
#include "storage/proc.h"
#include "storage/procarray.h"
#include "utils/guc.h"

#include "dynamo_ext.h"
#include "migrate/migrate.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	DefineCustomStringVariable("dynamo_ext.reason",
							   "Reason recorded with changes to a table's data model.",
							   "Shown in dyn_model_history; set it with SET LOCAL before the change.",
							   &dyn_change_reason,
							   NULL,
							   PGC_USERSET,
							   0,
							   NULL, NULL, NULL);
	MarkGUCPrefixReserved("dynamo_ext");
}

/*
 * Is the background worker recorded with this pid still running?  A pid
 * in the proc array counts only if that process is a background worker,
 * so a regular backend that reused the pid of a dead worker does not keep
 * its job "running".  A worker just started may not have joined the proc
 * array yet; then the process merely existing counts.
 */
bool
dyn_worker_alive(int pid)
{
	PGPROC	   *proc;

	if (pid <= 0)
		return false;
	proc = BackendPidGetProc(pid);
	if (proc != NULL)
		return proc->isBackgroundWorker;
	return kill(pid, 0) == 0;
}
