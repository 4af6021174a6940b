/*-------------------------------------------------------------------------
 * errors.c
 *	  The one catalogue of DynamoDB error messages, and how they are raised.
 *
 * Texts are DynamoDB's own, copied exactly (typos and double spaces
 * included), as checked against AWS in docs/research and the tests in
 * sql/errors.sql.  This is our one deliberate break from the Postgres
 * message style.  Messages of our own follow the Postgres style.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "errors.h"

/* message formats come from the catalogue below, not from call sites */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wsuggest-attribute=format"
#endif

#define VAL ERRCODE_DYN_VALIDATION
#define SER ERRCODE_DYN_SERIALIZATION
#define VAL_T "ValidationException"
#define SER_T "SerializationException"
#define INVALID "One or more parameter values were invalid: "

static const DynErrorDef dyn_errors[DYN_ERR__COUNT] = {
	[DYN_ERR_SER_NOT_OBJECT] = {SER, SER_T, "request must be a JSON object"},
	[DYN_ERR_SER_MALFORMED_JSON] = {SER, SER_T, "malformed JSON request: %s"},
	[DYN_ERR_SER_NUMBER_TO] = {SER, SER_T, "NUMBER_VALUE cannot be converted to %s"},
	[DYN_ERR_SER_DECIMAL_TO] = {SER, SER_T, "DECIMAL_VALUE cannot be converted to %s"},
	[DYN_ERR_SER_TRUE_TO] = {SER, SER_T, "TRUE_VALUE cannot be converted to %s"},
	[DYN_ERR_SER_FALSE_TO] = {SER, SER_T, "FALSE_VALUE cannot be converted to %s"},
	[DYN_ERR_SER_STRING_TO] = {SER, SER_T, "STRING_VALUE cannot be converted to %s"},
	[DYN_ERR_SER_COLLECTION_TO] = {SER, SER_T, "Unrecognized collection type %s"},
	[DYN_ERR_SER_STRUCT_NOT_EXPECTED] = {SER, SER_T, "Start of structure or map found where not expected"},
	[DYN_ERR_SER_UNEXPECTED_TOKEN] = {SER, SER_T, "Unexpected token received from parser"},
	[DYN_ERR_SER_UNEXPECTED_FIELD_TYPE] = {SER, SER_T, "Unexpected field type"},
	[DYN_ERR_SER_UNEXPECTED_VALUE_TYPE] = {SER, SER_T, "Unexpected value type in payload"},
	[DYN_ERR_SER_BASE64_LENGTH] = {SER, SER_T, "Base64 encoded length is expected a multiple of 4 bytes but found: %d"},
	[DYN_ERR_SER_BASE64_CHAR] = {SER, SER_T, "'%s' can not be converted to a Blob: Invalid Base64 character: '%c'"},
	[DYN_ERR_SER_BASE64_LAST] = {SER, SER_T, "Invalid last non-pad Base64 character dectected"},
	[DYN_ERR_SER_BASE64_NOT_STRING] = {SER, SER_T, "only base-64-encoded strings are convertible to bytes"},

	[DYN_ERR_TABLE_NAME_REQUIRED] = {VAL, VAL_T, "The parameter 'TableName' is required but was not present in the request"},
	[DYN_ERR_TABLE_NAME_LENGTH] = {VAL, VAL_T, "TableName must be at least 3 characters long and at most 255 characters long"},
	[DYN_ERR_CONSTRAINTS] = {VAL, VAL_T, "%s"},
	[DYN_ERR_BILLING_PPR_THROUGHPUT] = {VAL, VAL_T, INVALID "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"},
	[DYN_ERR_BILLING_PROVISIONED_MISSING] = {VAL, VAL_T, INVALID "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"},
	[DYN_ERR_CAPACITY_OUT_OF_BOUNDS] = {VAL, VAL_T, "Given value %s for %s is out of bounds"},
	[DYN_ERR_ATTR_NAME_DUPLICATED] = {VAL, VAL_T, "Attribute Name is duplicated: %s"},
	[DYN_ERR_KEYSCHEMA_NO_DEFINITION] = {VAL, VAL_T, "Invalid KeySchema: Some index key attribute have no definition"},
	[DYN_ERR_KEYSCHEMA_NOT_DEFINED] = {VAL, VAL_T, INVALID "Some index key attributes are not defined in AttributeDefinitions. Keys: [%s], AttributeDefinitions: [%s]"},
	[DYN_ERR_KEYSCHEMA_SAME_NAME] = {VAL, VAL_T, "Both the Hash Key and the Range Key element in the KeySchema have the same name"},
	[DYN_ERR_KEYSCHEMA_FIRST_NOT_HASH] = {VAL, VAL_T, "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"},
	[DYN_ERR_KEYSCHEMA_SECOND_NOT_RANGE] = {VAL, VAL_T, "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"},
	[DYN_ERR_KEYSCHEMA_COUNT_MISMATCH] = {VAL, VAL_T, INVALID "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"},
	[DYN_ERR_RETURN_VALUES_PUT_DELETE] = {VAL, VAL_T, "ReturnValues can only be ALL_OLD or NONE"},
	[DYN_ERR_DUPLICATE_ATTRIBUTES_TO_GET] = {VAL, VAL_T, INVALID "Duplicate value in attribute name: %s"},
	[DYN_ERR_NOT_SUPPORTED] = {VAL, VAL_T, "%s is not supported by dynamo_ext yet"},

	[DYN_ERR_AV_EMPTY] = {VAL, VAL_T, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"},
	[DYN_ERR_AV_MULTIPLE] = {VAL, VAL_T, "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"},
	[DYN_ERR_N_EMPTY] = {VAL, VAL_T, "The parameter cannot be converted to a numeric value"},
	[DYN_ERR_N_INVALID] = {VAL, VAL_T, "The parameter cannot be converted to a numeric value: %s"},
	[DYN_ERR_N_OVERFLOW] = {VAL, VAL_T, "Number overflow. Attempting to store a number with magnitude larger than supported range"},
	[DYN_ERR_N_UNDERFLOW] = {VAL, VAL_T, "Number underflow. Attempting to store a number with magnitude smaller than supported range"},
	[DYN_ERR_N_PRECISION] = {VAL, VAL_T, "Attempting to store more than 38 significant digits in a Number"},
	[DYN_ERR_NULL_NOT_TRUE] = {VAL, VAL_T, INVALID "Null attribute value types must have the value of true"},
	[DYN_ERR_SS_EMPTY] = {VAL, VAL_T, INVALID "An string set  may not be empty"},
	[DYN_ERR_NS_EMPTY] = {VAL, VAL_T, INVALID "An number set  may not be empty"},
	[DYN_ERR_BS_EMPTY] = {VAL, VAL_T, INVALID "Binary sets should not be empty"},
	[DYN_ERR_SS_DUPLICATES] = {VAL, VAL_T, INVALID "Input collection [%s] contains duplicates."},
	[DYN_ERR_NS_DUPLICATES] = {VAL, VAL_T, "Input collection contains duplicates"},
	[DYN_ERR_BS_DUPLICATES] = {VAL, VAL_T, INVALID "Input collection [%s]of type BS contains duplicates."},
	[DYN_ERR_NESTING_TOO_DEEP] = {VAL, VAL_T, "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit"},
	[DYN_ERR_ATTR_NAME_EMPTY] = {VAL, VAL_T, INVALID "An AttributeName may not be empty"},
	[DYN_ERR_ITEM_TOO_LARGE] = {VAL, VAL_T, "Item size has exceeded the maximum allowed size"},

	[DYN_ERR_KEY_MISSING_IN_ITEM] = {VAL, VAL_T, INVALID "Missing the key %s in the item"},
	[DYN_ERR_KEY_TYPE_MISMATCH] = {VAL, VAL_T, INVALID "Type mismatch for key %s expected: %c actual: %s"},
	[DYN_ERR_KEY_EMPTY_STRING] = {VAL, VAL_T, "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: %s"},
	[DYN_ERR_KEY_EMPTY_BINARY] = {VAL, VAL_T, "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: %s"},
	[DYN_ERR_HASH_KEY_TOO_LARGE] = {VAL, VAL_T, INVALID "Size of hashkey has exceeded the maximum size limit of2048 bytes"},
	[DYN_ERR_RANGE_KEY_TOO_LARGE] = {VAL, VAL_T, INVALID "Aggregated size of all range keys has exceeded the size limit of 1024 bytes"},
	[DYN_ERR_KEY_SCHEMA_MISMATCH] = {VAL, VAL_T, "The provided key element does not match the schema"},

	[DYN_ERR_EXPR_SYNTAX] = {VAL, VAL_T, "Invalid %s: Syntax error; token: \"%s\", near: \"%s\""},
	[DYN_ERR_EXPR_REDUNDANT_PARENS] = {VAL, VAL_T, "Invalid %s: The expression has redundant parentheses;"},
	[DYN_ERR_EXPR_TOO_LONG_NO_SIZE] = {VAL, VAL_T, "Invalid %s: Expression size has exceeded the maximum allowed size;"},
	[DYN_ERR_EXPR_EMPTY] = {VAL, VAL_T, "Invalid %s: The expression can not be empty;"},
	[DYN_ERR_EXPR_TOO_LONG] = {VAL, VAL_T, "Invalid %s: Expression size has exceeded the maximum allowed size; expression size: %d"},
	[DYN_ERR_EXPR_RESERVED] = {VAL, VAL_T, "Invalid %s: Attribute name is a reserved keyword; reserved keyword: %s"},
	[DYN_ERR_EXPR_BAD_FUNCTION] = {VAL, VAL_T, "Invalid %s: Invalid function name; function: %s"},
	[DYN_ERR_EXPR_NARGS] = {VAL, VAL_T, "Invalid %s: Incorrect number of operands for operator or function; operator or function: %s"},
	[DYN_ERR_EXPR_FUNC_USE] = {VAL, VAL_T, "Invalid %s: The function is not allowed to be used this way in an expression; function: %s"},
	[DYN_ERR_EXPR_OPERAND_TYPE] = {VAL, VAL_T, "Invalid %s: Incorrect operand type for operator or function; operator or function: %s, operand type: %s"},
	[DYN_ERR_EXPR_CLAUSE_TWICE] = {VAL, VAL_T, "Invalid UpdateExpression: The \"%s\" section can only be used once in an update expression;"},
	[DYN_ERR_EXPR_IN_TOO_MANY] = {VAL, VAL_T, "Invalid %s: The IN operator is provided with too many operands; number of operands: %d"},
	[DYN_ERR_EXPR_PATH_OVERLAP] = {VAL, VAL_T, "Invalid %s: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: %s, path two: %s"},
	[DYN_ERR_EXPR_PATH_CONFLICT] = {VAL, VAL_T, "Invalid %s: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: %s, path two: %s"},
	[DYN_ERR_EXPR_NAME_UNDEFINED] = {VAL, VAL_T, "Invalid %s: An expression attribute name used in the document path is not defined; attribute name: %s"},
	[DYN_ERR_EXPR_VALUE_UNDEFINED] = {VAL, VAL_T, "Invalid %s: An expression attribute value used in expression is not defined; attribute value: %s"},
	[DYN_ERR_EXPR_NAMES_UNUSED] = {VAL, VAL_T, "Value provided in ExpressionAttributeNames unused in expressions: keys: {%s}"},
	[DYN_ERR_EXPR_VALUES_UNUSED] = {VAL, VAL_T, "Value provided in ExpressionAttributeValues unused in expressions: keys: {%s}"},
	[DYN_ERR_EXPR_NAMES_EMPTY] = {VAL, VAL_T, "ExpressionAttributeNames must not be empty"},
	[DYN_ERR_EXPR_VALUES_EMPTY] = {VAL, VAL_T, "ExpressionAttributeValues must not be empty"},
	[DYN_ERR_EXPR_NAMES_WITHOUT] = {VAL, VAL_T, "ExpressionAttributeNames can only be specified when using expressions"},
	[DYN_ERR_EXPR_VALUES_WITHOUT] = {VAL, VAL_T, "ExpressionAttributeValues can only be specified when using expressions%s"},
	[DYN_ERR_EXPR_EAV_INVALID] = {VAL, VAL_T, "ExpressionAttributeValues contains invalid value: %s for key %s"},
	[DYN_ERR_EXPR_ATTR_TYPE_NAME] = {VAL, VAL_T, "Invalid %s: Invalid attribute type name found; type: %s, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}"},
	[DYN_ERR_EXPR_BETWEEN_BOUNDS] = {VAL, VAL_T, "Invalid %s: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {%s}, upper bound operand: AttributeValue: {%s}"},
	[DYN_ERR_EXPR_KEY_UPDATE] = {VAL, VAL_T, INVALID "Cannot update attribute %s. This attribute is part of the key"},
	[DYN_ERR_EXPR_INVALID_PATH_UPDATE] = {VAL, VAL_T, "The document path provided in the update expression is invalid for update"},
	[DYN_ERR_EXPR_UPDATE_TYPE] = {VAL, VAL_T, "An operand in the update expression has an incorrect data type"},
	[DYN_ERR_EXPR_MISSING_ATTR] = {VAL, VAL_T, "The provided expression refers to an attribute that does not exist in the item"},
	[DYN_ERR_EXPR_NOT_DISTINCT] = {VAL, VAL_T, "Invalid %s: The first operand must be distinct from the remaining operands for this operator or function; operator: %s, first operand: %s"},
	[DYN_ERR_EXPR_REQUIRES_PATH] = {VAL, VAL_T, "Invalid %s: Operator or function requires a document path; operator or function: %s"},
	[DYN_ERR_EXPR_BETWEEN_TYPES] = {VAL, VAL_T, "Invalid %s: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {%s}, upper bound operand: AttributeValue: {%s}"},
	[DYN_ERR_EXPR_ADD_DELETE_TYPE] = {VAL, VAL_T, "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: %s, operand type: %s"},
	[DYN_ERR_EXPR_NAMES_BAD_KEY] = {VAL, VAL_T, "ExpressionAttributeNames contains invalid key: Syntax error; key: \"%s\""},
	[DYN_ERR_EXPR_NAMES_EMPTY_NAME] = {VAL, VAL_T, "ExpressionAttributeNames contains invalid value: Empty attribute name for key %s"},
	[DYN_ERR_EXPR_VALUES_BAD_KEY] = {VAL, VAL_T, "ExpressionAttributeValues contains invalid key: Syntax error; key: \"%s\""},
	[DYN_ERR_EXPR_MIXED_PARAMS] = {VAL, VAL_T, "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {%s} Expression parameters: {%s}"},
	[DYN_ERR_EXPR_INDEX_TOO_LARGE] = {VAL, VAL_T, "Invalid %s: List index is out of range; index: %s"},
	[DYN_ERR_ITEM_TOO_LARGE_UPDATE] = {VAL, VAL_T, "Item size to update has exceeded the maximum allowed size"},
	[DYN_ERR_CONDITION_FAILED] = {ERRCODE_DYN_CONDITION_FAILED, "ConditionalCheckFailedException", "The conditional request failed"},

	[DYN_ERR_KC_INVALID_OPERATOR] = {VAL, VAL_T, "Invalid operator used in KeyConditionExpression: %s"},
	[DYN_ERR_KC_NESTED_OPERATIONS] = {VAL, VAL_T, "KeyConditionExpressions cannot contain nested operations"},
	[DYN_ERR_KC_FIRST_OPERAND] = {VAL, VAL_T, "Invalid condition in KeyConditionExpression: %s operator must have the key attribute as its first operand"},
	[DYN_ERR_KC_MULTIPLE_NAMES] = {VAL, VAL_T, "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"},
	[DYN_ERR_KC_NESTED_ATTRS] = {VAL, VAL_T, "KeyConditionExpressions cannot have conditions on nested attributes"},
	[DYN_ERR_KC_NO_KEY] = {VAL, VAL_T, "Invalid condition in KeyConditionExpression: No key attribute specified"},
	[DYN_ERR_KC_ONE_PER_KEY] = {VAL, VAL_T, "KeyConditionExpressions must only contain one condition per key"},
	[DYN_ERR_KC_LENGTH] = {VAL, VAL_T, "Conditions can be of length 1 or 2 only"},
	[DYN_ERR_KC_MISSED] = {VAL, VAL_T, "Query condition missed key schema element: %s"},
	[DYN_ERR_KC_NOT_SUPPORTED] = {VAL, VAL_T, "Query key condition not supported"},
	[DYN_ERR_KC_TYPE] = {VAL, VAL_T, "One or more parameter values were invalid: Condition parameter type does not match schema type"},
	[DYN_ERR_KC_REQUIRED] = {VAL, VAL_T, "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."},
	[DYN_ERR_START_KEY_INVALID] = {VAL, VAL_T, "The provided starting key is invalid: %s"},
	[DYN_ERR_START_KEY_RANGE] = {VAL, VAL_T, "The provided starting key does not match the range key predicate"},
	[DYN_ERR_START_KEY_SEGMENT] = {VAL, VAL_T, "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: %s Segment: %s"},
	[DYN_ERR_START_KEY_ONE_ROW] = {VAL, VAL_T, "The query can return at most one row and cannot be restarted"},
	[DYN_ERR_START_KEY_OUTSIDE] = {VAL, VAL_T, "The provided starting key is outside query boundaries based on provided conditions"},
	[DYN_ERR_FILTER_ON_KEY] = {VAL, VAL_T, "Filter Expression can only contain non-primary key attributes: Primary key attribute: %s"},
	[DYN_ERR_NO_INDEX] = {VAL, VAL_T, "The table does not have the specified index: %s"},
	[DYN_ERR_SELECT_COUNT_PROJ] = {VAL, VAL_T, "Cannot specify the ProjectionExpression when choosing to get only the Count"},
	[DYN_ERR_SELECT_ALL_PROJ] = {VAL, VAL_T, "Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES"},
	[DYN_ERR_SELECT_PROJECTED_PROJ] = {VAL, VAL_T, "Cannot specify the ProjectionExpression when choosing to get ALL_PROJECTED_ATTRIBUTES"},
	[DYN_ERR_SELECT_PROJECTED_NO_INDEX] = {VAL, VAL_T, "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"},
	[DYN_ERR_SELECT_SPECIFIC_NO_PROJ] = {VAL, VAL_T, "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES"},
	[DYN_ERR_SEG_TOTAL_REQUIRED] = {VAL, VAL_T, "The TotalSegments parameter is required but was not present in the request when Segment parameter is present"},
	[DYN_ERR_SEG_REQUIRED] = {VAL, VAL_T, "The Segment parameter is required but was not present in the request when parameter TotalSegments is present"},
	[DYN_ERR_SEG_RANGE] = {VAL, VAL_T, "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: %s is not less than TotalSegments: %s"},

	[DYN_ERR_BATCH_TOO_MANY_GET] = {VAL, VAL_T, "Too many items requested for the BatchGetItem call"},
	[DYN_ERR_BATCH_TOO_MANY_WRITE] = {VAL, VAL_T, "Too many items requested for the BatchWriteItem call"},
	[DYN_ERR_BATCH_DUPLICATES] = {VAL, VAL_T, "Provided list of item keys contains duplicates"},
	[DYN_ERR_BATCH_WRITE_REQUEST] = {VAL, VAL_T, "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"},
	[DYN_ERR_BATCH_REQUEST_ITEMS] = {VAL, VAL_T, "The requestItems parameter is required for %s"},
	[DYN_ERR_TXN_ONE_OF] = {VAL, VAL_T, "TransactItems can only contain one of Check, Put, Update or Delete"},
	[DYN_ERR_TXN_MULTIPLE_OPS] = {VAL, VAL_T, "Transaction request cannot include multiple operations on one item"},
	[DYN_ERR_TXN_GET_REQUIRED] = {VAL, VAL_T, "TransactItems can only contain Get"},
	[DYN_ERR_TXN_TOO_LARGE] = {VAL, VAL_T, "Transaction request size cannot exceed 4 MB"},
	[DYN_ERR_TXN_CANCELED] = {ERRCODE_DYN_TXN_CANCELED, "TransactionCanceledException", "Transaction cancelled, please refer cancellation reasons for specific reasons [%s]"},
	[DYN_ERR_TXN_CONFLICT] = {ERRCODE_DYN_TXN_CONFLICT, "TransactionConflictException", "Transaction is ongoing for the item"},
	[DYN_ERR_IDEMPOTENT_MISMATCH] = {ERRCODE_DYN_IDEMPOTENT_MISMATCH, "IdempotentParameterMismatchException", "The request uses the same client token as a previous, but non-identical request."},
	[DYN_ERR_TXN_IN_PROGRESS] = {ERRCODE_DYN_TXN_IN_PROGRESS, "TransactionInProgressException", "Transaction from previous request is still in progress"},

	[DYN_ERR_INDEX_KEY_TYPE] = {VAL, VAL_T, "One or more parameter values were invalid: Type mismatch for Index Key %s Expected: %c Actual: %s IndexName: %s"},
	[DYN_ERR_INDEX_KEY_EMPTY] = {VAL, VAL_T, "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: %s, IndexKey: %s"},
	[DYN_ERR_INDEX_UPDATE_TYPE] = {VAL, VAL_T, "The update expression attempted to update the secondary index key to unsupported type"},
	[DYN_ERR_INDEX_BACKFILLING] = {VAL, VAL_T, "Cannot read from backfilling global secondary index: %s"},
	[DYN_ERR_INDEX_CONSISTENT_GSI] = {VAL, VAL_T, "Consistent reads are not supported on global secondary indexes"},
	[DYN_ERR_INDEX_SELECT_ALL] = {VAL, VAL_T, "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index %s because its projection type is not ALL"},
	[DYN_ERR_INDEX_LSI_NO_RANGE] = {VAL, VAL_T, "One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex"},
	[DYN_ERR_INDEX_DUPLICATE_NAME] = {VAL, VAL_T, "One or more parameter values were invalid: Duplicate index name: %s"},
	[DYN_ERR_INDEX_UNKNOWN_PROJECTION] = {VAL, VAL_T, "One or more parameter values were invalid: Unknown ProjectionType: %s"},
	[DYN_ERR_INDEX_ALL_WITH_NONKEY] = {VAL, VAL_T, "One or more parameter values were invalid: ProjectionType is %s, but NonKeyAttributes is specified"},
	[DYN_ERR_INDEX_GSI_LIMIT] = {VAL, VAL_T, "One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20"},
	[DYN_ERR_INDEX_LSI_LIMIT] = {VAL, VAL_T, "One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5"},
	[DYN_ERR_INDEX_LSI_HASH] = {VAL, VAL_T, "One or more parameter values were invalid: Index KeySchema does not have a range key for index: %s"},
	[DYN_ERR_INDEX_LSI_SAME_HASH] = {VAL, VAL_T, "One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: %s. index hash key: %s, table hash key: %s"},
	[DYN_ERR_INDEX_EMPTY_LIST] = {VAL, VAL_T, "One or more parameter values were invalid: List of %s is empty"},
	[DYN_ERR_INDEX_UNUSED_DEFS] = {VAL, VAL_T, "One or more parameter values were invalid: Some AttributeDefinitions are not used. AttributeDefinitions: [%s], keys used: [%s]"},
	[DYN_ERR_INDEX_PPR_THROUGHPUT] = {VAL, VAL_T, "One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: %s when BillingMode is PAY_PER_REQUEST"},
	[DYN_ERR_INDEX_NOT_FOUND_UPDATE] = {ERRCODE_DYN_NOT_FOUND, "ResourceNotFoundException", "Requested resource not found: Index %s for table %s"},
	[DYN_ERR_INDEX_EXISTS] = {VAL, VAL_T, "Attempting to create an index which already exists"},
	[DYN_ERR_INDEX_UPDATE_NOTHING] = {VAL, VAL_T, "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required"},
	[DYN_ERR_INDEX_NO_WORKER] = {ERRCODE_DYN_LIMIT_EXCEEDED, "LimitExceededException", "Subscriber limit exceeded: no background worker is free to build the index (raise max_worker_processes)"},
	[DYN_ERR_INDEX_ONE_PER_CALL] = {VAL, VAL_T, "One or more parameter values were invalid: Only one global secondary index update per index is allowed simultaneously. Index: %s"},
	[DYN_ERR_JOB_NOT_FOUND] = {ERRCODE_DYN_NOT_FOUND, "ResourceNotFoundException", "job %s does not exist"},
	[DYN_ERR_JOB_STATE] = {VAL, VAL_T, "job %s is %s"},
	[DYN_ERR_MIGRATION_RUNNING] = {ERRCODE_DYN_IN_USE, "ResourceInUseException", "another migration of table %s is running"},
	[DYN_ERR_MIGRATION_VERSION] = {VAL, VAL_T, "invalid migration version \"%s\": expected MAJOR.MINOR.PATCH"},
	[DYN_ERR_MIGRATION_EXISTS] = {ERRCODE_DYN_IN_USE, "ResourceInUseException", "migration %s of table %s is already registered"},
	[DYN_ERR_MIGRATION_ACTIONS] = {VAL, VAL_T, "invalid migration action: %s"},
	[DYN_ERR_MIGRATION_UNKNOWN_VERSION] = {VAL, VAL_T, "migration %s of table %s is not registered"},
	[DYN_ERR_UPGRADE_VERSIONS] = {VAL, VAL_T, "an upgrade goes from version k to k+1 (got %d to %d)"},
	[DYN_ERR_UPGRADE_RESULT] = {VAL, VAL_T, "upgrade function %s must return the item (a jsonb object) with the same key"},
	[DYN_ERR_BULK_KEY] = {VAL, VAL_T, INVALID "a bulk update has no Key (it updates every item its FilterExpression selects)"},
	[DYN_ERR_MOVE] = {VAL, VAL_T, "%s"},
	[DYN_ERR_MOVE_NOT_FOUND] = {ERRCODE_DYN_NOT_FOUND, "ResourceNotFoundException", "move %s does not exist"},
	[DYN_ERR_INDEX_NO_DEFINITIONS] = {VAL, VAL_T, INVALID "AttributeDefinitions is not specified for index: %s"},
	[DYN_ERR_INDEX_INCLUDE_NO_NONKEY] = {VAL, VAL_T, INVALID "ProjectionType is INCLUDE, but NonKeyAttributes is not specified"},
	[DYN_ERR_INDEX_PROVISIONED_MISSING] = {VAL, VAL_T, INVALID "ProvisionedThroughput is not specified for index: %s"},
	[DYN_ERR_INDEX_UPDATE_PPR] = {VAL, VAL_T, INVALID "The only Updates for index: %s when TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput"},
	[DYN_ERR_INDEX_UPDATE_PROVISIONED] = {VAL, VAL_T, INVALID "Both ReadCapacityUnits and WriteCapacityUnits must be specified for index: %s"},
	[DYN_ERR_INDEX_UPDATE_EMPTY] = {VAL, VAL_T, INVALID "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null"},
	[DYN_ERR_INDEX_DELETE_LSI] = {VAL, VAL_T, "Cannot delete an index that is not a GlobalSecondaryIndex: %s"},
	[DYN_ERR_INDEX_GSI_LIMIT_UPDATE] = {ERRCODE_DYN_LIMIT_EXCEEDED, "LimitExceededException", "Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit of 20"},
	[DYN_ERR_TABLE_IN_MOVE] = {ERRCODE_DYN_IN_USE, "ResourceInUseException", "Attempt to change a resource which is still in use: Table %s is part of an active move"},
	[DYN_ERR_TABLE_INDEXES_BUSY] = {ERRCODE_DYN_IN_USE, "ResourceInUseException", "Attempt to change a resource which is still in use: Cannot delete table while indexes are being created, updated, or deleted."},
	[DYN_ERR_INDEX_ONE_UPDATE] = {ERRCODE_DYN_LIMIT_EXCEEDED, "LimitExceededException", "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"},

	[DYN_ERR_NUL_IN_JSONB] = {VAL, VAL_T, "result contains the character U+0000, which jsonb cannot hold"},
	[DYN_ERR_PLAIN_TABLE_IS_JSON] = {VAL, VAL_T, "a JSON request was passed where a table name belongs"},
	[DYN_ERR_PLAIN_NOT_MARSHALLABLE] = {VAL, VAL_T, "cannot convert %s to a DynamoDB attribute value"},

	[DYN_ERR_TABLE_NOT_FOUND] = {ERRCODE_DYN_NOT_FOUND, "ResourceNotFoundException", "Requested resource not found: Table: %s not found"},
	[DYN_ERR_RESOURCE_NOT_FOUND] = {ERRCODE_DYN_NOT_FOUND, "ResourceNotFoundException", "Requested resource not found"},
	[DYN_ERR_TABLE_EXISTS] = {ERRCODE_DYN_IN_USE, "ResourceInUseException", "Table already exists: %s"},
	[DYN_ERR_TABLE_BEING_CREATED] = {ERRCODE_DYN_IN_USE, "ResourceInUseException", "Attempt to change a resource which is still in use: Table is being created: %s"},
	[DYN_ERR_UNKNOWN_OPERATION] = {ERRCODE_DYN_UNKNOWN_OPERATION, "UnknownOperationException", "unknown DynamoDB operation \"%s\""},
};

static const char *const dyn_rules[DYN_RULE__COUNT] = {
	[DYN_RULE_NOT_NULL] = "Member must not be null",
	[DYN_RULE_PATTERN_TABLE_NAME] = "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
	[DYN_RULE_LENGTH_MIN] = "Member must have length greater than or equal to %d",
	[DYN_RULE_LENGTH_MAX] = "Member must have length less than or equal to %d",
	[DYN_RULE_VALUE_MIN] = "Member must have value greater than or equal to %d",
	[DYN_RULE_VALUE_MAX] = "Member must have value less than or equal to %d",
	[DYN_RULE_ENUM] = "Member must satisfy enum value set: %s",
	[DYN_RULE_MAP_VALUE] = "Map value must satisfy constraint: %s",
};

/* DynamoDB reports at most this many constraint violations at once */
#define DYN_MAX_CONSTRAINT_ERRORS 10

const DynErrorDef *
dyn_error_def(DynErrorId id)
{
	if (id < 0 || id >= DYN_ERR__COUNT || dyn_errors[id].fmt == NULL)
		elog(ERROR, "unrecognized dynamo_ext error id: %d", (int) id);
	return &dyn_errors[id];
}

static char *format_va(const char *fmt, va_list args) pg_attribute_printf(1, 0);

static char *
format_va(const char *fmt, va_list args)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (;;)
	{
		va_list		copy;
		int			needed;

		va_copy(copy, args);
		needed = appendStringInfoVA(&buf, fmt, copy);
		va_end(copy);
		if (needed == 0)
			break;
		enlargeStringInfo(&buf, needed);
	}
	return buf.data;
}

char *
dyn_error_text(DynErrorId id,...)
{
	va_list		args;
	char	   *msg;

	va_start(args, id);
	msg = format_va(dyn_error_def(id)->fmt, args);
	va_end(args);
	return msg;
}

void
dyn_error_raw(DynErrorId id, const char *message)
{
	const DynErrorDef *def = dyn_error_def(id);

	ereport(ERROR, (errcode(def->sqlstate), errmsg_internal("%s", message)));
	pg_unreachable();
}

void
dyn_error(DynErrorId id,...)
{
	const DynErrorDef *def = dyn_error_def(id);
	va_list		args;
	char	   *msg;

	va_start(args, id);
	msg = format_va(def->fmt, args);
	va_end(args);
	ereport(ERROR, (errcode(def->sqlstate), errmsg_internal("%s", msg)));
	pg_unreachable();
}

/* Raise with structured extras (JSON) in DETAIL, as DESIGN.md asks */
void
dyn_error_detail(DynErrorId id, const char *detail,...)
{
	const DynErrorDef *def = dyn_error_def(id);
	va_list		args;
	char	   *msg;

	va_start(args, detail);
	msg = format_va(def->fmt, args);
	va_end(args);
	ereport(ERROR, (errcode(def->sqlstate), errmsg_internal("%s", msg),
					detail ? errdetail_internal("%s", detail) : 0));
	pg_unreachable();
}

/* Raise with a hint (already formatted); the message takes no arguments */
void
dyn_error_hint(DynErrorId id, const char *hint)
{
	const DynErrorDef *def = dyn_error_def(id);

	ereport(ERROR, (errcode(def->sqlstate), errmsg_internal("%s", def->fmt),
					hint ? errhint("%s", hint) : 0));
	pg_unreachable();
}

void
dyn_constraints_init(DynConstraints *c)
{
	c->count = 0;
	initStringInfo(&c->buf);
}

/*
 * Record one violation: "Value 'v' at 'path' failed to satisfy constraint:
 * <rule>".  value NULL renders as null.
 */
void
dyn_constraint(DynConstraints *c, const char *value, const char *path,
			   DynRuleId rule,...)
{
	va_list		args;
	char	   *text;

	if (c->count >= DYN_MAX_CONSTRAINT_ERRORS)
		return;
	va_start(args, rule);
	text = format_va(dyn_rules[rule], args);
	va_end(args);

	if (c->count > 0)
		appendStringInfoString(&c->buf, "; ");
	if (value)
		appendStringInfo(&c->buf, "Value '%s' at '%s' failed to satisfy constraint: %s",
						 value, path, text);
	else
		appendStringInfo(&c->buf, "Value null at '%s' failed to satisfy constraint: %s",
						 path, text);
	c->count++;
}

void
dyn_constraints_raise(DynConstraints *c)
{
	if (c->count == 0)
		return;
	dyn_error(DYN_ERR_CONSTRAINTS,
			  psprintf("%d validation error%s detected: %s", c->count,
					   c->count == 1 ? "" : "s", c->buf.data));
}
