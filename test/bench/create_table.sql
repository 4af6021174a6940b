-- dynamo_ext bench: create the table :table (pk S HASH, sk S RANGE) and set
-- :backing_schema and :backing_name to its backing table; settings for the
-- bulk load that follows.  Included by setup.sql and setup_q.sql.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS dynamo_ext;
RESET client_min_messages;

SELECT dyn_create_table(jsonb_build_object('TableName', :'table',
  'KeySchema', '[{"AttributeName":"pk","KeyType":"HASH"},
                 {"AttributeName":"sk","KeyType":"RANGE"}]'::jsonb,
  'AttributeDefinitions', '[{"AttributeName":"pk","AttributeType":"S"},
                            {"AttributeName":"sk","AttributeType":"S"}]'::jsonb,
  'BillingMode', 'PAY_PER_REQUEST')) IS NOT NULL AS created \gset

SELECT backing_schema, backing_name FROM dynamo.tables
 WHERE table_name = :'table' \gset

SET work_mem = '256MB';
SET maintenance_work_mem = '256MB';
