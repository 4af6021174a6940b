-- The same 10 items as a raw prepared statement on the backing table.
\set p random(0, :items / 100 - 1)
\set s random(0, 90)
SELECT item FROM @BACKINGQ@ WHERE pk = 'part#' || :p AND sk >= 'item#' || lpad(:s::text, 4, '0') ORDER BY sk LIMIT 10;
