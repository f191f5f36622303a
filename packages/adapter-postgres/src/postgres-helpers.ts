import type { PoolClient } from 'pg';

/**
 * Bump when the functions below change: sessions compare it with the helper schema's comment
 * and reinstall only when it differs, so a normal run takes no lock and writes no catalog row.
 */
export const HELPERS_VERSION = 'strata helpers v5';

const NUMBER = String.raw`^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$`;
const SPECIAL_FLOAT = String.raw`^\s*[+-]?(nan|inf|infinity)\s*$`;
const DATETIME = String.raw`^\s*\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{1,2}(:\d{1,2}(\.\d+)?)?)?\s*(Z|[+-]\d{1,2}(:?\d{2})?)?\s*$`;

/**
 * The helper functions, in a schema of their own that sessions put first on `search_path`.
 *
 * - `safe_cast(value, null::type)`: Postgres has no `try_cast`. Text is checked against the
 *   formats DuckDB's `try_cast` accepts (numbers, `true/false/t/f/yes/no/y/n/1/0`, ISO dates
 *   and timestamps) before the cast, so `'01/02/2024'` is NULL on both engines; text to an
 *   integer goes through numeric, so `'12.5'` is 13 as on DuckDB; `nan` and `inf` are doubles (not
 *   numerics), as there; any cast error is NULL.
 * - `safe_cast_numeric(value, precision, scale)`: `safe_cast` to `numeric(precision, scale)`, NULL
 *   when the value does not fit (the cast outside the helper would fail with "numeric field
 *   overflow"; DuckDB's try_cast gives NULL).
 * - `round(double precision, integer)`: missing from Postgres (it only rounds numeric to
 *   digits); computed as DuckDB does, `round_half_away(x * 10^d) / 10^d` in floating point.
 * - `round(double precision)`: half away from zero like DuckDB and BigQuery; Postgres's own
 *   rounds half to even (it shadows `pg_catalog.round` because the schema comes first).
 * - `strptime_parts(regexp_match(text, re), 'Y,m,d')`: the timestamp of a strptime match (see
 *   strptime.ts), validated by `make_timestamp` (a day 30 of February is NULL), defaults
 *   1900-01-01 00:00:00 as in DuckDB; with `%z` it is the UTC wall time.
 *
 * `safe_cast` and `strptime_parts` turn errors into NULL with an EXCEPTION block, which opens a
 * subtransaction on every call — something no process may do while a query runs in parallel
 * ("cannot start subtransactions during a parallel operation", from ~100k rows up, when the
 * planner starts parallel scans). They are PARALLEL UNSAFE, so queries using them run serially.
 */
export function helperFunctionsSql(schema: string): string[] {
  const s = `"${schema}"`;
  const halfAway = (x: string) => `(trunc(${x}) + case when abs(${x} - trunc(${x})) >= 0.5 then sign(${x}) else 0 end)`;
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE OR REPLACE FUNCTION ${s}.safe_cast(value anycompatible, target anyelement)
RETURNS anyelement LANGUAGE plpgsql STABLE PARALLEL UNSAFE AS $fn$
DECLARE
  t regtype := pg_typeof(target);
  s text;
BEGIN
  IF value IS NULL THEN RETURN NULL; END IF;
  IF pg_typeof(value) NOT IN ('text'::regtype, 'character varying'::regtype, 'character'::regtype) THEN
    target := value;
    RETURN target;
  END IF;
  s := value::text;
  IF t IN ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype) THEN
    IF s !~ '${NUMBER}' THEN RETURN NULL; END IF;
    target := s::numeric;
  ELSIF t IN ('double precision'::regtype, 'real'::regtype) THEN
    IF s !~ '${NUMBER}' AND s !~* '${SPECIAL_FLOAT}' THEN RETURN NULL; END IF;
    target := s;
  ELSIF t = 'numeric'::regtype THEN
    IF s !~ '${NUMBER}' THEN RETURN NULL; END IF;
    target := s;
  ELSIF t = 'boolean'::regtype THEN
    IF lower(s) NOT IN ('true', 'false', 't', 'f', 'yes', 'no', 'y', 'n', '1', '0') THEN RETURN NULL; END IF;
    target := s;
  ELSIF t IN ('date'::regtype, 'timestamp without time zone'::regtype, 'timestamp with time zone'::regtype) THEN
    IF s !~ '${DATETIME}' THEN RETURN NULL; END IF;
    target := s;
  ELSE
    target := s;
  END IF;
  RETURN target;
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$fn$`,
    `CREATE OR REPLACE FUNCTION ${s}.safe_cast_numeric(value anycompatible, "precision" integer, scale integer)
RETURNS numeric LANGUAGE plpgsql STABLE PARALLEL UNSAFE AS $fn$
DECLARE
  n numeric := ${s}.safe_cast(value, null::numeric);
BEGIN
  IF n IS NULL OR abs(round(n, scale)) >= 10::numeric ^ ("precision" - scale) THEN RETURN NULL; END IF;
  RETURN round(n, scale);
END
$fn$`,
    `CREATE OR REPLACE FUNCTION ${s}.round(value double precision)
RETURNS double precision LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
  SELECT ${halfAway('value')}
$fn$`,
    `CREATE OR REPLACE FUNCTION ${s}.round(value double precision, digits integer)
RETURNS double precision LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
  SELECT CASE WHEN digits >= 0
    THEN ${halfAway('(value * power(10::float8, digits))')} / power(10::float8, digits)
    ELSE ${halfAway('(value / power(10::float8, -digits))')} * power(10::float8, -digits) END
$fn$`,
    `CREATE OR REPLACE FUNCTION ${s}.strptime_parts(m text[], spec text)
RETURNS timestamp LANGUAGE plpgsql IMMUTABLE PARALLEL UNSAFE AS $fn$
DECLARE
  fields text[] := string_to_array(spec, ',');
  months text[] := ARRAY['jan','feb','mar','apr','may','jun','jul','aug','sep','oct','nov','dec'];
  full_months text[] := ARRAY['january','february','march','april','may','june','july','august','september','october','november','december'];
  y int := 1900; mo int := 1; d int := 1; h int := 0; mi int := 0; s int := 0; us int := 0;
  day_of_year int; pm int; offset_minutes int := 0; v text; ts timestamp;
BEGIN
  IF m IS NULL THEN RETURN NULL; END IF;
  FOR i IN 1 .. coalesce(array_length(fields, 1), 0) LOOP
    v := lower(m[i]);
    CASE fields[i]
      WHEN 'Y' THEN y := v::int;
      WHEN 'y' THEN y := v::int; y := CASE WHEN y < 69 THEN 2000 + y ELSE 1900 + y END;
      WHEN 'm' THEN mo := v::int;
      WHEN 'd' THEN d := v::int;
      WHEN 'H' THEN h := v::int;
      WHEN 'I' THEN h := v::int; IF h < 1 OR h > 12 THEN RETURN NULL; END IF;
      WHEN 'M' THEN mi := v::int;
      WHEN 'S' THEN s := v::int;
      WHEN 'p' THEN pm := CASE WHEN v = 'pm' THEN 12 ELSE 0 END;
      WHEN 'b' THEN mo := array_position(months, v);
      WHEN 'B' THEN mo := array_position(full_months, v);
      WHEN 'j' THEN day_of_year := v::int;
      WHEN 'f' THEN us := rpad(v, 6, '0')::int;
      WHEN 'g' THEN us := rpad(v, 3, '0')::int * 1000;
      WHEN 'n' THEN us := rpad(v, 9, '0')::bigint / 1000;
      WHEN 'z' THEN
        offset_minutes := (substr(v, 2, 2)::int * 60 + coalesce(nullif(substr(replace(v, ':', ''), 4, 2), '')::int, 0))
          * CASE WHEN left(v, 1) = '-' THEN -1 ELSE 1 END;
    END CASE;
  END LOOP;
  IF mo IS NULL THEN RETURN NULL; END IF;
  IF pm IS NOT NULL THEN h := h % 12 + pm; END IF;
  IF day_of_year IS NOT NULL THEN
    IF day_of_year < 1 OR day_of_year > extract(doy FROM make_date(y, 12, 31)) THEN RETURN NULL; END IF;
    ts := make_timestamp(y, 1, 1, h, mi, s + us / 1e6) + (day_of_year - 1) * interval '1 day';
  ELSE
    ts := make_timestamp(y, mo, d, h, mi, s + us / 1e6);
  END IF;
  RETURN ts - offset_minutes * interval '1 minute';
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$fn$`,
    `COMMENT ON SCHEMA ${s} IS '${HELPERS_VERSION}'`,
  ];
}

/**
 * Installs the helper functions unless the schema already carries this version. Concurrent
 * runs serialise on an advisory lock (two `CREATE OR REPLACE FUNCTION` at once can fail with
 * "tuple concurrently updated").
 */
export async function installHelpers(client: PoolClient, schema: string): Promise<void> {
  const current = async () =>
    (await client.query<{ comment: string | null }>('SELECT obj_description(oid, $$pg_namespace$$) AS comment FROM pg_namespace WHERE nspname = $1', [schema])).rows[0]?.comment;
  if ((await current()) === HELPERS_VERSION) return;
  await client.query('BEGIN');
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('strata_helpers'))");
    if ((await current()) !== HELPERS_VERSION) for (const statement of helperFunctionsSql(schema)) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
