-- migrations: pins the evolution of a table's data model in SQL (the
-- seeds' techniques).
--  * Versioned, reversible migrations (OneTable style): on the seeds'
--    Orders table, step 1.0.0 adds DeliveryDate to every existing order
--    (a BulkUpdate with if_not_exists, so values the app already wrote are
--    kept) and creates the DeliveryDate-index (UpdateTable); the seed's
--    query then finds the orders by delivery date.  Rolling back to 0.0.0
--    drops the index and removes the backfilled attribute; applying again
--    restores both.  A step adding a new entity (the seed's favourite
--    items, TransactWriteItems).  A failing step (an Sql error) is undone,
--    recorded failed with its message and stops the run; the table stays
--    at the last good version and a later run, once the cause is fixed,
--    continues.  A failing roll back leaves the step applied.  Register
--    and migrate errors (version text, duplicates, malformed actions,
--    unknown tables and versions), dyn_migrations, and a run in a
--    rolled-back transaction leaving nothing behind.
--  * The data-model history: every CreateTable, UpdateTable, migration
--    step, bulk update and upgrade registration, with actor and reason
--    (SET dynamo_ext.reason).
--  * Lazy upgrades (tolerate old items, set the attribute gradually):
--    orders at schema version 0 read as version 1 (Status "NEW") through
--    GetItem, Query (table and GSI), Scan (filters see the upgraded item),
--    BatchGetItem and TransactGetItems, while the stored item is
--    untouched; writes store the upgraded item; upgrades chain (1 -> 2);
--    an upgrade that changes the key, or returns no item, is refused; odd
--    _schema_version values never break reads or writes; registration
--    errors.
--  * Bulk update jobs: a short job (BatchSize 10) run to done, checked in
--    dyn_jobs and in the data; a filtered job; a job that fails on a bad
--    item and, once the item is fixed, resumes to done; pause, resume and
--    cancel with their state errors; one worker per job; request errors.
--  * DeleteTable forgets a table's migrations and upgrades, so that a new
--    table of the same name starts clean.
-- Timestamps, durations, job ids and worker pids vary and are never
-- printed.  GSI builds and jobs run in background workers: the waits below
-- poll with COMMIT between polls (a transaction kept open would hold back
-- CREATE INDEX CONCURRENTLY), bounded to 60 s.

\set VERBOSITY default
-- history rows of earlier tests in this database are not ours
SELECT coalesce(max(id), 0) AS hist_start FROM dynamo.model_history \gset

-- wait (at most 60 s) until an index is ACTIVE
CREATE PROCEDURE pg_temp.wait_index(tab text, idx text)
LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 1 .. 1200 LOOP
        IF EXISTS (SELECT 1 FROM dynamo.indexes
                   WHERE table_name = tab AND index_name = idx AND status = 'ACTIVE') THEN
            RETURN;
        END IF;
        COMMIT;
        PERFORM pg_sleep(0.05);
    END LOOP;
    RAISE NOTICE 'index % of % is not ACTIVE after 60 s', idx, tab;
END $$;

-- wait (at most 60 s) until a job has left "running" and its worker is gone
CREATE PROCEDURE pg_temp.wait_job(job bigint)
LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 1 .. 1200 LOOP
        IF EXISTS (SELECT 1 FROM dynamo.jobs j WHERE j.id = job AND j.status <> 'running'
                   AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                                   WHERE a.pid = j.worker_pid)) THEN
            RETURN;
        END IF;
        COMMIT;
        PERFORM pg_sleep(0.05);
    END LOOP;
    RAISE NOTICE 'job is still running after 60 s';
END $$;

-- wait (at most 60 s) until a job has done at least n items
CREATE PROCEDURE pg_temp.wait_progress(job bigint, n bigint)
LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 1 .. 1200 LOOP
        IF (SELECT items_done FROM dynamo.jobs WHERE id = job) >= n THEN
            RETURN;
        END IF;
        COMMIT;
        PERFORM pg_sleep(0.05);
    END LOOP;
    RAISE NOTICE 'job has not done % items after 60 s', n;
END $$;

-- the live job workers of this database
CREATE FUNCTION pg_temp.job_workers() RETURNS bigint
LANGUAGE sql AS $$
    SELECT count(*) FROM pg_stat_activity
    WHERE backend_type = 'dynamo_ext job' AND datname = current_database()
$$;

-- run a job control call; its error with the job id masked
CREATE FUNCTION pg_temp.job_try(q text, job bigint) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || replace(SQLERRM, job::text, '<id>');
END $$;

-- the migration steps without what varies (times)
CREATE FUNCTION pg_temp.steps(tab text)
RETURNS TABLE (version text, description text, status text, applied_at_set boolean,
               has_duration boolean, items_touched bigint, last_error text)
LANGUAGE sql AS $$
    SELECT version, description, status,
           CASE WHEN status = 'applied' THEN applied_at IS NOT NULL END,
           duration IS NOT NULL OR status = 'pending', items_touched, last_error
    FROM dyn_migrations(tab)
$$;

-- the table's secondary indexes and attribute definitions, as DescribeTable says
CREATE FUNCTION pg_temp.model(tab text) RETURNS TABLE (attribute_definitions jsonb, gsis jsonb)
LANGUAGE sql AS $$
    SELECT (SELECT jsonb_agg(a ORDER BY a ->> 'AttributeName')
            FROM jsonb_array_elements(d -> 'AttributeDefinitions') a),
           (SELECT jsonb_agg(jsonb_build_object('IndexName', g -> 'IndexName',
                                                'IndexStatus', g -> 'IndexStatus',
                                                'KeySchema', g -> 'KeySchema'))
            FROM jsonb_array_elements(d -> 'GlobalSecondaryIndexes') g)
    FROM (SELECT dyn_describe_table(jsonb_build_object('TableName', tab)) -> 'Table' AS d) x
$$;

--
-- The seeds' Orders table: orders of two customers, before DeliveryDate
--
SELECT dyn_create_table('{
  "TableName": "Orders",
  "AttributeDefinitions": [
    {"AttributeName": "CustomerId", "AttributeType": "S"},
    {"AttributeName": "SK", "AttributeType": "S"}],
  "KeySchema": [
    {"AttributeName": "CustomerId", "KeyType": "HASH"},
    {"AttributeName": "SK", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' ->> 'TableStatus' AS status;
SELECT dyn_put('Orders', '{"CustomerId": "7970241400", "SK": "ORDER#2121195", "OrderDate": "2025-03-01", "Total": 12.5,
                           "Items": [{"Id": "484295", "Name": "Eggs"}, {"Id": "100200", "Name": "Milk"}]}');
SELECT dyn_put('Orders', '{"CustomerId": "7970241400", "SK": "ORDER#2121196", "OrderDate": "2025-03-21", "Total": 3,
                           "Items": [{"Id": "100200", "Name": "Milk"}]}');
SELECT dyn_put('Orders', '{"CustomerId": "8837223100", "SK": "ORDER#3000001", "OrderDate": "2025-03-21", "Total": 7,
                           "Items": [{"Id": "300400", "Name": "Bread"}]}');
SELECT dyn_put('Orders', '{"CustomerId": "8837223100", "SK": "ORDER#3000002", "OrderDate": "2025-03-14", "Total": 20,
                           "Items": [{"Id": "300400", "Name": "Bread"}]}');
SELECT dyn_put('Orders', '{"CustomerId": "8837223100", "SK": "ORDER#3000003", "OrderDate": "2025-03-21", "Total": 1.25,
                           "Items": [{"Id": "100200", "Name": "Milk"}]}');
SELECT format('%I.%I', backing_schema, backing_name) AS orders_bt
FROM dynamo.tables WHERE table_name = 'Orders' \gset

--
-- Step 1.0.0: DeliveryDate on every existing order, and the DeliveryDate-index
--
SET dynamo_ext.reason = 'orders by delivery date';
SELECT dyn_migration_register('Orders', '1.0.0', 'DeliveryDate on orders, DeliveryDate-index',
  '[{"BulkUpdate": {"TableName": "Orders",
                    "FilterExpression": "begins_with(SK, :order)",
                    "UpdateExpression": "SET DeliveryDate = if_not_exists(DeliveryDate, OrderDate)",
                    "ExpressionAttributeValues": {":order": {"S": "ORDER#"}}}},
    {"Operation": "UpdateTable",
     "Request": {"TableName": "Orders",
                 "AttributeDefinitions": [{"AttributeName": "DeliveryDate", "AttributeType": "S"}],
                 "GlobalSecondaryIndexUpdates": [{"Create": {
                   "IndexName": "DeliveryDate-index",
                   "KeySchema": [{"AttributeName": "DeliveryDate", "KeyType": "HASH"}],
                   "Projection": {"ProjectionType": "ALL"}}}]}}]',
  '[{"Operation": "UpdateTable",
     "Request": {"TableName": "Orders",
                 "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "DeliveryDate-index"}}]}},
    {"BulkUpdate": {"TableName": "Orders",
                    "FilterExpression": "begins_with(SK, :order) AND DeliveryDate = OrderDate",
                    "UpdateExpression": "REMOVE DeliveryDate",
                    "ExpressionAttributeValues": {":order": {"S": "ORDER#"}}}}]');
-- registered, not run
SELECT * FROM pg_temp.steps('Orders');
SELECT count(*) FILTER (WHERE item ? 'DeliveryDate') AS with_delivery_date FROM :orders_bt;

-- apply (latest)
SELECT * FROM dyn_migrate('Orders');
SELECT * FROM pg_temp.steps('Orders');
-- every order has DeliveryDate (its OrderDate); nothing else changed
SELECT sk, item -> 'DeliveryDate' AS delivery_date, item -> 'OrderDate' AS order_date
FROM :orders_bt ORDER BY pk, sk;
SELECT count(*) AS orders, count(*) FILTER (WHERE item -> 'DeliveryDate' = item -> 'OrderDate') AS backfilled
FROM :orders_bt WHERE sk LIKE 'ORDER#%';
CALL pg_temp.wait_index('Orders', 'DeliveryDate-index');
SELECT * FROM pg_temp.model('Orders');
-- the seed's query
SELECT dyn_query('{"TableName": "Orders", "IndexName": "DeliveryDate-index",
                   "KeyConditionExpression": "DeliveryDate = :delivery_date",
                   "ExpressionAttributeValues": {":delivery_date": {"S": "2025-03-21"}},
                   "Select": "COUNT"}');
SELECT item ->> 'CustomerId' AS customer, item ->> 'SK' AS sk
FROM dyn_query('Orders', 'DeliveryDate = :d', '{":d": "2025-03-21"}', index_name => 'DeliveryDate-index')
ORDER BY 1, 2;
-- new orders are written with DeliveryDate by the app (not the OrderDate)
SELECT dyn_put('Orders', '{"CustomerId": "8837223100", "SK": "ORDER#3000004", "OrderDate": "2025-03-19",
                           "DeliveryDate": "2025-03-21", "Total": 9, "Items": [{"Id": "100200", "Name": "Milk"}]}');
SELECT count(*) AS delivered_0321
FROM dyn_query('Orders', 'DeliveryDate = :d', '{":d": "2025-03-21"}', index_name => 'DeliveryDate-index');

--
-- Roll back to before any migration: index gone, backfilled attribute removed
--
SET dynamo_ext.reason = 'roll back the delivery date feature';
SELECT * FROM dyn_migrate('Orders', '0.0.0');
SELECT * FROM pg_temp.steps('Orders');
SELECT * FROM pg_temp.model('Orders');
SELECT count(*) FROM dynamo.indexes WHERE table_name = 'Orders';
SELECT dyn_query('{"TableName": "Orders", "IndexName": "DeliveryDate-index",
                   "KeyConditionExpression": "DeliveryDate = :d",
                   "ExpressionAttributeValues": {":d": {"S": "2025-03-21"}}}');
\echo :LAST_ERROR_SQLSTATE
-- the backfilled values are gone; the one the app wrote stays
SELECT sk, item -> 'DeliveryDate' AS delivery_date FROM :orders_bt ORDER BY pk, sk;
-- nothing to roll back any more
SELECT * FROM dyn_migrate('Orders', '0.0.0');

--
-- Apply again
--
SET dynamo_ext.reason = 'orders by delivery date, again';
SELECT * FROM dyn_migrate('Orders');
SELECT * FROM pg_temp.steps('Orders');
SELECT count(*) AS orders,
       count(*) FILTER (WHERE item ? 'DeliveryDate') AS with_delivery_date,
       count(*) FILTER (WHERE item -> 'DeliveryDate' = item -> 'OrderDate') AS backfilled
FROM :orders_bt WHERE sk LIKE 'ORDER#%';
-- if_not_exists kept the app's value
SELECT item -> 'DeliveryDate' AS delivery_date FROM :orders_bt WHERE sk = 'ORDER#3000004';
CALL pg_temp.wait_index('Orders', 'DeliveryDate-index');
SELECT * FROM pg_temp.model('Orders');
SELECT item ->> 'CustomerId' AS customer, item ->> 'SK' AS sk, item ->> 'DeliveryDate' AS delivery
FROM dyn_query('Orders', 'DeliveryDate = :d', '{":d": "2025-03-21"}', index_name => 'DeliveryDate-index')
ORDER BY 1, 2;
-- already at the latest version: nothing to do
SELECT * FROM dyn_migrate('Orders');
SELECT * FROM dyn_migrate('Orders', '1.0.0');

--
-- Step 1.1.0: a new entity (the seed's favourite items), in one transaction
--
SET dynamo_ext.reason = 'favourite items';
SELECT dyn_migration_register('Orders', '1.1.0', 'favourite items',
  '[{"Operation": "TransactWriteItems", "Request": {"TransactItems": [
      {"Put": {"TableName": "Orders",
               "Item": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"},
                        "ItemId": {"S": "484295"}, "ItemPrice": {"S": "2.99"}, "ItemName": {"S": "Eggs"},
                        "ItemDescription": {"S": "Free Range Eggs"}, "ItemCategory": {"S": "Fresh"}}}},
      {"Update": {"TableName": "Orders",
                  "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "ORDER#2121195"}},
                  "UpdateExpression": "Set #Items[0].Favourite = :Favourite",
                  "ExpressionAttributeNames": {"#Items": "Items"},
                  "ExpressionAttributeValues": {":Favourite": {"BOOL": true}, ":ItemId": {"S": "484295"}},
                  "ConditionExpression": "#Items[0].Id = :ItemId"}}]}}]',
  '[{"Operation": "DeleteItem", "Request": {"TableName": "Orders",
      "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "FAVOURITE#484295"}}}},
    {"Operation": "UpdateItem", "Request": {"TableName": "Orders",
      "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "ORDER#2121195"}},
      "UpdateExpression": "REMOVE #Items[0].Favourite",
      "ExpressionAttributeNames": {"#Items": "Items"}}}]');
SELECT * FROM dyn_migrate('Orders');
-- the seed's query for a customer's favourite items
SELECT dyn_query('{"TableName": "Orders",
                   "KeyConditionExpression": "CustomerId = :customer_id AND begins_with(SK, :sk)",
                   "ExpressionAttributeValues": {":customer_id": {"S": "7970241400"}, ":sk": {"S": "FAVOURITE#"}}}');
SELECT item -> 'Items' -> 'L' -> 0 AS first_item FROM :orders_bt WHERE sk = 'ORDER#2121195';
-- items without DeliveryDate (the favourite) are tolerated: the index is sparse
SELECT (SELECT count(*) FROM dyn_scan('Orders')) AS items,
       (SELECT count(*) FROM dyn_scan('Orders', index_name => 'DeliveryDate-index')) AS in_index;

--
-- A failing step: undone, recorded failed, the run stops there
--
CREATE TABLE mig_log (id serial PRIMARY KEY, step text NOT NULL);
SET dynamo_ext.reason = 'audit trail';
SELECT dyn_migration_register('Orders', '1.2.0', 'audited flag and audit row',
  '[{"BulkUpdate": {"TableName": "Orders", "UpdateExpression": "SET Audited = :t",
                    "ExpressionAttributeValues": {":t": {"BOOL": true}}}},
    {"Sql": "INSERT INTO mig_audit (version) VALUES (''1.2.0'')"}]',
  '[{"Sql": "DELETE FROM mig_audit WHERE version = ''1.2.0''"},
    {"BulkUpdate": {"TableName": "Orders", "UpdateExpression": "REMOVE Audited"}}]');
SELECT dyn_migration_register('Orders', '1.3.0', 'log row',
  '[{"Sql": "INSERT INTO mig_log (step) VALUES (''1.3.0 up'')"}]',
  '[{"Sql": "INSERT INTO mig_down_log (step) VALUES (''1.3.0 down'')"}]');
-- mig_audit does not exist yet: 1.2.0 fails, 1.3.0 is not tried
SELECT * FROM dyn_migrate('Orders');
SELECT * FROM pg_temp.steps('Orders');
-- the step's bulk update was undone: the table stays at 1.1.0
SELECT count(*) FILTER (WHERE item ? 'Audited') AS audited FROM :orders_bt;
SELECT count(*) FROM mig_log;
-- the cause fixed, a later run continues where the last one stopped
CREATE TABLE mig_audit (version text PRIMARY KEY);
SELECT * FROM dyn_migrate('Orders');
SELECT * FROM pg_temp.steps('Orders');
SELECT count(*) AS items, count(*) FILTER (WHERE item -> 'Audited' = '{"BOOL": true}') AS audited
FROM :orders_bt;
SELECT * FROM mig_audit;
SELECT step FROM mig_log ORDER BY id;

--
-- A failing roll back: 1.3.0's down fails; the table stays at 1.3.0, the
-- step is still applied (with the error), and is not applied twice
--
SET dynamo_ext.reason = 'back to favourites';
SELECT * FROM dyn_migrate('Orders', '1.1.0');
SELECT version, status, last_error FROM dyn_migrations('Orders');
SELECT count(*) FILTER (WHERE item ? 'Audited') AS audited FROM :orders_bt;
-- still at 1.3.0: nothing to apply
SELECT * FROM dyn_migrate('Orders');
SELECT step FROM mig_log ORDER BY id;
-- fixed: the roll back goes through, newest first
CREATE TABLE mig_down_log (id serial PRIMARY KEY, step text NOT NULL);
SELECT * FROM dyn_migrate('Orders', '1.1.0');
SELECT * FROM pg_temp.steps('Orders');
SELECT count(*) FILTER (WHERE item ? 'Audited') AS audited FROM :orders_bt;
SELECT count(*) AS audit_rows FROM mig_audit;
SELECT step FROM mig_down_log ORDER BY id;

-- a run in a transaction that rolls back leaves nothing behind
BEGIN;
SELECT * FROM dyn_migrate('Orders');
ROLLBACK;
SELECT * FROM pg_temp.steps('Orders');
SELECT count(*) FILTER (WHERE item ? 'Audited') AS audited FROM :orders_bt;
SELECT count(*) FROM dyn_model_history WHERE change = 'Migration up 1.3.0' AND id > :hist_start;

-- migrate errors
SELECT * FROM dyn_migrate('Orders', '9.9.9');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM dyn_migrate('Orders', '1.1');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM dyn_migrate('NoSuchTable');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM dyn_migrate(NULL);
\echo :LAST_ERROR_SQLSTATE

--
-- Register errors (on a table of their own)
--
RESET dynamo_ext.reason;
SELECT dyn_create_table('{"TableName": "MigErrors",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' ->> 'TableStatus' AS status;
SELECT dyn_migration_register('MigErrors', '1.0.0', 'first', '[]', '[]');
-- version text: MAJOR.MINOR.PATCH, non-negative integers without leading zeros
SELECT dyn_migration_register('MigErrors', '1.0', 'x', '[]', '[]');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_migration_register('MigErrors', '1.0.0.0', 'x', '[]', '[]');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_migration_register('MigErrors', 'v2.0.0', 'x', '[]', '[]');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_migration_register('MigErrors', '2.-1.0', 'x', '[]', '[]');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_migration_register('MigErrors', '', 'x', '[]', '[]');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_migration_register('MigErrors', '2.0.0 ', 'x', '[]', '[]');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_migration_register('MigErrors', NULL, 'x', '[]', '[]');
\echo :LAST_ERROR_SQLSTATE
-- 01.0.0 would be a second 1.0.0
SELECT dyn_migration_register('MigErrors', '01.0.0', 'x', '[]', '[]');
\echo :LAST_ERROR_SQLSTATE
-- duplicate version
SELECT dyn_migration_register('MigErrors', '1.0.0', 'again', '[]', '[]');
\echo :LAST_ERROR_SQLSTATE
-- malformed actions
SELECT dyn_migration_register('MigErrors', '2.0.0', 'x', '{"Sql": "SELECT 1"}', '[]');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_migration_register('MigErrors', '2.0.0', 'x', '[]', '"down"');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_migration_register('MigErrors', '2.0.0', 'x', '[1]', '[]');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_migration_register('MigErrors', '2.0.0', 'x', '[{"Foo": "bar"}]', '[]');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_migration_register('MigErrors', '2.0.0', 'x', '[]', NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_migration_register('MigErrors', '2.0.0', 'x', '[{"Operation": "NoSuchOperation", "Request": {}}]', '[]');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_migration_register('MigErrors', '2.0.1', 'x', '[{"Operation": "PutItem"}]', '[]');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_migration_register('MigErrors', '2.0.2', 'x', '[{"Sql": 42}]', '[]');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_migration_register('MigErrors', '2.0.3', 'x', '[{"BulkUpdate": "SET a = :b"}]', '[]');
\echo :LAST_ERROR_SQLSTATE
-- unknown table
SELECT dyn_migration_register('NoSuchTable', '1.0.0', 'x', '[]', '[]');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_migration_register(NULL, '1.0.0', 'x', '[]', '[]');
\echo :LAST_ERROR_SQLSTATE
-- only the good step was registered
SELECT * FROM pg_temp.steps('MigErrors');
SELECT * FROM dyn_migrations('NoSuchTable');

--
-- Lazy upgrades: orders at schema version 0 read as version 1
--
-- version 1: an order has a Status ("NEW" unless it has one)
CREATE FUNCTION order_v1(item jsonb) RETURNS jsonb LANGUAGE sql
    AS $$ SELECT '{"Status": {"S": "NEW"}}'::jsonb || item $$;
-- version 2: an order has a Currency
CREATE FUNCTION order_v2(item jsonb) RETURNS jsonb LANGUAGE sql
    AS $$ SELECT item || '{"Currency": {"S": "EUR"}}'::jsonb $$;
-- bad upgrades: one moves the item to another key, one returns nothing
CREATE FUNCTION fav_bad_key(item jsonb) RETURNS jsonb LANGUAGE sql
    AS $$ SELECT item || '{"SK": {"S": "FAVOURITE#moved"}}'::jsonb $$;
CREATE FUNCTION fav_null(item jsonb) RETURNS jsonb LANGUAGE sql
    AS $$ SELECT NULL::jsonb $$;
CREATE FUNCTION fav_v1(item jsonb) RETURNS jsonb LANGUAGE sql
    AS $$ SELECT item || '{"Kind": {"S": "FAVOURITE"}}'::jsonb $$;
CREATE FUNCTION not_an_item(item jsonb) RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$;

SET dynamo_ext.reason = 'order status';
-- orders are the items with an OrderDate (an entity filter has no placeholders)
SELECT dyn_register_upgrade('Orders', 'attribute_exists(OrderDate)', 0, 1, 'order_v1(jsonb)');
-- read: the old order comes back upgraded, the stored item is untouched
SELECT dyn_get('Orders', '{"CustomerId": "7970241400", "SK": "ORDER#2121196"}');
SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "ORDER#2121196"}},
                      "ProjectionExpression": "#s, #v", "ExpressionAttributeNames": {"#s": "Status", "#v": "_schema_version"}}');
SELECT item ? 'Status' AS stored_status, item ? '_schema_version' AS stored_version
FROM :orders_bt WHERE sk = 'ORDER#2121196';
-- not an order: not upgraded
SELECT dyn_get('Orders', '{"CustomerId": "7970241400", "SK": "FAVOURITE#484295"}');
-- Query (table and GSI) and Scan return upgraded orders; filters see the upgrade
SELECT item ->> 'SK' AS sk, item ->> 'Status' AS status, item -> '_schema_version' AS version
FROM dyn_query('Orders', 'CustomerId = :c', '{":c": "8837223100"}');
SELECT item ->> 'SK' AS sk, item ->> 'Status' AS status, item -> '_schema_version' AS version
FROM dyn_query('Orders', 'DeliveryDate = :d', '{":d": "2025-03-14"}', index_name => 'DeliveryDate-index');
SELECT dyn_scan('{"TableName": "Orders", "Select": "COUNT", "FilterExpression": "#s = :new",
                  "ExpressionAttributeNames": {"#s": "Status"},
                  "ExpressionAttributeValues": {":new": {"S": "NEW"}}}'::jsonb);
SELECT dyn_batch_get_item('{"RequestItems": {"Orders": {"Keys": [{"CustomerId": {"S": "8837223100"}, "SK": {"S": "ORDER#3000001"}}],
                            "ProjectionExpression": "SK, #s, #v",
                            "ExpressionAttributeNames": {"#s": "Status", "#v": "_schema_version"}}}}');
SELECT dyn_transact_get_items('{"TransactItems": [{"Get": {"TableName": "Orders",
                                 "Key": {"CustomerId": {"S": "8837223100"}, "SK": {"S": "ORDER#3000002"}},
                                 "ProjectionExpression": "SK, #s, #v",
                                 "ExpressionAttributeNames": {"#s": "Status", "#v": "_schema_version"}}}]}');
-- still nothing stored
SELECT count(*) FILTER (WHERE item ? '_schema_version') AS stored_upgraded FROM :orders_bt;
-- write: an update sees (its condition) and stores the upgraded item
SELECT dyn_update_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "7970241400"}, "SK": {"S": "ORDER#2121196"}},
                         "UpdateExpression": "SET #t = :t", "ConditionExpression": "#s = :new",
                         "ExpressionAttributeNames": {"#t": "Total", "#s": "Status"},
                         "ExpressionAttributeValues": {":t": {"N": "4"}, ":new": {"S": "NEW"}},
                         "ReturnValues": "ALL_NEW"}') -> 'Attributes' -> 'Status' AS new_status;
SELECT item -> 'Status' AS status, item -> '_schema_version' AS version, item -> 'Total' AS total
FROM :orders_bt WHERE sk = 'ORDER#2121196';
-- a PutItem of an old-style order stores it upgraded; one with its own Status keeps it
SELECT dyn_put('Orders', '{"CustomerId": "5550001", "SK": "ORDER#4000001", "OrderDate": "2025-04-01", "DeliveryDate": "2025-04-02"}');
SELECT dyn_put('Orders', '{"CustomerId": "5550001", "SK": "ORDER#4000002", "OrderDate": "2025-04-01", "DeliveryDate": "2025-04-02", "Status": "SHIPPED"}');
SELECT sk, item -> 'Status' AS status, item -> '_schema_version' AS version
FROM :orders_bt WHERE pk = '5550001' ORDER BY sk;
-- an item already at version 1 is not upgraded again
SELECT dyn_put('Orders', '{"CustomerId": "5550001", "SK": "ORDER#4000003", "OrderDate": "2025-04-01", "_schema_version": 1}');
SELECT dyn_get('Orders', '{"CustomerId": "5550001", "SK": "ORDER#4000003"}');

-- chained: 1 -> 2; version 0 items go through both, version 1 items through one
SELECT dyn_register_upgrade('Orders', 'attribute_exists(OrderDate)', 1, 2, 'order_v2(jsonb)');
SELECT dyn_get('Orders', '{"CustomerId": "8837223100", "SK": "ORDER#3000002"}');
SELECT dyn_get('Orders', '{"CustomerId": "5550001", "SK": "ORDER#4000003"}');
SELECT item ->> 'SK' AS sk, item ->> 'Status' AS status, item ->> 'Currency' AS currency, item -> '_schema_version' AS version
FROM dyn_scan('Orders') ORDER BY 1;

-- a bulk job catches up: its filter sees upgraded items, its writes store them
SELECT dyn_bulk_update('{"TableName": "Orders", "FilterExpression": "#s = :new",
                         "UpdateExpression": "SET Reviewed = :t",
                         "ExpressionAttributeNames": {"#s": "Status"},
                         "ExpressionAttributeValues": {":t": {"BOOL": true}, ":new": {"S": "NEW"}}}') AS job \gset
CALL pg_temp.wait_job(:job);
SELECT status, items_done, items_total, items_touched, last_error FROM dyn_jobs WHERE id = :job;
SELECT sk, item -> 'Reviewed' AS reviewed, item -> '_schema_version' AS version
FROM :orders_bt WHERE sk LIKE 'ORDER#%' ORDER BY pk, sk;

-- odd versions never break reads or writes: no upgrade starts from them
SELECT dyn_put('Orders', '{"CustomerId": "5550001", "SK": "ORDER#4000004", "OrderDate": "2025-04-01", "_schema_version": 1.5}');
SELECT dyn_get('Orders', '{"CustomerId": "5550001", "SK": "ORDER#4000004"}');
SELECT dyn_put('Orders', '{"CustomerId": "5550001", "SK": "ORDER#4000005", "OrderDate": "2025-04-01", "_schema_version": 99999999999}');
SELECT dyn_get('Orders', '{"CustomerId": "5550001", "SK": "ORDER#4000005"}');

-- an upgrade that changes the key is refused, on reads and on writes
SELECT dyn_register_upgrade('Orders', 'attribute_exists(ItemName)', 0, 1, 'fav_bad_key(jsonb)');
SELECT dyn_get('Orders', '{"CustomerId": "7970241400", "SK": "FAVOURITE#484295"}');
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) FROM dyn_query('Orders', 'CustomerId = :c', '{":c": "7970241400"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put('Orders', '{"CustomerId": "7970241400", "SK": "FAVOURITE#100200", "ItemName": "Milk"}');
\echo :LAST_ERROR_SQLSTATE
-- so is one that returns no item
SELECT dyn_register_upgrade('Orders', 'attribute_exists(ItemName)', 0, 1, 'fav_null(jsonb)');
SELECT dyn_get('Orders', '{"CustomerId": "7970241400", "SK": "FAVOURITE#484295"}');
\echo :LAST_ERROR_SQLSTATE
-- registering the same entity and version again replaces the function
SELECT dyn_register_upgrade('Orders', 'attribute_exists(ItemName)', 0, 1, 'fav_v1(jsonb)');
SELECT dyn_get('Orders', '{"CustomerId": "7970241400", "SK": "FAVOURITE#484295"}');
SELECT entity_filter, from_version, to_version, upgrade FROM dynamo.upgrades
WHERE table_name = 'Orders' ORDER BY entity_filter, from_version;

-- registration errors
SELECT dyn_register_upgrade('Orders', 'attribute_exists(OrderDate)', 0, 2, 'order_v2(jsonb)');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_register_upgrade('Orders', 'attribute_exists(OrderDate)', -1, 0, 'order_v2(jsonb)');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_register_upgrade('Orders', 'attribute_exists(OrderDate)', 2, 3, 'not_an_item(jsonb)');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_register_upgrade('Orders', 'begins_with(SK, :order)', 2, 3, 'order_v2(jsonb)');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_register_upgrade('Orders', 'attribute_exists(', 2, 3, 'order_v2(jsonb)');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_register_upgrade('NoSuchTable', 'attribute_exists(OrderDate)', 0, 1, 'order_v1(jsonb)');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_register_upgrade('Orders', 'attribute_exists(OrderDate)', 2, 3, NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) FROM dynamo.upgrades WHERE table_name = 'Orders';

--
-- Bulk update jobs
--
SET dynamo_ext.reason = 'count visits';
SELECT dyn_create_table('{"TableName": "Counters",
  "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' ->> 'TableStatus' AS status;
SELECT count(dyn_put('Counters', jsonb_build_object('id', i, 'n', 0))) FROM generate_series(1, 35) i;
SELECT format('%I.%I', backing_schema, backing_name) AS counters_bt
FROM dynamo.tables WHERE table_name = 'Counters' \gset

-- a short job, run to done: 4 batches of at most 10
SELECT dyn_bulk_update('{"TableName": "Counters", "UpdateExpression": "ADD n :one",
                         "ExpressionAttributeValues": {":one": {"N": "1"}}, "BatchSize": 10}') AS job \gset
CALL pg_temp.wait_job(:job);
SELECT kind, "table", status, items_done, items_total, items_touched, rate IS NOT NULL AS has_rate,
       eta, last_error, finished_at IS NOT NULL AS finished
FROM dyn_jobs WHERE id = :job;
SELECT item -> 'n' AS n, count(*) FROM :counters_bt GROUP BY 1 ORDER BY 1;

-- a filtered job with a condition: reads every item, touches those that pass both
SELECT dyn_bulk_update('{"TableName": "Counters", "FilterExpression": "id <= :ten",
                         "ConditionExpression": "attribute_exists(n) AND id > :two",
                         "UpdateExpression": "SET tenth = :t",
                         "ExpressionAttributeValues": {":ten": {"N": "10"}, ":two": {"N": "2"}, ":t": {"BOOL": true}},
                         "BatchSize": 10}') AS job \gset
CALL pg_temp.wait_job(:job);
SELECT status, items_done, items_total, items_touched, last_error FROM dyn_jobs WHERE id = :job;
SELECT array_agg((item -> 'id' ->> 'N')::int ORDER BY (item -> 'id' ->> 'N')::int) AS tenth
FROM :counters_bt WHERE item ? 'tenth';

-- IndexName: only the items the index holds (those with its key attributes)
SELECT dyn_create_table('{"TableName": "Tagged",
  "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"},
                           {"AttributeName": "Tag", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
  "GlobalSecondaryIndexes": [{"IndexName": "ByTag", "KeySchema": [{"AttributeName": "Tag", "KeyType": "HASH"}],
                              "Projection": {"ProjectionType": "KEYS_ONLY"}}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' ->> 'TableStatus' AS status;
SELECT count(dyn_put('Tagged', CASE WHEN i % 3 = 0 THEN jsonb_build_object('id', i, 'Tag', 't' || i)
                                    ELSE jsonb_build_object('id', i) END))
FROM generate_series(1, 12) i;
SELECT dyn_bulk_update('{"TableName": "Tagged", "IndexName": "ByTag", "UpdateExpression": "SET seen = :t",
                         "ExpressionAttributeValues": {":t": {"BOOL": true}}, "BatchSize": 5}') AS job \gset
CALL pg_temp.wait_job(:job);
SELECT status, items_done, items_total, items_touched, last_error FROM dyn_jobs WHERE id = :job;
SELECT (i -> 'id')::int AS id, i -> 'Tag' AS tag FROM dyn_scan('Tagged', filter => 'seen = :t',
       "values" => '{":t": true}') AS s(i) ORDER BY 1;
-- a job that meets a bad item fails, with the error; fixed, it resumes to done
SELECT dyn_put('Counters', '{"id": 20, "n": "twenty"}');
SELECT dyn_bulk_update('{"TableName": "Counters", "UpdateExpression": "SET m = n + :one",
                         "ExpressionAttributeValues": {":one": {"N": "1"}}, "BatchSize": 10}') AS job \gset
CALL pg_temp.wait_job(:job);
SELECT status, items_done < items_total AS stopped_early, last_error, finished_at IS NOT NULL AS finished
FROM dyn_jobs WHERE id = :job;
-- the failed batch left nothing; the batches before it are kept
SELECT count(*) FILTER (WHERE item ? 'm') = (SELECT items_touched FROM dyn_jobs WHERE id = :job) AS consistent
FROM :counters_bt;
SELECT dyn_put('Counters', '{"id": 20, "n": 1}');
SELECT pg_temp.job_try(format('SELECT dyn_job_resume(%s)', :job), :job);
CALL pg_temp.wait_job(:job);
SELECT status, items_done, items_total, items_touched, last_error FROM dyn_jobs WHERE id = :job;
SELECT count(*) FILTER (WHERE item -> 'm' = '{"N": "2"}') AS m_is_2, count(*) AS items FROM :counters_bt;

-- a "running" job whose worker is gone, its pid now held by a regular
-- backend (pid reuse), counts as dead: it can be resumed, and finishes
UPDATE dynamo.jobs SET status = 'running', worker_pid = pg_backend_pid(), finished_at = NULL
WHERE id = :job;
SELECT pg_temp.job_try(format('SELECT dyn_job_resume(%s)', :job), :job);
CALL pg_temp.wait_job(:job);
SELECT status, items_done, items_total, last_error FROM dyn_jobs WHERE id = :job;

-- pause, resume, cancel: a slow job (1 item/s)
SELECT dyn_bulk_update('{"TableName": "Counters", "UpdateExpression": "ADD p :one",
                         "ExpressionAttributeValues": {":one": {"N": "1"}},
                         "BatchSize": 1, "RateLimit": 1}') AS job \gset
CALL pg_temp.wait_progress(:job, 1);
SELECT status FROM dyn_jobs WHERE id = :job;
-- a running job cannot be resumed
SELECT pg_temp.job_try(format('SELECT dyn_job_resume(%s)', :job), :job);
SELECT pg_temp.job_try(format('SELECT dyn_job_pause(%s)', :job), :job);
CALL pg_temp.wait_job(:job);
SELECT status, items_done AS paused_at FROM dyn_jobs WHERE id = :job \gset
SELECT :'status' AS status;
SELECT pg_sleep(1.5);
SELECT items_done = :paused_at AS no_progress_while_paused, pg_temp.job_workers() AS workers
FROM dyn_jobs WHERE id = :job;
-- pausing a paused job changes nothing
SELECT pg_temp.job_try(format('SELECT dyn_job_pause(%s)', :job), :job);
SELECT pg_temp.job_try(format('SELECT dyn_job_resume(%s)', :job), :job);
CALL pg_temp.wait_progress(:job, :paused_at + 1);
SELECT status FROM dyn_jobs WHERE id = :job;
-- paused and resumed at once: still one worker (the rate limit holds)
SELECT pg_temp.job_try(format('SELECT dyn_job_pause(%s)', :job), :job);
SELECT pg_temp.job_try(format('SELECT dyn_job_resume(%s)', :job), :job);
SELECT pg_sleep(2.5);
SELECT status, pg_temp.job_workers() AS workers FROM dyn_jobs WHERE id = :job;
SELECT pg_temp.job_try(format('SELECT dyn_job_cancel(%s)', :job), :job);
CALL pg_temp.wait_job(:job);
SELECT status, items_done < items_total AS partial, last_error, finished_at IS NOT NULL AS finished,
       pg_temp.job_workers() AS workers
FROM dyn_jobs WHERE id = :job;
-- every item done was updated once, no other
SELECT count(*) FILTER (WHERE item -> 'p' = '{"N": "1"}') = (SELECT items_done FROM dyn_jobs WHERE id = :job) AS consistent,
       count(*) FILTER (WHERE item ? 'p' AND item -> 'p' <> '{"N": "1"}') AS twice
FROM :counters_bt;
-- a cancelled job stays cancelled
SELECT pg_temp.job_try(format('SELECT dyn_job_resume(%s)', :job), :job);
SELECT pg_temp.job_try(format('SELECT dyn_job_pause(%s)', :job), :job);
SELECT pg_temp.job_try(format('SELECT dyn_job_cancel(%s)', :job), :job);
-- so does a done one
SELECT min(id) AS done_job FROM dyn_jobs WHERE status = 'done' AND "table" = 'Counters' \gset
SELECT pg_temp.job_try(format('SELECT dyn_job_resume(%s)', :done_job), :done_job);
SELECT pg_temp.job_try(format('SELECT dyn_job_pause(%s)', :done_job), :done_job);
SELECT pg_temp.job_try(format('SELECT dyn_job_cancel(%s)', :done_job), :done_job);
-- unknown job
SELECT dyn_job_pause(-1);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_job_resume(-1);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_job_cancel(-1);
\echo :LAST_ERROR_SQLSTATE

-- request errors (no job is started)
SELECT count(*) AS jobs_before FROM dyn_jobs \gset
SELECT dyn_bulk_update('{"UpdateExpression": "ADD n :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_bulk_update('{"TableName": "NoSuchTable", "UpdateExpression": "ADD n :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_bulk_update('{"TableName": "Counters"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_bulk_update('{"TableName": "Counters", "UpdateExpression": "ADD n :one"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_bulk_update('{"TableName": "Counters", "UpdateExpression": "SET id = :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_bulk_update('{"TableName": "Counters", "UpdateExpression": "ADD n :one", "FilterExpression": "n >",
                         "ExpressionAttributeValues": {":one": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_bulk_update('{"TableName": "Counters", "UpdateExpression": "ADD n :one", "ExpressionAttributeValues": {":one": {"N": "1"}}, "BatchSize": 0}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_bulk_update('{"TableName": "Counters", "UpdateExpression": "ADD n :one", "ExpressionAttributeValues": {":one": {"N": "1"}}, "BatchSize": 10001}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_bulk_update('{"TableName": "Counters", "UpdateExpression": "ADD n :one", "ExpressionAttributeValues": {":one": {"N": "1"}}, "BatchSize": "10"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_bulk_update('{"TableName": "Counters", "UpdateExpression": "ADD n :one", "ExpressionAttributeValues": {":one": {"N": "1"}}, "RateLimit": 0}');
\echo :LAST_ERROR_SQLSTATE
-- an index the table does not have; an IndexName that is not a string
SELECT dyn_bulk_update('{"TableName": "Tagged", "IndexName": "NoSuchIndex", "UpdateExpression": "ADD n :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_bulk_update('{"TableName": "Tagged", "IndexName": 7, "UpdateExpression": "ADD n :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- a Key would make it an UpdateItem: refused, never applied to every item
SELECT dyn_bulk_update('{"TableName": "Counters", "Key": {"id": {"N": "1"}}, "UpdateExpression": "ADD n :one",
                         "ExpressionAttributeValues": {":one": {"N": "1"}}}') IS NOT NULL AS started;
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_bulk_update(NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) - :jobs_before AS new_jobs FROM dyn_jobs;

--
-- The data-model history, with reasons
--
SELECT "table", change, actor = current_user AS by_me, reason
FROM dyn_model_history WHERE id > :hist_start ORDER BY id;
SELECT change, detail FROM dyn_model_history
WHERE change IN ('Migration down 1.0.0', 'RegisterUpgrade') ORDER BY id LIMIT 3;
SELECT detail -> 'UpdateExpression' AS update_expression, detail -> 'BatchSize' AS batch_size
FROM dyn_model_history WHERE change = 'BulkUpdate' AND id > :hist_start ORDER BY id;
-- SET LOCAL: the reason of one transaction
BEGIN;
SET LOCAL dynamo_ext.reason = 'a local reason';
SELECT dyn_register_upgrade('Counters', 'attribute_exists(n)', 0, 1, 'fav_v1(jsonb)');
COMMIT;
SELECT change, reason FROM dyn_model_history WHERE id > :hist_start ORDER BY id DESC LIMIT 1;
SELECT current_setting('dynamo_ext.reason') AS session_reason;

--
-- DeleteTable forgets the table's migrations and upgrades
--
SELECT dyn_delete_table('{"TableName": "Orders"}') -> 'TableDescription' ->> 'TableStatus' AS status;
SELECT dyn_create_table('{
  "TableName": "Orders",
  "AttributeDefinitions": [
    {"AttributeName": "CustomerId", "AttributeType": "S"},
    {"AttributeName": "SK", "AttributeType": "S"}],
  "KeySchema": [
    {"AttributeName": "CustomerId", "KeyType": "HASH"},
    {"AttributeName": "SK", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' ->> 'TableStatus' AS status;
SELECT * FROM pg_temp.steps('Orders');
SELECT count(*) AS upgrades FROM dynamo.upgrades WHERE table_name = 'Orders';
SELECT dyn_put('Orders', '{"CustomerId": "1", "SK": "ORDER#1", "OrderDate": "2025-05-01"}');
SELECT dyn_get('Orders', '{"CustomerId": "1", "SK": "ORDER#1"}');
SELECT dyn_migration_register('Orders', '1.0.0', 'a new first step', '[]', '[]');
SELECT * FROM dyn_migrate('Orders');
-- the history keeps the old table's changes
SELECT count(*) FILTER (WHERE change = 'CreateTable') AS creates,
       count(*) FILTER (WHERE change = 'DeleteTable') AS deletes
FROM dyn_model_history WHERE "table" = 'Orders' AND id > :hist_start;

-- clean up
SELECT dyn_delete_table(jsonb_build_object('TableName', t)) IS NOT NULL AS deleted
FROM unnest(ARRAY['Orders', 'MigErrors', 'Counters']) t;
DROP TABLE mig_log, mig_audit, mig_down_log;
DROP FUNCTION order_v1(jsonb), order_v2(jsonb), fav_bad_key(jsonb), fav_null(jsonb), fav_v1(jsonb),
              not_an_item(jsonb);
