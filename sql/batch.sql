-- batch: pins BatchGetItem and BatchWriteItem.  BatchGetItem reads keys
-- from several tables at once: the response groups items by table (every
-- requested table present, [] when none of its keys exist; the order of
-- items within a table is not significant, so they are printed sorted),
-- applies each table's ProjectionExpression and ExpressionAttributeNames,
-- leaves missing keys out silently and always answers
-- "UnprocessedKeys": {}.  BatchWriteItem puts and deletes over several
-- tables and answers {"UnprocessedItems": {}}.  Bad input is refused as
-- DynamoDB refuses it, with its messages and check order: RequestItems
-- missing or empty; more than 100 keys in one table (constraint message)
-- or in total (the bespoke "Too many items" text); more than 25 write
-- requests in one table (constraint) or in total; empty key and request
-- lists; duplicate keys (attribute order and number spelling ignored; for
-- BatchGetItem checked before the table lookup, for BatchWriteItem after
-- it); a WriteRequest with neither or both of PutRequest/DeleteRequest;
-- unknown tables; invalid items.  A batch is all or nothing here: after
-- every refused batch the tables are shown unchanged.
-- Tables start with Batch.

SELECT dyn_create_table('{"TableName": "BatchOrders",
  "AttributeDefinitions": [{"AttributeName": "CustomerId", "AttributeType": "S"},
                           {"AttributeName": "SK", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "CustomerId", "KeyType": "HASH"},
                {"AttributeName": "SK", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableName}' AS created;
SELECT dyn_create_table('{"TableName": "BatchThings",
  "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableName}' AS created;
SELECT dyn_create_table('{"TableName": "BatchEmpty",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableName}' AS created;

-- the items of a BatchGetItem response, sorted within each table
CREATE FUNCTION batch_sorted(resp jsonb) RETURNS jsonb LANGUAGE sql AS $$
    SELECT resp || jsonb_build_object('Responses', coalesce(
        (SELECT jsonb_object_agg(t, (SELECT coalesce(jsonb_agg(i ORDER BY i::text), '[]')
                                       FROM jsonb_array_elements(items) AS i))
           FROM jsonb_each(resp -> 'Responses') AS r(t, items)), '{}'))
$$;

-- every item of the Batch tables, sorted, one row per item
CREATE FUNCTION batch_items() RETURNS TABLE (table_name text, item jsonb) LANGUAGE sql AS $$
    SELECT t, i
      FROM unnest(ARRAY['BatchEmpty', 'BatchOrders', 'BatchThings']) AS t,
           jsonb_array_elements(dyn_scan(jsonb_build_object('TableName', t)) -> 'Items') AS i
     ORDER BY t, i::text
$$;

-- a BatchWriteItem request of n PutRequests on BatchThings, ids from..from+n-1
CREATE FUNCTION batch_puts(first int, n int) RETURNS jsonb LANGUAGE sql AS $$
    SELECT jsonb_agg(jsonb_build_object('PutRequest', jsonb_build_object('Item',
               jsonb_build_object('id', jsonb_build_object('N', i::text)))) ORDER BY i)
      FROM generate_series(first, first + n - 1) AS i
$$;

-- n BatchGetItem keys on BatchThings, ids from..from+n-1
CREATE FUNCTION batch_keys(first int, n int) RETURNS jsonb LANGUAGE sql AS $$
    SELECT jsonb_agg(jsonb_build_object('id', jsonb_build_object('N', i::text)) ORDER BY i)
      FROM generate_series(first, first + n - 1) AS i
$$;

-- ---------------------------------------------------------------------
-- BatchWriteItem: puts over two tables in one call
SELECT dyn_batch_write_item('{"RequestItems": {
  "BatchOrders": [
    {"PutRequest": {"Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"},
        "Items": {"L": [{"M": {"Id": {"S": "484295"}, "Name": {"S": "Eggs"}, "Price": {"N": "2.99"}}},
                        {"M": {"Id": {"S": "100200"}, "Name": {"S": "Milk"}}}]},
        "Status": {"S": "DELIVERED"}}}},
    {"PutRequest": {"Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"},
        "ItemName": {"S": "Eggs"}}}},
    {"PutRequest": {"Item": {"CustomerId": {"S": "1111111111"}, "SK": {"S": "2025-03-02#3000"},
        "Status": {"S": "PENDING"}}}}],
  "BatchThings": [
    {"PutRequest": {"Item": {"id": {"N": "1"}, "a": {"S": "one"}, "b": {"N": "10"}}}},
    {"PutRequest": {"Item": {"id": {"N": "2"}, "a": {"S": "two"}}}},
    {"PutRequest": {"Item": {"id": {"N": "3"}, "b": {"N": "30"}}}},
    {"PutRequest": {"Item": {"id": {"N": "4"}}}}]}}');
SELECT * FROM batch_items();

-- puts and deletes mixed over two tables; a put replaces the whole item;
-- deleting a missing key is a silent success
SELECT dyn_batch_write_item('{"RequestItems": {
  "BatchThings": [
    {"DeleteRequest": {"Key": {"id": {"N": "4"}}}},
    {"PutRequest": {"Item": {"id": {"N": "2"}, "c": {"BOOL": true}}}},
    {"DeleteRequest": {"Key": {"id": {"N": "404"}}}},
    {"PutRequest": {"Item": {"id": {"N": "5"}, "s": {"SS": ["x", "y"]}}}}],
  "BatchOrders": [
    {"DeleteRequest": {"Key": {"CustomerId": {"S": "1111111111"}, "SK": {"S": "2025-03-02#3000"}}}}]}}');
SELECT * FROM batch_items();

-- the same key in two different tables is not a duplicate
SELECT dyn_batch_write_item('{"RequestItems": {
  "BatchEmpty": [{"PutRequest": {"Item": {"pk": {"S": "k"}}}}],
  "BatchOrders": [{"PutRequest": {"Item": {"CustomerId": {"S": "k"}, "SK": {"S": "k"}}}}]}}');
SELECT dyn_batch_write_item('{"RequestItems": {
  "BatchEmpty": [{"DeleteRequest": {"Key": {"pk": {"S": "k"}}}}],
  "BatchOrders": [{"DeleteRequest": {"Key": {"CustomerId": {"S": "k"}, "SK": {"S": "k"}}}}]}}');

-- ---------------------------------------------------------------------
-- BatchGetItem over three tables: grouped by table, missing keys absent,
-- a table with no hits answers [], UnprocessedKeys {}
SELECT batch_sorted(dyn_batch_get_item('{"RequestItems": {
  "BatchThings": {"Keys": [{"id": {"N": "3"}}, {"id": {"N": "1"}}, {"id": {"N": "404"}}, {"id": {"N": "2"}}]},
  "BatchOrders": {"Keys": [{"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"}},
                           {"CustomerId": {"S": "7970241400"}, "SK": {"S": "nope"}}]},
  "BatchEmpty": {"Keys": [{"pk": {"S": "nothing"}}]}}}')) AS response;

-- ProjectionExpression and ExpressionAttributeNames per table: a nested
-- path with a list index on one table, plain names on another; an item with
-- none of the projected attributes comes back as {}
SELECT batch_sorted(dyn_batch_get_item('{"RequestItems": {
  "BatchOrders": {"Keys": [{"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"}}],
                  "ProjectionExpression": "#i[0].Id, #i[0].#n, #s",
                  "ExpressionAttributeNames": {"#i": "Items", "#n": "Name", "#s": "Status"}},
  "BatchThings": {"Keys": [{"id": {"N": "1"}}, {"id": {"N": "2"}}, {"id": {"N": "3"}}],
                  "ProjectionExpression": "b, id"},
  "BatchEmpty": {"Keys": [{"pk": {"S": "nothing"}}], "ProjectionExpression": "pk"}}}')) AS response;
SELECT batch_sorted(dyn_batch_get_item('{"RequestItems": {
  "BatchThings": {"Keys": [{"id": {"N": "3"}}, {"id": {"N": "5"}}], "ProjectionExpression": "#c",
                  "ExpressionAttributeNames": {"#c": "c"}}}}')) AS response;

-- exactly 100 keys in one table, and 100 in total over two tables, are allowed
SELECT jsonb_array_length(dyn_batch_get_item(jsonb_build_object('RequestItems',
    jsonb_build_object('BatchThings', jsonb_build_object('Keys', batch_keys(1, 100)))))
    #> '{Responses,BatchThings}') AS found_of_100;
SELECT batch_sorted(dyn_batch_get_item(jsonb_build_object('RequestItems', jsonb_build_object(
    'BatchThings', jsonb_build_object('Keys', batch_keys(1, 99)),
    'BatchEmpty', jsonb_build_object('Keys', '[{"pk": {"S": "x"}}]'::jsonb))))) #> '{Responses,BatchEmpty}' AS empty_table;

-- ---------------------------------------------------------------------
-- bad input; every refused batch changes nothing
CREATE TABLE batch_before AS SELECT * FROM batch_items();
CREATE FUNCTION batch_unchanged() RETURNS boolean LANGUAGE sql AS $$
    SELECT NOT EXISTS (SELECT * FROM batch_items() EXCEPT SELECT * FROM batch_before)
       AND NOT EXISTS (SELECT * FROM batch_before EXCEPT SELECT * FROM batch_items())
$$;

-- RequestItems missing: the constraint message (DL-T)
SELECT dyn_batch_get_item('{}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_batch_write_item('{"ReturnConsumedCapacity": "NONE"}');
\echo :LAST_ERROR_SQLSTATE
-- RequestItems empty
SELECT dyn_batch_get_item('{"RequestItems": {}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_batch_write_item('{"RequestItems": {}}');
\echo :LAST_ERROR_SQLSTATE
SELECT batch_unchanged();

-- BatchGetItem: 101 keys in one table (a constraint on that table's Keys)
SELECT dyn_batch_get_item(jsonb_build_object('RequestItems',
    jsonb_build_object('BatchThings', jsonb_build_object('Keys', batch_keys(1, 101)))));
\echo :LAST_ERROR_SQLSTATE
-- 101 keys in total over two tables, each at most 100
SELECT dyn_batch_get_item(jsonb_build_object('RequestItems', jsonb_build_object(
    'BatchThings', jsonb_build_object('Keys', batch_keys(1, 100)),
    'BatchEmpty', jsonb_build_object('Keys', '[{"pk": {"S": "x"}}]'::jsonb))));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_batch_get_item(jsonb_build_object('RequestItems', jsonb_build_object(
    'BatchThings', jsonb_build_object('Keys', batch_keys(1, 51)),
    'BatchEmpty', jsonb_build_object('Keys', (SELECT jsonb_agg(jsonb_build_object('pk', jsonb_build_object('S', i::text)))
                                                FROM generate_series(1, 50) i)))));
\echo :LAST_ERROR_SQLSTATE

-- BatchWriteItem: 26 requests in one table (a constraint on the map value)
SELECT dyn_batch_write_item(jsonb_build_object('RequestItems',
    jsonb_build_object('BatchThings', batch_puts(100, 26))));
\echo :LAST_ERROR_SQLSTATE
SELECT batch_unchanged();
-- 26 requests in total over two tables, 13 each
SELECT dyn_batch_write_item(jsonb_build_object('RequestItems', jsonb_build_object(
    'BatchThings', batch_puts(100, 13),
    'BatchEmpty', (SELECT jsonb_agg(jsonb_build_object('PutRequest', jsonb_build_object('Item',
                       jsonb_build_object('pk', jsonb_build_object('S', i::text))))) FROM generate_series(1, 13) i))));
\echo :LAST_ERROR_SQLSTATE
SELECT batch_unchanged();
-- exactly 25 requests are allowed (written and deleted again)
SELECT dyn_batch_write_item(jsonb_build_object('RequestItems',
    jsonb_build_object('BatchThings', batch_puts(100, 25))));
SELECT count(*) AS things FROM batch_items() WHERE table_name = 'BatchThings';
SELECT dyn_batch_write_item(jsonb_build_object('RequestItems', jsonb_build_object('BatchThings',
    (SELECT jsonb_agg(jsonb_build_object('DeleteRequest', jsonb_build_object('Key',
         jsonb_build_object('id', jsonb_build_object('N', i::text))))) FROM generate_series(100, 124) i))));
SELECT batch_unchanged();

-- empty lists: Keys [] / Keys missing for BatchGetItem, [] for BatchWriteItem
SELECT dyn_batch_get_item('{"RequestItems": {"BatchThings": {"Keys": []}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_batch_get_item('{"RequestItems": {"BatchThings": {"ProjectionExpression": "a"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_batch_write_item('{"RequestItems": {"BatchThings": []}}');
\echo :LAST_ERROR_SQLSTATE

-- duplicate keys, BatchGetItem: the same key twice (attribute order and
-- number spelling do not matter)
SELECT dyn_batch_get_item('{"RequestItems": {"BatchThings": {"Keys": [{"id": {"N": "1"}}, {"id": {"N": "2"}}, {"id": {"N": "1.00"}}]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_batch_get_item('{"RequestItems": {"BatchOrders": {"Keys": [
  {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"}},
  {"SK": {"S": "FAVOURITE#484295"}, "CustomerId": {"S": "7970241400"}}]}}}');
\echo :LAST_ERROR_SQLSTATE
-- BatchGetItem checks duplicates before the table lookup (DL-T: on a table
-- that does not exist the answer is still the duplicates message)
SELECT dyn_batch_get_item('{"RequestItems": {"BatchNoSuchTable": {"Keys": [{"id": {"N": "1"}}, {"id": {"N": "1"}}]}}}');
\echo :LAST_ERROR_SQLSTATE

-- duplicate keys, BatchWriteItem: Put+Put, Delete+Delete, Put+Delete, Delete+Put
SELECT dyn_batch_write_item('{"RequestItems": {"BatchThings": [
  {"PutRequest": {"Item": {"id": {"N": "7"}}}}, {"PutRequest": {"Item": {"id": {"N": "7"}, "x": {"S": "y"}}}}]}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_batch_write_item('{"RequestItems": {"BatchThings": [
  {"DeleteRequest": {"Key": {"id": {"N": "1"}}}}, {"DeleteRequest": {"Key": {"id": {"N": "1.0"}}}}]}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_batch_write_item('{"RequestItems": {"BatchThings": [
  {"PutRequest": {"Item": {"id": {"N": "1"}, "new": {"S": "value"}}}}, {"DeleteRequest": {"Key": {"id": {"N": "1"}}}}]}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_batch_write_item('{"RequestItems": {"BatchOrders": [
  {"DeleteRequest": {"Key": {"SK": {"S": "FAVOURITE#484295"}, "CustomerId": {"S": "7970241400"}}}},
  {"PutRequest": {"Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"}}}}]}}');
\echo :LAST_ERROR_SQLSTATE
-- BatchWriteItem looks the table up first (DL-T: "should check table
-- exists first before checking for duplicate keys")
SELECT dyn_batch_write_item('{"RequestItems": {"BatchNoSuchTable": [
  {"PutRequest": {"Item": {"id": {"N": "1"}}}}, {"DeleteRequest": {"Key": {"id": {"N": "1"}}}}]}}');
\echo :LAST_ERROR_SQLSTATE
SELECT batch_unchanged();

-- a WriteRequest with neither PutRequest nor DeleteRequest, or with both:
-- DynamoDB really answers with this AttributeValue message
SELECT dyn_batch_write_item('{"RequestItems": {"BatchThings": [{"PutRequest": {"Item": {"id": {"N": "8"}}}}, {}]}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_batch_write_item('{"RequestItems": {"BatchThings": [
  {"PutRequest": {"Item": {"id": {"N": "8"}}}, "DeleteRequest": {"Key": {"id": {"N": "1"}}}}]}}');
\echo :LAST_ERROR_SQLSTATE
-- an empty PutRequest / DeleteRequest: the member path of the missing field
SELECT dyn_batch_write_item('{"RequestItems": {"BatchThings": [{"PutRequest": {}}]}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_batch_write_item('{"RequestItems": {"BatchThings": [{"PutRequest": {"Item": {"id": {"N": "8"}}}}, {"DeleteRequest": {}}]}}');
\echo :LAST_ERROR_SQLSTATE
SELECT batch_unchanged();

-- unknown table, alone and next to a valid table: the whole batch fails
SELECT dyn_batch_get_item('{"RequestItems": {"BatchNoSuchTable": {"Keys": [{"id": {"N": "1"}}]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_batch_get_item('{"RequestItems": {"BatchThings": {"Keys": [{"id": {"N": "1"}}]},
                                             "BatchNoSuchTable": {"Keys": [{"id": {"N": "1"}}]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_batch_write_item('{"RequestItems": {"BatchThings": [{"PutRequest": {"Item": {"id": {"N": "8"}}}}],
                                               "BatchNoSuchTable": [{"PutRequest": {"Item": {"id": {"N": "1"}}}}]}}');
\echo :LAST_ERROR_SQLSTATE
SELECT batch_unchanged();

-- an invalid item inside a batch: the valid requests before it are not written
-- an empty string set
SELECT dyn_batch_write_item('{"RequestItems": {"BatchThings": [
  {"PutRequest": {"Item": {"id": {"N": "8"}}}},
  {"PutRequest": {"Item": {"id": {"N": "9"}, "s": {"SS": []}}}}]}}');
\echo :LAST_ERROR_SQLSTATE
-- a number that is not a number
SELECT dyn_batch_write_item('{"RequestItems": {"BatchOrders": [
  {"PutRequest": {"Item": {"CustomerId": {"S": "c"}, "SK": {"S": "1"}}}}],
  "BatchThings": [{"DeleteRequest": {"Key": {"id": {"N": "1"}}}},
                  {"PutRequest": {"Item": {"id": {"N": "9"}, "n": {"N": "abc"}}}}]}}');
\echo :LAST_ERROR_SQLSTATE
-- an item over 400 KB
SELECT dyn_batch_write_item(jsonb_build_object('RequestItems', jsonb_build_object('BatchThings', jsonb_build_array(
    jsonb_build_object('PutRequest', jsonb_build_object('Item', '{"id": {"N": "8"}}'::jsonb)),
    jsonb_build_object('PutRequest', jsonb_build_object('Item', jsonb_build_object(
        'id', jsonb_build_object('N', '9'), 'big', jsonb_build_object('S', repeat('x', 409600)))))))));
\echo :LAST_ERROR_SQLSTATE
-- a PutRequest item whose key is missing or of the wrong type: in
-- BatchWriteItem DynamoDB answers "The provided key element does not match
-- the schema" (DL-T, run against AWS), not PutItem's "Missing the key" /
-- "Type mismatch for key" texts
SELECT dyn_batch_write_item('{"RequestItems": {"BatchThings": [
  {"PutRequest": {"Item": {"id": {"N": "8"}}}},
  {"PutRequest": {"Item": {"idx": {"N": "9"}}}}]}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_batch_write_item('{"RequestItems": {"BatchThings": [
  {"PutRequest": {"Item": {"id": {"N": "8"}}}},
  {"PutRequest": {"Item": {"id": {"S": "9"}}}}]}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_batch_write_item('{"RequestItems": {"BatchOrders": [
  {"PutRequest": {"Item": {"CustomerId": {"S": "c"}}}}]}}');
\echo :LAST_ERROR_SQLSTATE
-- a DeleteRequest key of the wrong type
SELECT dyn_batch_write_item('{"RequestItems": {"BatchThings": [
  {"PutRequest": {"Item": {"id": {"N": "8"}}}},
  {"DeleteRequest": {"Key": {"id": {"S": "1"}}}}]}}');
\echo :LAST_ERROR_SQLSTATE
-- a BatchGetItem key of the wrong type
SELECT dyn_batch_get_item('{"RequestItems": {"BatchThings": {"Keys": [{"id": {"N": "1"}}, {"id": {"S": "1"}}]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT batch_unchanged();

-- a batch inside an explicit transaction rolls back with it
BEGIN;
SELECT dyn_batch_write_item('{"RequestItems": {"BatchThings": [
  {"PutRequest": {"Item": {"id": {"N": "8"}}}}, {"DeleteRequest": {"Key": {"id": {"N": "1"}}}}]}}');
SELECT batch_unchanged() AS unchanged_inside;
ROLLBACK;
SELECT batch_unchanged();

SELECT dyn_delete_table(jsonb_build_object('TableName', t)) #>> '{TableDescription,TableStatus}' AS status
  FROM unnest(ARRAY['BatchEmpty', 'BatchOrders', 'BatchThings']) AS t;
DROP TABLE batch_before;
DROP FUNCTION batch_unchanged(), batch_items(), batch_sorted(jsonb), batch_puts(int, int), batch_keys(int, int);
