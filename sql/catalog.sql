-- catalog: pins the table catalog operations.  CreateTable (hash-only and
-- hash+range; S, N and B keys; PAY_PER_REQUEST and PROVISIONED with the
-- throughput echoed; names of 3 and 255 characters made of letters, digits,
-- '.', '_' and '-'; case-sensitive names), the TableDescription shape,
-- DescribeTable's {"Table": ...}, ListTables in byte order with Limit and
-- ExclusiveStartTableName pagination (LastEvaluatedTableName only while
-- more names remain), DeleteTable (DELETING, then gone from ListTables,
-- dynamo.tables and pg_class), the catalog rows in dynamo.tables, and
-- dyn_execute reaching the same code.
-- CreationDateTime, TableId and TableSizeBytes vary from run to run and are
-- never printed; backing table names come from a sequence and are looked up.

-- the description without its run-dependent fields
CREATE FUNCTION pg_temp.stable(d jsonb) RETURNS jsonb
    LANGUAGE sql AS $$ SELECT d - 'CreationDateTime' - 'TableId' - 'TableSizeBytes' $$;
-- the 255-character table name, 'Z9' || repeat('a._-', 63) || '.', printed short
CREATE FUNCTION pg_temp.short(t text) RETURNS text
    LANGUAGE sql AS $$ SELECT replace(t, 'Z9' || repeat('a._-', 63) || '.', 'Z9<a._- x63>.') $$;

-- no DynamoDB table exists yet (earlier tests clean up after themselves)
SELECT dyn_list_tables();
SELECT count(*) FROM dynamo.tables;

--
-- CreateTable: hash + range, S/S, PAY_PER_REQUEST; the whole response
--
SELECT dyn_create_table('{
  "TableName": "Orders",
  "AttributeDefinitions": [
    {"AttributeName": "CustomerId", "AttributeType": "S"},
    {"AttributeName": "OrderId", "AttributeType": "S"}],
  "KeySchema": [
    {"AttributeName": "CustomerId", "KeyType": "HASH"},
    {"AttributeName": "OrderId", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') AS r \gset create_
SELECT jsonb_pretty(pg_temp.stable(:'create_r'::jsonb -> 'TableDescription')) AS "TableDescription";
SELECT (SELECT array_agg(k) FROM jsonb_object_keys(:'create_r'::jsonb) k) AS top_keys,
       jsonb_typeof(:'create_r'::jsonb #> '{TableDescription,CreationDateTime}') AS creation_type,
       (:'create_r'::jsonb #>> '{TableDescription,TableId}') ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' AS table_id_is_uuid,
       jsonb_typeof(:'create_r'::jsonb #> '{TableDescription,TableSizeBytes}') AS size_type;

-- every key of a TableDescription
SELECT array_agg(k ORDER BY k COLLATE "C") AS keys
FROM jsonb_object_keys((dyn_describe_table('{"TableName": "Orders"}') -> 'Table')) k;

-- KeySchema comes back in the order sent (HASH first, then RANGE), as does
-- AttributeDefinitions
SELECT r #> '{TableDescription,KeySchema}' AS key_schema,
       r #> '{TableDescription,AttributeDefinitions}' AS attribute_definitions,
       r #> '{TableDescription,KeySchema,0,KeyType}' AS first_key_type
FROM dyn_create_table('{
  "TableName": "Events",
  "AttributeDefinitions": [
    {"AttributeName": "Stream", "AttributeType": "B"},
    {"AttributeName": "Seq", "AttributeType": "N"}],
  "KeySchema": [
    {"AttributeName": "Stream", "KeyType": "HASH"},
    {"AttributeName": "Seq", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') r;

-- hash-only with an N key, PROVISIONED: the throughput is echoed, with
-- NumberOfDecreasesToday 0, and no BillingModeSummary is claimed for
-- PAY_PER_REQUEST
SELECT r #> '{TableDescription,ProvisionedThroughput}' AS throughput,
       r #> '{TableDescription,KeySchema}' AS key_schema,
       r #> '{TableDescription,TableStatus}' AS status,
       r #> '{TableDescription,BillingModeSummary,BillingMode}' IS DISTINCT FROM '"PAY_PER_REQUEST"' AS not_on_demand
FROM dyn_create_table('{
  "TableName": "Counters",
  "AttributeDefinitions": [{"AttributeName": "n", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "n", "KeyType": "HASH"}],
  "BillingMode": "PROVISIONED",
  "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 7}}') r;

-- BillingMode omitted means PROVISIONED; hash-only with a B key
SELECT r #> '{TableDescription,ProvisionedThroughput}' AS throughput,
       r #> '{TableDescription,AttributeDefinitions}' AS attribute_definitions
FROM dyn_create_table('{
  "TableName": "Blobs",
  "AttributeDefinitions": [{"AttributeName": "b", "AttributeType": "B"}],
  "KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}],
  "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}') r;

-- hash-only S key and PAY_PER_REQUEST: throughput reads 0/0
SELECT r #> '{TableDescription,ProvisionedThroughput}' AS throughput,
       r #> '{TableDescription,BillingModeSummary}' AS billing,
       r #> '{TableDescription,ItemCount}' AS item_count
FROM dyn_create_table('{
  "TableName": "users",
  "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') r;

-- N hash with S range; S hash with B range
SELECT r #> '{TableDescription,TableName}' AS name, r #> '{TableDescription,KeySchema}' AS key_schema
FROM dyn_create_table('{
  "TableName": "Scores",
  "AttributeDefinitions": [
    {"AttributeName": "game", "AttributeType": "N"},
    {"AttributeName": "player", "AttributeType": "S"}],
  "KeySchema": [
    {"AttributeName": "game", "KeyType": "HASH"},
    {"AttributeName": "player", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') r;
SELECT r #> '{TableDescription,TableName}' AS name, r #> '{TableDescription,AttributeDefinitions}' AS defs
FROM dyn_create_table('{
  "TableName": "Chunks",
  "AttributeDefinitions": [
    {"AttributeName": "file", "AttributeType": "S"},
    {"AttributeName": "hash", "AttributeType": "B"}],
  "KeySchema": [
    {"AttributeName": "file", "KeyType": "HASH"},
    {"AttributeName": "hash", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') r;

--
-- Table names: case-sensitive, 3 and 255 characters, '.', '_' and '-'
--
-- "orders" is another table than "Orders"
SELECT r #> '{TableDescription,TableName}' AS name,
       r #> '{TableDescription,TableArn}' AS arn,
       r #> '{TableDescription,KeySchema}' AS key_schema
FROM dyn_create_table('{
  "TableName": "orders",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') r;
SELECT (dyn_describe_table('{"TableName": "Orders"}') #> '{Table,KeySchema,0}') AS "Orders",
       (dyn_describe_table('{"TableName": "orders"}') #> '{Table,KeySchema,0}') AS "orders";
-- a third spelling does not exist
SELECT dyn_describe_table('{"TableName": "ORDERS"}');
\echo :LAST_ERROR_SQLSTATE
-- the same name again is ResourceInUse
SELECT dyn_create_table('{
  "TableName": "Orders",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE

-- 3 characters, with '.', '_' and '-'
SELECT r #> '{TableDescription,TableName}' AS name, r #> '{TableDescription,TableStatus}' AS status
FROM dyn_create_table('{
  "TableName": "a.b",
  "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') r;
SELECT r #> '{TableDescription,TableName}' AS name
FROM dyn_create_table('{
  "TableName": "_-.",
  "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') r;
-- 255 characters
SELECT length(r #>> '{TableDescription,TableName}') AS len,
       r #>> '{TableDescription,TableName}' = 'Z9' || repeat('a._-', 63) || '.' AS same_name,
       r #>> '{TableDescription,TableArn}' = 'arn:aws:dynamodb:local:000000000000:table/' || 'Z9' || repeat('a._-', 63) || '.' AS arn_ok
FROM dyn_create_table(jsonb_build_object(
  'TableName', 'Z9' || repeat('a._-', 63) || '.',
  'AttributeDefinitions', '[{"AttributeName": "k", "AttributeType": "S"}]'::jsonb,
  'KeySchema', '[{"AttributeName": "k", "KeyType": "HASH"}]'::jsonb,
  'BillingMode', 'PAY_PER_REQUEST')) r;
SELECT length(dyn_describe_table(jsonb_build_object('TableName', 'Z9' || repeat('a._-', 63) || '.')) #>> '{Table,TableName}') AS len;
-- one character either side of the limits is refused
SELECT dyn_create_table(jsonb_build_object(
  'TableName', 'Z9' || repeat('a._-', 63) || '.-',
  'AttributeDefinitions', '[{"AttributeName": "k", "AttributeType": "S"}]'::jsonb,
  'KeySchema', '[{"AttributeName": "k", "KeyType": "HASH"}]'::jsonb,
  'BillingMode', 'PAY_PER_REQUEST'));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('{
  "TableName": "ab",
  "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE

--
-- DescribeTable: {"Table": ...}, the same description as CreateTable gave
-- (whether a PROVISIONED table shows a BillingModeSummary is not pinned)
--
SELECT jsonb_pretty(pg_temp.stable(dyn_describe_table('{"TableName": "Counters"}') -> 'Table') - 'BillingModeSummary');
SELECT pg_temp.stable(dyn_describe_table('{"TableName": "Orders"}') -> 'Table')
     = pg_temp.stable(:'create_r'::jsonb -> 'TableDescription') AS same_as_created;
SELECT (SELECT array_agg(k) FROM jsonb_object_keys(dyn_describe_table('{"TableName": "users"}')) k) AS top_keys;

--
-- the catalog
--
SELECT pg_temp.short(table_name) AS table_name, hash_key, hash_type, range_key, range_type, billing_mode,
       provisioned_throughput, status
FROM dynamo.tables ORDER BY table_name;
-- every backing table exists, in dynamo_data
SELECT pg_temp.short(t.table_name) AS table_name, c.relkind, n.nspname
FROM dynamo.tables t
JOIN pg_class c ON c.relname = t.backing_name
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = t.backing_schema
ORDER BY t.table_name;
-- the backing table's key columns are typed by the key types
SELECT t.table_name, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
       co.collname
FROM dynamo.tables t
JOIN pg_class c ON c.relname = t.backing_name
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = t.backing_schema
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 0
WHERE t.table_name IN ('Orders', 'Counters', 'Blobs', 'Scores', 'Chunks')
ORDER BY t.table_name, a.attnum;

--
-- ListTables: byte order, uppercase before lowercase, '.' '_' '-' by byte
--
SELECT jsonb_array_length(dyn_list_tables() -> 'TableNames') AS n;
SELECT pg_temp.short(r -> 'TableNames' ->> i) AS name
FROM dyn_list_tables('{}') r, generate_series(0, jsonb_array_length(r -> 'TableNames') - 1) i
ORDER BY i;
-- the order is exactly that of the names' bytes
SELECT array_agg(x ORDER BY o) = array_agg(x ORDER BY x COLLATE "C") AS byte_order,
       (SELECT NOT (r ? 'LastEvaluatedTableName') FROM dyn_list_tables() r) AS complete
FROM dyn_list_tables() r, jsonb_array_elements_text(r -> 'TableNames') WITH ORDINALITY AS e(x, o);
-- no argument and an empty request are the same
SELECT dyn_list_tables() = dyn_list_tables('{}') AS same;

-- Limit 2: page through all tables, each page starting after the last
SELECT pg_temp.short(dyn_list_tables('{"Limit": 2}')::text) AS page;
SELECT pg_temp.short(dyn_list_tables('{"Limit": 2, "ExclusiveStartTableName": "Chunks"}')::text) AS page;
SELECT pg_temp.short(dyn_list_tables('{"Limit": 2, "ExclusiveStartTableName": "Events"}')::text) AS page;
SELECT pg_temp.short(dyn_list_tables('{"Limit": 2, "ExclusiveStartTableName": "Scores"}')::text) AS page;
SELECT pg_temp.short(dyn_list_tables('{"Limit": 2, "ExclusiveStartTableName": "_-."}')::text) AS page;
-- the last page, one name: no LastEvaluatedTableName
SELECT pg_temp.short(dyn_list_tables('{"Limit": 2, "ExclusiveStartTableName": "orders"}')::text) AS page;
-- a last page that is exactly full: no LastEvaluatedTableName either, as
-- no name remains
SELECT dyn_list_tables('{"Limit": 2, "ExclusiveStartTableName": "a.b"}');
-- after the last name: an empty page
SELECT dyn_list_tables('{"Limit": 2, "ExclusiveStartTableName": "users"}');
SELECT dyn_list_tables('{"ExclusiveStartTableName": "zzz"}');
-- the whole list through Limit 2, by a loop on LastEvaluatedTableName
WITH RECURSIVE pages(n, page) AS (
    SELECT 1, dyn_list_tables('{"Limit": 2}')
  UNION ALL
    SELECT n + 1, dyn_list_tables(jsonb_build_object('Limit', 2,
                     'ExclusiveStartTableName', page -> 'LastEvaluatedTableName'))
    FROM pages WHERE page ? 'LastEvaluatedTableName'
)
SELECT count(*) AS pages, sum(jsonb_array_length(page -> 'TableNames')) AS names
FROM pages;

-- Limit 1: walk every page by LastEvaluatedTableName until it is absent
WITH RECURSIVE pages(n, page) AS (
    SELECT 1, dyn_list_tables('{"Limit": 1}')
  UNION ALL
    SELECT n + 1, dyn_list_tables(jsonb_build_object('Limit', 1,
                     'ExclusiveStartTableName', page -> 'LastEvaluatedTableName'))
    FROM pages WHERE page ? 'LastEvaluatedTableName'
)
SELECT n, pg_temp.short(page -> 'TableNames' ->> 0) AS name,
       page ? 'LastEvaluatedTableName' AS more,
       page -> 'LastEvaluatedTableName' = page -> 'TableNames' -> 0 AS last_is_name
FROM pages ORDER BY n;

-- an ExclusiveStartTableName that does not exist starts after it in byte order
SELECT dyn_list_tables('{"Limit": 2, "ExclusiveStartTableName": "Czz"}');
SELECT pg_temp.short(dyn_list_tables('{"Limit": 2, "ExclusiveStartTableName": "OrdersZ"}')::text) AS page;
SELECT pg_temp.short(dyn_list_tables('{"Limit": 3, "ExclusiveStartTableName": "Z00"}')::text) AS page;
SELECT dyn_list_tables('{"Limit": 3, "ExclusiveStartTableName": "ZZZ"}');
SELECT dyn_list_tables('{"Limit": 1, "ExclusiveStartTableName": "AAA"}');
SELECT dyn_list_tables('{"Limit": 1, "ExclusiveStartTableName": "ordert"}');
-- a prefix of an existing name comes before it
SELECT dyn_list_tables('{"Limit": 1, "ExclusiveStartTableName": "Orde"}');
-- lowercase "orders" sorts after every uppercase name and after "_"
SELECT dyn_list_tables('{"Limit": 1, "ExclusiveStartTableName": "ZZZZ"}');
SELECT dyn_list_tables('{"Limit": 1, "ExclusiveStartTableName": "_zz"}');
-- a Limit larger than the number of tables returns them all, without
-- LastEvaluatedTableName
SELECT jsonb_array_length(r -> 'TableNames') AS n, r ? 'LastEvaluatedTableName' AS more
FROM dyn_list_tables('{"Limit": 100}') r;

--
-- dyn_execute reaches the same operations
--
SELECT r #> '{TableDescription,TableName}' AS name,
       r #> '{TableDescription,KeySchema}' AS key_schema,
       r #> '{TableDescription,BillingModeSummary}' AS billing
FROM dyn_execute('CreateTable', '{
  "TableName": "Via.Execute",
  "AttributeDefinitions": [
    {"AttributeName": "p", "AttributeType": "S"},
    {"AttributeName": "s", "AttributeType": "N"}],
  "KeySchema": [
    {"AttributeName": "p", "KeyType": "HASH"},
    {"AttributeName": "s", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') r;
SELECT pg_temp.stable(dyn_execute('DescribeTable', '{"TableName": "Via.Execute"}'))
     = pg_temp.stable(dyn_describe_table('{"TableName": "Via.Execute"}')) AS same_describe;
SELECT pg_temp.short(dyn_execute('ListTables', '{"Limit": 2, "ExclusiveStartTableName": "Scores"}')::text) AS page;
SELECT table_name, hash_key, hash_type, range_key, range_type, billing_mode
FROM dynamo.tables WHERE table_name = 'Via.Execute';
-- the text twin too
SELECT dyn_execute_text('ListTables', '{"Limit": 1, "ExclusiveStartTableName": "Users"}');
SELECT dyn_execute_text('ListTables', '{"Limit": 1, "ExclusiveStartTableName": "orders"}');
SELECT dyn_execute_text('DescribeTable', '{"TableName": "Via.Execute"}')::jsonb #> '{Table,KeySchema}' AS key_schema;

--
-- DeleteTable: DELETING, then gone everywhere
--
SELECT t.backing_schema || '.' || t.backing_name AS orders_backing
FROM dynamo.tables t WHERE t.table_name = 'Orders' \gset
SELECT to_regclass(:'orders_backing') IS NOT NULL AS backing_exists;
SELECT pg_temp.stable(dyn_delete_table('{"TableName": "Orders"}') -> 'TableDescription') AS deleted;
SELECT to_regclass(:'orders_backing') IS NULL AS backing_gone;
SELECT count(*) FROM pg_class WHERE relname = split_part(:'orders_backing', '.', 2);
SELECT count(*) FROM dynamo.tables WHERE table_name = 'Orders';
SELECT dyn_list_tables('{"Limit": 3, "ExclusiveStartTableName": "Counters"}');
SELECT dyn_describe_table('{"TableName": "Orders"}');
\echo :LAST_ERROR_SQLSTATE
-- a second delete does not find it
SELECT dyn_delete_table('{"TableName": "Orders"}');
\echo :LAST_ERROR_SQLSTATE
-- "orders" is untouched
SELECT dyn_describe_table('{"TableName": "orders"}') #>> '{Table,TableStatus}' AS status;
-- and the name can be used again
SELECT r #> '{TableDescription,KeySchema}' AS key_schema
FROM dyn_create_table('{
  "TableName": "Orders",
  "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') r;
SELECT table_name, hash_key, hash_type, range_key, range_type, billing_mode
FROM dynamo.tables WHERE table_name = 'Orders';
SELECT backing_schema || '.' || backing_name <> :'orders_backing' AS new_backing
FROM dynamo.tables WHERE table_name = 'Orders';

-- DeleteTable through dyn_execute, and of PROVISIONED and long-named tables
SELECT r #> '{TableDescription,TableStatus}' AS status,
       r #> '{TableDescription,TableName}' AS name,
       r #> '{TableDescription,ProvisionedThroughput}' AS throughput
FROM dyn_execute('DeleteTable', '{"TableName": "Counters"}') r;
SELECT length(r #>> '{TableDescription,TableName}') AS len, r #> '{TableDescription,TableStatus}' AS status
FROM dyn_delete_table(jsonb_build_object('TableName', 'Z9' || repeat('a._-', 63) || '.')) r;

-- drop everything else; nothing is left behind
SELECT t AS name, dyn_delete_table(jsonb_build_object('TableName', t)) #>> '{TableDescription,TableStatus}' AS status
FROM jsonb_array_elements_text(dyn_list_tables() -> 'TableNames') t ORDER BY t COLLATE "C";
SELECT dyn_list_tables();
SELECT count(*) FROM dynamo.tables;
SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'dynamo_data' AND c.relkind = 'r';
