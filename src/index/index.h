/*-------------------------------------------------------------------------
 * index.h
 *	  Secondary indexes (LSI, GSI) as Postgres expression indexes.
 *-------------------------------------------------------------------------
 */
#ifndef DYN_INDEX_H
#define DYN_INDEX_H

#include "catalog.h"
#include "expr/eval.h"

/* One index definition from a CreateTable or UpdateTable request */
typedef struct IndexDef
{
	char	   *name;
	bool		global;
	char	   *hash_key;
	char		hash_type;
	char	   *range_key;
	char		range_type;
	Jsonb	   *key_schema;
	Jsonb	   *projection;
	Jsonb	   *provisioned;
} IndexDef;

extern char *index_key_expr(const char *attr, char type);
extern char *index_predicate(const char *hash_key, char hash_type,
							 const char *range_key, char range_type);
extern char *index_create_sql(const char *schema, const char *backing, const char *pg_name,
							  IndexDef *def, bool table_has_range, bool concurrently);
extern void index_record(const char *table, IndexDef *def, const char *pg_name,
						 const char *status);
extern void index_check_item(DynTable *t, Jsonb *item, ExprEnv *env,
							 ExprParsed *upd);
extern Jsonb *index_project(DynTable *t, DynIndex *x, Jsonb *item);
extern bool index_holds_item(DynIndex *x, Jsonb *item);
extern bool index_projects_all(DynIndex *x);
extern void index_describe(JsonbParseState **st, DynTable *t, bool global, const char *deleting,
						   bool just_started);
extern bool index_build_alive(DynIndex *x);

/* build.c */
extern int	index_build_start(int64 index_id);

#endif							/* DYN_INDEX_H */
