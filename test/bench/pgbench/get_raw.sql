-- The same lookup as a raw prepared statement on the backing table.
\set g random(0, :items - 1)
\set p :g / 10
\set s :g % 10 + 1
SELECT item FROM @BACKING@ WHERE pk = 'user#' || :p AND sk = 'order#' || lpad(:s::text, 4, '0');
