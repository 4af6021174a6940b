-- codec: pins how attribute values are stored and returned.  Every type
-- (S, N, B, SS, NS, BS, M, L, NULL, BOOL) round-trips exactly through
-- PutItem and GetItem; numbers keep 38 digits and DynamoDB's range and come
-- back canonical; maps nest 32 levels deep (counting the top-level
-- attribute) and no deeper; dyn_marshall / dyn_unmarshall convert both
-- ways; U+0000 in keys, values and attribute names round-trips through
-- dyn_execute_text and is refused (DY001, naming dyn_execute_text) by the
-- jsonb functions; U+0001 round-trips through both; and keys are stored in
-- DynamoDB's order: S by UTF-8 bytes (U+0000 and U+0001 included), N
-- numerically (1.50 and 1.5 are one key), B as unsigned bytes.
-- Sets have no order in DynamoDB: pg_temp.norm sorts their members before
-- they are printed (in typed JSON, and in plain JSON under the attribute
-- names ss, ns and bs used below).

CREATE FUNCTION pg_temp.norm(v jsonb) RETURNS jsonb LANGUAGE sql AS $$
SELECT CASE jsonb_typeof(v)
  WHEN 'object' THEN (
    SELECT coalesce(jsonb_object_agg(k,
             CASE WHEN k IN ('SS', 'NS', 'BS', 'ss', 'ns', 'bs') AND jsonb_typeof(x) = 'array'
                  THEN (SELECT jsonb_agg(e ORDER BY e::text COLLATE "C")
                        FROM jsonb_array_elements(x) e)
                  ELSE pg_temp.norm(x) END), '{}')
    FROM jsonb_each(v) AS t(k, x))
  WHEN 'array' THEN (
    SELECT coalesce(jsonb_agg(pg_temp.norm(e) ORDER BY i), '[]')
    FROM jsonb_array_elements(v) WITH ORDINALITY AS a(e, i))
  ELSE v END $$;

-- n levels of {"M": {"m": ...}} around a leaf
CREATE FUNCTION pg_temp.nest(n int, leaf jsonb) RETURNS jsonb LANGUAGE sql AS $$
SELECT CASE WHEN n = 0 THEN leaf
            ELSE jsonb_build_object('M', jsonb_build_object('m', pg_temp.nest(n - 1, leaf))) END $$;

SELECT dyn_create_table('{
  "TableName": "Codec",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableStatus}' AS status;

--
-- S: empty string (allowed outside keys), unicode, emoji, escapes
--
SELECT dyn_put_item('{"TableName": "Codec", "Item": {
  "pk": {"S": "strings"},
  "empty": {"S": ""},
  "latin": {"S": "Grüße, café, naïve"},
  "cjk": {"S": "東京都"},
  "emoji": {"S": "🛒🍎🥖"},
  "flag": {"S": "🇮🇪"},
  "rtl": {"S": "שלום"},
  "escapes": {"S": "tab\tnewline\nquote\"backslash\\ slash/"},
  "control": {"S": "\u001f\u007f"},
  "spaces": {"S": "  padded  "},
  "number_like": {"S": "001.50"}}}');
SELECT jsonb_pretty(dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "strings"}}}'));
-- the strings are the same characters, byte for byte
SELECT octet_length(dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "strings"}}}') #>> '{Item,emoji,S}') AS emoji_bytes,
       length(dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "strings"}}}') #>> '{Item,emoji,S}') AS emoji_chars,
       dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "strings"}}}') #>> '{Item,empty,S}' = '' AS empty_is_empty;
-- unicode and emoji keys
SELECT dyn_put_item('{"TableName": "Codec", "Item": {"pk": {"S": "clé-🔑"}, "v": {"S": "ü"}}}');
SELECT dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "clé-🔑"}}}');
-- a key that differs only in normalisation is another key (no folding)
SELECT dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "cle\u0301-🔑"}}}');

--
-- N: 38 digits, the range's extremes, signs, canonical form
--
SELECT dyn_put_item('{"TableName": "Codec", "Item": {
  "pk": {"S": "numbers"},
  "digits38": {"N": "12345678901234567890123456789012345678"},
  "neg38": {"N": "-0.12345678901234567890123456789012345678"},
  "max": {"N": "9.9999999999999999999999999999999999999E+125"},
  "min_neg": {"N": "-9.9999999999999999999999999999999999999E+125"},
  "big": {"N": "1E125"},
  "tiny": {"N": "1E-130"},
  "neg_tiny": {"N": "-1E-130"},
  "negative": {"N": "-42"},
  "padded": {"N": "001.50"},
  "exp": {"N": "1.5E2"},
  "exp_lower": {"N": "2.5e-3"},
  "exp_plus": {"N": "1e+3"},
  "neg_zero": {"N": "-0"},
  "zeros": {"N": "0.000"},
  "trailing": {"N": "100.0100"},
  "integer": {"N": "100"},
  "wide": {"N": "123456789012345678901234567890123456780000000"}}}');
SELECT k, v ->> 'N' AS n
FROM jsonb_each(dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "numbers"}}}') -> 'Item') AS e(k, v)
WHERE k <> 'pk' ORDER BY k;
-- the extremes, by their shape rather than 126 digits
SELECT k, length(v ->> 'N') AS chars, left(v ->> 'N', 6) AS head, right(v ->> 'N', 3) AS tail
FROM jsonb_each(dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "numbers"}}}') -> 'Item') AS e(k, v)
WHERE k IN ('max', 'min_neg', 'big', 'tiny', 'neg_tiny') ORDER BY k;
SELECT (dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "numbers"}}}') #>> '{Item,big,N}')::numeric = 1e125 AS big_exact,
       (dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "numbers"}}}') #>> '{Item,tiny,N}')::numeric = 1e-130 AS tiny_exact,
       (dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "numbers"}}}') #>> '{Item,max,N}')::numeric
         = 9.9999999999999999999999999999999999999e125 AS max_exact;

--
-- B: base64 in and out; empty binary outside keys
--
SELECT dyn_put_item('{"TableName": "Codec", "Item": {
  "pk": {"S": "binary"},
  "hello": {"B": "aGVsbG8="},
  "bytes": {"B": "AP9/gA=="},
  "one": {"B": "AQ=="},
  "empty": {"B": ""}}}');
SELECT dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "binary"}}}');
SELECT decode(dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "binary"}}}') #>> '{Item,bytes,B}', 'base64') AS bytes,
       convert_from(decode(dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "binary"}}}') #>> '{Item,hello,B}', 'base64'), 'UTF8') AS hello;

--
-- SS, NS, BS: members kept exactly (NS members canonical)
--
SELECT dyn_put_item('{"TableName": "Codec", "Item": {
  "pk": {"S": "sets"},
  "ss": {"SS": ["b", "a", "", "A", "🍎", "a "]},
  "ns": {"NS": ["10", "001.50", "-0", "1E2", "2.50", "-7", "1E-130"]},
  "bs": {"BS": ["AQ==", "AP8=", "", "gA=="]},
  "one": {"SS": ["only"]}}}');
SELECT jsonb_pretty(pg_temp.norm(dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "sets"}}}')));
SELECT jsonb_array_length(dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "sets"}}}') #> '{Item,ns,NS}') AS ns_members,
       jsonb_array_length(dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "sets"}}}') #> '{Item,ss,SS}') AS ss_members,
       jsonb_array_length(dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "sets"}}}') #> '{Item,bs,BS}') AS bs_members;

--
-- M, L, NULL, BOOL: nested documents, mixed lists, empty containers
--
SELECT dyn_put_item('{"TableName": "Codec", "Item": {
  "pk": {"S": "documents"},
  "null": {"NULL": true},
  "yes": {"BOOL": true},
  "no": {"BOOL": false},
  "empty_map": {"M": {}},
  "empty_list": {"L": []},
  "mixed": {"L": [{"S": "a"}, {"N": "1.50"}, {"B": "AQ=="}, {"BOOL": false}, {"NULL": true},
                  {"SS": ["x"]}, {"NS": ["3"]}, {"BS": ["Ag=="]},
                  {"L": [{"L": []}, {"M": {}}]}, {"M": {"k": {"S": "v"}}}, {"S": "a"}]},
  "address": {"M": {"street": {"S": "1 Main St"}, "zip": {"N": "02134"},
                    "geo": {"M": {"lat": {"N": "53.35"}, "lon": {"N": "-6.26"}}},
                    "tags": {"L": [{"S": "home"}, {"S": "home"}]}}}}}');
SELECT jsonb_pretty(pg_temp.norm(dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "documents"}}}')));

-- 32 levels: the top-level attribute and 31 maps inside it, the leaf at
-- level 32, is accepted and comes back whole
SELECT dyn_put_item(jsonb_build_object('TableName', 'Codec', 'Item',
         jsonb_build_object('pk', '{"S": "deep"}'::jsonb, 'd', pg_temp.nest(31, '{"S": "leaf"}'))));
SELECT dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "deep"}}}') -> 'Item' -> 'd'
       = pg_temp.nest(31, '{"S": "leaf"}') AS same,
       dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "deep"}}}') #> ('{Item,d' || repeat(',M,m', 31) || '}')::text[] AS leaf;
-- lists count as levels too
SELECT dyn_put_item(jsonb_build_object('TableName', 'Codec', 'Item',
         jsonb_build_object('pk', '{"S": "deep-list"}'::jsonb,
                            'd', (repeat('{"L": [', 31) || '{"S": "leaf"}' || repeat(']}', 31))::jsonb)));
SELECT dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "deep-list"}}}') #> ('{Item,d' || repeat(',L,0', 31) || '}')::text[] AS leaf;
-- one level more is refused, and nothing is written
SELECT dyn_put_item(jsonb_build_object('TableName', 'Codec', 'Item',
         jsonb_build_object('pk', '{"S": "too-deep"}'::jsonb, 'd', pg_temp.nest(32, '{"S": "leaf"}'))));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item(jsonb_build_object('TableName', 'Codec', 'Item',
         jsonb_build_object('pk', '{"S": "too-deep"}'::jsonb, 'd', pg_temp.nest(31, '{"M": {}}'))));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item(jsonb_build_object('TableName', 'Codec', 'Item',
         jsonb_build_object('pk', '{"S": "too-deep"}'::jsonb,
                            'd', (repeat('{"L": [', 32) || '{"S": "leaf"}' || repeat(']}', 32))::jsonb)));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "too-deep"}}}');

--
-- dyn_marshall / dyn_unmarshall
--
SELECT jsonb_pretty(dyn_marshall('{"CustomerId": "7970241400", "Total": 42.50, "Paid": true,
  "Note": null, "Items": [{"Id": "apple", "Qty": 3, "Favourite": false}, "loose", 7, [1, [2]]],
  "Address": {"Geo": {"Lat": 53.35, "Lon": -6.26}}, "Empty": {}, "None": [], "Blank": ""}'));
-- scalars and arrays at the top level are single values
SELECT dyn_marshall('"x"') AS s, dyn_marshall('1.50') AS n, dyn_marshall('-0') AS z,
       dyn_marshall('true') AS b, dyn_marshall('null') AS nul;
SELECT dyn_marshall('[1, "a", [true], {"k": null}]') AS l;
SELECT dyn_marshall('{}') AS empty_item, dyn_unmarshall('{}') AS empty_plain;
-- typed to plain: sets become arrays, binary stays base64, numbers canonical
SELECT jsonb_pretty(pg_temp.norm(dyn_unmarshall('{
  "s": {"S": "x"}, "n": {"N": "001.50"}, "e": {"N": "1E3"}, "b": {"B": "AQID"},
  "ss": {"SS": ["y", "x"]}, "ns": {"NS": ["2.50", "1"]}, "bs": {"BS": ["AQ=="]},
  "t": {"BOOL": true}, "nul": {"NULL": true},
  "m": {"M": {"deep": {"M": {"list": {"L": [{"N": "1"}, {"S": "two"}, {"L": []}, {"M": {}}]}}}}}}')));
-- both ways, nested objects and arrays come back equal
SELECT dyn_unmarshall(dyn_marshall(j)) = j AS round_trip, j
FROM (VALUES ('{"a": 1, "b": "x", "c": [true, false, null], "d": {"e": {"f": [1, {"g": []}]}}}'::jsonb),
             ('{"Items": [{"Id": "i1", "Favourite": true}, {"Id": "i2", "Favourite": false}]}'),
             ('{"unicode": "🛒 ü 東京", "empty": "", "neg": -12.5, "big": 12345678901234567890123456789012345678}')) v(j)
ORDER BY j::text;
SELECT dyn_marshall(dyn_unmarshall(t)) = t AS round_trip
FROM (VALUES ('{"m": {"M": {"l": {"L": [{"N": "1"}, {"S": "x"}, {"NULL": true}, {"BOOL": false}]}}}}'::jsonb)) v(t);
-- a marshalled item is a PutItem item
SELECT dyn_put_item(jsonb_build_object('TableName', 'Codec', 'Item',
         dyn_marshall('{"pk": "marshalled", "Items": [{"Id": "apple", "Favourite": true}], "n": 1.50}')));
SELECT dyn_unmarshall(dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "marshalled"}}}') -> 'Item');

--
-- U+0000: keys, values and attribute names, through dyn_execute_text
--
SELECT dyn_execute_text('PutItem', '{"TableName": "Codec", "Item": {
  "pk": {"S": "nul\u0000key"},
  "v\u0000name": {"S": "a\u0000b"},
  "only": {"S": "\u0000"},
  "set": {"SS": ["x", "x\u0000", "x\u0001"]},
  "doc": {"M": {"k\u0000": {"L": [{"S": "\u0000\u0000"}, {"S": "\u0001"}]}}}}}');
SELECT dyn_execute_text('GetItem', '{"TableName": "Codec", "Key": {"pk": {"S": "nul\u0000key"}}}');
-- overwrite with ALL_OLD: the old item comes back exactly
SELECT dyn_execute_text('PutItem', '{"TableName": "Codec", "ReturnValues": "ALL_OLD", "Item": {"pk": {"S": "nul\u0000key"}, "v": {"S": "\u0000"}}}');
SELECT dyn_execute_text('GetItem', '{"TableName": "Codec", "Key": {"pk": {"S": "nul\u0000key"}}}');
-- the key with U+0000 is not the key without it, nor the key with U+0001
SELECT dyn_execute_text('GetItem', '{"TableName": "Codec", "Key": {"pk": {"S": "nulkey"}}}');
SELECT dyn_execute_text('GetItem', '{"TableName": "Codec", "Key": {"pk": {"S": "nul\u0001key"}}}');
-- the jsonb functions refuse to return U+0000 (DY001, pointing at
-- dyn_execute_text) rather than return a changed string
SELECT dyn_execute_text('PutItem', '{"TableName": "Codec", "Item": {"pk": {"S": "nul-value"}, "v": {"S": "a\u0000b"}}}');
SELECT dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "nul-value"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_execute('GetItem', '{"TableName": "Codec", "Key": {"pk": {"S": "nul-value"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get('Codec', '{"pk": "nul-value"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_execute_text('PutItem', '{"TableName": "Codec", "Item": {"pk": {"S": "nul-name"}, "a\u0000": {"S": "v"}}}');
SELECT dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "nul-name"}}}');
\echo :LAST_ERROR_SQLSTATE
-- the text path reads them
SELECT dyn_execute_text('GetItem', '{"TableName": "Codec", "Key": {"pk": {"S": "nul-value"}}}');
SELECT dyn_execute_text('GetItem', '{"TableName": "Codec", "Key": {"pk": {"S": "nul-name"}}}');
-- DeleteItem ALL_OLD through the text path
SELECT dyn_execute_text('DeleteItem', '{"TableName": "Codec", "ReturnValues": "ALL_OLD", "Key": {"pk": {"S": "nul\u0000key"}}}');
SELECT dyn_execute_text('GetItem', '{"TableName": "Codec", "Key": {"pk": {"S": "nul\u0000key"}}}');

--
-- U+0001 round-trips through the jsonb and the text paths alike
--
SELECT dyn_put_item('{"TableName": "Codec", "Item": {"pk": {"S": "one\u0001"}, "v\u0001": {"S": "x\u0001y"},
                      "l": {"L": [{"S": "\u0001\u0001"}]}, "s": {"SS": ["\u0001"]}}}');
SELECT dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "one\u0001"}}}');
SELECT dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "one\u0001"}}}') -> 'Item'
     = '{"pk": {"S": "one\u0001"}, "v\u0001": {"S": "x\u0001y"}, "l": {"L": [{"S": "\u0001\u0001"}]}, "s": {"SS": ["\u0001"]}}' AS exact;
SELECT dyn_execute_text('GetItem', '{"TableName": "Codec", "Key": {"pk": {"S": "one\u0001"}}}');
SELECT dyn_execute_text('PutItem', '{"TableName": "Codec", "Item": {"pk": {"S": "two\u0001"}, "v": {"S": "\u0001"}}}');
SELECT dyn_get_item('{"TableName": "Codec", "Key": {"pk": {"S": "two\u0001"}}}');
SELECT dyn_get('Codec', '{"pk": "two\u0001"}') AS plain;
SELECT dyn_delete_table('{"TableName": "Codec"}') #>> '{TableDescription,TableStatus}' AS status;

--
-- S keys are ordered by UTF-8 bytes, U+0000 and U+0001 included
--
SELECT dyn_create_table('{
  "TableName": "SKeys",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableStatus}' AS status;
-- each item's "hex" is its key's UTF-8 bytes, written out by hand: byte order
-- is the order of these hex strings
SELECT count(*) FROM (VALUES
  ('{"pk": {"S": "B"}, "hex": {"S": "42"}}'),
  ('{"pk": {"S": "\u0080"}, "hex": {"S": "c280"}}'),
  ('{"pk": {"S": "\ufffd"}, "hex": {"S": "efbfbd"}}'),
  ('{"pk": {"S": "ab"}, "hex": {"S": "6162"}}'),
  ('{"pk": {"S": "_"}, "hex": {"S": "5f"}}'),
  ('{"pk": {"S": "a\u0002"}, "hex": {"S": "6102"}}'),
  ('{"pk": {"S": "😀"}, "hex": {"S": "f09f9880"}}'),
  ('{"pk": {"S": "€"}, "hex": {"S": "e282ac"}}'),
  ('{"pk": {"S": "Z"}, "hex": {"S": "5a"}}'),
  ('{"pk": {"S": "é"}, "hex": {"S": "c3a9"}}'),
  ('{"pk": {"S": "a\u0001\u0000"}, "hex": {"S": "610100"}}'),
  ('{"pk": {"S": "~"}, "hex": {"S": "7e"}}'),
  ('{"pk": {"S": "a"}, "hex": {"S": "61"}}'),
  ('{"pk": {"S": "\u0000"}, "hex": {"S": "00"}}'),
  ('{"pk": {"S": "a\u0000"}, "hex": {"S": "6100"}}'),
  ('{"pk": {"S": "a\u0000b"}, "hex": {"S": "610062"}}'),
  ('{"pk": {"S": "\u0001\u0000"}, "hex": {"S": "0100"}}'),
  ('{"pk": {"S": "\u007f"}, "hex": {"S": "7f"}}'),
  ('{"pk": {"S": "\u0001"}, "hex": {"S": "01"}}'),
  ('{"pk": {"S": "\u0000\u0001"}, "hex": {"S": "0001"}}'),
  ('{"pk": {"S": "a\u0001"}, "hex": {"S": "6101"}}'),
  ('{"pk": {"S": "\u0002"}, "hex": {"S": "02"}}'),
  ('{"pk": {"S": "a\u0000\u0000"}, "hex": {"S": "610000"}}')) v(item)
-- (put in a scrambled order, so that insertion order cannot pass for key order)
CROSS JOIN LATERAL (SELECT dyn_execute_text('PutItem', '{"TableName": "SKeys", "Item": ' || item || '}')) p
WHERE p IS NOT NULL;
SELECT backing_schema || '.' || backing_name AS skeys_backing FROM dynamo.tables WHERE table_name = 'SKeys' \gset
-- stored: U+0000 as 0x01 0x01 and U+0001 as 0x01 0x02, in the same order
SELECT item -> 'hex' ->> 'S' AS hex, convert_to(pk, 'UTF8') AS stored FROM :skeys_backing ORDER BY pk;
SELECT array_agg(item -> 'hex' ->> 'S' ORDER BY pk) = array_agg(item -> 'hex' ->> 'S' ORDER BY item -> 'hex' ->> 'S' COLLATE "C") AS byte_order,
       count(*) AS keys
FROM :skeys_backing;
-- the keys are distinct: each reads back its own item
SELECT dyn_execute_text('GetItem', '{"TableName": "SKeys", "Key": {"pk": {"S": "a\u0000"}}}') AS a_nul,
       dyn_execute_text('GetItem', '{"TableName": "SKeys", "Key": {"pk": {"S": "a\u0001"}}}') AS a_one;
SELECT dyn_get_item('{"TableName": "SKeys", "Key": {"pk": {"S": "😀"}}}') AS emoji;
SELECT dyn_delete_table('{"TableName": "SKeys"}') #>> '{TableDescription,TableStatus}' AS status;

--
-- N keys are ordered numerically; 1.50 and 1.5 are the same key
--
SELECT dyn_create_table('{
  "TableName": "NKeys",
  "AttributeDefinitions": [{"AttributeName": "n", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "n", "KeyType": "HASH"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableStatus}' AS status;
SELECT dyn_put_item(jsonb_build_object('TableName', 'NKeys', 'Item',
         jsonb_build_object('n', jsonb_build_object('N', n), 'sent', jsonb_build_object('S', n))))
FROM unnest(ARRAY['10', '2', '-9.5', '0', '-10', '1E125', '-1E125', '1E-130', '-1E-130',
                  '0.5', '9', '100', '-0.001']) n;
SELECT backing_schema || '.' || backing_name AS nkeys_backing FROM dynamo.tables WHERE table_name = 'NKeys' \gset
SELECT item -> 'sent' ->> 'S' AS sent, item -> 'n' ->> 'N' = pk::text AS key_matches
FROM :nkeys_backing ORDER BY pk;
-- "1.50" then "1.5": one key, the second put replaces the first
SELECT dyn_put_item('{"TableName": "NKeys", "Item": {"n": {"N": "1.50"}, "v": {"S": "first"}}}');
SELECT dyn_put_item('{"TableName": "NKeys", "ReturnValues": "ALL_OLD", "Item": {"n": {"N": "1.5"}, "v": {"S": "second"}}}');
SELECT dyn_get_item('{"TableName": "NKeys", "Key": {"n": {"N": "1.50"}}}');
SELECT dyn_get_item('{"TableName": "NKeys", "Key": {"n": {"N": "015E-1"}}}');
SELECT count(*) FROM :nkeys_backing WHERE pk = 1.5;
-- -0 and 0 are one key
SELECT dyn_get_item('{"TableName": "NKeys", "Key": {"n": {"N": "-0"}}}');
SELECT dyn_get_item('{"TableName": "NKeys", "Key": {"n": {"N": "1e125"}}}') -> 'Item' -> 'sent' AS sent;
SELECT dyn_delete_table('{"TableName": "NKeys"}') #>> '{TableDescription,TableStatus}' AS status;

--
-- B keys are ordered as unsigned bytes
--
SELECT dyn_create_table('{
  "TableName": "BKeys",
  "AttributeDefinitions": [{"AttributeName": "h", "AttributeType": "S"},
                           {"AttributeName": "b", "AttributeType": "B"}],
  "KeySchema": [{"AttributeName": "h", "KeyType": "HASH"},
                {"AttributeName": "b", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableStatus}' AS status;
SELECT dyn_put_item(jsonb_build_object('TableName', 'BKeys', 'Item',
         jsonb_build_object('h', '{"S": "p"}'::jsonb,
                            'b', jsonb_build_object('B', encode(decode(hex, 'hex'), 'base64')),
                            'hex', jsonb_build_object('S', hex))))
FROM unnest(ARRAY['ff', '80', '7f', '00', '7f00', '80ff', '0000', '01', 'fe', 'ffff']) hex;
SELECT backing_schema || '.' || backing_name AS bkeys_backing FROM dynamo.tables WHERE table_name = 'BKeys' \gset
SELECT sk, item -> 'hex' ->> 'S' AS hex, item -> 'b' ->> 'B' AS b FROM :bkeys_backing ORDER BY pk, sk;
SELECT dyn_get_item('{"TableName": "BKeys", "Key": {"h": {"S": "p"}, "b": {"B": "gA=="}}}');
SELECT dyn_delete_table('{"TableName": "BKeys"}') #>> '{TableDescription,TableStatus}' AS status;

SELECT dyn_list_tables();
