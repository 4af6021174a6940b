-- put_get: pins PutItem, GetItem and DeleteItem on the seeds' grocery
-- Orders table (partition key CustomerId, composite sort key SK such as
-- OrderDate#OrderId or FAVOURITE#<ItemId>; Items lists of maps with Id and
-- Favourite): items read back exactly; PutItem replaces the whole item;
-- ReturnValues ALL_OLD ({} when there was no old item); GetItem of a missing
-- key is {}; AttributesToGet; ReturnConsumedCapacity TOTAL and INDEXES
-- (read units by 4 KB and consistency, write units by 1 KB, the larger of
-- the old and new item for an overwrite); DeleteItem of a missing key
-- succeeds with {}; DeleteItem ALL_OLD; a hash-only table; dyn_execute;
-- writes inside an explicit transaction roll back with it; and the rows of
-- the backing table.

SELECT dyn_create_table('{
  "TableName": "Orders",
  "AttributeDefinitions": [
    {"AttributeName": "CustomerId", "AttributeType": "S"},
    {"AttributeName": "SK", "AttributeType": "S"}],
  "KeySchema": [
    {"AttributeName": "CustomerId", "KeyType": "HASH"},
    {"AttributeName": "SK", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,KeySchema}' AS key_schema;
SELECT backing_schema || '.' || backing_name AS orders FROM dynamo.tables WHERE table_name = 'Orders' \gset

--
-- PutItem: orders with Items lists, and a FAVOURITE# entity
--
-- a new item: nothing to return, even with ALL_OLD
SELECT dyn_put_item('{"TableName": "Orders", "Item": {
  "CustomerId": {"S": "7970241400"},
  "SK": {"S": "2025-03-01#2121195"},
  "OrderId": {"S": "2121195"},
  "OrderDate": {"S": "2025-03-01"},
  "DeliveryDate": {"S": "2025-03-03"},
  "Total": {"N": "12.47"},
  "Items": {"L": [
    {"M": {"Id": {"S": "484295"}, "Name": {"S": "Eggs"}, "Price": {"N": "2.99"}, "Favourite": {"BOOL": false}}},
    {"M": {"Id": {"S": "100231"}, "Name": {"S": "Sourdough"}, "Price": {"N": "4.50"}, "Favourite": {"BOOL": false}}},
    {"M": {"Id": {"S": "330017"}, "Name": {"S": "Milk"}, "Price": {"N": "1.99"}, "Qty": {"N": "2"}, "Favourite": {"BOOL": false}}}]}}}');
SELECT dyn_put_item('{"TableName": "Orders", "ReturnValues": "ALL_OLD", "Item": {
  "CustomerId": {"S": "7970241400"},
  "SK": {"S": "2025-03-21#2131001"},
  "OrderId": {"S": "2131001"},
  "OrderDate": {"S": "2025-03-21"},
  "Total": {"N": "2.99"},
  "Items": {"L": [
    {"M": {"Id": {"S": "484295"}, "Name": {"S": "Eggs"}, "Price": {"N": "2.99"}, "Favourite": {"BOOL": true}}}]}}}');
SELECT dyn_put_item('{"TableName": "Orders", "ReturnValues": "NONE", "Item": {
  "CustomerId": {"S": "7970241400"},
  "SK": {"S": "FAVOURITE#484295"},
  "ItemId": {"S": "484295"},
  "ItemPrice": {"S": "2.99"},
  "ItemName": {"S": "Eggs"},
  "ItemDescription": {"S": "Free Range Eggs"},
  "ItemCategory": {"S": "Fresh"}}}');
SELECT dyn_put_item('{"TableName": "Orders", "Item": {
  "CustomerId": {"S": "5550001111"},
  "SK": {"S": "2025-02-14#2100007"},
  "OrderId": {"S": "2100007"},
  "OrderDate": {"S": "2025-02-14"},
  "Items": {"L": []}}}');

-- each reads back as written (numbers canonical)
SELECT jsonb_pretty(dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"}}}'));
SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-21#2131001"}}}');
SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"}}}');
SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "5550001111"}, "SK": {"S": "2025-02-14#2100007"}}}');
-- the favourite flags of an order's items, in list order
SELECT i - 1 AS idx, e #>> '{M,Id,S}' AS id, e #> '{M,Favourite,BOOL}' AS favourite
FROM jsonb_array_elements(dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"}}}') #> '{Item,Items,L}')
     WITH ORDINALITY AS a(e, i)
ORDER BY i;
-- ConsistentRead is accepted either way, with the same item
SELECT dyn_get_item('{"TableName": "Orders", "ConsistentRead": true, "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"}}}')
     = dyn_get_item('{"TableName": "Orders", "ConsistentRead": false, "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"}}}') AS same;

--
-- GetItem of a missing key: {}
--
SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-02#0000000"}}}');
SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "0000000000"}, "SK": {"S": "2025-03-01#2121195"}}}');
-- sort keys match whole, not by prefix
SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#"}}}');
SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "favourite#484295"}}}');

--
-- PutItem over an existing item replaces it whole; ALL_OLD returns the old one
--
SELECT jsonb_pretty(dyn_put_item('{"TableName": "Orders", "ReturnValues": "ALL_OLD", "Item": {
  "CustomerId": {"S": "7970241400"},
  "SK": {"S": "2025-03-01#2121195"},
  "OrderId": {"S": "2121195"},
  "OrderDate": {"S": "2025-03-01"},
  "Total": {"N": "12.47"},
  "Items": {"L": [
    {"M": {"Id": {"S": "484295"}, "Name": {"S": "Eggs"}, "Price": {"N": "2.99"}, "Favourite": {"BOOL": true}}},
    {"M": {"Id": {"S": "100231"}, "Name": {"S": "Sourdough"}, "Price": {"N": "4.5"}, "Favourite": {"BOOL": false}}},
    {"M": {"Id": {"S": "330017"}, "Name": {"S": "Milk"}, "Price": {"N": "1.99"}, "Qty": {"N": "2"}, "Favourite": {"BOOL": false}}}]}}}'));
-- DeliveryDate is gone: PutItem does not merge
SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"}}}') -> 'Item' ? 'DeliveryDate' AS has_delivery_date,
       dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"}}}') #> '{Item,Items,L,0,M,Favourite}' AS first_favourite;
-- ALL_OLD twice in a row: the second returns what the first wrote
SELECT dyn_put_item('{"TableName": "Orders", "ReturnValues": "ALL_OLD", "Item": {"CustomerId": {"S": "5550001111"}, "SK": {"S": "2025-02-14#2100007"}, "v": {"N": "1"}}}');
SELECT dyn_put_item('{"TableName": "Orders", "ReturnValues": "ALL_OLD", "Item": {"CustomerId": {"S": "5550001111"}, "SK": {"S": "2025-02-14#2100007"}, "v": {"N": "2"}}}');
-- ReturnValues NONE over an existing item returns nothing
SELECT dyn_put_item('{"TableName": "Orders", "ReturnValues": "NONE", "Item": {"CustomerId": {"S": "5550001111"}, "SK": {"S": "2025-02-14#2100007"}, "v": {"N": "3"}}}');
SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "5550001111"}, "SK": {"S": "2025-02-14#2100007"}}}');

--
-- AttributesToGet: only the named top-level attributes that exist
--
SELECT dyn_get_item('{"TableName": "Orders", "AttributesToGet": ["Total", "OrderDate"],
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-21#2131001"}}}');
-- key attributes only when named; a missing name is skipped
SELECT dyn_get_item('{"TableName": "Orders", "AttributesToGet": ["SK", "NoSuchAttribute"],
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-21#2131001"}}}');
-- a name is a whole top-level name, never a path
SELECT dyn_get_item('{"TableName": "Orders", "AttributesToGet": ["Items[0]", "Items.Id"],
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-21#2131001"}}}');
SELECT dyn_get_item('{"TableName": "Orders", "AttributesToGet": ["Items"],
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-21#2131001"}}}');
-- a missing item is still {}
SELECT dyn_get_item('{"TableName": "Orders", "AttributesToGet": ["Total"],
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "nothing"}}}');

--
-- ReturnConsumedCapacity: TOTAL, INDEXES, NONE
--
-- reads: 0.5 unit per 4 KB eventually consistent, 1 strongly consistent
SELECT dyn_get_item('{"TableName": "Orders", "ReturnConsumedCapacity": "TOTAL",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"}}}') -> 'ConsumedCapacity' AS total;
SELECT dyn_get_item('{"TableName": "Orders", "ReturnConsumedCapacity": "TOTAL", "ConsistentRead": true,
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"}}}') -> 'ConsumedCapacity' AS total_consistent;
SELECT dyn_get_item('{"TableName": "Orders", "ReturnConsumedCapacity": "INDEXES",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"}}}') -> 'ConsumedCapacity' AS indexes;
SELECT dyn_get_item('{"TableName": "Orders", "ReturnConsumedCapacity": "NONE",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"}}}') ? 'ConsumedCapacity' AS none_has_capacity;
-- a missing item is read, and paid for, all the same
SELECT dyn_get_item('{"TableName": "Orders", "ReturnConsumedCapacity": "TOTAL",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "nothing"}}}');
SELECT dyn_get_item('{"TableName": "Orders", "ReturnConsumedCapacity": "INDEXES", "ConsistentRead": true,
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "nothing"}}}');
-- writes: 1 unit per 1 KB
SELECT dyn_put_item('{"TableName": "Orders", "ReturnConsumedCapacity": "TOTAL",
  "Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-04-01#2140000"}, "Total": {"N": "1"}}}');
SELECT dyn_put_item('{"TableName": "Orders", "ReturnConsumedCapacity": "INDEXES", "ReturnValues": "ALL_OLD",
  "Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-04-01#2140000"}, "Total": {"N": "2"}}}');
-- sizes: "CustomerId" (10) + "big" (3) + "SK" (2) + "x" (1) + "Note" (4) + 1500
-- = 1520 bytes: 2 write units, 1 strongly consistent read unit
SELECT dyn_put_item(jsonb_build_object('TableName', 'Orders', 'ReturnConsumedCapacity', 'TOTAL',
  'Item', jsonb_build_object('CustomerId', '{"S": "big"}'::jsonb, 'SK', '{"S": "x"}'::jsonb,
                             'Note', jsonb_build_object('S', repeat('n', 1500))))) AS put_1520;
SELECT dyn_get_item('{"TableName": "Orders", "ReturnConsumedCapacity": "TOTAL", "ConsistentRead": true,
  "Key": {"CustomerId": {"S": "big"}, "SK": {"S": "x"}}}') -> 'ConsumedCapacity' AS get_1520;
-- 20 + 9000 = 9020 bytes: 9 write units; 3 read units, 1.5 eventually consistent
SELECT dyn_put_item(jsonb_build_object('TableName', 'Orders', 'ReturnConsumedCapacity', 'TOTAL',
  'Item', jsonb_build_object('CustomerId', '{"S": "big"}'::jsonb, 'SK', '{"S": "x"}'::jsonb,
                             'Note', jsonb_build_object('S', repeat('n', 9000))))) AS put_9020;
SELECT dyn_get_item('{"TableName": "Orders", "ReturnConsumedCapacity": "TOTAL", "ConsistentRead": true,
  "Key": {"CustomerId": {"S": "big"}, "SK": {"S": "x"}}}') -> 'ConsumedCapacity' AS get_9020,
       dyn_get_item('{"TableName": "Orders", "ReturnConsumedCapacity": "TOTAL",
  "Key": {"CustomerId": {"S": "big"}, "SK": {"S": "x"}}}') -> 'ConsumedCapacity' AS get_9020_eventual;
-- AttributesToGet does not change what a read costs
SELECT dyn_get_item('{"TableName": "Orders", "ReturnConsumedCapacity": "TOTAL", "ConsistentRead": true,
  "AttributesToGet": ["SK"], "Key": {"CustomerId": {"S": "big"}, "SK": {"S": "x"}}}');
-- overwriting the 9020-byte item with a small one costs the larger of the two
SELECT dyn_put_item('{"TableName": "Orders", "ReturnConsumedCapacity": "TOTAL",
  "Item": {"CustomerId": {"S": "big"}, "SK": {"S": "x"}, "Note": {"S": "short"}}}') AS put_over_9020;
-- and overwriting the small one with 1520 bytes costs 2
SELECT dyn_put_item(jsonb_build_object('TableName', 'Orders', 'ReturnConsumedCapacity', 'TOTAL',
  'Item', jsonb_build_object('CustomerId', '{"S": "big"}'::jsonb, 'SK', '{"S": "x"}'::jsonb,
                             'Note', jsonb_build_object('S', repeat('n', 1500))))) AS put_1520_over_small;
-- deletes cost the size of the deleted item, at least 1
SELECT dyn_delete_item('{"TableName": "Orders", "ReturnConsumedCapacity": "INDEXES",
  "Key": {"CustomerId": {"S": "big"}, "SK": {"S": "x"}}}');
SELECT dyn_delete_item('{"TableName": "Orders", "ReturnConsumedCapacity": "TOTAL",
  "Key": {"CustomerId": {"S": "big"}, "SK": {"S": "x"}}}');

--
-- DeleteItem
--
-- a missing key succeeds with {}, with or without ALL_OLD
SELECT dyn_delete_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2099-01-01#0"}}}');
SELECT dyn_delete_item('{"TableName": "Orders", "ReturnValues": "ALL_OLD", "Key": {"CustomerId": {"S": "nobody"}, "SK": {"S": "nothing"}}}');
-- ALL_OLD returns the deleted item; it is then gone
SELECT dyn_delete_item('{"TableName": "Orders", "ReturnValues": "ALL_OLD",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"}}}');
SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"}}}');
SELECT dyn_delete_item('{"TableName": "Orders", "ReturnValues": "ALL_OLD",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"}}}');
-- without ReturnValues nothing is returned
SELECT dyn_delete_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-04-01#2140000"}}}');
SELECT dyn_delete_item('{"TableName": "Orders", "ReturnValues": "NONE", "Key": {"CustomerId": {"S": "5550001111"}, "SK": {"S": "2025-02-14#2100007"}}}');
SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "5550001111"}, "SK": {"S": "2025-02-14#2100007"}}}');
-- the other items of the partition are untouched
SELECT sk FROM :orders WHERE pk = '7970241400' ORDER BY sk;

--
-- dyn_execute reaches the same operations
--
SELECT dyn_execute('PutItem', '{"TableName": "Orders", "ReturnValues": "ALL_OLD",
  "Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#100231"}, "ItemId": {"S": "100231"}, "ItemName": {"S": "Sourdough"}}}');
SELECT dyn_execute('GetItem', '{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#100231"}}}');
SELECT dyn_execute('GetItem', '{"TableName": "Orders", "AttributesToGet": ["ItemName"], "ReturnConsumedCapacity": "TOTAL",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#100231"}}}');
SELECT dyn_execute_text('GetItem', '{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#100231"}}}');

--
-- A hash-only table
--
SELECT dyn_create_table('{
  "TableName": "Customers",
  "AttributeDefinitions": [{"AttributeName": "CustomerId", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "CustomerId", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,KeySchema}' AS key_schema;
SELECT backing_schema || '.' || backing_name AS customers FROM dynamo.tables WHERE table_name = 'Customers' \gset
SELECT dyn_put_item('{"TableName": "Customers", "Item": {"CustomerId": {"S": "7970241400"}, "Name": {"S": "Aoife"}, "Favourites": {"SS": ["484295"]}}}');
SELECT dyn_put_item('{"TableName": "Customers", "Item": {"CustomerId": {"S": "5550001111"}, "Name": {"S": "Brian"}}}');
SELECT dyn_get_item('{"TableName": "Customers", "Key": {"CustomerId": {"S": "7970241400"}}}');
SELECT dyn_put_item('{"TableName": "Customers", "ReturnValues": "ALL_OLD", "ReturnConsumedCapacity": "TOTAL",
  "Item": {"CustomerId": {"S": "5550001111"}, "Name": {"S": "Brian"}, "Tier": {"S": "gold"}}}');
SELECT dyn_get_item('{"TableName": "Customers", "Key": {"CustomerId": {"S": "5550001111"}}}');
SELECT dyn_get_item('{"TableName": "Customers", "Key": {"CustomerId": {"S": "1"}}}');
SELECT dyn_delete_item('{"TableName": "Customers", "ReturnValues": "ALL_OLD", "Key": {"CustomerId": {"S": "5550001111"}}}');
SELECT dyn_delete_item('{"TableName": "Customers", "ReturnValues": "ALL_OLD", "Key": {"CustomerId": {"S": "5550001111"}}}');
-- the backing table of a hash-only table has no sort key column
SELECT pk, item FROM :customers ORDER BY pk;

--
-- Explicit transactions: writes commit and roll back with the caller's
--
BEGIN;
SELECT dyn_put_item('{"TableName": "Orders", "Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#330017"}, "ItemName": {"S": "Milk"}}}');
-- visible inside the transaction
SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#330017"}}}');
ROLLBACK;
SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#330017"}}}');
-- an overwrite and a delete roll back too
BEGIN;
SELECT dyn_put_item('{"TableName": "Orders", "Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#100231"}, "ItemName": {"S": "changed"}}}');
SELECT dyn_delete_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-21#2131001"}}}');
SELECT count(*) FROM :orders;
ROLLBACK;
SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#100231"}}}') #> '{Item,ItemName}' AS item_name,
       dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-21#2131001"}}}') #> '{Item,OrderId}' AS order_id;
-- a savepoint undoes only what follows it
BEGIN;
SELECT dyn_put_item('{"TableName": "Orders", "Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#330017"}, "ItemName": {"S": "Milk"}}}');
SAVEPOINT s;
SELECT dyn_put_item('{"TableName": "Orders", "Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#999999"}, "ItemName": {"S": "Caviar"}}}');
ROLLBACK TO SAVEPOINT s;
COMMIT;
SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#330017"}}}');
SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#999999"}}}');
-- a failed request aborts the transaction, and the earlier put with it
BEGIN;
SELECT dyn_put_item('{"TableName": "Orders", "Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#777777"}}}');
SELECT dyn_put_item('{"TableName": "Orders", "Item": {"CustomerId": {"S": "7970241400"}}}');
\echo :LAST_ERROR_SQLSTATE
COMMIT;
SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#777777"}}}');

--
-- The backing table holds exactly the items, keyed by their key attributes
--
SELECT pk, sk, item FROM :orders ORDER BY 1, 2;
SELECT count(*) AS rows,
       bool_and(item -> 'CustomerId' ->> 'S' = pk AND item -> 'SK' ->> 'S' = sk) AS keys_match
FROM :orders;

-- A PutItem writes the row as INSERT ... ON CONFLICT DO UPDATE would, so
-- what Postgres runs on such a statement runs on it too: a trigger an
-- administrator puts on the backing table sees the insert and the update
CREATE TABLE put_audit (op text, sk text);
CREATE FUNCTION put_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO put_audit VALUES (TG_OP, NEW.sk);
    RETURN NEW;
END $$;
CREATE TRIGGER put_audit AFTER INSERT OR UPDATE ON :orders
    FOR EACH ROW EXECUTE FUNCTION put_audit_row();
SELECT dyn_put('Orders', '{"CustomerId": "7970241400", "SK": "AUDIT#1", "n": 1}');
SELECT dyn_put('Orders', '{"CustomerId": "7970241400", "SK": "AUDIT#1", "n": 2}');
SELECT * FROM put_audit;
DROP TRIGGER put_audit ON :orders;
DROP TABLE put_audit;
DROP FUNCTION put_audit_row();
SELECT dyn_delete('Orders', '{"CustomerId": "7970241400", "SK": "AUDIT#1"}');

SELECT dyn_delete_table('{"TableName": "Orders"}') #>> '{TableDescription,TableStatus}' AS status;
SELECT dyn_delete_table('{"TableName": "Customers"}') #>> '{TableDescription,TableStatus}' AS status;
SELECT dyn_list_tables();
