-- scan: pins Scan as DynamoDB answers it: a full Scan returns every item
-- once (Scan order follows the partition-key hash, so results are compared
-- as sets, ordered in SQL); Limit paging with ExclusiveStartKey visits each
-- item exactly once, with a LastEvaluatedKey whenever Limit stops a page;
-- FilterExpression (key attributes allowed, unlike Query) with Count and
-- ScannedCount; Select COUNT; ProjectionExpression; the 1 MB page; parallel
-- Scan with TotalSegments 1, 2, 3, 7 and 1000 (segments disjoint, their
-- union the whole table, a partition never split between segments); tables
-- with a hash key only, and N and B partition keys; the plain dyn_scan form
-- inside SQL; and DynamoDB's error for every kind of bad input.
--
-- Table names start with Scn so that this file shares a database with the
-- other tests without clashing.  SQLSTATEs: DY001 ValidationException,
-- DY004 ResourceNotFoundException.

-- an attribute value as text: S and N as written, B as hex
CREATE FUNCTION scn_val(v jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(v->>'S', v->>'N', '0x' || encode(decode(v->>'B', 'base64'), 'hex'))
$$;
-- an item's primary key as text: "pk" or "pk/sk"
CREATE FUNCTION scn_key(item jsonb, pk text, sk text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT scn_val(item->pk) || CASE WHEN sk IS NULL THEN '' ELSE '/' || scn_val(item->sk) END
$$;
-- every page of a Scan, following LastEvaluatedKey: one row per item read
-- (an empty page is one row with a NULL key)
CREATE FUNCTION scn_pages(req jsonb, pk text, sk text DEFAULT NULL)
RETURNS TABLE (page int, pos int, key text, has_lek boolean, count int, scanned int) LANGUAGE plpgsql AS $$
DECLARE
    resp jsonb;
    n int := 0;
    i jsonb;
    k int;
BEGIN
    LOOP
        n := n + 1;
        resp := dyn_scan(req);
        k := 0;
        count := (resp->>'Count')::int;
        scanned := (resp->>'ScannedCount')::int;
        has_lek := resp ? 'LastEvaluatedKey';
        FOR i IN SELECT e FROM jsonb_array_elements(resp->'Items') e LOOP
            k := k + 1;
            page := n; pos := k; key := scn_key(i, pk, sk);
            RETURN NEXT;
        END LOOP;
        IF k = 0 THEN
            page := n; pos := 0; key := NULL;
            RETURN NEXT;
        END IF;
        EXIT WHEN NOT resp ? 'LastEvaluatedKey' OR n > 200;
        req := req || jsonb_build_object('ExclusiveStartKey', resp->'LastEvaluatedKey');
    END LOOP;
END $$;

------------------------------------------------------------------------
-- A hash+range table: 10 partitions of 4 items
------------------------------------------------------------------------
SELECT dyn_create_table('{"TableName": "ScnItems",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                           {"AttributeName": "sk", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' -> 'TableName' AS created;
SELECT count(dyn_put('ScnItems', jsonb_build_object('pk', 'p' || p, 'sk', s, 'colour',
                     (ARRAY['red', 'green', 'blue', 'red'])[s], 'n', p * 10 + s,
                     'info', jsonb_build_object('tag', 't' || s, 'big', s > 2))))
  FROM generate_series(0, 9) AS p, generate_series(1, 4) AS s;
-- the set of all keys, for comparisons below
CREATE TABLE scn_all AS
SELECT scn_key(dyn_marshall(item), 'pk', 'sk') AS key FROM dyn_scan('ScnItems');
SELECT count(*) AS items, count(DISTINCT key) AS distinct_items FROM scn_all;

-- a full Scan: one page, every item, Count = ScannedCount, no LastEvaluatedKey
SELECT resp->'Count' AS count, resp->'ScannedCount' AS scanned, resp ? 'LastEvaluatedKey' AS has_lek,
       jsonb_array_length(resp->'Items') AS items
  FROM dyn_scan('{"TableName": "ScnItems"}'::jsonb) AS resp;
-- the items themselves (ordered here, in SQL)
SELECT i AS item
  FROM jsonb_array_elements(dyn_scan('{"TableName": "ScnItems"}'::jsonb)->'Items') AS i
 WHERE i->'pk'->>'S' IN ('p0', 'p1')
 ORDER BY i->'pk'->>'S', (i->'sk'->>'N')::numeric;
-- the same set as the backing table holds
SELECT (SELECT array_agg(key ORDER BY key) FROM scn_all) =
       (SELECT array_agg(scn_key(i, 'pk', 'sk') ORDER BY scn_key(i, 'pk', 'sk'))
          FROM jsonb_array_elements(dyn_scan('{"TableName": "ScnItems"}'::jsonb)->'Items') AS i) AS same_set;
-- within a partition, items come in sort-key order
SELECT bool_and(ok) AS sort_key_order FROM (
  SELECT (i->'sk'->>'N')::int > coalesce(lag((i->'sk'->>'N')::int) OVER w, 0)
         OR i->'pk' IS DISTINCT FROM lag(i->'pk') OVER w AS ok
    FROM jsonb_array_elements(dyn_scan('{"TableName": "ScnItems"}'::jsonb)->'Items') WITH ORDINALITY AS t(i, o)
  WINDOW w AS (ORDER BY o)) s;
-- the items of one partition are contiguous in Scan order
SELECT count(*) AS runs FROM (
  SELECT i->'pk' IS DISTINCT FROM lag(i->'pk') OVER (ORDER BY o) AS new_run
    FROM jsonb_array_elements(dyn_scan('{"TableName": "ScnItems"}'::jsonb)->'Items') WITH ORDINALITY AS t(i, o)) s
 WHERE new_run;

------------------------------------------------------------------------
-- Limit and ExclusiveStartKey
------------------------------------------------------------------------
-- pages of 7: 7, 7, 7, 7, 7, 5; LastEvaluatedKey on all but the last
SELECT page, count(*) AS items, bool_and(has_lek) AS has_lek, min(count) AS count, min(scanned) AS scanned
  FROM scn_pages('{"TableName": "ScnItems", "Limit": 7}', 'pk', 'sk')
 GROUP BY page ORDER BY page;
-- every item exactly once, and the same order as the unpaged Scan
SELECT count(key) AS items, count(DISTINCT key) AS distinct_items,
       (SELECT array_agg(key ORDER BY key) FROM scn_all) = array_agg(key ORDER BY key) AS same_set,
       array_agg(key ORDER BY page, pos) =
       (SELECT array_agg(scn_key(i, 'pk', 'sk') ORDER BY o)
          FROM jsonb_array_elements(dyn_scan('{"TableName": "ScnItems"}'::jsonb)->'Items') WITH ORDINALITY AS t(i, o)) AS same_order
  FROM scn_pages('{"TableName": "ScnItems", "Limit": 7}', 'pk', 'sk');
-- Limit 1: 40 pages and a last, empty one (the 40th page stops at Limit)
SELECT count(*) FILTER (WHERE key IS NOT NULL) AS items, count(DISTINCT key) AS distinct_items,
       max(page) AS pages, count(*) FILTER (WHERE key IS NULL) AS empty_pages
  FROM scn_pages('{"TableName": "ScnItems", "Limit": 1}', 'pk', 'sk');
-- Limit equal to the number of items: a LastEvaluatedKey even so; the next
-- page is empty and has none
SELECT page, count(key) AS items, bool_and(has_lek) AS has_lek
  FROM scn_pages('{"TableName": "ScnItems", "Limit": 40}', 'pk', 'sk')
 GROUP BY page ORDER BY page;
-- Limit above it: one page, no LastEvaluatedKey
SELECT page, count(key) AS items, bool_and(has_lek) AS has_lek
  FROM scn_pages('{"TableName": "ScnItems", "Limit": 41}', 'pk', 'sk')
 GROUP BY page ORDER BY page;
-- the LastEvaluatedKey is the full primary key of the last item read
SELECT jsonb_object_keys(dyn_scan('{"TableName": "ScnItems", "Limit": 3}'::jsonb)->'LastEvaluatedKey') AS lek_attribute
 ORDER BY 1;
SELECT resp->'LastEvaluatedKey' = (resp->'Items'->2) - 'colour' - 'n' - 'info' AS lek_is_last_key
  FROM dyn_scan('{"TableName": "ScnItems", "Limit": 3}'::jsonb) AS resp;
-- resuming from the middle of a partition
SELECT count(*) AS items
  FROM scn_pages(jsonb_build_object('TableName', 'ScnItems', 'Limit', 5, 'ExclusiveStartKey',
                   dyn_scan('{"TableName": "ScnItems", "Limit": 2}'::jsonb)->'LastEvaluatedKey'), 'pk', 'sk');

------------------------------------------------------------------------
-- FilterExpression, Count and ScannedCount, Select, ProjectionExpression
------------------------------------------------------------------------
SELECT resp->'Count' AS count, resp->'ScannedCount' AS scanned
  FROM dyn_scan('{"TableName": "ScnItems", "FilterExpression": "colour = :c",
                  "ExpressionAttributeValues": {":c": {"S": "red"}}}'::jsonb) AS resp;
SELECT i->'pk'->>'S' AS pk, i->'sk'->>'N' AS sk
  FROM jsonb_array_elements(dyn_scan('{"TableName": "ScnItems",
         "FilterExpression": "n BETWEEN :lo AND :hi", "ExpressionAttributeValues": {":lo": {"N": "31"}, ":hi": {"N": "42"}}}'::jsonb)->'Items') AS i
 ORDER BY 1, 2;
-- Scan filters may use key attributes (Query's may not)
SELECT i->'pk'->>'S' AS pk, i->'sk'->>'N' AS sk
  FROM jsonb_array_elements(dyn_scan('{"TableName": "ScnItems",
         "FilterExpression": "pk = :p AND sk >= :s", "ExpressionAttributeValues": {":p": {"S": "p7"}, ":s": {"N": "3"}}}'::jsonb)->'Items') AS i
 ORDER BY 1, 2;
SELECT dyn_scan('{"TableName": "ScnItems", "FilterExpression": "begins_with(pk, :p) AND info.big = :t",
  "ExpressionAttributeValues": {":p": {"S": "p9"}, ":t": {"BOOL": true}}, "Select": "COUNT"}'::jsonb);
-- Limit counts items read before the filter: pages of 7 read items
SELECT page, min(scanned) AS scanned, min(count) AS count, bool_and(has_lek) AS has_lek
  FROM scn_pages('{"TableName": "ScnItems", "Limit": 7, "FilterExpression": "colour = :c",
                   "ExpressionAttributeValues": {":c": {"S": "green"}}}', 'pk', 'sk')
 GROUP BY page ORDER BY page;
SELECT count(key) AS green FROM scn_pages('{"TableName": "ScnItems", "Limit": 7, "FilterExpression": "colour = :c",
                   "ExpressionAttributeValues": {":c": {"S": "green"}}}', 'pk', 'sk');
-- a filter that matches nothing, with Limit: no items, but a LastEvaluatedKey
SELECT resp->'Count' AS count, resp->'ScannedCount' AS scanned, resp->'Items' AS items,
       resp ? 'LastEvaluatedKey' AS has_lek
  FROM dyn_scan('{"TableName": "ScnItems", "Limit": 5, "FilterExpression": "attribute_exists(nothing)"}'::jsonb) AS resp;
-- Select COUNT: no Items
SELECT dyn_scan('{"TableName": "ScnItems", "Select": "COUNT"}'::jsonb);
SELECT dyn_scan('{"TableName": "ScnItems", "Select": "COUNT", "FilterExpression": "colour <> :c",
  "ExpressionAttributeValues": {":c": {"S": "red"}}}'::jsonb);
SELECT resp - 'LastEvaluatedKey' AS resp, resp ? 'LastEvaluatedKey' AS has_lek
  FROM dyn_scan('{"TableName": "ScnItems", "Select": "COUNT", "Limit": 10}'::jsonb) AS resp;
-- ALL_ATTRIBUTES is the default; SPECIFIC_ATTRIBUTES with a projection
SELECT dyn_scan('{"TableName": "ScnItems", "Select": "ALL_ATTRIBUTES"}'::jsonb) = dyn_scan('{"TableName": "ScnItems"}'::jsonb) AS same;
SELECT i AS item
  FROM jsonb_array_elements(dyn_scan('{"TableName": "ScnItems", "Select": "SPECIFIC_ATTRIBUTES",
         "ProjectionExpression": "#c, info.tag", "ExpressionAttributeNames": {"#c": "colour"},
         "FilterExpression": "pk = :p", "ExpressionAttributeValues": {":p": {"S": "p3"}}}'::jsonb)->'Items') AS i
 ORDER BY i::text;
-- ProjectionExpression: key attributes are not added
SELECT DISTINCT jsonb_object_keys(i) AS attribute
  FROM jsonb_array_elements(dyn_scan('{"TableName": "ScnItems", "ProjectionExpression": "n"}'::jsonb)->'Items') AS i;
-- ConsistentRead is accepted
SELECT dyn_scan('{"TableName": "ScnItems", "ConsistentRead": true, "Select": "COUNT"}'::jsonb);

------------------------------------------------------------------------
-- Parallel Scan: TotalSegments 1, 2, 3, 7, 1000
------------------------------------------------------------------------
-- every segment of every split, paged with Limit 3
CREATE TABLE scn_seg AS
SELECT t AS total, s AS segment, p.key, p.page
  FROM unnest(ARRAY[1, 2, 3, 7]) AS t,
       LATERAL generate_series(0, t - 1) AS s,
       LATERAL scn_pages(jsonb_build_object('TableName', 'ScnItems', 'Segment', s, 'TotalSegments', t,
                                            'Limit', 3), 'pk', 'sk') AS p
 WHERE p.key IS NOT NULL;
-- disjoint (no item twice) and complete (every item), for each split
SELECT total, count(*) AS items, count(DISTINCT key) AS distinct_items,
       array_agg(key ORDER BY key) = (SELECT array_agg(key ORDER BY key) FROM scn_all) AS complete
  FROM scn_seg GROUP BY total ORDER BY total;
-- a partition is never split between segments
SELECT total, max(segments) AS max_segments_per_partition
  FROM (SELECT total, split_part(key, '/', 1) AS pk, count(DISTINCT segment) AS segments
          FROM scn_seg GROUP BY 1, 2) s
 GROUP BY total ORDER BY total;
-- a segment's page is one range scan of the table's scan index (hash of
-- the partition key, then the keys) that reads only what it returns: a
-- page of 5 after a start key reads 5 entries, and never the table itself
-- (counts pending in this backend; inside one transaction none are flushed)
CREATE FUNCTION pg_temp.scn_reads(tname text, OUT index_scans bigint, OUT entries_read bigint,
                                  OUT table_scans bigint)
LANGUAGE sql AS $$
    SELECT pg_stat_get_xact_numscans(c.oid), pg_stat_get_xact_tuples_returned(c.oid), s.seq_scan
      FROM dynamo.tables t
      JOIN pg_class c ON c.relname = t.backing_name || '_scan'
                     AND c.relnamespace = t.backing_schema::regnamespace
      JOIN pg_stat_xact_user_tables s
        ON s.relid = format('%I.%I', t.backing_schema, t.backing_name)::regclass
     WHERE t.table_name = tname
$$;
BEGIN;
SELECT dyn_scan('{"TableName": "ScnItems", "Segment": 1, "TotalSegments": 3, "Limit": 2}'::jsonb)
       -> 'LastEvaluatedKey' AS start \gset
SELECT * FROM pg_temp.scn_reads('ScnItems') \gset before_
SELECT r -> 'Count' AS count, r ? 'LastEvaluatedKey' AS more
  FROM dyn_scan(jsonb_build_object('TableName', 'ScnItems', 'Segment', 1, 'TotalSegments', 3, 'Limit', 5,
                                   'ExclusiveStartKey', :'start'::jsonb)) AS r;
SELECT index_scans - :before_index_scans AS index_scans,
       entries_read - :before_entries_read AS entries_read,
       table_scans - :before_table_scans AS table_scans
  FROM pg_temp.scn_reads('ScnItems');
COMMIT;
-- TotalSegments 1 is the whole table in the plain Scan's order
SELECT array_agg(key ORDER BY page) IS NOT NULL AS nonempty,
       (SELECT array_agg(scn_key(i, 'pk', 'sk') ORDER BY o)
          FROM jsonb_array_elements(dyn_scan('{"TableName": "ScnItems", "Segment": 0, "TotalSegments": 1}'::jsonb)->'Items')
               WITH ORDINALITY AS t(i, o)) =
       (SELECT array_agg(scn_key(i, 'pk', 'sk') ORDER BY o)
          FROM jsonb_array_elements(dyn_scan('{"TableName": "ScnItems"}'::jsonb)->'Items') WITH ORDINALITY AS t(i, o)) AS same_order
  FROM scn_seg WHERE total = 1;
-- a segment's pages, unpaged: the same items as paged
SELECT bool_and(paged = unpaged) AS same
  FROM (SELECT t.total, t.segment,
               (SELECT array_agg(key ORDER BY key) FROM scn_seg g WHERE g.total = t.total AND g.segment = t.segment) AS paged,
               (SELECT array_agg(scn_key(i, 'pk', 'sk') ORDER BY scn_key(i, 'pk', 'sk'))
                  FROM jsonb_array_elements(dyn_scan(jsonb_build_object('TableName', 'ScnItems',
                         'Segment', t.segment, 'TotalSegments', t.total))->'Items') AS i) AS unpaged
          FROM (SELECT DISTINCT total, segment FROM scn_seg) t) s;
-- filters and Select COUNT per segment add up
SELECT sum((dyn_scan(jsonb_build_object('TableName', 'ScnItems', 'Segment', s, 'TotalSegments', 3,
         'Select', 'COUNT', 'FilterExpression', 'colour = :c',
         'ExpressionAttributeValues', '{":c": {"S": "red"}}'::jsonb))->>'Count')::int) AS red
  FROM generate_series(0, 2) AS s;
-- TotalSegments 1000: still disjoint and complete
SELECT count(*) AS items, count(DISTINCT key) AS distinct_items, count(DISTINCT segment) > 1 AS spread,
       array_agg(key ORDER BY key) = (SELECT array_agg(key ORDER BY key) FROM scn_all) AS complete
  FROM (SELECT s AS segment, scn_key(i, 'pk', 'sk') AS key
          FROM generate_series(0, 999) AS s,
               jsonb_array_elements(dyn_scan(jsonb_build_object('TableName', 'ScnItems', 'Segment', s,
                                                                'TotalSegments', 1000))->'Items') AS i) k;
-- the largest Segment and TotalSegments are accepted
SELECT dyn_scan('{"TableName": "ScnItems", "Segment": 999999, "TotalSegments": 1000000, "Select": "COUNT"}'::jsonb) ? 'Count' AS answers;

------------------------------------------------------------------------
-- Hash-only tables; S, N and B partition keys
------------------------------------------------------------------------
SELECT dyn_create_table('{"TableName": "ScnHash",
  "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' -> 'TableName' AS created;
SELECT count(dyn_put('ScnHash', jsonb_build_object('id', 'user#' || i, 'age', 20 + i % 7)))
  FROM generate_series(1, 50) AS i;
SELECT resp->'Count' AS count, resp->'ScannedCount' AS scanned, resp ? 'LastEvaluatedKey' AS has_lek
  FROM dyn_scan('{"TableName": "ScnHash"}'::jsonb) AS resp;
-- Limit 8 pages; the LastEvaluatedKey is the hash key alone
SELECT page, count(*) AS items, bool_and(has_lek) AS has_lek
  FROM scn_pages('{"TableName": "ScnHash", "Limit": 8}', 'id')
 GROUP BY page ORDER BY page;
SELECT count(key) AS items, count(DISTINCT key) AS distinct_items
  FROM scn_pages('{"TableName": "ScnHash", "Limit": 8}', 'id');
SELECT jsonb_object_keys(dyn_scan('{"TableName": "ScnHash", "Limit": 3}'::jsonb)->'LastEvaluatedKey') AS lek_attribute;
-- segments of a hash-only table
SELECT t AS total, count(*) AS items, count(DISTINCT scn_key(i, 'id', NULL)) AS distinct_items
  FROM unnest(ARRAY[2, 3, 7]) AS t, LATERAL generate_series(0, t - 1) AS s,
       LATERAL jsonb_array_elements(dyn_scan(jsonb_build_object('TableName', 'ScnHash', 'Segment', s,
                                                                'TotalSegments', t))->'Items') AS i
 GROUP BY t ORDER BY t;

-- N partition key
SELECT dyn_create_table('{"TableName": "ScnNum",
  "AttributeDefinitions": [{"AttributeName": "n", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "n", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' -> 'TableName' AS created;
SELECT count(dyn_put_item(jsonb_build_object('TableName', 'ScnNum',
         'Item', jsonb_build_object('n', jsonb_build_object('N', v), 'v', jsonb_build_object('S', v)))))
  FROM unnest(ARRAY['0', '1', '-1', '2', '10', '1.5', '-0.25', '1E+20', '-99999999999999999999999999999999999999',
                    '0.000001', '3', '4', '5', '6', '7']) AS v;
-- every item, numbers canonical
SELECT scn_val(i->'n') AS n, i->'v'->>'S' AS written
  FROM jsonb_array_elements(dyn_scan('{"TableName": "ScnNum"}'::jsonb)->'Items') AS i
 ORDER BY (i->'n'->>'N')::numeric;
-- paged by 4, and by segments: each item once
SELECT count(key) AS items, count(DISTINCT key) AS distinct_items, max(page) AS pages
  FROM scn_pages('{"TableName": "ScnNum", "Limit": 4}', 'n');
SELECT count(*) AS items, count(DISTINCT scn_val(i->'n')) AS distinct_items
  FROM generate_series(0, 2) AS s,
       jsonb_array_elements(dyn_scan(jsonb_build_object('TableName', 'ScnNum', 'Segment', s,
                                                        'TotalSegments', 3))->'Items') AS i;
-- a filter on the N key
SELECT scn_val(i->'n') AS n
  FROM jsonb_array_elements(dyn_scan('{"TableName": "ScnNum", "FilterExpression": "n BETWEEN :a AND :b",
         "ExpressionAttributeValues": {":a": {"N": "-1"}, ":b": {"N": "2"}}}'::jsonb)->'Items') AS i
 ORDER BY (i->'n'->>'N')::numeric;
-- the LastEvaluatedKey is an N
SELECT jsonb_object_keys(dyn_scan('{"TableName": "ScnNum", "Limit": 2}'::jsonb)->'LastEvaluatedKey'->'n') AS lek_type;

-- B partition key
SELECT dyn_create_table('{"TableName": "ScnBin",
  "AttributeDefinitions": [{"AttributeName": "b", "AttributeType": "B"}],
  "KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' -> 'TableName' AS created;
SELECT count(dyn_put_item(jsonb_build_object('TableName', 'ScnBin',
         'Item', jsonb_build_object('b', jsonb_build_object('B', encode(decode(h, 'hex'), 'base64'))))))
  FROM unnest(ARRAY['00', '0000', '01', '7f', '80', 'ff', 'ffff', '61', '6162', 'deadbeef', 'c0ffee']) AS h;
SELECT scn_val(i->'b') AS b
  FROM jsonb_array_elements(dyn_scan('{"TableName": "ScnBin"}'::jsonb)->'Items') AS i
 ORDER BY decode(i->'b'->>'B', 'base64');
SELECT count(key) AS items, count(DISTINCT key) AS distinct_items, max(page) AS pages
  FROM scn_pages('{"TableName": "ScnBin", "Limit": 3}', 'b');
SELECT count(*) AS items, count(DISTINCT scn_val(i->'b')) AS distinct_items
  FROM generate_series(0, 6) AS s,
       jsonb_array_elements(dyn_scan(jsonb_build_object('TableName', 'ScnBin', 'Segment', s,
                                                        'TotalSegments', 7))->'Items') AS i;
SELECT scn_val(i->'b') AS b
  FROM jsonb_array_elements(dyn_scan('{"TableName": "ScnBin", "FilterExpression": "begins_with(b, :p)",
         "ExpressionAttributeValues": {":p": {"B": "/w=="}}}'::jsonb)->'Items') AS i
 ORDER BY 1;

------------------------------------------------------------------------
-- The 1 MB page
------------------------------------------------------------------------
SELECT dyn_create_table('{"TableName": "ScnBig",
  "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') -> 'TableDescription' -> 'TableName' AS created;
-- 25 items of 100,000 bytes of payload each
SELECT count(dyn_put('ScnBig', jsonb_build_object('id', i, 'payload', repeat('x', 100000))))
  FROM generate_series(1, 25) AS i;
-- the first page stops once 1 MB is read, with a LastEvaluatedKey
SELECT resp->'Count' AS count, resp->'ScannedCount' AS scanned, resp ? 'LastEvaluatedKey' AS has_lek
  FROM dyn_scan('{"TableName": "ScnBig", "ProjectionExpression": "id"}'::jsonb) AS resp;
-- a filter that drops every item still stops the page at 1 MB
SELECT resp->'Count' AS count, resp->'ScannedCount' AS scanned, resp ? 'LastEvaluatedKey' AS has_lek
  FROM dyn_scan('{"TableName": "ScnBig", "FilterExpression": "attribute_not_exists(payload)"}'::jsonb) AS resp;
-- every page followed: each item once
SELECT count(key) AS items, count(DISTINCT key) AS distinct_items, max(page) AS pages
  FROM scn_pages('{"TableName": "ScnBig", "ProjectionExpression": "id"}', 'id');
-- the plain form follows the pages
SELECT count(*) AS items FROM dyn_scan('ScnBig', projection => 'id');
SELECT dyn_delete_table('{"TableName": "ScnBig"}') -> 'TableDescription' -> 'TableStatus' AS status;

------------------------------------------------------------------------
-- The plain form inside SQL
------------------------------------------------------------------------
SELECT count(*) AS items FROM dyn_scan('ScnItems');
SELECT item FROM dyn_scan('ScnItems', 'pk = :p', '{":p": "p4"}') ORDER BY (item->>'sk')::int;
SELECT item->>'pk' AS pk, item->'sk' AS sk
  FROM dyn_scan('ScnItems', filter => '#c = :c AND n < :n', "values" => '{":c": "blue", ":n": 40}',
                names => '{"#c": "colour"}')
 ORDER BY 1, 2;
SELECT item FROM dyn_scan('ScnItems', 'pk = :p', '{":p": "p2"}', projection => 'sk, info.tag') ORDER BY item::text;
-- "limit" caps the rows
SELECT count(*) AS items FROM dyn_scan('ScnItems', "limit" => 5);
-- in SQL: group, join, aggregate
SELECT item->>'colour' AS colour, count(*) AS items, sum((item->>'n')::int) AS total
  FROM dyn_scan('ScnItems') GROUP BY 1 ORDER BY 1;
CREATE TABLE scn_colours (colour text PRIMARY KEY, hex text);
INSERT INTO scn_colours VALUES ('red', '#f00'), ('green', '#0f0');
SELECT c.hex, count(*) AS items
  FROM dyn_scan('ScnItems') AS s JOIN scn_colours c ON c.colour = s.item->>'colour'
 GROUP BY 1 ORDER BY 1;
-- N and B keys in plain JSON
SELECT item->'n' AS n FROM dyn_scan('ScnNum', 'n > :z', '{":z": 4}') ORDER BY (item->>'n')::numeric;
SELECT item->>'b' AS b FROM dyn_scan('ScnBin') ORDER BY decode(item->>'b', 'base64') LIMIT 3;

------------------------------------------------------------------------
-- Bad input
------------------------------------------------------------------------
-- Segment without TotalSegments, and the other way round
SELECT dyn_scan('{"TableName": "ScnItems", "Segment": 0}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_scan('{"TableName": "ScnItems", "TotalSegments": 2}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
-- Segment >= TotalSegments
SELECT dyn_scan('{"TableName": "ScnItems", "Segment": 5, "TotalSegments": 5}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_scan('{"TableName": "ScnItems", "Segment": 7, "TotalSegments": 3}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
-- Segment -1
SELECT dyn_scan('{"TableName": "ScnItems", "Segment": -1, "TotalSegments": 2}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
-- Segment 1000000 (the largest is 999999)
SELECT dyn_scan('{"TableName": "ScnItems", "Segment": 1000000, "TotalSegments": 1000000}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
-- TotalSegments 0 and 1000001
SELECT dyn_scan('{"TableName": "ScnItems", "Segment": 0, "TotalSegments": 0}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_scan('{"TableName": "ScnItems", "Segment": 0, "TotalSegments": 1000001}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
-- Limit 0 and -1
SELECT dyn_scan('{"TableName": "ScnItems", "Limit": 0}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_scan('{"TableName": "ScnItems", "Limit": -1}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
-- the plain form's "limit" 0 and -1: DynamoDB's Limit error, not an empty result
SELECT * FROM dyn_scan('ScnItems', "limit" => 0);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM dyn_scan('ScnItems', "limit" => -1);
\echo :LAST_ERROR_SQLSTATE
-- bad ExclusiveStartKey: a key attribute missing, an extra one, an unrelated
-- one, empty, the wrong type for each key attribute
SELECT dyn_scan('{"TableName": "ScnItems", "ExclusiveStartKey": {"pk": {"S": "p1"}}}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_scan('{"TableName": "ScnItems", "ExclusiveStartKey": {"pk": {"S": "p1"}, "sk": {"N": "1"}, "n": {"N": "11"}}}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_scan('{"TableName": "ScnItems", "ExclusiveStartKey": {"pk": {"S": "p1"}, "other": {"N": "1"}}}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_scan('{"TableName": "ScnItems", "ExclusiveStartKey": {}}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_scan('{"TableName": "ScnItems", "ExclusiveStartKey": {"pk": {"N": "1"}, "sk": {"N": "1"}}}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_scan('{"TableName": "ScnItems", "ExclusiveStartKey": {"pk": {"S": "p1"}, "sk": {"S": "1"}}}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_scan('{"TableName": "ScnHash", "ExclusiveStartKey": {"id": {"B": "AAA="}}}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
-- ... an invalid AttributeValue; an empty key value
SELECT dyn_scan('{"TableName": "ScnItems", "ExclusiveStartKey": {"pk": {"S": "p1"}, "sk": {}}}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_scan('{"TableName": "ScnItems", "ExclusiveStartKey": {"pk": {"S": "p1"}, "sk": {"N": "x"}}}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
-- ... from another segment
SELECT dyn_scan(jsonb_build_object('TableName', 'ScnItems', 'Segment', 0, 'TotalSegments', 2,
                'ExclusiveStartKey', dyn_scan('{"TableName": "ScnItems", "Segment": 1, "TotalSegments": 2, "Limit": 1}'::jsonb)->'LastEvaluatedKey'));
\echo :LAST_ERROR_SQLSTATE
-- Select COUNT with ProjectionExpression (Scan's message has no envelope)
SELECT dyn_scan('{"TableName": "ScnItems", "Select": "COUNT", "ProjectionExpression": "n"}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
-- SPECIFIC_ATTRIBUTES without a projection
SELECT dyn_scan('{"TableName": "ScnItems", "Select": "SPECIFIC_ATTRIBUTES"}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
-- ALL_PROJECTED_ATTRIBUTES without IndexName ("Querying" even on Scan)
SELECT dyn_scan('{"TableName": "ScnItems", "Select": "ALL_PROJECTED_ATTRIBUTES"}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
-- unknown IndexName; unknown table
SELECT dyn_scan('{"TableName": "ScnItems", "IndexName": "nope-index"}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM dyn_scan('ScnItems', index_name => 'nope-index');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_scan('{"TableName": "ScnNoSuchTable"}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM dyn_scan('ScnNoSuchTable');
\echo :LAST_ERROR_SQLSTATE
-- validation before the table lookup
SELECT dyn_scan('{"TableName": "ScnNoSuchTable", "Segment": 3, "TotalSegments": 2}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
-- TableName missing
SELECT dyn_scan('{}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
-- ExpressionAttributeValues with no FilterExpression
SELECT dyn_scan('{"TableName": "ScnItems", "ExpressionAttributeValues": {":a": {"S": "x"}}}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
-- a JSON object passed to the plain form as the table name: DY001 with a hint
SELECT dyn_scan('{"TableName": "ScnItems"}');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM dyn_scan('{"TableName": "ScnItems", "Limit": 2}');
\echo :LAST_ERROR_SQLSTATE
