-- update_item: pins UpdateItem as DynamoDB runs it, starting from the seeds'
-- example on the grocery Orders table (partition key CustomerId, sort key
-- SK; an order's Items is a list of maps with Id and Favourite):
-- "SET #Items[0].Favourite = :Favourite" guarded by "#Items[0].Id = :ItemId"
-- succeeds with the right ItemId and fails (DY002, item unchanged) with a
-- wrong one.  Then every UpdateItem behaviour: SET of top-level and nested
-- paths; SET of a list index past the end appends (several in ascending
-- index order); SET with + and - (decimal, 38 digits, overflow refused);
-- if_not_exists; list_append in both orders; REMOVE of top-level, nested and
-- list elements (indexes are the original positions, also mixed with SET);
-- REMOVE of a missing path is a no-op; ADD to numbers, missing attributes and
-- sets; DELETE from sets (an emptied set disappears); runtime type errors;
-- reading a missing attribute; paths whose parent is missing or of the wrong
-- type; all five ReturnValues, UPDATED_OLD and UPDATED_NEW on nested paths
-- and list elements; UpdateItem creating an item (and a REMOVE-only update
-- of a missing item creating nothing); the 400 KB limit after the update;
-- and GetItem with ProjectionExpression (nested paths, list elements
-- compacted in index order, missing paths omitted, {"Item": {}} when nothing
-- resolves, key attributes not added).  Set members are printed sorted:
-- DynamoDB keeps no set order.

SELECT dyn_create_table('{
  "TableName": "Orders",
  "AttributeDefinitions": [
    {"AttributeName": "CustomerId", "AttributeType": "S"},
    {"AttributeName": "SK", "AttributeType": "S"}],
  "KeySchema": [
    {"AttributeName": "CustomerId", "KeyType": "HASH"},
    {"AttributeName": "SK", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableName}' AS created;

-- set members in a fixed order for printing
CREATE FUNCTION upd_sorted(v jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF jsonb_typeof(v) = 'object' THEN
        RETURN (SELECT coalesce(jsonb_object_agg(k,
                    CASE WHEN k IN ('SS', 'NS', 'BS') AND jsonb_typeof(x) = 'array'
                         THEN (SELECT jsonb_agg(e ORDER BY e #>> '{}' COLLATE "C") FROM jsonb_array_elements(x) e)
                         ELSE upd_sorted(x) END), '{}')
                FROM jsonb_each(v) AS j(k, x));
    ELSIF jsonb_typeof(v) = 'array' THEN
        RETURN (SELECT coalesce(jsonb_agg(upd_sorted(e) ORDER BY i), '[]')
                FROM jsonb_array_elements(v) WITH ORDINALITY AS a(e, i));
    END IF;
    RETURN v;
END $$;

-- an item of the Orders table, set members sorted
CREATE FUNCTION upd_get(sk text) RETURNS jsonb LANGUAGE sql AS $$
    SELECT upd_sorted(dyn_get_item(jsonb_build_object('TableName', 'Orders',
        'Key', jsonb_build_object('CustomerId', '{"S": "7970241400"}'::jsonb,
                                  'SK', jsonb_build_object('S', sk)))))
$$;

SELECT dyn_put_item('{"TableName": "Orders", "Item": {
  "CustomerId": {"S": "7970241400"},
  "SK": {"S": "2025-03-01#2121195"},
  "OrderId": {"S": "2121195"},
  "OrderDate": {"S": "2025-03-01"},
  "OrderTotal": {"N": "7.49"},
  "Items": {"L": [
    {"M": {"Id": {"S": "484295"}, "Name": {"S": "Eggs"}, "Price": {"N": "2.99"}, "Favourite": {"BOOL": false}}},
    {"M": {"Id": {"S": "100231"}, "Name": {"S": "Sourdough"}, "Price": {"N": "4.50"}, "Favourite": {"BOOL": false}}}]}}}');

------------------------------------------------------------------------
-- The seeds' example: tag the first item of an order as a favourite
------------------------------------------------------------------------
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"}},
  "UpdateExpression": "Set #Items[0].Favourite = :Favourite",
  "ExpressionAttributeNames": {"#Items": "Items"},
  "ExpressionAttributeValues": {":Favourite": {"BOOL": true}, ":ItemId": {"S": "484295"}},
  "ConditionExpression": "#Items[0].Id = :ItemId",
  "ReturnValues": "UPDATED_NEW"}');
-- the favourite entity of the same transaction in the seeds
SELECT dyn_put_item('{"TableName": "Orders", "Item": {
  "CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"},
  "ItemId": {"S": "484295"}, "ItemPrice": {"S": "2.99"}, "ItemName": {"S": "Eggs"},
  "ItemDescription": {"S": "Free Range Eggs"}, "ItemCategory": {"S": "Fresh"}}}');
-- the wrong ItemId: the condition fails and nothing changes
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"}},
  "UpdateExpression": "Set #Items[0].Favourite = :Favourite",
  "ExpressionAttributeNames": {"#Items": "Items"},
  "ExpressionAttributeValues": {":Favourite": {"BOOL": false}, ":ItemId": {"S": "100231"}},
  "ConditionExpression": "#Items[0].Id = :ItemId"}');
\echo :LAST_ERROR_SQLSTATE
SELECT i - 1 AS idx, e #>> '{M,Id,S}' AS id, e #> '{M,Favourite,BOOL}' AS favourite
FROM jsonb_array_elements(upd_get('2025-03-01#2121195') #> '{Item,Items,L}') WITH ORDINALITY AS a(e, i)
ORDER BY i;
SELECT upd_get('FAVOURITE#484295');

------------------------------------------------------------------------
-- SET: top-level and nested paths
------------------------------------------------------------------------
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"}},
  "UpdateExpression": "SET DeliveryDate = :d, #Items[1].Qty = :q, Address = :a",
  "ExpressionAttributeNames": {"#Items": "Items"},
  "ExpressionAttributeValues": {":d": {"S": "2025-03-03"}, ":q": {"N": "2"},
    ":a": {"M": {"City": {"S": "Leeds"}, "Street": {"L": [{"S": "1 Main St"}]}}}},
  "ReturnValues": "UPDATED_NEW"}');
-- a new member of an existing map, and a member of a map in a list in a map
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"}},
  "UpdateExpression": "SET Address.Zip = :z, Address.Street[0] = :l",
  "ExpressionAttributeValues": {":z": {"S": "LS1"}, ":l": {"S": "2 Main St"}},
  "ReturnValues": "UPDATED_NEW"}');
-- every right-hand side reads the old item: a and b swap
SELECT dyn_put_item('{"TableName": "Orders", "Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SWAP"},
  "a": {"S": "A"}, "b": {"S": "B"}}}');
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SWAP"}},
  "UpdateExpression": "SET a = b, b = a", "ReturnValues": "ALL_NEW"}');

------------------------------------------------------------------------
-- Lists: SET past the end appends; REMOVE uses the original positions
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "Orders", "Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "LIST"},
  "nums": {"L": [{"N": "2"}, {"N": "3"}, {"N": "4"}, {"N": "5"}, {"N": "6"}, {"N": "7"}]}}}');
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "LIST"}},
  "UpdateExpression": "SET nums[10] = :v", "ExpressionAttributeValues": {":v": {"N": "8"}},
  "ReturnValues": "ALL_NEW"}') #> '{Attributes,nums}' AS nums;
-- several past the end: appended in ascending index order
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "LIST"}},
  "UpdateExpression": "SET nums[84] = :a84, nums[37] = :a37, nums[17] = :a17, nums[50] = :a50",
  "ExpressionAttributeValues": {":a84": {"S": "a84"}, ":a37": {"S": "a37"}, ":a17": {"S": "a17"}, ":a50": {"S": "a50"}},
  "ReturnValues": "ALL_NEW"}') #> '{Attributes,nums}' AS nums;
-- REMOVE a[1] SET a[3]: both indexes refer to [2,3,4,5,6,7]
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "LIST"}},
  "UpdateExpression": "SET nums = :orig", "ExpressionAttributeValues": {":orig":
    {"L": [{"N": "2"}, {"N": "3"}, {"N": "4"}, {"N": "5"}, {"N": "6"}, {"N": "7"}]}}}');
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "LIST"}},
  "UpdateExpression": "REMOVE nums[1] SET nums[3] = :v", "ExpressionAttributeValues": {":v": {"N": "17"}},
  "ReturnValues": "ALL_NEW"}') #> '{Attributes,nums}' AS nums;
-- the same in the other clause order
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "LIST"}},
  "UpdateExpression": "SET nums = :orig", "ExpressionAttributeValues": {":orig":
    {"L": [{"N": "2"}, {"N": "3"}, {"N": "4"}, {"N": "5"}, {"N": "6"}, {"N": "7"}]}}}');
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "LIST"}},
  "UpdateExpression": "SET nums[3] = :v REMOVE nums[1]", "ExpressionAttributeValues": {":v": {"N": "17"}},
  "ReturnValues": "ALL_NEW"}') #> '{Attributes,nums}' AS nums;
-- two removals, a removal past the end (a no-op)
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "LIST"}},
  "UpdateExpression": "REMOVE nums[0], nums[2], nums[9]",
  "ReturnValues": "ALL_NEW"}') #> '{Attributes,nums}' AS nums;

------------------------------------------------------------------------
-- REMOVE: top-level, nested, missing paths; emptied maps and lists stay
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "Orders", "Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "REMOVE"},
  "a": {"S": "x"}, "m": {"M": {"k": {"S": "v"}}}, "l": {"L": [{"S": "only"}]}, "keep": {"N": "1"}}}');
-- a path below a number cannot be removed: the whole update is refused
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "REMOVE"}},
  "UpdateExpression": "REMOVE a, m.k, l[0], gone, m.gone, keep.gone2",
  "ReturnValues": "ALL_NEW"}');
\echo :LAST_ERROR_SQLSTATE
-- missing leaves (gone, m.gone) are no-ops; the emptied map and list stay
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "REMOVE"}},
  "UpdateExpression": "REMOVE a, m.k, l[0], gone, m.gone",
  "ReturnValues": "ALL_NEW"}');

------------------------------------------------------------------------
-- SET with + and -: decimal arithmetic to 38 digits
------------------------------------------------------------------------
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"}},
  "UpdateExpression": "SET OrderTotal = OrderTotal + :p, Discount = :a - :b",
  "ExpressionAttributeValues": {":p": {"N": "0.01"}, ":a": {"N": "1"}, ":b": {"N": "3"}},
  "ReturnValues": "UPDATED_NEW"}');
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"}},
  "UpdateExpression": "SET OrderTotal = OrderTotal - :p",
  "ExpressionAttributeValues": {":p": {"N": "7.5"}},
  "ReturnValues": "UPDATED_NEW"}');
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "MATH"}},
  "UpdateExpression": "SET big = :big + :one, tenths = :tenth + :twotenths, exact = :x - :y",
  "ExpressionAttributeValues": {":big": {"N": "12345678901234567890123456789012345678"}, ":one": {"N": "1"},
    ":tenth": {"N": "0.1"}, ":twotenths": {"N": "0.2"},
    ":x": {"N": "1.0000000000000000000000000000000000001"}, ":y": {"N": "0.0000000000000000000000000000000000001"}},
  "ReturnValues": "UPDATED_NEW"}');
-- a result beyond 9.99...E+125 is refused; nothing changes
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "MATH"}},
  "UpdateExpression": "SET big = :max + :max",
  "ExpressionAttributeValues": {":max": {"N": "9.9999999999999999999999999999999999999E+125"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT upd_get('MATH');

------------------------------------------------------------------------
-- if_not_exists and list_append
------------------------------------------------------------------------
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"}},
  "UpdateExpression": "SET ViewCount = if_not_exists(ViewCount, :zero) + :one, OrderDate = if_not_exists(OrderDate, :d)",
  "ExpressionAttributeValues": {":zero": {"N": "0"}, ":one": {"N": "1"}, ":d": {"S": "1999-01-01"}},
  "ReturnValues": "UPDATED_NEW"}');
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"}},
  "UpdateExpression": "SET ViewCount = if_not_exists(ViewCount, :zero) + :one",
  "ExpressionAttributeValues": {":zero": {"N": "0"}, ":one": {"N": "1"}},
  "ReturnValues": "UPDATED_NEW"}');
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "LIST"}},
  "UpdateExpression": "SET nums = list_append(nums, :tail)",
  "ExpressionAttributeValues": {":tail": {"L": [{"S": "t1"}, {"S": "t2"}]}},
  "ReturnValues": "UPDATED_NEW"}');
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "LIST"}},
  "UpdateExpression": "SET nums = list_append(:head, nums)",
  "ExpressionAttributeValues": {":head": {"L": [{"S": "h1"}]}},
  "ReturnValues": "UPDATED_NEW"}');
-- list_append of a missing list; of a number
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "LIST"}},
  "UpdateExpression": "SET nums = list_append(gone, :tail)",
  "ExpressionAttributeValues": {":tail": {"L": [{"S": "t3"}]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "2025-03-01#2121195"}},
  "UpdateExpression": "SET OrderTotal = list_append(OrderTotal, :tail)",
  "ExpressionAttributeValues": {":tail": {"L": [{"S": "t3"}]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT upd_get('LIST') #> '{Item,nums}' AS nums;

------------------------------------------------------------------------
-- ADD and DELETE
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "Orders", "Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"},
  "n": {"N": "5"}, "tags": {"SS": ["b", "a"]}, "codes": {"NS": ["1", "2"]}, "bins": {"BS": ["AQ=="]},
  "s": {"S": "text"}, "m": {"M": {"count": {"N": "1"}}}}}');
SELECT upd_sorted(dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"}},
  "UpdateExpression": "ADD n :n, fresh :n, tags :t, codes :c, bins :b, newset :t, m.#c :n",
  "ExpressionAttributeNames": {"#c": "count"},
  "ExpressionAttributeValues": {":n": {"N": "-1.5"}, ":t": {"SS": ["c", "a"]}, ":c": {"NS": ["2", "3.0"]},
    ":b": {"BS": ["Ag==", "AQ=="]}},
  "ReturnValues": "UPDATED_NEW"}'));
SELECT upd_sorted(dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"}},
  "UpdateExpression": "DELETE tags :t, codes :c, gone :t, newset :all",
  "ExpressionAttributeValues": {":t": {"SS": ["a", "zz"]}, ":c": {"NS": ["1"]}, ":all": {"SS": ["a", "c"]}},
  "ReturnValues": "UPDATED_NEW"}'));
SELECT upd_get('SETS');
-- type mismatches at run time
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"}},
  "UpdateExpression": "ADD tags :n", "ExpressionAttributeValues": {":n": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"}},
  "UpdateExpression": "ADD codes :t", "ExpressionAttributeValues": {":t": {"SS": ["a"]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"}},
  "UpdateExpression": "ADD s :n", "ExpressionAttributeValues": {":n": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"}},
  "UpdateExpression": "DELETE tags :c", "ExpressionAttributeValues": {":c": {"NS": ["1"]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"}},
  "UpdateExpression": "SET s = s + :n", "ExpressionAttributeValues": {":n": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"}},
  "UpdateExpression": "SET n = :n - tags", "ExpressionAttributeValues": {":n": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT upd_get('SETS');

------------------------------------------------------------------------
-- Reading missing attributes; paths that cannot be written
------------------------------------------------------------------------
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"}},
  "UpdateExpression": "SET x = gone"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"}},
  "UpdateExpression": "SET x = gone + :n", "ExpressionAttributeValues": {":n": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- y = x reads the old item, where x does not exist yet
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"}},
  "UpdateExpression": "SET x = :n, y = x", "ExpressionAttributeValues": {":n": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- the parent is missing, or not a map, or not a list
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"}},
  "UpdateExpression": "SET gone.child = :n", "ExpressionAttributeValues": {":n": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"}},
  "UpdateExpression": "SET s.child = :n", "ExpressionAttributeValues": {":n": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"}},
  "UpdateExpression": "SET m[0] = :n", "ExpressionAttributeValues": {":n": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"}},
  "UpdateExpression": "REMOVE s.child"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"}},
  "UpdateExpression": "REMOVE gone.child"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"}},
  "UpdateExpression": "ADD gone.n :n", "ExpressionAttributeValues": {":n": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "SETS"}},
  "UpdateExpression": "DELETE gone[0] :t", "ExpressionAttributeValues": {":t": {"SS": ["a"]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT upd_get('SETS');

------------------------------------------------------------------------
-- ReturnValues
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "Orders", "Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "RV"},
  "a": {"M": {"b": {"S": "old"}, "c": {"L": [{"S": "c0"}, {"S": "c1"}, {"S": "c2"}]}}}, "d": {"N": "1"}, "e": {"S": "e"}}}');
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "RV"}},
  "UpdateExpression": "SET d = :two", "ExpressionAttributeValues": {":two": {"N": "2"}}}');
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "RV"}},
  "UpdateExpression": "SET d = :three", "ExpressionAttributeValues": {":three": {"N": "3"}},
  "ReturnValues": "NONE"}');
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "RV"}},
  "UpdateExpression": "SET d = :four", "ExpressionAttributeValues": {":four": {"N": "4"}},
  "ReturnValues": "ALL_OLD"}');
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "RV"}},
  "UpdateExpression": "SET d = :five", "ExpressionAttributeValues": {":five": {"N": "5"}},
  "ReturnValues": "ALL_NEW"}');
-- UPDATED_OLD / UPDATED_NEW: the written paths only, projected from the old / new item
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "RV"}},
  "UpdateExpression": "SET a.b = :new, a.c[1] = :c1, a.z = :z",
  "ExpressionAttributeValues": {":new": {"S": "new"}, ":c1": {"S": "C1"}, ":z": {"S": "z"}},
  "ReturnValues": "UPDATED_OLD"}');
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "RV"}},
  "UpdateExpression": "SET a.b = :newer, a.c[2] = :c2, a.y = :y",
  "ExpressionAttributeValues": {":newer": {"S": "newer"}, ":c2": {"S": "C2"}, ":y": {"S": "y"}},
  "ReturnValues": "UPDATED_NEW"}');
-- a removed attribute has no new value; an appended element is not at its written index
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "RV"}},
  "UpdateExpression": "REMOVE e SET a.c[100] = :v",
  "ExpressionAttributeValues": {":v": {"S": "appended"}},
  "ReturnValues": "UPDATED_NEW"}');
-- ... but the old values of the same paths are there
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "RV"}},
  "UpdateExpression": "REMOVE d, a.c[0]",
  "ReturnValues": "UPDATED_OLD"}');
-- REMOVE of a list element: UPDATED_NEW shows the element that moved into its place
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "RV"}},
  "UpdateExpression": "REMOVE a.c[1]",
  "ReturnValues": "UPDATED_NEW"}');
-- nothing resolves: no Attributes
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "RV"}},
  "UpdateExpression": "REMOVE gone",
  "ReturnValues": "UPDATED_OLD"}');
SELECT upd_get('RV');

------------------------------------------------------------------------
-- UpdateItem of a missing item
------------------------------------------------------------------------
-- SET creates it (with its key)
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "NEW#1"}},
  "UpdateExpression": "SET Qty = :q", "ExpressionAttributeValues": {":q": {"N": "1"}},
  "ReturnValues": "ALL_NEW"}');
-- ALL_OLD of a created item: no Attributes
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "NEW#2"}},
  "UpdateExpression": "ADD Qty :q", "ExpressionAttributeValues": {":q": {"N": "3"}},
  "ReturnValues": "ALL_OLD"}');
SELECT upd_get('NEW#2');
-- no UpdateExpression at all: the item is created with its key only
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "NEW#3"}}}');
SELECT upd_get('NEW#3');
-- REMOVE only: nothing is created, nothing returned
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "NEW#4"}},
  "UpdateExpression": "REMOVE a, b.c, d[0]", "ReturnValues": "ALL_NEW"}');
SELECT upd_get('NEW#4');
-- a nested SET needs a parent, which a missing item does not have
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "NEW#5"}},
  "UpdateExpression": "SET b.a = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "NEW#5"}},
  "UpdateExpression": "SET b[1] = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT upd_get('NEW#5');

------------------------------------------------------------------------
-- The 400 KB limit applies to the updated item
------------------------------------------------------------------------
SELECT dyn_put_item(jsonb_build_object('TableName', 'Orders', 'Item', jsonb_build_object(
  'CustomerId', '{"S": "7970241400"}'::jsonb, 'SK', '{"S": "BIG"}'::jsonb,
  'blob1', jsonb_build_object('S', repeat('x', 300000)))));
SELECT dyn_update_item(jsonb_build_object('TableName', 'Orders',
  'Key', '{"CustomerId": {"S": "7970241400"}, "SK": {"S": "BIG"}}'::jsonb,
  'UpdateExpression', 'SET blob2 = :s',
  'ExpressionAttributeValues', jsonb_build_object(':s', jsonb_build_object('S', repeat('y', 110000)))));
\echo :LAST_ERROR_SQLSTATE
SELECT length(upd_get('BIG') #>> '{Item,blob1,S}') AS blob1, upd_get('BIG') #> '{Item,blob2}' AS blob2;
-- growing it to just under the limit is fine
SELECT dyn_update_item(jsonb_build_object('TableName', 'Orders',
  'Key', '{"CustomerId": {"S": "7970241400"}, "SK": {"S": "BIG"}}'::jsonb,
  'UpdateExpression', 'SET blob2 = :s',
  'ExpressionAttributeValues', jsonb_build_object(':s', jsonb_build_object('S', repeat('y', 100000)))));
SELECT length(upd_get('BIG') #>> '{Item,blob2,S}') AS blob2;

------------------------------------------------------------------------
-- GetItem with ProjectionExpression
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "Orders", "Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "PROJ"},
  "OrderTotal": {"N": "12.5"},
  "Address": {"M": {"City": {"S": "Leeds"}, "Zip": {"S": "LS1"}, "Geo": {"M": {"Lat": {"N": "53.8"}, "Lon": {"N": "-1.5"}}}}},
  "Items": {"L": [
    {"M": {"Id": {"S": "i0"}, "Name": {"S": "Eggs"}, "Price": {"N": "2.99"}}},
    {"M": {"Id": {"S": "i1"}, "Name": {"S": "Bread"}, "Price": {"N": "4.5"}}},
    {"M": {"Id": {"S": "i2"}, "Name": {"S": "Milk"}, "Price": {"N": "1.99"}}}]},
  "Tags": {"SS": ["z", "a"]}}}');
-- nested paths keep the map spine; siblings merge
SELECT dyn_get_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "PROJ"}},
  "ProjectionExpression": "Address.City, Address.Geo.Lat, OrderTotal"}');
-- list elements come back compacted, in index order; one element may gather several paths
SELECT dyn_get_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "PROJ"}},
  "ProjectionExpression": "#i[2].#n, #i[0].Id, #i[2].Price",
  "ExpressionAttributeNames": {"#i": "Items", "#n": "Name"}}');
SELECT dyn_get_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "PROJ"}},
  "ProjectionExpression": "#i[1]", "ExpressionAttributeNames": {"#i": "Items"}}');
-- paths that do not resolve are left out; key attributes are not added
SELECT upd_sorted(dyn_get_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "PROJ"}},
  "ProjectionExpression": "Gone, Address.Gone, OrderTotal.x, #i[7], Tags",
  "ExpressionAttributeNames": {"#i": "Items"}}'));
-- nothing resolves on an existing item: an empty Item
SELECT dyn_get_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "PROJ"}},
  "ProjectionExpression": "Gone, OrderTotal[0]"}');
-- a missing item: no Item at all
SELECT dyn_get_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "NOPE"}},
  "ProjectionExpression": "OrderTotal"}');
-- the key attributes when asked for
SELECT dyn_get_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "PROJ"}},
  "ProjectionExpression": "SK, CustomerId"}');

------------------------------------------------------------------------
-- The order as it ends
------------------------------------------------------------------------
SELECT jsonb_pretty(upd_get('2025-03-01#2121195'));

SELECT dyn_delete_table('{"TableName": "Orders"}') #>> '{TableDescription,TableStatus}' AS status;
DROP FUNCTION upd_get(text);
DROP FUNCTION upd_sorted(jsonb);
