-- The same item written by a raw prepared upsert on the backing table.
\set g random(0, :items - 1)
\set p :g / 10
\set s :g % 10 + 1
\set a random(0, 99999)
INSERT INTO @BACKING@ (pk, sk, item) VALUES ('user#' || :p, 'order#' || lpad(:s::text, 4, '0'), ('{"pk":{"S":"user#' || :p || '"},"sk":{"S":"order#' || lpad(:s::text, 4, '0') || '"},"amount":{"N":"' || :a || '.5"},"status":{"S":"OPEN"}}')::jsonb) ON CONFLICT (pk, sk) DO UPDATE SET item = EXCLUDED.item;
