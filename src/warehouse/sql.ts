/**
 * Every SQL statement of the warehouse, in one place. Values are always bound parameters
 * (`$1`, `$2`, ...); identifiers (table and column names, which come from the user) are always
 * quoted with node-postgres' `escapeIdentifier`, never pasted in as they are.
 *
 * The push-down queries share one pipeline of common table expressions, the SQL twin of
 * `toTransactions` then `cleanTransactions`:
 *
 * - `canonical`: the source's rows as the canonical columns, typed and normalised as the loader
 *   does (customer IDs trimmed, `12346.0` as `12346`, blanks as NULL; country trimmed); exact
 *   arithmetic (integer or numeric quantities, numeric prices); timestamps truncated to
 *   milliseconds like `Datetime(ms)`;
 * - `distinct_rows`: each distinct row once with its number of `copies` (all columns compared,
 *   unmapped ones included): the first copy goes on to the other rules, the rest are `duplicate`;
 * - `lines`: each distinct row with the first rule it meets (`rule`), in the order of
 *   `CLEANING_RULES`, or `customer_line`.
 *
 * `$1` is always the whitespace the loader trims (polars' `str.strip`, Unicode White_Space).
 */
import { pgDriver } from "./driver";

/** A source column as the push-down sees it: its name and the kind of its PostgreSQL type. */
export interface SqlColumn {
  name: string;
  kind: ColumnKind;
}

/** PostgreSQL types, by how the warehouse reads them. */
export type ColumnKind = "text" | "integer" | "decimal" | "float" | "timestamp" | "timestamptz" | "date" | "boolean" | "other";

/** Source columns mapped onto the canonical transaction columns, plus the unmapped ones. */
export interface CanonicalShape {
  /** the SELECT that yields the source rows (a table's `SELECT *`, or the user's query) */
  source: string;
  /** canonical column -> source column (absent when the source has none) */
  columns: Partial<Record<"invoice" | "stockCode" | "description" | "quantity" | "invoiceDate" | "unitPrice" | "customerId" | "country", SqlColumn>>;
  /** source columns no mapping used: compared by the duplicate rule, like the loader's extra text columns */
  extras: SqlColumn[];
}

/** Whitespace as polars' `str.strip` trims it (Rust's `char::is_whitespace`): bound as `$1`. */
export const WHITESPACE = "\t\n\u000b\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

/** A quoted identifier: `sales` -> `"sales"`, `we"ird` -> `"we""ird"`. */
export const ident = (name: string): string => pgDriver().escapeIdentifier(name);

/** A quoted, possibly schema-qualified name from its parts: `["public", "sales"]` -> `"public"."sales"`. */
export function qualified(parts: string[]): string {
  return parts.map(ident).join(".");
}

/** The typed snake_case layout of a transactions table (see src/warehouse/load.ts), in canonical column order. */
export const TRANSACTION_TABLE_COLUMNS = [
  ["invoice_no", "text"],
  ["stock_code", "text"],
  ["description", "text"],
  ["quantity", "integer"],
  ["invoice_date", "timestamp"],
  ["unit_price", "numeric"],
  ["customer_id", "text"],
  ["country", "text"],
] as const;

/** `CREATE TABLE` of the typed layout; `numericQuantity` for fractional quantities. */
export function createTransactionsTable(parts: string[], numericQuantity = false): string {
  const cols = TRANSACTION_TABLE_COLUMNS.map(([c, t]) => `  ${c} ${c === "quantity" && numericQuantity ? "numeric" : t}`);
  return `CREATE TABLE ${qualified(parts)} (\n${cols.join(",\n")}\n)`;
}

/** `COPY table FROM STDIN` in CSV, with or without a header line. */
export function copyInto(parts: string[], header: boolean): string {
  return `COPY ${qualified(parts)} FROM STDIN WITH (FORMAT csv${header ? ", HEADER true" : ""})`;
}

/** The rows of a table: `SELECT * FROM "schema"."table"`. */
export function tableSource(parts: string[]): string {
  return `SELECT * FROM ${qualified(parts)}`;
}

/**
 * The source's columns and types, no row read. `$1` is 0: a bound parameter makes the driver
 * use the extended protocol, which runs exactly one statement, so a query that tried to close
 * the parenthesis and append statements of its own fails here.
 */
export function describeSource(source: string): string {
  return `SELECT * FROM (${source}) AS source LIMIT $1::int`;
}

/** Opens the read-only transaction the in-memory read runs in. */
export const BEGIN_READ_ONLY = `BEGIN READ ONLY`;

/** A timestamp of any kind as a `timestamp` (naive: timestamptz in the session's TimeZone). */
function asTimestamp(column: SqlColumn): string {
  const c = ident(column.name);
  if (column.kind === "timestamptz") return `(${c} AT TIME ZONE current_setting('TimeZone'))`;
  if (column.kind === "date") return `${c}::timestamp`;
  return c;
}

/**
 * The source rows as CSV for `COPY ... TO STDOUT`, one field per source column in order:
 * timestamps as milliseconds since 1970-01-01 of their naive value (read back as Datetime(ms)),
 * text as text, everything else as PostgreSQL prints it (NULL as an empty field, an empty text
 * as `""`).
 */
export function copySourceOut(source: string, columns: SqlColumn[]): string {
  const fields = columns.map((c) => {
    if (["timestamp", "timestamptz", "date"].includes(c.kind)) return `floor(extract(epoch FROM ${asTimestamp(c)}) * 1000)::int8`;
    // ::text drops the padding of character(n), as the push-down's ::text does
    return c.kind === "text" ? `${ident(c.name)}::text` : ident(c.name);
  });
  return `COPY (SELECT ${fields.join(", ")} FROM (${source}) AS source) TO STDOUT WITH (FORMAT csv)`;
}

/** An unmapped column as the duplicate rule compares it: by value where the type has equality, else as text. */
function extraValue(column: SqlColumn): string {
  return column.kind === "other" ? `${ident(column.name)}::text` : ident(column.name);
}

/** Aliases of the unmapped columns inside the pipeline. */
const extraAlias = (i: number) => `extra_${i + 1}`;

/**
 * `text` with the loader's whitespace (`$1`) trimmed from both ends. The btrim over a multibyte
 * set is the costly part, so it runs only when an end character is whitespace.
 */
function trimmed(text: string): string {
  return `CASE WHEN strpos($1::text, left(${text}, 1)) = 0 AND strpos($1::text, right(${text}, 1)) = 0 THEN ${text} ELSE btrim(${text}, $1::text) END`;
}

/** Customer IDs as the loader writes them: trimmed, empty as NULL, `12346.0` as `12346` (the regular expression only where a dot is). */
function customerIdOf(text: string): string {
  const t = `NULLIF(${trimmed(text)}, '')`;
  return `CASE WHEN strpos(${text}, '.') > 0 THEN regexp_replace(${t}, '^(\\d+)\\.0+$', '\\1') ELSE ${t} END`;
}

/** True for an invoice starting with C once leading whitespace is trimmed (the trim only where the first character is whitespace). */
function isCancellationOf(text: string): string {
  return `(${text} LIKE 'C%' OR (strpos($1::text, left(${text}, 1)) > 0 AND ltrim(${text}, $1::text) LIKE 'C%'))`;
}

/** The `canonical` CTE (see the module comment), without the leading WITH. */
function canonicalCte(shape: CanonicalShape): string {
  const text = (name: keyof CanonicalShape["columns"]) => {
    const c = shape.columns[name];
    return c ? `${ident(c.name)}::text` : "NULL::text";
  };
  // exact arithmetic: a quantity stays integer or numeric (a double becomes the numeric of its
  // value); the price is numeric, so quantity x price is numeric and cannot overflow
  const quantity = shape.columns.quantity as SqlColumn;
  const price = shape.columns.unitPrice as SqlColumn;
  const exact = (c: SqlColumn, keep: ColumnKind[]) => (keep.includes(c.kind) ? ident(c.name) : `${ident(c.name)}::numeric`);
  const date = shape.columns.invoiceDate as SqlColumn;
  const extras = shape.extras.map((c, i) => `    ${extraValue(c)} AS ${extraAlias(i)},`);
  return `canonical AS (
  SELECT
    ${text("invoice")} AS invoice,
    ${text("stockCode")} AS stock_code,
    ${text("description")} AS description,
    ${exact(quantity, ["integer", "decimal"])} AS quantity,
    date_trunc('milliseconds', ${asTimestamp(date)}) AS invoice_date,
    ${exact(price, ["decimal"])} AS unit_price,
    ${shape.columns.customerId ? customerIdOf(text("customerId")) : "NULL::text"} AS customer_id,
    ${shape.columns.country ? `NULLIF(${trimmed(text("country"))}, '')` : "NULL::text"} AS country,
${extras.join("\n")}${extras.length ? "\n" : ""}    ${isCancellationOf(text("invoice"))} AS is_cancellation
  FROM (${shape.source}) AS source
)`;
}

/** The `canonical`, `distinct_rows` and `lines` CTEs (see the module comment), without the leading WITH. */
export function cleaningPipeline(shape: CanonicalShape): string {
  const extraKeys = shape.extras.map((_, i) => `, ${extraAlias(i)}`).join("");
  return `${canonicalCte(shape)},
distinct_rows AS (
  SELECT invoice, stock_code, description, quantity, invoice_date, unit_price, customer_id, country, is_cancellation,
         count(*) AS copies
  FROM canonical
  GROUP BY invoice, stock_code, description, quantity, invoice_date, unit_price, customer_id, country, is_cancellation${extraKeys}
),
lines AS (
  SELECT *,
    CASE
      WHEN is_cancellation THEN 'cancellation'
      WHEN quantity <= 0 THEN 'non_positive_quantity'
      WHEN unit_price <= 0 THEN 'non_positive_price'
      WHEN customer_id IS NULL THEN 'missing_customer'
      ELSE 'customer_line'
    END AS rule
  FROM distinct_rows
)`;
}

/**
 * The source's rows, and those the loader would refuse: NULL quantity, date or price; NaN or
 * infinite quantity or price. One row of counts; parameters: `$1` whitespace.
 */
export function invalidValues(shape: CanonicalShape): string {
  const notFinite = (c: string) => `count(*) FILTER (WHERE ${c}::float8 IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8))`;
  return `WITH ${canonicalCte(shape)}
SELECT count(*) AS rows,
       count(*) FILTER (WHERE quantity IS NULL) AS quantity_null,
       count(*) FILTER (WHERE invoice_date IS NULL) AS date_null,
       count(*) FILTER (WHERE unit_price IS NULL) AS price_null,
       ${notFinite("quantity")} AS quantity_not_finite,
       ${notFinite("unit_price")} AS price_not_finite
FROM canonical`;
}

/**
 * Cents as `rfmMeasures` rounds them. polars' `round(2)` multiplies the double by 100, rounds
 * half to even and divides by 100 (0.125 -> 0.12, 1.015 -> 101.49999999999999 -> 1.01); here the
 * exact `numeric` sum is converted once to the nearest double and rounded the same way
 * (PostgreSQL's `round(double precision)` is C's `rint`, half to even). `numeric` rather than
 * summing doubles: exact, and the same whatever order a parallel plan adds the rows in. The in-memory
 * double sum can differ from the exact one in its last bits; only a sum within those bits of a
 * half cent could round differently (none on the UCI data: the tests compare every customer).
 */
const cents = (exactSum: string) => `round((${exactSum})::float8 * 100) / 100`;

/**
 * One row per cleaning rule and customer (NULL for the anonymous lines): the distinct lines
 * under that rule, their `copies` in the source (so duplicates = copies - lines), and the RFM
 * measures of src/rfm/rfm.ts `rfmMeasures`, meaningful on the customer_line rows:
 *
 * - recency: the snapshot (the day after the last invoice day of the sales, i.e. the
 *   missing_customer and customer_line rows) minus the day of the customer's last purchase;
 * - frequency: distinct invoices (counted as groups of a first pass per invoice, which spares
 *   the sort a count(DISTINCT) needs);
 * - monetary: the exact sum of quantity x unit price, in cents (see `cents`);
 * - units: the sum of quantity.
 *
 * One scan gives both the cleaning report and RFM. Parameters: `$1` whitespace. Unsorted.
 */
export function customerSummary(shape: CanonicalShape): string {
  return `WITH ${cleaningPipeline(shape)},
per_invoice AS (
  SELECT rule, customer_id, invoice,
         count(*) AS lines,
         sum(copies) AS copies,
         max(invoice_date) AS last_time,
         sum(quantity * unit_price) AS amount,
         sum(quantity) AS units
  FROM lines
  GROUP BY rule, customer_id, invoice
),
per_customer AS (
  SELECT rule, customer_id,
         sum(lines) AS lines,
         sum(copies) AS copies,
         max(last_time)::date AS last_day,
         count(*) AS frequency,
         sum(amount) AS amount,
         sum(units) AS units
  FROM per_invoice
  GROUP BY rule, customer_id
)
SELECT rule, customer_id, lines, copies,
       (max(last_day) FILTER (WHERE rule IN ('missing_customer', 'customer_line')) OVER () + 1) - last_day AS recency,
       frequency,
       ${cents("amount")} AS monetary,
       units
FROM per_customer`;
}

/**
 * Customer features (src/features `customerFeatures` over the customer purchase lines and the
 * cancellation lines). Parameters: `$1` whitespace, `$2` the snapshot day (NULL: the day after
 * the last purchase day). Unsorted.
 */
export function customerFeatures(shape: CanonicalShape): string {
  const favourite = (part: string, alias: string) => `
  SELECT DISTINCT ON (customer_id) customer_id, ${alias}
  FROM (
    SELECT customer_id, ${part} AS ${alias}, count(DISTINCT invoice) AS invoices
    FROM purchases GROUP BY customer_id, ${alias}
  ) AS counted
  ORDER BY customer_id, invoices DESC, ${alias}`;
  return `WITH ${cleaningPipeline(shape)},
purchases AS (
  SELECT customer_id, invoice, stock_code, quantity, invoice_date, quantity * unit_price AS amount, invoice_date::date AS day
  FROM lines WHERE rule = 'customer_line'
),
snapshot AS (
  SELECT coalesce($2::date, max(day) + 1) AS day FROM purchases
),
returned AS (
  SELECT customer_id, sum(abs(quantity)) AS units_returned
  FROM lines WHERE rule = 'cancellation' AND customer_id IS NOT NULL
  GROUP BY customer_id
),
by_weekday AS (${favourite("extract(isodow FROM invoice_date)::int - 1", "weekday")}
),
by_hour AS (${favourite("extract(hour FROM invoice_date)::int", "hour")}
),
base AS (
  SELECT customer_id,
         (SELECT day FROM snapshot) - max(day) AS recency,
         count(DISTINCT invoice) AS frequency,
         ${cents("sum(amount)")} AS monetary,
         sum(quantity)::float8 AS units,
         count(DISTINCT stock_code) AS distinct_products,
         (SELECT day FROM snapshot) - min(day) AS tenure,
         coalesce(sum(amount) FILTER (WHERE extract(month FROM invoice_date) >= 10), 0) AS q4_amount,
         sum(amount) AS raw_amount
  FROM purchases
  GROUP BY customer_id
)
SELECT base.customer_id,
       recency,
       frequency,
       monetary,
       units,
       monetary / frequency AS avg_basket,
       distinct_products,
       coalesce(units_returned, 0)::float8 / units AS return_rate,
       tenure,
       weekday AS favourite_weekday,
       hour AS favourite_hour,
       CASE WHEN raw_amount > 0 THEN q4_amount::float8 / raw_amount::float8 ELSE 0 END AS q4_share
FROM base
LEFT JOIN returned USING (customer_id)
LEFT JOIN by_weekday USING (customer_id)
LEFT JOIN by_hour USING (customer_id)`;
}

/** Whether a stock code is a product (src/clean `isProductExpr`): `$2` the non-product codes, `$3` their prefixes. */
const IS_PRODUCT = `NOT (upper(btrim(stock_code, $1::text)) = ANY($2::text[])
         OR EXISTS (SELECT 1 FROM unnest($3::text[]) AS prefix WHERE starts_with(upper(btrim(stock_code, $1::text)), prefix)))`;

/**
 * Units and amount per stock code and sale day over the sales (missing_customer and
 * customer_line rows), with the product flag: the input `dailyProductUnits` needs, one row per
 * product-day. Parameters: `$1` whitespace, `$2` non-product codes, `$3` non-product prefixes.
 */
export function dailyProductSales(shape: CanonicalShape): string {
  return `WITH ${cleaningPipeline(shape)}
SELECT stock_code,
       (invoice_date::date - DATE '1970-01-01') AS day,
       ${IS_PRODUCT} AS is_product,
       sum(quantity) AS quantity
FROM lines
WHERE rule IN ('missing_customer', 'customer_line')
GROUP BY stock_code, day, is_product`;
}

/** The exact revenue (sum of quantity x unit price) per sale day, day as days since 1970-01-01. Parameters: `$1` whitespace. */
export function dailyRevenue(shape: CanonicalShape): string {
  return `WITH ${cleaningPipeline(shape)}
SELECT (invoice_date::date - DATE '1970-01-01') AS day,
       sum(quantity * unit_price)::float8 AS amount
FROM lines
WHERE rule IN ('missing_customer', 'customer_line')
GROUP BY day`;
}

/**
 * How far the source reaches: its rows, its latest timestamp (text), and how many rows are newer
 * than `$2` (a previous run's high-water mark, NULL for none). Parameters: `$1` whitespace.
 */
export function sourceExtent(shape: CanonicalShape): string {
  return `WITH ${canonicalCte(shape)}
SELECT count(*) AS rows,
       max(invoice_date)::text AS latest,
       count(*) FILTER (WHERE invoice_date > $2::timestamp) AS newer
FROM canonical`;
}

// ---------------------------------------------------------------------------------------------
// Write-back: schema retail_lab

/** The schema the refresh writes into. */
export const SCHEMA = "retail_lab";

/** The advisory lock that keeps refreshes one at a time (two int4 keys: "RL", 15). */
export const REFRESH_LOCK: [number, number] = [0x524c, 15];

/** Tables of the write-back, created on first use (each statement idempotent). */
export const CREATE_SCHEMA = [
  `CREATE SCHEMA IF NOT EXISTS retail_lab`,
  `CREATE SEQUENCE IF NOT EXISTS retail_lab.run_ids`,
  `CREATE TABLE IF NOT EXISTS retail_lab.runs (
  run_id          bigint PRIMARY KEY,
  started_at      timestamptz NOT NULL,
  finished_at     timestamptz NOT NULL,
  status          text NOT NULL CHECK (status IN ('succeeded', 'failed')),
  mode            text,
  rows_read       bigint,
  customers       integer,
  high_water_mark timestamp,
  options         jsonb NOT NULL,
  message         text
)`,
  `CREATE TABLE IF NOT EXISTS retail_lab.customer_segments (
  customer_id text PRIMARY KEY,
  recency     integer,
  frequency   integer NOT NULL,
  monetary    numeric NOT NULL,
  units       numeric NOT NULL,
  r           smallint,
  f           smallint,
  m           smallint,
  segment     text NOT NULL,
  volume      text NOT NULL,
  run_id      bigint NOT NULL REFERENCES retail_lab.runs (run_id)
)`,
  `CREATE TABLE IF NOT EXISTS retail_lab.segment_history (
  run_id      bigint NOT NULL REFERENCES retail_lab.runs (run_id),
  customer_id text NOT NULL,
  segment     text NOT NULL,
  r           smallint,
  f           smallint,
  m           smallint,
  PRIMARY KEY (run_id, customer_id)
)`,
];

/** True when the write-back tables exist. */
export const SCHEMA_EXISTS = `SELECT to_regclass('retail_lab.runs') IS NOT NULL
   AND to_regclass('retail_lab.customer_segments') IS NOT NULL
   AND to_regclass('retail_lab.segment_history') IS NOT NULL AS ready`;

/** Takes the refresh lock if free (no waiting): `$1`, `$2` the two keys. */
export const TRY_LOCK = `SELECT pg_try_advisory_lock($1::int, $2::int) AS locked`;

/** Releases the refresh lock. */
export const UNLOCK = `SELECT pg_advisory_unlock($1::int, $2::int)`;

/** The backend holding the refresh lock, and since when its session started (to name it in a message). */
export const LOCK_HOLDER = `SELECT a.pid, a.application_name, a.backend_start::text AS since
FROM pg_locks l JOIN pg_stat_activity a USING (pid)
WHERE l.locktype = 'advisory' AND l.classid = $1::int AND l.objid = $2::int AND l.granted
LIMIT 1`;

/** A new run id and the server's clock. */
export const NEW_RUN = `SELECT nextval('retail_lab.run_ids') AS run_id, clock_timestamp()::text AS started_at`;

/** The last succeeded run: what an incremental refresh compares the source against. */
export const LAST_SUCCEEDED_RUN = `SELECT run_id, rows_read, high_water_mark::text AS high_water_mark, options
FROM retail_lab.runs WHERE status = 'succeeded' ORDER BY run_id DESC LIMIT 1`;

/**
 * Records a run: `$1` run id, `$2` started at, `$3` status, `$4` mode, `$5` rows read,
 * `$6` customers, `$7` high-water mark, `$8` options (JSON), `$9` message. Finished now.
 */
export const INSERT_RUN = `INSERT INTO retail_lab.runs
  (run_id, started_at, finished_at, status, mode, rows_read, customers, high_water_mark, options, message)
VALUES ($1::bigint, $2::timestamptz, clock_timestamp(), $3::text, $4::text, $5::bigint, $6::integer, $7::timestamp, $8::jsonb, $9::text)`;

/** Transaction control. */
export const BEGIN = `BEGIN`;
export const COMMIT = `COMMIT`;
export const ROLLBACK = `ROLLBACK`;

/** Whether a connection still answers. */
export const PING = `SELECT 1`;

/** Opens the source snapshot every push-down query of a run reads: consistent, and unable to write. */
export const BEGIN_SNAPSHOT = `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`;

/** The push-down's memory per sort or hash before it spills to disk (this transaction only). */
export const SET_WORK_MEM = `SET LOCAL work_mem = '64MB'`;

/** How long the write waits for a table lock someone else holds before failing (this transaction only). */
export const SET_LOCK_TIMEOUT = `SET LOCAL lock_timeout = '30s'`;

/** The number of customers in the current segments. */
export const COUNT_SEGMENTS = `SELECT count(*) AS customers FROM retail_lab.customer_segments`;

/** `INSERT_RUN` for a failed run, unless the run is recorded already (its commit went through before the connection broke). */
export const INSERT_FAILED_RUN = `${INSERT_RUN}
ON CONFLICT (run_id) DO NOTHING
RETURNING run_id`;

/** Empties the current segments (inside the run's transaction: readers keep seeing the old rows until it commits). */
export const CLEAR_SEGMENTS = `DELETE FROM retail_lab.customer_segments`;

/**
 * Writes the segments of run `$1` from column arrays: `$2` customer ids, `$3` recency,
 * `$4` frequency, `$5` monetary (decimal text), `$6` units (decimal text), `$7`-`$9` R, F, M,
 * `$10` segment, `$11` volume.
 */
export const INSERT_SEGMENTS = `INSERT INTO retail_lab.customer_segments
  (customer_id, recency, frequency, monetary, units, r, f, m, segment, volume, run_id)
SELECT customer_id, recency, frequency, monetary, units, r, f, m, segment, volume, $1::bigint
FROM unnest($2::text[], $3::integer[], $4::integer[], $5::numeric[], $6::numeric[],
            $7::smallint[], $8::smallint[], $9::smallint[], $10::text[], $11::text[])
  AS s (customer_id, recency, frequency, monetary, units, r, f, m, segment, volume)`;

/** Marks the current segments as confirmed by run `$1` (an incremental run that found nothing new). */
export const CONFIRM_SEGMENTS = `UPDATE retail_lab.customer_segments SET run_id = $1::bigint`;

/** Appends the current segments to the history under run `$1`. */
export const APPEND_HISTORY = `INSERT INTO retail_lab.segment_history (run_id, customer_id, segment, r, f, m)
SELECT $1::bigint, customer_id, segment, r, f, m FROM retail_lab.customer_segments`;
