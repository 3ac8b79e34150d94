/**
 * `npm run db` for real: a throwaway server with the UCI table, its URL printed, and on Ctrl-C
 * (SIGINT to its process group) the server stopped and its folder removed.
 */
import { spawn } from "child_process";
import { existsSync } from "fs";
import { join } from "path";
import { describe, expect, it, onTestFinished } from "vitest";
import { findPostgresBin } from "../../scripts/lib/postgres";
import { connect } from "../../src/warehouse/connection";
import { HAVE_POSTGRES, query } from "./db";

const ROOT = join(__dirname, "..", "..");

describe.skipIf(!HAVE_POSTGRES || !findPostgresBin())("npm run db", () => {
  it("starts PostgreSQL with the UCI table, prints its URL, and stops and cleans up on Ctrl-C", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "db.ts")], { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
    });
    let out = "";
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("Ctrl-C")) resolve();
      });
      child.on("exit", () => reject(new Error(`npm run db ended early: ${out}${err}`)));
    });
    const url = /^RETAIL_LAB_DATABASE_URL=(\S+)$/m.exec(out)![1];
    const dir = /\(data in (\S+)\)/.exec(out)![1];
    expect(url).toMatch(/^postgresql:\/\/postgres:[0-9a-f]+@127\.0\.0\.1:\d+\/retail$/);
    expect(out).toContain("table transactions: 541,909 rows from UCI Online Retail");
    expect(await query(url, "SELECT count(*)::int AS n, count(DISTINCT customer_id)::int AS customers FROM transactions")).toEqual([{ n: 541909, customers: 4372 }]);
    expect(existsSync(dir)).toBe(true);

    process.kill(-child.pid!, "SIGINT"); // what Ctrl-C sends to the foreground process group
    expect(await exited).toBe(0);
    expect(out).toContain(`stopped PostgreSQL and removed ${dir}`);
    expect(existsSync(dir)).toBe(false);
    await expect(connect(url, "the stopped server", { timeoutMs: 3000 })).rejects.toThrow(/the connection was refused/);
    expect(err).toBe("");
  });
});
