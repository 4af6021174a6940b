-- api_surface: pins the public API — every dyn_* function with its
-- arguments and result, and the views (DESIGN.md sections 1 and 5).
SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS arguments,
       pg_get_function_result(p.oid) AS result
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.proname LIKE 'dyn\_%' AND n.nspname = 'public'
ORDER BY p.proname, arguments;
SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname LIKE 'dyn\_%' AND n.nspname = 'public' ORDER BY 1;
-- no SECURITY DEFINER function without a pinned search_path
SELECT p.proname FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'dynamo_ext'
WHERE p.prosecdef AND NOT coalesce(array_to_string(p.proconfig, ',') LIKE '%search_path%', false);
