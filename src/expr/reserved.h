/*-------------------------------------------------------------------------
 * reserved.h
 *	  DynamoDB's reserved words.
 *-------------------------------------------------------------------------
 */
#ifndef DYN_RESERVED_H
#define DYN_RESERVED_H

extern bool expr_is_reserved(const char *word);

#endif							/* DYN_RESERVED_H */
