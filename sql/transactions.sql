-- transactions: pins TransactWriteItems and TransactGetItems.
-- TransactWriteItems applies its ConditionCheck/Put/Update/Delete actions
-- all together or not at all: the seeds' example (create the
-- FAVOURITE#484295 item and set #Items[0].Favourite on the order, guarded
-- by #Items[0].Id = :ItemId) succeeds once and, with a wrong ItemId, is
-- cancelled as a whole.  A cancellation is TransactionCanceledException
-- (SQLSTATE DY003, "Transaction cancelled, please refer cancellation
-- reasons for specific reasons [None, ConditionalCheckFailed]") with the
-- CancellationReasons list, one entry per action in request order, as JSON
-- in the error's DETAIL: every failing condition is reported, passing
-- actions are {"Code":"None"}, and ReturnValuesOnConditionCheckFailure
-- ALL_OLD adds the old item (none when the item does not exist).
-- ClientRequestToken makes a retry harmless: the same token and request
-- return {} without applying again (proved with a counter, ADD n :one);
-- the same token with another request is IdempotentParameterMismatch
-- (DY006).  TransactGetItems answers positionally, {} for a missing item,
-- with a projection per Get.  Bad input is refused whole, with DynamoDB's
-- messages.  Unlike DynamoDB, both compose with the caller's SQL
-- transaction.  Tables start with Txn.

SELECT dyn_create_table('{"TableName": "TxnOrders",
  "AttributeDefinitions": [{"AttributeName": "CustomerId", "AttributeType": "S"},
                           {"AttributeName": "SK", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "CustomerId", "KeyType": "HASH"},
                {"AttributeName": "SK", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableName}' AS created;
SELECT dyn_create_table('{"TableName": "TxnThings",
  "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableName}' AS created;

-- every item of the Txn tables, sorted, one row per item
CREATE FUNCTION txn_items() RETURNS TABLE (table_name text, item jsonb) LANGUAGE sql AS $$
    SELECT t, i
      FROM unnest(ARRAY['TxnOrders', 'TxnThings']) AS t,
           jsonb_array_elements(dyn_scan(jsonb_build_object('TableName', t)) -> 'Items') AS i
     ORDER BY t, i::text
$$;
-- a snapshot of all items, and whether the tables still hold exactly it
CREATE TABLE txn_before (table_name text, item jsonb);
CREATE FUNCTION txn_snapshot() RETURNS void LANGUAGE sql AS $$
    DELETE FROM txn_before;
    INSERT INTO txn_before SELECT * FROM txn_items();
$$;
CREATE FUNCTION txn_unchanged() RETURNS boolean LANGUAGE sql AS $$
    SELECT NOT EXISTS (SELECT * FROM txn_items() EXCEPT SELECT * FROM txn_before)
       AND NOT EXISTS (SELECT * FROM txn_before EXCEPT SELECT * FROM txn_items())
$$;
-- the order of the seeds, and its favourite items
CREATE FUNCTION txn_order() RETURNS jsonb LANGUAGE sql AS $$
    SELECT dyn_get_item('{"TableName": "TxnOrders", "Key": {"CustomerId": {"S": "7970241400"},
                          "SK": {"S": "2025-03-01#2121195"}}}')
$$;
CREATE FUNCTION txn_favourites() RETURNS TABLE (item jsonb) LANGUAGE sql AS $$
    SELECT i FROM jsonb_array_elements(dyn_query('{"TableName": "TxnOrders",
        "KeyConditionExpression": "CustomerId = :c AND begins_with(SK, :f)",
        "ExpressionAttributeValues": {":c": {"S": "7970241400"}, ":f": {"S": "FAVOURITE#"}}}'::jsonb) -> 'Items') AS i
$$;

-- the order before: one order with two line items, neither a favourite
SELECT dyn_put_item('{"TableName": "TxnOrders", "Item": {
  "CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"},
  "OrderId": {"S": "2121195"}, "DeliveryDate": {"S": "2025-03-21"},
  "Items": {"L": [
    {"M": {"Id": {"S": "484295"}, "Name": {"S": "Eggs"}, "Price": {"S": "2.99"}}},
    {"M": {"Id": {"S": "100200"}, "Name": {"S": "Milk"}, "Price": {"S": "1.49"}}}]}}}');

-- =====================================================================
-- The seeds' TransactWriteItems, verbatim: create the favourite item and
-- mark the order's first item as favourite, in one transaction
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Put": {"TableName": "TxnOrders", "Item": {
     "CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"},
     "ItemId": {"S": "484295"}, "ItemPrice": {"S": "2.99"}, "ItemName": {"S": "Eggs"},
     "ItemDescription": {"S": "Free Range Eggs"}, "ItemCategory": {"S": "Fresh"}}}},
  {"Update": {"TableName": "TxnOrders",
     "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"}},
     "UpdateExpression": "Set #Items[0].Favourite = :Favourite",
     "ExpressionAttributeNames": {"#Items": "Items"},
     "ExpressionAttributeValues": {":Favourite": {"BOOL": true}, ":ItemId": {"S": "484295"}},
     "ConditionExpression": "#Items[0].Id = :ItemId"}}]}');
SELECT txn_order();
SELECT * FROM txn_favourites();

-- a second run for another item whose ItemId is not the order's first
-- item: the condition fails, so the Put is cancelled too
SELECT txn_snapshot();
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Put": {"TableName": "TxnOrders", "Item": {
     "CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#100200"},
     "ItemId": {"S": "100200"}, "ItemPrice": {"S": "1.49"}, "ItemName": {"S": "Milk"}}}},
  {"Update": {"TableName": "TxnOrders",
     "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"}},
     "UpdateExpression": "Set #Items[0].Favourite = :Favourite",
     "ExpressionAttributeNames": {"#Items": "Items"},
     "ExpressionAttributeValues": {":Favourite": {"BOOL": true}, ":ItemId": {"S": "100200"}},
     "ConditionExpression": "#Items[0].Id = :ItemId"}}]}');
\echo :LAST_ERROR_SQLSTATE
-- neither item changed: no FAVOURITE#100200, the order as before
SELECT txn_unchanged();
SELECT * FROM txn_favourites();
SELECT txn_order();
-- the same with ReturnValuesOnConditionCheckFailure ALL_OLD: the order
-- that failed the condition is in its reason
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Put": {"TableName": "TxnOrders", "Item": {
     "CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#100200"}, "ItemId": {"S": "100200"}}}},
  {"Update": {"TableName": "TxnOrders",
     "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"}},
     "UpdateExpression": "Set #Items[0].Favourite = :Favourite",
     "ExpressionAttributeNames": {"#Items": "Items"},
     "ExpressionAttributeValues": {":Favourite": {"BOOL": true}, ":ItemId": {"S": "100200"}},
     "ConditionExpression": "#Items[0].Id = :ItemId",
     "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT txn_unchanged();

-- =====================================================================
-- ConditionCheck: guards other writes without writing itself
SELECT dyn_batch_write_item('{"RequestItems": {"TxnThings": [
  {"PutRequest": {"Item": {"id": {"N": "1"}, "status": {"S": "open"}, "qty": {"N": "5"}}}},
  {"PutRequest": {"Item": {"id": {"N": "2"}, "status": {"S": "closed"}}}},
  {"PutRequest": {"Item": {"id": {"N": "3"}, "tags": {"SS": ["a", "b"]}}}}]}}');
-- passes: item 1 is open, so item 10 is created and item 2 deleted
SELECT dyn_transact_write_items('{"TransactItems": [
  {"ConditionCheck": {"TableName": "TxnThings", "Key": {"id": {"N": "1"}},
     "ConditionExpression": "#s = :open", "ExpressionAttributeNames": {"#s": "status"},
     "ExpressionAttributeValues": {":open": {"S": "open"}}}},
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "10"}, "from": {"N": "1"}}}},
  {"Delete": {"TableName": "TxnThings", "Key": {"id": {"N": "2"}}}}]}');
SELECT * FROM txn_items() WHERE table_name = 'TxnThings';
-- fails: nothing is written, the ConditionCheck's reason is reported
SELECT txn_snapshot();
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "11"}}}},
  {"ConditionCheck": {"TableName": "TxnThings", "Key": {"id": {"N": "1"}},
     "ConditionExpression": "qty > :q", "ExpressionAttributeValues": {":q": {"N": "5"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT txn_unchanged();
-- a transaction of ConditionChecks only is allowed and writes nothing;
-- a ConditionCheck on a missing item sees no attributes
SELECT dyn_transact_write_items('{"TransactItems": [
  {"ConditionCheck": {"TableName": "TxnThings", "Key": {"id": {"N": "1"}},
     "ConditionExpression": "attribute_exists(id)"}},
  {"ConditionCheck": {"TableName": "TxnThings", "Key": {"id": {"N": "404"}},
     "ConditionExpression": "attribute_not_exists(id)"}},
  {"ConditionCheck": {"TableName": "TxnOrders",
     "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"}},
     "ConditionExpression": "ItemName = :n", "ExpressionAttributeValues": {":n": {"S": "Eggs"}}}}]}');
SELECT txn_unchanged();
-- Update with attribute_exists on a missing key is ConditionalCheckFailed
-- and creates nothing; with attribute_not_exists it creates the item
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Update": {"TableName": "TxnThings", "Key": {"id": {"N": "20"}}, "UpdateExpression": "SET v = :v",
     "ConditionExpression": "attribute_exists(id)", "ExpressionAttributeValues": {":v": {"N": "1"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT txn_unchanged();
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Update": {"TableName": "TxnThings", "Key": {"id": {"N": "20"}}, "UpdateExpression": "SET v = :v",
     "ConditionExpression": "attribute_not_exists(id)", "ExpressionAttributeValues": {":v": {"N": "1"}}}}]}');
SELECT dyn_get_item('{"TableName": "TxnThings", "Key": {"id": {"N": "20"}}}');

-- =====================================================================
-- several failing conditions are all reported (no short circuit); the
-- passing Put in between is "None"; ALL_OLD adds the old item to its reason
-- (Put, Update, Delete and ConditionCheck), but not for a missing item, and
-- NONE adds nothing
SELECT txn_snapshot();
SELECT dyn_transact_write_items('{"TransactItems": [
  {"ConditionCheck": {"TableName": "TxnThings", "Key": {"id": {"N": "1"}},
     "ConditionExpression": "qty > :q", "ExpressionAttributeValues": {":q": {"N": "100"}},
     "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "12"}}}},
  {"Delete": {"TableName": "TxnThings", "Key": {"id": {"N": "404"}},
     "ConditionExpression": "attribute_exists(id)", "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
  {"Update": {"TableName": "TxnThings", "Key": {"id": {"N": "3"}}, "UpdateExpression": "ADD tags :t",
     "ConditionExpression": "contains(tags, :c)",
     "ExpressionAttributeValues": {":t": {"SS": ["c"]}, ":c": {"S": "z"}},
     "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "10"}, "replaced": {"BOOL": true}},
     "ConditionExpression": "attribute_not_exists(id)", "ReturnValuesOnConditionCheckFailure": "NONE"}},
  {"Put": {"TableName": "TxnOrders", "Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"}},
     "ConditionExpression": "attribute_not_exists(SK)", "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT txn_unchanged();
-- a failing condition on a Put that would have created a new item
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "13"}},
     "ConditionExpression": "attribute_exists(id)", "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT txn_unchanged();

-- =====================================================================
-- ClientRequestToken: a counter item, ADD n :one under a token
SELECT dyn_transact_write_items('{"ClientRequestToken": "txn-token-1", "TransactItems": [
  {"Update": {"TableName": "TxnThings", "Key": {"id": {"N": "100"}}, "UpdateExpression": "ADD n :one",
     "ExpressionAttributeValues": {":one": {"N": "1"}}}}]}');
SELECT dyn_get_item('{"TableName": "TxnThings", "Key": {"id": {"N": "100"}}}');
-- the retry answers {} and does not apply again: n stays 1
SELECT dyn_transact_write_items('{"ClientRequestToken": "txn-token-1", "TransactItems": [
  {"Update": {"TableName": "TxnThings", "Key": {"id": {"N": "100"}}, "UpdateExpression": "ADD n :one",
     "ExpressionAttributeValues": {":one": {"N": "1"}}}}]}');
-- the order of members in the JSON does not make it another request
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Update": {"ExpressionAttributeValues": {":one": {"N": "1"}}, "UpdateExpression": "ADD n :one",
     "Key": {"id": {"N": "100"}}, "TableName": "TxnThings"}}], "ClientRequestToken": "txn-token-1"}');
SELECT dyn_get_item('{"TableName": "TxnThings", "Key": {"id": {"N": "100"}}}');
-- the same token with another request: IdempotentParameterMismatchException
SELECT dyn_transact_write_items('{"ClientRequestToken": "txn-token-1", "TransactItems": [
  {"Update": {"TableName": "TxnThings", "Key": {"id": {"N": "100"}}, "UpdateExpression": "ADD n :one",
     "ExpressionAttributeValues": {":one": {"N": "5"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_write_items('{"ClientRequestToken": "txn-token-1", "TransactItems": [
  {"Update": {"TableName": "TxnThings", "Key": {"id": {"N": "101"}}, "UpdateExpression": "ADD n :one",
     "ExpressionAttributeValues": {":one": {"N": "1"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "TxnThings", "Key": {"id": {"N": "100"}}}');
SELECT dyn_get_item('{"TableName": "TxnThings", "Key": {"id": {"N": "101"}}}');
-- a new token applies again, and so does every request without a token: n = 4
SELECT dyn_transact_write_items('{"ClientRequestToken": "txn-token-2", "TransactItems": [
  {"Update": {"TableName": "TxnThings", "Key": {"id": {"N": "100"}}, "UpdateExpression": "ADD n :one",
     "ExpressionAttributeValues": {":one": {"N": "1"}}}}]}');
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Update": {"TableName": "TxnThings", "Key": {"id": {"N": "100"}}, "UpdateExpression": "ADD n :one",
     "ExpressionAttributeValues": {":one": {"N": "1"}}}}]}');
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Update": {"TableName": "TxnThings", "Key": {"id": {"N": "100"}}, "UpdateExpression": "ADD n :one",
     "ExpressionAttributeValues": {":one": {"N": "1"}}}}]}');
SELECT dyn_get_item('{"TableName": "TxnThings", "Key": {"id": {"N": "100"}}}');
-- a token is 1 to 36 characters
SELECT dyn_transact_write_items('{"ClientRequestToken": "", "TransactItems": [
  {"Update": {"TableName": "TxnThings", "Key": {"id": {"N": "100"}}, "UpdateExpression": "ADD n :one",
     "ExpressionAttributeValues": {":one": {"N": "1"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_write_items('{"ClientRequestToken": "0123456789abcdef0123456789abcdef01234", "TransactItems": [
  {"Update": {"TableName": "TxnThings", "Key": {"id": {"N": "100"}}, "UpdateExpression": "ADD n :one",
     "ExpressionAttributeValues": {":one": {"N": "1"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_write_items('{"ClientRequestToken": "0123456789abcdef0123456789abcdef0123", "TransactItems": [
  {"Update": {"TableName": "TxnThings", "Key": {"id": {"N": "100"}}, "UpdateExpression": "ADD n :one",
     "ExpressionAttributeValues": {":one": {"N": "1"}}}}]}');
SELECT dyn_get_item('{"TableName": "TxnThings", "Key": {"id": {"N": "100"}}}');

-- =====================================================================
-- TransactGetItems: one answer per Get, in request order, over two
-- tables; a missing item is {}; a projection per Get (a nested path with a
-- list index; an item with none of the projected attributes is {"Item": {}})
SELECT r.ord, r.answer
  FROM jsonb_array_elements(dyn_transact_get_items('{"TransactItems": [
    {"Get": {"TableName": "TxnThings", "Key": {"id": {"N": "100"}}}},
    {"Get": {"TableName": "TxnThings", "Key": {"id": {"N": "404"}}}},
    {"Get": {"TableName": "TxnOrders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"}},
             "ProjectionExpression": "#i[0].Favourite, #i[1].#n, OrderId",
             "ExpressionAttributeNames": {"#i": "Items", "#n": "Name"}}},
    {"Get": {"TableName": "TxnThings", "Key": {"id": {"N": "1"}}, "ProjectionExpression": "nothere"}},
    {"Get": {"TableName": "TxnOrders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"}},
             "ProjectionExpression": "ItemName, ItemId"}},
    {"Get": {"TableName": "TxnThings", "Key": {"id": {"N": "3"}}}}]}') -> 'Responses')
       WITH ORDINALITY AS r(answer, ord);
-- bad input: no Gets, 101 Gets, an entry without Get, the same item twice,
-- an unknown table (even next to valid Gets)
SELECT dyn_transact_get_items('{"TransactItems": []}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_get_items(jsonb_build_object('TransactItems',
    (SELECT jsonb_agg(jsonb_build_object('Get', jsonb_build_object('TableName', 'TxnThings',
         'Key', jsonb_build_object('id', jsonb_build_object('N', i::text))))) FROM generate_series(1, 101) i)));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_get_items('{"TransactItems": [{}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_get_items('{"TransactItems": [
  {"Get": {"TableName": "TxnThings", "Key": {"id": {"N": "1"}}}},
  {"Get": {"TableName": "TxnThings", "Key": {"id": {"N": "1.0"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_get_items('{"TransactItems": [
  {"Get": {"TableName": "TxnThings", "Key": {"id": {"N": "1"}}}},
  {"Get": {"TableName": "TxnNoSuchTable", "Key": {"id": {"N": "1"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
-- a key that does not match the schema cancels the read (NUBO: a
-- TransactionCanceledException with a ValidationError reason)
SELECT dyn_transact_get_items('{"TransactItems": [{"Get": {"TableName": "TxnThings", "Key": {}}}]}');
\echo :LAST_ERROR_SQLSTATE

-- =====================================================================
-- bad TransactWriteItems input; nothing is ever written
SELECT txn_snapshot();
-- TransactItems missing, empty, over 100
SELECT dyn_transact_write_items('{"ClientRequestToken": "bad-1"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_write_items('{"TransactItems": []}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_write_items(jsonb_build_object('TransactItems',
    (SELECT jsonb_agg(jsonb_build_object('Put', jsonb_build_object('TableName', 'TxnThings',
         'Item', jsonb_build_object('id', jsonb_build_object('N', (1000 + i)::text))))) FROM generate_series(1, 101) i)));
\echo :LAST_ERROR_SQLSTATE
SELECT txn_unchanged();
-- exactly 100 actions are allowed (written, then deleted again)
SELECT dyn_transact_write_items(jsonb_build_object('TransactItems',
    (SELECT jsonb_agg(jsonb_build_object('Put', jsonb_build_object('TableName', 'TxnThings',
         'Item', jsonb_build_object('id', jsonb_build_object('N', (1000 + i)::text))))) FROM generate_series(1, 100) i)));
SELECT count(*) AS things FROM txn_items() WHERE table_name = 'TxnThings';
SELECT dyn_transact_write_items(jsonb_build_object('TransactItems',
    (SELECT jsonb_agg(jsonb_build_object('Delete', jsonb_build_object('TableName', 'TxnThings',
         'Key', jsonb_build_object('id', jsonb_build_object('N', (1000 + i)::text))))) FROM generate_series(1, 100) i)));
SELECT txn_unchanged();

-- an action with none of Put/Update/Delete/ConditionCheck, or with two
SELECT dyn_transact_write_items('{"TransactItems": [{"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "30"}}}}, {}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_write_items('{"TransactItems": [{"Get": {"TableName": "TxnThings", "Key": {"id": {"N": "1"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "30"}}},
   "Delete": {"TableName": "TxnThings", "Key": {"id": {"N": "1"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_write_items('{"TransactItems": [
  {"ConditionCheck": {"TableName": "TxnThings", "Key": {"id": {"N": "1"}}, "ConditionExpression": "attribute_exists(id)"},
   "Update": {"TableName": "TxnThings", "Key": {"id": {"N": "30"}}, "UpdateExpression": "SET a = :a",
              "ExpressionAttributeValues": {":a": {"N": "1"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT txn_unchanged();

-- two actions on the same item, in any mix (number spelling and key
-- attribute order do not matter); the same key in two tables is fine
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "1"}, "x": {"S": "y"}}}},
  {"Delete": {"TableName": "TxnThings", "Key": {"id": {"N": "1.0"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_write_items('{"TransactItems": [
  {"ConditionCheck": {"TableName": "TxnThings", "Key": {"id": {"N": "1"}}, "ConditionExpression": "attribute_exists(id)"}},
  {"Update": {"TableName": "TxnThings", "Key": {"id": {"N": "1"}}, "UpdateExpression": "SET a = :a",
              "ExpressionAttributeValues": {":a": {"N": "1"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_write_items('{"TransactItems": [
  {"ConditionCheck": {"TableName": "TxnOrders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"}},
     "ConditionExpression": "attribute_exists(SK)"}},
  {"ConditionCheck": {"TableName": "TxnOrders", "Key": {"SK": {"S": "FAVOURITE#484295"}, "CustomerId": {"S": "7970241400"}},
     "ConditionExpression": "attribute_exists(ItemId)"}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT txn_unchanged();
-- an unknown table wins over duplicates
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "1"}}}},
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "1"}}}},
  {"Put": {"TableName": "TxnNoSuchTable", "Item": {"id": {"N": "1"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
-- an unknown table next to valid actions
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "30"}}}},
  {"ConditionCheck": {"TableName": "TxnNoSuchTable", "Key": {"id": {"N": "1"}}, "ConditionExpression": "attribute_exists(id)"}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT txn_unchanged();

-- ConditionCheck without ConditionExpression: the member is required
SELECT dyn_transact_write_items('{"TransactItems": [
  {"ConditionCheck": {"TableName": "TxnThings", "Key": {"id": {"N": "1"}}}}]}');
\echo :LAST_ERROR_SQLSTATE

-- malformed action objects
-- an action that is not an object, TransactItems that is not a list, an
-- action member that is not an object (SerializationException)
SELECT dyn_transact_write_items('{"TransactItems": ["Put"]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_write_items('{"TransactItems": {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "30"}}}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_write_items('{"TransactItems": [{"Put": "TxnThings"}]}');
\echo :LAST_ERROR_SQLSTATE
-- required members missing: the constraint names the member's path
SELECT dyn_transact_write_items('{"TransactItems": [{"Put": {"Item": {"id": {"N": "30"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_write_items('{"TransactItems": [{"Put": {"TableName": "TxnThings"}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "30"}}}},
  {"Delete": {"TableName": "TxnThings"}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Update": {"TableName": "TxnThings", "Key": {"id": {"N": "31"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
-- a bad ReturnValuesOnConditionCheckFailure
SELECT dyn_transact_write_items('{"TransactItems": [
  {"ConditionCheck": {"TableName": "TxnThings", "Key": {"id": {"N": "1"}},
     "ConditionExpression": "attribute_exists(id)", "ReturnValuesOnConditionCheckFailure": "dog"}}]}');
\echo :LAST_ERROR_SQLSTATE
-- an invalid value, and an expression error, inside one action fail the whole request
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "30"}}}},
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "31"}, "s": {"SS": []}}}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "30"}}}},
  {"Update": {"TableName": "TxnThings", "Key": {"id": {"N": "31"}}, "UpdateExpression": "SET a = :a",
     "ExpressionAttributeValues": {":a": {"N": "1"}, ":unused": {"N": "2"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
-- a key of the wrong type needs the table's schema: it cancels the
-- transaction with a ValidationError reason (NUBO)
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "30"}}}},
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"S": "31"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "30"}}}},
  {"Delete": {"TableName": "TxnThings", "Key": {"id": {"S": "1"}}}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT txn_unchanged();

-- a request over 4 MB: 12 Puts of 350 KB each
SELECT dyn_transact_write_items(jsonb_build_object('TransactItems',
    (SELECT jsonb_agg(jsonb_build_object('Put', jsonb_build_object('TableName', 'TxnThings',
         'Item', jsonb_build_object('id', jsonb_build_object('N', (2000 + i)::text),
                                    'pad', jsonb_build_object('S', repeat('x', 350 * 1024))))))
       FROM generate_series(1, 12) i)));
\echo :LAST_ERROR_SQLSTATE
SELECT txn_unchanged();
-- 10 such Puts (3.5 MB) are allowed; deleting them is a small request
SELECT dyn_transact_write_items(jsonb_build_object('TransactItems',
    (SELECT jsonb_agg(jsonb_build_object('Put', jsonb_build_object('TableName', 'TxnThings',
         'Item', jsonb_build_object('id', jsonb_build_object('N', (2000 + i)::text),
                                    'pad', jsonb_build_object('S', repeat('x', 350 * 1024))))))
       FROM generate_series(1, 10) i)));
SELECT count(*) AS big_items FROM generate_series(2001, 2010) AS i
 WHERE dyn_get_item(jsonb_build_object('TableName', 'TxnThings', 'Key',
           jsonb_build_object('id', jsonb_build_object('N', i::text)), 'ProjectionExpression', 'id')) ? 'Item';
SELECT dyn_transact_write_items(jsonb_build_object('TransactItems',
    (SELECT jsonb_agg(jsonb_build_object('Delete', jsonb_build_object('TableName', 'TxnThings',
         'Key', jsonb_build_object('id', jsonb_build_object('N', (2000 + i)::text)))))
       FROM generate_series(1, 10) i)));
SELECT txn_unchanged();

-- =====================================================================
-- Composition with the caller's SQL transaction.  DynamoDB cannot do
-- this: a TransactWriteItems there is its own unit, it cannot be combined
-- with other calls or undone afterwards.  Here it is part of the
-- surrounding Postgres transaction: it sees that transaction's earlier
-- writes, and ROLLBACK undoes it together with them.
SELECT txn_snapshot();
BEGIN;
SELECT dyn_put_item('{"TableName": "TxnThings", "Item": {"id": {"N": "40"}, "state": {"S": "new"}}}');
-- the condition sees item 40, written earlier in this SQL transaction
SELECT dyn_transact_write_items('{"TransactItems": [
  {"ConditionCheck": {"TableName": "TxnThings", "Key": {"id": {"N": "40"}},
     "ConditionExpression": "#s = :new", "ExpressionAttributeNames": {"#s": "state"},
     "ExpressionAttributeValues": {":new": {"S": "new"}}}},
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "41"}}}},
  {"Update": {"TableName": "TxnThings", "Key": {"id": {"N": "100"}}, "UpdateExpression": "ADD n :one",
     "ExpressionAttributeValues": {":one": {"N": "1"}}}}]}');
SELECT dyn_transact_get_items('{"TransactItems": [
  {"Get": {"TableName": "TxnThings", "Key": {"id": {"N": "40"}}}},
  {"Get": {"TableName": "TxnThings", "Key": {"id": {"N": "41"}}}},
  {"Get": {"TableName": "TxnThings", "Key": {"id": {"N": "100"}}, "ProjectionExpression": "n"}}]}');
ROLLBACK;
-- everything is gone: no item 40 or 41, the counter as before
SELECT txn_unchanged();
-- the same with COMMIT: everything stays
BEGIN;
SELECT dyn_put_item('{"TableName": "TxnThings", "Item": {"id": {"N": "40"}, "state": {"S": "new"}}}');
SELECT dyn_transact_write_items('{"TransactItems": [
  {"ConditionCheck": {"TableName": "TxnThings", "Key": {"id": {"N": "40"}},
     "ConditionExpression": "#s = :new", "ExpressionAttributeNames": {"#s": "state"},
     "ExpressionAttributeValues": {":new": {"S": "new"}}}},
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "41"}}}},
  {"Update": {"TableName": "TxnThings", "Key": {"id": {"N": "100"}}, "UpdateExpression": "ADD n :one",
     "ExpressionAttributeValues": {":one": {"N": "1"}}}}]}');
COMMIT;
SELECT * FROM txn_items() WHERE item->'id'->>'N' IN ('40', '41', '100');
-- a cancelled TransactWriteItems aborts the SQL transaction like any
-- error: the earlier put is lost too, COMMIT becomes ROLLBACK
SELECT txn_snapshot();
BEGIN;
SELECT dyn_put_item('{"TableName": "TxnThings", "Item": {"id": {"N": "42"}}}');
SELECT dyn_transact_write_items('{"TransactItems": [
  {"ConditionCheck": {"TableName": "TxnThings", "Key": {"id": {"N": "42"}}, "ConditionExpression": "attribute_exists(nothere)"}}]}');
\echo :LAST_ERROR_SQLSTATE
COMMIT;
SELECT txn_unchanged();
-- ... unless a savepoint catches it
BEGIN;
SELECT dyn_put_item('{"TableName": "TxnThings", "Item": {"id": {"N": "42"}}}');
SAVEPOINT before_txn;
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Put": {"TableName": "TxnThings", "Item": {"id": {"N": "43"}}}},
  {"ConditionCheck": {"TableName": "TxnThings", "Key": {"id": {"N": "42"}}, "ConditionExpression": "attribute_exists(nothere)"}}]}');
\echo :LAST_ERROR_SQLSTATE
ROLLBACK TO SAVEPOINT before_txn;
COMMIT;
SELECT * FROM txn_items() WHERE item->'id'->>'N' IN ('42', '43');

SELECT dyn_delete_table(jsonb_build_object('TableName', t)) #>> '{TableDescription,TableStatus}' AS status
  FROM unnest(ARRAY['TxnOrders', 'TxnThings']) AS t;
DROP TABLE txn_before;
DROP FUNCTION txn_unchanged(), txn_snapshot(), txn_items(), txn_order(), txn_favourites();
