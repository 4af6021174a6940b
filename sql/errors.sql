-- errors: DynamoDB's error for every kind of bad input (exact message, SQLSTATE, which fault wins), and that a rejected request changes nothing
--
-- Messages are DynamoDB's (the "classic" wording; see the research notes on
-- DynamoDB errors).  SQLSTATEs: DY001 ValidationException, DY004
-- ResourceNotFoundException, DY005 ResourceInUseException, DY010
-- SerializationException, DY011 unknown operation (DY012, TransactionInProgress,
-- is pinned by the txn_idempotency isolation spec).  After every expected
-- error, :LAST_ERROR_SQLSTATE pins the error type.
--
-- Table names start with Err so that this file shares a database with the
-- other tests without clashing.

-- helper: the items of a DynamoDB table, read straight from its backing table
CREATE FUNCTION err_items(tbl text) RETURNS SETOF jsonb
LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    SELECT backing_schema, backing_name INTO STRICT r
      FROM dynamo.tables WHERE table_name = tbl;
    RETURN QUERY EXECUTE format('SELECT item FROM %I.%I ORDER BY item::text',
                                r.backing_schema, r.backing_name);
END $$;

------------------------------------------------------------------------
-- Setup: a hash+range table, a binary hash table, a numeric hash table
------------------------------------------------------------------------
SELECT dyn_create_table('{"TableName": "ErrOrders",
  "AttributeDefinitions": [{"AttributeName": "CustomerId", "AttributeType": "S"},
                           {"AttributeName": "OrderId", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "CustomerId", "KeyType": "HASH"},
                {"AttributeName": "OrderId", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' -> 'TableName' AS created;
SELECT dyn_create_table('{"TableName": "ErrBlobs",
  "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "B"}],
  "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
  "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}') -> 'TableDescription' -> 'TableName' AS created;
SELECT dyn_create_table('{"TableName": "ErrNums",
  "AttributeDefinitions": [{"AttributeName": "n", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "n", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' -> 'TableName' AS created;

SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}, "Total": {"N": "10.5"}, "Tags": {"SS": ["a", "b"]}}}');
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o2"}, "Note": {"S": ""}}}');
SELECT dyn_put_item('{"TableName": "ErrBlobs", "Item": {"id": {"B": "AQID"}, "data": {"S": "x"}}}');
SELECT dyn_put_item('{"TableName": "ErrNums", "Item": {"n": {"N": "42"}, "v": {"BOOL": true}}}');

------------------------------------------------------------------------
-- CreateTable
------------------------------------------------------------------------
-- TableName missing: its own message, no envelope
SELECT dyn_create_table('{"AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- TableName null counts as missing
SELECT dyn_create_table('{"TableName": null}');
\echo :LAST_ERROR_SQLSTATE
-- too short, empty, too long, short with a bad character: the length message, which stops here
SELECT dyn_create_table('{"TableName": "ab",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('{"TableName": ""}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table(jsonb_build_object('TableName', repeat('a', 256),
  'AttributeDefinitions', '[{"AttributeName": "a", "AttributeType": "S"}]'::jsonb,
  'KeySchema', '[{"AttributeName": "a", "KeyType": "HASH"}]'::jsonb,
  'BillingMode', 'PAY_PER_REQUEST'));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('{"TableName": "a;"}');
\echo :LAST_ERROR_SQLSTATE
-- the length check comes before every other check
SELECT dyn_create_table('{"TableName": "ab", "BillingMode": "BAD", "KeySchema": []}');
\echo :LAST_ERROR_SQLSTATE
-- bad character
SELECT dyn_create_table('{"TableName": "abc;",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- several constraint violations: one "N validation errors detected" message
SELECT dyn_create_table('{"TableName": "abc;"}');
\echo :LAST_ERROR_SQLSTATE
-- KeySchema missing
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}], "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- AttributeDefinitions missing
SELECT dyn_create_table('{"TableName": "ErrNew",
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- KeySchema empty
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
  "KeySchema": [], "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- KeySchema with 3 elements
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"},
                           {"AttributeName": "c", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"},
                {"AttributeName": "c", "KeyType": "RANGE"}], "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- KeySchema members missing AttributeName / KeyType
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
  "KeySchema": [{"KeyType": "HASH"}, {"AttributeName": "b"}], "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- bad KeyType
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "INVALID"}], "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- bad AttributeType
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "SS"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- AttributeDefinitions member with neither field
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- bad BillingMode
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}], "BillingMode": "A"}');
\echo :LAST_ERROR_SQLSTATE
-- RANGE first
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "RANGE"}, {"AttributeName": "b", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- RANGE only
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "RANGE"}], "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- two HASH
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- key attribute not defined (same counts)
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "b", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- a case mismatch is an undefined key attribute too
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "PK", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- more key elements than definitions
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "b", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- unused definition
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- duplicate definition
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "a", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- the same name for hash and range
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "a", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- PROVISIONED (the default) without throughput
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}]}');
\echo :LAST_ERROR_SQLSTATE
-- explicit PROVISIONED without throughput
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}], "BillingMode": "PROVISIONED"}');
\echo :LAST_ERROR_SQLSTATE
-- PAY_PER_REQUEST with throughput
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST",
  "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}');
\echo :LAST_ERROR_SQLSTATE
-- capacity below 1
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}],
  "ProvisionedThroughput": {"ReadCapacityUnits": 0, "WriteCapacityUnits": 5}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}],
  "ProvisionedThroughput": {"ReadCapacityUnits": -1, "WriteCapacityUnits": -1}}');
\echo :LAST_ERROR_SQLSTATE
-- throughput members missing
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}], "ProvisionedThroughput": {}}');
\echo :LAST_ERROR_SQLSTATE
-- capacity above 1e12: ReadCapacityUnits is reported first
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}],
  "ProvisionedThroughput": {"WriteCapacityUnits": 1000000000001, "ReadCapacityUnits": 1000000000001}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}],
  "ProvisionedThroughput": {"ReadCapacityUnits": 1000000000000, "WriteCapacityUnits": 1000000000001}}');
\echo :LAST_ERROR_SQLSTATE
-- order: the constraint pass comes before the billing rules
SELECT dyn_create_table('{"TableName": "abc;",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST",
  "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}');
\echo :LAST_ERROR_SQLSTATE
-- order: the billing rules come before the key-schema rules
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "b", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "RANGE"}], "BillingMode": "PAY_PER_REQUEST",
  "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}]}');
\echo :LAST_ERROR_SQLSTATE
-- the table exists
SELECT dyn_create_table('{"TableName": "ErrOrders",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- order: an invalid request for an existing name gets the validation error
SELECT dyn_create_table('{"TableName": "ErrOrders",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "RANGE"}, {"AttributeName": "b", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
-- SerializationException: wrong JSON types
SELECT dyn_create_table('{"TableName": 5}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('{"TableName": "ErrNew", "KeySchema": "x"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('{"TableName": "ErrNew", "KeySchema": {}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('{"TableName": "ErrNew",
  "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}],
  "ProvisionedThroughput": {"ReadCapacityUnits": "5", "WriteCapacityUnits": 5}}');
\echo :LAST_ERROR_SQLSTATE
-- order: serialization comes before the table-name length check
SELECT dyn_create_table('{"TableName": "ab", "KeySchema": "x"}');
\echo :LAST_ERROR_SQLSTATE
-- no half-created table: none of the failed requests left a table behind
SELECT t AS table_name FROM jsonb_array_elements_text(dyn_list_tables() -> 'TableNames') t
 WHERE t LIKE 'Err%' OR t IN ('ab', 'abc', 'abc;', 'a;') ORDER BY 1;
SELECT count(*) AS stray_catalog_rows FROM dynamo.tables WHERE table_name IN ('ErrNew', 'ab', 'abc;', 'a;');
SELECT count(*) AS stray_backing_tables FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'dynamo_data' AND c.relkind = 'r'
   AND c.relname NOT IN (SELECT backing_name FROM dynamo.tables);

------------------------------------------------------------------------
-- DescribeTable / DeleteTable
------------------------------------------------------------------------
SELECT dyn_describe_table('{"TableName": "ErrNoSuchTable"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_describe_table('{}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_describe_table('{"TableName": "ab"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_describe_table('{"TableName": "abc;"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_describe_table('{"TableName": true}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_table('{"TableName": "ErrNoSuchTable"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_table('{}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_table(jsonb_build_object('TableName', repeat('a', 256)));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_table('{"TableName": "abc;"}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- ListTables
------------------------------------------------------------------------
SELECT dyn_list_tables('{"Limit": 0}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_list_tables('{"Limit": 101}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_list_tables('{"Limit": "23"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_list_tables('{"Limit": true}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_list_tables('{"ExclusiveStartTableName": ""}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_list_tables(jsonb_build_object('ExclusiveStartTableName', repeat('a', 256)));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_list_tables('{"ExclusiveStartTableName": "abc;"}');
\echo :LAST_ERROR_SQLSTATE
-- several at once, limit first
SELECT dyn_list_tables('{"ExclusiveStartTableName": "a;", "Limit": 500}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_list_tables('{"ExclusiveStartTableName": 5}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- PutItem: request shape and table name
------------------------------------------------------------------------
SELECT dyn_put_item('{"Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": null, "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "a;", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item(jsonb_build_object('TableName', repeat('a', 256),
  'Item', '{"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}}'::jsonb));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "abc;", "ReturnConsumedCapacity": "hi", "ReturnValues": "hi", "ReturnItemCollectionMetrics": "hi"}');
\echo :LAST_ERROR_SQLSTATE
-- unknown table
SELECT dyn_put_item('{"TableName": "ErrNoSuchTable", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}}}');
\echo :LAST_ERROR_SQLSTATE
-- order: the table is looked up before the key is checked against a schema
SELECT dyn_put_item('{"TableName": "ErrNoSuchTable", "Item": {"x": {"S": "1"}}}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- PutItem: keys
------------------------------------------------------------------------
-- sort key missing, partition key missing (the partition key is checked first)
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"x": {"S": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- wrong key types
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"N": "1"}, "OrderId": {"S": "o9"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"SS": ["o9"]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrBlobs", "Item": {"id": {"S": "AQID"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrNums", "Item": {"n": {"S": "42"}}}');
\echo :LAST_ERROR_SQLSTATE
-- empty key values
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": ""}, "OrderId": {"S": "o9"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": ""}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrBlobs", "Item": {"id": {"B": ""}}}');
\echo :LAST_ERROR_SQLSTATE
-- partition key over 2048 bytes (ASCII, 3-byte UTF-8, binary), sort key over 1024 bytes
SELECT dyn_put_item(jsonb_build_object('TableName', 'ErrOrders', 'Item', jsonb_build_object(
  'CustomerId', jsonb_build_object('S', repeat('x', 2049)), 'OrderId', '{"S": "o9"}'::jsonb)));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item(jsonb_build_object('TableName', 'ErrOrders', 'Item', jsonb_build_object(
  'CustomerId', jsonb_build_object('S', repeat('€', 683)), 'OrderId', '{"S": "o9"}'::jsonb)));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item(jsonb_build_object('TableName', 'ErrBlobs', 'Item', jsonb_build_object(
  'id', jsonb_build_object('B', replace(encode(decode(repeat('ab', 2049), 'hex'), 'base64'), E'\n', '')))));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item(jsonb_build_object('TableName', 'ErrOrders', 'Item', jsonb_build_object(
  'CustomerId', '{"S": "c1"}'::jsonb, 'OrderId', jsonb_build_object('S', repeat('y', 1025)))));
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- PutItem: item size
------------------------------------------------------------------------
-- 20 bytes of keys and names plus 409581 = 409601 bytes: one too many
SELECT dyn_put_item(jsonb_build_object('TableName', 'ErrOrders', 'Item', jsonb_build_object(
  'CustomerId', '{"S": "c"}'::jsonb, 'OrderId', '{"S": "o"}'::jsonb,
  'b', jsonb_build_object('S', repeat('x', 409581)))));
\echo :LAST_ERROR_SQLSTATE
-- order: the size error wins over the missing table ...
SELECT dyn_put_item(jsonb_build_object('TableName', 'ErrNoSuchTable', 'Item', jsonb_build_object(
  'CustomerId', '{"S": "c"}'::jsonb, 'OrderId', '{"S": "o"}'::jsonb,
  'b', jsonb_build_object('S', repeat('x', 409581)))));
\echo :LAST_ERROR_SQLSTATE
-- ... while exactly 409600 bytes passes validation and reaches the table lookup
SELECT dyn_put_item(jsonb_build_object('TableName', 'ErrNoSuchTable', 'Item', jsonb_build_object(
  'CustomerId', '{"S": "c"}'::jsonb, 'OrderId', '{"S": "o"}'::jsonb,
  'b', jsonb_build_object('S', repeat('x', 409580)))));
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- AttributeValue validation (PutItem on ErrOrders, key valid)
------------------------------------------------------------------------
-- empty AttributeValue, an unknown tag only, nested empties
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"X": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"M": {"b": {}}}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"L": [{"S": "x"}, {}]}}}');
\echo :LAST_ERROR_SQLSTATE
-- two tags
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"S": "a", "N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- two tags, one invalid: the tag's own error comes first
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"S": "a", "N": "b"}}}');
\echo :LAST_ERROR_SQLSTATE
-- numbers
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"N": "abc"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"N": ""}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"N": "1E+126"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"N": "-1e126"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"N": "1E-131"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"N": "123456789012345678901234567890123456789"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"N": "-1.23456789012345678901234567890123456789"}}}');
\echo :LAST_ERROR_SQLSTATE
-- NULL false
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"NULL": false}}}');
\echo :LAST_ERROR_SQLSTATE
-- empty sets
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"SS": []}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"NS": []}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"BS": []}}}');
\echo :LAST_ERROR_SQLSTATE
-- duplicate set members
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"SS": ["a", "a"]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"NS": ["1", "1"]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"BS": ["Yg==", "Yg=="]}}}');
\echo :LAST_ERROR_SQLSTATE
-- set members are checked as numbers
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"NS": ["1", "b", "a"]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"NS": ["1", ""]}}}');
\echo :LAST_ERROR_SQLSTATE
-- bad base64 (SerializationException)
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"B": "23456"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"B": "=+/="}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"B": "+/+="}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"B": "ab!d"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"BS": ["AQID", "23456"]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"B": 5}}}');
\echo :LAST_ERROR_SQLSTATE
-- nesting: 32 levels are the most (31 map levels around a string); one more is refused
SELECT dyn_put_item(jsonb_build_object('TableName', 'ErrNoSuchTable', 'Item', jsonb_build_object(
  'CustomerId', '{"S": "c"}'::jsonb, 'OrderId', '{"S": "o"}'::jsonb,
  'data', (repeat('{"M": {"n": ', 31) || '{"S": "leaf"}' || repeat('}}', 31))::jsonb)));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item(jsonb_build_object('TableName', 'ErrOrders', 'Item', jsonb_build_object(
  'CustomerId', '{"S": "c"}'::jsonb, 'OrderId', '{"S": "o"}'::jsonb,
  'data', (repeat('{"M": {"n": ', 32) || '{"S": "leaf"}' || repeat('}}', 32))::jsonb)));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item(jsonb_build_object('TableName', 'ErrOrders', 'Item', jsonb_build_object(
  'CustomerId', '{"S": "c"}'::jsonb, 'OrderId', '{"S": "o"}'::jsonb,
  'data', (repeat('{"L": [', 40) || '{"S": "leaf"}' || repeat(']}', 40))::jsonb)));
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- SerializationException: a JSON value of the wrong type
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": 5, "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": 5.5, "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": true, "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": false, "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": ["ErrOrders"], "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": {}, "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": []}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": "x"}');
\echo :LAST_ERROR_SQLSTATE
-- an AttributeValue that is a scalar or a list
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": "c1", "OrderId": {"S": "o9"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": []}}');
\echo :LAST_ERROR_SQLSTATE
-- type tags with the wrong JSON type
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": 5}, "OrderId": {"S": "o9"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"BOOL": "true"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"BOOL": 1}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"SS": "a"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"M": []}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"L": [5]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "ReturnValues": 5, "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}}}');
\echo :LAST_ERROR_SQLSTATE
-- order: serialization comes before every validation
SELECT dyn_put_item('{"TableName": "a;", "Item": {"a": {"S": 5}}}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- ReturnValues
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "ErrOrders", "ReturnValues": "ALL_NEW", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "ReturnValues": "UPDATED_OLD", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "ReturnValues": "GARBAGE", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ErrOrders", "ReturnConsumedCapacity": "ALL", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_item('{"TableName": "ErrOrders", "ReturnValues": "ALL_NEW", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_item('{"TableName": "ErrOrders", "ReturnValues": "UPDATED_NEW", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_item('{"TableName": "ErrOrders", "ReturnValues": "GARBAGE", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- order: ReturnValues is checked before the table lookup ...
SELECT dyn_put_item('{"TableName": "ErrNoSuchTable", "ReturnValues": "ALL_NEW", "Item": {"CustomerId": {"S": "c1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- ... after the AttributeValues ...
SELECT dyn_put_item('{"TableName": "ErrOrders", "ReturnValues": "ALL_NEW", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}, "a": {"NULL": false}}}');
\echo :LAST_ERROR_SQLSTATE
-- ... and before the item size
SELECT dyn_put_item(jsonb_build_object('TableName', 'ErrOrders', 'ReturnValues', 'ALL_NEW', 'Item', jsonb_build_object(
  'CustomerId', '{"S": "c1"}'::jsonb, 'OrderId', '{"S": "o1"}'::jsonb,
  'b', jsonb_build_object('S', repeat('x', 409600)))));
\echo :LAST_ERROR_SQLSTATE
-- the enum constraint is part of the constraint pass, with the table name and item
SELECT dyn_put_item('{"TableName": "abc;", "ReturnValues": "GARBAGE"}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- More validation order (PutItem)
------------------------------------------------------------------------
-- a bad table name and a bad attribute value: the table name wins
SELECT dyn_put_item('{"TableName": "a;", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {}}}');
\echo :LAST_ERROR_SQLSTATE
-- a bad attribute value on a missing table: the attribute value wins
SELECT dyn_put_item('{"TableName": "ErrNoSuchTable", "Item": {"CustomerId": {"S": "c1"}, "a": {"N": "1E+126"}}}');
\echo :LAST_ERROR_SQLSTATE
-- a bad attribute value and a missing key attribute: the attribute value wins
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "a": {"SS": []}}}');
\echo :LAST_ERROR_SQLSTATE
-- a bad attribute value and an oversized item: the attribute value wins
SELECT dyn_put_item(jsonb_build_object('TableName', 'ErrOrders', 'Item', jsonb_build_object(
  'CustomerId', '{"S": "c1"}'::jsonb, 'OrderId', '{"S": "o9"}'::jsonb,
  'a', '{"NS": []}'::jsonb, 'b', jsonb_build_object('S', repeat('x', 409600)))));
\echo :LAST_ERROR_SQLSTATE
-- an oversized item with a missing key attribute: the size wins
SELECT dyn_put_item(jsonb_build_object('TableName', 'ErrOrders', 'Item', jsonb_build_object(
  'CustomerId', '{"S": "c1"}'::jsonb, 'b', jsonb_build_object('S', repeat('x', 409600)))));
\echo :LAST_ERROR_SQLSTATE
-- missing key and a wrong key type: the partition key is checked first
SELECT dyn_put_item('{"TableName": "ErrOrders", "Item": {"OrderId": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- GetItem
------------------------------------------------------------------------
SELECT dyn_get_item('{"TableName": "ErrOrders"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "a;", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ErrNoSuchTable", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- an empty key on a missing table: not found (the schema is unknown)
SELECT dyn_get_item('{"TableName": "ErrNoSuchTable", "Key": {}}');
\echo :LAST_ERROR_SQLSTATE
-- key does not match the schema: missing sort key, extra attribute, empty, wrong type
SELECT dyn_get_item('{"TableName": "ErrOrders", "Key": {"CustomerId": {"S": "c1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ErrOrders", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}, "Total": {"N": "10.5"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ErrOrders", "Key": {}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ErrOrders", "Key": {"CustomerId": {"N": "1"}, "OrderId": {"S": "o1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ErrOrders", "Key": {"CustomerId": {"S": "c1"}, "Other": {"S": "o1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ErrNums", "Key": {"n": {"S": "42"}}}');
\echo :LAST_ERROR_SQLSTATE
-- empty key values
SELECT dyn_get_item('{"TableName": "ErrOrders", "Key": {"CustomerId": {"S": ""}, "OrderId": {"S": "o1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ErrBlobs", "Key": {"id": {"B": ""}}}');
\echo :LAST_ERROR_SQLSTATE
-- oversized keys
SELECT dyn_get_item(jsonb_build_object('TableName', 'ErrOrders', 'Key', jsonb_build_object(
  'CustomerId', jsonb_build_object('S', repeat('x', 2049)), 'OrderId', '{"S": "o1"}'::jsonb)));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item(jsonb_build_object('TableName', 'ErrOrders', 'Key', jsonb_build_object(
  'CustomerId', '{"S": "c1"}'::jsonb, 'OrderId', jsonb_build_object('S', repeat('y', 1025)))));
\echo :LAST_ERROR_SQLSTATE
-- at the limits exactly: no error, nothing found
SELECT dyn_get_item(jsonb_build_object('TableName', 'ErrOrders', 'Key', jsonb_build_object(
  'CustomerId', jsonb_build_object('S', repeat('x', 2048)), 'OrderId', jsonb_build_object('S', repeat('y', 1024)))));
SELECT dyn_get_item(jsonb_build_object('TableName', 'ErrBlobs', 'Key', jsonb_build_object(
  'id', jsonb_build_object('B', replace(encode(decode(repeat('ab', 2048), 'hex'), 'base64'), E'\n', '')))));
-- AttributeValue errors in the key, before the table lookup
SELECT dyn_get_item('{"TableName": "ErrOrders", "Key": {"CustomerId": {"S": "c1", "N": "1"}, "OrderId": {"S": "o1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ErrNoSuchTable", "Key": {"n": {"N": "1E+126"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ErrNums", "Key": {"n": {"N": "x1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ErrBlobs", "Key": {"id": {"B": "AQI"}}}');
\echo :LAST_ERROR_SQLSTATE
-- wrong JSON types
SELECT dyn_get_item('{"TableName": "ErrOrders", "Key": []}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ErrOrders", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}}, "ConsistentRead": "yes"}');
\echo :LAST_ERROR_SQLSTATE
-- AttributesToGet
SELECT dyn_get_item('{"TableName": "ErrOrders", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}}, "AttributesToGet": ["a", "a"]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ErrOrders", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}}, "AttributesToGet": []}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- DeleteItem
------------------------------------------------------------------------
SELECT dyn_delete_item('{"TableName": "ErrOrders"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_item('{"Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_item('{"TableName": "ErrNoSuchTable", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_item('{"TableName": "ErrOrders", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}, "Total": {"N": "10.5"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_item('{"TableName": "ErrOrders", "Key": {"CustomerId": {"S": "c1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_item('{"TableName": "ErrOrders", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": ""}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_item('{"TableName": "ErrBlobs", "Key": {"id": {"B": ""}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_item('{"TableName": "ErrOrders", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"NULL": false}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_item(jsonb_build_object('TableName', 'ErrBlobs', 'Key', jsonb_build_object(
  'id', jsonb_build_object('B', replace(encode(decode(repeat('ab', 2049), 'hex'), 'base64'), E'\n', '')))));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_item('{"TableName": "ErrOrders", "Key": "x"}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- Requests that are not JSON objects, and NULL
------------------------------------------------------------------------
SELECT dyn_put_item('[]'::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('"x"'::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('5'::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item(NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_describe_table(NULL);
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- The dispatchers
------------------------------------------------------------------------
SELECT dyn_execute('ListTable', '{}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_execute('putitem', '{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_execute(NULL, '{}');
\echo :LAST_ERROR_SQLSTATE
-- the dispatcher gives the operation's own errors
SELECT dyn_execute('PutItem', '{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_execute('DescribeTable', '{"TableName": "ErrNoSuchTable"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_execute('GetItem', NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_execute_text('ListTable', '{}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_execute_text('GetItem', '{"TableName": "ErrOrders", "Key": ');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_execute_text('GetItem', '{"TableName": "ErrOrders"} xyz');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_execute_text('GetItem', '[1, 2]');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_execute_text('GetItem', '');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_execute_text('GetItem', NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_execute_text('PutItem', '{"TableName": "ErrOrders", "Item": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}, "a": {"N": "1E+126"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_execute_text('DeleteItem', '{"TableName": "ErrNoSuchTable", "Key": {"CustomerId": {"S": "c1"}}}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- Plain forms
------------------------------------------------------------------------
SELECT dyn_put(NULL, '{"CustomerId": "c1", "OrderId": "o9"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put('ErrOrders', NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get(NULL, '{"CustomerId": "c1", "OrderId": "o1"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get('ErrOrders', NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete('ErrOrders', NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get('ErrNoSuchTable', '{"CustomerId": "c1", "OrderId": "o1"}');
\echo :LAST_ERROR_SQLSTATE
-- a JSON request where the table name belongs: DY001 with a hint, not "not found"
SELECT dyn_get('{"TableName": "ErrOrders", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}}}',
               '{"CustomerId": "c1", "OrderId": "o1"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put('  {"TableName": "ErrOrders"}', '{"CustomerId": "c1", "OrderId": "o9"}');
\echo :LAST_ERROR_SQLSTATE
-- plain values DynamoDB refuses
SELECT dyn_put('ErrOrders', '{"CustomerId": "c1", "OrderId": "o9", "n": 1e126}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put('ErrOrders', '{"CustomerId": "", "OrderId": "o9"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put('ErrOrders', '{"CustomerId": 1, "OrderId": "o9"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get('ErrOrders', '{"CustomerId": "c1"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_unmarshall('{"a": {}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_unmarshall('{"a": {"N": "x"}}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- Nothing changed: every table holds exactly what the setup put there
------------------------------------------------------------------------
SELECT * FROM err_items('ErrOrders');
SELECT * FROM err_items('ErrBlobs');
SELECT * FROM err_items('ErrNums');
SELECT dyn_get_item('{"TableName": "ErrOrders", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}}}');
SELECT dyn_get_item('{"TableName": "ErrOrders", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o9"}}}');
SELECT dyn_get_item('{"TableName": "ErrOrders", "Key": {"CustomerId": {"S": "c"}, "OrderId": {"S": "o"}}}');
SELECT t AS table_name FROM jsonb_array_elements_text(dyn_list_tables() -> 'TableNames') t
 WHERE t LIKE 'Err%' OR t IN ('ab', 'abc', 'abc;', 'a;') ORDER BY 1;

------------------------------------------------------------------------
-- Cleanup
------------------------------------------------------------------------
SELECT dyn_delete_table('{"TableName": "ErrOrders"}') -> 'TableDescription' -> 'TableStatus' AS status;
SELECT dyn_delete_table('{"TableName": "ErrBlobs"}') -> 'TableDescription' -> 'TableStatus' AS status;
SELECT dyn_delete_table('{"TableName": "ErrNums"}') -> 'TableDescription' -> 'TableStatus' AS status;
-- a deleted table is gone
SELECT dyn_describe_table('{"TableName": "ErrOrders"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ErrOrders", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT t AS table_name FROM jsonb_array_elements_text(dyn_list_tables() -> 'TableNames') t
 WHERE t LIKE 'Err%' ORDER BY 1;
DROP FUNCTION err_items(text);
