/*-------------------------------------------------------------------------
 * scan.c
 *	  Scan: every item of a table, or of one segment of a parallel scan.
 *
 * Items are read in (partition-key hash, partition key, sort key) order
 * from the backing table's scan index.  Segment s of TotalSegments n holds
 * the partition keys whose 32-bit hash falls in the s-th of n equal
 * ranges: segments are disjoint, together complete, and each is an index
 * range scan that never reads another segment's rows.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "attrval.h"
#include "jsonb_util.h"
#include "ops/ops.h"

#define DYN_MAX_TOTAL_SEGMENTS 1000000

static const char *const expr_fields[] = {"FilterExpression", "ProjectionExpression"};
static const ExprType expr_types[] = {EXPR_TYPE_FILTER, EXPR_TYPE_PROJECTION};

Jsonb *
op_scan(Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	DynConstraints c;
	const char *name;
	char	   *index = jb_get_cstring(req, "IndexName");
	JsonbValue *limitv = jb_get_typed(req, "Limit", JB_INTEGER);
	JsonbValue *segv = jb_get_typed(req, "Segment", JB_INTEGER);
	JsonbValue *totalv = jb_get_typed(req, "TotalSegments", JB_INTEGER);
	JsonbValue *consistent = jb_get_typed(req, "ConsistentRead", JB_BOOLEAN);
	JsonbValue *esk = jb_get_typed(req, "ExclusiveStartKey", JB_AV_MAP);
	char	   *rcc = jb_get_cstring(req, "ReturnConsumedCapacity");
	const char *select;
	ExprRequest er;
	AvCheck		esk_chk;
	DynTable   *t;
	DynKey		start;
	JsonbValue *start_map;
	PageSpec	ps;
	DynCursor	cur;
	DynIndex   *index_x;
	int64		limit,
				seg = 0,
				total = 1,
				lo,
				hi;

	expr_request_read(&er, req, expr_fields, expr_types, 2);

	dyn_constraints_init(&c);
	ops_enum(&c, rcc, "returnConsumedCapacity", ops_return_consumed, OPS_RETURN_CONSUMED_SET);
	name = ops_data_table_name(req, &c);
	if (limitv && (!jb_number_int64(limitv, &limit) || limit < 1))
		dyn_constraint(&c, jb_number_text(limitv), "limit", DYN_RULE_VALUE_MIN, 1);
	if (segv && (!jb_number_int64(segv, &seg) || seg < 0))
		dyn_constraint(&c, jb_number_text(segv), "segment", DYN_RULE_VALUE_MIN, 0);
	else if (segv && seg > DYN_MAX_TOTAL_SEGMENTS - 1)
		dyn_constraint(&c, jb_number_text(segv), "segment", DYN_RULE_VALUE_MAX,
					   DYN_MAX_TOTAL_SEGMENTS - 1);
	if (totalv && (!jb_number_int64(totalv, &total) || total < 1))
		dyn_constraint(&c, jb_number_text(totalv), "totalSegments", DYN_RULE_VALUE_MIN, 1);
	else if (totalv && total > DYN_MAX_TOTAL_SEGMENTS)
		dyn_constraint(&c, jb_number_text(totalv), "totalSegments", DYN_RULE_VALUE_MAX,
					   DYN_MAX_TOTAL_SEGMENTS);
	ops_read_select(req, &c, &select);
	dyn_constraints_raise(&c);

	if (jb_get(req, "ScanFilter") || jb_get(req, "AttributesToGet"))
		ops_not_supported("ScanFilter and AttributesToGet (use expressions)");
	if (segv && !totalv)
		dyn_error(DYN_ERR_SEG_TOTAL_REQUIRED);
	if (totalv && !segv)
		dyn_error(DYN_ERR_SEG_REQUIRED);
	if (segv && seg >= total)
		dyn_error(DYN_ERR_SEG_RANGE, jb_number_text(segv), jb_number_text(totalv));
	expr_request_precheck(&er, ": FilterExpression is null");
	expr_request_validate(&er);
	ops_check_select(select, &er, index != NULL, false);

	t = catalog_open(name, AccessShareLock, false);
	index_x = ops_open_index(t, index, consistent, select);
	start_map = ops_start_key(t, index_x, esk, &esk_chk, &start, NULL, false);

	/* segment s covers hashes [s * 2^32 / n, (s + 1) * 2^32 / n) - 2^31 */
	lo = (int64) ((((__int128) seg) << 32) / total) - (INT64CONST(1) << 31);
	hi = (int64) ((((__int128) (seg + 1)) << 32) / total) - (INT64CONST(1) << 31);

	if (start_map && segv)
	{
		int64		h = storage_key_hash(t, start.pk);

		if (h < lo || h >= hi)
			dyn_error(DYN_ERR_START_KEY_SEGMENT, jb_number_text(totalv), jb_number_text(segv));
	}

	ops_page_spec(&ps, t, index_x, &er, limitv, select, rcc, consistent);
	storage_scan_open(&cur, t, index_x, lo, hi, start_map ? &start : NULL);
	return ops_run_page(&ps, &cur);
}
