/**
 * The nodejs-polars wrapper fix (scripts/patch-polars.js, run by `npm ci` through prepare): the
 * transform on a literal written here by hand, and the installed library after it.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { inspect } from "util";
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";

interface Patcher {
  hoistComputedMembers(source: string, opens: string, name: string): string | null;
  isPatched(root: string): boolean;
  polarsBin(root: string): string | null;
  TARGETS: { file: string; opens: string; name: string }[];
  MARKER: string;
}
// eslint-disable-next-line @typescript-eslint/no-var-requires
const p = require("../../scripts/patch-polars.js") as Patcher;
const ROOT = join(__dirname, "..", "..");

/** The members the transform leaves where they are: a plain method and a getter. */
const KEPT = [
  "        f(a) {",
  "            return a + _x;",
  "        },",
  "        get g() {",
  "            return this.f(1);",
  "        },",
];

const LITERAL = [
  "const make = (_x) => {",
  "    return {",
  "        _x,",
  "        [Symbol.toStringTag]() {",
  '            return "X";',
  "        },",
  "        *[Symbol.iterator]() {",
  "            yield _x;",
  "            yield _x + 1;",
  "        },",
  ...KEPT,
  "    };",
  "};",
].join("\n");

/** The object `make(10)` built by a source like LITERAL. */
function build(source: string): Record<string | symbol, unknown> {
  return new Function(`${source}\nreturn make(10);`)() as Record<string | symbol, unknown>;
}

describe("hoistComputedMembers", () => {
  it("moves each computed method (a generator too) to an assignment after the literal, and returns the named object", () => {
    expect(p.hoistComputedMembers(LITERAL, "    return {", "o")).toBe([
      "const make = (_x) => {",
      "    const o = {",
      "        _x,",
      ...KEPT,
      "    };",
      "    o[Symbol.toStringTag] = function () {",
      '            return "X";',
      "    };",
      "    o[Symbol.iterator] = function* () {",
      "            yield _x;",
      "            yield _x + 1;",
      "    };",
      "    return o;",
      "};",
    ].join("\n"));
  });

  it("builds an object with the same keys, in the same order, the same property flags and the same behaviour", () => {
    const before = build(LITERAL);
    const after = build(p.hoistComputedMembers(LITERAL, "    return {", "o") as string);
    expect(Reflect.ownKeys(after)).toEqual(Reflect.ownKeys(before)); // strings first, then symbols, each in source order
    for (const k of Reflect.ownKeys(before)) {
      const [b, a] = [Object.getOwnPropertyDescriptor(before, k), Object.getOwnPropertyDescriptor(after, k)];
      expect([a?.enumerable, a?.configurable, a?.writable]).toEqual([b?.enumerable, b?.configurable, b?.writable]);
    }
    // toStringTag "X"; iterator yields 10, 11; f(1) = 11; g = f(1) = 11
    expect((after[Symbol.toStringTag] as () => string)()).toBe("X");
    expect([...(after as unknown as Iterable<number>)]).toEqual([10, 11]);
    expect([(after.f as (a: number) => number)(1), after.g]).toEqual([11, 11]);
  });

  it("refuses what it does not understand: no such literal, two of them, a computed getter, nothing to move", () => {
    expect(p.hoistComputedMembers(LITERAL, "    const nope = {", "o")).toBeNull();
    expect(p.hoistComputedMembers(`${LITERAL}\n${LITERAL}`, "    return {", "o")).toBeNull();
    expect(p.hoistComputedMembers(LITERAL.replace("        [Symbol.toStringTag]() {", "        get [Symbol.toStringTag]() {"), "    return {", "o")).toBeNull();
    const plain = LITERAL.split("\n").filter((_, i) => i < 3 || i > 9).join("\n");
    expect(p.hoistComputedMembers(plain, "    return {", "o")).toBeNull();
  });
});

describe("the installed nodejs-polars", () => {
  const bin = p.polarsBin(ROOT) as string;

  it("carries the fix (npm ci ran prepare), and each fixed file is exactly the transform of the published one", () => {
    expect(p.isPatched(ROOT)).toBe(true);
    for (const t of p.TARGETS) {
      const published = readFileSync(join(bin, `${t.file}.published`), "utf8");
      expect(readFileSync(join(bin, t.file), "utf8")).toBe(p.MARKER + p.hoistComputedMembers(published, t.opens, t.name));
    }
  });

  it("keeps what the moved members did: type tags, inspection, iteration, indexing, expressions in a select", () => {
    const s = pl.Series("q", [3, 1, 2]);
    expect(pl.Series.isSeries(s)).toBe(true);
    expect((s as unknown as { [Symbol.toStringTag]: () => string })[Symbol.toStringTag]()).toBe("Series");
    expect([...s]).toEqual([3, 1, 2]);
    expect([s[0], s[2]]).toEqual([3, 2]); // the Proxy's numeric index
    expect(inspect(s)).toBe(s.toString());
    const e = pl.col("q").mul(2).alias("d");
    expect((e as unknown as { [Symbol.toStringTag]: () => string })[Symbol.toStringTag]()).toBe("Expr");
    expect(inspect(e)).toBe(e.toString());
    // 3*2, 1*2, 2*2
    expect(pl.DataFrame([s]).select(e).getColumn("d").toArray()).toEqual([6, 2, 4]);
  });
});
