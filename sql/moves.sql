-- moves: pins the live move to a new key design (DESIGN.md section 5, the
-- seeds' six steps), with the seeds' UserData V1 (UserId hash key) moved to
-- V2 (PK = ACCT#<account>, SK = USER#<userid>, plus a GSI ByCreated on
-- AccountId/CreatedAt).
--
-- dyn_move_start creates the target and turns on dual writes: every write
-- to the source, through every path (PutItem, UpdateItem, DeleteItem,
-- BatchWriteItem, TransactWriteItems, dyn_put/dyn_delete, dyn_execute,
-- dyn_execute_text, bulk update jobs) also writes the transform of the new
-- item into the target and removes the transforms of the old item that are
-- gone (an UpdateItem changing the account moves the V2 item to another
-- PK), in the same transaction: a refused, cancelled or rolled back write
-- leaves both tables alone, and a write whose transform the target refuses
-- is refused.  dyn_move_advance walks dual_write, backfill (a background job;
-- polled in a bounded loop until ready), validate (mismatches counted once
-- each, with the keys of the mismatched items as samples, whether the
-- target item differs, is missing, or is extra; a failed validation may be
-- run again), read_switch, cutover (one catalog transaction: the source's
-- name now names the V2 table, the old table is <source>__moved_<id>),
-- archive (the old table in DynamoDB's export format, then dropped) and
-- done.  Advancing an unfinished phase, naming the wrong phase, advancing
-- a finished move, rolling back after archive or after cutover without an
-- Inverse, unknown move ids and bad start requests are refused (DY001,
-- DY004, DY005).  Rollback from dual_write, backfill (while its job runs),
-- validate and read_switch leaves the source physically untouched (same
-- rows, same ctid and xmin, same DescribeTable) and drops the target;
-- after cutover with an Inverse, writes through the new name are written
-- back to the old table (a key change done as put-new-then-delete-old
-- included) and rollback swaps the names back, even when a new table has
-- since taken the target's old name (or was refused it).  Tables taking
-- part in a move cannot be deleted (DY005).
--
-- Move ids and the <source>__moved_<id> names are printed as <id>: the
-- wrappers advance() and rollback() mask the id in error messages.

\set VERBOSITY terse

SELECT dyn_create_table('{"TableName": "UserData",
  "AttributeDefinitions": [{"AttributeName": "UserId", "AttributeType": "S"},
                           {"AttributeName": "AccountId", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "UserId", "KeyType": "HASH"}],
  "GlobalSecondaryIndexes": [{"IndexName": "ByAccount",
    "KeySchema": [{"AttributeName": "AccountId", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "ALL"}}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableName}' AS created;

SELECT dyn_put('UserData', u) FROM jsonb_array_elements('[
  {"UserId": "u1", "AccountId": "acme",    "Name": "Ada",     "CreatedAt": "2025-01-01"},
  {"UserId": "u2", "AccountId": "globex",  "Name": "Brian",   "CreatedAt": "2025-01-02"},
  {"UserId": "u3", "AccountId": "acme",    "Name": "Chandra", "CreatedAt": "2025-01-03"},
  {"UserId": "u4", "AccountId": "initech", "Name": "Dmitri",  "CreatedAt": "2025-01-04"},
  {"UserId": "u5", "AccountId": "globex",  "Name": "Eve",     "CreatedAt": "2025-01-05"},
  {"UserId": "u6", "AccountId": "acme",    "Name": "Farid",   "CreatedAt": "2025-01-06"},
  {"UserId": "u7", "Name": "Guest (no account: no V2 item)",  "CreatedAt": "2025-01-07"}]') AS u;

-- the transform (V1 -> V2) and its inverse, on typed items
CREATE FUNCTION userdata_v2(item jsonb) RETURNS SETOF jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT item || jsonb_build_object(
           'PK', jsonb_build_object('S', 'ACCT#' || (item #>> '{AccountId,S}')),
           'SK', jsonb_build_object('S', 'USER#' || (item #>> '{UserId,S}')))
   WHERE item ? 'AccountId' $$;
CREATE FUNCTION userdata_v1(item jsonb) RETURNS SETOF jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT item - 'PK' - 'SK' $$;

-- the V2 target: a CreateTable request
SELECT '{"TableName": "UserDataV2",
  "AttributeDefinitions": [{"AttributeName": "PK", "AttributeType": "S"},
                           {"AttributeName": "SK", "AttributeType": "S"},
                           {"AttributeName": "AccountId", "AttributeType": "S"},
                           {"AttributeName": "CreatedAt", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "PK", "KeyType": "HASH"},
                {"AttributeName": "SK", "KeyType": "RANGE"}],
  "GlobalSecondaryIndexes": [{"IndexName": "ByCreated",
    "KeySchema": [{"AttributeName": "AccountId", "KeyType": "HASH"},
                  {"AttributeName": "CreatedAt", "KeyType": "RANGE"}],
    "Projection": {"ProjectionType": "ALL"}}],
  "BillingMode": "PAY_PER_REQUEST"}' AS v2_target \gset
SELECT jsonb_build_object('SourceTable', 'UserData', 'Target', :'v2_target'::jsonb,
                          'Transform', 'userdata_v2') AS move_req \gset
SELECT jsonb_build_object('SourceTable', 'UserData', 'Target', :'v2_target'::jsonb,
                          'Transform', 'userdata_v2', 'Inverse', 'userdata_v1') AS move_inv_req \gset

-- dyn_move_advance / dyn_move_rollback with the move id masked in errors
CREATE FUNCTION advance(id bigint, phase text DEFAULT NULL) RETURNS text LANGUAGE plpgsql AS $$
DECLARE st text; msg text;
BEGIN
  RETURN dyn_move_advance(id, phase);
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
  RAISE EXCEPTION USING ERRCODE = st,
    MESSAGE = regexp_replace(msg, '(?<![0-9])' || id || '(?![0-9])', '<id>', 'g');
END $$;
CREATE FUNCTION rollback(id bigint) RETURNS text LANGUAGE plpgsql AS $$
DECLARE st text; msg text;
BEGIN
  PERFORM dyn_move_rollback(id);
  RETURN 'rolled back';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
  RAISE EXCEPTION USING ERRCODE = st,
    MESSAGE = regexp_replace(msg, '(?<![0-9])' || id || '(?![0-9])', '<id>', 'g');
END $$;
-- the SQLSTATE a statement raises (for refusals whose message is not pinned)
CREATE FUNCTION sqlstate_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE st text;
BEGIN
  EXECUTE sql;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE;
  RETURN st;
END $$;
-- a move as dyn_moves shows it, the id relative to the move's own
CREATE FUNCTION move_row(mid bigint) RETURNS TABLE (phase text, state text, progress numeric,
    mismatches bigint, samples jsonb, last_error text) LANGUAGE sql AS $$
  SELECT phase, state, progress, mismatches,
         (SELECT jsonb_agg(s ORDER BY s::text COLLATE "C") FROM jsonb_array_elements(samples) s), last_error
    FROM dyn_moves WHERE id = mid $$;
-- the tables, the old source's name masked
CREATE TABLE baseline AS SELECT table_name, backing_name FROM dynamo.tables
  WHERE table_name NOT LIKE 'UserData%' AND table_name NOT LIKE 'Profiles%' AND table_name <> 'Sessions';
CREATE FUNCTION tables(mid bigint) RETURNS text LANGUAGE sql AS $$
  SELECT replace(jsonb_agg(n ORDER BY n COLLATE "C")::text, '__moved_' || mid, '__moved_<id>')
  FROM jsonb_array_elements_text(dyn_list_tables('{}') -> 'TableNames') n
  WHERE n NOT IN (SELECT table_name FROM baseline) $$;
-- a table's items (plain JSON), in a stable order
CREATE FUNCTION items(tbl text) RETURNS SETOF jsonb LANGUAGE sql AS $$
  SELECT item FROM dyn_scan(tbl) ORDER BY item::text COLLATE "C" $$;
-- the backing table of a DynamoDB table
CREATE FUNCTION backing(tbl text) RETURNS text LANGUAGE sql AS $$
  SELECT format('%I.%I', backing_schema, backing_name) FROM dynamo.tables WHERE table_name = tbl $$;
-- where dst differs from the transforms of src's items (typed, as stored)
CREATE FUNCTION move_diff(src text, dst text) RETURNS TABLE (side text, item jsonb) LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY EXECUTE format(
    '(SELECT ''missing in target'', t FROM %1$s, userdata_v2(item) t EXCEPT SELECT ''missing in target'', item FROM %2$s)
     UNION ALL
     (SELECT ''extra in target'', item FROM %2$s EXCEPT SELECT ''extra in target'', t FROM %1$s, userdata_v2(item) t)
     ORDER BY 1, 2', backing(src), backing(dst));
END $$;
-- the source's rows, physically (ctid, xmin, key, item), and its description
CREATE TABLE snap (c text, x text, r text);
CREATE TABLE snap_describe (d jsonb);
CREATE FUNCTION take_snapshot() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE snap, snap_describe;
  EXECUTE format('INSERT INTO snap SELECT ctid::text, xmin::text, t::text FROM %s t', backing('UserData'));
  INSERT INTO snap_describe SELECT dyn_describe_table('{"TableName": "UserData"}');
  RETURN (SELECT count(*) || ' rows' FROM snap);
END $$;
CREATE FUNCTION same_as_snapshot() RETURNS TABLE (rows_identical boolean, describe_identical boolean) LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY EXECUTE format(
    'SELECT (SELECT coalesce(string_agg(c || x || r, E''\n'' ORDER BY c), '''') FROM snap)
          = (SELECT coalesce(string_agg(ctid::text || xmin::text || t::text, E''\n'' ORDER BY ctid::text), '''') FROM %s t),
            (SELECT d FROM snap_describe) = dyn_describe_table(''{"TableName": "UserData"}'')', backing('UserData'));
END $$;
-- the DynamoDB tables and backing tables there are
CREATE FUNCTION storage_census() RETURNS text LANGUAGE sql AS $$
  SELECT (SELECT count(*) FROM dynamo.tables
           WHERE table_name NOT IN (SELECT table_name FROM baseline)) || ' tables, '
      || (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'dynamo_data' AND c.relkind = 'r'
             AND c.relname NOT IN (SELECT backing_name FROM baseline)) || ' backing tables' $$;

SELECT storage_census();

--
-- 1. bad start requests, unknown moves
--
SELECT dyn_move_start(jsonb_set(:'move_req', '{Transform}', '"no_such_transform"'));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_move_start(jsonb_set(:'move_inv_req', '{Inverse}', '"no_such_inverse"'));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_move_start(jsonb_set(:'move_req', '{Transform}', '"lower(text)"'));
\echo :LAST_ERROR_SQLSTATE
CREATE FUNCTION not_a_set(jsonb) RETURNS jsonb LANGUAGE sql AS 'SELECT $1';
SELECT dyn_move_start(jsonb_set(:'move_req', '{Transform}', '"not_a_set"'));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_move_start(:'move_req'::jsonb - 'Target');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_move_start(jsonb_set(:'move_req', '{SourceTable}', '"NoSuchTable"'));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_move_start(jsonb_set(:'move_req', '{Target,TableName}', '"UserData"'));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_move_start(:'move_req'::jsonb #- '{Target,KeySchema}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_move_advance(-1);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_move_rollback(-1);
\echo :LAST_ERROR_SQLSTATE
-- nothing was created by the refused requests
SELECT storage_census(), tables(0);
SELECT count(*) AS moves FROM dyn_moves;

--
-- 2. rollback from dual_write: the source is untouched, the target dropped
--
SELECT take_snapshot();
SELECT dyn_move_start(:'move_req') AS mid \gset
SELECT * FROM move_row(:mid);
SELECT tables(:mid), storage_census();
-- a second move of a table being moved
SELECT dyn_move_start(jsonb_set(:'move_req', '{Target,TableName}', '"UserDataV3"'));
\echo :LAST_ERROR_SQLSTATE
SELECT rollback(:mid);
SELECT * FROM same_as_snapshot();
SELECT tables(:mid), storage_census();
SELECT * FROM move_row(:mid);
SELECT advance(:mid);
\echo :LAST_ERROR_SQLSTATE
SELECT rollback(:mid);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_describe_table('{"TableName": "UserDataV2"}');
\echo :LAST_ERROR_SQLSTATE

--
-- 3. rollback from backfill while its job runs (held paused, so that the
--    phase cannot finish); advancing an unfinished phase is refused
--
SELECT take_snapshot();
SELECT dyn_move_start(:'move_req') AS mid \gset
BEGIN;
SELECT advance(:mid);
SELECT dyn_job_pause(job_id) FROM dynamo.moves WHERE id = :mid;
COMMIT;
SELECT phase, state FROM move_row(:mid);
SELECT advance(:mid);
\echo :LAST_ERROR_SQLSTATE
SELECT advance(:mid, 'validate');
\echo :LAST_ERROR_SQLSTATE
SELECT advance(:mid, 'cutover');
\echo :LAST_ERROR_SQLSTATE
SELECT rollback(:mid);
SELECT j.status FROM dyn_jobs j JOIN dynamo.moves m ON m.job_id = j.id WHERE m.id = :mid;
SELECT * FROM same_as_snapshot();
SELECT tables(:mid), storage_census();
SELECT phase, state FROM move_row(:mid);

--
-- 4. rollback from validate and from read_switch
--
SELECT take_snapshot();
SELECT dyn_move_start(:'move_req') AS mid \gset
SELECT set_config('moves.mid', :'mid', false) IS NOT NULL AS set;
SELECT advance(:mid);
DO $$
BEGIN
  FOR i IN 1..300 LOOP
    EXIT WHEN (SELECT state FROM dyn_moves WHERE id = current_setting('moves.mid')::bigint) <> 'running';
    PERFORM pg_sleep(0.1);
  END LOOP;
END $$;
SELECT phase, state, progress FROM move_row(:mid);
SELECT advance(:mid);
SELECT * FROM move_row(:mid);
SELECT * FROM move_diff('UserData', 'UserDataV2');
SELECT rollback(:mid);
SELECT * FROM same_as_snapshot();
SELECT tables(:mid), storage_census();

SELECT dyn_move_start(:'move_req') AS mid \gset
SELECT set_config('moves.mid', :'mid', false) IS NOT NULL AS set;
SELECT advance(:mid);
DO $$
BEGIN
  FOR i IN 1..300 LOOP
    EXIT WHEN (SELECT state FROM dyn_moves WHERE id = current_setting('moves.mid')::bigint) <> 'running';
    PERFORM pg_sleep(0.1);
  END LOOP;
END $$;
SELECT advance(:mid), advance(:mid, 'read_switch');
SELECT phase, state FROM move_row(:mid);
SELECT rollback(:mid);
SELECT * FROM same_as_snapshot();
SELECT tables(:mid), storage_census();

--
-- 5. rollback after cutover, with an Inverse: writes through the new name
--    are written back to the old table, and rollback swaps the names back
--
SELECT take_snapshot();
SELECT dyn_move_start(:'move_inv_req') AS mid \gset
SELECT set_config('moves.mid', :'mid', false) IS NOT NULL AS set;
SELECT advance(:mid);
DO $$
BEGIN
  FOR i IN 1..300 LOOP
    EXIT WHEN (SELECT state FROM dyn_moves WHERE id = current_setting('moves.mid')::bigint) <> 'running';
    PERFORM pg_sleep(0.1);
  END LOOP;
END $$;
SELECT advance(:mid), advance(:mid), advance(:mid);
SELECT phase, state FROM move_row(:mid);
SELECT tables(:mid), storage_census();
SELECT dyn_describe_table('{"TableName": "UserData"}') -> 'Table' -> 'KeySchema' AS key_schema;
-- writes through the name UserData now use the V2 key design
SELECT dyn_put_item('{"TableName": "UserData", "Item": {"PK": {"S": "ACCT#umbrella"}, "SK": {"S": "USER#u8"},
  "UserId": {"S": "u8"}, "AccountId": {"S": "umbrella"}, "Name": {"S": "Hana"}, "CreatedAt": {"S": "2025-02-01"}}}');
SELECT dyn_update_item('{"TableName": "UserData", "Key": {"PK": {"S": "ACCT#acme"}, "SK": {"S": "USER#u1"}},
  "UpdateExpression": "SET #n = :n", "ExpressionAttributeNames": {"#n": "Name"},
  "ExpressionAttributeValues": {":n": {"S": "Ada Lovelace"}}, "ReturnValues": "UPDATED_NEW"}');
SELECT dyn_delete_item('{"TableName": "UserData", "Key": {"PK": {"S": "ACCT#initech"}, "SK": {"S": "USER#u4"}}}');
-- a key change as apps do it: put the new key, then delete the old one
SELECT dyn_put('UserData', '{"PK": "ACCT#initech", "SK": "USER#u3", "UserId": "u3", "AccountId": "initech",
  "Name": "Chandra", "CreatedAt": "2025-01-03"}');
SELECT dyn_delete('UserData', '{"PK": "ACCT#acme", "SK": "USER#u3"}') ->> 'SK' AS deleted;
-- and in one transaction
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Put": {"TableName": "UserData", "Item": {"PK": {"S": "ACCT#acme"}, "SK": {"S": "USER#u5"},
    "UserId": {"S": "u5"}, "AccountId": {"S": "acme"}, "Name": {"S": "Eve"}, "CreatedAt": {"S": "2025-01-05"}}}},
  {"Delete": {"TableName": "UserData", "Key": {"PK": {"S": "ACCT#globex"}, "SK": {"S": "USER#u5"}}}}]}');
SELECT items('UserData');
-- the old table (V1) got the same changes
SELECT items('UserData__moved_' || :mid);
SELECT * FROM move_diff('UserData__moved_' || :mid, 'UserData');
SELECT rollback(:mid);
SELECT tables(:mid), storage_census();
SELECT phase, state FROM move_row(:mid);
SELECT dyn_describe_table('{"TableName": "UserData"}') -> 'Table' -> 'KeySchema' AS key_schema;
-- the V1 table again, with the writes made after cutover, and its GSI
SELECT items('UserData');
SELECT item FROM dyn_query('UserData', 'AccountId = :a', '{":a": "acme"}', index_name => 'ByAccount')
 ORDER BY item::text COLLATE "C";
SELECT dyn_describe_table('{"TableName": "UserDataV2"}');
\echo :LAST_ERROR_SQLSTATE
-- back to the seed data for the main move
SELECT dyn_delete('UserData', '{"UserId": "u8"}') ->> 'UserId' AS deleted;
SELECT dyn_put('UserData', u) FROM jsonb_array_elements('[
  {"UserId": "u1", "AccountId": "acme",    "Name": "Ada",     "CreatedAt": "2025-01-01"},
  {"UserId": "u3", "AccountId": "acme",    "Name": "Chandra", "CreatedAt": "2025-01-03"},
  {"UserId": "u4", "AccountId": "initech", "Name": "Dmitri",  "CreatedAt": "2025-01-04"},
  {"UserId": "u5", "AccountId": "globex",  "Name": "Eve",     "CreatedAt": "2025-01-05"}]') AS u;

--
-- 6. the move, step by step.  Step 1: the V2 table, and dual writes
--
SELECT backing('UserData') AS v1_backing \gset
SELECT dyn_move_start(:'move_req') AS mid \gset
SELECT set_config('moves.mid', :'mid', false) IS NOT NULL AS set;
SELECT * FROM move_row(:mid);
SELECT tables(:mid);
SELECT dyn_describe_table('{"TableName": "UserDataV2"}') -> 'Table' -> 'KeySchema' AS key_schema;
-- nothing copied yet: the target holds only what is written from now on
SELECT count(*) AS v2_items FROM dyn_scan('UserDataV2');

-- PutItem: a new user
SELECT dyn_put_item('{"TableName": "UserData", "Item": {"UserId": {"S": "u10"}, "AccountId": {"S": "acme"},
  "Name": {"S": "Ivan"}, "CreatedAt": {"S": "2025-03-01"}}}');
SELECT items('UserDataV2');
-- UpdateItem in place
SELECT dyn_update_item('{"TableName": "UserData", "Key": {"UserId": {"S": "u10"}},
  "UpdateExpression": "SET #n = :n", "ExpressionAttributeNames": {"#n": "Name"},
  "ExpressionAttributeValues": {":n": {"S": "Ivan the Terrible"}}}');
SELECT items('UserDataV2');
-- UpdateItem changing the account: the V2 item moves to another PK
SELECT dyn_update_item('{"TableName": "UserData", "Key": {"UserId": {"S": "u10"}},
  "UpdateExpression": "SET AccountId = :a", "ExpressionAttributeValues": {":a": {"S": "globex"}},
  "ReturnValues": "ALL_NEW"}');
SELECT items('UserDataV2');
-- UpdateItem removing the account: the transform makes no V2 item
SELECT dyn_update_item('{"TableName": "UserData", "Key": {"UserId": {"S": "u10"}},
  "UpdateExpression": "REMOVE AccountId"}');
SELECT items('UserDataV2');
SELECT dyn_update_item('{"TableName": "UserData", "Key": {"UserId": {"S": "u10"}},
  "UpdateExpression": "SET AccountId = :a", "ExpressionAttributeValues": {":a": {"S": "initech"}}}');
SELECT items('UserDataV2');
-- UpdateItem creating an item
SELECT dyn_update_item('{"TableName": "UserData", "Key": {"UserId": {"S": "u11"}},
  "UpdateExpression": "SET AccountId = :a, #n = :n, CreatedAt = :c", "ExpressionAttributeNames": {"#n": "Name"},
  "ExpressionAttributeValues": {":a": {"S": "acme"}, ":n": {"S": "Jun"}, ":c": {"S": "2025-03-02"}}}');
-- DeleteItem: the V2 item goes too
SELECT dyn_delete_item('{"TableName": "UserData", "Key": {"UserId": {"S": "u10"}}, "ReturnValues": "ALL_OLD"}');
SELECT items('UserDataV2');
-- BatchWriteItem
SELECT dyn_batch_write_item('{"RequestItems": {"UserData": [
  {"PutRequest": {"Item": {"UserId": {"S": "u12"}, "AccountId": {"S": "globex"}, "Name": {"S": "Kofi"}, "CreatedAt": {"S": "2025-03-03"}}}},
  {"PutRequest": {"Item": {"UserId": {"S": "u13"}, "AccountId": {"S": "acme"}, "Name": {"S": "Lena"}, "CreatedAt": {"S": "2025-03-04"}}}},
  {"PutRequest": {"Item": {"UserId": {"S": "u11"}, "AccountId": {"S": "initech"}, "Name": {"S": "Jun"}, "CreatedAt": {"S": "2025-03-02"}}}},
  {"DeleteRequest": {"Key": {"UserId": {"S": "u6"}}}}]}}');
SELECT items('UserDataV2');
-- TransactWriteItems: put, update (account change), delete, condition check
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Put": {"TableName": "UserData", "Item": {"UserId": {"S": "u14"}, "AccountId": {"S": "umbrella"},
    "Name": {"S": "Mia"}, "CreatedAt": {"S": "2025-03-05"}}}},
  {"Update": {"TableName": "UserData", "Key": {"UserId": {"S": "u12"}},
    "UpdateExpression": "SET AccountId = :a", "ExpressionAttributeValues": {":a": {"S": "acme"}}}},
  {"Delete": {"TableName": "UserData", "Key": {"UserId": {"S": "u13"}}}},
  {"ConditionCheck": {"TableName": "UserData", "Key": {"UserId": {"S": "u2"}},
    "ConditionExpression": "attribute_exists(UserId)"}}]}');
SELECT items('UserDataV2');
-- refused writes change neither table: a cancelled transaction, a failed
-- condition, a rolled back SQL transaction
SELECT dyn_transact_write_items('{"TransactItems": [
  {"Put": {"TableName": "UserData", "Item": {"UserId": {"S": "u15"}, "AccountId": {"S": "acme"}}}},
  {"Delete": {"TableName": "UserData", "Key": {"UserId": {"S": "u14"}}}},
  {"ConditionCheck": {"TableName": "UserData", "Key": {"UserId": {"S": "u2"}},
    "ConditionExpression": "attribute_not_exists(UserId)"}}]}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "UserData", "Item": {"UserId": {"S": "u14"}, "AccountId": {"S": "acme"}},
  "ConditionExpression": "attribute_not_exists(UserId)"}');
\echo :LAST_ERROR_SQLSTATE
BEGIN;
SELECT dyn_put('UserData', '{"UserId": "u15", "AccountId": "acme", "Name": "never"}');
SELECT dyn_delete('UserData', '{"UserId": "u14"}') ->> 'UserId' AS deleted;
ROLLBACK;
-- a write whose V2 item the target refuses (a GSI key of the wrong type) is refused
SELECT dyn_put_item('{"TableName": "UserData", "Item": {"UserId": {"S": "u15"}, "AccountId": {"S": "acme"},
  "CreatedAt": {"N": "20250306"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get('UserData', '{"UserId": "u15"}') AS u15;
SELECT items('UserDataV2');
-- the app-friendly forms and the dispatchers
SELECT dyn_put('UserData', '{"UserId": "u15", "AccountId": "umbrella", "Name": "Nia", "CreatedAt": "2025-03-06"}');
SELECT dyn_put('UserData', '{"UserId": "u16", "AccountId": "umbrella", "Name": "Omar", "CreatedAt": "2025-03-07"}');
SELECT dyn_delete('UserData', '{"UserId": "u16"}') ->> 'UserId' AS deleted;
SELECT dyn_execute('PutItem', '{"TableName": "UserData", "Item": {"UserId": {"S": "u17"},
  "AccountId": {"S": "globex"}, "Name": {"S": "Pia"}, "CreatedAt": {"S": "2025-03-08"}}}');
SELECT dyn_execute_text('UpdateItem', '{"TableName":"UserData","Key":{"UserId":{"S":"u17"}},"UpdateExpression":"SET AccountId = :a","ExpressionAttributeValues":{":a":{"S":"umbrella"}}}');
SELECT dyn_execute('DeleteItem', '{"TableName": "UserData", "Key": {"UserId": {"S": "u14"}}}');
SELECT items('UserDataV2');

--
-- Step 2: backfill, a background job; dual writes go on
--
SELECT advance(:mid);
DO $$
BEGIN
  FOR i IN 1..300 LOOP
    EXIT WHEN (SELECT state FROM dyn_moves WHERE id = current_setting('moves.mid')::bigint) <> 'running';
    PERFORM pg_sleep(0.1);
  END LOOP;
END $$;
SELECT * FROM move_row(:mid);
-- the target now holds the transforms of every source item
SELECT * FROM move_diff('UserData', 'UserDataV2');
SELECT (SELECT count(*) FROM dyn_scan('UserData')) AS v1_items, (SELECT count(*) FROM dyn_scan('UserDataV2')) AS v2_items;
-- a bulk update job on the source is dual written too
SELECT dyn_bulk_update('{"TableName": "UserData", "UpdateExpression": "SET #p = :p",
  "FilterExpression": "AccountId = :a", "ExpressionAttributeNames": {"#p": "Plan"},
  "ExpressionAttributeValues": {":p": {"S": "gold"}, ":a": {"S": "acme"}}}') AS job \gset
SELECT set_config('moves.job', :'job', false) IS NOT NULL AS set;
DO $$
BEGIN
  FOR i IN 1..300 LOOP
    EXIT WHEN (SELECT status FROM dyn_jobs WHERE id = current_setting('moves.job')::bigint) <> 'running';
    PERFORM pg_sleep(0.1);
  END LOOP;
END $$;
SELECT status, items_touched FROM dyn_jobs WHERE id = :job;
SELECT item FROM dyn_query('UserDataV2', 'PK = :p', '{":p": "ACCT#acme"}');
-- a DeleteItem of a backfilled item
SELECT dyn_delete_item('{"TableName": "UserData", "Key": {"UserId": {"S": "u4"}}}');
SELECT * FROM move_diff('UserData', 'UserDataV2');
-- only the next phase, and only when this one is ready
SELECT advance(:mid, 'read_switch');
\echo :LAST_ERROR_SQLSTATE
SELECT advance(:mid, 'bogus');
\echo :LAST_ERROR_SQLSTATE

--
-- Step 3: validate.  A corrupted V2 item fails it: one mismatch, its key
-- as the sample
--
SELECT dyn_update_item('{"TableName": "UserDataV2", "Key": {"PK": {"S": "ACCT#globex"}, "SK": {"S": "USER#u2"}},
  "UpdateExpression": "SET #n = :n", "ExpressionAttributeNames": {"#n": "Name"},
  "ExpressionAttributeValues": {":n": {"S": "corrupted"}}}');
SELECT advance(:mid, 'validate');
SELECT * FROM move_row(:mid);
SELECT advance(:mid);
\echo :LAST_ERROR_SQLSTATE
SELECT advance(:mid, 'read_switch');
\echo :LAST_ERROR_SQLSTATE
-- u2 fixed by writing the source item again (the dual write); now an item
-- no source item makes (extra) and one missing: two mismatches, both sampled
SELECT dyn_put('UserData', dyn_get('UserData', '{"UserId": "u2"}'));
SELECT dyn_put('UserDataV2', '{"PK": "ACCT#acme", "SK": "USER#ghost", "UserId": "ghost", "AccountId": "acme", "CreatedAt": "2025-09-09"}');
SELECT dyn_delete('UserDataV2', '{"PK": "ACCT#umbrella", "SK": "USER#u15"}') ->> 'SK' AS deleted;
SELECT * FROM move_diff('UserData', 'UserDataV2');
SELECT advance(:mid, 'validate');
SELECT * FROM move_row(:mid);
-- fixed, validated again
SELECT dyn_delete('UserDataV2', '{"PK": "ACCT#acme", "SK": "USER#ghost"}') ->> 'SK' AS deleted;
SELECT dyn_update_item('{"TableName": "UserData", "Key": {"UserId": {"S": "u15"}},
  "UpdateExpression": "SET #n = :n", "ExpressionAttributeNames": {"#n": "Name"},
  "ExpressionAttributeValues": {":n": {"S": "Nia"}}}');
SELECT advance(:mid, 'validate');
SELECT * FROM move_row(:mid);
SELECT * FROM move_diff('UserData', 'UserDataV2');

--
-- Step 4: read switch: apps read the V2 table by its own name; writes still
-- go to V1 (and are dual written)
--
SELECT advance(:mid, 'read_switch');
SELECT phase, state FROM move_row(:mid);
SELECT item FROM dyn_query('UserDataV2', 'PK = :p AND begins_with(SK, :u)', '{":p": "ACCT#acme", ":u": "USER#"}');
SELECT item FROM dyn_query('UserDataV2', 'AccountId = :a AND CreatedAt > :c', '{":a": "acme", ":c": "2025-01-02"}',
                           index_name => 'ByCreated');
SELECT dyn_put('UserData', '{"UserId": "u18", "AccountId": "acme", "Name": "Quinn", "CreatedAt": "2025-03-09"}');
SELECT dyn_get('UserDataV2', '{"PK": "ACCT#acme", "SK": "USER#u18"}') AS u18;

--
-- Step 5: cutover.  The name UserData now names the V2 table
--
SELECT advance(:mid);
SELECT phase, state FROM move_row(:mid);
SELECT tables(:mid);
SELECT dyn_describe_table('{"TableName": "UserData"}') -> 'Table' -> 'KeySchema' AS key_schema;
SELECT jsonb_path_query(dyn_describe_table('{"TableName": "UserData"}'), '$.Table.GlobalSecondaryIndexes[*].IndexName') AS gsi;
SELECT item FROM dyn_query('UserData', 'PK = :p', '{":p": "ACCT#acme"}');
SELECT dyn_query('{"TableName": "UserData", "IndexName": "ByCreated",
  "KeyConditionExpression": "AccountId = :a", "ExpressionAttributeValues": {":a": {"S": "umbrella"}}}');
-- the V1 key design and the V1 index are gone from that name
SELECT dyn_get('UserData', '{"UserId": "u1"}');
\echo :LAST_ERROR_SQLSTATE
SELECT item FROM dyn_query('UserData', 'AccountId = :a', '{":a": "acme"}', index_name => 'ByAccount');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_describe_table('{"TableName": "UserDataV2"}');
\echo :LAST_ERROR_SQLSTATE
-- writes by the old name land in the V2 table; without an Inverse, the old
-- table is not written any more, and the move cannot be rolled back
SELECT dyn_put('UserData', '{"PK": "ACCT#initech", "SK": "USER#u19", "UserId": "u19", "AccountId": "initech",
  "Name": "Rosa", "CreatedAt": "2025-03-10"}');
SELECT count(*) AS old_items FROM dyn_scan('UserData__moved_' || :mid);
SELECT count(*) AS new_items FROM dyn_scan('UserData');
SELECT rollback(:mid);
\echo :LAST_ERROR_SQLSTATE

--
-- Step 6: archive the old table in DynamoDB's export format, then drop it
--
SELECT advance(:mid, 'archive');
SELECT phase, state FROM move_row(:mid);
SELECT line FROM dyn_move_export(:mid) AS line ORDER BY line COLLATE "C";
SELECT count(*) AS lines, bool_and(line::jsonb ?& '{Item}' AND (SELECT count(*) FROM jsonb_object_keys(line::jsonb)) = 1) AS all_items
  FROM dyn_move_export(:mid) AS line;
SELECT count(*) AS exported_v1_items FROM dyn_move_export(:mid) AS line, userdata_v2(line::jsonb -> 'Item');
SELECT sqlstate_of(format('SELECT dyn_describe_table(%L)', jsonb_build_object('TableName', 'UserData__moved_' || :mid))) AS describe_old;
SELECT to_regclass(:'v1_backing') AS old_backing;
SELECT tables(:mid), storage_census();
SELECT rollback(:mid);
\echo :LAST_ERROR_SQLSTATE

--
-- done
--
SELECT advance(:mid, 'archive');
\echo :LAST_ERROR_SQLSTATE
SELECT advance(:mid);
SELECT * FROM move_row(:mid);
SELECT advance(:mid);
\echo :LAST_ERROR_SQLSTATE
SELECT advance(:mid, 'done');
\echo :LAST_ERROR_SQLSTATE
SELECT rollback(:mid);
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS items FROM dyn_scan('UserData');
SELECT "table", change FROM dyn_model_history WHERE change LIKE 'Move%' ORDER BY id;
SELECT (SELECT count(*) FROM dyn_moves) AS moves, (SELECT count(*) FROM dyn_moves WHERE id < :mid) AS earlier_moves,
       (SELECT string_agg(phase, ', ' ORDER BY id) FROM dyn_moves) AS phases;

--
-- 7. tables taking part in a move cannot be deleted
--
SELECT dyn_create_table('{"TableName": "Sessions",
  "AttributeDefinitions": [{"AttributeName": "UserId", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "UserId", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableName}' AS created;
SELECT dyn_put('Sessions', '{"UserId": "u1", "AccountId": "acme"}');
SELECT dyn_move_start(jsonb_build_object('SourceTable', 'Sessions', 'Transform', 'userdata_v2',
  'Target', jsonb_set(:'v2_target', '{TableName}', '"SessionsV2"'))) AS mid \gset
SELECT sqlstate_of($$SELECT dyn_delete_table('{"TableName": "SessionsV2"}')$$) AS delete_target;
SELECT sqlstate_of($$SELECT dyn_delete_table('{"TableName": "Sessions"}')$$) AS delete_source;
SELECT dyn_put('Sessions', '{"UserId": "u2", "AccountId": "globex"}');
SELECT items('SessionsV2');
SELECT rollback(:mid);
SELECT dyn_delete_table('{"TableName": "Sessions"}') #>> '{TableDescription,TableName}' AS deleted;
-- a new table of the same name is not being moved
SELECT dyn_create_table('{"TableName": "Sessions",
  "AttributeDefinitions": [{"AttributeName": "UserId", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "UserId", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableName}' AS created;
SELECT dyn_put('Sessions', '{"UserId": "u3", "AccountId": "acme"}');
SELECT items('Sessions');
SELECT tables(:mid), storage_census();

--
-- 8. after cutover the target's old name is free: a new table taking it (or
--    the refusal of that) must not break a rollback, nor be dropped by it
--
SELECT dyn_create_table('{"TableName": "Profiles",
  "AttributeDefinitions": [{"AttributeName": "UserId", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "UserId", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableName}' AS created;
SELECT dyn_put('Profiles', '{"UserId": "u1", "AccountId": "acme", "Name": "Ada"}');
SELECT dyn_move_start(jsonb_build_object('SourceTable', 'Profiles', 'Transform', 'userdata_v2', 'Inverse', 'userdata_v1',
  'Target', jsonb_set(:'v2_target', '{TableName}', '"ProfilesV2"'))) AS mid \gset
SELECT set_config('moves.mid', :'mid', false) IS NOT NULL AS set;
SELECT advance(:mid);
DO $$
BEGIN
  FOR i IN 1..300 LOOP
    EXIT WHEN (SELECT state FROM dyn_moves WHERE id = current_setting('moves.mid')::bigint) <> 'running';
    PERFORM pg_sleep(0.1);
  END LOOP;
END $$;
SELECT advance(:mid), advance(:mid), advance(:mid);
SELECT sqlstate_of($$SELECT dyn_create_table('{"TableName": "ProfilesV2",
  "AttributeDefinitions": [{"AttributeName": "x", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}')$$)
  IN ('no error', 'DY005') AS created_or_refused;
SELECT rollback(:mid);
SELECT phase, state FROM move_row(:mid);
SELECT dyn_describe_table('{"TableName": "Profiles"}') -> 'Table' -> 'KeySchema' AS key_schema;
SELECT items('Profiles');
SELECT coalesce((SELECT hash_key = 'x' FROM dynamo.tables WHERE table_name = 'ProfilesV2'), true) AS v2_name_untouched;
DO $$
BEGIN
  IF EXISTS (SELECT FROM dynamo.tables WHERE table_name = 'ProfilesV2') THEN
    PERFORM dyn_delete_table('{"TableName": "ProfilesV2"}');
  END IF;
END $$;
SELECT tables(:mid), storage_census();

--
-- a backfill whose transform fails on one item: the move shows failed and
-- the job's error; rolling back leaves the source as it was
--
CREATE FUNCTION flaky_v2(item jsonb) RETURNS SETOF jsonb LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF item #>> '{UserId,S}' = 'bad' THEN
    RAISE EXCEPTION 'cannot transform user %', item #>> '{UserId,S}';
  END IF;
  RETURN NEXT userdata_v2(item);
END $$;
SELECT dyn_create_table('{"TableName": "Flaky",
  "AttributeDefinitions": [{"AttributeName": "UserId", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "UserId", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableName}' AS created;
SELECT dyn_put('Flaky', '{"UserId": "u1", "AccountId": "acme"}'),
       dyn_put('Flaky', '{"UserId": "bad", "AccountId": "acme"}'),
       dyn_put('Flaky', '{"UserId": "u3", "AccountId": "acme"}');
SELECT dyn_move_start(jsonb_build_object('SourceTable', 'Flaky', 'Transform', 'flaky_v2',
  'Target', jsonb_set(:'v2_target', '{TableName}', '"FlakyV2"'))) AS mid \gset
SELECT set_config('moves.mid', :'mid', false) IS NOT NULL AS set;
SELECT advance(:mid);
DO $$
BEGIN
  FOR i IN 1..300 LOOP
    EXIT WHEN (SELECT state FROM dyn_moves WHERE id = current_setting('moves.mid')::bigint) <> 'running';
    PERFORM pg_sleep(0.1);
  END LOOP;
END $$;
SELECT phase, state, last_error FROM dyn_moves WHERE id = :mid;
SELECT advance(:mid);
SELECT rollback(:mid);
SELECT phase, state FROM move_row(:mid);
SELECT items('Flaky');
SELECT dyn_delete_table('{"TableName": "Flaky"}') #>> '{TableDescription,TableStatus}' AS deleted;
