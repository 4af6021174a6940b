-- PutItem (replacing an existing item) through dynamo_ext.
\set g random(0, :items - 1)
\set p :g / 10
\set s :g % 10 + 1
\set a random(0, 99999)
SELECT dyn_put_item(('{"TableName":"Bench","Item":{"pk":{"S":"user#' || :p || '"},"sk":{"S":"order#' || lpad(:s::text, 4, '0') || '"},"amount":{"N":"' || :a || '.5"},"status":{"S":"OPEN"}}}')::jsonb);
