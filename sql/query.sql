-- query: pins Query as DynamoDB answers it: the seeds' access patterns
-- (favourites by begins_with FAVOURITE#, a user's activities newest first,
-- the users of an account by begins_with USER#); every sort-key operator on
-- S (UTF-8 byte order), N (numeric order) and B (unsigned byte order) sort
-- keys; Limit, LastEvaluatedKey and ExclusiveStartKey paging in both
-- directions (each item exactly once, in order; a LastEvaluatedKey whenever
-- Limit stops the page, even at the last item, and on a page whose items
-- were all filtered out); Count and ScannedCount with filters; Select;
-- ProjectionExpression; the 1 MB page; the plain dyn_query form inside SQL;
-- that the range query on the backing table is an index scan on its primary
-- key; and DynamoDB's error for every kind of bad input.
--
-- Table names start with Qry so that this file shares a database with the
-- other tests without clashing.  SQLSTATEs: DY001 ValidationException,
-- DY004 ResourceNotFoundException.

-- one page, summarised: Count, ScannedCount, the items' sort keys (S and N
-- as written, B as hex) and the LastEvaluatedKey's sort key
CREATE FUNCTION qry_key(v jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(v->>'S', v->>'N', '0x' || encode(decode(v->>'B', 'base64'), 'hex'))
$$;
CREATE FUNCTION qry_page(resp jsonb, sk text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT format('Count=%s ScannedCount=%s Items=[%s]%s',
        resp->'Count', resp->'ScannedCount',
        (SELECT string_agg(coalesce(qry_key(i->sk), '-'), ', ' ORDER BY o)
           FROM jsonb_array_elements(resp->'Items') WITH ORDINALITY AS t(i, o)),
        CASE WHEN resp ? 'LastEvaluatedKey'
             THEN ' LastEvaluatedKey=' || qry_key(resp->'LastEvaluatedKey'->sk) ELSE '' END)
$$;
-- the placeholders of vals that expr uses (DynamoDB rejects unused ones)
CREATE FUNCTION qry_vals(vals jsonb, expr text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_object_agg(k, v) FROM jsonb_each(vals) AS e(k, v) WHERE expr ~ (k || '\M')
$$;
-- every page of a Query, following LastEvaluatedKey: one row per item read
CREATE FUNCTION qry_pages(req jsonb, sk text)
RETURNS TABLE (page int, pos int, key text, has_lek boolean) LANGUAGE plpgsql AS $$
DECLARE
    resp jsonb;
    n int := 0;
    i jsonb;
    k int;
BEGIN
    LOOP
        n := n + 1;
        resp := dyn_query(req);
        k := 0;
        FOR i IN SELECT e FROM jsonb_array_elements(resp->'Items') e LOOP
            k := k + 1;
            page := n; pos := k; key := qry_key(i->sk); has_lek := resp ? 'LastEvaluatedKey';
            RETURN NEXT;
        END LOOP;
        IF k = 0 THEN   -- an empty page shows as one row with no key
            page := n; pos := 0; key := NULL; has_lek := resp ? 'LastEvaluatedKey';
            RETURN NEXT;
        END IF;
        EXIT WHEN NOT resp ? 'LastEvaluatedKey' OR n > 100;
        req := req || jsonb_build_object('ExclusiveStartKey', resp->'LastEvaluatedKey');
    END LOOP;
END $$;

------------------------------------------------------------------------
-- The seeds
------------------------------------------------------------------------
-- "Evolve your DynamoDB table data model": Orders, partition key
-- CustomerId, composite sort key SK (OrderDate#OrderId, and the new
-- FAVOURITE#ItemId entity)
SELECT dyn_create_table('{"TableName": "QryOrders",
  "AttributeDefinitions": [{"AttributeName": "CustomerId", "AttributeType": "S"},
                           {"AttributeName": "SK", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "CustomerId", "KeyType": "HASH"},
                {"AttributeName": "SK", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' -> 'TableName' AS created;
SELECT dyn_put_item('{"TableName": "QryOrders", "Item": {"CustomerId": {"S": "7970241400"},
  "SK": {"S": "2025-03-01#2121195"}, "OrderDate": {"S": "2025-03-01"},
  "Items": {"L": [{"M": {"Id": {"S": "484295"}, "Name": {"S": "Eggs"}, "Favourite": {"BOOL": true}}},
                  {"M": {"Id": {"S": "484301"}, "Name": {"S": "Milk"}}}]}}}');
SELECT dyn_put_item('{"TableName": "QryOrders", "Item": {"CustomerId": {"S": "7970241400"},
  "SK": {"S": "2025-03-14#2121207"}, "OrderDate": {"S": "2025-03-14"},
  "Items": {"L": [{"M": {"Id": {"S": "484310"}, "Name": {"S": "Bread"}}}]}}}');
SELECT dyn_put_item('{"TableName": "QryOrders", "Item": {"CustomerId": {"S": "7970241400"},
  "SK": {"S": "FAVOURITE#484295"}, "ItemId": {"S": "484295"}, "ItemPrice": {"S": "2.99"},
  "ItemName": {"S": "Eggs"}, "ItemDescription": {"S": "Free Range Eggs"}, "ItemCategory": {"S": "Fresh"}}}');
SELECT dyn_put_item('{"TableName": "QryOrders", "Item": {"CustomerId": {"S": "7970241400"},
  "SK": {"S": "FAVOURITE#484301"}, "ItemId": {"S": "484301"}, "ItemPrice": {"S": "1.15"},
  "ItemName": {"S": "Milk"}, "ItemCategory": {"S": "Dairy"}}}');
-- another customer's favourite, and a sort key that only looks alike
SELECT dyn_put_item('{"TableName": "QryOrders", "Item": {"CustomerId": {"S": "1111111111"},
  "SK": {"S": "FAVOURITE#484295"}, "ItemId": {"S": "484295"}}}');
SELECT dyn_put_item('{"TableName": "QryOrders", "Item": {"CustomerId": {"S": "7970241400"},
  "SK": {"S": "FAVOURITES"}, "Note": {"S": "no # after FAVOURITE"}}}');

-- the seed's query, exactly as the article sends it
SELECT jsonb_pretty(dyn_query('{
  "TableName": "QryOrders",
  "KeyConditionExpression": "CustomerId = :customer_id AND begins_with(SK, :sk)",
  "ExpressionAttributeValues": {":customer_id": {"S": "7970241400"}, ":sk": {"S": "FAVOURITE#"}}}'));
-- the same through the plain form, in FROM
SELECT item->>'SK' AS sk, item->>'ItemName' AS name, item->>'ItemPrice' AS price
  FROM dyn_query('QryOrders', 'CustomerId = :c AND begins_with(SK, :p)',
                 '{":c": "7970241400", ":p": "FAVOURITE#"}');
-- all of the customer's items, in sort-key order
SELECT qry_page(dyn_query('{"TableName": "QryOrders", "KeyConditionExpression": "CustomerId = :c",
  "ExpressionAttributeValues": {":c": {"S": "7970241400"}}}'), 'SK') AS page;
-- the orders of March 2025 (BETWEEN on the composite sort key)
SELECT qry_page(dyn_query('{"TableName": "QryOrders",
  "KeyConditionExpression": "CustomerId = :c AND SK BETWEEN :lo AND :hi",
  "ExpressionAttributeValues": {":c": {"S": "7970241400"}, ":lo": {"S": "2025-03-01"}, ":hi": {"S": "2025-03-31~"}}}'), 'SK') AS page;

-- "Preferred patterns": a single table with PK/SK; accounts, users, activities
SELECT dyn_create_table('{"TableName": "QryApp",
  "AttributeDefinitions": [{"AttributeName": "PK", "AttributeType": "S"},
                           {"AttributeName": "SK", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "PK", "KeyType": "HASH"},
                {"AttributeName": "SK", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' -> 'TableName' AS created;
SELECT count(dyn_put('QryApp', i::jsonb)) AS put FROM (VALUES
  ('{"PK": "ACCT#123", "SK": "METADATA", "Type": "Account", "accountName": "Acme Corp", "plan": "Enterprise"}'),
  ('{"PK": "ACCT#123", "SK": "USER#456", "GSI1PK": "USER#456", "GSI1SK": "PROFILE", "Type": "User", "email": "john@acme.com", "createdAt": "2024-01-15T10:00:00Z"}'),
  ('{"PK": "ACCT#123", "SK": "USER#457", "GSI1PK": "USER#457", "GSI1SK": "PROFILE", "Type": "User", "email": "jane@acme.com", "createdAt": "2024-02-01T09:00:00Z"}'),
  ('{"PK": "ACCT#124", "SK": "USER#900", "Type": "User", "email": "x@other.com"}'),
  ('{"PK": "USER#456", "SK": "ACTIVITY#2024-01-15T10:30:00Z#789", "GSI1PK": "ACCT#123", "GSI1SK": "ACTIVITY#2024-01-15T10:30:00Z", "Type": "Activity", "action": "LOGIN", "ip": "192.168.1.1"}'),
  ('{"PK": "USER#456", "SK": "ACTIVITY#2024-01-16T08:05:00Z#790", "Type": "Activity", "action": "UPLOAD", "ip": "192.168.1.1"}'),
  ('{"PK": "USER#456", "SK": "ACTIVITY#2024-01-14T23:59:59Z#788", "Type": "Activity", "action": "LOGOUT", "ip": "10.0.0.7"}'),
  ('{"PK": "USER#456", "SK": "PROFILE", "Type": "Profile"}')) AS v(i);
-- 2. List all users in account
SELECT qry_page(dyn_query('{"TableName": "QryApp",
  "KeyConditionExpression": "PK = :accountId AND begins_with(SK, :userPrefix)",
  "ExpressionAttributeValues": {":accountId": {"S": "ACCT#123"}, ":userPrefix": {"S": "USER#"}}}'), 'SK') AS page;
SELECT item->>'SK' AS sk, item->>'email' AS email
  FROM dyn_query('QryApp', 'PK = :accountId AND begins_with(SK, :userPrefix)',
                 '{":accountId": "ACCT#123", ":userPrefix": "USER#"}');
-- 3. List user's recent activities, newest first (ScanIndexForward false)
SELECT jsonb_pretty(dyn_query('{"TableName": "QryApp",
  "KeyConditionExpression": "PK = :userId AND begins_with(SK, :activityPrefix)",
  "ExpressionAttributeValues": {":userId": {"S": "USER#456"}, ":activityPrefix": {"S": "ACTIVITY#"}},
  "ScanIndexForward": false}'));
-- the two most recent only: Limit 2, newest first, with LastEvaluatedKey
SELECT qry_page(dyn_query('{"TableName": "QryApp",
  "KeyConditionExpression": "PK = :userId AND begins_with(SK, :activityPrefix)",
  "ExpressionAttributeValues": {":userId": {"S": "USER#456"}, ":activityPrefix": {"S": "ACTIVITY#"}},
  "ScanIndexForward": false, "Limit": 2}'), 'SK') AS page;
-- the plain form with named arguments: forward => false, "limit" => 2
SELECT item->>'SK' AS sk, item->>'action' AS action
  FROM dyn_query('QryApp', 'PK = :u AND begins_with(SK, :p)', '{":u": "USER#456", ":p": "ACTIVITY#"}',
                 forward => false, "limit" => 2);
-- ScanIndexForward true is the default order
SELECT qry_page(dyn_query('{"TableName": "QryApp",
  "KeyConditionExpression": "PK = :userId AND begins_with(SK, :activityPrefix)",
  "ExpressionAttributeValues": {":userId": {"S": "USER#456"}, ":activityPrefix": {"S": "ACTIVITY#"}},
  "ScanIndexForward": true}'), 'SK') AS page;
-- get one item by its full key through Query
SELECT qry_page(dyn_query('{"TableName": "QryApp",
  "KeyConditionExpression": "PK = :a AND SK = :m",
  "ExpressionAttributeValues": {":a": {"S": "ACCT#123"}, ":m": {"S": "METADATA"}}}'), 'SK') AS page;
-- a partition that does not exist: no items, no LastEvaluatedKey
SELECT dyn_query('{"TableName": "QryApp", "KeyConditionExpression": "PK = :a",
  "ExpressionAttributeValues": {":a": {"S": "ACCT#999"}}}');

------------------------------------------------------------------------
-- S sort keys: ordered by UTF-8 bytes
------------------------------------------------------------------------
SELECT dyn_create_table('{"TableName": "QryStr",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                           {"AttributeName": "sk", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' -> 'TableName' AS created;
-- 'ｚ' is U+FF5A (EF BD 9A), '𝄞' is U+1D11E (F0 9D 84 9E): by UTF-8 bytes
-- ｚ < 𝄞 (by UTF-16 code units it would be the other way round)
SELECT count(dyn_put('QryStr', jsonb_build_object('pk', 'p', 'sk', s, 'v', length(s)))) AS put
  FROM unnest(ARRAY['a', 'aa', 'ab', 'b', 'B', 'A', '1', '10', '2', '~', 'é', 'ｚ', '𝄞', 'a b', 'a#']) AS s;
SELECT count(dyn_put('QryStr', i)) AS put FROM (VALUES ('{"pk": "q", "sk": "a"}'::jsonb), ('{"pk": "pp", "sk": "a"}')) AS v(i);
-- the whole partition (not q, not pp)
SELECT qry_page(dyn_query('{"TableName": "QryStr", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}'), 'sk') AS page;
SELECT qry_page(dyn_query('{"TableName": "QryStr", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "ScanIndexForward": false}'), 'sk') AS page;
-- each operator, forward and backward
SELECT op, qry_page(dyn_query(jsonb_build_object('TableName', 'QryStr',
         'KeyConditionExpression', 'pk = :p AND ' || op,
         'ExpressionAttributeValues', qry_vals('{":p": {"S": "p"}, ":v": {"S": "a"}, ":w": {"S": "b"}}', 'pk = :p AND ' || op))), 'sk') AS forward,
       qry_page(dyn_query(jsonb_build_object('TableName', 'QryStr',
         'KeyConditionExpression', 'pk = :p AND ' || op, 'ScanIndexForward', false,
         'ExpressionAttributeValues', qry_vals('{":p": {"S": "p"}, ":v": {"S": "a"}, ":w": {"S": "b"}}', 'pk = :p AND ' || op))), 'sk') AS backward
  FROM unnest(ARRAY['sk = :v', 'sk < :v', 'sk <= :v', 'sk > :v', 'sk >= :v',
                    'sk BETWEEN :v AND :w', 'begins_with(sk, :v)',
                    ':v = sk', ':v > sk', ':v <= sk', '(sk >= :v)']) AS op;
-- a value on the left is flipped: :v < sk is sk > :v
SELECT qry_page(dyn_query('{"TableName": "QryStr", "KeyConditionExpression": ":v < sk AND :p = pk",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"S": "b"}}}'), 'sk') AS page;
-- sort-key condition first, names through ExpressionAttributeNames, any case of AND/BETWEEN
SELECT qry_page(dyn_query('{"TableName": "QryStr",
  "KeyConditionExpression": "#s between :lo and :hi and #p = :p",
  "ExpressionAttributeNames": {"#s": "sk", "#p": "pk"},
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":lo": {"S": "1"}, ":hi": {"S": "A"}}}'), 'sk') AS page;
-- bounds beyond ASCII: between 'b' and U+FFFF
SELECT qry_page(dyn_query('{"TableName": "QryStr", "KeyConditionExpression": "pk = :p AND sk BETWEEN :lo AND :hi",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":lo": {"S": "b"}, ":hi": {"S": "\uffff"}}}'), 'sk') AS page;
-- begins_with with a multi-byte prefix; and with the empty string (every item)
SELECT qry_page(dyn_query('{"TableName": "QryStr", "KeyConditionExpression": "pk = :p AND begins_with(sk, :v)",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"S": "𝄞"}}}'), 'sk') AS page;
SELECT qry_page(dyn_query('{"TableName": "QryStr", "KeyConditionExpression": "pk = :p AND begins_with(sk, :v)",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"S": ""}}}'), 'sk') AS page;
-- BETWEEN with equal bounds is one item; a bound that matches nothing is none
SELECT qry_page(dyn_query('{"TableName": "QryStr", "KeyConditionExpression": "pk = :p AND sk BETWEEN :v AND :v",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"S": "ab"}}}'), 'sk') AS page;
SELECT qry_page(dyn_query('{"TableName": "QryStr", "KeyConditionExpression": "pk = :p AND sk = :v",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"S": "zz"}}}'), 'sk') AS page;

------------------------------------------------------------------------
-- N sort keys: ordered numerically (2 < 10, negatives first)
------------------------------------------------------------------------
SELECT dyn_create_table('{"TableName": "QryNum",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                           {"AttributeName": "n", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "n", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' -> 'TableName' AS created;
SELECT count(dyn_put_item(jsonb_build_object('TableName', 'QryNum',
         'Item', jsonb_build_object('pk', '{"S": "p"}'::jsonb, 'n', jsonb_build_object('N', v))))) AS put
  FROM unnest(ARRAY['2', '10', '-1', '-10', '0', '1.5', '-0.5', '100', '3', '-100', '0.001',
                    '1E+10', '-2.5E-3', '99999999999999999999999999999999999999']) AS v;
SELECT qry_page(dyn_query('{"TableName": "QryNum", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}'), 'n') AS page;
SELECT qry_page(dyn_query('{"TableName": "QryNum", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "ScanIndexForward": false}'), 'n') AS page;
SELECT op, qry_page(dyn_query(jsonb_build_object('TableName', 'QryNum',
         'KeyConditionExpression', 'pk = :p AND ' || op,
         'ExpressionAttributeValues', qry_vals('{":p": {"S": "p"}, ":v": {"N": "2"}, ":w": {"N": "10"}}', 'pk = :p AND ' || op))), 'n') AS forward,
       qry_page(dyn_query(jsonb_build_object('TableName', 'QryNum',
         'KeyConditionExpression', 'pk = :p AND ' || op, 'ScanIndexForward', false,
         'ExpressionAttributeValues', qry_vals('{":p": {"S": "p"}, ":v": {"N": "2"}, ":w": {"N": "10"}}', 'pk = :p AND ' || op))), 'n') AS backward
  FROM unnest(ARRAY['n = :v', 'n < :v', 'n <= :v', 'n > :v', 'n >= :v', 'n BETWEEN :v AND :w']) AS op;
-- negative bounds; the same number written another way is the same key
SELECT qry_page(dyn_query('{"TableName": "QryNum", "KeyConditionExpression": "pk = :p AND n BETWEEN :lo AND :hi",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":lo": {"N": "-10"}, ":hi": {"N": "-0.0025"}}}'), 'n') AS page;
SELECT qry_page(dyn_query('{"TableName": "QryNum", "KeyConditionExpression": "pk = :p AND n < :v",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"N": "-0.5"}}}'), 'n') AS page;
SELECT qry_page(dyn_query('{"TableName": "QryNum", "KeyConditionExpression": "pk = :p AND n = :v",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"N": "1.50E0"}}}'), 'n') AS page;
SELECT qry_page(dyn_query('{"TableName": "QryNum", "KeyConditionExpression": "pk = :p AND n >= :v",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"N": "10000000000.0"}}}'), 'n') AS page;
-- plain form: numbers come back as JSON numbers, in numeric order
SELECT item->'n' AS n FROM dyn_query('QryNum', 'pk = :p AND n BETWEEN :lo AND :hi', '{":p": "p", ":lo": -1, ":hi": 10}');

------------------------------------------------------------------------
-- B sort keys: ordered as unsigned bytes
------------------------------------------------------------------------
SELECT dyn_create_table('{"TableName": "QryBin",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                           {"AttributeName": "b", "AttributeType": "B"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "b", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' -> 'TableName' AS created;
SELECT count(dyn_put_item(jsonb_build_object('TableName', 'QryBin',
         'Item', jsonb_build_object('pk', '{"S": "p"}'::jsonb,
                                    'b', jsonb_build_object('B', encode(decode(h, 'hex'), 'base64')))))) AS put
  FROM unnest(ARRAY['00', '0000', '01', '7f', '80', '8001', 'ff', 'ff00', 'ffff', '61', '6162']) AS h;
SELECT qry_page(dyn_query('{"TableName": "QryBin", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}'), 'b') AS page;
SELECT qry_page(dyn_query('{"TableName": "QryBin", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "ScanIndexForward": false}'), 'b') AS page;
-- :v is 0x80, :w is 0xff
SELECT op, qry_page(dyn_query(jsonb_build_object('TableName', 'QryBin',
         'KeyConditionExpression', 'pk = :p AND ' || op,
         'ExpressionAttributeValues', qry_vals('{":p": {"S": "p"}, ":v": {"B": "gA=="}, ":w": {"B": "/w=="}}', 'pk = :p AND ' || op))), 'b') AS forward
  FROM unnest(ARRAY['b = :v', 'b < :v', 'b <= :v', 'b > :v', 'b >= :v', 'b BETWEEN :v AND :w',
                    'begins_with(b, :v)', 'begins_with(b, :w)']) AS op;
-- begins_with 0x00 (a prefix of 00 and 0000); and 0xff backward
SELECT qry_page(dyn_query('{"TableName": "QryBin", "KeyConditionExpression": "pk = :p AND begins_with(b, :v)",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"B": "AA=="}}}'), 'b') AS page;
SELECT qry_page(dyn_query('{"TableName": "QryBin", "KeyConditionExpression": "pk = :p AND begins_with(b, :v)",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"B": "/w=="}}, "ScanIndexForward": false}'), 'b') AS page;

------------------------------------------------------------------------
-- Limit and paging: a 30-item partition, Limit 7, every page followed
------------------------------------------------------------------------
SELECT dyn_create_table('{"TableName": "QryPage",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                           {"AttributeName": "sk", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' -> 'TableName' AS created;
SELECT count(dyn_put('QryPage', jsonb_build_object('pk', 'p', 'sk', format('item#%s', lpad(i::text, 2, '0')),
                                               'i', i, 'even', i % 2 = 0))) AS put
  FROM generate_series(1, 30) AS i;
-- neighbours on both sides, which no page may reach into
SELECT count(dyn_put('QryPage', i)) AS put FROM (VALUES ('{"pk": "o", "sk": "item#99"}'::jsonb), ('{"pk": "q", "sk": "item#00"}')) AS v(i);
-- forward: pages of 7, 7, 7, 7, 2; LastEvaluatedKey on the first four only
SELECT page, count(*) AS items, min(key) AS first, max(key) AS last, bool_and(has_lek) AS has_lek
  FROM qry_pages('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
                   "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 7}', 'sk')
 GROUP BY page ORDER BY page;
-- each item exactly once, in order
SELECT count(*) AS items, count(DISTINCT key) AS distinct_items,
       bool_and(key = format('item#%s', lpad(n::text, 2, '0'))) AS in_order
  FROM (SELECT key, row_number() OVER (ORDER BY page, pos) AS n
          FROM qry_pages('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
                           "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 7}', 'sk')) s;
-- a page is assembled from the stored items without re-encoding them: every
-- member readable by position (past jsonb's offset stride of 32), numbers,
-- booleans and nested values intact, the page equal to its own text form
-- read back, and Items beside LastEvaluatedKey and ConsumedCapacity
SELECT dyn_create_table('{"TableName": "QryBig",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                           {"AttributeName": "sk", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' -> 'TableName' AS created;
SELECT count(dyn_put('QryBig', jsonb_build_object('pk', 'b', 'sk', i, 'even', i % 2 = 0,
                                              'nested', jsonb_build_object('l', jsonb_build_array(i, 'x')))))
  FROM generate_series(1, 40) AS i;
SELECT jsonb_array_length(r -> 'Items') AS items, r -> 'Items' -> 0 -> 'sk' AS first,
       r -> 'Items' -> 31 -> 'sk' AS sk32, r -> 'Items' -> 32 -> 'even' AS even33,
       r -> 'Items' -> 34 AS last, r = (r::text)::jsonb AS same_as_text,
       r -> 'Count' AS count, r -> 'LastEvaluatedKey' AS lek,
       r -> 'ConsumedCapacity' ->> 'TableName' AS cc,
       (SELECT array_agg(k) FROM jsonb_object_keys(r) AS k) AS keys
  FROM dyn_query('{"TableName": "QryBig", "KeyConditionExpression": "pk = :p", "Limit": 35,
                   "ReturnConsumedCapacity": "TOTAL",
                   "ExpressionAttributeValues": {":p": {"S": "b"}}}'::jsonb) AS r;
SELECT dyn_delete_table('{"TableName": "QryBig"}') -> 'TableDescription' -> 'TableStatus' AS status;
-- backward: the same pages from the other end
SELECT page, count(*) AS items, max(key) AS first, min(key) AS last, bool_and(has_lek) AS has_lek
  FROM qry_pages('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
                   "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 7, "ScanIndexForward": false}', 'sk')
 GROUP BY page ORDER BY page;
SELECT count(*) AS items, count(DISTINCT key) AS distinct_items,
       bool_and(key = format('item#%s', lpad((31 - n)::text, 2, '0'))) AS in_order
  FROM (SELECT key, row_number() OVER (ORDER BY page, pos) AS n
          FROM qry_pages('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
                           "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 7, "ScanIndexForward": false}', 'sk')) s;
-- paging inside a sort-key range, both directions: items 05..24
SELECT page, count(*) AS items, min(key) AS lowest, max(key) AS highest, bool_and(has_lek) AS has_lek
  FROM qry_pages('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk BETWEEN :lo AND :hi",
                   "ExpressionAttributeValues": {":p": {"S": "p"}, ":lo": {"S": "item#05"}, ":hi": {"S": "item#24"}},
                   "Limit": 7}', 'sk')
 GROUP BY page ORDER BY page;
SELECT page, count(*) AS items, min(key) AS lowest, max(key) AS highest, bool_and(has_lek) AS has_lek
  FROM qry_pages('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk BETWEEN :lo AND :hi",
                   "ExpressionAttributeValues": {":p": {"S": "p"}, ":lo": {"S": "item#05"}, ":hi": {"S": "item#24"}},
                   "Limit": 7, "ScanIndexForward": false}', 'sk')
 GROUP BY page ORDER BY page;
-- one page by hand: Limit 7, then from its LastEvaluatedKey
SELECT qry_page(dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 7}'), 'sk') AS page;
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 7}') -> 'LastEvaluatedKey' AS last_evaluated_key;
SELECT qry_page(dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 7,
  "ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {"S": "item#07"}}}'), 'sk') AS page;
-- ExclusiveStartKey need not be an existing item: it is a position
SELECT qry_page(dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 3,
  "ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {"S": "item#10x"}}}'), 'sk') AS page;
SELECT qry_page(dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 3, "ScanIndexForward": false,
  "ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {"S": "item#10x"}}}'), 'sk') AS page;
-- starting from the last item: an empty page, no LastEvaluatedKey
SELECT qry_page(dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 7,
  "ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {"S": "item#30"}}}'), 'sk') AS page;

-- a page that ends exactly at the last item still has a LastEvaluatedKey
-- (DynamoDB does not look ahead); the next page is empty and has none
SELECT page, count(key) AS items, min(key) AS first, max(key) AS last, bool_and(has_lek) AS has_lek
  FROM qry_pages('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
                   "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 10}', 'sk')
 GROUP BY page ORDER BY page;
SELECT qry_page(dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 30}'), 'sk') AS limit_equals_items;
SELECT qry_page(dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 31}'), 'sk') AS limit_above_items;
-- paging by N and B sort keys, both directions: the LastEvaluatedKey
-- carries the number or the bytes, and resumes exactly after them
SELECT page, string_agg(key, ', ' ORDER BY pos) AS items, bool_and(has_lek) AS has_lek
  FROM qry_pages('{"TableName": "QryNum", "KeyConditionExpression": "pk = :p",
                   "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 4}', 'n')
 GROUP BY page ORDER BY page;
SELECT page, string_agg(key, ', ' ORDER BY pos) AS items, bool_and(has_lek) AS has_lek
  FROM qry_pages('{"TableName": "QryNum", "KeyConditionExpression": "pk = :p AND n < :v",
                   "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"N": "5"}},
                   "Limit": 4, "ScanIndexForward": false}', 'n')
 GROUP BY page ORDER BY page;
SELECT page, string_agg(key, ', ' ORDER BY pos) AS items, bool_and(has_lek) AS has_lek
  FROM qry_pages('{"TableName": "QryBin", "KeyConditionExpression": "pk = :p",
                   "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 3}', 'b')
 GROUP BY page ORDER BY page;
SELECT page, string_agg(key, ', ' ORDER BY pos) AS items, bool_and(has_lek) AS has_lek
  FROM qry_pages('{"TableName": "QryBin", "KeyConditionExpression": "pk = :p",
                   "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 3, "ScanIndexForward": false}', 'b')
 GROUP BY page ORDER BY page;
-- a LastEvaluatedKey for an N sort key, as the wire gives it
SELECT dyn_query('{"TableName": "QryNum", "KeyConditionExpression": "pk = :p AND n > :v",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"N": "0"}}, "Limit": 1}') -> 'LastEvaluatedKey' AS last_evaluated_key;

------------------------------------------------------------------------
-- Filters, Count and ScannedCount, Select, ProjectionExpression
------------------------------------------------------------------------
-- the filter runs after the read: ScannedCount counts items read, Count
-- those that pass
SELECT qry_page(dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "FilterExpression": "even = :t", "ExpressionAttributeValues": {":p": {"S": "p"}, ":t": {"BOOL": true}}}'), 'sk') AS page;
-- Limit counts items read before the filter: 7 read, 3 pass
SELECT qry_page(dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "FilterExpression": "even = :t", "ExpressionAttributeValues": {":p": {"S": "p"}, ":t": {"BOOL": true}},
  "Limit": 7}'), 'sk') AS page;
-- every page of a filtered query: the filter never loses or repeats an item
SELECT count(key) AS items, count(DISTINCT key) AS distinct_items, count(DISTINCT page) AS pages
  FROM qry_pages('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
                   "FilterExpression": "#i > :n", "ExpressionAttributeNames": {"#i": "i"},
                   "ExpressionAttributeValues": {":p": {"S": "p"}, ":n": {"N": "20"}}, "Limit": 7}', 'sk');
-- a filter that matches nothing, with Limit: no items, but a LastEvaluatedKey
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "FilterExpression": "attribute_exists(nothing)", "ExpressionAttributeValues": {":p": {"S": "p"}},
  "Limit": 5}');
-- ... and without Limit: no items, ScannedCount 30, no LastEvaluatedKey
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "FilterExpression": "attribute_exists(nothing)", "ExpressionAttributeValues": {":p": {"S": "p"}}}');
-- filter and sort-key condition together
SELECT qry_page(dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk > :s",
  "FilterExpression": "i BETWEEN :a AND :b OR i IN (:c, :d)",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":s": {"S": "item#10"}, ":a": {"N": "12"}, ":b": {"N": "14"},
                                ":c": {"N": "29"}, ":d": {"N": "3"}}}'), 'sk') AS page;
-- Select COUNT: Count and ScannedCount, no Items
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "Select": "COUNT"}');
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "FilterExpression": "even = :t", "ExpressionAttributeValues": {":p": {"S": "p"}, ":t": {"BOOL": true}},
  "Select": "COUNT"}');
-- COUNT with Limit still pages: LastEvaluatedKey
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "FilterExpression": "even = :t", "ExpressionAttributeValues": {":p": {"S": "p"}, ":t": {"BOOL": true}},
  "Select": "COUNT", "Limit": 5}');
-- ALL_ATTRIBUTES is the default
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk = :s",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":s": {"S": "item#02"}}, "Select": "ALL_ATTRIBUTES"}');
-- ProjectionExpression: only the paths asked for; key attributes are not added
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk <= :s",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":s": {"S": "item#03"}}, "ProjectionExpression": "i"}');
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk <= :s",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":s": {"S": "item#02"}},
  "ProjectionExpression": "#s, even, nope", "ExpressionAttributeNames": {"#s": "sk"},
  "Select": "SPECIFIC_ATTRIBUTES"}');
-- nested paths of the seed's order items
SELECT dyn_query('{"TableName": "QryOrders", "KeyConditionExpression": "CustomerId = :c AND begins_with(SK, :d)",
  "ExpressionAttributeValues": {":c": {"S": "7970241400"}, ":d": {"S": "2025-"}},
  "ProjectionExpression": "SK, #Items[0].Favourite, #Items[0].Id", "ExpressionAttributeNames": {"#Items": "Items"}}');
-- the seed's orders with a favourite item, by a filter on a nested attribute
SELECT item->>'SK' AS sk
  FROM dyn_query('QryOrders', 'CustomerId = :c', '{":c": "7970241400", ":t": true}',
                 filter => '#Items[0].Favourite = :t', names => '{"#Items": "Items"}');
-- projection with a filter on an attribute that is not projected
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk BETWEEN :a AND :b",
  "FilterExpression": "even = :t", "ProjectionExpression": "sk",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":a": {"S": "item#01"}, ":b": {"S": "item#04"}, ":t": {"BOOL": true}}}');
-- ConsistentRead is accepted (reads are always consistent)
SELECT qry_page(dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk < :s",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":s": {"S": "item#03"}}, "ConsistentRead": true}'), 'sk') AS page;
SELECT qry_page(dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk < :s",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":s": {"S": "item#03"}}, "ConsistentRead": false}'), 'sk') AS page;

------------------------------------------------------------------------
-- The plain form inside SQL
------------------------------------------------------------------------
-- every page is followed: 30 rows whatever the page size
SELECT count(*) AS items FROM dyn_query('QryPage', 'pk = :p', '{":p": "p"}');
-- "limit" caps the rows; forward => false reverses
SELECT item->>'sk' AS sk FROM dyn_query('QryPage', 'pk = :p', '{":p": "p"}', "limit" => 3);
SELECT item->>'sk' AS sk FROM dyn_query('QryPage', 'pk = :p', '{":p": "p"}', "limit" => 3, forward => false);
SELECT item->>'sk' AS sk FROM dyn_query('QryPage', 'pk = :p AND sk > :s', '{":p": "p", ":s": "item#26"}', forward => true);
-- filter, projection and names by name
SELECT item FROM dyn_query('QryPage', 'pk = :p AND begins_with(sk, :s)',
                           filter => '#e = :t', projection => 'sk, #i', names => '{"#e": "even", "#i": "i"}',
                           "values" => '{":p": "p", ":s": "item#1", ":t": true}');
-- joined with an ordinary SQL table: the seed's favourites with stock levels
CREATE TABLE qry_stock (item_id text PRIMARY KEY, in_stock int);
INSERT INTO qry_stock VALUES ('484295', 120), ('484301', 0), ('999999', 5);
SELECT f.item->>'ItemName' AS name, s.in_stock
  FROM dyn_query('QryOrders', 'CustomerId = :c AND begins_with(SK, :p)',
                 '{":c": "7970241400", ":p": "FAVOURITE#"}') AS f
  JOIN qry_stock s ON s.item_id = f.item->>'ItemId'
 ORDER BY name;
-- LATERAL: each customer's favourites
SELECT c.id, count(f.item) AS favourites
  FROM (VALUES ('7970241400'), ('1111111111'), ('0000000000')) AS c(id)
  LEFT JOIN LATERAL dyn_query('QryOrders', 'CustomerId = :c AND begins_with(SK, :p)',
                              jsonb_build_object(':c', c.id, ':p', 'FAVOURITE#')) AS f ON true
 GROUP BY c.id ORDER BY c.id;
-- aggregate over the items
SELECT sum((item->>'i')::int) AS total, count(*) FILTER (WHERE (item->>'even')::boolean) AS evens
  FROM dyn_query('QryPage', 'pk = :p', '{":p": "p"}');
-- B keys come back in base64, in unsigned byte order
SELECT item->>'b' AS b FROM dyn_query('QryBin', 'pk = :p', '{":p": "p"}', "limit" => 4);

------------------------------------------------------------------------
-- The 1 MB page: items of about 100 KB; the page stops once 1 MB is read
------------------------------------------------------------------------
SELECT dyn_create_table('{"TableName": "QryBig",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                           {"AttributeName": "sk", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' -> 'TableName' AS created;
-- 25 items of 100,000 bytes of payload each
SELECT count(dyn_put('QryBig', jsonb_build_object('pk', 'big', 'sk', i, 'payload', repeat('x', 100000))))
  FROM generate_series(1, 25) AS i;
-- no Limit: the first page stops near 1 MB, with a LastEvaluatedKey
SELECT resp->'Count' AS count, resp->'ScannedCount' AS scanned, resp->'LastEvaluatedKey' AS lek
  FROM dyn_query('{"TableName": "QryBig", "KeyConditionExpression": "pk = :p",
                   "ExpressionAttributeValues": {":p": {"S": "big"}}, "ProjectionExpression": "sk"}') AS resp;
-- the page holds at least 1 MB minus one item, and at most 1 MB plus one item
SELECT (resp->>'ScannedCount')::int * 100000 BETWEEN 1048576 - 100100 AND 1048576 + 100100 AS about_1mb
  FROM dyn_query('{"TableName": "QryBig", "KeyConditionExpression": "pk = :p",
                   "ExpressionAttributeValues": {":p": {"S": "big"}}, "Select": "COUNT"}') AS resp;
-- every page followed: 25 items exactly once, in three pages
SELECT count(key) AS items, count(DISTINCT key) AS distinct_items, max(page) AS pages
  FROM qry_pages('{"TableName": "QryBig", "KeyConditionExpression": "pk = :p",
                   "ExpressionAttributeValues": {":p": {"S": "big"}}, "ProjectionExpression": "sk"}', 'sk');
-- the 1 MB counts items read, not items returned: a filter that drops every
-- item still stops the page at 1 MB
SELECT resp->'Count' AS count, resp->'ScannedCount' AS scanned, resp ? 'LastEvaluatedKey' AS has_lek
  FROM dyn_query('{"TableName": "QryBig", "KeyConditionExpression": "pk = :p",
                   "FilterExpression": "attribute_not_exists(payload)",
                   "ExpressionAttributeValues": {":p": {"S": "big"}}}') AS resp;
-- backward too
SELECT resp->'Count' AS count, resp->'LastEvaluatedKey' AS lek
  FROM dyn_query('{"TableName": "QryBig", "KeyConditionExpression": "pk = :p", "ScanIndexForward": false,
                   "ExpressionAttributeValues": {":p": {"S": "big"}}, "Select": "COUNT"}') AS resp;
-- a Limit below the 1 MB point wins
SELECT resp->'Count' AS count, resp->'LastEvaluatedKey' AS lek
  FROM dyn_query('{"TableName": "QryBig", "KeyConditionExpression": "pk = :p", "Limit": 3,
                   "ExpressionAttributeValues": {":p": {"S": "big"}}, "Select": "COUNT"}') AS resp;
-- the plain form follows the 1 MB pages
SELECT count(*) AS items FROM dyn_query('QryBig', 'pk = :p', '{":p": "big"}', projection => 'sk');
SELECT dyn_delete_table('{"TableName": "QryBig"}') -> 'TableDescription' -> 'TableStatus' AS status;

------------------------------------------------------------------------
-- The backing table's range query is an index scan on its primary key
------------------------------------------------------------------------
-- The tables here are small, so the planner would rather read them whole;
-- with sequential and bitmap scans off, the plan shows whether the primary
-- key serves both the range and the order (no Sort node), in both directions.
BEGIN;
SET LOCAL enable_seqscan = off;
SET LOCAL enable_bitmapscan = off;
DO $$
DECLARE
    t record;
    line text;
    q text;
BEGIN
    SELECT backing_schema, backing_name INTO STRICT t
      FROM dynamo.tables WHERE table_name = 'QryPage';
    FOREACH q IN ARRAY ARRAY[
        'SELECT item FROM %I.%I WHERE pk = ''p'' AND sk >= ''item#1'' AND sk < ''item#2'' ORDER BY sk',
        'SELECT item FROM %I.%I WHERE pk = ''p'' AND sk > ''item#1'' ORDER BY sk DESC',
        'SELECT item FROM %I.%I WHERE pk = ''p'' ORDER BY sk']
    LOOP
        FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || format(q, t.backing_schema, t.backing_name) LOOP
            RAISE NOTICE '%', replace(line, t.backing_name, '<backing>');
        END LOOP;
    END LOOP;
END $$;
ROLLBACK;

-- That statement only runs where a direct read would not decide as it
-- does (row-level security, column grants: sql/security.sql).  Otherwise a
-- Query is one scan of the primary key index that reads only the entries it
-- returns: a page of 5 from the middle of a 30-item partition, forward and
-- backward, reads 5 index entries and 5 rows, and never the table itself.
CREATE FUNCTION pg_temp.qry_reads(tname text, OUT index_scans bigint, OUT entries_read bigint,
                                   OUT rows_fetched bigint, OUT table_scans bigint)
LANGUAGE sql AS $$
    SELECT pg_stat_get_xact_numscans(i.indexrelid), pg_stat_get_xact_tuples_returned(i.indexrelid),
           s.idx_tup_fetch, s.seq_scan
      FROM dynamo.tables t
      JOIN pg_stat_xact_user_tables s
        ON s.relid = format('%I.%I', t.backing_schema, t.backing_name)::regclass
      JOIN pg_index i ON i.indrelid = s.relid AND i.indisprimary
     WHERE t.table_name = tname
$$;
-- (counts pending in this backend; inside one transaction none are flushed)
BEGIN;
SELECT * FROM pg_temp.qry_reads('QryPage') \gset before_
SELECT r -> 'Count' AS count, r -> 'Items' -> 0 -> 'sk' AS first, r -> 'LastEvaluatedKey' -> 'sk' AS last
  FROM dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk > :s",
                   "ExpressionAttributeValues": {":p": {"S": "p"}, ":s": {"S": "item#10"}},
                   "Limit": 5}'::jsonb) AS r;
SELECT r -> 'Count' AS count, r -> 'Items' -> 0 -> 'sk' AS first, r -> 'LastEvaluatedKey' -> 'sk' AS last
  FROM dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
                   "ExpressionAttributeValues": {":p": {"S": "p"}}, "ScanIndexForward": false,
                   "ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {"S": "item#20"}},
                   "Limit": 5}'::jsonb) AS r;
SELECT index_scans - :before_index_scans AS index_scans,
       entries_read - :before_entries_read AS entries_read,
       rows_fetched - :before_rows_fetched AS rows_fetched,
       table_scans - :before_table_scans AS table_scans
  FROM pg_temp.qry_reads('QryPage');
COMMIT;

------------------------------------------------------------------------
-- Bad input
------------------------------------------------------------------------
-- key condition on a non-key attribute only: the partition key is missing
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "i = :v",
  "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- partition key and a non-key attribute: the sort key is missing
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND i = :v",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- two conditions on the partition key
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND pk = :q",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":q": {"S": "q"}}}');
\echo :LAST_ERROR_SQLSTATE
-- three conditions
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk > :p AND i = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
-- OR, NOT, IN, <> in a key condition
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p OR sk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "NOT pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk IN (:p, :q)",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":q": {"S": "q"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk <> :q",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":q": {"S": "q"}}}');
\echo :LAST_ERROR_SQLSTATE
-- attribute_exists, attribute_not_exists, contains, attribute_type
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND attribute_exists(sk)",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "attribute_not_exists(pk)"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND contains(sk, :p)",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND attribute_type(sk, :t)",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":t": {"S": "S"}}}');
\echo :LAST_ERROR_SQLSTATE
-- size() in a key condition
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND size(sk) > :n",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":n": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- a nested path
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk.x = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk[0] = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND #s.#x > :p",
  "ExpressionAttributeNames": {"#s": "sk", "#x": "x"}, "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
-- two paths in one condition; no path at all
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk > i",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND :p = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
-- BETWEEN and begins_with need the key attribute first
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND begins_with(:p, sk)",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
-- BETWEEN bounds in the wrong order; of different types
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk BETWEEN :b AND :a",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":a": {"S": "a"}, ":b": {"S": "b"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk BETWEEN :a AND :b",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":a": {"N": "1"}, ":b": {"S": "b"}}}');
\echo :LAST_ERROR_SQLSTATE
-- begins_with on an N sort key, with an N value and with an S value
SELECT dyn_query('{"TableName": "QryNum", "KeyConditionExpression": "pk = :p AND begins_with(n, :v)",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryNum", "KeyConditionExpression": "pk = :p AND begins_with(n, :v)",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"S": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- a value of the wrong type: for the partition key, for the sort key
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryNum", "KeyConditionExpression": "pk = :p AND n > :v",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"S": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryBin", "KeyConditionExpression": "pk = :p AND b = :v",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"S": "gA=="}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk > :v",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"BOOL": true}}}');
\echo :LAST_ERROR_SQLSTATE
-- the partition key with < (or any operator but =)
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk < :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "begins_with(pk, :p) AND sk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
-- only a sort-key condition
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "sk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
-- missing KeyConditionExpression
SELECT dyn_query('{"TableName": "QryPage"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "FilterExpression": "i = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- empty KeyConditionExpression
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": ""}');
\echo :LAST_ERROR_SQLSTATE
-- Limit 0 and -1
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 0}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": -1}');
\echo :LAST_ERROR_SQLSTATE
-- the plain form's "limit" 0 and -1: DynamoDB's Limit error, not an empty result
SELECT * FROM dyn_query('QryPage', 'pk = :p', '{":p": "p"}', "limit" => 0);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM dyn_query('QryPage', 'pk = :p', '{":p": "p"}', "limit" => -1);
\echo :LAST_ERROR_SQLSTATE
-- ExclusiveStartKey that does not match the key schema: an attribute
-- missing, an extra attribute, an unrelated attribute
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "ExclusiveStartKey": {"pk": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}},
  "ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {"S": "item#05"}, "i": {"N": "5"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}},
  "ExclusiveStartKey": {"pk": {"S": "p"}, "other": {"S": "item#05"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "ExclusiveStartKey": {}}');
\echo :LAST_ERROR_SQLSTATE
-- ... of the wrong type: the partition key, the sort key
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}},
  "ExclusiveStartKey": {"pk": {"N": "1"}, "sk": {"S": "item#05"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}},
  "ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {"N": "5"}}}');
\echo :LAST_ERROR_SQLSTATE
-- ... an invalid AttributeValue
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}},
  "ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {}}}');
\echo :LAST_ERROR_SQLSTATE
-- ... a number that is not one
SELECT dyn_query('{"TableName": "QryNum", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}},
  "ExclusiveStartKey": {"pk": {"S": "p"}, "n": {"N": "x"}}}');
\echo :LAST_ERROR_SQLSTATE
-- ExclusiveStartKey from another partition
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}},
  "ExclusiveStartKey": {"pk": {"S": "q"}, "sk": {"S": "item#00"}}}');
\echo :LAST_ERROR_SQLSTATE
-- ... outside the sort-key condition
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk > :s",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":s": {"S": "item#20"}},
  "ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {"S": "item#05"}}}');
\echo :LAST_ERROR_SQLSTATE
-- ... for a query on the full key, which returns at most one item
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND sk = :s",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":s": {"S": "item#03"}},
  "ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {"S": "item#03"}}}');
\echo :LAST_ERROR_SQLSTATE
-- FilterExpression on a key attribute: partition key, sort key, a path into one
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "FilterExpression": "pk = :p", "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "FilterExpression": "i > :n AND begins_with(#s, :p)", "ExpressionAttributeNames": {"#s": "sk"},
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":n": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "FilterExpression": "attribute_exists(sk.x)", "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
-- Select COUNT with ProjectionExpression
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "Select": "COUNT", "ProjectionExpression": "i"}');
\echo :LAST_ERROR_SQLSTATE
-- ALL_ATTRIBUTES with ProjectionExpression
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "Select": "ALL_ATTRIBUTES", "ProjectionExpression": "i"}');
\echo :LAST_ERROR_SQLSTATE
-- SPECIFIC_ATTRIBUTES without a projection
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "Select": "SPECIFIC_ATTRIBUTES"}');
\echo :LAST_ERROR_SQLSTATE
-- ALL_PROJECTED_ATTRIBUTES without IndexName
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "Select": "ALL_PROJECTED_ATTRIBUTES"}');
\echo :LAST_ERROR_SQLSTATE
-- a Select that does not exist
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}, "Select": "EVERYTHING"}');
\echo :LAST_ERROR_SQLSTATE
-- unknown IndexName
SELECT dyn_query('{"TableName": "QryPage", "IndexName": "nope-index", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM dyn_query('QryPage', 'pk = :p', '{":p": "p"}', index_name => 'nope-index');
\echo :LAST_ERROR_SQLSTATE
-- unknown table: wire form and plain form
SELECT dyn_query('{"TableName": "QryNoSuchTable", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM dyn_query('QryNoSuchTable', 'pk = :p', '{":p": "p"}');
\echo :LAST_ERROR_SQLSTATE
-- validation comes before the table lookup
SELECT dyn_query('{"TableName": "QryNoSuchTable", "KeyConditionExpression": "pk = :p OR pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
-- unused and undefined placeholders
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}, ":unused": {"S": "x"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p"}');
\echo :LAST_ERROR_SQLSTATE
-- a reserved word as a key attribute name needs a placeholder
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p AND size = :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}');
\echo :LAST_ERROR_SQLSTATE
-- a JSON object passed to the plain form as the table name: DY001 with a hint
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk = :p"}', 'pk = :p');
\echo :LAST_ERROR_SQLSTATE
-- and a NULL table name or key condition
SELECT * FROM dyn_query(NULL, 'pk = :p', '{":p": "p"}');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM dyn_query('QryPage', NULL, '{":p": "p"}');
\echo :LAST_ERROR_SQLSTATE
-- the failed queries changed nothing, and the transaction aborts as SQL expects
BEGIN;
SELECT count(*) AS items FROM dyn_query('QryPage', 'pk = :p', '{":p": "p"}');
SELECT dyn_query('{"TableName": "QryPage", "KeyConditionExpression": "pk < :p",
  "ExpressionAttributeValues": {":p": {"S": "p"}}}');
SELECT 1;
ROLLBACK;
