-- expr_fuzz.sql: schema and driver functions of the expression fuzz test
-- (run by run.sh in a scratch database; see gen.pl for the cases).
--
-- fuzz_cases holds the generated requests; fuzz_run() feeds a range of
-- them to dyn_put_item / dyn_update_item / dyn_get_item / dyn_delete_item
-- (jsonb) or dyn_execute_text (raw JSON text), one BEGIN/EXCEPTION block
-- per call, and records every outcome that is not in the case's allow
-- list (ok, DY001, DY002, DY010) in fuzz_bad, and every outcome in
-- fuzz_outcomes (the generated items are reset at the start, so a second
-- pass over the same cases must give the same outcomes, case by case).  fuzz_mem_snapshot() records
-- the backend's memory (memory context totals and, where readable,
-- RssAnon from /proc/self/status) so that run.sh can compare two passes.

CREATE EXTENSION IF NOT EXISTS dynamo_ext;

SELECT dyn_create_table(jsonb_build_object(
	'TableName', 'fuzz_h',
	'AttributeDefinitions', jsonb_build_array(
		jsonb_build_object('AttributeName', 'pk', 'AttributeType', 'S')),
	'KeySchema', jsonb_build_array(
		jsonb_build_object('AttributeName', 'pk', 'KeyType', 'HASH')),
	'BillingMode', 'PAY_PER_REQUEST')) IS NOT NULL AS created_fuzz_h;

SELECT dyn_create_table(jsonb_build_object(
	'TableName', 'fuzz_hr',
	'AttributeDefinitions', jsonb_build_array(
		jsonb_build_object('AttributeName', 'pk', 'AttributeType', 'S'),
		jsonb_build_object('AttributeName', 'sk', 'AttributeType', 'N')),
	'KeySchema', jsonb_build_array(
		jsonb_build_object('AttributeName', 'pk', 'KeyType', 'HASH'),
		jsonb_build_object('AttributeName', 'sk', 'KeyType', 'RANGE')),
	'BillingMode', 'PAY_PER_REQUEST')) IS NOT NULL AS created_fuzz_hr;

-- op: put | update | get | delete (jreq) or text:<Operation> (treq)
CREATE TABLE fuzz_cases (
	id		int PRIMARY KEY,
	op		text NOT NULL,
	jreq	jsonb,
	treq	text,
	allow	text NOT NULL
);

CREATE TABLE fuzz_bad (
	pass	int,
	id		int,
	op		text,
	state	text,
	message	text
);

CREATE TABLE fuzz_progress (
	pass	int,
	batch	int,
	lo		int,
	hi		int,
	n		int,
	ok		int,
	dy001	int,
	dy002	int,
	dy010	int,
	bad		int,
	max_ms	numeric,
	max_id	int,
	xact_growth bigint,		-- memory context growth inside the batch's transaction
	seconds	numeric
);

-- every call's outcome, in id order: both passes must agree case by case
CREATE TABLE fuzz_outcomes (
	pass	int,
	batch	int,
	lo		int,
	states	text[]
);

CREATE TABLE fuzz_mem (
	label	text,
	pid		int,
	ctx_bytes bigint,		-- all memory contexts but the expression cache entries
	cache_entries int,		-- the expression cache: entries, their bytes, the largest
	cache_bytes bigint,
	cache_max_bytes bigint,
	rss_anon_kb bigint,
	at		timestamptz DEFAULT clock_timestamp()
);

CREATE FUNCTION fuzz_ctx_bytes() RETURNS bigint
LANGUAGE sql AS $$ SELECT sum(total_bytes)::bigint FROM pg_backend_memory_contexts $$;

-- The expression cache keeps each parsed expression in a context of its
-- own ("dynamo_ext expression"); how many of them there are at a given
-- moment depends on where the cache is in its eviction cycle, so they are
-- counted apart from everything else.
CREATE FUNCTION fuzz_cache_mem(OUT entries int, OUT bytes bigint, OUT max_bytes bigint)
LANGUAGE sql AS $$
	SELECT count(*)::int, coalesce(sum(total_bytes), 0)::bigint, coalesce(max(total_bytes), 0)::bigint
	FROM pg_backend_memory_contexts WHERE name = 'dynamo_ext expression'
$$;

-- RssAnon of this backend in kB, or NULL where /proc cannot be read
CREATE FUNCTION fuzz_rss_anon_kb() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	st text;
BEGIN
	st := pg_read_file('/proc/self/status');
	RETURN (regexp_match(st, 'RssAnon:\s+(\d+)\s+kB'))[1]::bigint;
EXCEPTION WHEN OTHERS THEN
	RETURN NULL;
END $$;

CREATE FUNCTION fuzz_mem_snapshot(label text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	c bigint := fuzz_ctx_bytes();
	e record := fuzz_cache_mem();
	r bigint := fuzz_rss_anon_kb();
BEGIN
	INSERT INTO fuzz_mem (label, pid, ctx_bytes, cache_entries, cache_bytes,
						  cache_max_bytes, rss_anon_kb)
	VALUES (label, pg_backend_pid(), c - e.bytes, e.entries, e.bytes, e.max_bytes, r);
	RETURN format('mem %s: pid %s, memory contexts %s bytes + expression cache %s entries in %s bytes (largest %s), RssAnon %s kB',
				  label, pg_backend_pid(), c - e.bytes, e.entries, e.bytes, e.max_bytes,
				  coalesce(r::text, '?'));
END $$;

-- Run cases lo..hi once.  With trace, announce each case first (a NOTICE
-- reaches the client before the call, so a crash names its case).
CREATE FUNCTION fuzz_run(pass int, batch int, lo int, hi int, trace bool DEFAULT false)
RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	r		record;
	st		text;
	msg		text;
	res		text;
	t0		timestamptz;
	t_start	timestamptz := clock_timestamp();
	ms		numeric;
	c_start	bigint := fuzz_ctx_bytes();
	n		int := 0;
	n_ok	int := 0;
	n_001	int := 0;
	n_002	int := 0;
	n_010	int := 0;
	n_bad	int := 0;
	max_ms	numeric := 0;
	max_id	int;
	growth	bigint;
	states	text[] := '{}';
BEGIN
	FOR r IN SELECT * FROM fuzz_cases WHERE id BETWEEN lo AND hi ORDER BY id LOOP
		IF trace THEN
			RAISE NOTICE 'fuzz case %', r.id;
		END IF;
		t0 := clock_timestamp();
		BEGIN
			CASE r.op
				WHEN 'put' THEN PERFORM dyn_put_item(r.jreq);
				WHEN 'update' THEN PERFORM dyn_update_item(r.jreq);
				WHEN 'get' THEN PERFORM dyn_get_item(r.jreq);
				WHEN 'delete' THEN PERFORM dyn_delete_item(r.jreq);
				ELSE
					res := dyn_execute_text(substr(r.op, 6), r.treq);
					-- the response must be JSON text (json, unlike jsonb, takes \u0000)
					PERFORM res::json;
			END CASE;
			st := 'ok';
			msg := NULL;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
		END;
		ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
		IF ms > max_ms THEN
			max_ms := ms;
			max_id := r.id;
		END IF;
		n := n + 1;
		states := array_append(states, st || coalesce(': ' || left(msg, 120), ''));
		CASE st
			WHEN 'ok' THEN n_ok := n_ok + 1;
			WHEN 'DY001' THEN n_001 := n_001 + 1;
			WHEN 'DY002' THEN n_002 := n_002 + 1;
			WHEN 'DY010' THEN n_010 := n_010 + 1;
			ELSE NULL;
		END CASE;
		IF position(' ' || st || ' ' IN ' ' || r.allow || ' ') = 0 THEN
			n_bad := n_bad + 1;
			INSERT INTO fuzz_bad VALUES (pass, r.id, r.op, st, left(msg, 2000));
		END IF;
	END LOOP;
	growth := fuzz_ctx_bytes() - c_start;
	INSERT INTO fuzz_outcomes VALUES (pass, batch, lo, states);
	INSERT INTO fuzz_progress VALUES (pass, batch, lo, hi, n, n_ok, n_001, n_002, n_010,
		n_bad, round(max_ms, 1), max_id, growth,
		round(extract(epoch FROM clock_timestamp() - t_start)::numeric, 2));
	RETURN format('pass %s batch %s: cases %s..%s: %s calls, ok %s, DY001 %s, DY002 %s, DY010 %s, unexpected %s; slowest %s ms (case %s); in-transaction memory growth %s bytes; %s s',
				  pass, batch, lo, hi, n, n_ok, n_001, n_002, n_010, n_bad,
				  round(max_ms, 1), max_id, growth,
				  round(extract(epoch FROM clock_timestamp() - t_start)::numeric, 2));
END $$;
