-- The demo: the seeds' grocery Orders table (partition key CustomerId,
-- sort key OrderId), written and read through dynamo_ext.
\pset footer off
CREATE EXTENSION dynamo_ext;

\echo '== CreateTable Orders'
SELECT jsonb_pretty(dyn_create_table('{
  "TableName": "Orders",
  "KeySchema": [{"AttributeName": "CustomerId", "KeyType": "HASH"},
                {"AttributeName": "OrderId", "KeyType": "RANGE"}],
  "AttributeDefinitions": [{"AttributeName": "CustomerId", "AttributeType": "S"},
                           {"AttributeName": "OrderId", "AttributeType": "S"}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,KeySchema}') AS "KeySchema";

\echo '== PutItem: three orders (wire-shaped, typed JSON)'
SELECT dyn_put_item('{"TableName": "Orders", "Item": {
  "CustomerId": {"S": "7970241400"}, "OrderId": {"S": "2025-03-19#A1"},
  "Total": {"N": "23.50"},
  "Items": {"L": [{"M": {"Id": {"S": "484295"}, "Name": {"S": "Oat milk"}, "Favourite": {"BOOL": false}}},
                  {"M": {"Id": {"S": "113209"}, "Name": {"S": "Sourdough"}, "Favourite": {"BOOL": false}}}]}}}');
SELECT dyn_put_item('{"TableName": "Orders", "Item": {
  "CustomerId": {"S": "7970241400"}, "OrderId": {"S": "2025-03-21#B7"},
  "Total": {"N": "8.00"},
  "Items": {"L": [{"M": {"Id": {"S": "484295"}, "Name": {"S": "Oat milk"}, "Favourite": {"BOOL": true}}}]}}}');

\echo '== and one through the app-friendly form (plain JSON)'
SELECT dyn_put('Orders', '{"CustomerId": "1234567890", "OrderId": "2025-03-20#C3",
  "Total": 41.2, "Items": [{"Id": "700001", "Name": "Coffee beans", "Favourite": true}]}');

\echo '== GetItem (typed) of 7970241400 / 2025-03-19#A1'
SELECT jsonb_pretty(dyn_get_item('{"TableName": "Orders",
  "Key": {"CustomerId": {"S": "7970241400"}, "OrderId": {"S": "2025-03-19#A1"}}}')) AS "GetItem";

\echo '== Every order, read back as plain JSON'
SELECT o.customer AS "CustomerId", o.id AS "OrderId",
       dyn_get('Orders', jsonb_build_object('CustomerId', o.customer, 'OrderId', o.id)) AS item
FROM (VALUES ('7970241400', '2025-03-19#A1'), ('7970241400', '2025-03-21#B7'),
             ('1234567890', '2025-03-20#C3')) AS o(customer, id)
ORDER BY 1, 2;

\echo '== DescribeTable'
SELECT d->>'TableName' AS "TableName", d->>'TableStatus' AS "TableStatus",
       d->'BillingModeSummary'->>'BillingMode' AS "BillingMode"
FROM dyn_describe_table('{"TableName": "Orders"}') AS r, LATERAL (SELECT r->'Table') AS x(d);

\echo '== The backing table is an ordinary Postgres table'
SELECT t.backing_schema || '.' || t.backing_name AS backing_table FROM dynamo.tables t
WHERE t.table_name = 'Orders';
