-- dynamo_ext bench: the BenchQ table (Query, Scan, GSI, writes, batch,
-- transactions, bulk update) and its items.
-- psql variables: items (number of items to load, a multiple of 100).
\set ON_ERROR_STOP on
\set QUIET on

\set table BenchQ
\ir create_table.sql

-- Item g (0 <= g < items): partition "part#<g/100>" of 100 items, sort key
-- "item#<g%100, 4 digits>".  Attributes g1..g5 (S) are the keys of the GSIs
-- the bench creates: value "gK#<g % (items/10)>", so each GSI key value is
-- shared by 10 items spread over 10 partitions.  Rows go in key order.
INSERT INTO :"backing_schema".:"backing_name" (pk, sk, item)
SELECT pk, sk,
       jsonb_build_object('pk', jsonb_build_object('S', pk),
                          'sk', jsonb_build_object('S', sk),
                          'amount', jsonb_build_object('N', (g % 1000) || '.5'),
                          'status', jsonb_build_object('S', CASE WHEN g % 3 = 0
                                                          THEN 'CLOSED' ELSE 'OPEN' END),
                          'g1', jsonb_build_object('S', 'g1#' || g % (:items / 10)),
                          'g2', jsonb_build_object('S', 'g2#' || g % (:items / 10)),
                          'g3', jsonb_build_object('S', 'g3#' || g % (:items / 10)),
                          'g4', jsonb_build_object('S', 'g4#' || g % (:items / 10)),
                          'g5', jsonb_build_object('S', 'g5#' || g % (:items / 10)))
  FROM (SELECT g, 'part#' || (g / 100) AS pk,
               'item#' || lpad((g % 100)::text, 4, '0') AS sk
          FROM generate_series(0, :items - 1) g) s
 ORDER BY pk COLLATE "C", sk COLLATE "C";

ALTER TABLE :"backing_schema".:"backing_name" SET (autovacuum_enabled = off);
VACUUM (ANALYZE) :"backing_schema".:"backing_name";

DO $$
BEGIN
  IF jsonb_array_length(dyn_query('{"TableName":"BenchQ",
       "KeyConditionExpression":"pk = :p AND sk >= :s","Limit":10,
       "ExpressionAttributeValues":{":p":{"S":"part#0"},":s":{"S":"item#0090"}}}') -> 'Items') <> 10 THEN
    RAISE EXCEPTION 'setup: Query of loaded items failed';
  END IF;
END $$;

-- Helpers of run.sh (in this bench database only).

-- The backend's private memory: RssAnon (kB) and its memory contexts (kB).
CREATE FUNCTION bench_mem(OUT rss_anon bigint, OUT ctx bigint) LANGUAGE sql AS $$
  SELECT (regexp_match(pg_read_file('/proc/' || pg_backend_pid() || '/status'),
                       'RssAnon:\s+(\d+)'))[1]::bigint,
         (SELECT sum(total_bytes) / 1024 FROM pg_backend_memory_contexts)::bigint
$$;

-- Set the GSIs of BenchQ to exactly gsi1..gsi<n> (hash key gK, type S,
-- projection ALL), one UpdateTable at a time, each waited for (ACTIVE, or
-- gone), committing between polls.
CREATE PROCEDURE bench_set_gsis(n int) LANGUAGE plpgsql AS $$
DECLARE
  have boolean; st text; t0 timestamptz;
BEGIN
  FOR k IN 1 .. 5 LOOP
    SELECT true INTO have
      FROM jsonb_array_elements(dyn_describe_table('{"TableName":"BenchQ"}')
                                -> 'Table' -> 'GlobalSecondaryIndexes') x
     WHERE x ->> 'IndexName' = 'gsi' || k;
    have := coalesce(have, false);
    IF (k <= n) = have THEN CONTINUE; END IF;
    IF k <= n THEN
      PERFORM dyn_update_table(format('{"TableName":"BenchQ",
        "AttributeDefinitions":[{"AttributeName":"g%s","AttributeType":"S"}],
        "GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"gsi%s",
          "KeySchema":[{"AttributeName":"g%s","KeyType":"HASH"}],
          "Projection":{"ProjectionType":"ALL"}}}]}', k, k, k)::jsonb);
    ELSE
      PERFORM dyn_update_table(format('{"TableName":"BenchQ",
        "GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"gsi%s"}}]}', k)::jsonb);
    END IF;
    COMMIT;
    t0 := clock_timestamp();
    LOOP
      PERFORM pg_sleep(0.1);
      st := NULL;
      SELECT x ->> 'IndexStatus' INTO st
        FROM jsonb_array_elements(dyn_describe_table('{"TableName":"BenchQ"}')
                                  -> 'Table' -> 'GlobalSecondaryIndexes') x
       WHERE x ->> 'IndexName' = 'gsi' || k;
      COMMIT;
      EXIT WHEN (k <= n AND st = 'ACTIVE') OR (k > n AND st IS NULL);
      IF clock_timestamp() - t0 > interval '15 minutes' THEN
        RAISE EXCEPTION 'gsi% still % after 15 minutes', k, st;
      END IF;
    END LOOP;
  END LOOP;
END $$;

-- A full Scan of BenchQ paged by DynamoDB's rules: each page's
-- LastEvaluatedKey is the next ExclusiveStartKey, in one transaction of one
-- session.  Stops early (complete = false) after max_seconds.  Only the
-- dyn_scan calls are timed; after each page the backend's memory is
-- sampled ([page, items so far, RssAnon kB, contexts kB]).
CREATE FUNCTION bench_scan_ours(max_seconds float8) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  req jsonb := '{"TableName":"BenchQ"}';
  r jsonb; t1 timestamptz; secs float8 := 0; n bigint := 0; pages int := 0;
  complete boolean := false; samples jsonb := '[]'; m record; maxpage int := 0;
BEGIN
  LOOP
    t1 := clock_timestamp();
    r := dyn_scan(req);
    secs := secs + extract(epoch FROM clock_timestamp() - t1);
    n := n + (r ->> 'Count')::bigint;
    pages := pages + 1;
    maxpage := greatest(maxpage, pg_column_size(r));
    m := bench_mem();
    samples := samples || jsonb_build_array(jsonb_build_array(pages, n, m.rss_anon, m.ctx));
    IF r -> 'LastEvaluatedKey' IS NULL THEN complete := true; EXIT; END IF;
    EXIT WHEN secs >= max_seconds;
    req := jsonb_set(req, '{ExclusiveStartKey}', r -> 'LastEvaluatedKey');
  END LOOP;
  RETURN jsonb_build_object('items', n, 'pages', pages, 'seconds', secs, 'complete', complete,
                            'max_page_bytes', maxpage, 'samples', samples);
END $$;

-- Raw counterparts on the backing table, with the backing table's name
-- written in (static SQL: plans cached as in any app).
SELECT format($f$
CREATE FUNCTION bench_scan_raw(ordered boolean) RETURNS jsonb LANGUAGE plpgsql AS $b$
DECLARE
  r record; n bigint := 0; t1 timestamptz := clock_timestamp();
BEGIN
  IF ordered THEN   -- in Scan's order (hash of the partition key, then the keys)
    FOR r IN SELECT item FROM %1$s ORDER BY hashtext(pk), pk, sk LOOP n := n + 1; END LOOP;
  ELSE
    FOR r IN SELECT item FROM %1$s LOOP n := n + 1; END LOOP;
  END IF;
  RETURN jsonb_build_object('items', n, 'seconds', extract(epoch FROM clock_timestamp() - t1));
END $b$;
$f$, format('%I.%I', :'backing_schema', :'backing_name')) \gexec

-- The bulk job's work done raw: the next bs items by key get the attribute,
-- each batch its own transaction.
SELECT format($f$
CREATE PROCEDURE bench_bulk_raw(bs int, INOUT items bigint DEFAULT 0,
                                INOUT seconds float8 DEFAULT 0) LANGUAGE plpgsql AS $b$
DECLARE
  lpk text := ''; lsk text := ''; n bigint; t1 timestamptz := clock_timestamp();
BEGIN
  LOOP
    WITH u AS (UPDATE %1$s SET item = item || '{"NewAttr": {"S": "x"}}'
                WHERE (pk, sk) IN (SELECT pk, sk FROM %1$s WHERE (pk, sk) > (lpk, lsk)
                                    ORDER BY pk, sk LIMIT bs)
               RETURNING pk, sk)
    SELECT count(*) OVER (), u.pk, u.sk INTO n, lpk, lsk
      FROM u ORDER BY u.pk DESC, u.sk DESC LIMIT 1;
    COMMIT;
    EXIT WHEN n IS NULL;
    items := items + n;
    EXIT WHEN n < bs;
  END LOOP;
  seconds := extract(epoch FROM clock_timestamp() - t1);
END $b$;
$f$, format('%I.%I', :'backing_schema', :'backing_name')) \gexec

SELECT format('%s.%s', quote_ident(:'backing_schema'), quote_ident(:'backing_name')) AS backing,
       count(*) AS n,
       pg_size_pretty(pg_total_relation_size(format('%I.%I', :'backing_schema', :'backing_name'))) AS size
  FROM :"backing_schema".:"backing_name" \gset
\echo BACKINGQ :backing :n :size
