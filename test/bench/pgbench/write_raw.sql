-- The same item written by a raw prepared upsert on the backing table (which
-- has the same indexes).
\set g random(0, :items - 1)
\set p :g / 100
\set s :g % 100
\set a random(0, 99999)
\set v random(0, :items / 10 - 1)
INSERT INTO @BACKINGQ@ (pk, sk, item) VALUES ('part#' || :p, 'item#' || lpad(:s::text, 4, '0'), ('{"pk":{"S":"part#' || :p || '"},"sk":{"S":"item#' || lpad(:s::text, 4, '0') || '"},"amount":{"N":"' || :a || '.5"},"status":{"S":"OPEN"},"g1":{"S":"g1#' || :v || '"},"g2":{"S":"g2#' || :v || '"},"g3":{"S":"g3#' || :v || '"},"g4":{"S":"g4#' || :v || '"},"g5":{"S":"g5#' || :v || '"}}')::jsonb) ON CONFLICT (pk, sk) DO UPDATE SET item = EXCLUDED.item;
