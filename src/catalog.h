/*-------------------------------------------------------------------------
 * catalog.h
 *	  The extension catalog (schema dynamo) and the per-backend cache of
 *	  table descriptors.
 *-------------------------------------------------------------------------
 */
#ifndef DYN_CATALOG_H
#define DYN_CATALOG_H

#include "executor/spi.h"
#include "storage/lockdefs.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

#include "dynamo_ext.h"

#define DYN_CATALOG_SCHEMA	"dynamo"
#define DYN_DATA_SCHEMA		"dynamo_data"

/* Prepared statements kept per table (storage/access.c) */
typedef enum DynPlanId
{
	DYN_PLAN_GET,
	DYN_PLAN_UPSERT,
	DYN_PLAN_LOCK,
	DYN_PLAN_INSERT_NEW,
	DYN_PLAN_UPDATE,
	DYN_PLAN_DELETE,
	DYN_PLAN__COUNT
} DynPlanId;

/* Sort-key conditions of a Query (storage_query_open) */
typedef enum DynRangeOp
{
	DYN_RANGE_NONE, DYN_RANGE_EQ, DYN_RANGE_LT, DYN_RANGE_LE, DYN_RANGE_GT,
	DYN_RANGE_GE, DYN_RANGE_BETWEEN, DYN_RANGE_BEGINS, DYN_RANGE__COUNT
} DynRangeOp;

#define DYN_QUERY_PLANS (DYN_RANGE__COUNT * 4)

/* A secondary index (LSI or GSI), as recorded in dynamo.indexes */
typedef struct DynIndex
{
	char	   *name;			/* IndexName */
	bool		global;
	char	   *hash_key;		/* attribute names, escaped form */
	int			hash_key_len;
	char		hash_type;
	char	   *range_key;		/* NULL: no index sort key */
	int			range_key_len;
	char		range_type;
	char	   *projection_type;	/* ALL, KEYS_ONLY or INCLUDE */
	Jsonb	   *key_schema;
	Jsonb	   *projection;
	Jsonb	   *provisioned;
	char	   *status;			/* CREATING or ACTIVE */
	char	   *pg_name;		/* the Postgres index */
	int			worker_pid;		/* builder, while CREATING */
	int64		violations;		/* items left out: index key of the wrong type */
	char	   *last_error;
	SPIPlanPtr	query_plans[DYN_QUERY_PLANS];
	SPIPlanPtr	scan_plans[2];
} DynIndex;

/* A lazy upgrade of an entity type (migrate/upgrade.c) */
typedef struct DynUpgrade
{
	struct ExprParsed *filter;
	int			from_version;
	int			to_version;
	Oid			fn;
	Jsonb	   *values;			/* canonical values of the filter's :placeholders */
} DynUpgrade;

/* A live move whose writes this table must mirror (migrate/move.c) */
typedef struct DynMove
{
	int64		id;
	char	   *to_table;
	Oid			fn;				/* transform: jsonb -> SETOF jsonb */
} DynMove;

typedef struct DynTable
{
	char		name[DYN_MAX_TABLE_NAME + 1];	/* hash key; must be first */
	bool		valid;			/* false once an invalidation hit it */
	MemoryContext cxt;			/* everything below lives here */
	int64		table_id;
	Oid			relid;			/* the backing table */
	char	   *backing_schema;
	char	   *backing_name;
	char	   *hash_key;		/* attribute names, escaped form */
	int			hash_key_len;
	char		hash_type;		/* 'S', 'N' or 'B' */
	char	   *range_key;		/* NULL for a hash-only table */
	int			range_key_len;
	char		range_type;
	char	   *status;
	char	   *billing_mode;
	char	   *table_uuid;
	TimestampTz created_at;
	Jsonb	   *key_schema;
	Jsonb	   *attribute_definitions;
	Jsonb	   *provisioned;	/* NULL for PAY_PER_REQUEST */
	SPIPlanPtr	plans[DYN_PLAN__COUNT];
	SPIPlanPtr	query_plans[DYN_QUERY_PLANS];	/* storage_query_open */
	SPIPlanPtr	scan_plans[2];	/* storage_scan_open */
	SPIPlanPtr	keyscan_plans[6];	/* storage_keyscan_open: start x lock mode */
	int			nindexes;
	DynIndex   *indexes;
	int			nupgrades;
	DynUpgrade *upgrades;
	DynMove    *move;			/* NULL: no dual writes */
} DynTable;

extern void catalog_init(void);
extern DynTable *catalog_open(const char *name, LOCKMODE lockmode, bool control_plane);
extern bool catalog_exists(const char *name);
extern Oid	catalog_owner(void);
extern int	catalog_run_as_owner_begin(Oid *save_user, int *save_sec);
extern void catalog_run_as_owner_end(Oid save_user, int save_sec, int nestlevel);
extern DynTable *catalog_peek(const char *name);
extern void catalog_describe(JsonbParseState **st, DynTable *t, const char *status,
							 bool with_counts);
extern void catalog_invalidate(DynTable *t);
extern void catalog_describe_ex(JsonbParseState **st, DynTable *t, const char *status,
								bool with_counts, const char *deleting_index);
extern DynIndex *catalog_find_index(DynTable *t, const char *name);

#endif							/* DYN_CATALOG_H */
