-- conditions: pins how a ConditionExpression evaluates against the stored
-- item, through conditional PutItem, DeleteItem and UpdateItem: the write
-- happens iff the condition is true, and a false condition
-- (ConditionalCheckFailedException, SQLSTATE DY002 "The conditional request
-- failed") changes nothing.  Covered: = <> < <= > >= on S (UTF-8 byte
-- order), N (decimal: 10 > 9, 1.50 = 1.5, 38 digits) and B (unsigned
-- bytes); no ordering across types, <> across types true; missing
-- attributes (= false, <> true, ordering false); equality of sets (order
-- ignored), lists, maps, BOOL and NULL; BETWEEN (inclusive); IN;
-- AND/OR/NOT precedence and parentheses; attribute_exists and
-- attribute_not_exists (the seeds' idempotent put: the second put of the
-- same key with attribute_not_exists(key) fails); attribute_type for every
-- type; begins_with on S and B; contains on S, B, SS, NS, BS and L (with
-- scalar, map, list and set operands); size of S (UTF-16 code units), B,
-- sets, L and M, and sizes compared; nested paths and list indexes
-- (a.b[1].c); ReturnValuesOnConditionCheckFailure ALL_OLD (the old item as
-- JSON in the error's DETAIL) and NONE (no DETAIL).
--
-- The truth table runs each condition as a conditional UpdateItem
-- ("ADD writes :one") on one item: cond_eval() says whether the write
-- happened, and the item's counter at the end equals the number of true
-- conditions.  Tables start with Cond.

SELECT dyn_create_table('{"TableName": "CondItems",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableName}' AS created;

-- the write under test: count one write on item "eval" when the condition
-- holds; only the values the condition names are passed (unused ones are refused)
CREATE FUNCTION cond_eval(cond text, vals jsonb DEFAULT NULL, names jsonb DEFAULT NULL)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    req jsonb;
BEGIN
    req := jsonb_build_object('TableName', 'CondItems',
        'Key', '{"pk": {"S": "eval"}}'::jsonb,
        'UpdateExpression', 'ADD writes :one',
        'ConditionExpression', cond,
        'ExpressionAttributeValues', '{":one": {"N": "1"}}'::jsonb ||
            coalesce((SELECT jsonb_object_agg(k, vals -> k)
                        FROM (SELECT DISTINCT m[1] AS k
                                FROM regexp_matches(cond, '(:[A-Za-z0-9_]+)', 'g') AS m) used
                       WHERE vals ? k), '{}'::jsonb));
    IF names IS NOT NULL THEN
        req := req || jsonb_build_object('ExpressionAttributeNames', names);
    END IF;
    PERFORM dyn_update_item(req);
    RETURN true;
EXCEPTION WHEN SQLSTATE 'DY002' THEN
    RETURN false;
END $$;

-- set members come back in no particular order: print them sorted
CREATE FUNCTION cond_sorted(v jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF jsonb_typeof(v) = 'object' THEN
        RETURN (SELECT coalesce(jsonb_object_agg(k,
                    CASE WHEN k IN ('SS', 'NS', 'BS') AND jsonb_typeof(x) = 'array'
                         THEN (SELECT jsonb_agg(e ORDER BY e #>> '{}' COLLATE "C") FROM jsonb_array_elements(x) e)
                         ELSE cond_sorted(x) END), '{}')
                FROM jsonb_each(v) AS j(k, x));
    ELSIF jsonb_typeof(v) = 'array' THEN
        RETURN (SELECT coalesce(jsonb_agg(cond_sorted(e) ORDER BY i), '[]')
                FROM jsonb_array_elements(v) WITH ORDINALITY AS a(e, i));
    END IF;
    RETURN v;
END $$;

SELECT dyn_put_item($j${"TableName": "CondItems", "Item": {
  "pk": {"S": "eval"},
  "s": {"S": "abc"},
  "hw": {"S": "｡"},
  "u": {"S": "é𝄞"},
  "e": {"S": ""},
  "n": {"N": "10"},
  "n2": {"N": "1.50"},
  "neg": {"N": "-5"},
  "tiny": {"N": "1E-130"},
  "big": {"N": "12345678901234567890123456789012345678"},
  "big2": {"N": "12345678901234567890123456789012345679"},
  "b": {"B": "AQID"},
  "b2": {"B": "/w=="},
  "bool": {"BOOL": true},
  "nul": {"NULL": true},
  "ss": {"SS": ["a", "b", "c"]},
  "ns": {"NS": ["1", "2", "10"]},
  "bs": {"BS": ["AQ==", "Ag=="]},
  "l": {"L": [{"S": "x"}, {"N": "1"}, {"M": {"k": {"S": "v"}}}, {"L": [{"N": "1"}]}, {"SS": ["q"]}]},
  "el": {"L": []},
  "m": {"M": {"k": {"S": "v"}, "deep": {"M": {"c": {"N": "7"}}}}},
  "em": {"M": {}},
  "a": {"M": {"b": {"L": [{"M": {"c": {"S": "c0"}}}, {"M": {"c": {"S": "c1"}}}]}}}}}$j$);

-- the values the conditions use
\set V '{":abc": {"S": "abc"}, ":abd": {"S": "abd"}, ":ab": {"S": "ab"}, ":abcd": {"S": "abcd"}, ":x": {"S": "x"}, ":Z": {"S": "Z"}, ":a": {"S": "a"}, ":bb": {"S": "b"}, ":bc": {"S": "bc"}, ":zz": {"S": "zz"}, ":y": {"S": "y"}, ":c1": {"S": "c1"}, ":s10": {"S": "10"}, ":s3": {"S": "3"}, ":clef": {"S": "𝄞"}, ":estr": {"S": ""}, ":k": {"S": "k"}}'
\set N '{":zero": {"N": "0"}, ":one": {"N": "1"}, ":two": {"N": "2"}, ":three": {"N": "3"}, ":five": {"N": "5"}, ":seven": {"N": "7"}, ":nine": {"N": "9"}, ":ten": {"N": "10"}, ":ten_e": {"N": "1E1"}, ":eleven": {"N": "11"}, ":twenty": {"N": "20"}, ":onefive": {"N": "1.5"}, ":onefive00": {"N": "1.500"}, ":big": {"N": "12345678901234567890123456789012345678"}, ":bigger": {"N": "12345678901234567890123456789012345679"}, ":tinyish": {"N": "2E-130"}}'
\set O '{":b_same": {"B": "AQID"}, ":b_prefix": {"B": "AQI="}, ":b02": {"B": "Ag=="}, ":b01": {"B": "AQ=="}, ":b03": {"B": "Aw=="}, ":true": {"BOOL": true}, ":false": {"BOOL": false}, ":null": {"NULL": true}, ":ss_perm": {"SS": ["c", "a", "b"]}, ":ss_a": {"SS": ["a"]}, ":ss_q": {"SS": ["q"]}, ":ns_perm": {"NS": ["10", "2.0", "1"]}, ":l_same": {"L": [{"S": "x"}, {"N": "1.0"}, {"M": {"k": {"S": "v"}}}, {"L": [{"N": "1"}]}, {"SS": ["q"]}]}, ":l_perm": {"L": [{"N": "1"}, {"S": "x"}, {"M": {"k": {"S": "v"}}}, {"L": [{"N": "1"}]}, {"SS": ["q"]}]}, ":m_same": {"M": {"deep": {"M": {"c": {"N": "7"}}}, "k": {"S": "v"}}}, ":m_kv": {"M": {"k": {"S": "v"}}}, ":l_1": {"L": [{"N": "1"}]}}'
SELECT (:'V'::jsonb || :'N'::jsonb || :'O'::jsonb) AS vals \gset

------------------------------------------------------------------------
-- Truth table
------------------------------------------------------------------------
SELECT ord, cond, cond_eval(cond, :'vals'::jsonb) AS holds
FROM (VALUES
  -- S: UTF-8 byte order
  (101, 's = :abc'),
  (102, 's <> :abc'),
  (103, 's < :abd'),
  (104, 's <= :abc'),
  (105, 's > :ab'),
  (106, 's >= :abd'),
  (107, ':Z < s'),
  (108, 'hw < :clef'),
  -- N: decimal values
  (201, 'n > :nine'),
  (202, 'n >= :ten_e'),
  (203, 'n2 = :onefive'),
  (204, 'n2 = :onefive00'),
  (205, 'big = :big'),
  (206, 'big < big2'),
  (207, 'big < :bigger'),
  (208, 'neg < :zero'),
  (209, 'tiny > :zero AND tiny < :tinyish'),
  -- B: unsigned bytes
  (301, 'b = :b_same'),
  (302, 'b < b2'),
  (303, 'b > :b_prefix'),
  (304, 'b < :b02'),
  -- no order across types; <> across types is true
  (401, 'n < :a'),
  (402, 'n > :a'),
  (403, 's > :one'),
  (404, 'n = :s10'),
  (405, 'n <> :s10'),
  (406, 'b <> :abc'),
  -- missing attributes (named gone: MISSING is a reserved word)
  (501, 'gone = :abc'),
  (502, 'gone <> :abc'),
  (503, 'gone = gone2'),
  (504, 'gone <> gone2'),
  (505, 'gone < :abc'),
  (506, 'NOT gone < :abc'),
  -- equality of the other types
  (601, 'ss = :ss_perm'),
  (602, 'ns = :ns_perm'),
  (603, 'l = :l_same'),
  (604, 'l = :l_perm'),
  (605, 'm = :m_same'),
  (606, 'bool = :true'),
  (607, 'bool <> :false'),
  (608, 'nul = :null'),
  (609, 'ss <> :ss_a'),
  -- BETWEEN (inclusive)
  (701, 'n BETWEEN :nine AND :ten'),
  (702, 'n BETWEEN :ten AND :ten'),
  (703, 'n BETWEEN :eleven AND :twenty'),
  (704, 's BETWEEN :a AND :bb'),
  (705, 's BETWEEN :one AND :two'),
  (706, 'gone BETWEEN :nine AND :ten'),
  -- IN
  (801, 's IN (:x, :abc)'),
  (802, 'n IN (:nine, :ten_e)'),
  (803, 'n IN (:nine, :eleven)'),
  (804, 'gone IN (:abc)'),
  (805, 'n IN (:s10)'),
  -- AND binds tighter than OR, NOT tighter than AND
  (901, 's = :abc OR s = :x AND n = :nine'),
  (902, '(s = :abc OR s = :x) AND n = :nine'),
  (903, 'NOT s = :x AND n = :nine'),
  (904, 'NOT (s = :x AND n = :nine)'),
  (905, 's = :x OR n = :nine OR bool = :true'),
  (906, 's = :abc AND (n = :nine OR NOT bool = :false)'),
  -- attribute_exists / attribute_not_exists
  (1001, 'attribute_exists(s)'),
  (1002, 'attribute_exists(gone)'),
  (1003, 'attribute_not_exists(gone)'),
  (1004, 'attribute_not_exists(s)'),
  (1005, 'attribute_exists(m.deep.c)'),
  (1006, 'attribute_exists(m.deep.d)'),
  (1007, 'attribute_exists(l[4])'),
  (1008, 'attribute_exists(l[5])'),
  (1009, 'attribute_exists(s.x)'),
  (1010, 'attribute_exists(s[0])'),
  (1011, 'attribute_exists(nul)'),
  (1012, 'attribute_exists(e)'),
  (1013, 'attribute_exists(el)'),
  -- begins_with on S and B
  (1101, 'begins_with(s, :ab)'),
  (1102, 'begins_with(s, :abc)'),
  (1103, 'begins_with(s, :abcd)'),
  (1104, 'begins_with(s, :bb)'),
  (1105, 'begins_with(b, :b_prefix)'),
  (1106, 'begins_with(b, :b02)'),
  (1107, 'begins_with(s, :b_prefix)'),
  (1108, 'begins_with(n, :s10)'),
  (1109, 'begins_with(:abcd, s)'),
  (1110, 'begins_with(gone, :ab)'),
  -- contains on S, B, sets and lists
  (1201, 'contains(s, :bc)'),
  (1202, 'contains(s, :zz)'),
  (1203, 'contains(b, :b02)'),
  (1204, 'contains(ss, :a)'),
  (1205, 'contains(ss, :zz)'),
  (1206, 'contains(ns, :ten_e)'),
  (1207, 'contains(ns, :five)'),
  (1208, 'contains(bs, :b01)'),
  (1209, 'contains(bs, :b03)'),
  (1210, 'contains(l, :x)'),
  (1211, 'contains(l, :one)'),
  (1212, 'contains(l, :m_kv)'),
  (1213, 'contains(l, :l_1)'),
  (1214, 'contains(l, :ss_q)'),
  (1215, 'contains(l, :y)'),
  (1216, 'contains(ss, :ss_a)'),
  (1217, 'contains(s, :one)'),
  (1218, 'contains(m, :k)'),
  (1219, 'contains(gone, :x)'),
  (1220, 'contains(ns, :s10)'),
  -- size
  (1301, 'size(u) = :three'),
  (1302, 'size(s) = :three'),
  (1303, 'size(b) = :three'),
  (1304, 'size(ss) = :three'),
  (1305, 'size(ns) = :three'),
  (1306, 'size(bs) = :two'),
  (1307, 'size(l) = :five'),
  (1308, 'size(m) = :two'),
  (1309, 'size(el) = :zero AND size(em) = :zero AND size(e) = :zero'),
  (1310, 'size(n) >= :zero'),
  (1311, 'size(bool) >= :zero'),
  (1312, 'size(gone) >= :zero'),
  (1313, 'size(s) > size(bs)'),
  (1314, 'size(s) BETWEEN :two AND :three'),
  (1315, 'size(s) IN (:one, :three)'),
  (1316, 'size(s) = :s3'),
  (1317, 'size(a.b[1].c) = :two'),
  -- nested paths and list indexes
  (1401, 'a.b[1].c = :c1'),
  (1402, 'a.b[0].c = :c1'),
  (1403, 'a.b[2].c = :c1'),
  (1404, 'm.deep.c = :seven'),
  (1405, 'l[2].k = :y OR l[2].k <> :y'),
  (1406, 'l[3][0] = :one'),
  (1407, 'l[0].k = :x'),
  (1408, 'm.k[0] = :x')
) AS t(ord, cond)
ORDER BY ord;

-- attribute_type, for every type and on nested paths
SELECT ord, cond, type, cond_eval(cond, jsonb_build_object(':t', jsonb_build_object('S', type))) AS holds
FROM (VALUES
  (1, 'attribute_type(s, :t)', 'S'),
  (2, 'attribute_type(n, :t)', 'N'),
  (3, 'attribute_type(b, :t)', 'B'),
  (4, 'attribute_type(bool, :t)', 'BOOL'),
  (5, 'attribute_type(nul, :t)', 'NULL'),
  (6, 'attribute_type(ss, :t)', 'SS'),
  (7, 'attribute_type(ns, :t)', 'NS'),
  (8, 'attribute_type(bs, :t)', 'BS'),
  (9, 'attribute_type(l, :t)', 'L'),
  (10, 'attribute_type(m, :t)', 'M'),
  (11, 'attribute_type(e, :t)', 'S'),
  (12, 'attribute_type(m.deep, :t)', 'M'),
  (13, 'attribute_type(l[1], :t)', 'N'),
  (14, 'attribute_type(l[4], :t)', 'SS'),
  (15, 'attribute_type(s, :t)', 'N'),
  (16, 'attribute_type(ss, :t)', 'L'),
  (17, 'attribute_type(gone, :t)', 'S'),
  (18, 'NOT attribute_type(n, :t)', 'S')
) AS t(ord, cond, type)
ORDER BY ord;

-- with #names: the seeds' style
SELECT cond_eval('#a.#b[1].#c = :c1 AND attribute_exists(#s)', :'vals'::jsonb,
                 '{"#a": "a", "#b": "b", "#c": "c", "#s": "s"}') AS holds;

-- every true condition above wrote exactly once, every false one not at all
SELECT (dyn_get_item('{"TableName": "CondItems", "Key": {"pk": {"S": "eval"}}, "ProjectionExpression": "writes"}')
        #>> '{Item,writes,N}')::int AS writes;

------------------------------------------------------------------------
-- PutItem: the seeds' idempotent put
------------------------------------------------------------------------
SELECT dyn_create_table('{"TableName": "CondEvents",
  "AttributeDefinitions": [{"AttributeName": "eventId", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "eventId", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableName}' AS created;
-- first delivery: the key is new, the put happens
SELECT dyn_put_item('{"TableName": "CondEvents", "Item": {
  "eventId": {"S": "user1#action7"}, "userId": {"S": "user1"}, "timestamp": {"N": "1700000000"},
  "eventType": {"S": "USER_ACTION"}},
  "ConditionExpression": "attribute_not_exists(eventId)"}');
-- a retry of the same event (another timestamp): refused, the stored item unchanged
SELECT dyn_put_item('{"TableName": "CondEvents", "Item": {
  "eventId": {"S": "user1#action7"}, "userId": {"S": "user1"}, "timestamp": {"N": "1700000099"},
  "eventType": {"S": "USER_ACTION"}},
  "ConditionExpression": "attribute_not_exists(eventId)"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "CondEvents", "Key": {"eventId": {"S": "user1#action7"}}}');
-- ALL_OLD: the item that made the condition fail, in DETAIL
SELECT dyn_put_item('{"TableName": "CondEvents", "Item": {
  "eventId": {"S": "user1#action7"}, "timestamp": {"N": "1700000099"}},
  "ConditionExpression": "attribute_not_exists(eventId)",
  "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}');
\echo :LAST_ERROR_SQLSTATE
-- NONE: no DETAIL
SELECT dyn_put_item('{"TableName": "CondEvents", "Item": {
  "eventId": {"S": "user1#action7"}, "timestamp": {"N": "1700000099"}},
  "ConditionExpression": "attribute_not_exists(eventId)",
  "ReturnValuesOnConditionCheckFailure": "NONE"}');
\echo :LAST_ERROR_SQLSTATE
-- a true condition on an existing item: the whole item is replaced
SELECT dyn_put_item('{"TableName": "CondEvents", "Item": {
  "eventId": {"S": "user1#action7"}, "timestamp": {"N": "1700000100"}, "v": {"N": "2"}},
  "ConditionExpression": "#t < :t", "ExpressionAttributeNames": {"#t": "timestamp"},
  "ExpressionAttributeValues": {":t": {"N": "1700000100"}}, "ReturnValues": "ALL_OLD"}');
SELECT dyn_get_item('{"TableName": "CondEvents", "Key": {"eventId": {"S": "user1#action7"}}}');
-- a condition on a missing item sees no attributes: attribute_exists is false
SELECT dyn_put_item('{"TableName": "CondEvents", "Item": {"eventId": {"S": "user2#action1"}},
  "ConditionExpression": "attribute_exists(eventId)", "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "CondEvents", "Key": {"eventId": {"S": "user2#action1"}}}');

------------------------------------------------------------------------
-- DeleteItem
------------------------------------------------------------------------
SELECT dyn_delete_item('{"TableName": "CondEvents", "Key": {"eventId": {"S": "user1#action7"}},
  "ConditionExpression": "v = :v", "ExpressionAttributeValues": {":v": {"N": "3"}},
  "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "CondEvents", "Key": {"eventId": {"S": "user1#action7"}}}');
SELECT dyn_delete_item('{"TableName": "CondEvents", "Key": {"eventId": {"S": "user1#action7"}},
  "ConditionExpression": "v = :v", "ExpressionAttributeValues": {":v": {"N": "2.0"}},
  "ReturnValues": "ALL_OLD"}');
SELECT dyn_get_item('{"TableName": "CondEvents", "Key": {"eventId": {"S": "user1#action7"}}}');
-- deleting a missing item under attribute_exists fails; under attribute_not_exists it succeeds
SELECT dyn_delete_item('{"TableName": "CondEvents", "Key": {"eventId": {"S": "user1#action7"}},
  "ConditionExpression": "attribute_exists(eventId)"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_item('{"TableName": "CondEvents", "Key": {"eventId": {"S": "user1#action7"}},
  "ConditionExpression": "attribute_not_exists(eventId)"}');

------------------------------------------------------------------------
-- UpdateItem
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "CondItems", "Item": {"pk": {"S": "u"}, "version": {"N": "1"},
  "doc": {"M": {"tags": {"SS": ["x"]}, "entries": {"L": [{"N": "1"}, {"S": "two"}]}}}}}');
-- optimistic locking: the first writer with version 1 wins
SELECT dyn_update_item('{"TableName": "CondItems", "Key": {"pk": {"S": "u"}},
  "UpdateExpression": "SET version = version + :one, doc.entries[1] = :three",
  "ConditionExpression": "version = :v",
  "ExpressionAttributeValues": {":one": {"N": "1"}, ":three": {"S": "three"}, ":v": {"N": "1"}},
  "ReturnValues": "ALL_NEW"}');
-- the second writer, still at version 1, fails; DETAIL shows the current item
SELECT dyn_update_item('{"TableName": "CondItems", "Key": {"pk": {"S": "u"}},
  "UpdateExpression": "SET version = version + :one, doc.entries[1] = :four",
  "ConditionExpression": "version = :v",
  "ExpressionAttributeValues": {":one": {"N": "1"}, ":four": {"S": "four"}, ":v": {"N": "1"}},
  "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "CondItems", "Key": {"pk": {"S": "u"}}}');
-- conditions on nested members (set members printed sorted)
SELECT cond_sorted(dyn_update_item('{"TableName": "CondItems", "Key": {"pk": {"S": "u"}},
  "UpdateExpression": "ADD doc.tags :t",
  "ConditionExpression": "contains(doc.tags, :x) AND size(doc.entries) = :two AND doc.entries[1] = :three",
  "ExpressionAttributeValues": {":t": {"SS": ["y"]}, ":x": {"S": "x"}, ":two": {"N": "2"}, ":three": {"S": "three"}},
  "ReturnValues": "UPDATED_NEW"}'));
-- an update of a missing item under attribute_exists creates nothing
SELECT dyn_update_item('{"TableName": "CondItems", "Key": {"pk": {"S": "ghost"}},
  "UpdateExpression": "SET a = :one", "ConditionExpression": "attribute_exists(pk)",
  "ExpressionAttributeValues": {":one": {"N": "1"}},
  "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "CondItems", "Key": {"pk": {"S": "ghost"}}}');
-- under attribute_not_exists it creates the item
SELECT dyn_update_item('{"TableName": "CondItems", "Key": {"pk": {"S": "ghost"}},
  "UpdateExpression": "SET a = :one", "ConditionExpression": "attribute_not_exists(pk)",
  "ExpressionAttributeValues": {":one": {"N": "1"}}, "ReturnValues": "ALL_NEW"}');
-- a condition error inside an explicit transaction aborts it: the earlier write is undone
BEGIN;
SELECT dyn_update_item('{"TableName": "CondItems", "Key": {"pk": {"S": "ghost"}},
  "UpdateExpression": "SET a = :two", "ExpressionAttributeValues": {":two": {"N": "2"}}}');
SELECT dyn_update_item('{"TableName": "CondItems", "Key": {"pk": {"S": "ghost"}},
  "UpdateExpression": "SET a = :three", "ConditionExpression": "a = :one",
  "ExpressionAttributeValues": {":one": {"N": "1"}, ":three": {"N": "3"}}}');
\echo :LAST_ERROR_SQLSTATE
ROLLBACK;
SELECT dyn_get_item('{"TableName": "CondItems", "Key": {"pk": {"S": "ghost"}}}');

SELECT dyn_delete_table('{"TableName": "CondItems"}') #>> '{TableDescription,TableStatus}' AS status;
SELECT dyn_delete_table('{"TableName": "CondEvents"}') #>> '{TableDescription,TableStatus}' AS status;
DROP FUNCTION cond_eval(text, jsonb, jsonb);
DROP FUNCTION cond_sorted(jsonb);
