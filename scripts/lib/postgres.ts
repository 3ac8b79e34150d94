/**
 * A throwaway PostgreSQL cluster from the OS package, for development (`npm run db`), tests and
 * benchmarks: initdb into a fresh temporary folder, a server on 127.0.0.1 with a free port and
 * its socket in that folder, password authentication (scram-sha-256) over TCP, and `stop()`
 * that shuts the server down and removes the folder. As root (initdb refuses root) every server
 * command runs as the `postgres` user through `runuser`.
 */
import { spawnSync } from "child_process";
import { randomBytes } from "crypto";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { createServer } from "net";
import { tmpdir } from "os";
import { join } from "path";
import { UserError } from "../../src/errors";

/** A running throwaway cluster. */
export interface LocalCluster {
  /** `postgresql://postgres:PASSWORD@127.0.0.1:PORT/DATABASE` */
  url: string;
  /** the same server, another database */
  urlFor(database: string): string;
  port: number;
  password: string;
  /** the temporary folder (data, socket, log) */
  dir: string;
  /** the server's log so far */
  log(): string;
  /** stops the server (immediately with `immediate`) without removing anything; `start()` brings it back */
  halt(immediate?: boolean): void;
  start(): void;
  /** stops the server and removes the folder; safe to call twice */
  stop(): void;
}

/** Options of `startLocalCluster`. */
export interface LocalClusterOptions {
  /** a database created beside `postgres` (default "retail") */
  database?: string;
  /** no fsync, no synchronous commit: faster, fine for a cluster thrown away after the tests */
  fast?: boolean;
}

/**
 * The folder of the PostgreSQL server programs: RETAIL_LAB_PG_BIN, else the newest
 * /usr/lib/postgresql/N/bin (Debian, Ubuntu), else `pg_config --bindir`; null when none has initdb.
 */
export function findPostgresBin(): string | null {
  const named = process.env.RETAIL_LAB_PG_BIN;
  if (named) return existsSync(join(named, "initdb")) ? named : null;
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(debian, v, "bin", "initdb"))) return join(debian, v, "bin");
  }
  const r = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const dir = r.status === 0 ? r.stdout.trim() : "";
  return dir && existsSync(join(dir, "initdb")) ? dir : null;
}

/** What to install when the server programs are missing. */
export const INSTALL_POSTGRES = "install the PostgreSQL server: `apt-get install -y postgresql` on Debian/Ubuntu (or set RETAIL_LAB_PG_BIN to the folder holding initdb and pg_ctl)";

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/**
 * Runs a server program, as `postgres` when we are root, from the cluster's folder (the caller's
 * folder may be closed to postgres, as CI's 0700 temporary checkout is); a UserError with its
 * output when it fails.
 */
function run(bin: string, program: string, args: string[], what: string, cwd: string): void {
  const command = isRoot() ? ["runuser", "-u", "postgres", "--", join(bin, program), ...args] : [join(bin, program), ...args];
  const r = spawnSync(command[0], command.slice(1), { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], cwd });
  if (r.status !== 0) {
    const out = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim().split("\n").slice(-3).join(" / ");
    throw new UserError(`Could not ${what} (${program} exited with ${r.status ?? r.signal}): ${out || r.error?.message}`);
  }
}

/** Gives the folder to the postgres user when we are root (initdb and the server run as postgres). */
function handToPostgres(path: string): void {
  if (!isRoot()) return;
  const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
  const uid = id("-u");
  const gid = id("-g");
  if (!Number.isInteger(uid) || uid <= 0) throw new UserError("Running as root, but there is no `postgres` user to run the server as: install the `postgresql` package.");
  chownSync(path, uid, gid);
}

/**
 * Starts a throwaway cluster and creates `options.database` in it. The caller must call
 * `stop()` (the test helper and `npm run db` do, also on Ctrl-C).
 */
export async function startLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
  const bin = findPostgresBin();
  if (!bin) throw new UserError(`PostgreSQL was not found: ${INSTALL_POSTGRES}.`);
  const dir = mkdtempSync(join(tmpdir(), "retail-lab-pg-"));
  const data = join(dir, "data");
  const password = randomBytes(12).toString("hex");
  const database = options.database ?? "retail";
  let running = false;
  let removed = false;
  const pwfile = join(dir, "superuser-password");
  const logFile = join(dir, "server.log");
  const ctl = (args: string[], what: string) => run(bin, "pg_ctl", ["-D", data, ...args], what, dir);
  let port = 0;
  const settings = () =>
    [`-c listen_addresses=127.0.0.1`, `-p ${port}`, `-k ${dir}`, ...(options.fast ? ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"] : [])].join(" ");
  const cluster: LocalCluster = {
    url: "",
    urlFor: (db) => `postgresql://postgres:${password}@127.0.0.1:${port}/${encodeURIComponent(db)}`,
    get port() {
      return port;
    },
    password,
    dir,
    log: () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : ""),
    halt(immediate = false) {
      if (!running) return;
      ctl(["-m", immediate ? "immediate" : "fast", "-w", "stop"], "stop the PostgreSQL server");
      running = false;
    },
    start() {
      if (running) return;
      ctl(["-l", logFile, "-w", "-t", "60", "-o", settings(), "start"], "start the PostgreSQL server");
      running = true;
    },
    stop() {
      if (removed) return;
      try {
        if (running) ctl(["-m", "fast", "-w", "stop"], "stop the PostgreSQL server");
      } catch {
        // already stopped (Ctrl-C reaches the server too): nothing left to stop
      }
      running = false;
      rmSync(dir, { recursive: true, force: true });
      removed = true;
    },
  };
  try {
    writeFileSync(pwfile, password + "\n", { mode: 0o600 });
    handToPostgres(dir);
    handToPostgres(pwfile);
    run(bin, "initdb", ["-D", data, "-U", "postgres", `--pwfile=${pwfile}`, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"], "create a PostgreSQL cluster", dir);
    port = await freePort();
    cluster.start();
    cluster.url = cluster.urlFor(database);
    run(bin, "createdb", ["-h", dir, "-p", String(port), "-U", "postgres", database], `create the database ${database}`, dir);
  } catch (e) {
    cluster.stop();
    throw e;
  }
  return cluster;
}
