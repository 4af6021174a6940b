/* dynamo_ext--0.1.sql: DynamoDB tables, items and operations */

\echo Use "CREATE EXTENSION dynamo_ext" to load this file. \quit

------------------------------------------------------------------------
-- Catalog
------------------------------------------------------------------------

-- schema dynamo: the catalog; written only by our C code, as its owner
CREATE SCHEMA dynamo;
GRANT USAGE ON SCHEMA dynamo TO PUBLIC;

-- schema dynamo_data: one backing table per DynamoDB table, owned by the
-- role that created it.  Roles that may create DynamoDB tables need
-- GRANT CREATE ON SCHEMA dynamo_data TO <role>.
CREATE SCHEMA dynamo_data;
GRANT USAGE ON SCHEMA dynamo_data TO PUBLIC;

CREATE SEQUENCE dynamo.table_id_seq;

CREATE TABLE dynamo.tables (
    table_name              text COLLATE "C" PRIMARY KEY,
    table_id                bigint NOT NULL UNIQUE,
    table_uuid              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
    backing_schema          name NOT NULL,
    backing_name            name NOT NULL,
    hash_key                text NOT NULL,
    hash_type               "char" NOT NULL CHECK (hash_type IN ('S', 'N', 'B')),
    range_key               text,
    range_type              "char" CHECK (range_type IN ('S', 'N', 'B')),
    key_schema              jsonb NOT NULL,
    attribute_definitions   jsonb NOT NULL,
    billing_mode            text NOT NULL,
    provisioned_throughput  jsonb,
    status                  text NOT NULL DEFAULT 'ACTIVE',
    created_at              timestamptz NOT NULL DEFAULT pg_catalog.now(),
    owner_role              name NOT NULL,
    UNIQUE (backing_schema, backing_name)
);
COMMENT ON TABLE dynamo.tables IS
    'dynamo_ext catalog: one row per DynamoDB table and its backing table';

GRANT SELECT ON dynamo.tables TO PUBLIC;
GRANT SELECT ON dynamo.table_id_seq TO PUBLIC;

-- secondary indexes: each is a (partial, expression) index of the backing table
CREATE TABLE dynamo.indexes (
    table_name              text COLLATE "C" NOT NULL,
    index_name              text COLLATE "C" NOT NULL,
    is_global               boolean NOT NULL,
    hash_key                text NOT NULL,
    hash_type               "char" NOT NULL CHECK (hash_type IN ('S', 'N', 'B')),
    range_key               text,
    range_type              "char" CHECK (range_type IN ('S', 'N', 'B')),
    key_schema              jsonb NOT NULL,
    projection              jsonb NOT NULL,
    provisioned_throughput  jsonb,
    status                  text NOT NULL,
    pg_index_name           name NOT NULL,
    index_id                bigint NOT NULL UNIQUE DEFAULT pg_catalog.nextval('dynamo.table_id_seq'),
    worker_pid              integer,
    violations              bigint NOT NULL DEFAULT 0,
    last_error              text,
    created_at              timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (table_name, index_name)
);
COMMENT ON TABLE dynamo.indexes IS 'dynamo_ext catalog: local and global secondary indexes';
GRANT SELECT ON dynamo.indexes TO PUBLIC;

-- ClientRequestToken of TransactWriteItems, remembered for 10 minutes
CREATE TABLE dynamo.idempotency_tokens (
    token           text COLLATE "C" PRIMARY KEY,
    request_hash    text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE dynamo.idempotency_tokens IS
    'dynamo_ext: TransactWriteItems client request tokens (10-minute window)';

-- data-model history: every change to a table's model, with its reason
CREATE TABLE dynamo.model_history (
    id          bigint PRIMARY KEY DEFAULT pg_catalog.nextval('dynamo.table_id_seq'),
    at          timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    table_name  text COLLATE "C" NOT NULL,
    change      text NOT NULL,
    actor       name NOT NULL,
    reason      text,
    detail      jsonb
);
GRANT SELECT ON dynamo.model_history TO PUBLIC;

-- versioned, reversible migrations per table
CREATE TABLE dynamo.migrations (
    table_name      text COLLATE "C" NOT NULL,
    version         text NOT NULL,
    version_key     integer[] NOT NULL,
    description     text NOT NULL DEFAULT '',
    up              jsonb NOT NULL,
    down            jsonb NOT NULL,
    status          text NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'applied', 'failed', 'rolled_back')),
    applied_at      timestamptz,
    duration        interval,
    items_touched   bigint NOT NULL DEFAULT 0,
    last_error      text,
    registered_at   timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (table_name, version)
);
GRANT SELECT ON dynamo.migrations TO PUBLIC;

-- background jobs (bulk updates), each batch its own transaction
CREATE TABLE dynamo.jobs (
    id              bigint PRIMARY KEY DEFAULT pg_catalog.nextval('dynamo.table_id_seq'),
    kind            text NOT NULL,
    table_name      text COLLATE "C" NOT NULL,
    request         jsonb NOT NULL,
    status          text NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'paused', 'done', 'failed', 'cancelled')),
    run_as          name NOT NULL,
    batch_size      integer NOT NULL,
    rate_limit      double precision,
    items_total     bigint,
    items_done      bigint NOT NULL DEFAULT 0,
    items_touched   bigint NOT NULL DEFAULT 0,
    checkpoint      jsonb,
    worker_pid      integer,
    started_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    finished_at     timestamptz,
    last_error      text
);
GRANT SELECT ON dynamo.jobs TO PUBLIC;

-- lazy upgrades of entities on read and write
CREATE TABLE dynamo.upgrades (
    table_name      text COLLATE "C" NOT NULL,
    entity_filter   text NOT NULL,
    from_version    integer NOT NULL,
    to_version      integer NOT NULL CHECK (to_version = from_version + 1),
    upgrade         regprocedure NOT NULL,
    filter_values   jsonb,
    registered_at   timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (table_name, entity_filter, from_version)
);
GRANT SELECT ON dynamo.upgrades TO PUBLIC;

-- live moves to a new key design (the six steps)
CREATE TABLE dynamo.moves (
    id              bigint PRIMARY KEY DEFAULT pg_catalog.nextval('dynamo.table_id_seq'),
    source          text COLLATE "C" NOT NULL,
    target          text COLLATE "C" NOT NULL,
    archive_name    text COLLATE "C",
    transform       regprocedure NOT NULL,
    inverse         regprocedure,
    phase           text NOT NULL DEFAULT 'dual_write'
                    CHECK (phase IN ('dual_write', 'backfill', 'validate', 'read_switch',
                                     'cutover', 'archive', 'done', 'rolled_back')),
    state           text NOT NULL DEFAULT 'ready'
                    CHECK (state IN ('running', 'ready', 'failed')),
    job_id          bigint,
    items_checked   bigint NOT NULL DEFAULT 0,
    mismatches      bigint NOT NULL DEFAULT 0,
    samples         jsonb,
    last_error      text,
    started_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at      timestamptz NOT NULL DEFAULT pg_catalog.now()
);
GRANT SELECT ON dynamo.moves TO PUBLIC;

-- the source table of a finished move, in DynamoDB's export format
CREATE TABLE dynamo.move_archive (
    move_id         bigint NOT NULL,
    line_no         bigint NOT NULL,
    line            text NOT NULL,
    PRIMARY KEY (move_id, line_no)
);
GRANT SELECT ON dynamo.move_archive TO PUBLIC;

SELECT pg_catalog.pg_extension_config_dump('dynamo.tables', '');
SELECT pg_catalog.pg_extension_config_dump('dynamo.moves', '');
SELECT pg_catalog.pg_extension_config_dump('dynamo.move_archive', '');
SELECT pg_catalog.pg_extension_config_dump('dynamo.model_history', '');
SELECT pg_catalog.pg_extension_config_dump('dynamo.migrations', '');
SELECT pg_catalog.pg_extension_config_dump('dynamo.jobs', '');
SELECT pg_catalog.pg_extension_config_dump('dynamo.upgrades', '');
SELECT pg_catalog.pg_extension_config_dump('dynamo.idempotency_tokens', '');
SELECT pg_catalog.pg_extension_config_dump('dynamo.indexes', '');
SELECT pg_catalog.pg_extension_config_dump('dynamo.table_id_seq', '');

------------------------------------------------------------------------
-- Wire-shaped functions: DynamoDB's request and response bodies
------------------------------------------------------------------------

CREATE FUNCTION dyn_create_table(request jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_create_table' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_create_table(jsonb) IS 'DynamoDB CreateTable';

CREATE FUNCTION dyn_describe_table(request jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_describe_table' LANGUAGE C STABLE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_describe_table(jsonb) IS 'DynamoDB DescribeTable';

CREATE FUNCTION dyn_list_tables(request jsonb DEFAULT '{}') RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_list_tables' LANGUAGE C STABLE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_list_tables(jsonb) IS 'DynamoDB ListTables';

CREATE FUNCTION dyn_update_table(request jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_update_table' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_update_table(jsonb) IS
    'DynamoDB UpdateTable; a new global secondary index is built online by a background worker';

CREATE FUNCTION dyn_delete_table(request jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_delete_table' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_delete_table(jsonb) IS 'DynamoDB DeleteTable';

CREATE FUNCTION dyn_put_item(request jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_put_item' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_put_item(jsonb) IS 'DynamoDB PutItem';

CREATE FUNCTION dyn_get_item(request jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_get_item' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_get_item(jsonb) IS 'DynamoDB GetItem (always strongly consistent)';

CREATE FUNCTION dyn_update_item(request jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_update_item' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_update_item(jsonb) IS 'DynamoDB UpdateItem';

CREATE FUNCTION dyn_query(request jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_query_request' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_query(jsonb) IS 'DynamoDB Query (one page)';

CREATE FUNCTION dyn_scan(request jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_scan_request' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_scan(jsonb) IS 'DynamoDB Scan (one page)';

CREATE FUNCTION dyn_batch_get_item(request jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_batch_get_item' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_batch_get_item(jsonb) IS 'DynamoDB BatchGetItem';

CREATE FUNCTION dyn_batch_write_item(request jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_batch_write_item' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_batch_write_item(jsonb) IS 'DynamoDB BatchWriteItem (all or nothing)';

CREATE FUNCTION dyn_transact_write_items(request jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_transact_write_items' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_transact_write_items(jsonb) IS 'DynamoDB TransactWriteItems';

CREATE FUNCTION dyn_transact_get_items(request jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_transact_get_items' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_transact_get_items(jsonb) IS 'DynamoDB TransactGetItems (one snapshot)';

CREATE FUNCTION dyn_delete_item(request jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_delete_item' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_delete_item(jsonb) IS 'DynamoDB DeleteItem';

------------------------------------------------------------------------
-- Dispatchers
------------------------------------------------------------------------

CREATE FUNCTION dyn_execute(operation text, request jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_execute' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_execute(text, jsonb) IS
    'Run the DynamoDB operation named by operation (for example ''PutItem'')';

CREATE FUNCTION dyn_execute_text(operation text, request text) RETURNS text
    AS 'MODULE_PATHNAME', 'dyn_execute_text' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_execute_text(text, text) IS
    'Run a DynamoDB operation on the exact JSON text of its wire protocol (carries U+0000)';

------------------------------------------------------------------------
-- App-friendly forms: plain JSON in and out
------------------------------------------------------------------------

CREATE FUNCTION dyn_put(table_name text, item jsonb) RETURNS void
    AS 'MODULE_PATHNAME', 'dyn_put' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_put(text, jsonb) IS 'PutItem of a plain JSON item';

CREATE FUNCTION dyn_get(table_name text, key jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_get' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_get(text, jsonb) IS 'GetItem by a plain JSON key; NULL when absent';

CREATE FUNCTION dyn_delete(table_name text, key jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_delete' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_delete(text, jsonb) IS 'DeleteItem by a plain JSON key; returns the deleted item';

CREATE FUNCTION dyn_query(table_name text, key_condition text, "values" jsonb DEFAULT NULL,
                          filter text DEFAULT NULL, projection text DEFAULT NULL,
                          index_name text DEFAULT NULL, "limit" integer DEFAULT NULL,
                          forward boolean DEFAULT NULL, names jsonb DEFAULT NULL)
    RETURNS TABLE (item jsonb)
    AS 'MODULE_PATHNAME', 'dyn_query' LANGUAGE C VOLATILE PARALLEL UNSAFE ROWS 100;
COMMENT ON FUNCTION dyn_query(text, text, jsonb, text, text, text, integer, boolean, jsonb) IS
    'Query as rows of plain items: every page, at most "limit" rows, newest first when forward is false';

CREATE FUNCTION dyn_scan(table_name text, filter text DEFAULT NULL, "values" jsonb DEFAULT NULL,
                         projection text DEFAULT NULL, index_name text DEFAULT NULL,
                         "limit" integer DEFAULT NULL, names jsonb DEFAULT NULL)
    RETURNS TABLE (item jsonb)
    AS 'MODULE_PATHNAME', 'dyn_scan' LANGUAGE C VOLATILE PARALLEL UNSAFE ROWS 1000;
COMMENT ON FUNCTION dyn_scan(text, text, jsonb, text, text, integer, jsonb) IS
    'Scan as rows of plain items: every page, at most "limit" rows';

CREATE FUNCTION dyn_index_violations(table_name text, index_name text)
    RETURNS TABLE (key jsonb)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t record;
    x record;
BEGIN
    SELECT * INTO t FROM dynamo.tables AS d WHERE d.table_name = dyn_index_violations.table_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'DY004', MESSAGE = 'Requested resource not found';
    END IF;
    SELECT * INTO x FROM dynamo.indexes AS i
     WHERE i.table_name = t.table_name AND i.index_name = dyn_index_violations.index_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'DY001',
            MESSAGE = format('The table does not have the specified index: %s', dyn_index_violations.index_name);
    END IF;
    RETURN QUERY EXECUTE format(
        'SELECT jsonb_strip_nulls(jsonb_build_object(%L, item -> %L, %L, item -> %L)) FROM %I.%I '
        'WHERE (item ? %L AND NOT (item -> %L) ? %L) OR (%L IS NOT NULL AND item ? %L AND NOT (item -> %L) ? %L)',
        t.hash_key, t.hash_key, coalesce(t.range_key, t.hash_key), coalesce(t.range_key, t.hash_key),
        t.backing_schema, t.backing_name,
        x.hash_key, x.hash_key, x.hash_type::text,
        x.range_key, coalesce(x.range_key, ''), coalesce(x.range_key, ''), coalesce(x.range_type::text, ''));
END
$$;
COMMENT ON FUNCTION dyn_index_violations(text, text) IS
    'Keys of the items left out of an index because an index key attribute has the wrong type';

------------------------------------------------------------------------
-- Migrations: versioned steps, bulk update jobs, lazy upgrades, history
------------------------------------------------------------------------

CREATE FUNCTION dyn_migration_register(table_name text, version text, description text,
                                       up jsonb, down jsonb) RETURNS void
    AS 'MODULE_PATHNAME', 'dyn_migration_register' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_migration_register(text, text, text, jsonb, jsonb) IS
    'Register a versioned, reversible migration step: up and down are arrays of actions';

CREATE FUNCTION dyn_migrate(table_name text, version text DEFAULT NULL)
    RETURNS TABLE (version text, direction text, status text, message text)
    AS 'MODULE_PATHNAME', 'dyn_migrate' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_migrate(text, text) IS
    'Apply pending steps up to version (latest when NULL), or roll back down to it';

CREATE FUNCTION dyn_migrations(table_name text)
    RETURNS TABLE (version text, description text, status text, applied_at timestamptz,
                   duration interval, items_touched bigint, last_error text)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT m.version, m.description, m.status, m.applied_at, m.duration, m.items_touched,
           m.last_error
    FROM dynamo.migrations m WHERE m.table_name = $1 ORDER BY m.version_key
$$;
COMMENT ON FUNCTION dyn_migrations(text) IS 'The migration steps of a table and their status';

CREATE FUNCTION dyn_bulk_update(request jsonb) RETURNS bigint
    AS 'MODULE_PATHNAME', 'dyn_bulk_update' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_bulk_update(jsonb) IS
    'Start a background job applying an UpdateExpression to every (filtered) item; returns its id';

CREATE FUNCTION dyn_job_pause(id bigint) RETURNS void
    AS 'MODULE_PATHNAME', 'dyn_job_pause' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
CREATE FUNCTION dyn_job_resume(id bigint) RETURNS void
    AS 'MODULE_PATHNAME', 'dyn_job_resume' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
CREATE FUNCTION dyn_job_cancel(id bigint) RETURNS void
    AS 'MODULE_PATHNAME', 'dyn_job_cancel' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_job_pause(bigint) IS 'Pause a job after its current batch';
COMMENT ON FUNCTION dyn_job_resume(bigint) IS
    'Resume a paused job, or one whose worker died (server restart)';
COMMENT ON FUNCTION dyn_job_cancel(bigint) IS 'Cancel a job after its current batch';

CREATE VIEW dyn_jobs AS
    SELECT j.id, j.kind, j.table_name AS "table", j.status, j.items_done, j.items_total,
           j.items_touched,
           CASE WHEN j.updated_at > j.started_at
                THEN round((j.items_done / extract(epoch FROM (j.updated_at - j.started_at)))::numeric, 1)
           END AS rate,
           CASE WHEN j.status = 'running' AND j.items_done > 0 AND j.items_total > j.items_done
                     AND j.updated_at > j.started_at
                THEN (j.updated_at - j.started_at) * ((j.items_total - j.items_done)::float8 / j.items_done)
           END AS eta,
           j.last_error, j.started_at, j.updated_at, j.finished_at
    FROM dynamo.jobs j;
COMMENT ON VIEW dyn_jobs IS 'Background jobs: progress (items/s, ETA) and status';
GRANT SELECT ON dyn_jobs TO PUBLIC;

CREATE FUNCTION dyn_register_upgrade(table_name text, entity_filter text, from_version integer,
                                     to_version integer, upgrade regprocedure,
                                     "values" jsonb DEFAULT NULL) RETURNS void
    AS 'MODULE_PATHNAME', 'dyn_register_upgrade' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_register_upgrade(text, text, integer, integer, regprocedure, jsonb) IS
    'Upgrade items matching entity_filter (with :placeholders from plain JSON values) from schema version k to k+1 lazily, on read and write';

CREATE FUNCTION dyn_move_start(request jsonb) RETURNS bigint
    AS 'MODULE_PATHNAME', 'dyn_move_start' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_move_start(jsonb) IS
    'Start a live move to a new key design: {"SourceTable", "Target" (CreateTable request), "Transform", optional "Inverse"}';

CREATE FUNCTION dyn_move_advance(id bigint, phase text DEFAULT NULL) RETURNS text
    AS 'MODULE_PATHNAME', 'dyn_move_advance' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_move_advance(bigint, text) IS
    'Advance a move to its next phase (dual_write, backfill, validate, read_switch, cutover, archive, done)';

CREATE FUNCTION dyn_move_rollback(id bigint) RETURNS void
    AS 'MODULE_PATHNAME', 'dyn_move_rollback' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION dyn_move_rollback(bigint) IS
    'Undo a move before its archive phase: the source table is left as if it had not started';

CREATE FUNCTION dyn_move_export(id bigint) RETURNS SETOF text
    LANGUAGE sql STABLE STRICT
    SET search_path = pg_catalog, pg_temp
AS $$ SELECT line FROM dynamo.move_archive WHERE move_id = $1 ORDER BY line_no $$;
COMMENT ON FUNCTION dyn_move_export(bigint) IS
    'The archived source table of a move: DynamoDB export format, one {"Item": ...} per line';

CREATE VIEW dyn_moves AS
    SELECT m.id, m.source, m.target, m.phase,
           CASE WHEN m.phase = 'backfill' AND m.state = 'running' AND j.status = 'done' THEN 'ready'
                WHEN m.phase = 'backfill' AND j.status IN ('failed', 'cancelled') THEN 'failed'
                ELSE m.state END AS state,
           CASE WHEN j.items_total > 0
                THEN round(100.0 * j.items_done / j.items_total, 1) END AS progress,
           m.mismatches, m.samples,
           CASE WHEN m.phase = 'backfill' AND j.status IN ('failed', 'cancelled')
                THEN coalesce(j.last_error, m.last_error) ELSE m.last_error END AS last_error,
           m.started_at, m.updated_at
    FROM dynamo.moves m LEFT JOIN dynamo.jobs j ON j.id = m.job_id;
COMMENT ON VIEW dyn_moves IS 'Live moves: phase, state (running, ready, failed), progress, mismatches';
GRANT SELECT ON dyn_moves TO PUBLIC;

CREATE VIEW dyn_model_history AS
    SELECT h.id, h.at, h.table_name AS "table", h.change, h.actor, h.reason, h.detail
    FROM dynamo.model_history h;
COMMENT ON VIEW dyn_model_history IS
    'Every change to a table''s data model, with time, role and reason (SET dynamo_ext.reason)';
GRANT SELECT ON dyn_model_history TO PUBLIC;

CREATE FUNCTION dyn_marshall(value jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_marshall' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dyn_marshall(jsonb) IS
    'Plain JSON to DynamoDB typed JSON (an object becomes an item)';

CREATE FUNCTION dyn_unmarshall(item jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'dyn_unmarshall' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dyn_unmarshall(jsonb) IS 'DynamoDB typed item to plain JSON';
