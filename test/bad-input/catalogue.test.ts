/**
 * The bad-input catalogue: every malformed input is refused with one sentence on stderr, the
 * documented exit code, no stack trace, no temporary file left behind, and the files it must
 * not touch unchanged (byte for byte). The cases live in cases-*.ts, one table per layer.
 */
import { createHash } from "crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { cli } from "../cli/run";
import { tempDir } from "../helpers";
import { CLI_CASES } from "./cases-cli";
import { CLUSTER_CASES } from "./cases-clusters";
import { CLV_CASES } from "./cases-clv";
import { DATA_CASES } from "./cases-data";
import { EXPERIMENT_CASES } from "./cases-experiments";
import type { BadInputCase } from "./types";
import { WAREHOUSE_CASES } from "./cases-warehouse";

const CASES: BadInputCase[] = [...DATA_CASES, ...CLI_CASES, ...CLV_CASES, ...EXPERIMENT_CASES, ...WAREHOUSE_CASES, ...CLUSTER_CASES];
const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("the bad-input catalogue", () => {
  it("has a unique name per case", () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const dir = tempDir("retail-lab-bad-");
    for (const [name, content] of Object.entries(c.files ?? {})) writeFileSync(join(dir, name), content);
    const before = new Map((c.untouched ?? []).map((f) => [f, existsSync(join(dir, f)) ? sha(join(dir, f)) : null]));
    const r = cli(c.args(dir), 120_000, c.env);
    expect(r.status, r.stderr).toBe(c.exit ?? 2);
    const err = r.stderr.trim();
    expect(err.split("\n"), `more than one line on stderr:\n${err}`).toHaveLength(1);
    expect(err).not.toMatch(/^\s+at /m);
    if (typeof c.message === "string") expect(err).toContain(c.message);
    else expect(err).toMatch(c.message);
    for (const [f, hash] of before) expect(existsSync(join(dir, f)) ? sha(join(dir, f)) : null, `${f} changed`).toBe(hash);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp")), "temporary files left behind").toEqual([]);
  });
});
