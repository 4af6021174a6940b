/*-------------------------------------------------------------------------
 * ops.h
 *	  DynamoDB operations: one function per operation, taking DynamoDB's
 *	  request body and returning its response body (both jsonb, strings in
 *	  the escaped form).  Each validates in DynamoDB's order, then acts.
 *-------------------------------------------------------------------------
 */
#ifndef DYN_OPS_H
#define DYN_OPS_H

#include "utils/jsonb.h"

#include "catalog.h"
#include "errors.h"
#include "expr/eval.h"
#include "storage/storage.h"

typedef Jsonb *(*DynOpFn) (Jsonb *request);

typedef struct DynOp
{
	const char *name;			/* DynamoDB's operation name */
	DynOpFn		fn;
} DynOp;

/* the operations */
extern Jsonb *op_create_table(Jsonb *request);
extern Jsonb *op_describe_table(Jsonb *request);
extern Jsonb *op_list_tables(Jsonb *request);
extern Jsonb *op_delete_table(Jsonb *request);
extern bool moving_ok;
extern Jsonb *op_put_item(Jsonb *request);
extern Jsonb *op_get_item(Jsonb *request);
extern Jsonb *op_delete_item(Jsonb *request);

/* dispatch.c */
extern const DynOp *ops_lookup(const char *name);
extern bool ops_known(const char *name);
extern Jsonb *ops_run(DynOpFn fn, Jsonb *request);

/* common.c: checks shared by several operations */
extern const char *ops_control_table_name(JsonbContainer *req, DynConstraints *c);
extern bool ops_table_name_chars_ok(const char *name);
extern void ops_table_name_constraints(DynConstraints *c, const char *name,
									   const char *path);
extern const char *ops_data_table_name(JsonbContainer *req, DynConstraints *c);
extern void ops_enum(DynConstraints *c, const char *value, const char *path,
					 const char *const *allowed, const char *rendered);
extern void ops_extract_key(DynTable *t, JsonbValue *map, bool is_item, DynKey *key);
extern char *ops_key_fault(DynTable *t, JsonbValue *map, bool is_item, DynKey *key);
extern void ops_push_consumed(JsonbParseState **st, DynTable *t, const char *mode,
							  double units);
extern double ops_write_units(int64 size);
extern double ops_read_units(int64 size, bool consistent);
extern int64 ops_item_size(Jsonb *item);
extern void ops_not_supported(const char *what) pg_attribute_noreturn();
extern void ops_no_mixing(const char *legacy, const char *expressions);
extern Jsonb *op_update_item(Jsonb *request);
extern Jsonb *op_query(Jsonb *request);
extern Jsonb *op_update_table(Jsonb *request);
extern Jsonb *op_batch_get_item(Jsonb *request);
extern Jsonb *op_batch_write_item(Jsonb *request);
extern Jsonb *op_transact_write_items(Jsonb *request);
extern Jsonb *op_transact_get_items(Jsonb *request);
extern Jsonb *op_scan(Jsonb *request);

/* page.c: one page of Query or Scan results */
typedef struct PageSpec
{
	DynTable   *t;
	ExprRequest *er;
	int64		limit;			/* 0: none */
	bool		count_only;
	ExprParsed *filter;
	ExprParsed *proj;
	const char *rcc;
	bool		consistent;
	const char *keys[4];		/* attributes of LastEvaluatedKey */
	int			nkeys;
	DynIndex   *index;			/* reading a secondary index, or NULL */
	bool		project_index;	/* return what the index holds */
} PageSpec;

extern Jsonb *ops_run_page(PageSpec *ps, DynCursor *cur);
extern void ops_read_select(JsonbContainer *req, DynConstraints *c, const char **select);
extern void ops_check_select(const char *select, ExprRequest *er, bool has_index,
							 bool query);
extern void ops_page_spec(PageSpec *ps, DynTable *t, DynIndex *x, ExprRequest *er,
						  JsonbValue *limitv, const char *select, const char *rcc,
						  JsonbValue *consistent);
extern JsonbValue *ops_start_key(DynTable *t, DynIndex *x, JsonbValue *esk, AvCheck *chk,
								 DynKey *key, Datum *start_range, bool query);
extern DynIndex *ops_open_index(DynTable *t, const char *name, JsonbValue *consistent,
								const char *select);

extern const char *const ops_return_values[];
extern const char *const ops_return_consumed[];
extern const char *const ops_return_metrics[];
#define OPS_RETURN_VALUES_SET	"[ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]"
#define OPS_RETURN_CONSUMED_SET "[INDEXES, TOTAL, NONE]"
#define OPS_RETURN_METRICS_SET	"[SIZE, NONE]"
#define OPS_RVOCCF_SET			"[ALL_OLD, NONE]"
extern const char *const ops_rvoccf[];

#endif							/* DYN_OPS_H */
