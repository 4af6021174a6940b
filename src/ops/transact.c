/*-------------------------------------------------------------------------
 * transact.c
 *	  TransactWriteItems and TransactGetItems.
 *
 * TransactWriteItems: every action is prepared (validated, table opened,
 * key taken) before anything happens; then the items' rows are locked in
 * one fixed order (table oid, canonical key) and every condition is
 * checked; if any fails, nothing has been written and the error is
 * TransactionCanceledException with one CancellationReason per action, in
 * request order.  Otherwise every action is applied.  Two transactions
 * lock shared items in the same order, so they cannot deadlock.
 *
 * ClientRequestToken: dynamo.idempotency_tokens remembers each token with
 * a hash of its request for 10 minutes.  While a request holds a token its
 * transaction holds a lock on it; a request with the same token that
 * arrives before that transaction ends gets TransactionInProgressException
 * at once (as in DynamoDB) instead of waiting.  A later one finds the
 * committed token and returns success without applying, or, if the first
 * rolled back, applies.
 *
 * TransactGetItems reads every item with the calling statement's
 * snapshot: one consistent state.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/cryptohash.h"
#include "common/hashfn.h"
#include "common/md5.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/lock.h"
#include "utils/builtins.h"

#include "jsonb_util.h"
#include "migrate/migrate.h"
#include "ops/write.h"
#include "wire.h"

#define DYN_TXN_MAX_ITEMS	100
#define DYN_TXN_MAX_BYTES	(4 * 1024 * 1024)
#define DYN_TOKEN_MAX_LEN	36

static const char *const action_names[] = {"Put", "Update", "Delete", "ConditionCheck"};
static const char *const action_paths[] = {"put", "update", "delete", "conditionCheck"};
static const WriteKind action_kinds[] = {WRITE_PUT, WRITE_UPDATE, WRITE_DELETE, WRITE_CHECK};

/*
 * Take the token's lock, held to the end of the transaction, or raise
 * TransactionInProgressException when another request holding the same
 * token is still in progress.  (Advisory lock space, with a fourth field
 * that no SQL-level advisory lock uses.)
 */
static void
lock_token(const char *token)
{
	uint64		h = hash_bytes_extended((const unsigned char *) token, strlen(token), 0);
	LOCKTAG		tag;

	SET_LOCKTAG_ADVISORY(tag, MyDatabaseId, (uint32) (h >> 32), (uint32) h, 0x4459);
	if (LockAcquire(&tag, ExclusiveLock, false, true) == LOCKACQUIRE_NOT_AVAIL)
		dyn_error(DYN_ERR_TXN_IN_PROGRESS);
}

/*
 * Claim a ClientRequestToken.  Returns true when this request is a repeat
 * of one applied in the last 10 minutes (so it must not be applied again);
 * raises IdempotentParameterMismatchException when the token was used for
 * a different request.
 */
static bool
claim_token(const char *token, Jsonb *request)
{
	char		hash[33];
	Oid			save_user;
	int			save_sec;
	int			nestlevel;
	Oid			argtypes[2] = {TEXTOID, TEXTOID};
	Datum		values[2];
	int			ret;
	bool		repeat = false;
	const char *errstr = NULL;

	lock_token(token);

	/* the request without its token identifies it */
	if (!pg_md5_hash(VARDATA(request), VARSIZE(request) - VARHDRSZ, hash, &errstr))
		elog(ERROR, "could not hash request: %s", errstr);
	values[0] = CStringGetTextDatum(token);
	values[1] = CStringGetTextDatum(hash);

	nestlevel = catalog_run_as_owner_begin(&save_user, &save_sec);
	ret = SPI_execute_with_args(
								"INSERT INTO dynamo.idempotency_tokens AS t (token, request_hash) "
								"VALUES ($1, $2) ON CONFLICT (token) DO UPDATE "
								"SET request_hash = EXCLUDED.request_hash, created_at = pg_catalog.now() "
								"WHERE t.created_at OPERATOR(pg_catalog.<) "
								"(pg_catalog.now() OPERATOR(pg_catalog.-) interval '10 minutes') "
								"RETURNING token", 2, argtypes, values, NULL, false, 0);
	if (ret != SPI_OK_INSERT_RETURNING)
		elog(ERROR, "token insert failed: %s", SPI_result_code_string(ret));
	if (SPI_processed == 0)
	{
		/* a live token: same request or not? */
		ret = SPI_execute_with_args("SELECT request_hash OPERATOR(pg_catalog.=) $2 "
									"FROM dynamo.idempotency_tokens WHERE token OPERATOR(pg_catalog.=) $1",
									2, argtypes, values, NULL, false, 0);
		if (ret == SPI_OK_SELECT && SPI_processed == 1)
		{
			bool		isnull;

			repeat = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0],
												SPI_tuptable->tupdesc, 1, &isnull));
			if (!repeat)
			{
				catalog_run_as_owner_end(save_user, save_sec, nestlevel);
				dyn_error(DYN_ERR_IDEMPOTENT_MISMATCH);
			}
		}
	}
	catalog_run_as_owner_end(save_user, save_sec, nestlevel);
	return repeat;
}

/* TransactionCanceledException: ValidationError for action bad, None for the rest */
static void
cancel(int n, int bad, const char *message)
{
	JsonbParseState *rs = NULL;
	StringInfoData codes;

	initStringInfo(&codes);
	jb_begin_array(&rs);
	for (int j = 0; j < n; j++)
	{
		appendStringInfo(&codes, "%s%s", j ? ", " : "", j == bad ? "ValidationError" : "None");
		jb_begin_object(&rs);
		jb_ckey(&rs, "Code");
		jb_push_cstring(&rs, j == bad ? "ValidationError" : "None");
		if (j == bad)
		{
			jb_ckey(&rs, "Message");
			jb_push_cstring(&rs, message);
		}
		jb_end_object(&rs);
	}
	dyn_error_detail(DYN_ERR_TXN_CANCELED,
					 text_to_cstring(wire_jsonb_to_text(JsonbValueToJsonb(jb_end_array(&rs)))),
					 codes.data);
}

Jsonb *
op_transact_write_items(Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	JsonbValue *items = jb_get_typed(req, "TransactItems", JB_LIST);
	char	   *token = jb_get_cstring(req, "ClientRequestToken");
	char	   *rcc = jb_get_cstring(req, "ReturnConsumedCapacity");
	char	   *ricm = jb_get_cstring(req, "ReturnItemCollectionMetrics");
	DynConstraints c;
	int			n = items ? jb_array_size(items) : 0;
	DynWrite  **ws;
	DynWrite  **order;
	bool	   *passed;
	bool		all_passed = true;
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken r;
	int			i = 0;
	JsonbParseState *st = NULL;

	dyn_constraints_init(&c);
	ops_enum(&c, rcc, "returnConsumedCapacity", ops_return_consumed, OPS_RETURN_CONSUMED_SET);
	if (items == NULL)
		dyn_constraint(&c, NULL, "transactItems", DYN_RULE_NOT_NULL);
	else if (n < 1)
		dyn_constraint(&c, "[]", "transactItems", DYN_RULE_LENGTH_MIN, 1);
	else if (n > DYN_TXN_MAX_ITEMS)
		dyn_constraint(&c, "[...]", "transactItems", DYN_RULE_LENGTH_MAX, DYN_TXN_MAX_ITEMS);
	ops_enum(&c, ricm, "returnItemCollectionMetrics", ops_return_metrics, OPS_RETURN_METRICS_SET);
	if (token && strlen(token) < 1)
		dyn_constraint(&c, token, "clientRequestToken", DYN_RULE_LENGTH_MIN, 1);
	else if (token && strlen(token) > DYN_TOKEN_MAX_LEN)
		dyn_constraint(&c, token, "clientRequestToken", DYN_RULE_LENGTH_MAX, DYN_TOKEN_MAX_LEN);
	dyn_constraints_raise(&c);
	if (VARSIZE(request) > DYN_TXN_MAX_BYTES)
		dyn_error(DYN_ERR_TXN_TOO_LARGE);

	/* prepare every action before touching anything */
	ws = palloc(sizeof(DynWrite *) * n);
	it = JsonbIteratorInit(items->val.binary.data);
	while ((r = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		int			found = -1;
		JsonbValue *body = NULL;

		if (r != WJB_ELEM)
			continue;
		jb_check_kind(&v, JB_STRUCT);
		for (int a = 0; a < lengthof(action_names); a++)
		{
			JsonbValue *x = jb_get_typed(v.val.binary.data, action_names[a], JB_STRUCT);

			if (x)
			{
				if (found >= 0)
					dyn_error(DYN_ERR_TXN_ONE_OF);
				found = a;
				body = x;
			}
		}
		if (found < 0)
			dyn_error(DYN_ERR_TXN_ONE_OF);
		ws[i] = palloc(sizeof(DynWrite));
		write_prepare_in(ws[i], action_kinds[found], body->val.binary.data, WRITE_TXN,
						 psprintf("transactItems.%d.member.%s.", i + 1, action_paths[found]));
		i++;
	}

	/* a key of the wrong shape cancels the transaction: the first one is the reason */
	for (int k = 0; k < n; k++)
		if (ws[k]->key_error)
			cancel(n, k, ws[k]->key_error);

	if (token && claim_token(token, request))
		return jb_empty_object();	/* applied before: do not apply again */

	/* lock in a fixed order and check every condition */
	order = palloc(sizeof(DynWrite *) * n);
	memcpy(order, ws, sizeof(DynWrite *) * n);
	batch_sort_writes(order, n, DYN_ERR_TXN_MULTIPLE_OPS);
	passed = palloc(sizeof(bool) * n);
	for (int k = 0; k < n; k++)
	{
		bool		ok = write_lock_check(order[k]);

		for (int j = 0; j < n; j++)
			if (ws[j] == order[k])
				passed[j] = ok;
		all_passed &= ok;
	}
	if (!all_passed)
	{
		JsonbParseState *rs = NULL;
		StringInfoData codes;

		initStringInfo(&codes);
		jb_begin_array(&rs);
		for (int j = 0; j < n; j++)
		{
			appendStringInfo(&codes, "%s%s", j ? ", " : "",
							 passed[j] ? "None" : "ConditionalCheckFailed");
			jb_begin_object(&rs);
			jb_ckey(&rs, "Code");
			jb_push_cstring(&rs, passed[j] ? "None" : "ConditionalCheckFailed");
			if (!passed[j])
			{
				jb_ckey(&rs, "Message");
				jb_push_cstring(&rs, dyn_error_def(DYN_ERR_CONDITION_FAILED)->fmt);
				if (ws[j]->old && ws[j]->rvoccf && strcmp(ws[j]->rvoccf, "ALL_OLD") == 0)
				{
					jb_ckey(&rs, "Item");
					jb_push_jsonb(&rs, ws[j]->old);
				}
			}
			jb_end_object(&rs);
		}
		dyn_error_detail(DYN_ERR_TXN_CANCELED,
						 text_to_cstring(wire_jsonb_to_text(JsonbValueToJsonb(jb_end_array(&rs)))),
						 codes.data);
	}

	for (int k = 0; k < n; k++)
		if (!write_apply(order[k]))
			dyn_error(DYN_ERR_TXN_CONFLICT);	/* a concurrent insert won */

	jb_begin_object(&st);
	if (rcc && strcmp(rcc, "NONE") != 0)
	{
		jb_ckey(&st, "ConsumedCapacity");
		jb_begin_array(&st);
		for (int k = 0; k < n; k++)
		{
			double		units = 0;
			int			j;

			if (k > 0 && order[k - 1]->t == order[k]->t)
				continue;
			for (j = k; j < n && order[j]->t == order[k]->t; j++)
				units += 2 * ops_write_units(order[j]->size);
			jb_begin_object(&st);
			jb_ckey(&st, "TableName");
			jb_push_cstring(&st, order[k]->t->name);
			jb_ckey(&st, "CapacityUnits");
			jb_push_numeric_text(&st, psprintf("%g", units));
			jb_end_object(&st);
		}
		jb_end_array(&st);
	}
	return JsonbValueToJsonb(jb_end_object(&st));
}

Jsonb *
op_transact_get_items(Jsonb *request)
{
	JsonbContainer *req = jb_request_container(request);
	JsonbValue *items = jb_get_typed(req, "TransactItems", JB_LIST);
	char	   *rcc = jb_get_cstring(req, "ReturnConsumedCapacity");
	DynConstraints c;
	int			n = items ? jb_array_size(items) : 0;
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken r;
	JsonbParseState *st = NULL;
	DynTable  **tabs;
	DynKey	   *keys;
	ExprRequest *ers;
	StringInfo *canon;
	int			i = 0;
	static const char *const proj_field[] = {"ProjectionExpression"};
	static const ExprType proj_type[] = {EXPR_TYPE_PROJECTION};

	dyn_constraints_init(&c);
	ops_enum(&c, rcc, "returnConsumedCapacity", ops_return_consumed, OPS_RETURN_CONSUMED_SET);
	if (items == NULL)
		dyn_constraint(&c, NULL, "transactItems", DYN_RULE_NOT_NULL);
	else if (n < 1)
		dyn_constraint(&c, "[]", "transactItems", DYN_RULE_LENGTH_MIN, 1);
	else if (n > DYN_TXN_MAX_ITEMS)
		dyn_constraint(&c, "[...]", "transactItems", DYN_RULE_LENGTH_MAX, DYN_TXN_MAX_ITEMS);
	dyn_constraints_raise(&c);

	tabs = palloc(sizeof(DynTable *) * n);
	keys = palloc(sizeof(DynKey) * n);
	ers = palloc(sizeof(ExprRequest) * n);
	canon = palloc(sizeof(StringInfo) * n);
	it = JsonbIteratorInit(items->val.binary.data);
	while ((r = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		JsonbValue *get;
		JsonbContainer *g;
		JsonbValue *keyv;
		AvCheck		chk;
		JsonbValue *norm;
		char	   *name;

		if (r != WJB_ELEM)
			continue;
		jb_check_kind(&v, JB_STRUCT);
		get = jb_get_typed(v.val.binary.data, "Get", JB_STRUCT);
		if (get == NULL)
		{
			dyn_constraints_init(&c);
			dyn_constraint(&c, NULL, psprintf("transactItems.%d.member.get", i + 1),
						   DYN_RULE_NOT_NULL);
			dyn_constraints_raise(&c);
		}
		g = get->val.binary.data;
		keyv = jb_get_typed(g, "Key", JB_AV_MAP);
		expr_request_read(&ers[i], g, proj_field, proj_type, 1);
		ers[i].values = NULL;
		dyn_constraints_init(&c);
		name = (char *) ops_data_table_name(g, &c);
		if (keyv == NULL)
			dyn_constraint(&c, NULL, "key", DYN_RULE_NOT_NULL);
		dyn_constraints_raise(&c);
		norm = attrval_map(keyv, &chk);
		attrval_raise(&chk);
		expr_request_precheck(&ers[i], "");
		expr_request_validate(&ers[i]);
		tabs[i] = catalog_open(name, AccessShareLock, false);
		{
			char	   *fault = ops_key_fault(tabs[i], norm, false, &keys[i]);

			if (fault)
				cancel(n, i, fault);
		}
		{
			Jsonb	   *kj = JsonbValueToJsonb(norm);

			canon[i] = makeStringInfo();
			appendBinaryStringInfo(canon[i], (char *) kj, VARSIZE(kj));
		}
		i++;
	}

	/* one Get per item */
	for (int a = 0; a < n; a++)
		for (int b = 0; b < a; b++)
			if (tabs[a] == tabs[b] && canon[a]->len == canon[b]->len &&
				memcmp(canon[a]->data, canon[b]->data, canon[a]->len) == 0)
				dyn_error(DYN_ERR_TXN_MULTIPLE_OPS);

	jb_begin_object(&st);
	jb_ckey(&st, "Responses");
	jb_begin_array(&st);
	for (int k = 0; k < n; k++)
	{
		Jsonb	   *item = upgrade_item(tabs[k], storage_get_snapshot(tabs[k], &keys[k]));
		ExprParsed *proj = ers[k].parsed[EXPR_TYPE_PROJECTION];

		jb_begin_object(&st);
		if (item)
		{
			jb_ckey(&st, "Item");
			jb_push_jsonb(&st, proj ? expr_project(&ers[k].env, proj->paths, proj->npaths,
												   &item->root) : item);
		}
		jb_end_object(&st);
	}
	jb_end_array(&st);
	return JsonbValueToJsonb(jb_end_object(&st));
}
