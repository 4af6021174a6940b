/*-------------------------------------------------------------------------
 * wire.h
 *	  The boundary between callers and operations: strings to and from
 *	  the escaped form, and DynamoDB's JSON text via json-c.
 *-------------------------------------------------------------------------
 */
#ifndef DYN_WIRE_H
#define DYN_WIRE_H

#include "utils/jsonb.h"

extern Jsonb *wire_escape_jsonb(Jsonb *in);
extern Jsonb *wire_unescape_jsonb(Jsonb *in);
extern text *wire_execute_text(const char *operation, text *body);
extern text *wire_jsonb_to_text(Jsonb *doc);

#endif							/* DYN_WIRE_H */
