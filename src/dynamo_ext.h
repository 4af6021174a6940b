/*-------------------------------------------------------------------------
 * dynamo_ext.h
 *	  Limits and domain words shared by every part of dynamo_ext.
 *
 * Domain words, as DynamoDB uses them:
 *	 table          a DynamoDB table; backed by one ordinary Postgres table
 *	 item           a schemaless set of attributes, stored as typed jsonb
 *	 partition key  the HASH key attribute (column "pk" of the backing table)
 *	 sort key       the optional RANGE key attribute (column "sk")
 *	 escaped form   how strings live inside Postgres: U+0000 cannot be held
 *	                by text or jsonb, so every string is kept with
 *	                0x00 -> 0x01 0x01 and 0x01 -> 0x01 0x02 (see keycodec.c)
 *-------------------------------------------------------------------------
 */
#ifndef DYNAMO_EXT_H
#define DYNAMO_EXT_H

#define DYN_MAX_ITEM_BYTES			(400 * 1024)
#define DYN_MAX_HASH_KEY_BYTES		2048
#define DYN_MAX_RANGE_KEY_BYTES		1024
#define DYN_MIN_TABLE_NAME			3
#define DYN_MAX_TABLE_NAME			255
#define DYN_MAX_ATTR_NAME_BYTES		65535
#define DYN_MAX_NUMBER_DIGITS		38
#define DYN_LIST_TABLES_MAX			100
#define DYN_MAX_NESTING_DEPTH		32

/* Key attribute types, as in AttributeDefinitions */
#define DYN_KEY_S	'S'
#define DYN_KEY_N	'N'
#define DYN_KEY_B	'B'

extern bool dyn_worker_alive(int pid);

#endif							/* DYNAMO_EXT_H */
