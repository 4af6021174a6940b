-- PutItem (replacing an existing item) on BenchQ; the item carries the keys
-- of all five GSIs (g1..g5), so every GSI on the table is maintained.
\set g random(0, :items - 1)
\set p :g / 100
\set s :g % 100
\set a random(0, 99999)
\set v random(0, :items / 10 - 1)
SELECT dyn_put_item(('{"TableName":"BenchQ","Item":{"pk":{"S":"part#' || :p || '"},"sk":{"S":"item#' || lpad(:s::text, 4, '0') || '"},"amount":{"N":"' || :a || '.5"},"status":{"S":"OPEN"},"g1":{"S":"g1#' || :v || '"},"g2":{"S":"g2#' || :v || '"},"g3":{"S":"g3#' || :v || '"},"g4":{"S":"g4#' || :v || '"},"g5":{"S":"g5#' || :v || '"}}}')::jsonb);
