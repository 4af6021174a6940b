-- indexes: pins local and global secondary indexes as DynamoDB answers
-- them: CreateTable with LSIs and GSIs on S, N and B keys with every
-- projection (KEYS_ONLY, INCLUDE, ALL) and DescribeTable of them; the seeds'
-- scenario (the grocery Orders table gains a DeliveryDate attribute and the
-- DeliveryDate-index GSI through UpdateTable while old orders lack the
-- attribute; the Query by delivery date returns exactly the orders that
-- have it); sparse indexes; reads right after writes see them (strongly
-- consistent, GSIs included); paging through a hash-only GSI where many
-- items share one index key value (Limit 1..3, every item exactly once);
-- what each projection returns (an LSI fetches from the table, a GSI does
-- not); ScanIndexForward on an LSI; Scan with IndexName; writes whose index
-- key attribute has the wrong type refused; dyn_index_violations; a
-- CREATING index (reads refused, one online index action at a time);
-- UpdateTable Update and Delete; that the index query on the backing table
-- is an index scan; and DynamoDB's error for bad index definitions at
-- CreateTable and UpdateTable.
--
-- Table names start with Idx so that this file shares a database with the
-- other tests.  SQLSTATEs: DY001 ValidationException, DY004
-- ResourceNotFoundException, DY005 ResourceInUseException, DY008
-- LimitExceededException.
--
-- UpdateTable Create returns at once and a background worker builds the
-- index with CREATE INDEX CONCURRENTLY, which waits for every transaction
-- holding an older snapshot, a session polling DescribeTable inside one
-- transaction included: idx_wait_active commits between its polls.

-- a key (or any item) as text: attributes in name order, S and N as
-- written, B as hex
CREATE FUNCTION idx_key(item jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT string_agg(k || '=' || coalesce(v->>'S', v->>'N',
                      '0x' || encode(decode(v->>'B', 'base64'), 'hex')), ' ' ORDER BY k COLLATE "C")
      FROM jsonb_each(item) AS e(k, v)
$$;
-- a Query or Scan response: one row per item in the order returned (or
-- sorted, where DynamoDB leaves the order open), then one row with the rest
-- of the response
CREATE FUNCTION idx_show(resp jsonb, sorted boolean DEFAULT false) RETURNS SETOF text
LANGUAGE sql IMMUTABLE AS $$
    SELECT line FROM (
        SELECT CASE WHEN sorted THEN 0 ELSE o END AS o, i::text AS line
          FROM jsonb_array_elements(coalesce(resp->'Items', '[]')) WITH ORDINALITY AS t(i, o)
        UNION ALL
        SELECT 1000000, (resp - 'Items')::text) s
    ORDER BY o, line COLLATE "C"
$$;
-- the secondary indexes of a table as DescribeTable lists them, in its
-- order, without the sizes and counts that depend on the physical table
-- (counters says whether both are there)
CREATE FUNCTION idx_describe(tname text)
RETURNS TABLE (kind text, pos bigint, counters boolean, description jsonb) LANGUAGE sql AS $$
    SELECT v.k, e.o, e.i ? 'ItemCount' AND e.i ? 'IndexSizeBytes',
           e.i - 'ItemCount' - 'IndexSizeBytes' - 'IndexKeyViolations'
      FROM dyn_describe_table(jsonb_build_object('TableName', tname)) AS d(r),
           LATERAL (VALUES ('LSI', d.r->'Table'->'LocalSecondaryIndexes'),
                           ('GSI', d.r->'Table'->'GlobalSecondaryIndexes')) AS v(k, l),
           LATERAL jsonb_array_elements(coalesce(v.l, '[]')) WITH ORDINALITY AS e(i, o)
     ORDER BY v.k DESC, e.o
$$;
-- the AttributeDefinitions of a table, by name
CREATE FUNCTION idx_attrdefs(tname text) RETURNS text LANGUAGE sql AS $$
    SELECT string_agg(a->>'AttributeName' || ':' || (a->>'AttributeType'), ', '
                      ORDER BY a->>'AttributeName' COLLATE "C")
      FROM jsonb_array_elements(dyn_describe_table(jsonb_build_object('TableName', tname))
                                -> 'Table' -> 'AttributeDefinitions') AS a
$$;
-- every page of a Query or Scan, following LastEvaluatedKey: one row per
-- item read, with its page and the attribute names of that page's
-- LastEvaluatedKey; a page without items gives a row with a null key
CREATE FUNCTION idx_pages(op text, req jsonb)
RETURNS TABLE (page int, key text, lek_names text) LANGUAGE plpgsql AS $$
DECLARE
    resp jsonb;
    n int := 0;
BEGIN
    LOOP
        n := n + 1;
        resp := dyn_execute(op, req);
        RETURN QUERY
            SELECT n, idx_key(i),
                   (SELECT string_agg(k, ',' ORDER BY k COLLATE "C")
                      FROM jsonb_object_keys(resp->'LastEvaluatedKey') AS k)
              FROM jsonb_array_elements(resp->'Items') AS i;
        IF jsonb_array_length(resp->'Items') = 0 THEN
            RETURN QUERY SELECT n, NULL::text, NULL::text;
        END IF;
        EXIT WHEN NOT resp ? 'LastEvaluatedKey' OR n >= 100;
        req := jsonb_set(req, '{ExclusiveStartKey}', resp->'LastEvaluatedKey');
    END LOOP;
END
$$;
-- wait (at most 30 s) until a GSI is no longer CREATING, committing between
-- polls so that the build never waits for this session
CREATE PROCEDURE idx_wait_active(tname text, iname text) LANGUAGE plpgsql AS $$
DECLARE
    s text;
BEGIN
    FOR i IN 1..300 LOOP
        SELECT x->>'IndexStatus' INTO s
          FROM jsonb_array_elements(dyn_describe_table(jsonb_build_object('TableName', tname))
                                    -> 'Table' -> 'GlobalSecondaryIndexes') AS x
         WHERE x->>'IndexName' = iname;
        EXIT WHEN s IS DISTINCT FROM 'CREATING';
        COMMIT;
        PERFORM pg_sleep(0.1);
    END LOOP;
    RAISE NOTICE 'index % of %: %', iname, tname, coalesce(s, 'absent');
END
$$;
-- the plan of a query on the backing table of tname, node by node, the
-- index named by its DynamoDB name and the table not named at all
CREATE FUNCTION idx_plan(tname text, query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    t record;
    line text;
    first boolean := true;
    m text[];
    iname text;
BEGIN
    SELECT * INTO t FROM dynamo.tables WHERE table_name = tname;
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || format(query, t.backing_schema, t.backing_name) LOOP
        IF first OR line ~ '^\s*->' THEN
            line := regexp_replace(line, '^\s*(->\s+)?', '');
            m := regexp_match(line, ' using (\S+)');
            IF m IS NOT NULL THEN
                SELECT coalesce((SELECT x.index_name FROM dynamo.indexes x
                                  WHERE x.table_name = tname AND x.pg_index_name = m[1]),
                                CASE WHEN m[1] = t.backing_name || '_pkey' THEN 'primary key'
                                     ELSE 'another index' END)
                  INTO iname;
                line := regexp_replace(line, ' using \S+', ' using ' || iname);
            END IF;
            RETURN NEXT regexp_replace(line, ' on \S+.*$', '');
        END IF;
        first := false;
    END LOOP;
END
$$;

------------------------------------------------------------------------
-- CreateTable with LSIs and GSIs, DescribeTable
------------------------------------------------------------------------
-- Music: two LSIs (N sort key, KEYS_ONLY; S sort key, INCLUDE) and three
-- GSIs (S hash with N range, INCLUDE; B hash, ALL; N hash with S range,
-- KEYS_ONLY), the GSIs sent in no particular name order.  The definitions
-- and NonKeyAttributes are sent sorted by name: AWS returns them sorted.
SELECT dyn_create_table('{"TableName": "IdxMusic",
  "AttributeDefinitions": [{"AttributeName": "Album", "AttributeType": "S"},
    {"AttributeName": "Artist", "AttributeType": "S"}, {"AttributeName": "Cover", "AttributeType": "B"},
    {"AttributeName": "Genre", "AttributeType": "S"}, {"AttributeName": "Rating", "AttributeType": "N"},
    {"AttributeName": "SongTitle", "AttributeType": "S"}, {"AttributeName": "Year", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"}, {"AttributeName": "SongTitle", "KeyType": "RANGE"}],
  "LocalSecondaryIndexes": [
    {"IndexName": "ByYear", "KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"},
       {"AttributeName": "Year", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "KEYS_ONLY"}},
    {"IndexName": "ByAlbum", "KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"},
       {"AttributeName": "Album", "KeyType": "RANGE"}],
     "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["Price"]}}],
  "GlobalSecondaryIndexes": [
    {"IndexName": "GenreYear", "KeySchema": [{"AttributeName": "Genre", "KeyType": "HASH"},
       {"AttributeName": "Year", "KeyType": "RANGE"}],
     "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["Album", "Price"]}},
    {"IndexName": "ByCover", "KeySchema": [{"AttributeName": "Cover", "KeyType": "HASH"}],
     "Projection": {"ProjectionType": "ALL"}},
    {"IndexName": "ByRating", "KeySchema": [{"AttributeName": "Rating", "KeyType": "HASH"},
       {"AttributeName": "SongTitle", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "KEYS_ONLY"}}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
-- the lists in the order sent; LSIs without status or throughput, GSIs
-- ACTIVE with throughput 0/0 (on-demand) and no Backfilling; every index
-- with its ARN, ItemCount and IndexSizeBytes
SELECT * FROM idx_describe('IdxMusic');
SELECT idx_attrdefs('IdxMusic');

-- the items: the indexes are sparse, each holds only the items that have
-- all its key attributes
SELECT dyn_put_item('{"TableName": "IdxMusic", "Item": {"Artist": {"S": "No One You Know"},
  "SongTitle": {"S": "Call Me Today"}, "Year": {"N": "1999"}, "Album": {"S": "Somewhat Famous"},
  "Genre": {"S": "Country"}, "Price": {"N": "1.98"}, "Rating": {"N": "5"}, "Lyrics": {"S": "la la"}}}');
SELECT dyn_put_item('{"TableName": "IdxMusic", "Item": {"Artist": {"S": "No One You Know"},
  "SongTitle": {"S": "My Dog Spot"}, "Year": {"N": "2005"}, "Album": {"S": "Hey Now"},
  "Genre": {"S": "Country"}, "Price": {"N": "0.98"}}}');
SELECT dyn_put_item('{"TableName": "IdxMusic", "Item": {"Artist": {"S": "No One You Know"},
  "SongTitle": {"S": "Scared of My Shadow"}, "Year": {"N": "1985"}, "Genre": {"S": "Rock"},
  "Cover": {"B": "AAEC"}, "Rating": {"N": "5"}}}');
SELECT dyn_put_item('{"TableName": "IdxMusic", "Item": {"Artist": {"S": "The Acme Band"},
  "SongTitle": {"S": "Happy Day"}, "Year": {"N": "2012"}, "Album": {"S": "Songs About Life"},
  "Genre": {"S": "Rock"}, "Cover": {"B": "/w=="}, "Rating": {"N": "4"}}}');
SELECT dyn_put_item('{"TableName": "IdxMusic", "Item": {"Artist": {"S": "The Acme Band"},
  "SongTitle": {"S": "Look Out, World"}, "Album": {"S": "The Buck Starts Here"}, "Price": {"N": "0.99"}}}');
SELECT dyn_put_item('{"TableName": "IdxMusic", "Item": {"Artist": {"S": "The Acme Band"},
  "SongTitle": {"S": "PartiQL Rocks"}}}');

------------------------------------------------------------------------
-- Sparse indexes, Scan with IndexName
------------------------------------------------------------------------
-- items in the table and in each index
SELECT i AS index_name,
       (dyn_scan(jsonb_strip_nulls(jsonb_build_object('TableName', 'IdxMusic', 'IndexName', i,
                                                       'Select', 'COUNT'))) ->> 'Count')::int AS items
  FROM unnest(ARRAY[NULL, 'ByYear', 'ByAlbum', 'GenreYear', 'ByCover', 'ByRating']) WITH ORDINALITY AS u(i, o)
 ORDER BY o;
-- which items: a GSI Scan returns the keys and what the index projects
SELECT * FROM idx_show(dyn_scan('{"TableName": "IdxMusic", "IndexName": "ByRating"}'::jsonb), sorted => true);
SELECT * FROM idx_show(dyn_scan('{"TableName": "IdxMusic", "IndexName": "ByCover",
  "ProjectionExpression": "SongTitle, Cover"}'::jsonb), sorted => true);
-- Scan pages through an index too, each item exactly once
SELECT count(key) AS items, count(DISTINCT key) AS distinct_items, max(page) AS pages
  FROM idx_pages('Scan', '{"TableName": "IdxMusic", "IndexName": "GenreYear", "Limit": 1}');
-- an index that is not there; a consistent read on a GSI; ALL_ATTRIBUTES
-- on a GSI that does not project them
SELECT dyn_scan('{"TableName": "IdxMusic", "IndexName": "Nope"}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_scan('{"TableName": "IdxMusic", "IndexName": "GenreYear", "ConsistentRead": true}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_scan('{"TableName": "IdxMusic", "IndexName": "ByRating", "Select": "ALL_ATTRIBUTES"}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
-- ... but on an LSI both are fine
SELECT dyn_scan('{"TableName": "IdxMusic", "IndexName": "ByYear", "ConsistentRead": true,
  "Select": "COUNT"}'::jsonb);

------------------------------------------------------------------------
-- Query on an LSI: order by the index sort key, ScanIndexForward, what the
-- projection returns (an LSI fetches other attributes from the table)
------------------------------------------------------------------------
SELECT * FROM idx_show(dyn_query('{"TableName": "IdxMusic", "IndexName": "ByYear",
  "KeyConditionExpression": "Artist = :a", "ExpressionAttributeValues": {":a": {"S": "No One You Know"}}}'));
SELECT * FROM idx_show(dyn_query('{"TableName": "IdxMusic", "IndexName": "ByYear",
  "KeyConditionExpression": "Artist = :a", "ExpressionAttributeValues": {":a": {"S": "No One You Know"}},
  "ScanIndexForward": false}'));
SELECT * FROM idx_show(dyn_query('{"TableName": "IdxMusic", "IndexName": "ByYear",
  "KeyConditionExpression": "Artist = :a AND #y BETWEEN :lo AND :hi", "ExpressionAttributeNames": {"#y": "Year"},
  "ExpressionAttributeValues": {":a": {"S": "No One You Know"}, ":lo": {"N": "1990"}, ":hi": {"N": "2010"}},
  "ScanIndexForward": false, "ConsistentRead": true}'));
-- Limit and LastEvaluatedKey on an LSI: the index sort key and the table key
SELECT * FROM idx_show(dyn_query('{"TableName": "IdxMusic", "IndexName": "ByYear",
  "KeyConditionExpression": "Artist = :a", "ExpressionAttributeValues": {":a": {"S": "No One You Know"}},
  "ScanIndexForward": false, "Limit": 1}'));
SELECT * FROM idx_show(dyn_query('{"TableName": "IdxMusic", "IndexName": "ByYear",
  "KeyConditionExpression": "Artist = :a", "ExpressionAttributeValues": {":a": {"S": "No One You Know"}},
  "ScanIndexForward": false, "Limit": 1, "ExclusiveStartKey": {"Artist": {"S": "No One You Know"},
  "SongTitle": {"S": "My Dog Spot"}, "Year": {"N": "2005"}}}'));
-- ALL_ATTRIBUTES and attributes the LSI does not project come from the table
SELECT * FROM idx_show(dyn_query('{"TableName": "IdxMusic", "IndexName": "ByYear",
  "KeyConditionExpression": "Artist = :a", "ExpressionAttributeValues": {":a": {"S": "No One You Know"}},
  "Select": "ALL_ATTRIBUTES"}'));
SELECT * FROM idx_show(dyn_query('{"TableName": "IdxMusic", "IndexName": "ByYear",
  "KeyConditionExpression": "Artist = :a", "ExpressionAttributeValues": {":a": {"S": "No One You Know"}},
  "ProjectionExpression": "SongTitle, Lyrics"}'));
-- INCLUDE: the keys, the index key and Price
SELECT * FROM idx_show(dyn_query('{"TableName": "IdxMusic", "IndexName": "ByAlbum",
  "KeyConditionExpression": "Artist = :a AND begins_with(Album, :p)",
  "ExpressionAttributeValues": {":a": {"S": "The Acme Band"}, ":p": {"S": "Song"}}}'));
-- the key condition is on the index's keys
SELECT dyn_query('{"TableName": "IdxMusic", "IndexName": "ByYear",
  "KeyConditionExpression": "Artist = :a AND SongTitle = :s",
  "ExpressionAttributeValues": {":a": {"S": "No One You Know"}, ":s": {"S": "My Dog Spot"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "IdxMusic", "IndexName": "ByYear",
  "KeyConditionExpression": "Artist = :a AND #y = :y", "ExpressionAttributeNames": {"#y": "Year"},
  "ExpressionAttributeValues": {":a": {"S": "No One You Know"}, ":y": {"S": "1999"}}}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- Query on a GSI: the index keys, projections, Select, ConsistentRead
------------------------------------------------------------------------
-- INCLUDE: keys of table and index plus Album and Price, never Lyrics or
-- Rating; ordered by the index sort key
SELECT * FROM idx_show(dyn_query('{"TableName": "IdxMusic", "IndexName": "GenreYear",
  "KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Country"}}}'));
SELECT * FROM idx_show(dyn_query('{"TableName": "IdxMusic", "IndexName": "GenreYear",
  "KeyConditionExpression": "Genre = :g AND #y > :y", "ExpressionAttributeNames": {"#y": "Year"},
  "ExpressionAttributeValues": {":g": {"S": "Rock"}, ":y": {"N": "2000"}}}'));
SELECT * FROM idx_show(dyn_query('{"TableName": "IdxMusic", "IndexName": "GenreYear",
  "KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Country"}},
  "Select": "ALL_PROJECTED_ATTRIBUTES"}'));
-- a filter on a projected attribute: Count after it, ScannedCount before
SELECT * FROM idx_show(dyn_query('{"TableName": "IdxMusic", "IndexName": "GenreYear",
  "KeyConditionExpression": "Genre = :g", "FilterExpression": "Price > :p",
  "ExpressionAttributeValues": {":g": {"S": "Country"}, ":p": {"N": "1"}}}'));
-- LastEvaluatedKey of a GSI: the index keys and the table keys
SELECT * FROM idx_show(dyn_query('{"TableName": "IdxMusic", "IndexName": "GenreYear",
  "KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Rock"}},
  "Limit": 1, "ProjectionExpression": "SongTitle"}'));
-- KEYS_ONLY with an N hash key and an S range key
SELECT * FROM idx_show(dyn_query('{"TableName": "IdxMusic", "IndexName": "ByRating",
  "KeyConditionExpression": "Rating = :r", "ExpressionAttributeValues": {":r": {"N": "5"}}}'));
SELECT * FROM idx_show(dyn_query('{"TableName": "IdxMusic", "IndexName": "ByRating",
  "KeyConditionExpression": "Rating = :r AND SongTitle < :t",
  "ExpressionAttributeValues": {":r": {"N": "5"}, ":t": {"S": "D"}}}'));
-- ALL with a B hash key: every attribute, and ALL_ATTRIBUTES is allowed
SELECT * FROM idx_show(dyn_query('{"TableName": "IdxMusic", "IndexName": "ByCover",
  "KeyConditionExpression": "Cover = :c", "ExpressionAttributeValues": {":c": {"B": "AAEC"}},
  "Select": "ALL_ATTRIBUTES"}'));
-- the plain form takes an index name
SELECT item FROM dyn_query('IdxMusic', 'Genre = :g', '{":g": "Country"}', index_name => 'GenreYear',
                           forward => false);
-- ALL_ATTRIBUTES on a GSI that is not ALL; a consistent read on a GSI; a
-- filter on a key of the index; an index that is not there
SELECT dyn_query('{"TableName": "IdxMusic", "IndexName": "GenreYear",
  "KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Country"}},
  "Select": "ALL_ATTRIBUTES"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "IdxMusic", "IndexName": "GenreYear",
  "KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Country"}},
  "ConsistentRead": true}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "IdxMusic", "IndexName": "GenreYear",
  "KeyConditionExpression": "Genre = :g", "FilterExpression": "#y > :y", "ExpressionAttributeNames": {"#y": "Year"},
  "ExpressionAttributeValues": {":g": {"S": "Country"}, ":y": {"N": "2000"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "IdxMusic", "IndexName": "GenreYear",
  "KeyConditionExpression": "Artist = :a", "ExpressionAttributeValues": {":a": {"S": "No One You Know"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_query('{"TableName": "IdxMusic", "IndexName": "NoSuchIndex",
  "KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Country"}}}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- Strong consistency: every write is in every index when it commits
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "IdxMusic", "Item": {"Artist": {"S": "The Acme Band"},
  "SongTitle": {"S": "New Tune"}, "Genre": {"S": "Jazz"}, "Year": {"N": "2020"}, "Rating": {"N": "3"}}}');
SELECT dyn_query('{"TableName": "IdxMusic", "IndexName": "GenreYear", "KeyConditionExpression": "Genre = :g",
  "ExpressionAttributeValues": {":g": {"S": "Jazz"}}, "ProjectionExpression": "SongTitle"}') AS jazz;
-- the index key changes: the item moves within the index
SELECT dyn_update_item('{"TableName": "IdxMusic", "Key": {"Artist": {"S": "The Acme Band"},
  "SongTitle": {"S": "New Tune"}}, "UpdateExpression": "SET Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Blues"}}}');
SELECT g AS genre, dyn_query(jsonb_build_object('TableName', 'IdxMusic', 'IndexName', 'GenreYear',
         'KeyConditionExpression', 'Genre = :g', 'ExpressionAttributeValues', jsonb_build_object(':g', jsonb_build_object('S', g)),
         'Select', 'COUNT')) AS response
  FROM unnest(ARRAY['Jazz', 'Blues']) AS g;
-- an index key attribute is removed: the item leaves that index only
SELECT dyn_update_item('{"TableName": "IdxMusic", "Key": {"Artist": {"S": "The Acme Band"},
  "SongTitle": {"S": "New Tune"}}, "UpdateExpression": "REMOVE #y", "ExpressionAttributeNames": {"#y": "Year"}}');
SELECT dyn_query('{"TableName": "IdxMusic", "IndexName": "GenreYear", "KeyConditionExpression": "Genre = :g",
  "ExpressionAttributeValues": {":g": {"S": "Blues"}}, "Select": "COUNT"}') AS blues,
       dyn_query('{"TableName": "IdxMusic", "IndexName": "ByRating", "KeyConditionExpression": "Rating = :r",
  "ExpressionAttributeValues": {":r": {"N": "3"}}, "Select": "COUNT"}') AS rating_3;
-- inside a transaction, before it commits
BEGIN;
SELECT dyn_delete_item('{"TableName": "IdxMusic", "Key": {"Artist": {"S": "The Acme Band"}, "SongTitle": {"S": "New Tune"}}}');
SELECT dyn_query('{"TableName": "IdxMusic", "IndexName": "ByRating", "KeyConditionExpression": "Rating = :r",
  "ExpressionAttributeValues": {":r": {"N": "3"}}, "Select": "COUNT"}') AS rating_3;
COMMIT;

------------------------------------------------------------------------
-- Writes whose index key attribute has the wrong type are refused
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "IdxMusic", "Item": {"Artist": {"S": "X"}, "SongTitle": {"S": "x"},
  "Rating": {"S": "five"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "IdxMusic", "Item": {"Artist": {"S": "X"}, "SongTitle": {"S": "x"},
  "Cover": {"S": "AAEC"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "IdxMusic", "Item": {"Artist": {"S": "X"}, "SongTitle": {"S": "x"},
  "Rating": {"NULL": true}}}');
\echo :LAST_ERROR_SQLSTATE
-- an LSI key too
SELECT dyn_put_item('{"TableName": "IdxMusic", "Item": {"Artist": {"S": "X"}, "SongTitle": {"S": "x"},
  "Album": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- an empty string as an index key
SELECT dyn_put_item('{"TableName": "IdxMusic", "Item": {"Artist": {"S": "X"}, "SongTitle": {"S": "x"},
  "Album": {"S": ""}}}');
\echo :LAST_ERROR_SQLSTATE
-- UpdateItem: SET to a value of another type; ADD creating an N where the
-- index wants an S
SELECT dyn_update_item('{"TableName": "IdxMusic", "Key": {"Artist": {"S": "No One You Know"},
  "SongTitle": {"S": "My Dog Spot"}}, "UpdateExpression": "SET Rating = :r",
  "ExpressionAttributeValues": {":r": {"S": "five"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "IdxMusic", "Key": {"Artist": {"S": "X"}, "SongTitle": {"S": "x"}},
  "UpdateExpression": "ADD Album :n", "ExpressionAttributeValues": {":n": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- BatchWriteItem
SELECT dyn_batch_write_item('{"RequestItems": {"IdxMusic": [{"PutRequest": {"Item": {"Artist": {"S": "X"},
  "SongTitle": {"S": "x"}, "Rating": {"S": "five"}}}}]}}');
\echo :LAST_ERROR_SQLSTATE
-- nothing was written
SELECT dyn_get_item('{"TableName": "IdxMusic", "Key": {"Artist": {"S": "X"}, "SongTitle": {"S": "x"}}}') AS x,
       dyn_get_item('{"TableName": "IdxMusic", "Key": {"Artist": {"S": "No One You Know"},
         "SongTitle": {"S": "My Dog Spot"}}, "ProjectionExpression": "Rating"}') AS my_dog_spot;

------------------------------------------------------------------------
-- Paging through a hash-only GSI where many items share one key value
------------------------------------------------------------------------
SELECT dyn_create_table('{"TableName": "IdxTasks",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
    {"AttributeName": "Status", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
  "GlobalSecondaryIndexes": [{"IndexName": "ByStatus", "KeySchema": [{"AttributeName": "Status", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "KEYS_ONLY"}}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
-- 13 open tasks over four partitions, 3 done
SELECT count(dyn_put_item(jsonb_build_object('TableName', 'IdxTasks', 'Item', jsonb_build_object(
         'pk', jsonb_build_object('S', 'p' || (g % 4)), 'sk', jsonb_build_object('N', (g * 7 % 16)::text),
         'Status', jsonb_build_object('S', CASE WHEN g <= 13 THEN 'open' ELSE 'done' END),
         'Note', jsonb_build_object('S', 'task ' || g))))) AS written
  FROM generate_series(1, 16) AS g;
-- every open task exactly once at every Limit; a LastEvaluatedKey
-- whenever Limit stops a page (Limit 1: a 14th, empty page); it carries
-- the index key and the table keys
SELECT l AS "limit", count(key) AS items, count(DISTINCT key) AS distinct_items, max(page) AS pages,
       string_agg(DISTINCT lek_names, ' ') AS lek_names
  FROM generate_series(1, 3) AS l,
       idx_pages('Query', jsonb_build_object('TableName', 'IdxTasks', 'IndexName', 'ByStatus',
         'KeyConditionExpression', '#s = :s', 'ExpressionAttributeNames', '{"#s": "Status"}'::jsonb,
         'ExpressionAttributeValues', '{":s": {"S": "open"}}'::jsonb, 'Limit', l))
 GROUP BY l ORDER BY l;
-- and they are the open tasks
SELECT (SELECT array_agg(key ORDER BY key) FROM idx_pages('Query', '{"TableName": "IdxTasks",
          "IndexName": "ByStatus", "KeyConditionExpression": "#s = :s", "ExpressionAttributeNames": {"#s": "Status"},
          "ExpressionAttributeValues": {":s": {"S": "open"}}, "Limit": 2}'))
     = (SELECT array_agg(idx_key(i) ORDER BY idx_key(i)) FROM jsonb_array_elements(dyn_scan('{"TableName": "IdxTasks",
          "FilterExpression": "#s = :s", "ExpressionAttributeNames": {"#s": "Status"},
          "ExpressionAttributeValues": {":s": {"S": "open"}}, "ProjectionExpression": "pk, sk, #s"}'::jsonb)->'Items') AS i)
       AS same_items;
-- backwards too
SELECT count(key) AS items, count(DISTINCT key) AS distinct_items
  FROM idx_pages('Query', '{"TableName": "IdxTasks", "IndexName": "ByStatus", "KeyConditionExpression": "#s = :s",
    "ExpressionAttributeNames": {"#s": "Status"}, "ExpressionAttributeValues": {":s": {"S": "open"}},
    "Limit": 3, "ScanIndexForward": false}');
-- each page is one range scan of the GSI's own index, positioned after the
-- start key: the 13 open tasks in pages of 3 read 13 index entries and 13
-- rows in 5 scans, and never the table itself (counts pending in this
-- backend; inside one transaction none are flushed)
CREATE FUNCTION pg_temp.idx_reads(tname text, iname text, OUT index_scans bigint,
                                  OUT entries_read bigint, OUT rows_fetched bigint,
                                  OUT table_scans bigint)
LANGUAGE sql AS $$
    SELECT pg_stat_get_xact_numscans(c.oid), pg_stat_get_xact_tuples_returned(c.oid),
           s.idx_tup_fetch, s.seq_scan
      FROM dynamo.tables t
      JOIN dynamo.indexes x ON x.table_name = t.table_name AND x.index_name = iname
      JOIN pg_class c ON c.relname = x.pg_index_name
                     AND c.relnamespace = t.backing_schema::regnamespace
      JOIN pg_stat_xact_user_tables s
        ON s.relid = format('%I.%I', t.backing_schema, t.backing_name)::regclass
     WHERE t.table_name = tname
$$;
BEGIN;
SELECT * FROM pg_temp.idx_reads('IdxTasks', 'ByStatus') \gset before_
SELECT count(key) AS items, max(page) AS pages
  FROM idx_pages('Query', '{"TableName": "IdxTasks", "IndexName": "ByStatus", "KeyConditionExpression": "#s = :s",
    "ExpressionAttributeNames": {"#s": "Status"}, "ExpressionAttributeValues": {":s": {"S": "open"}},
    "Limit": 3}');
SELECT index_scans - :before_index_scans AS index_scans,
       entries_read - :before_entries_read AS entries_read,
       rows_fetched - :before_rows_fetched AS rows_fetched,
       table_scans - :before_table_scans AS table_scans
  FROM pg_temp.idx_reads('IdxTasks', 'ByStatus');
COMMIT;
-- KEYS_ONLY: the table keys and the index key, nothing else
SELECT * FROM idx_show(dyn_query('{"TableName": "IdxTasks", "IndexName": "ByStatus",
  "KeyConditionExpression": "#s = :s", "ExpressionAttributeNames": {"#s": "Status"},
  "ExpressionAttributeValues": {":s": {"S": "done"}}, "ProjectionExpression": "pk, sk"}'), sorted => true);
SELECT count(*) AS items, bool_and(item ?& ARRAY['pk', 'sk', 'Status'] AND NOT item ? 'Note') AS keys_only
  FROM dyn_query('IdxTasks', '#s = :s', '{":s": "done"}', index_name => 'ByStatus', names => '{"#s": "Status"}');

------------------------------------------------------------------------
-- The seeds' scenario: Orders gains DeliveryDate and DeliveryDate-index
------------------------------------------------------------------------
SELECT dyn_create_table('{"TableName": "IdxOrders",
  "AttributeDefinitions": [{"AttributeName": "CustomerId", "AttributeType": "S"},
    {"AttributeName": "OrderId", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "CustomerId", "KeyType": "HASH"}, {"AttributeName": "OrderId", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
-- the old orders have no DeliveryDate; one was written with a number there
SELECT dyn_put_item('{"TableName": "IdxOrders", "Item": {"CustomerId": {"S": "7970241400"},
  "OrderId": {"S": "2025-03-01#2121195"}, "Total": {"N": "42.10"}}}');
SELECT dyn_put_item('{"TableName": "IdxOrders", "Item": {"CustomerId": {"S": "7970241400"},
  "OrderId": {"S": "2025-03-05#2121377"}, "Total": {"N": "17.00"}}}');
SELECT dyn_put_item('{"TableName": "IdxOrders", "Item": {"CustomerId": {"S": "1122334455"},
  "OrderId": {"S": "2025-03-02#2121208"}, "Total": {"N": "8.99"}}}');
SELECT dyn_put_item('{"TableName": "IdxOrders", "Item": {"CustomerId": {"S": "5566778899"},
  "OrderId": {"S": "2025-03-03#2121300"}, "DeliveryDate": {"N": "20250321"}}}');
-- UpdateTable: the new attribute's definition and the index; it returns at
-- once, the index CREATING and the table UPDATING
SELECT r #> '{TableDescription,TableStatus}' AS table_status,
       (r #> '{TableDescription,GlobalSecondaryIndexes,0}') - 'ItemCount' - 'IndexSizeBytes' AS new_index
  FROM dyn_update_table('{"TableName": "IdxOrders",
    "AttributeDefinitions": [{"AttributeName": "DeliveryDate", "AttributeType": "S"}],
    "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "DeliveryDate-index",
      "KeySchema": [{"AttributeName": "DeliveryDate", "KeyType": "HASH"}],
      "Projection": {"ProjectionType": "ALL"}}}]}') AS r;
CALL idx_wait_active('IdxOrders', 'DeliveryDate-index');
SELECT dyn_describe_table('{"TableName": "IdxOrders"}') #> '{Table,TableStatus}' AS table_status;
SELECT * FROM idx_describe('IdxOrders');
SELECT idx_attrdefs('IdxOrders');
-- new orders carry DeliveryDate; an old one gets it by an update
SELECT dyn_put_item('{"TableName": "IdxOrders", "Item": {"CustomerId": {"S": "7970241400"},
  "OrderId": {"S": "2025-03-20#2122001"}, "DeliveryDate": {"S": "2025-03-21"}, "Total": {"N": "30.00"}}}');
SELECT dyn_put_item('{"TableName": "IdxOrders", "Item": {"CustomerId": {"S": "1122334455"},
  "OrderId": {"S": "2025-03-19#2122002"}, "DeliveryDate": {"S": "2025-03-21"}, "Total": {"N": "12.50"}}}');
SELECT dyn_put_item('{"TableName": "IdxOrders", "Item": {"CustomerId": {"S": "1122334455"},
  "OrderId": {"S": "2025-03-20#2122003"}, "DeliveryDate": {"S": "2025-03-22"}, "Total": {"N": "5.00"}}}');
SELECT dyn_update_item('{"TableName": "IdxOrders", "Key": {"CustomerId": {"S": "7970241400"},
  "OrderId": {"S": "2025-03-05#2121377"}}, "UpdateExpression": "SET DeliveryDate = :d",
  "ExpressionAttributeValues": {":d": {"S": "2025-03-21"}}}');
-- the blog's Query: exactly the orders delivered on 2025-03-21
SELECT idx_key(i - 'Total') AS delivered_2025_03_21
  FROM jsonb_array_elements(dyn_query('{"TableName": "IdxOrders", "IndexName": "DeliveryDate-index",
         "KeyConditionExpression": "DeliveryDate = :delivery_date",
         "ExpressionAttributeValues": {":delivery_date": {"S": "2025-03-21"}}}') -> 'Items') AS i
 ORDER BY 1;
SELECT dyn_query('{"TableName": "IdxOrders", "IndexName": "DeliveryDate-index",
  "KeyConditionExpression": "DeliveryDate = :d", "ExpressionAttributeValues": {":d": {"S": "2025-03-22"}},
  "Select": "COUNT"}') AS delivered_2025_03_22;
-- the index holds exactly the orders that have a DeliveryDate of type S
SELECT (SELECT array_agg(idx_key(i) ORDER BY idx_key(i))
          FROM jsonb_array_elements(dyn_scan('{"TableName": "IdxOrders", "IndexName": "DeliveryDate-index"}'::jsonb)->'Items') AS i)
     = (SELECT array_agg(idx_key(i) ORDER BY idx_key(i))
          FROM jsonb_array_elements(dyn_scan('{"TableName": "IdxOrders",
            "FilterExpression": "attribute_type(DeliveryDate, :s)", "ExpressionAttributeValues": {":s": {"S": "S"}}}'::jsonb)->'Items') AS i)
       AS index_is_exact,
       dyn_scan('{"TableName": "IdxOrders", "IndexName": "DeliveryDate-index", "Select": "COUNT"}'::jsonb) AS in_index;
-- the order whose DeliveryDate is a number was left out of the index
SELECT * FROM dyn_index_violations('IdxOrders', 'DeliveryDate-index');
\set SHOW_CONTEXT never
SELECT * FROM dyn_index_violations('IdxOrders', 'NoSuchIndex');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM dyn_index_violations('IdxNoSuchTable', 'DeliveryDate-index');
\echo :LAST_ERROR_SQLSTATE
\set SHOW_CONTEXT errors
-- from now on a number there is refused
SELECT dyn_put_item('{"TableName": "IdxOrders", "Item": {"CustomerId": {"S": "5566778899"},
  "OrderId": {"S": "2025-03-25#2122100"}, "DeliveryDate": {"N": "20250326"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "IdxOrders", "Key": {"CustomerId": {"S": "7970241400"},
  "OrderId": {"S": "2025-03-01#2121195"}}, "UpdateExpression": "SET DeliveryDate = :d",
  "ExpressionAttributeValues": {":d": {"N": "20250321"}}}');
\echo :LAST_ERROR_SQLSTATE
-- the Query on the backing table is an index scan on the index (custom and
-- generic plans)
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SELECT * FROM idx_plan('IdxOrders', 'SELECT item FROM %I.%I WHERE ((item -> ''DeliveryDate'') ->> ''S'') COLLATE "C" = ''2025-03-21''
  AND (item -> ''DeliveryDate'') ? ''S'' ORDER BY pk, sk');
SET plan_cache_mode = force_generic_plan;
DO $$
DECLARE
    t record;
BEGIN
    SELECT * INTO t FROM dynamo.tables WHERE table_name = 'IdxOrders';
    EXECUTE format('PREPARE idx_delivery(text) AS SELECT item FROM %I.%I
                    WHERE ((item -> ''DeliveryDate'') ->> ''S'') COLLATE "C" = $1
                      AND (item -> ''DeliveryDate'') ? ''S'' ORDER BY pk, sk',
                   t.backing_schema, t.backing_name);
END $$;
SELECT * FROM idx_plan('IdxOrders', 'EXECUTE idx_delivery(''2025-03-21'') -- %s %s');
DEALLOCATE idx_delivery;
RESET plan_cache_mode;
-- an LSI backwards
SELECT * FROM idx_plan('IdxMusic', 'SELECT item FROM %I.%I WHERE pk = ''No One You Know''
  AND (item -> ''Year'') ? ''N'' ORDER BY ((item -> ''Year'') ->> ''N'')::numeric DESC, sk DESC');
RESET enable_seqscan;
RESET enable_bitmapscan;

------------------------------------------------------------------------
-- A CREATING index: reads refused, one online index action at a time
------------------------------------------------------------------------
-- in one transaction, so that the build cannot start before COMMIT; the
-- response shows the new index CREATING, not yet backfilling
BEGIN;
SELECT r #> '{TableDescription,TableStatus}' AS table_status, i - 'ItemCount' - 'IndexSizeBytes' AS new_index
  FROM dyn_update_table('{"TableName": "IdxOrders",
    "AttributeDefinitions": [{"AttributeName": "Total", "AttributeType": "N"}],
    "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "ByTotal",
      "KeySchema": [{"AttributeName": "Total", "KeyType": "HASH"}],
      "Projection": {"ProjectionType": "KEYS_ONLY"}}}]}') AS r,
       jsonb_array_elements(r #> '{TableDescription,GlobalSecondaryIndexes}') AS i
 WHERE i ->> 'IndexName' = 'ByTotal';
SELECT description ->> 'IndexName' AS index_name, description ->> 'IndexStatus' AS status,
       description ? 'Backfilling' AS has_backfilling
  FROM idx_describe('IdxOrders') ORDER BY 1;
SAVEPOINT creating;
SELECT dyn_query('{"TableName": "IdxOrders", "IndexName": "ByTotal", "KeyConditionExpression": "#t = :t",
  "ExpressionAttributeNames": {"#t": "Total"}, "ExpressionAttributeValues": {":t": {"N": "30"}}}');
\echo :LAST_ERROR_SQLSTATE
ROLLBACK TO creating;
SELECT dyn_scan('{"TableName": "IdxOrders", "IndexName": "ByTotal"}'::jsonb);
\echo :LAST_ERROR_SQLSTATE
ROLLBACK TO creating;
-- another Create or a Delete while one index is CREATING
SELECT dyn_update_table('{"TableName": "IdxOrders",
  "AttributeDefinitions": [{"AttributeName": "Region", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "ByRegion",
    "KeySchema": [{"AttributeName": "Region", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}}]}')
  #> '{TableDescription,TableStatus}' AS status;
\echo :LAST_ERROR_SQLSTATE
ROLLBACK TO creating;
SELECT dyn_update_table('{"TableName": "IdxOrders",
  "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "DeliveryDate-index"}}]}')
  #> '{TableDescription,TableStatus}' AS status;
\echo :LAST_ERROR_SQLSTATE
ROLLBACK TO creating;
-- DeleteTable waits for the index too
SELECT dyn_delete_table('{"TableName": "IdxOrders"}') #> '{TableDescription,TableStatus}' AS status;
\echo :LAST_ERROR_SQLSTATE
ROLLBACK TO creating;
-- writes go on, type-checked against the new index already
SELECT dyn_put_item('{"TableName": "IdxOrders", "Item": {"CustomerId": {"S": "5566778899"},
  "OrderId": {"S": "2025-03-25#2122100"}, "Total": {"S": "lots"}}}');
\echo :LAST_ERROR_SQLSTATE
ROLLBACK TO creating;
SELECT dyn_put_item('{"TableName": "IdxOrders", "Item": {"CustomerId": {"S": "5566778899"},
  "OrderId": {"S": "2025-03-25#2122100"}, "Total": {"N": "30"}}}');
COMMIT;
CALL idx_wait_active('IdxOrders', 'ByTotal');
-- KEYS_ONLY: the order written while the index was CREATING is there
SELECT * FROM idx_show(dyn_query('{"TableName": "IdxOrders", "IndexName": "ByTotal", "KeyConditionExpression": "#t = :t",
  "ExpressionAttributeNames": {"#t": "Total"}, "ExpressionAttributeValues": {":t": {"N": "30"}}}'), sorted => true);

------------------------------------------------------------------------
-- UpdateTable: bad input, Update, Delete
------------------------------------------------------------------------
-- (a call that should fail runs in a transaction that is rolled back, so
-- that nothing it might change reaches the tests after it)
-- nothing to update; an empty list of index updates
SELECT dyn_update_table('{"TableName": "IdxOrders"}') #> '{TableDescription,TableStatus}' AS status;
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_table('{"TableName": "IdxOrders", "GlobalSecondaryIndexUpdates": []}')
  #> '{TableDescription,TableStatus}' AS status;
\echo :LAST_ERROR_SQLSTATE
-- an entry with no action
SELECT dyn_update_table('{"TableName": "IdxOrders", "GlobalSecondaryIndexUpdates": [{}]}')
  #> '{TableDescription,TableStatus}' AS status;
\echo :LAST_ERROR_SQLSTATE
-- the same index twice in one request
BEGIN;
SELECT dyn_update_table('{"TableName": "IdxOrders", "GlobalSecondaryIndexUpdates": [
  {"Delete": {"IndexName": "ByTotal"}}, {"Delete": {"IndexName": "ByTotal"}}]}')
  #> '{TableDescription,TableStatus}' AS status;
\echo :LAST_ERROR_SQLSTATE
ROLLBACK;
-- two online index actions in one request: nothing is applied
BEGIN;
SAVEPOINT two;
SELECT dyn_update_table('{"TableName": "IdxOrders",
  "AttributeDefinitions": [{"AttributeName": "Region", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "ByRegion",
    "KeySchema": [{"AttributeName": "Region", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}},
    {"Delete": {"IndexName": "ByTotal"}}]}') #> '{TableDescription,TableStatus}' AS status;
\echo :LAST_ERROR_SQLSTATE
ROLLBACK TO two;
SELECT description ->> 'IndexName' AS index_name, description ->> 'IndexStatus' AS status
  FROM idx_describe('IdxOrders') ORDER BY 1;
ROLLBACK;
BEGIN;
SELECT dyn_update_table('{"TableName": "IdxOrders",
  "AttributeDefinitions": [{"AttributeName": "Region", "AttributeType": "S"}, {"AttributeName": "Zone", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "ByRegion",
    "KeySchema": [{"AttributeName": "Region", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}},
    {"Create": {"IndexName": "ByZone",
    "KeySchema": [{"AttributeName": "Zone", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}}]}')
  #> '{TableDescription,TableStatus}' AS status;
\echo :LAST_ERROR_SQLSTATE
ROLLBACK;
-- Delete or Update of an index that is not there; Delete of an LSI
SELECT dyn_update_table('{"TableName": "IdxOrders", "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "Ghost"}}]}')
  #> '{TableDescription,TableStatus}' AS status;
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_table('{"TableName": "IdxOrders", "GlobalSecondaryIndexUpdates": [{"Update": {"IndexName": "Ghost",
  "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}}]}')
  #> '{TableDescription,TableStatus}' AS status;
\echo :LAST_ERROR_SQLSTATE
BEGIN;
SELECT dyn_update_table('{"TableName": "IdxMusic", "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "ByYear"}}]}')
  #> '{TableDescription,TableStatus}' AS status;
\echo :LAST_ERROR_SQLSTATE
ROLLBACK;
-- Create of an index that exists
BEGIN;
SELECT dyn_update_table('{"TableName": "IdxOrders",
  "AttributeDefinitions": [{"AttributeName": "DeliveryDate", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "DeliveryDate-index",
    "KeySchema": [{"AttributeName": "DeliveryDate", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}}]}')
  #> '{TableDescription,TableStatus}' AS status;
\echo :LAST_ERROR_SQLSTATE
ROLLBACK;
-- Create without the new key attribute's definition
BEGIN;
SELECT dyn_update_table('{"TableName": "IdxOrders",
  "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "ByRegion",
    "KeySchema": [{"AttributeName": "Region", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}}]}')
  #> '{TableDescription,TableStatus}' AS status;
\echo :LAST_ERROR_SQLSTATE
ROLLBACK;
-- an on-demand table's GSI has no provisioned throughput to update
BEGIN;
SELECT dyn_update_table('{"TableName": "IdxOrders", "GlobalSecondaryIndexUpdates": [{"Update": {"IndexName": "ByTotal",
  "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 4}}}]}')
  #> '{TableDescription,TableStatus}' AS status;
\echo :LAST_ERROR_SQLSTATE
ROLLBACK;
-- a provisioned table: Update changes the GSI's throughput; a Create
-- needs one
SELECT dyn_create_table('{"TableName": "IdxProvisioned",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "GlobalSecondaryIndexes": [{"IndexName": "ByX", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "KEYS_ONLY"}, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 2}}],
  "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 6}}') #> '{TableDescription,TableName}' AS created;
SELECT dyn_update_table('{"TableName": "IdxProvisioned", "GlobalSecondaryIndexUpdates": [{"Update": {"IndexName": "ByX",
  "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 4}}}]}') #> '{TableDescription,TableName}' AS updated;
SELECT description -> 'ProvisionedThroughput' AS throughput FROM idx_describe('IdxProvisioned');
BEGIN;
SELECT dyn_update_table('{"TableName": "IdxProvisioned",
  "AttributeDefinitions": [{"AttributeName": "y", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "ByY",
    "KeySchema": [{"AttributeName": "y", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}}]}')
  #> '{TableDescription,TableStatus}' AS status;
\echo :LAST_ERROR_SQLSTATE
ROLLBACK;
-- a 21st GSI
SELECT dyn_create_table(jsonb_build_object('TableName', 'IdxTwenty', 'BillingMode', 'PAY_PER_REQUEST',
  'AttributeDefinitions', '[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}]'::jsonb,
  'KeySchema', '[{"AttributeName": "pk", "KeyType": "HASH"}]'::jsonb,
  'GlobalSecondaryIndexes', (SELECT jsonb_agg(jsonb_build_object('IndexName', 'gsi' || g,
      'KeySchema', '[{"AttributeName": "x", "KeyType": "HASH"}]'::jsonb,
      'Projection', '{"ProjectionType": "KEYS_ONLY"}'::jsonb) ORDER BY g)
    FROM generate_series(1, 20) AS g))) #> '{TableDescription,TableName}' AS created;
BEGIN;
SELECT dyn_update_table('{"TableName": "IdxTwenty",
  "AttributeDefinitions": [{"AttributeName": "y", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "gsi21",
    "KeySchema": [{"AttributeName": "y", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}}]}')
  #> '{TableDescription,TableStatus}' AS status;
\echo :LAST_ERROR_SQLSTATE
ROLLBACK;

-- Delete: the response shows it DELETING; then it is gone, with its
-- Postgres index and the definition no other key uses
SELECT pg_index_name AS delivery_pg_index FROM dynamo.indexes
 WHERE table_name = 'IdxOrders' AND index_name = 'DeliveryDate-index' \gset
SELECT r #> '{TableDescription,TableStatus}' AS table_status,
       (SELECT jsonb_agg(jsonb_build_object('IndexName', i->'IndexName', 'IndexStatus', i->'IndexStatus')
                         ORDER BY i->>'IndexName')
          FROM jsonb_array_elements(r #> '{TableDescription,GlobalSecondaryIndexes}') AS i) AS indexes
  FROM dyn_update_table('{"TableName": "IdxOrders",
    "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "DeliveryDate-index"}}]}') AS r;
SELECT description ->> 'IndexName' AS index_name, description ->> 'IndexStatus' AS status
  FROM idx_describe('IdxOrders') ORDER BY 1;
SELECT idx_attrdefs('IdxOrders');
SELECT count(*) AS pg_index_left FROM pg_class WHERE relname = :'delivery_pg_index';
SELECT dyn_query('{"TableName": "IdxOrders", "IndexName": "DeliveryDate-index",
  "KeyConditionExpression": "DeliveryDate = :d", "ExpressionAttributeValues": {":d": {"S": "2025-03-21"}}}');
\echo :LAST_ERROR_SQLSTATE
-- the items are untouched, and the other index still answers
SELECT dyn_scan('{"TableName": "IdxOrders", "Select": "COUNT"}'::jsonb) AS orders,
       dyn_scan('{"TableName": "IdxOrders", "IndexName": "ByTotal", "Select": "COUNT"}'::jsonb) AS by_total;

------------------------------------------------------------------------
-- CreateTable: bad index definitions
------------------------------------------------------------------------
-- an LSI on a table without a sort key
SELECT dyn_create_table('{"TableName": "IdxBad1",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "LocalSecondaryIndexes": [{"IndexName": "lsi", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
    {"AttributeName": "x", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "ALL"}}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
-- an LSI with another partition key; an LSI without a sort key
SELECT dyn_create_table('{"TableName": "IdxBad2",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"},
    {"AttributeName": "x", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
  "LocalSecondaryIndexes": [{"IndexName": "lsi", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"},
    {"AttributeName": "sk", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "ALL"}}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('{"TableName": "IdxBad3",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
  "LocalSecondaryIndexes": [{"IndexName": "lsi", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "ALL"}}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
-- a duplicate index name, across an LSI and a GSI
SELECT dyn_create_table('{"TableName": "IdxBad4",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"},
    {"AttributeName": "x", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
  "LocalSecondaryIndexes": [{"IndexName": "dup", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
    {"AttributeName": "x", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "ALL"}}],
  "GlobalSecondaryIndexes": [{"IndexName": "dup", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "ALL"}}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
-- ProjectionType missing, unknown; Projection missing
SELECT dyn_create_table('{"TableName": "IdxBad5",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "GlobalSecondaryIndexes": [{"IndexName": "gsi", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
    "Projection": {}}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('{"TableName": "IdxBad6",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "GlobalSecondaryIndexes": [{"IndexName": "gsi", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "SOME"}}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('{"TableName": "IdxBad7",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "GlobalSecondaryIndexes": [{"IndexName": "gsi", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}]}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
-- NonKeyAttributes with ALL, with KEYS_ONLY; INCLUDE without them
SELECT dyn_create_table('{"TableName": "IdxBad8",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "GlobalSecondaryIndexes": [{"IndexName": "gsi", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "ALL", "NonKeyAttributes": ["a"]}}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('{"TableName": "IdxBad9",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "GlobalSecondaryIndexes": [{"IndexName": "gsi", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "KEYS_ONLY", "NonKeyAttributes": ["a"]}}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('{"TableName": "IdxBad10",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "GlobalSecondaryIndexes": [{"IndexName": "gsi", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "INCLUDE"}}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
-- an index key attribute without a definition
SELECT dyn_create_table('{"TableName": "IdxBad11",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "GlobalSecondaryIndexes": [{"IndexName": "gsi", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "ALL"}},
    {"IndexName": "gsi2", "KeySchema": [{"AttributeName": "y", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "ALL"}}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
-- a definition no key uses, with indexes
SELECT dyn_create_table('{"TableName": "IdxBad12",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"},
    {"AttributeName": "unused", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "GlobalSecondaryIndexes": [{"IndexName": "gsi", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "ALL"}}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
-- GSI key schemas: RANGE first; the same attribute twice
SELECT dyn_create_table('{"TableName": "IdxBad13",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "GlobalSecondaryIndexes": [{"IndexName": "gsi", "KeySchema": [{"AttributeName": "x", "KeyType": "RANGE"}],
    "Projection": {"ProjectionType": "ALL"}}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('{"TableName": "IdxBad14",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "GlobalSecondaryIndexes": [{"IndexName": "gsi", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"},
    {"AttributeName": "x", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "ALL"}}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
-- an index name too short
SELECT dyn_create_table('{"TableName": "IdxBad15",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "GlobalSecondaryIndexes": [{"IndexName": "ab", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "ALL"}}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
-- empty index lists
SELECT dyn_create_table('{"TableName": "IdxBad16",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "GlobalSecondaryIndexes": [], "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('{"TableName": "IdxBad17",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
  "LocalSecondaryIndexes": [], "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
-- index throughput: given on an on-demand table, missing on a provisioned one
SELECT dyn_create_table('{"TableName": "IdxBad18",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "GlobalSecondaryIndexes": [{"IndexName": "gsi", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "ALL"}, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}],
  "BillingMode": "PAY_PER_REQUEST"}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table('{"TableName": "IdxBad19",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "GlobalSecondaryIndexes": [{"IndexName": "gsi", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "ALL"}}],
  "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}') #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
-- more than 5 LSIs, more than 20 GSIs
SELECT dyn_create_table(jsonb_build_object('TableName', 'IdxBad20', 'BillingMode', 'PAY_PER_REQUEST',
  'AttributeDefinitions', '[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"},
    {"AttributeName": "x", "AttributeType": "S"}]'::jsonb,
  'KeySchema', '[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]'::jsonb,
  'LocalSecondaryIndexes', (SELECT jsonb_agg(jsonb_build_object('IndexName', 'lsi' || g,
      'KeySchema', '[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "x", "KeyType": "RANGE"}]'::jsonb,
      'Projection', '{"ProjectionType": "KEYS_ONLY"}'::jsonb) ORDER BY g)
    FROM generate_series(1, 6) AS g))) #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_create_table(jsonb_build_object('TableName', 'IdxBad21', 'BillingMode', 'PAY_PER_REQUEST',
  'AttributeDefinitions', '[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}]'::jsonb,
  'KeySchema', '[{"AttributeName": "pk", "KeyType": "HASH"}]'::jsonb,
  'GlobalSecondaryIndexes', (SELECT jsonb_agg(jsonb_build_object('IndexName', 'gsi' || g,
      'KeySchema', '[{"AttributeName": "x", "KeyType": "HASH"}]'::jsonb,
      'Projection', '{"ProjectionType": "KEYS_ONLY"}'::jsonb) ORDER BY g)
    FROM generate_series(1, 21) AS g))) #> '{TableDescription,TableName}' AS created;
\echo :LAST_ERROR_SQLSTATE
-- none of them was created
SELECT count(*) AS bad_tables FROM dynamo.tables WHERE table_name LIKE 'IdxBad%';
-- (and should one have been, leave nothing behind)
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT table_name FROM dynamo.tables WHERE table_name LIKE 'IdxBad%' LOOP
        PERFORM dyn_delete_table(jsonb_build_object('TableName', t));
    END LOOP;
END $$;

------------------------------------------------------------------------
-- Clean up: DeleteTable drops the indexes with the backing table
------------------------------------------------------------------------
SELECT t AS name, dyn_delete_table(jsonb_build_object('TableName', t)) #>> '{TableDescription,TableStatus}' AS status
  FROM unnest(ARRAY['IdxMusic', 'IdxTasks', 'IdxOrders', 'IdxProvisioned', 'IdxTwenty']) AS t;
SELECT count(*) AS index_rows_left FROM dynamo.indexes WHERE table_name LIKE 'Idx%';
DROP PROCEDURE idx_wait_active(text, text);
DROP FUNCTION idx_key(jsonb), idx_show(jsonb, boolean), idx_describe(text), idx_attrdefs(text), idx_pages(text, jsonb),
  idx_plan(text, text);
