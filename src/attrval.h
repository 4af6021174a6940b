/*-------------------------------------------------------------------------
 * attrval.h
 *	  DynamoDB AttributeValues: validation, canonical form, item size.
 *-------------------------------------------------------------------------
 */
#ifndef DYN_ATTRVAL_H
#define DYN_ATTRVAL_H

#include "utils/jsonb.h"
#include "errors.h"

typedef enum AvType
{
	AV_S, AV_N, AV_B, AV_SS, AV_NS, AV_BS, AV_M, AV_L, AV_NULL, AV_BOOL,
	AV_NONE
} AvType;

/*
 * Result of checking a map of AttributeValues.  SerializationExceptions
 * are raised at once (DynamoDB's deserializer sees them first); the first
 * semantic error is kept here and raised by attrval_raise() when the
 * operation reaches that step of DynamoDB's validation order.
 */
typedef struct AvCheck
{
	DynErrorId	err;			/* DYN_ERR__COUNT when none */
	char	   *msg;
	int64		size;			/* DynamoDB's item size, in bytes */
	char	   *key;			/* top-level name holding the first error */
} AvCheck;

extern const char *const attrval_type_names[];

extern JsonbValue *attrval_map(const JsonbValue *map, AvCheck *chk);
extern void attrval_raise(AvCheck *chk);
extern AvType attrval_type(const JsonbValue *av, JsonbValue **val);
extern JsonbValue *attrval_find(const JsonbValue *map, const char *name, int len);
extern AvType attrval_type_from_name(const char *s, int len);
extern bool attrval_number(const char *s, int len, char **canon, int *size,
						   DynErrorId *err);
extern bool attrval_base64_check(const char *s, int len, int *decoded);

#endif							/* DYN_ATTRVAL_H */
