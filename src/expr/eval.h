/*-------------------------------------------------------------------------
 * eval.h
 *	  Evaluating expressions over stored items.
 *-------------------------------------------------------------------------
 */
#ifndef DYN_EVAL_H
#define DYN_EVAL_H

#include "expr/expr.h"

/* Placeholders of one request, resolved against its maps */
typedef struct ExprEnv
{
	JsonbContainer *names;		/* ExpressionAttributeNames, or NULL */
	JsonbContainer *values;		/* canonical ExpressionAttributeValues, or NULL */
} ExprEnv;

/* A value met during evaluation: an AttributeValue's type and content */
typedef struct EVal
{
	AvType		type;			/* AV_NONE: the path does not exist */
	JsonbValue	v;				/* string (S, N, B), bool, or binary (sets, M, L) */
} EVal;

extern void expr_env_init(ExprEnv *env, JsonbContainer *req, AvCheck *chk,
						  Jsonb **values_out);
extern void expr_check_refs(ExprEnv *env, ExprParsed *e);
extern void expr_check_unused(ExprEnv *env, ExprParsed **parsed, int n);
extern bool expr_eval_condition(ExprEnv *env, ExprNode *cond, JsonbContainer *item);
extern void expr_eval_operand(ExprEnv *env, ExprNode *n, JsonbContainer *item, EVal *out);
extern bool expr_resolve_path(ExprEnv *env, ExprPath *path, JsonbContainer *item,
							  EVal *out);
extern void expr_path_name(ExprEnv *env, PathElem *e, char **name, int *len);
extern void expr_av_to_eval(const JsonbValue *av, EVal *out);
extern bool expr_equal(EVal *a, EVal *b);
extern bool expr_compare(int op, EVal *a, EVal *b);
extern bool expr_begins_with(EVal *a, EVal *b);
extern char *expr_path_text(ExprEnv *env, ExprPath *path);


/* validate.c: the expressions of one request */
typedef struct ExprRequest
{
	ExprEnv		env;
	JsonbValue *names;			/* as given */
	JsonbValue *values;			/* as given */
	AvCheck		values_chk;		/* deferred errors of ExpressionAttributeValues */
	Jsonb	   *values_canon;
	JsonbValue *text[EXPR_TYPE__COUNT];	/* expression strings given */
	ExprParsed *parsed[EXPR_TYPE__COUNT];
} ExprRequest;

extern void expr_request_read(ExprRequest *r, JsonbContainer *req,
							  const char *const *fields, const ExprType *types, int n);
extern void expr_request_precheck(ExprRequest *r, const char *values_null_suffix);
extern void expr_request_validate(ExprRequest *r);
extern bool expr_request_has(ExprRequest *r, ExprType type);

/* update.c: UpdateExpression and ProjectionExpression over items */
extern void expr_check_paths(ExprEnv *env, ExprType type, ExprPath **paths, int n);
extern Jsonb *expr_apply_update(ExprEnv *env, ExprParsed *upd, Jsonb *old,
								JsonbValue *key_map);
extern Jsonb *expr_project(ExprEnv *env, ExprPath **paths, int n, JsonbContainer *item);
extern ExprPath **expr_update_paths(ExprParsed *upd);

#endif							/* DYN_EVAL_H */
