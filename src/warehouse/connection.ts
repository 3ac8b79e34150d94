/**
 * Connections to PostgreSQL (node-postgres `pg`) from a `postgresql://user:password@host:port/db`
 * URL. The password comes, as libpq takes it, from the URL, else `PGPASSWORD`, else the password
 * file (`PGPASSFILE`, default `~/.pgpass`, ignored unless its mode is 0600 or stricter). A password
 * never appears in a message: every place names the server by `redactUrl`.
 *
 * Failures become one sentence (`UserError`) saying what failed where and what to do; see
 * `databaseError`.
 */
import type { Client, ClientConfig } from "pg";
import { pgDriver } from "./driver";
import { parse } from "pg-connection-string";
import { UserError } from "../errors";

/** An open connection and the server it talks to, named without its password. */
export interface Db {
  client: Client;
  /** the URL without password, for messages and logs: `postgresql://user@host:port/db` */
  where: string;
  /** the connection's error once it has broken (the server went away, the backend was terminated) */
  broken?: Error;
}

/** How `connect` connects. */
export interface ConnectOptions {
  /** shown in pg_stat_activity (`application_name`); default "retail-lab" */
  applicationName?: string;
  /** give up connecting after this many milliseconds (default 10,000) */
  timeoutMs?: number;
}

// pgpass is the password-file reader node-postgres itself ships (CommonJS, no types)
const pgpass = require("pgpass") as (params: PasswordParams, cb: (password: string | undefined) => void) => void;

/** The connection parameters libpq matches a password file line against. */
export interface PasswordParams {
  host: string;
  port: number | string;
  database: string;
  user: string;
}

const URL_SHAPE = "postgresql://user[:password]@host[:port]/database";

/** True when the text is a PostgreSQL connection URL (`postgresql://` or `postgres://`). */
export function isDatabaseUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text.trim());
}

/**
 * The URL without its password (in the user part or a `password=` parameter), e.g.
 * `postgresql://shop:s3cret@db:5432/sales` -> `postgresql://shop@db:5432/sales`. Text that does
 * not parse as a URL is replaced whole, since a password in it could not be found reliably.
 */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "(a connection URL that does not parse)";
  }
  u.password = "";
  u.searchParams.delete("password");
  return u.toString();
}

/**
 * The text with every PostgreSQL URL in it redacted (`redactUrl`): the last guard before a
 * message is printed. `no file "postgresql://shop:s3cret@db/sales"` ->
 * `no file "postgresql://shop@db/sales"`.
 */
export function redactUrlsIn(text: string): string {
  return text.replace(/postgres(?:ql)?:\/\/[^\s"'`]+/gi, (url) => {
    const trail = /[.,;:)\]]+$/.exec(url)?.[0] ?? "";
    const bare = url.slice(0, url.length - trail.length);
    // a URL without a password in its user part or parameters is printed as it is
    const secret = /^[^/]*\/\/[^/@]*:[^/@]*@/.test(bare) || /[?&]password=/i.test(bare);
    return (secret ? redactUrl(bare) : bare) + trail;
  });
}

/** The parsed URL as a pg client configuration (password left out: see `passwordFor`). */
function clientConfig(url: string): { config: ClientConfig; urlPassword?: string } {
  if (!isDatabaseUrl(url)) throw new UserError(`The database URL must look like ${URL_SHAPE}, and this one does not start with postgresql://.`);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(url);
  } catch {
    throw new UserError(`The database URL does not parse: it should look like ${URL_SHAPE} (special characters in the password percent-encoded, e.g. @ as %40).`);
  }
  const { password, ...rest } = parsed;
  const config: ClientConfig = {};
  for (const [k, v] of Object.entries(rest)) if (v !== null && v !== undefined && v !== "") (config as Record<string, unknown>)[k] = v;
  return { config, urlPassword: password ? password : undefined };
}

/**
 * The password for a connection, in libpq's order: the URL's, else `PGPASSWORD`, else the first
 * matching line of the password file (`PGPASSFILE` or `$HOME/.pgpass`, `*` matching anything);
 * undefined when none has one.
 */
export function passwordFor(params: PasswordParams, urlPassword?: string): Promise<string | undefined> {
  if (urlPassword !== undefined) return Promise.resolve(urlPassword);
  if (process.env.PGPASSWORD !== undefined) return Promise.resolve(process.env.PGPASSWORD);
  return new Promise((resolve) => pgpass(params, resolve));
}

/**
 * Opens a connection. `purpose` names it in messages ("the source", "the write target").
 * Refusals (unreachable host, wrong or missing password, unknown database) are UserErrors.
 */
export async function connect(url: string, purpose: string, options: ConnectOptions = {}): Promise<Db> {
  const { config, urlPassword } = clientConfig(url);
  const where = redactUrl(url);
  const client = new (pgDriver().Client)({
    ...config,
    application_name: options.applicationName ?? "retail-lab",
    connectionTimeoutMillis: options.timeoutMs ?? 10_000,
    // pg calls this with its resolved connection parameters (user, host, port, database), though its types say no argument
    password: ((params: PasswordParams) => passwordFor(params, urlPassword)) as unknown as () => Promise<string>,
  });
  const db: Db = { client, where };
  // a connection that breaks while idle emits 'error'; without a listener that would end the process
  client.on("error", (e) => {
    db.broken = e;
  });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw databaseError(e, db, `connecting to ${purpose}`);
  }
  return db;
}

/** Closes a connection, ignoring one that is already broken. */
export async function disconnect(db: Db | undefined): Promise<void> {
  if (db) await db.client.end().catch(() => undefined);
}

/** The parts of a pg error this module reads. */
interface PgErrorLike {
  code?: string;
  message?: string;
  errno?: number;
  address?: string;
  port?: number;
}

/** The host and port of a redacted URL, for "at host:port" phrases. */
function serverOf(where: string): string {
  try {
    const u = new URL(where);
    return `${u.hostname || "localhost"}:${u.port || "5432"}`;
  } catch {
    return where;
  }
}

function userAndDatabase(where: string): { user: string; database: string } {
  try {
    const u = new URL(where);
    return { user: decodeURIComponent(u.username) || "(default user)", database: decodeURIComponent(u.pathname.slice(1)) || "(default database)" };
  } catch {
    return { user: "(user)", database: "(database)" };
  }
}

/** True when the error says the connection itself is gone (as opposed to one statement failing). */
export function isConnectionLost(e: unknown): boolean {
  const err = e as PgErrorLike;
  const m = err?.message ?? "";
  return (
    ["57P01", "57P02", "57P03", "08006", "08003", "08000"].includes(err?.code ?? "") ||
    ["ECONNRESET", "EPIPE"].includes(err?.code ?? "") ||
    /Connection terminated|not queryable|Client was closed|connection error/i.test(m)
  );
}

/**
 * One sentence for a failure talking to PostgreSQL, naming the server (never its password),
 * what was being done, and what to do. Already-worded UserErrors pass through unchanged.
 */
export function databaseError(e: unknown, db: Pick<Db, "where">, doing: string): UserError {
  if (e instanceof UserError) return e;
  const sentence = databaseSentence(e, db, doing);
  return UNAVAILABLE_CODES.includes((e as PgErrorLike)?.code ?? "") || /timeout/i.test((e as PgErrorLike)?.message ?? "") || isConnectionLost(e)
    ? withFailureKind(sentence, "unavailable")
    : sentence;
}

/**
 * What a failure asks of whoever runs the job (a scheduler maps each to an exit code):
 * `input` someone must fix the command, the data or the permissions; `busy` another refresh
 * holds the lock (the next scheduled run will do the work); `unavailable` the server could not
 * be reached or went away (transient: retry later).
 */
export type FailureKind = "input" | "busy" | "unavailable";

/** Error codes of a server that cannot be reached now (network errors; 57P03: starting up or shutting down). */
const UNAVAILABLE_CODES = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "57P03"];

/** The error marked with what its failure asks (see `FailureKind`). */
export function withFailureKind<E extends Error>(e: E, kind: FailureKind): E {
  (e as E & { failureKind?: FailureKind }).failureKind = kind;
  return e;
}

/** What an error's failure asks: the kind it was marked with, `input` by default. */
export function failureKind(e: unknown): FailureKind {
  return (e as { failureKind?: FailureKind } | null)?.failureKind ?? "input";
}

/** The sentence of `databaseError`. */
function databaseSentence(e: unknown, db: Pick<Db, "where">, doing: string): UserError {
  const err = (e ?? {}) as PgErrorLike;
  const server = serverOf(db.where);
  const { user, database } = userAndDatabase(db.where);
  const detail = firstLine(err.message ?? String(e));
  switch (err.code) {
    case "ECONNREFUSED":
      return new UserError(`Cannot connect to PostgreSQL at ${server} while ${doing}: the connection was refused; is the server running on that host and port?`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new UserError(`Cannot connect to PostgreSQL at ${server} while ${doing}: the host name does not resolve; check the URL ${db.where}.`);
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "ETIMEDOUT":
      return new UserError(`Cannot connect to PostgreSQL at ${server} while ${doing}: the host is unreachable (${err.code}).`);
    case "28P01":
      return new UserError(`PostgreSQL at ${server} refused the password for user "${user}" while ${doing}: check the password in the URL, PGPASSWORD or ~/.pgpass.`);
    case "28000":
      return new UserError(`PostgreSQL at ${server} does not let user "${user}" into database "${database}" while ${doing} (${detail}).`);
    case "3D000":
      return new UserError(`PostgreSQL at ${server} has no database "${database}" (while ${doing}): create it or fix the URL.`);
    case "42501":
      return new UserError(`User "${user}" lacks a privilege on ${db.where} while ${doing} (${detail}): grant it, or write with a user who has it.`);
    case "42P01":
      return new UserError(`${db.where}: ${detail}, while ${doing}; check the table name (schema.table) and the search_path.`);
    case "42703":
      return new UserError(`${db.where}: ${detail}, while ${doing}.`);
    case "42601":
      return new UserError(`${db.where}: the SQL has a syntax error while ${doing} (${detail}).`);
  }
  if (/timeout expired|timeout exceeded when trying to connect/i.test(detail)) {
    return new UserError(`Cannot connect to PostgreSQL at ${server} while ${doing}: no answer within the connection timeout.`);
  }
  if (/SASL|client password must be a string|password authentication/i.test(detail)) {
    return new UserError(`PostgreSQL at ${server} asks for a password for user "${user}" and none was given while ${doing}: put it in the URL, PGPASSWORD or ~/.pgpass.`);
  }
  if (isConnectionLost(e)) {
    return new UserError(`The connection to PostgreSQL at ${server} was lost while ${doing} (${detail}).`);
  }
  return new UserError(`PostgreSQL at ${server} failed while ${doing}: ${detail}${err.code ? ` (SQLSTATE ${err.code})` : ""}.`);
}

function firstLine(s: string): string {
  return s.split("\n")[0].replace(/\.$/, "");
}
