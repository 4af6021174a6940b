-- GetItem through dynamo_ext: the request is JSON text assembled from the
-- pgbench variables (as a client would send it) and parsed as jsonb.
\set g random(0, :items - 1)
\set p :g / 10
\set s :g % 10 + 1
SELECT dyn_get_item(('{"TableName":"Bench","Key":{"pk":{"S":"user#' || :p || '"},"sk":{"S":"order#' || lpad(:s::text, 4, '0') || '"}}}')::jsonb);
