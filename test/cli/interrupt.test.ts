/**
 * Interrupted writes, through the real CLI: a signal sent while `generate` writes two million
 * rows stops it with a non-zero exit, its temporary files removed and the old dataset intact;
 * after SIGKILL (which no process can catch) the next write to the same folder clears the
 * stale temporary files.
 */
import { spawn } from "child_process";
import { createHash } from "crypto";
import { readdirSync, readFileSync, statSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers";
import { cli } from "./run";

const BIN = join(__dirname, "..", "..", "bin", "retail-lab.js");
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).filter((f) => !f.endsWith(".tmp"))) out[f] = createHash("sha256").update(readFileSync(join(dir, f))).digest("hex");
  return out;
}

const temps = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

/** Starts a large generate over `dir`, waits until its transactions temp file holds data, sends `signal`. */
async function interruptLargeWrite(dir: string, signal: NodeJS.Signals) {
  const child = spawn(process.execPath, [BIN, "generate", "--rows", "2000000", "--seed", "5", "--out", dir], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on("exit", (code, sig) => done({ code, signal: sig })));
  const tmp = `.transactions.csv.${child.pid}.tmp`;
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    const names = readdirSync(dir);
    if (names.includes(tmp) && statSync(join(dir, tmp)).size > 1_000_000) break;
    await sleep(20);
  }
  const tempsSeen = temps(dir);
  child.kill(signal);
  return { ...(await exited), stderr, tempsSeen, pid: child.pid };
}

describe("an interrupted write", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal}: exits non-zero, removes its temporary files, leaves the old dataset as it was`, async () => {
      const dir = tempDir("retail-lab-int-");
      expect(cli(["generate", "--rows", "1000", "--seed", "1", "--out", dir]).status).toBe(0);
      const before = hashes(dir);
      const r = await interruptLargeWrite(dir, signal);
      expect(r.tempsSeen).toContain(`.transactions.csv.${r.pid}.tmp`); // the signal came during the write
      expect(r.code).toBe(signal === "SIGINT" ? 130 : 143); // 128 + signal number
      expect(r.stderr.trim()).toMatch(new RegExp(`^interrupted by ${signal}; .*transactions\\.csv.* left as they were\\.$`));
      expect(temps(dir)).toEqual([]);
      expect(hashes(dir)).toEqual(before);
    }, 180_000);
  }

  it("SIGKILL leaves temporary files; the next write to the same folder removes them", async () => {
    const dir = tempDir("retail-lab-kill-");
    expect(cli(["generate", "--rows", "1000", "--seed", "1", "--out", dir]).status).toBe(0);
    const before = hashes(dir);
    const r = await interruptLargeWrite(dir, "SIGKILL");
    expect(r.signal).toBe("SIGKILL");
    const stale = temps(dir);
    expect(stale).toContain(`.transactions.csv.${r.pid}.tmp`); // nothing can clean up after SIGKILL
    expect(hashes(dir)).toEqual(before); // but the targets are untouched
    const next = cli(["generate", "--rows", "1000", "--seed", "2", "--out", dir]);
    expect(next.status, next.stderr).toBe(0);
    expect(temps(dir)).toEqual([]);
    expect(hashes(dir)["transactions.csv"]).not.toBe(before["transactions.csv"]); // seed 2 wrote new content
  }, 180_000);
});
