/*-------------------------------------------------------------------------
 * write.h
 *	  One item write (Put, Update, Delete, ConditionCheck), in three steps
 *	  shared by the single-item operations and TransactWriteItems:
 *	  prepare (validate, open the table, take the key), lock and check the
 *	  condition, apply.
 *-------------------------------------------------------------------------
 */
#ifndef DYN_WRITE_H
#define DYN_WRITE_H

#include "ops/ops.h"

typedef enum WriteKind
{
	WRITE_PUT, WRITE_UPDATE, WRITE_DELETE, WRITE_CHECK
} WriteKind;

/* Where a write comes from: its path in constraint messages, and how keys fail */
typedef enum WriteMode
{
	WRITE_SINGLE,				/* PutItem, UpdateItem, DeleteItem */
	WRITE_BATCH,				/* a BatchWriteItem request */
	WRITE_TXN,					/* a TransactWriteItems action */
	WRITE_BULK					/* a bulk update: no Key; a FilterExpression */
} WriteMode;

typedef struct DynWrite
{
	WriteKind	kind;
	DynTable   *t;
	JsonbValue *norm;			/* canonical item (Put) or key */
	DynKey		key;
	Jsonb	   *item;			/* Put: the item to store */
	int64		size;			/* Put: its DynamoDB size */
	ExprRequest er;
	const char *rv;				/* ReturnValues */
	const char *rcc;			/* ReturnConsumedCapacity */
	const char *rvoccf;			/* ReturnValuesOnConditionCheckFailure */
	Jsonb	   *old;			/* the locked item, after write_lock_check */
	Jsonb	   *new_item;		/* after write_apply */
	char	   *sort_key;		/* table and key, for lock order and duplicates */
	int			sort_len;
	char	   *key_error;		/* WRITE_TXN: a key fault, reported as a reason */
} DynWrite;

extern void write_prepare(DynWrite *w, WriteKind kind, JsonbContainer *req);
extern void write_prepare_in(DynWrite *w, WriteKind kind, JsonbContainer *req,
							 WriteMode mode, const char *path);
extern bool write_lock_check(DynWrite *w);
extern bool write_check_locked(DynWrite *w, Jsonb *locked);
extern void write_condition_failed(DynWrite *w) pg_attribute_noreturn();
extern bool write_apply(DynWrite *w);
extern void write_run(DynWrite *w);
extern bool write_has_condition(DynWrite *w);
extern void write_set_key(DynWrite *w, Jsonb *item);

/* batch.c */
extern void batch_sort_writes(DynWrite **ws, int n, DynErrorId duplicate);

#endif							/* DYN_WRITE_H */
