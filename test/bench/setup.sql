-- dynamo_ext bench: the Bench table and its items.
-- psql variables: items (number of items to load).
\set ON_ERROR_STOP on
\set QUIET on

\set table Bench
\ir create_table.sql

-- Item g (0 <= g < items): pk "user#<g/10>", sk "order#<g%10+1, 4 digits>".
-- The item holds the key attributes in typed form, as PutItem stores them
-- (numbers in canonical form: "<n>.5").  Rows go in key order, so the
-- primary-key index is filled left to right.
INSERT INTO :"backing_schema".:"backing_name" (pk, sk, item)
SELECT pk, sk,
       jsonb_build_object('pk', jsonb_build_object('S', pk),
                          'sk', jsonb_build_object('S', sk),
                          'amount', jsonb_build_object('N', (g % 1000) || '.5'),
                          'status', jsonb_build_object('S', CASE WHEN g % 3 = 0
                                                          THEN 'CLOSED' ELSE 'OPEN' END))
  FROM (SELECT g, 'user#' || (g / 10) AS pk,
               'order#' || lpad((g % 10 + 1)::text, 4, '0') AS sk
          FROM generate_series(0, :items - 1) g) s
 ORDER BY pk COLLATE "C", sk COLLATE "C";

-- run.sh vacuums before each PutItem run; no autovacuum in the middle of one
ALTER TABLE :"backing_schema".:"backing_name" SET (autovacuum_enabled = off);
VACUUM (ANALYZE) :"backing_schema".:"backing_name";

-- sanity: the loaded items are reachable through the API
DO $$
BEGIN
  IF dyn_get_item('{"TableName":"Bench","Key":{"pk":{"S":"user#0"},"sk":{"S":"order#0001"}}}')
       -> 'Item' -> 'amount' ->> 'N' IS DISTINCT FROM '0.5' THEN
    RAISE EXCEPTION 'setup: GetItem of a loaded item failed';
  END IF;
END $$;

SELECT format('%s.%s', quote_ident(:'backing_schema'), quote_ident(:'backing_name')) AS backing,
       count(*) AS n,
       pg_size_pretty(pg_total_relation_size(format('%I.%I', :'backing_schema', :'backing_name'))) AS size
  FROM :"backing_schema".:"backing_name" \gset
\echo BACKING :backing :n :size
