-- hot_partitions: the seeds' "Defeating Hot Partitions" designs work as
-- written.  Customer-level partitioning (PK CUSTOMER#, account-level reads
-- through GSI1 on ACCOUNT#) against the account-level anti-pattern; the
-- event stream partitioned by MERCHANT# with time-based reads through GSI1
-- on DATE#; how to see a partition's share of the items (the seeds'
-- "monitor partition metrics") from SQL; and that a hot partition is only
-- a matter of load here: no throttling, every write lands, and a partition
-- of many items is still read a page at a time through the index.
--
-- Table names start with Hot so that this file shares a database with the
-- other tests without clashing.

-- the sort keys of a Query's items, in order, and the page's Count
CREATE FUNCTION hot_keys(resp jsonb, attr text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT format('Count=%s [%s]%s', resp->'Count',
        (SELECT string_agg(i->attr->>'S', ', ' ORDER BY o)
           FROM jsonb_array_elements(resp->'Items') WITH ORDINALITY AS t(i, o)),
        CASE WHEN resp ? 'LastEvaluatedKey' THEN ' (more)' ELSE '' END)
$$;

------------------------------------------------------------------------
-- Customer-level partitioning with an account-level GSI
------------------------------------------------------------------------
SELECT dyn_create_table('{"TableName": "HotCustomerData",
  "AttributeDefinitions": [{"AttributeName": "PK", "AttributeType": "S"},
                           {"AttributeName": "SK", "AttributeType": "S"},
                           {"AttributeName": "GSI1PK", "AttributeType": "S"},
                           {"AttributeName": "GSI1SK", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "PK", "KeyType": "HASH"},
                {"AttributeName": "SK", "KeyType": "RANGE"}],
  "GlobalSecondaryIndexes": [{"IndexName": "GSI1",
    "KeySchema": [{"AttributeName": "GSI1PK", "KeyType": "HASH"},
                  {"AttributeName": "GSI1SK", "KeyType": "RANGE"}],
    "Projection": {"ProjectionType": "ALL"}}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableStatus}' AS status;

-- 3 accounts; account a1 is the "enterprise" one with 40 customers, the
-- others have 2; each customer has 3 actions
DO $$
DECLARE
    acct text;
    ncust int;
BEGIN
    FOR acct, ncust IN VALUES ('a1', 40), ('a2', 2), ('a3', 2) LOOP
        FOR c IN 1..ncust LOOP
            FOR a IN 1..3 LOOP
                PERFORM dyn_put_item(jsonb_build_object('TableName', 'HotCustomerData',
                    'Item', jsonb_build_object(
                        'PK', jsonb_build_object('S', format('CUSTOMER#%s-c%s', acct, lpad(c::text, 2, '0'))),
                        'SK', jsonb_build_object('S', format('ACTION#2024-01-15T10:0%s:00Z#act%s', a, a)),
                        'GSI1PK', jsonb_build_object('S', 'ACCOUNT#' || acct),
                        'GSI1SK', jsonb_build_object('S', format('CUSTOMER#%s-c%s', acct, lpad(c::text, 2, '0'))),
                        'actionType', jsonb_build_object('S', 'purchase'),
                        'timestamp', jsonb_build_object('S', format('2024-01-15T10:0%s:00Z', a)))));
            END LOOP;
        END LOOP;
    END LOOP;
END $$;

-- getCustomerActivity: one customer's own partition, newest first
SELECT hot_keys(dyn_query('{"TableName": "HotCustomerData",
  "KeyConditionExpression": "PK = :pk",
  "ExpressionAttributeValues": {":pk": {"S": "CUSTOMER#a1-c07"}},
  "ScanIndexForward": false}'), 'SK') AS customer_activity;

-- getAccountCustomers: the account through GSI1, small account first
SELECT hot_keys(dyn_query('{"TableName": "HotCustomerData", "IndexName": "GSI1",
  "KeyConditionExpression": "GSI1PK = :pk",
  "ExpressionAttributeValues": {":pk": {"S": "ACCOUNT#a2"}}}'), 'GSI1SK') AS account_customers;
-- the enterprise account: 120 index items, read a page at a time
SELECT hot_keys(dyn_query('{"TableName": "HotCustomerData", "IndexName": "GSI1",
  "KeyConditionExpression": "GSI1PK = :pk AND begins_with(GSI1SK, :c)",
  "ExpressionAttributeValues": {":pk": {"S": "ACCOUNT#a1"}, ":c": {"S": "CUSTOMER#a1-c3"}},
  "Limit": 4}'), 'GSI1SK') AS enterprise_first_page;
SELECT (dyn_query('{"TableName": "HotCustomerData", "IndexName": "GSI1",
  "KeyConditionExpression": "GSI1PK = :pk",
  "ExpressionAttributeValues": {":pk": {"S": "ACCOUNT#a1"}}, "Select": "COUNT"}') -> 'Count') AS enterprise_items;

-- "monitor partition metrics": the item count per partition and its share,
-- from the backing table (the base table's partitions are even; the GSI's
-- ACCOUNT#a1 partition holds most of the index)
SELECT backing_schema || '.' || backing_name AS hot_bt FROM dynamo.tables
WHERE table_name = 'HotCustomerData' \gset
SELECT count(DISTINCT pk) AS partitions, max(n) AS largest, min(n) AS smallest
FROM (SELECT pk, count(*) AS n FROM :hot_bt GROUP BY pk) AS p;
SELECT item->'GSI1PK'->>'S' AS gsi1_partition, count(*) AS items,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct
FROM :hot_bt GROUP BY 1 ORDER BY 2 DESC, 1;

------------------------------------------------------------------------
-- The anti-pattern still works: one account-level partition
------------------------------------------------------------------------
SELECT dyn_create_table('{"TableName": "HotAccountData",
  "AttributeDefinitions": [{"AttributeName": "PK", "AttributeType": "S"},
                           {"AttributeName": "SK", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "PK", "KeyType": "HASH"},
                {"AttributeName": "SK", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableStatus}' AS status;
-- 2,000 writes to one partition in one statement: no throttling, all land
SELECT count(*) AS writes FROM (
  SELECT dyn_put_item(jsonb_build_object('TableName', 'HotAccountData',
    'Item', jsonb_build_object(
      'PK', jsonb_build_object('S', 'ACCOUNT#big'),
      'SK', jsonb_build_object('S', format('CUSTOMER#c%s#ACTION#act%s', lpad((g / 10)::text, 4, '0'), g % 10)),
      'customerId', jsonb_build_object('S', 'c' || (g / 10)),
      'actionType', jsonb_build_object('S', 'purchase'))))
  FROM generate_series(0, 1999) AS g) AS w;
-- getAccountActivity reads the huge partition a page at a time
SELECT hot_keys(dyn_query('{"TableName": "HotAccountData",
  "KeyConditionExpression": "PK = :pk",
  "ExpressionAttributeValues": {":pk": {"S": "ACCOUNT#big"}}, "Limit": 3}'), 'SK') AS account_activity_page;
SELECT (dyn_query('{"TableName": "HotAccountData",
  "KeyConditionExpression": "PK = :pk AND begins_with(SK, :c)",
  "ExpressionAttributeValues": {":pk": {"S": "ACCOUNT#big"}, ":c": {"S": "CUSTOMER#c0042#"}},
  "Select": "COUNT"}') -> 'Count') AS one_customer_in_account;
SELECT (dyn_query('{"TableName": "HotAccountData",
  "KeyConditionExpression": "PK = :pk",
  "ExpressionAttributeValues": {":pk": {"S": "ACCOUNT#big"}}, "Select": "COUNT"}') -> 'Count') AS account_items;

------------------------------------------------------------------------
-- Event streaming: partition by MERCHANT#, time-based reads via DATE#
------------------------------------------------------------------------
SELECT dyn_create_table('{"TableName": "HotEvents",
  "AttributeDefinitions": [{"AttributeName": "PK", "AttributeType": "S"},
                           {"AttributeName": "SK", "AttributeType": "S"},
                           {"AttributeName": "GSI1PK", "AttributeType": "S"},
                           {"AttributeName": "GSI1SK", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "PK", "KeyType": "HASH"},
                {"AttributeName": "SK", "KeyType": "RANGE"}],
  "GlobalSecondaryIndexes": [{"IndexName": "GSI1",
    "KeySchema": [{"AttributeName": "GSI1PK", "KeyType": "HASH"},
                  {"AttributeName": "GSI1SK", "KeyType": "RANGE"}],
    "Projection": {"ProjectionType": "ALL"}}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableStatus}' AS status;
-- 5 merchants, 2 days, one event an hour from 08:00 to 11:00
DO $$
DECLARE
    ts text;
BEGIN
    FOR m IN 1..5 LOOP
        FOR d IN 15..16 LOOP
            FOR h IN 8..11 LOOP
                ts := format('2024-01-%sT%s:00:00Z', d, lpad(h::text, 2, '0'));
                PERFORM dyn_put_item(jsonb_build_object('TableName', 'HotEvents',
                    'Item', jsonb_build_object(
                        'PK', jsonb_build_object('S', 'MERCHANT#m' || m),
                        'SK', jsonb_build_object('S', format('EVENT#%s#e%s%s%s', ts, m, d, h)),
                        'GSI1PK', jsonb_build_object('S', format('DATE#2024-01-%s', d)),
                        'GSI1SK', jsonb_build_object('S', format('TIME#%s#MERCHANT#m%s', ts, m)),
                        'source', jsonb_build_object('S', 'payment-service'),
                        'eventData', jsonb_build_object('M', jsonb_build_object(
                            'amount', jsonb_build_object('N', (m * 10 + h)::text))))));
            END LOOP;
        END LOOP;
    END LOOP;
END $$;
-- one merchant's events on the 16th
SELECT hot_keys(dyn_query('{"TableName": "HotEvents",
  "KeyConditionExpression": "PK = :pk AND begins_with(SK, :d)",
  "ExpressionAttributeValues": {":pk": {"S": "MERCHANT#m3"}, ":d": {"S": "EVENT#2024-01-16"}}}'), 'SK') AS merchant_day;
-- every merchant's events between 09:00 and 10:00 on the 15th, through the
-- DATE# partition (the natural sub-sort by ISO timestamp)
SELECT hot_keys(dyn_query('{"TableName": "HotEvents", "IndexName": "GSI1",
  "KeyConditionExpression": "GSI1PK = :d AND GSI1SK BETWEEN :from AND :to",
  "ExpressionAttributeValues": {":d": {"S": "DATE#2024-01-15"},
    ":from": {"S": "TIME#2024-01-15T09:00:00Z"}, ":to": {"S": "TIME#2024-01-15T10:00:00Z~"}}}'), 'GSI1SK') AS hour_window;
-- with a filter on the nested event data
SELECT hot_keys(dyn_query('{"TableName": "HotEvents", "IndexName": "GSI1",
  "KeyConditionExpression": "GSI1PK = :d",
  "FilterExpression": "eventData.amount >= :min",
  "ExpressionAttributeValues": {":d": {"S": "DATE#2024-01-16"}, ":min": {"N": "59"}}}'), 'GSI1SK') AS big_events;

SELECT dyn_delete_table(jsonb_build_object('TableName', t)) #>> '{TableDescription,TableStatus}' AS deleted
FROM unnest(ARRAY['HotCustomerData', 'HotAccountData', 'HotEvents']) AS t;
DROP FUNCTION hot_keys(jsonb, text);
