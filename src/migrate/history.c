/*-------------------------------------------------------------------------
 * history.c
 *	  The data-model history: every CreateTable, UpdateTable, DeleteTable,
 *	  migration step and upgrade registration, with time, role and reason.
 *
 * The reason is the session's dynamo_ext.reason setting (SET LOCAL
 * dynamo_ext.reason = '...'), NULL when unset.  Rows are written in the
 * same transaction as the change, as the catalog owner.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "catalog.h"
#include "migrate/migrate.h"

char	   *dyn_change_reason = NULL;

void
history_record(const char *table, const char *change, Jsonb *detail)
{
	Oid			argtypes[5] = {TEXTOID, TEXTOID, NAMEOID, TEXTOID, JSONBOID};
	Datum		values[5];
	char		nulls[5] = {' ', ' ', ' ', ' ', ' '};
	Oid			save_user;
	int			save_sec;
	int			nestlevel;
	int			ret;

	values[0] = CStringGetTextDatum(table);
	values[1] = CStringGetTextDatum(change);
	values[2] = DirectFunctionCall1(namein, CStringGetDatum(GetUserNameFromId(GetUserId(), false)));
	if (dyn_change_reason && dyn_change_reason[0])
		values[3] = CStringGetTextDatum(dyn_change_reason);
	else
		nulls[3] = 'n';
	if (detail)
		values[4] = JsonbPGetDatum(detail);
	else
		nulls[4] = 'n';

	nestlevel = catalog_run_as_owner_begin(&save_user, &save_sec);
	ret = SPI_execute_with_args("INSERT INTO dynamo.model_history (table_name, change, actor, "
								"reason, detail) VALUES ($1, $2, $3, $4, $5)",
								5, argtypes, values, nulls, false, 0);
	catalog_run_as_owner_end(save_user, save_sec, nestlevel);
	if (ret != SPI_OK_INSERT)
		elog(ERROR, "could not record model history: %s", SPI_result_code_string(ret));
}
