/*-------------------------------------------------------------------------
 * marshall.h
 *	  Plain JSON <-> DynamoDB typed JSON.
 *-------------------------------------------------------------------------
 */
#ifndef DYN_MARSHALL_H
#define DYN_MARSHALL_H

#include "utils/jsonb.h"

extern Jsonb *marshall_item(Jsonb *plain);
extern Jsonb *marshall_value(Jsonb *plain);
extern Jsonb *unmarshall_item(Jsonb *typed);
extern JsonbValue *unmarshall_push_item(JsonbParseState **st, JsonbContainer *item);

#endif							/* DYN_MARSHALL_H */
