-- expressions: pins how DynamoDB validates its expression languages before
-- anything is read or written: syntax errors (token and near, <EOF>), the
-- empty expression, the 4 KB limit (UTF-8 bytes), redundant parentheses,
-- reserved words used bare (case echoed) and through #name, undefined and
-- unused #name/:value placeholders (unused keys sorted, names before values,
-- usage pooled over the request's expressions), empty and badly keyed
-- placeholder maps, placeholder maps without an expression (with each
-- operation's suffix), unknown functions, wrong operand counts, functions
-- used the wrong way, operands that must be document paths, literal operand
-- types (begins_with, size, attribute_type, ordering comparators, BETWEEN
-- types and bounds, +, -, list_append with short type codes, ADD and DELETE
-- with long type names and "operator:"), non-distinct operands, IN with more
-- than 100 operands, an update clause used twice, overlapping and
-- conflicting paths in updates and projections, writes to key attributes,
-- invalid ExpressionAttributeValues (message wrapped with the key), legacy
-- and expression parameters mixed, and which fault wins when there are
-- several (DynamoDB's check order).
--
-- ConditionExpression is exercised through PutItem, DeleteItem and
-- UpdateItem, UpdateExpression through UpdateItem, ProjectionExpression
-- through GetItem.  Every message is DynamoDB's exact text (ValidationException,
-- SQLSTATE DY001).  Tables start with Expr.

SELECT dyn_create_table('{"TableName": "ExprItems",
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                           {"AttributeName": "sk", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}') #>> '{TableDescription,TableName}' AS created;
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "p"}, "sk": {"S": "s"},
  "a": {"N": "1"}, "b": {"S": "x"}, "l": {"L": [{"N": "1"}, {"N": "2"}]},
  "m": {"M": {"x": {"L": [{"S": "m0"}, {"S": "m1"}]}}}, "Status": {"S": "new"}}}');

------------------------------------------------------------------------
-- Syntax errors: token where the parse failed, near = previous token to next token
------------------------------------------------------------------------
-- a lone path is not a condition: the parse fails at the end
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "foo"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "attribute_not_exists("}');
\echo :LAST_ERROR_SQLSTATE
-- there are no literals: a number is a syntax error
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a > 4"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a = :v AND", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- '-' splits a name
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "hi-there = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- a name cannot start with '_': '_' is its own token
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "_abc = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- a negative list index
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "l[-1] = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- a syntax error wins over an undefined name in the same expression
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "#zz = :v AND", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- UpdateExpression: a trailing comma
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET #attr1 = :val1, #attr2 = :val2,",
  "ExpressionAttributeNames": {"#attr1": "c1", "#attr2": "c2"},
  "ExpressionAttributeValues": {":val1": {"N": "1"}, ":val2": {"N": "2"}}}');
\echo :LAST_ERROR_SQLSTATE
-- an unknown clause keyword
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "INVALID SYNTAX HERE"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET MyStr = myNum + 1"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET _123 = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- near keeps the whitespace exactly as sent
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "set  0 = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET"}');
\echo :LAST_ERROR_SQLSTATE
-- only one + or - per SET value
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET a = b + c + d"}');
\echo :LAST_ERROR_SQLSTATE
-- a value cannot be a SET target
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET :a = :b", "ExpressionAttributeValues": {":a": {"N": "1"}, ":b": {"N": "2"}}}');
\echo :LAST_ERROR_SQLSTATE
-- ProjectionExpression: trailing and doubled commas, a comparison
SELECT dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "ProjectionExpression": "a,"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "ProjectionExpression": "a,,b"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "ProjectionExpression": "a = b"}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- Empty expressions, the 4 KB limit, redundant parentheses
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": ""}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": ""}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "ProjectionExpression": ""}');
\echo :LAST_ERROR_SQLSTATE
-- UpdateExpression is checked before ConditionExpression
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "", "ConditionExpression": ""}');
\echo :LAST_ERROR_SQLSTATE
-- 4096 bytes are accepted (the condition is then evaluated: true, so the put happens)
SELECT dyn_put_item(jsonb_build_object('TableName', 'ExprItems',
  'Item', '{"pk": {"S": "long"}, "sk": {"S": "4096"}}'::jsonb,
  'ConditionExpression', 'attribute_not_exists(' || repeat('n', 4096 - 22) || ')'));
-- 4097 bytes are not
SELECT dyn_put_item(jsonb_build_object('TableName', 'ExprItems',
  'Item', '{"pk": {"S": "long"}, "sk": {"S": "4097"}}'::jsonb,
  'ConditionExpression', 'attribute_not_exists(' || repeat('n', 4097 - 22) || ')'));
\echo :LAST_ERROR_SQLSTATE
-- the size is counted in UTF-8 bytes (2049 characters, 4098 bytes), before any syntax check
SELECT dyn_put_item(jsonb_build_object('TableName', 'ExprItems',
  'Item', '{"pk": {"S": "long"}, "sk": {"S": "utf8"}}'::jsonb,
  'ConditionExpression', repeat('é', 2049)));
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "long"}, "sk": {"S": "4097"}}}');
-- UpdateExpression: the classic message has no size
SELECT dyn_update_item(jsonb_build_object('TableName', 'ExprItems',
  'Key', '{"pk": {"S": "long"}, "sk": {"S": "upd"}}'::jsonb,
  'UpdateExpression', 'SET ' || repeat('n', 4097 - 9) || ' = :v',
  'ExpressionAttributeValues', '{":v": {"N": "1"}}'::jsonb));
\echo :LAST_ERROR_SQLSTATE
-- a doubled wrap is refused; a single one is fine
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "((a = :v))", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a > ((b))"}');
\echo :LAST_ERROR_SQLSTATE
-- redundant parentheses are found before anything else in the condition (here a = a)
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a=a AND ((a=a AND a=a)) AND a=a"}');
\echo :LAST_ERROR_SQLSTATE
-- single wraps are fine (the condition is true: the item v/v is created)
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "(attribute_not_exists(a)) AND (attribute_not_exists(b))"}');

------------------------------------------------------------------------
-- Reserved words: refused bare (the word echoed as written), fine through #name
------------------------------------------------------------------------
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET Status = :v", "ExpressionAttributeValues": {":v": {"S": "done"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": " remove Absolute "}');
\echo :LAST_ERROR_SQLSTATE
-- the seeds' Items is reserved: that is why they write #Items[0].Favourite
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET Items[0].Favourite = :f", "ExpressionAttributeValues": {":f": {"BOOL": true}}}');
\echo :LAST_ERROR_SQLSTATE
-- nested path elements are checked too
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "m.status = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "ProjectionExpression": "pk, Name"}');
\echo :LAST_ERROR_SQLSTATE
-- through #name the reserved word is just a name
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET #s = :v", "ConditionExpression": "#s = :old",
  "ExpressionAttributeNames": {"#s": "Status"},
  "ExpressionAttributeValues": {":v": {"S": "done"}, ":old": {"S": "new"}},
  "ReturnValues": "UPDATED_NEW"}');
-- function names are not reserved words (size is one)
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET c = :v", "ConditionExpression": "size(b) = :one",
  "ExpressionAttributeValues": {":v": {"S": "sized"}, ":one": {"N": "1"}},
  "ReturnValues": "UPDATED_NEW"}');

------------------------------------------------------------------------
-- Undefined placeholders (found while each expression is parsed)
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "#a = :v",
  "ExpressionAttributeNames": {"#b": "b"}, "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a = :x", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- no ExpressionAttributeValues at all
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET a = :x"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "ProjectionExpression": "#p"}');
\echo :LAST_ERROR_SQLSTATE
-- the UpdateExpression is parsed first: its fault wins over the condition's
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET a = :u", "ConditionExpression": "#c = :v",
  "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- Unused placeholders (after every expression has parsed; names first)
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a = :v",
  "ExpressionAttributeNames": {"#b": "b", "#a": "a"}, "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a = :v",
  "ExpressionAttributeValues": {":z": {"N": "1"}, ":v": {"N": "1"}, ":c": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- both unused: the names are reported
SELECT dyn_delete_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "attribute_exists(a)",
  "ExpressionAttributeNames": {"#n": "n"}, "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- GetItem has no ExpressionAttributeValues parameter: like any unknown member it is ignored
SELECT dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "ProjectionExpression": "#a", "ExpressionAttributeNames": {"#a": "a"},
  "ExpressionAttributeValues": {":v": {"N": "1"}}}');
-- usage is pooled: #n used only by the condition, :v only by the update
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET d = :v", "ConditionExpression": "attribute_exists(#n)",
  "ExpressionAttributeNames": {"#n": "a"}, "ExpressionAttributeValues": {":v": {"N": "4"}},
  "ReturnValues": "UPDATED_NEW"}');

------------------------------------------------------------------------
-- The placeholder maps themselves
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a = :v", "ExpressionAttributeNames": {},
  "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "attribute_exists(a)", "ExpressionAttributeValues": {}}');
\echo :LAST_ERROR_SQLSTATE
-- the maps are checked before the expression is parsed (even an empty one)
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "", "ExpressionAttributeValues": {}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a = :v", "ExpressionAttributeNames": {"a": "a"},
  "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- an empty attribute name is refused, also when the key is unused, and
-- nothing is written
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET #a = :v", "ExpressionAttributeNames": {"#a": ""},
  "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "ev"}, "sk": {"S": "ev"}},
  "ConditionExpression": "attribute_not_exists(#a)", "ExpressionAttributeNames": {"#a": "a", "#DE": ""}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "ev"}, "sk": {"S": "ev"}}}');
-- a bare '#' key is refused as a key, before the expression is parsed
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET # = :v", "ExpressionAttributeNames": {"#": "a"},
  "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a = :v", "ExpressionAttributeValues": {":v": {"N": "1"}, "b": {"S": "a"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a = :v", "ExpressionAttributeValues": {":v": {"N": "1"}, ":a-b": {"S": "a"}}}');
\echo :LAST_ERROR_SQLSTATE
-- every key is checked before any value
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a = :b", "ExpressionAttributeValues": {":b": {}, "b": {"S": "a"}}}');
\echo :LAST_ERROR_SQLSTATE
-- '#' and ':' placeholders may start with a digit or '_'
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "attribute_not_exists(#1) AND :_ = :_",
  "ExpressionAttributeNames": {"#1": "a"}, "ExpressionAttributeValues": {":_": {"N": "1"}}}');

------------------------------------------------------------------------
-- Placeholder maps without an expression that uses them
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ExpressionAttributeNames": {"#a": "a"}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "ExpressionAttributeNames": {"#a": "a"}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "ExpressionAttributeNames": {"#a": "a"}}');
\echo :LAST_ERROR_SQLSTATE
-- the names check comes first
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ExpressionAttributeNames": {"#a": "a"}, "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- Functions: unknown names (case-sensitive), operand counts, misuse, document paths
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "foo(a)"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "attRIbute_exIsts(a)"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET l = LIST_APPEND(l, :l)", "ExpressionAttributeValues": {":l": {"L": []}}}');
\echo :LAST_ERROR_SQLSTATE
-- an unknown function wins over a reserved word
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "foo(Status)"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "begins_with(b)"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "attribute_exists(a, b)"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "size(a, b) > :n", "ExpressionAttributeValues": {":n": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET a = if_not_exists(c)"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET a = list_append(c)"}');
\echo :LAST_ERROR_SQLSTATE
-- size() is a value, not a condition
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "size(a)"}');
\echo :LAST_ERROR_SQLSTATE
-- a condition function is not a value
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "begins_with(b, :v) = :t",
  "ExpressionAttributeValues": {":v": {"S": "x"}, ":t": {"BOOL": true}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a IN (b, attribute_exists(x))"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "attribute_not_exists(x) > b"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "size(contains(a, b)) > a"}');
\echo :LAST_ERROR_SQLSTATE
-- a misused function wins over a reserved word
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "Status = b AND size(a)"}');
\echo :LAST_ERROR_SQLSTATE
-- list_append cannot be nested
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET l = list_append(list_append(l, :l), :l)",
  "ExpressionAttributeValues": {":l": {"L": [{"N": "9"}]}}}');
\echo :LAST_ERROR_SQLSTATE
-- functions that need a document path
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "attribute_exists(:v)", "ExpressionAttributeValues": {":v": {"S": "a"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "attribute_not_exists(:v)", "ExpressionAttributeValues": {":v": {"S": "a"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "attribute_not_exists(size(:v))", "ExpressionAttributeValues": {":v": {"S": "a"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET a = if_not_exists(:v, c)", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- Literal operand types, checked on :values before anything is read
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "begins_with(b, :n)", "ExpressionAttributeValues": {":n": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "begins_with(b, :t)", "ExpressionAttributeValues": {":t": {"BOOL": true}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "begins_with(b, :ss)", "ExpressionAttributeValues": {":ss": {"SS": ["x"]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "size(:n) > :m",
  "ExpressionAttributeValues": {":n": {"N": "12"}, ":m": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "size(:t) > :m",
  "ExpressionAttributeValues": {":t": {"NULL": true}, ":m": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "attribute_type(a, :n)", "ExpressionAttributeValues": {":n": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "attribute_type(a, :t)", "ExpressionAttributeValues": {":t": {"S": "DOG"}}}');
\echo :LAST_ERROR_SQLSTATE
-- type names are case-sensitive
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "attribute_type(a, :t)", "ExpressionAttributeValues": {":t": {"S": "n"}}}');
\echo :LAST_ERROR_SQLSTATE
-- ordering comparators need S, N or B literals; = and <> take any type
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a < :t", "ExpressionAttributeValues": {":t": {"BOOL": true}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a >= :l", "ExpressionAttributeValues": {":l": {"L": []}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": ":ns > a", "ExpressionAttributeValues": {":ns": {"NS": ["1"]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a BETWEEN :t AND :t", "ExpressionAttributeValues": {":t": {"NULL": true}}}');
\echo :LAST_ERROR_SQLSTATE
-- BETWEEN bounds: the same type, lower <= upper (numbers compare as numbers)
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a BETWEEN :n AND :s",
  "ExpressionAttributeValues": {":n": {"N": "1"}, ":s": {"S": "a"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "b BETWEEN :hi AND :lo",
  "ExpressionAttributeValues": {":hi": {"S": "b"}, ":lo": {"S": "a"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a BETWEEN :ten AND :nine",
  "ExpressionAttributeValues": {":ten": {"N": "10"}, ":nine": {"N": "9"}}}');
\echo :LAST_ERROR_SQLSTATE
-- 9 .. 10 is a valid range (it would be refused if compared as strings); a = 1 is outside it
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a BETWEEN :nine AND :ten",
  "ExpressionAttributeValues": {":ten": {"N": "10"}, ":nine": {"N": "9"}}}');
\echo :LAST_ERROR_SQLSTATE
-- + and - and list_append: short type codes
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET a = a + :s", "ExpressionAttributeValues": {":s": {"S": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET a = :c - a", "ExpressionAttributeValues": {":c": {"B": "YQ=="}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET a = a + :ns", "ExpressionAttributeValues": {":ns": {"NS": ["1"]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET l = list_append(:s, l)", "ExpressionAttributeValues": {":s": {"S": "a"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET l = list_append(l, :m)", "ExpressionAttributeValues": {":m": {"M": {}}}}');
\echo :LAST_ERROR_SQLSTATE
-- ADD and DELETE: "operator:" and long type names
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "ADD a :s", "ExpressionAttributeValues": {":s": {"S": "a"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "ADD l :l", "ExpressionAttributeValues": {":l": {"L": [{"N": "1"}]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "ADD a :t", "ExpressionAttributeValues": {":t": {"BOOL": false}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "DELETE a :n", "ExpressionAttributeValues": {":n": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "DELETE a :b", "ExpressionAttributeValues": {":b": {"B": "YQ=="}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "DELETE m :m", "ExpressionAttributeValues": {":m": {"M": {"a": {"N": "1"}}}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "DELETE a :z", "ExpressionAttributeValues": {":z": {"NULL": true}}}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- Non-distinct operands; IN with more than 100 operands
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a = a"}');
\echo :LAST_ERROR_SQLSTATE
-- compared after #name substitution
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "#a <> a", "ExpressionAttributeNames": {"#a": "a"}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a > #a", "ExpressionAttributeNames": {"#a": "a"}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "contains(m.x[1], m.#x[1])", "ExpressionAttributeNames": {"#x": "x"}}');
\echo :LAST_ERROR_SQLSTATE
-- two values may be the same (true here: the put happens)
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "same"}},
  "ConditionExpression": ":v = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
SELECT dyn_put_item(jsonb_build_object('TableName', 'ExprItems',
  'Item', '{"pk": {"S": "v"}, "sk": {"S": "in"}}'::jsonb,
  'ConditionExpression', 'a IN (' || rtrim(repeat(':v, ', 101), ', ') || ')',
  'ExpressionAttributeValues', '{":v": {"N": "1"}}'::jsonb));
\echo :LAST_ERROR_SQLSTATE
-- 100 are fine (a is missing on this new item: false)
SELECT dyn_put_item(jsonb_build_object('TableName', 'ExprItems',
  'Item', '{"pk": {"S": "v"}, "sk": {"S": "in"}}'::jsonb,
  'ConditionExpression', 'a IN (' || rtrim(repeat(':v, ', 100), ', ') || ')',
  'ExpressionAttributeValues', '{":v": {"N": "1"}}'::jsonb));
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- UpdateExpression structure: clauses used twice, overlapping and conflicting paths
------------------------------------------------------------------------
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET a = :v SET b = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "remove x set a = :v remove e", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "ADD x :n DELETE y :ss ADD z :n",
  "ExpressionAttributeValues": {":n": {"N": "1"}, ":ss": {"SS": ["a"]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "delete x :ss set a = :v delete y :ss",
  "ExpressionAttributeValues": {":v": {"N": "1"}, ":ss": {"SS": ["a"]}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET a = :v REMOVE a", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET m = :v, m.x = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- overlap is decided on resolved names
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET #a1 = :v, #a2 = :v",
  "ExpressionAttributeNames": {"#a1": "a", "#a2": "a"}, "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET l[1][1] = :v, l[1] = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- an overlap is reported even when a conflicting pair comes earlier
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "set d[1] = :v, d.b = :v, c[1].a = :v, #c = :v",
  "ExpressionAttributeNames": {"#c": "c"}, "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- a name that is literally [3] prints like an index
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "set #c[3].#d = :v, #c[3] = :v",
  "ExpressionAttributeNames": {"#c": "c", "#d": "[3]"}, "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET m.x = :v REMOVE m[1]", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "remove a.#c set a[1] = :v",
  "ExpressionAttributeNames": {"#c": "c"}, "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
-- reading a path the update writes is fine: right-hand sides read the old item
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "REMOVE d SET e = d", "ReturnValues": "UPDATED_NEW"}');

------------------------------------------------------------------------
-- ProjectionExpression: duplicates and overlaps are refused, not merged
------------------------------------------------------------------------
SELECT dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "ProjectionExpression": "a, a"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "ProjectionExpression": "m, m.x"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "ProjectionExpression": "#x, #y", "ExpressionAttributeNames": {"#x": "a", "#y": "a"}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "ProjectionExpression": "b[1], b.a, #a.b, a", "ExpressionAttributeNames": {"#a": "a"}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "ProjectionExpression": "a.b, #a[1]", "ExpressionAttributeNames": {"#a": "a"}}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- Key attributes cannot be written (after the table lookup)
------------------------------------------------------------------------
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET pk = :v", "ExpressionAttributeValues": {":v": {"S": "q"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "REMOVE sk"}');
\echo :LAST_ERROR_SQLSTATE
-- nested writes under a key name too
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "ADD pk.b :n", "ExpressionAttributeValues": {":n": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET #k = :v", "ExpressionAttributeNames": {"#k": "sk"},
  "ExpressionAttributeValues": {":v": {"S": "q"}}}');
\echo :LAST_ERROR_SQLSTATE
-- reading a key attribute is fine
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "UpdateExpression": "SET keycopy = pk", "ReturnValues": "UPDATED_NEW"}');

------------------------------------------------------------------------
-- Invalid ExpressionAttributeValues: the value's message, wrapped with its key
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a = :v", "ExpressionAttributeValues": {":v": {}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a = :v", "ExpressionAttributeValues": {":v": {"SS": []}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a = :v", "ExpressionAttributeValues": {":v": {"N": "b"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a = :v", "ExpressionAttributeValues": {":v": {"S": "a", "N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a = :v", "ExpressionAttributeValues": {":v": {"NULL": false}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a = :v", "ExpressionAttributeValues": {":v": {"N": "123456789012345678901234567890123456789"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a = :v", "ExpressionAttributeValues": {":v": {"L": [{"SS": ["a", "a"]}]}}}');
\echo :LAST_ERROR_SQLSTATE
-- an invalid value wins over a syntax error (values are checked first)
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "ConditionExpression": "a = = :v", "ExpressionAttributeValues": {":v": {"NS": []}}}');
\echo :LAST_ERROR_SQLSTATE
-- empty strings and binaries are valid values
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "empty"}},
  "ConditionExpression": "a <> :e AND b <> :eb",
  "ExpressionAttributeValues": {":e": {"S": ""}, ":eb": {"B": ""}}}');

------------------------------------------------------------------------
-- Legacy and expression parameters mixed (checked before everything else here)
------------------------------------------------------------------------
SELECT dyn_put_item('{"TableName": "ExprItems", "Item": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "Expected": {"a": {"Exists": false}}, "ConditionExpression": "attribute_not_exists(a)"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_delete_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "v"}, "sk": {"S": "v"}},
  "Expected": {"a": {"Exists": false}}, "ConditionExpression": "",
  "ExpressionAttributeNames": {}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "AttributeUpdates": {"a": {"Action": "PUT", "Value": {"N": "1"}}},
  "UpdateExpression": "SET a = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "Expected": {"a": {"Exists": false}}, "AttributeUpdates": {},
  "ConditionExpression": "", "UpdateExpression": "",
  "ExpressionAttributeNames": {}, "ExpressionAttributeValues": {}}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_update_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "Expected": {"a": {"Exists": false}}, "ConditionExpression": "attribute_not_exists(a)"}');
\echo :LAST_ERROR_SQLSTATE
SELECT dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}},
  "AttributesToGet": ["a"], "ProjectionExpression": "a"}');
\echo :LAST_ERROR_SQLSTATE

------------------------------------------------------------------------
-- Nothing refused above changed an item: p/s holds only the accepted
-- updates (Status, c, d, e, keycopy), v/v only its key
------------------------------------------------------------------------
SELECT jsonb_pretty(dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}}}'));
SELECT dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "v"}, "sk": {"S": "v"}}}');
SELECT dyn_get_item('{"TableName": "ExprItems", "Key": {"pk": {"S": "long"}, "sk": {"S": "4096"}}}') ? 'Item' AS put_4096;

SELECT dyn_delete_table('{"TableName": "ExprItems"}') #>> '{TableDescription,TableStatus}' AS status;
