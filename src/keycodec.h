/*-------------------------------------------------------------------------
 * keycodec.h
 *	  The escaped form of strings, and typed key columns.
 *-------------------------------------------------------------------------
 */
#ifndef DYN_KEYCODEC_H
#define DYN_KEYCODEC_H

#define DYN_ESC			'\x01'
#define DYN_ESC_NUL		'\x01'		/* 0x01 0x01 stands for 0x00 */
#define DYN_ESC_ONE		'\x02'		/* 0x01 0x02 stands for 0x01 */

extern bool keycodec_needs_escape(const char *s, int len);
extern char *keycodec_escape(const char *s, int len, int *outlen);
extern char *keycodec_unescape(const char *s, int len, int *outlen);
extern int	keycodec_decoded_len(const char *s, int len);
extern bool keycodec_escaped_has_nul(const char *s, int len);

extern Datum keycodec_key_datum(char type, const char *val, int len);
extern Oid	keycodec_key_typoid(char type);
extern const char *keycodec_sql_type(char type);

#endif							/* DYN_KEYCODEC_H */
