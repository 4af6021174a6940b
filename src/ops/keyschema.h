/*-------------------------------------------------------------------------
 * keyschema.h
 *	  Key schemas and index definitions of CreateTable and UpdateTable.
 *-------------------------------------------------------------------------
 */
#ifndef DYN_KEYSCHEMA_H
#define DYN_KEYSCHEMA_H

#include "index/index.h"
#include "utils/jsonb.h"

typedef struct KeyElem
{
	char	   *name;
	char	   *type;			/* KeyType or AttributeType */
} KeyElem;

/* An index of the request, before its checks */
typedef struct RawIndex
{
	IndexDef	def;
	KeyElem    *keys;
	int			nkeys;
	bool		has_projection;
	char	   *projection_type;
	JsonbValue *non_key;
	JsonbValue *pt;
} RawIndex;

extern KeyElem *keyschema_read_elems(JsonbValue *list, const char *type_field, int *n);
extern char *keyschema_join_names(KeyElem *e, int n);
extern KeyElem *keyschema_find_def(KeyElem *defs, int ndefs, const char *name);
extern RawIndex *keyschema_read_indexes(JsonbValue *list, int *n);
extern void keyschema_check_indexes(RawIndex *xs, int n, bool global, KeyElem *defs, int ndefs,
									KeyElem *table_keys, const char *billing);

#endif							/* DYN_KEYSCHEMA_H */
