/*-------------------------------------------------------------------------
 * delete_table.c
 *	  DeleteTable: drop the backing table and the catalog row.
 *
 * Only a role that may drop the backing table (its owner) may delete the
 * DynamoDB table; anyone else gets Postgres's 42501.  The backing table is
 * locked AccessExclusive first, so concurrent writes finish before us or
 * find the table gone (ResourceNotFoundException) once we commit.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"

#include "catalog.h"
#include "jsonb_util.h"
#include "index/index.h"
#include "migrate/migrate.h"
#include "ops/ops.h"

/* set by the move code while it drops a table of its own move */
bool		moving_ok = false;

Jsonb *
op_delete_table(Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	DynConstraints c;
	const char *name;
	DynTable   *t;
	JsonbParseState *st = NULL;
	Oid			save_user;
	int			save_sec;
	int			nestlevel;
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1];
	int			ret;
	Jsonb	   *res;

	dyn_constraints_init(&c);
	name = ops_control_table_name(req, &c);
	dyn_constraints_raise(&c);

	/* as DROP TABLE does: check ownership before queueing for the lock */
	t = catalog_peek(name);
	if (t && !pg_class_ownercheck(t->relid, GetUserId()))
		aclcheck_error(ACLCHECK_NOT_OWNER, OBJECT_TABLE, t->backing_name);
	t = catalog_open(name, AccessExclusiveLock, true);
	if (!pg_class_ownercheck(t->relid, GetUserId()))
		aclcheck_error(ACLCHECK_NOT_OWNER, OBJECT_TABLE, t->backing_name);
	for (int i = 0; i < t->nindexes; i++)
		if (strcmp(t->indexes[i].status, "CREATING") == 0 && index_build_alive(&t->indexes[i]))
			dyn_error(DYN_ERR_TABLE_INDEXES_BUSY);
	{
		Oid			at[1] = {TEXTOID};
		Datum		av[1] = {CStringGetTextDatum(name)};

		/* a table in an active move is the move's to drop (archive, rollback) */
		if (!moving_ok &&
			SPI_execute_with_args("SELECT 1 FROM dynamo.moves WHERE phase OPERATOR(pg_catalog.<>) "
								  "ALL ('{done,rolled_back,archive}') AND $1 OPERATOR(pg_catalog.=) "
								  "ANY (ARRAY[source, target, archive_name])",
								  1, at, av, NULL, true, 0) == SPI_OK_SELECT && SPI_processed > 0)
			dyn_error(DYN_ERR_TABLE_IN_MOVE, name);
	}

	/* the response describes the table as it was, now DELETING */
	jb_begin_object(&st);
	jb_ckey(&st, "TableDescription");
	catalog_describe(&st, t, "DELETING", true);
	res = JsonbValueToJsonb(jb_end_object(&st));

	history_record(name, "DeleteTable", NULL);

	/* DROP TABLE sends the relcache invalidation every backend acts on */
	storage_drop_table(t);
	t->valid = false;

	values[0] = CStringGetTextDatum(name);
	nestlevel = catalog_run_as_owner_begin(&save_user, &save_sec);
	SPI_execute_with_args("DELETE FROM dynamo.migrations WHERE table_name OPERATOR(pg_catalog.=) $1",
						  1, argtypes, values, NULL, false, 0);
	SPI_execute_with_args("DELETE FROM dynamo.upgrades WHERE table_name OPERATOR(pg_catalog.=) $1",
						  1, argtypes, values, NULL, false, 0);
	ret = SPI_execute_with_args("DELETE FROM dynamo.indexes WHERE table_name OPERATOR(pg_catalog.=) $1",
								1, argtypes, values, NULL, false, 0);
	if (ret != SPI_OK_DELETE)
		elog(ERROR, "index catalog delete failed: %s", SPI_result_code_string(ret));
	ret = SPI_execute_with_args("DELETE FROM dynamo.tables WHERE table_name OPERATOR(pg_catalog.=) $1",
								1, argtypes, values, NULL, false, 0);
	catalog_run_as_owner_end(save_user, save_sec, nestlevel);
	if (ret != SPI_OK_DELETE)
		elog(ERROR, "catalog delete failed: %s", SPI_result_code_string(ret));
	return res;
}
