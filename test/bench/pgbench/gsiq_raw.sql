-- The same 10 items through the same partial expression index, in the
-- index's order (GSI key, then the table's keys), as a raw prepared statement.
\set v random(0, :items / 10 - 1)
SELECT item FROM @BACKINGQ@ WHERE ((item -> 'g1' ->> 'S') COLLATE "C") = 'g1#' || :v AND (item -> 'g1') ? 'S' ORDER BY ((item -> 'g1' ->> 'S') COLLATE "C"), pk, sk;
