/*-------------------------------------------------------------------------
 * dynamo_ext.c
 *	  Module entry point and GUCs.
 *
 * dynamo_ext needs no shared_preload_libraries: caches are created on
 * first use (catalog_init), background work uses dynamic workers.
 *
 * GUCs:
 *	 dynamo_ext.reason   free-text reason recorded with data-model changes
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/guc.h"

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
