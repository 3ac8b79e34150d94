import { readFileSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { parseLevels, parseProducts } from "../../src/cli/commands/forecast";
import { REPO_DATA, tempDir } from "../helpers";
import { cli } from "./run";

const UCI = join(REPO_DATA, "online_retail.csv.gz");

describe("forecast options", () => {
  it("parses levels and product selections", () => {
    expect(parseLevels("80,95")).toEqual([0.8, 0.95]);
    expect(() => parseLevels("80,100")).toThrow(/between 0 and 100/);
    expect(() => parseLevels("80,,95")).toThrow(/between 0 and 100/);
    expect(() => parseLevels("80,80.0")).toThrow("--level names 80 twice: list each interval level once."); // it used to end in a stack trace
    expect(parseProducts("top:50")).toEqual({ top: 50 });
    expect(parseProducts("A, B")).toEqual({ codes: ["A", "B"] });
    for (const bad of ["top:0", "top:-1", "top:x", "top:"]) expect(() => parseProducts(bad)).toThrow(/top:N takes a whole number of products from 1 up/);
    expect(() => parseProducts("A,,B")).toThrow(/stock codes separated by commas/);
  });
});

describe("retail-lab forecast", () => {
  it("daily revenue: seasonal naive MASE 1.376 on the last 28 days, and the chosen forecast no worse", () => {
    const dir = tempDir();
    const out = join(dir, "revenue.csv");
    const r = cli(["forecast", "--input", UCI, "--target", "revenue", "--json", "--out", out]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout.slice(r.stdout.indexOf("[")));
    expect(json[0].naiveMase).toBeCloseTo(1.376, 3);
    expect(json[0].mase).toBeLessThanOrEqual(json[0].naiveMase);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe("date,series,model,point,lower_80,upper_80,lower_95,upper_95");
    expect(lines).toHaveLength(29);
    expect(lines[1].startsWith("2011-12-10,revenue,")).toBe(true); // the day after the data; a Saturday, closed
    for (const l of lines.slice(1)) {
      const [, , , point, lo80, hi80, lo95, hi95] = l.split(",").map(Number);
      expect(lo95 <= lo80 && lo80 <= point && point <= hi80 && hi80 <= hi95).toBe(true);
    }
  }, 120_000);
  it("one bad series fails alone; bad options are refused with a sentence", () => {
    const r = cli(["forecast", "--input", UCI, "--products", "23843,85123A", "--horizon", "7"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^23843\s+failed: Series "23843" has 1 days/m);
    expect(r.stdout).toMatch(/^85123A\s+\S+\s+MASE \d/m);
    expect(r.stdout).toMatch(/1 failed$/m);
    const h = cli(["forecast", "--input", UCI, "--horizon", "0"]);
    expect(h.status).toBe(2);
    expect(h.stderr).toContain("--horizon must be a whole number from 1 to 366");
    const p = cli(["forecast", "--input", UCI, "--products", "NOPE"]);
    expect(p.status).toBe(2);
    expect(p.stderr).toContain("No sales of product(s) NOPE");
  }, 120_000);
});
