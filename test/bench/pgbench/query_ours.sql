-- Query through dynamo_ext: 10 items of a 100-item partition of BenchQ
-- (KeyConditionExpression pk = :p AND sk >= :s, Limit 10).  The request is
-- JSON text assembled from the pgbench variables, as a client sends it.
-- (pgbench would take ":p" inside the text for one of its variables, so the
-- placeholders are written ':' || 'p'; the constant concatenation is folded
-- when the statement is prepared.)
\set p random(0, :items / 100 - 1)
\set s random(0, 90)
SELECT dyn_query(('{"TableName":"BenchQ","KeyConditionExpression":"pk = :' || 'p AND sk >= :' || 's","Limit":10,"ExpressionAttributeValues":{":' || 'p":{"S":"part#' || :p || '"},":' || 's":{"S":"item#' || lpad(:s::text, 4, '0') || '"}}}')::jsonb);
