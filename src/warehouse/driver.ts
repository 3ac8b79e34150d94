/**
 * The PostgreSQL driver (node-postgres `pg` and `pg-copy-streams`), loaded on first use: a
 * command that reads no database does not pay the 0.1 s it takes to load. The types come from
 * the packages as usual (`import type`); only the loading waits.
 */
import type * as Pg from "pg";
import type * as PgCopyStreams from "pg-copy-streams";

/** node-postgres, loaded once when first asked for. */
export function pgDriver(): typeof Pg {
  return require("pg") as typeof Pg;
}

/** pg-copy-streams (COPY ... FROM STDIN / TO STDOUT as streams), loaded once when first asked for. */
export function copyStreams(): typeof PgCopyStreams {
  return require("pg-copy-streams") as typeof PgCopyStreams;
}
