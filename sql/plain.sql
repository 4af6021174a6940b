-- plain: pins the app-friendly forms dyn_put / dyn_get / dyn_delete on plain
-- JSON (strings, numbers, booleans, null, arrays, nested objects; no type
-- descriptors).  dyn_put stores what dyn_get and dyn_delete give back;
-- dyn_get of a missing key is NULL; dyn_delete returns the deleted item,
-- then NULL; typed-only values (sets, binary) come back as arrays and
-- base64; a JSON object where a table name belongs is DY001 with a hint
-- naming the wire function; NULL arguments are missing fields with
-- DynamoDB's errors; and the forms work row by row inside ordinary SQL.

SELECT dyn_create_table('{
  "TableName": "Plain",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableStatus}' AS status;
SELECT dyn_create_table('{
  "TableName": "Orders",
  "AttributeDefinitions": [
    {"AttributeName": "CustomerId", "AttributeType": "S"},
    {"AttributeName": "SK", "AttributeType": "S"}],
  "KeySchema": [
    {"AttributeName": "CustomerId", "KeyType": "HASH"},
    {"AttributeName": "SK", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableStatus}' AS status;

--
-- dyn_put / dyn_get: plain JSON in and out
--
SELECT dyn_put('Plain', '{"pk": 1, "name": "Eggs", "price": 2.99, "qty": 12, "organic": true,
  "discontinued": false, "note": null, "tags": ["fresh", "dairy-free", 7, null, [1, [2]]],
  "supplier": {"name": "Hen House", "address": {"city": "Cork", "geo": {"lat": 51.9, "lon": -8.47}}},
  "empty_string": "", "empty_list": [], "empty_object": {}}');
SELECT jsonb_pretty(dyn_get('Plain', '{"pk": 1}'));
-- what went in comes back equal
SELECT dyn_get('Plain', '{"pk": 1}') = '{"pk": 1, "name": "Eggs", "price": 2.99, "qty": 12, "organic": true,
  "discontinued": false, "note": null, "tags": ["fresh", "dairy-free", 7, null, [1, [2]]],
  "supplier": {"name": "Hen House", "address": {"city": "Cork", "geo": {"lat": 51.9, "lon": -8.47}}},
  "empty_string": "", "empty_list": [], "empty_object": {}}'::jsonb AS same;
-- it is stored typed, as the wire form reads it
SELECT jsonb_pretty(dyn_get_item('{"TableName": "Plain", "Key": {"pk": {"N": "1"}}}') - 'ConsumedCapacity');
-- numbers come back canonical: 1.50 is 1.5, 1e3 is 1000, -0 is 0
SELECT dyn_put('Plain', '{"pk": 2, "a": 1.50, "b": 1e3, "c": -0, "d": 0.000, "e": -12.5e-1,
  "f": 12345678901234567890123456789012345678, "g": 0.000001}');
SELECT dyn_get('Plain', '{"pk": 2}');
-- the key may be written in any form of the same number
SELECT dyn_get('Plain', '{"pk": 2.0}') -> 'pk' AS pk, dyn_get('Plain', '{"pk": 20e-1}') -> 'a' AS a;
-- a put replaces the whole item
SELECT dyn_put('Plain', '{"pk": 2, "only": "this"}');
SELECT dyn_get('Plain', '{"pk": 2}');
-- unicode
SELECT dyn_put('Plain', '{"pk": 3, "s": "Grüße 🛒 東京", "\u00fc": "key ü"}');
SELECT dyn_get('Plain', '{"pk": 3}');

--
-- dyn_get of a missing key is NULL, not {}
--
SELECT dyn_get('Plain', '{"pk": 404}') IS NULL AS is_null;
SELECT coalesce(dyn_get('Plain', '{"pk": 404}'), '"absent"') AS shown;

--
-- dyn_delete returns the deleted item, then NULL
--
SELECT dyn_delete('Plain', '{"pk": 3}');
SELECT dyn_delete('Plain', '{"pk": 3}') IS NULL AS second_is_null;
SELECT dyn_get('Plain', '{"pk": 3}') IS NULL AS gone;
SELECT dyn_delete('Plain', '{"pk": 404}') IS NULL AS missing_is_null;

--
-- typed-only values read through the plain form
--
SELECT dyn_put_item('{"TableName": "Plain", "Item": {"pk": {"N": "4"}, "ss": {"SS": ["a", "b"]},
  "ns": {"NS": ["1", "2.50"]}, "bs": {"BS": ["AQ=="]}, "b": {"B": "aGVsbG8="}}}');
SELECT k, CASE WHEN jsonb_typeof(v) = 'array'
               THEN (SELECT jsonb_agg(e ORDER BY e::text) FROM jsonb_array_elements(v) e)
               ELSE v END AS v
FROM jsonb_each(dyn_get('Plain', '{"pk": 4}')) AS t(k, v) ORDER BY k;

--
-- composite keys: the key object names both key attributes
--
SELECT dyn_put('Orders', '{"CustomerId": "7970241400", "SK": "2025-03-01#2121195", "OrderId": "2121195",
  "Items": [{"Id": "484295", "Name": "Eggs", "Favourite": false}, {"Id": "100231", "Name": "Sourdough", "Favourite": true}]}');
SELECT dyn_put('Orders', '{"CustomerId": "7970241400", "SK": "FAVOURITE#100231", "ItemId": "100231", "ItemName": "Sourdough"}');
SELECT dyn_get('Orders', '{"CustomerId": "7970241400", "SK": "2025-03-01#2121195"}');
SELECT dyn_get('Orders', '{"CustomerId": "7970241400", "SK": "2025-03-01#2121195"}') #> '{Items,1,Favourite}' AS second_favourite;
SELECT dyn_get('Orders', '{"CustomerId": "7970241400", "SK": "FAVOURITE#100231"}');
SELECT dyn_get('Orders', '{"CustomerId": "7970241400", "SK": "FAVOURITE#484295"}') IS NULL AS not_a_favourite;
SELECT dyn_delete('Orders', '{"CustomerId": "7970241400", "SK": "FAVOURITE#100231"}');
SELECT dyn_get('Orders', '{"CustomerId": "7970241400", "SK": "FAVOURITE#100231"}') IS NULL AS gone;

--
-- a JSON object where the table name belongs: DY001 with a hint
--
SELECT dyn_get('{"TableName": "Plain", "Key": {"pk": {"N": "1"}}}', '{"pk": 1}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put('  {"TableName": "Plain"}', '{"pk": 9}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete(E'\n{"TableName": "Plain"}', '{"pk": 1}');
\echo :LAST_ERROR_SQLSTATE
-- nothing was written or deleted
SELECT dyn_get('Plain', '{"pk": 9}') IS NULL AS not_written, dyn_get('Plain', '{"pk": 1}') IS NOT NULL AS not_deleted;
-- a table that does not exist is ResourceNotFound
SELECT dyn_get('NoSuchTable', '{"pk": 1}');
\echo :LAST_ERROR_SQLSTATE

--
-- NULL arguments are missing request fields, with DynamoDB's errors
--
SELECT dyn_put(NULL, '{"pk": 1}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put('Plain', NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put(NULL, NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get(NULL, '{"pk": 1}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get('Plain', NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete(NULL, '{"pk": 1}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete('Plain', NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete(NULL, NULL);
\echo :LAST_ERROR_SQLSTATE
-- a key of the wrong type, or with extra attributes, does not match the schema
SELECT dyn_get('Plain', '{"pk": "1"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get('Plain', '{"pk": 1, "name": "Eggs"}');
\echo :LAST_ERROR_SQLSTATE

--
-- the plain forms inside SQL
--
SELECT count(dyn_put('Plain', jsonb_build_object('pk', g, 'square', g * g, 'label', 'n' || g)))
FROM generate_series(10, 14) g;
SELECT g, dyn_get('Plain', jsonb_build_object('pk', g)) AS item
FROM generate_series(10, 15) g ORDER BY g;
SELECT g, dyn_get('Plain', jsonb_build_object('pk', g)) ->> 'name' AS name,
       dyn_get('Plain', jsonb_build_object('pk', g)) ->> 'only' AS only,
       dyn_get('Plain', jsonb_build_object('pk', g)) IS NULL AS missing
FROM generate_series(1, 3) g ORDER BY g;
-- (a one-letter table name is refused before any row is read)
SELECT dyn_get('T', jsonb_build_object('pk', g)) FROM generate_series(1, 3) g;
\echo :LAST_ERROR_SQLSTATE
-- in WHERE, and in a join
SELECT g FROM generate_series(9, 16) g WHERE dyn_get('Plain', jsonb_build_object('pk', g)) IS NULL ORDER BY g;
SELECT v.pk, i ->> 'label' AS label
FROM (VALUES (12), (14), (99)) v(pk)
LEFT JOIN LATERAL (SELECT dyn_get('Plain', jsonb_build_object('pk', v.pk)) AS i) x ON true
ORDER BY v.pk;
-- copy rows of an ordinary table in, and delete by a query
CREATE TEMP TABLE products (id int, name text, price numeric, tags text[]);
INSERT INTO products VALUES (20, 'Milk', 1.99, '{dairy}'), (21, 'Bread', 4.50, '{bakery,fresh}'), (22, 'Tea', 3, '{}');
SELECT count(dyn_put('Plain', jsonb_build_object('pk', id, 'name', name, 'price', price, 'tags', to_jsonb(tags))))
FROM products;
SELECT p.id, dyn_get('Plain', jsonb_build_object('pk', p.id)) AS item FROM products p ORDER BY p.id;
SELECT d ->> 'name' AS deleted
FROM generate_series(20, 22) g, LATERAL dyn_delete('Plain', jsonb_build_object('pk', g)) d
ORDER BY g;
SELECT count(*) FILTER (WHERE dyn_get('Plain', jsonb_build_object('pk', id)) IS NULL) AS gone FROM products;
-- dyn_put in a rolled-back transaction leaves nothing
BEGIN;
SELECT dyn_put('Plain', '{"pk": 30, "v": "temporary"}');
SELECT dyn_get('Plain', '{"pk": 30}');
ROLLBACK;
SELECT dyn_get('Plain', '{"pk": 30}') IS NULL AS rolled_back;

-- the backing table rows
SELECT backing_schema || '.' || backing_name AS plain_backing FROM dynamo.tables WHERE table_name = 'Plain' \gset
SELECT pk, item FROM :plain_backing ORDER BY pk;

SELECT dyn_delete_table('{"TableName": "Plain"}') #>> '{TableDescription,TableStatus}' AS status;
SELECT dyn_delete_table('{"TableName": "Orders"}') #>> '{TableDescription,TableStatus}' AS status;
SELECT dyn_list_tables();
