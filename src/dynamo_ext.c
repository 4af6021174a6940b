/*-------------------------------------------------------------------------
 * dynamo_ext.c
 *	  Module entry point.
 *
 * dynamo_ext needs no shared_preload_libraries: everything is set up on
 * first use in each backend (catalog_init).
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

#include "catalog.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	/* nothing yet: caches are created on first use (catalog_init) */
}
