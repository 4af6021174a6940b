/*-------------------------------------------------------------------------
 * errors.h
 *	  The error catalogue: every DynamoDB error dynamo_ext raises.
 *
 * Each DynamoDB error type has its own SQLSTATE (DESIGN.md section 1);
 * each message is DynamoDB's text, copied exactly.  Call sites name an
 * entry, never a string.
 *-------------------------------------------------------------------------
 */
#ifndef DYN_ERRORS_H
#define DYN_ERRORS_H

#include "lib/stringinfo.h"

#define ERRCODE_DYN_VALIDATION			MAKE_SQLSTATE('D','Y','0','0','1')
#define ERRCODE_DYN_CONDITION_FAILED	MAKE_SQLSTATE('D','Y','0','0','2')
#define ERRCODE_DYN_TXN_CANCELED		MAKE_SQLSTATE('D','Y','0','0','3')
#define ERRCODE_DYN_NOT_FOUND			MAKE_SQLSTATE('D','Y','0','0','4')
#define ERRCODE_DYN_IN_USE				MAKE_SQLSTATE('D','Y','0','0','5')
#define ERRCODE_DYN_IDEMPOTENT_MISMATCH MAKE_SQLSTATE('D','Y','0','0','6')
#define ERRCODE_DYN_COLLECTION_SIZE		MAKE_SQLSTATE('D','Y','0','0','7')
#define ERRCODE_DYN_LIMIT_EXCEEDED		MAKE_SQLSTATE('D','Y','0','0','8')
#define ERRCODE_DYN_TXN_CONFLICT		MAKE_SQLSTATE('D','Y','0','0','9')
#define ERRCODE_DYN_SERIALIZATION		MAKE_SQLSTATE('D','Y','0','1','0')
#define ERRCODE_DYN_UNKNOWN_OPERATION	MAKE_SQLSTATE('D','Y','0','1','1')

typedef enum DynErrorId
{
	/* SerializationException: a request field of the wrong JSON type */
	DYN_ERR_SER_NOT_OBJECT,
	DYN_ERR_SER_MALFORMED_JSON,
	DYN_ERR_SER_NUMBER_TO,			/* %s = target type */
	DYN_ERR_SER_DECIMAL_TO,
	DYN_ERR_SER_TRUE_TO,
	DYN_ERR_SER_FALSE_TO,
	DYN_ERR_SER_STRING_TO,
	DYN_ERR_SER_COLLECTION_TO,		/* %s = java class */
	DYN_ERR_SER_STRUCT_NOT_EXPECTED,
	DYN_ERR_SER_UNEXPECTED_TOKEN,
	DYN_ERR_SER_UNEXPECTED_FIELD_TYPE,
	DYN_ERR_SER_UNEXPECTED_VALUE_TYPE,
	DYN_ERR_SER_BASE64_LENGTH,
	DYN_ERR_SER_BASE64_CHAR,
	DYN_ERR_SER_BASE64_LAST,
	DYN_ERR_SER_BASE64_NOT_STRING,

	/* ValidationException: request shape */
	DYN_ERR_TABLE_NAME_REQUIRED,
	DYN_ERR_TABLE_NAME_LENGTH,
	DYN_ERR_CONSTRAINTS,			/* assembled by dyn_constraints_raise */
	DYN_ERR_BILLING_PPR_THROUGHPUT,
	DYN_ERR_BILLING_PROVISIONED_MISSING,
	DYN_ERR_CAPACITY_OUT_OF_BOUNDS,
	DYN_ERR_ATTR_NAME_DUPLICATED,
	DYN_ERR_KEYSCHEMA_NO_DEFINITION,
	DYN_ERR_KEYSCHEMA_NOT_DEFINED,
	DYN_ERR_KEYSCHEMA_SAME_NAME,
	DYN_ERR_KEYSCHEMA_FIRST_NOT_HASH,
	DYN_ERR_KEYSCHEMA_SECOND_NOT_RANGE,
	DYN_ERR_KEYSCHEMA_COUNT_MISMATCH,
	DYN_ERR_RETURN_VALUES_PUT_DELETE,
	DYN_ERR_DUPLICATE_ATTRIBUTES_TO_GET,
	DYN_ERR_NOT_SUPPORTED,

	/* ValidationException: attribute values and items */
	DYN_ERR_AV_EMPTY,
	DYN_ERR_AV_MULTIPLE,
	DYN_ERR_N_EMPTY,
	DYN_ERR_N_INVALID,
	DYN_ERR_N_OVERFLOW,
	DYN_ERR_N_UNDERFLOW,
	DYN_ERR_N_PRECISION,
	DYN_ERR_NULL_NOT_TRUE,
	DYN_ERR_SS_EMPTY,
	DYN_ERR_NS_EMPTY,
	DYN_ERR_BS_EMPTY,
	DYN_ERR_SS_DUPLICATES,
	DYN_ERR_NS_DUPLICATES,
	DYN_ERR_BS_DUPLICATES,
	DYN_ERR_NESTING_TOO_DEEP,
	DYN_ERR_ATTR_NAME_EMPTY,
	DYN_ERR_ITEM_TOO_LARGE,

	/* ValidationException: keys */
	DYN_ERR_KEY_MISSING_IN_ITEM,
	DYN_ERR_KEY_TYPE_MISMATCH,
	DYN_ERR_KEY_EMPTY_STRING,
	DYN_ERR_KEY_EMPTY_BINARY,
	DYN_ERR_HASH_KEY_TOO_LARGE,
	DYN_ERR_RANGE_KEY_TOO_LARGE,
	DYN_ERR_KEY_SCHEMA_MISMATCH,

	/* ValidationException: expressions */
	DYN_ERR_EXPR_SYNTAX,
	DYN_ERR_EXPR_EMPTY,
	DYN_ERR_EXPR_TOO_LONG,
	DYN_ERR_EXPR_RESERVED,
	DYN_ERR_EXPR_BAD_FUNCTION,
	DYN_ERR_EXPR_NARGS,
	DYN_ERR_EXPR_FUNC_USE,
	DYN_ERR_EXPR_OPERAND_TYPE,
	DYN_ERR_EXPR_CLAUSE_TWICE,
	DYN_ERR_EXPR_IN_TOO_MANY,
	DYN_ERR_EXPR_PATH_OVERLAP,
	DYN_ERR_EXPR_PATH_CONFLICT,
	DYN_ERR_EXPR_NAME_UNDEFINED,
	DYN_ERR_EXPR_VALUE_UNDEFINED,
	DYN_ERR_EXPR_NAMES_UNUSED,
	DYN_ERR_EXPR_VALUES_UNUSED,
	DYN_ERR_EXPR_NAMES_EMPTY,
	DYN_ERR_EXPR_VALUES_EMPTY,
	DYN_ERR_EXPR_NAMES_WITHOUT,
	DYN_ERR_EXPR_VALUES_WITHOUT,
	DYN_ERR_EXPR_EAV_INVALID,
	DYN_ERR_EXPR_ATTR_TYPE_NAME,
	DYN_ERR_EXPR_BETWEEN_BOUNDS,
	DYN_ERR_EXPR_KEY_UPDATE,
	DYN_ERR_EXPR_INVALID_PATH_UPDATE,
	DYN_ERR_EXPR_UPDATE_TYPE,
	DYN_ERR_EXPR_MISSING_ATTR,
	DYN_ERR_EXPR_MIXED_PARAMS,
	DYN_ERR_EXPR_NOT_DISTINCT,
	DYN_ERR_EXPR_REQUIRES_PATH,
	DYN_ERR_EXPR_BETWEEN_TYPES,
	DYN_ERR_EXPR_ADD_DELETE_TYPE,
	DYN_ERR_EXPR_NAMES_BAD_KEY,
	DYN_ERR_EXPR_VALUES_BAD_KEY,
	DYN_ERR_EXPR_INDEX_TOO_LARGE,
	DYN_ERR_ITEM_TOO_LARGE_UPDATE,
	DYN_ERR_CONDITION_FAILED,

	/* ValidationException: Query and Scan */
	DYN_ERR_KC_INVALID_OPERATOR,
	DYN_ERR_KC_NESTED_OPERATIONS,
	DYN_ERR_KC_FIRST_OPERAND,
	DYN_ERR_KC_MULTIPLE_NAMES,
	DYN_ERR_KC_NESTED_ATTRS,
	DYN_ERR_KC_NO_KEY,
	DYN_ERR_KC_ONE_PER_KEY,
	DYN_ERR_KC_LENGTH,
	DYN_ERR_KC_MISSED,
	DYN_ERR_KC_NOT_SUPPORTED,
	DYN_ERR_KC_TYPE,
	DYN_ERR_KC_REQUIRED,
	DYN_ERR_START_KEY_INVALID,
	DYN_ERR_START_KEY_OUTSIDE,
	DYN_ERR_START_KEY_ONE_ROW,
	DYN_ERR_FILTER_ON_KEY,
	DYN_ERR_NO_INDEX,
	DYN_ERR_SELECT_COUNT_PROJ,
	DYN_ERR_SELECT_ALL_PROJ,
	DYN_ERR_SELECT_PROJECTED_PROJ,
	DYN_ERR_SELECT_PROJECTED_NO_INDEX,
	DYN_ERR_SELECT_SPECIFIC_NO_PROJ,
	DYN_ERR_SEG_TOTAL_REQUIRED,
	DYN_ERR_SEG_REQUIRED,
	DYN_ERR_SEG_RANGE,

	/* ValidationException: our own, Postgres-facing */
	DYN_ERR_NUL_IN_JSONB,
	DYN_ERR_PLAIN_TABLE_IS_JSON,
	DYN_ERR_PLAIN_NOT_MARSHALLABLE,

	/* Other DynamoDB error types */
	DYN_ERR_TABLE_NOT_FOUND,		/* control plane: names the table */
	DYN_ERR_RESOURCE_NOT_FOUND,		/* data plane */
	DYN_ERR_TABLE_EXISTS,
	DYN_ERR_TABLE_BEING_CREATED,
	DYN_ERR_UNKNOWN_OPERATION,

	DYN_ERR__COUNT
} DynErrorId;

typedef struct DynErrorDef
{
	int			sqlstate;
	const char *type;			/* DynamoDB's error type name */
	const char *fmt;			/* DynamoDB's message, printf-style */
} DynErrorDef;

/* Rules of the "N validation errors detected" envelope */
typedef enum DynRuleId
{
	DYN_RULE_NOT_NULL,
	DYN_RULE_PATTERN_TABLE_NAME,
	DYN_RULE_LENGTH_MIN,		/* %d */
	DYN_RULE_LENGTH_MAX,		/* %d */
	DYN_RULE_VALUE_MIN,			/* %d */
	DYN_RULE_VALUE_MAX,			/* %d */
	DYN_RULE_ENUM,				/* %s = "[A, B]" */
	DYN_RULE__COUNT
} DynRuleId;

typedef struct DynConstraints
{
	int			count;
	StringInfoData buf;
} DynConstraints;

extern const DynErrorDef *dyn_error_def(DynErrorId id);
extern void dyn_error(DynErrorId id,...) pg_attribute_noreturn();
extern void dyn_error_detail(DynErrorId id, const char *detail,...) pg_attribute_noreturn();
extern void dyn_error_hint(DynErrorId id, const char *hint) pg_attribute_noreturn();
extern char *dyn_error_text(DynErrorId id,...);
extern void dyn_error_raw(DynErrorId id, const char *message) pg_attribute_noreturn();

extern void dyn_constraints_init(DynConstraints *c);
extern void dyn_constraint(DynConstraints *c, const char *value, const char *path,
						   DynRuleId rule,...);
extern void dyn_constraints_raise(DynConstraints *c);

#endif							/* DYN_ERRORS_H */
