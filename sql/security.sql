-- security: Postgres privileges decide who may use a DynamoDB table (42501 passes through), names are data and never SQL, and the catalog is written only by the extension
--
-- Backing table names (dynamo_data.t<id>) depend on the tests run before
-- this one, so errors that name one are shown with VERBOSITY sqlstate and
-- their message with the name replaced by <backing>.

-- roles (cluster-wide): leftovers of an aborted run must not break a rerun
SET client_min_messages = warning;
DO $$
DECLARE
	r text;
BEGIN
	FOR r IN SELECT rolname FROM pg_roles
			 WHERE rolname IN ('regress_dyn_owner', 'regress_dyn_other', 'regress_dyn_attacker')
	LOOP
		EXECUTE format('DROP OWNED BY %I', r);
		EXECUTE format('DROP ROLE %I', r);
	END LOOP;
END $$;
RESET client_min_messages;
CREATE ROLE regress_dyn_owner;
CREATE ROLE regress_dyn_other;
CREATE ROLE regress_dyn_attacker;
-- a canary for the injection strings below
CREATE TABLE x (id int);

\set owned_req '{"TableName":"sec_owned","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}'

------------------------------------------------------------------------
-- (a) the owner: the one documented grant is all it needs
------------------------------------------------------------------------

-- without GRANT CREATE ON SCHEMA dynamo_data: Postgres's 42501, no catalog row
SET ROLE regress_dyn_owner;
\set VERBOSITY sqlstate
SELECT dyn_create_table(:'owned_req');
\echo :LAST_ERROR_SQLSTATE
SELECT :'LAST_ERROR_MESSAGE' AS message;
\set VERBOSITY default
RESET ROLE;
SELECT count(*) AS catalog_rows FROM dynamo.tables WHERE table_name = 'sec_owned';

GRANT CREATE ON SCHEMA dynamo_data TO regress_dyn_owner;
SET ROLE regress_dyn_owner;
SELECT r->'TableDescription'->>'TableName' AS name,
       r->'TableDescription'->>'TableStatus' AS status
FROM dyn_create_table(:'owned_req') AS r;
SELECT d->'Table'->>'TableName' AS name, d->'Table'->>'TableStatus' AS status,
       d->'Table'->'KeySchema' AS key_schema
FROM dyn_describe_table('{"TableName":"sec_owned"}') AS d;
SELECT dyn_put_item('{"TableName":"sec_owned","Item":{"pk":{"S":"a"},"secret":{"S":"s3cr3t"},"n":{"N":"1"}}}');
SELECT dyn_put_item('{"TableName":"sec_owned","Item":{"pk":{"S":"b"},"secret":{"S":"other"}}}');
SELECT dyn_get_item('{"TableName":"sec_owned","Key":{"pk":{"S":"a"}}}');
SELECT dyn_delete_item('{"TableName":"sec_owned","Key":{"pk":{"S":"b"}},"ReturnValues":"ALL_OLD"}');
SELECT dyn_get_item('{"TableName":"sec_owned","Key":{"pk":{"S":"b"}}}');
RESET ROLE;

-- the catalog records the owner, and the backing table belongs to it
SELECT backing_schema, backing_name AS backing FROM dynamo.tables
WHERE table_name = 'sec_owned' \gset
SELECT t.owner_role, c.relowner::regrole AS backing_owner
FROM dynamo.tables t
JOIN pg_class c ON c.relname = t.backing_name
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = t.backing_schema
WHERE t.table_name = 'sec_owned';

------------------------------------------------------------------------
-- (b) another role: no grant, no access, no item data
------------------------------------------------------------------------

SET ROLE regress_dyn_other;
\set VERBOSITY sqlstate
SELECT dyn_get_item('{"TableName":"sec_owned","Key":{"pk":{"S":"a"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT replace(:'LAST_ERROR_MESSAGE', :'backing', '<backing>') AS message;
SELECT dyn_put_item('{"TableName":"sec_owned","Item":{"pk":{"S":"a"},"secret":{"S":"overwritten"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT replace(:'LAST_ERROR_MESSAGE', :'backing', '<backing>') AS message;
SELECT dyn_put_item('{"TableName":"sec_owned","Item":{"pk":{"S":"a"}},"ReturnValues":"ALL_OLD"}');
\echo :LAST_ERROR_SQLSTATE
SELECT replace(:'LAST_ERROR_MESSAGE', :'backing', '<backing>') AS message;
SELECT dyn_delete_item('{"TableName":"sec_owned","Key":{"pk":{"S":"a"}},"ReturnValues":"ALL_OLD"}');
\echo :LAST_ERROR_SQLSTATE
SELECT replace(:'LAST_ERROR_MESSAGE', :'backing', '<backing>') AS message;
SELECT dyn_get('sec_owned', '{"pk":"a"}');
\echo :LAST_ERROR_SQLSTATE
SELECT replace(:'LAST_ERROR_MESSAGE', :'backing', '<backing>') AS message;
SELECT dyn_put('sec_owned', '{"pk":"a","secret":"overwritten"}');
\echo :LAST_ERROR_SQLSTATE
SELECT replace(:'LAST_ERROR_MESSAGE', :'backing', '<backing>') AS message;
SELECT dyn_delete('sec_owned', '{"pk":"a"}');
\echo :LAST_ERROR_SQLSTATE
SELECT replace(:'LAST_ERROR_MESSAGE', :'backing', '<backing>') AS message;
SELECT dyn_execute('GetItem', '{"TableName":"sec_owned","Key":{"pk":{"S":"a"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_execute_text('GetItem', '{"TableName":"sec_owned","Key":{"pk":{"S":"a"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_table('{"TableName":"sec_owned"}');
\echo :LAST_ERROR_SQLSTATE
SELECT replace(:'LAST_ERROR_MESSAGE', :'backing', '<backing>') AS message;
SELECT * FROM :"backing_schema".:"backing";
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default
RESET ROLE;

-- nothing was written, deleted or dropped by the other role
SELECT dyn_get_item('{"TableName":"sec_owned","Key":{"pk":{"S":"a"}}}');

-- SELECT on the backing table lets it read, and only read
GRANT SELECT ON :"backing_schema".:"backing" TO regress_dyn_other;
SET ROLE regress_dyn_other;
SELECT dyn_get_item('{"TableName":"sec_owned","Key":{"pk":{"S":"a"}}}');
SELECT dyn_get('sec_owned', '{"pk":"a"}');
\set VERBOSITY sqlstate
SELECT dyn_put_item('{"TableName":"sec_owned","Item":{"pk":{"S":"a"},"secret":{"S":"overwritten"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT replace(:'LAST_ERROR_MESSAGE', :'backing', '<backing>') AS message;
SELECT dyn_put_item('{"TableName":"sec_owned","Item":{"pk":{"S":"c"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_item('{"TableName":"sec_owned","Key":{"pk":{"S":"a"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT replace(:'LAST_ERROR_MESSAGE', :'backing', '<backing>') AS message;
SELECT dyn_put('sec_owned', '{"pk":"a","secret":"overwritten"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete('sec_owned', '{"pk":"a"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_table('{"TableName":"sec_owned"}');
\echo :LAST_ERROR_SQLSTATE
SELECT replace(:'LAST_ERROR_MESSAGE', :'backing', '<backing>') AS message;
\set VERBOSITY default
RESET ROLE;
SELECT dyn_get_item('{"TableName":"sec_owned","Key":{"pk":{"S":"a"}}}');
SELECT dyn_get_item('{"TableName":"sec_owned","Key":{"pk":{"S":"c"}}}');

-- row-level security and column grants on the backing table decide what
-- GetItem, BatchGetItem, TransactGetItems and Query may read, as for SELECT
SELECT dyn_put_item('{"TableName":"sec_owned","Item":{"pk":{"S":"d"},"secret":{"S":"hidden"}}}');
ALTER TABLE :"backing_schema".:"backing" ENABLE ROW LEVEL SECURITY;
CREATE POLICY only_a ON :"backing_schema".:"backing" FOR SELECT TO regress_dyn_other
  USING (pk = 'a');
SET ROLE regress_dyn_other;
SELECT dyn_get_item('{"TableName":"sec_owned","Key":{"pk":{"S":"a"}}}');
SELECT dyn_get_item('{"TableName":"sec_owned","Key":{"pk":{"S":"d"}}}');
SELECT dyn_batch_get_item('{"RequestItems":{"sec_owned":{"Keys":[{"pk":{"S":"a"}},{"pk":{"S":"d"}}]}}}');
SELECT dyn_transact_get_items('{"TransactItems":[{"Get":{"TableName":"sec_owned","Key":{"pk":{"S":"d"}}}}]}');
SELECT dyn_query('{"TableName":"sec_owned","KeyConditionExpression":"pk = :p",
                   "ExpressionAttributeValues":{":p":{"S":"a"}}}');
SELECT dyn_query('{"TableName":"sec_owned","KeyConditionExpression":"pk = :p",
                   "ExpressionAttributeValues":{":p":{"S":"d"}}}');
RESET ROLE;
DROP POLICY only_a ON :"backing_schema".:"backing";
ALTER TABLE :"backing_schema".:"backing" DISABLE ROW LEVEL SECURITY;
REVOKE SELECT ON :"backing_schema".:"backing" FROM regress_dyn_other;
GRANT SELECT (pk) ON :"backing_schema".:"backing" TO regress_dyn_other;
SET ROLE regress_dyn_other;
\set VERBOSITY sqlstate
SELECT dyn_get_item('{"TableName":"sec_owned","Key":{"pk":{"S":"d"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName":"sec_owned","KeyConditionExpression":"pk = :p",
                   "ExpressionAttributeValues":{":p":{"S":"d"}}}');
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default
RESET ROLE;
GRANT SELECT (pk, item) ON :"backing_schema".:"backing" TO regress_dyn_other;
SET ROLE regress_dyn_other;
SELECT dyn_get_item('{"TableName":"sec_owned","Key":{"pk":{"S":"d"}}}');
SELECT dyn_query('{"TableName":"sec_owned","KeyConditionExpression":"pk = :p",
                   "ExpressionAttributeValues":{":p":{"S":"d"}}}');
RESET ROLE;
REVOKE SELECT (pk, item) ON :"backing_schema".:"backing" FROM regress_dyn_other;
SELECT dyn_delete_item('{"TableName":"sec_owned","Key":{"pk":{"S":"d"}}}');

-- PutItem needs what INSERT ... ON CONFLICT DO UPDATE needs: SELECT and
-- INSERT without UPDATE are not enough (42501, nothing written); a column
-- grant of UPDATE (item) is (the write then takes the prepared statement)
GRANT SELECT, INSERT ON :"backing_schema".:"backing" TO regress_dyn_other;
SET ROLE regress_dyn_other;
\set VERBOSITY sqlstate
SELECT dyn_put_item('{"TableName":"sec_owned","Item":{"pk":{"S":"e"}}}');
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default
RESET ROLE;
SELECT dyn_get_item('{"TableName":"sec_owned","Key":{"pk":{"S":"e"}}}');
GRANT UPDATE (item) ON :"backing_schema".:"backing" TO regress_dyn_other;
SET ROLE regress_dyn_other;
SELECT dyn_put_item('{"TableName":"sec_owned","Item":{"pk":{"S":"e"},"n":{"N":"1"}}}');
SELECT dyn_put_item('{"TableName":"sec_owned","Item":{"pk":{"S":"e"},"n":{"N":"2"}}}');
RESET ROLE;
SELECT dyn_get_item('{"TableName":"sec_owned","Key":{"pk":{"S":"e"}}}');
REVOKE ALL ON :"backing_schema".:"backing" FROM regress_dyn_other;
SELECT dyn_delete_item('{"TableName":"sec_owned","Key":{"pk":{"S":"e"}}}');

------------------------------------------------------------------------
-- (e) the catalog is written only by the extension
------------------------------------------------------------------------

\set VERBOSITY terse
SET ROLE regress_dyn_other;
INSERT INTO dynamo.tables SELECT * FROM dynamo.tables WHERE table_name = 'sec_owned';
\echo :LAST_ERROR_SQLSTATE
UPDATE dynamo.tables SET owner_role = 'regress_dyn_other' WHERE table_name = 'sec_owned';
\echo :LAST_ERROR_SQLSTATE
DELETE FROM dynamo.tables WHERE table_name = 'sec_owned';
\echo :LAST_ERROR_SQLSTATE
TRUNCATE dynamo.tables;
\echo :LAST_ERROR_SQLSTATE
SELECT setval('dynamo.table_id_seq', 1);
\echo :LAST_ERROR_SQLSTATE
-- not even the table's owner may edit its catalog row directly
SET ROLE regress_dyn_owner;
UPDATE dynamo.tables SET hash_key = 'other' WHERE table_name = 'sec_owned';
\echo :LAST_ERROR_SQLSTATE
DELETE FROM dynamo.tables WHERE table_name = 'sec_owned';
\echo :LAST_ERROR_SQLSTATE
RESET ROLE;
\set VERBOSITY default
SELECT table_name, hash_key, owner_role FROM dynamo.tables WHERE table_name = 'sec_owned';

-- the owner deletes its table: catalog row and backing table are gone
SET ROLE regress_dyn_owner;
SELECT r->'TableDescription'->>'TableName' AS name,
       r->'TableDescription'->>'TableStatus' AS status
FROM dyn_delete_table('{"TableName":"sec_owned"}') AS r;
RESET ROLE;
SELECT count(*) AS catalog_rows FROM dynamo.tables WHERE table_name = 'sec_owned';
SELECT to_regclass(format('%I.%I', :'backing_schema', :'backing')) AS backing_table;

------------------------------------------------------------------------
-- (c) attribute names are names, whatever their characters
------------------------------------------------------------------------

-- key attributes named like SQL, and an item of such names
SELECT r->'TableDescription'->'KeySchema' AS key_schema
FROM dyn_create_table($j${"TableName":"sec_names",
  "AttributeDefinitions":[{"AttributeName":"'); DROP TABLE x; --","AttributeType":"S"},
                          {"AttributeName":"\"$1\\","AttributeType":"S"}],
  "KeySchema":[{"AttributeName":"'); DROP TABLE x; --","KeyType":"HASH"},
               {"AttributeName":"\"$1\\","KeyType":"RANGE"}],
  "BillingMode":"PAY_PER_REQUEST"}$j$) AS r;
CREATE TEMP TABLE sec_item AS SELECT $j${
  "'); DROP TABLE x; --": {"S": "'; DROP TABLE x; --"},
  "\"$1\\": {"S": "$1"},
  "a'b": {"S": "single quote"},
  "a''b": {"S": "two single quotes"},
  "a\"b": {"S": "double quote"},
  ";": {"S": "semicolon"},
  "\\": {"S": "backslash"},
  "\\'": {"S": "backslash quote"},
  "$1": {"S": "dollar one"},
  "$$": {"S": "dollar dollar"},
  "%s%n": {"S": "format"},
  "x\"; DROP TABLE x; --": {"M": {"'); DROP TABLE x; --": {"SS": ["';", "\\"]}}}
}$j$::jsonb AS item;
SELECT dyn_put_item(jsonb_build_object('TableName', 'sec_names', 'Item', item)) FROM sec_item;
CREATE TEMP TABLE sec_got AS
SELECT dyn_get_item($j${"TableName":"sec_names",
  "Key":{"'); DROP TABLE x; --":{"S":"'; DROP TABLE x; --"},"\"$1\\":{"S":"$1"}}}$j$) -> 'Item' AS item;
SELECT g.item = s.item AS round_trip FROM sec_got g, sec_item s;
-- the names as plain text
SELECT name, g.item -> name AS value
FROM sec_got g, jsonb_object_keys(g.item) AS name ORDER BY name COLLATE "C";
-- the plain forms too
SELECT dyn_put('sec_names', $j${"'); DROP TABLE x; --":"plain","\"$1\\":"$2","a'b;\\":"v"}$j$);
SELECT dyn_get('sec_names', $j${"'); DROP TABLE x; --":"plain","\"$1\\":"$2"}$j$);
SELECT dyn_delete('sec_names', $j${"'); DROP TABLE x; --":"plain","\"$1\\":"$2"}$j$);
-- nothing was executed: the canary is still there
SELECT to_regclass('x') AS canary;

-- U+0000 in names, values and keys: through dyn_execute_text, exactly
SELECT dyn_execute_text('PutItem', $j${"TableName":"sec_names","Item":{"'); DROP TABLE x; --":{"S":"k\u0000"},"\"$1\\":{"S":"\u0000"},"n\u0000m":{"S":"v\u0000w"},"s":{"SS":["a\u0000","a"]}}}$j$);
SELECT dyn_execute_text('PutItem', $j${"TableName":"sec_names","Item":{"'); DROP TABLE x; --":{"S":"k"},"\"$1\\":{"S":"\u0000"},"v":{"S":"no NUL in this key"}}}$j$);
SELECT dyn_execute_text('GetItem', $j${"TableName":"sec_names","Key":{"'); DROP TABLE x; --":{"S":"k\u0000"},"\"$1\\":{"S":"\u0000"}}}$j$);
SELECT dyn_execute_text('GetItem', $j${"TableName":"sec_names","Key":{"'); DROP TABLE x; --":{"S":"k"},"\"$1\\":{"S":"\u0000"}}}$j$);
-- a jsonb entry point cannot return U+0000: a clear error, never a changed string
SELECT dyn_execute_text('PutItem', $j${"TableName":"sec_names","Item":{"'); DROP TABLE x; --":{"S":"nul"},"\"$1\\":{"S":"name"},"n\u0000m":{"S":"v"}}}$j$);
SELECT dyn_get_item($j${"TableName":"sec_names","Key":{"'); DROP TABLE x; --":{"S":"nul"},"\"$1\\":{"S":"name"}}}$j$);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_execute_text('DeleteTable', '{"TableName":"sec_names"}')::jsonb
       -> 'TableDescription' ->> 'TableStatus' AS status;

------------------------------------------------------------------------
-- (d) table names are DynamoDB names: [a-zA-Z0-9_.-]+
------------------------------------------------------------------------

SELECT dyn_create_table($j${"TableName":"sec'names","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}$j$);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table($j${"TableName":"sec\"names","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}$j$);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table($j${"TableName":"sec;names","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}$j$);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table($j${"TableName":"sec\\names","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}$j$);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table($j${"TableName":"$1$2","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}$j$);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table($j${"TableName":"'); DROP TABLE x; --","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}$j$);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_describe_table($j${"TableName":"'); DROP TABLE x; --"}$j$);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_table($j${"TableName":"x; DROP TABLE x"}$j$);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item($j${"TableName":"'); DROP TABLE x; --","Item":{"pk":{"S":"a"}}}$j$);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item($j${"TableName":"x\"; DROP TABLE x; --","Key":{"pk":{"S":"a"}}}$j$);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_item($j${"TableName":"sec\\names","Key":{"pk":{"S":"a"}}}$j$);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put('sec;names', '{"pk":"a"}');
\echo :LAST_ERROR_SQLSTATE
-- U+0000 in a table name (a message cannot carry it: the SQLSTATE only)
\set VERBOSITY sqlstate
SELECT dyn_execute_text('CreateTable', '{"TableName":"sec\u0000names","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_execute_text('GetItem', '{"TableName":"sec\u0000names","Key":{"pk":{"S":"a"}}}');
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default
-- none of them was created
SELECT count(*) AS catalog_rows FROM dynamo.tables WHERE table_name !~ '^[a-zA-Z0-9_.-]+$';
SELECT to_regclass('x') AS canary;

------------------------------------------------------------------------
-- (f) the extension's own catalog writes ignore the caller's search_path
------------------------------------------------------------------------

-- A role with only the documented grant may create operators in
-- dynamo_data.  Put first on its search_path, they must never run with
-- the rights of the catalog's owner.
GRANT CREATE ON SCHEMA dynamo_data TO regress_dyn_attacker;
CREATE TABLE sec_hijack_log (run_as name);
SET ROLE regress_dyn_attacker;
CREATE FUNCTION dynamo_data.sec_hijack(text) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
	IF current_user <> 'regress_dyn_attacker' THEN
		EXECUTE 'INSERT INTO public.sec_hijack_log VALUES (current_user)';
		EXECUTE 'ALTER ROLE regress_dyn_attacker SUPERUSER';
	END IF;
EXCEPTION WHEN OTHERS THEN
	NULL;
END $f$;
CREATE FUNCTION dynamo_data.sec_concat(text, bigint) RETURNS text LANGUAGE plpgsql AS $f$
BEGIN
	PERFORM dynamo_data.sec_hijack('||');
	RETURN $1 OPERATOR(pg_catalog.||) $2::text;
END $f$;
CREATE OPERATOR dynamo_data.|| (LEFTARG = text, RIGHTARG = bigint, FUNCTION = dynamo_data.sec_concat);
CREATE FUNCTION dynamo_data.sec_eq(text, text) RETURNS boolean LANGUAGE plpgsql AS $f$
BEGIN
	PERFORM dynamo_data.sec_hijack('=');
	RETURN $1 OPERATOR(pg_catalog.=) $2;
END $f$;
CREATE OPERATOR dynamo_data.= (LEFTARG = text, RIGHTARG = text, FUNCTION = dynamo_data.sec_eq);
SET search_path = dynamo_data, pg_catalog, public;
SELECT r->'TableDescription'->>'TableStatus' AS status
FROM dyn_create_table('{"TableName":"sec_hijack","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}') AS r;
SELECT dyn_put_item('{"TableName":"sec_hijack","Item":{"pk":{"S":"a"}}}');
SELECT r->'TableDescription'->>'TableStatus' AS status
FROM dyn_delete_table('{"TableName":"sec_hijack"}') AS r;
RESET search_path;
RESET ROLE;
SELECT rolsuper FROM pg_roles WHERE rolname = 'regress_dyn_attacker';
SELECT count(*) AS ran_as_someone_else FROM sec_hijack_log;

------------------------------------------------------------------------
-- clean up
------------------------------------------------------------------------

DROP TABLE x;
DROP TABLE sec_hijack_log;
DROP OWNED BY regress_dyn_attacker;
DROP OWNED BY regress_dyn_owner;
DROP OWNED BY regress_dyn_other;
DROP ROLE regress_dyn_owner;
DROP ROLE regress_dyn_other;
DROP ROLE regress_dyn_attacker;
SELECT count(*) AS catalog_rows FROM dynamo.tables WHERE table_name LIKE 'sec\_%';
