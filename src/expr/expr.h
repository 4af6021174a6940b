/*-------------------------------------------------------------------------
 * expr.h
 *	  DynamoDB's expression languages: condition (and filter), key
 *	  condition, update and projection expressions.
 *
 * The parser (parser.c) turns an expression string into a tree that still
 * holds its #name and :value placeholders, so a parsed expression can be
 * cached by its text alone (cache.c); the placeholders are resolved per
 * request against ExpressionAttributeNames/Values (eval.c, update.c).
 *-------------------------------------------------------------------------
 */
#ifndef DYN_EXPR_H
#define DYN_EXPR_H

#include "nodes/pg_list.h"
#include "utils/jsonb.h"

#include "attrval.h"

#define DYN_MAX_EXPRESSION_BYTES	4096
#define DYN_MAX_IN_OPERANDS			100
#define DYN_MAX_PATH_DEPTH			32

typedef enum ExprType
{
	EXPR_TYPE_CONDITION,
	EXPR_TYPE_FILTER,
	EXPR_TYPE_KEY_CONDITION,
	EXPR_TYPE_UPDATE,
	EXPR_TYPE_PROJECTION,
	EXPR_TYPE__COUNT
} ExprType;

extern const char *const expr_type_names[];	/* "ConditionExpression" ... */

/* One step of a document path: an attribute name or a list index */
typedef struct PathElem
{
	bool		is_index;
	bool		is_ref;			/* a #name placeholder */
	int			index;
	char	   *name;			/* identifier or "#name" */
	int			namelen;
} PathElem;

typedef struct ExprPath
{
	int			n;
	PathElem   *elems;
} ExprPath;

typedef enum ExprKind
{
	EXPR_PATH,
	EXPR_VALUE,					/* :value */
	EXPR_CMP,					/* args[0] op args[1] */
	EXPR_BETWEEN,				/* args[0] BETWEEN args[1] AND args[2] */
	EXPR_IN,					/* args[0] IN (args[1..]) */
	EXPR_AND,
	EXPR_OR,
	EXPR_NOT,
	EXPR_FUNC,					/* func(args...) */
	EXPR_PLUS,					/* update values */
	EXPR_MINUS
} ExprKind;

typedef enum ExprCmp
{
	EXPR_CMP_EQ, EXPR_CMP_NE, EXPR_CMP_LT, EXPR_CMP_LE, EXPR_CMP_GT, EXPR_CMP_GE
} ExprCmp;

typedef enum ExprFunc
{
	EXPR_FN_ATTRIBUTE_EXISTS,
	EXPR_FN_ATTRIBUTE_NOT_EXISTS,
	EXPR_FN_ATTRIBUTE_TYPE,
	EXPR_FN_BEGINS_WITH,
	EXPR_FN_CONTAINS,
	EXPR_FN_SIZE,
	EXPR_FN_IF_NOT_EXISTS,
	EXPR_FN_LIST_APPEND,
	EXPR_FN__COUNT
} ExprFunc;

extern const char *const expr_func_names[];

typedef struct ExprNode
{
	ExprKind	kind;
	int			op;				/* ExprCmp or ExprFunc */
	ExprPath   *path;			/* EXPR_PATH */
	char	   *value;			/* EXPR_VALUE: ":name" */
	int			nargs;
	struct ExprNode **args;
	int			parens;			/* parentheses directly around this node */
} ExprNode;

typedef enum UpdateAction
{
	UPD_SET, UPD_REMOVE, UPD_ADD, UPD_DELETE
} UpdateAction;

typedef struct UpdateClause
{
	UpdateAction action;
	ExprPath   *path;
	ExprNode   *value;			/* NULL for REMOVE */
} UpdateClause;

/* A parsed expression of any type, as cached */
typedef struct ExprParsed
{
	ExprType	type;
	ExprNode   *cond;			/* condition, filter, key condition */
	int			nclauses;		/* update */
	UpdateClause *clauses;
	int			npaths;			/* projection */
	ExprPath  **paths;
	List	   *name_refs;		/* "#x" strings used, each once */
	List	   *value_refs;		/* ":x" strings used, each once */
} ExprParsed;

/* parser.c */
extern ExprParsed *expr_parse(ExprType type, const char *text, int len);

/* cache.c */
extern ExprParsed *expr_cache_get(ExprType type, const char *text, int len);

#endif							/* DYN_EXPR_H */
