/**
 * No block of six or more identical lines repeats in src/: code written twice drifts apart, so a
 * repeated block belongs in one function. Lines are compared with comments removed and white space
 * folded; blank lines, lines of lone punctuation and import or re-export statements are left out
 * (see `codeLines`). A failure names both places by file and source lines.
 */
import { describe, expect, it } from "vitest";
import { codeLines, describeRepeat, repeatedBlocks, tsFiles } from "./architecture/source";

const lines = (text: string) => codeLines("x.ts", text);

describe("the repeat check, on made-up files", () => {
  const block = ["const a = f(1);", "const b = g(a);", "if (b > 2) {", "  h(b);", "}", "const c = a + b;", "return c * 2;"].join("\n");
  it("reads code lines: comments, white space, punctuation-only lines and imports left out", () => {
    const text = 'import { x } from "./x";\n// note\nconst  a =\t1; /* inline */\n\n});\nconst s = "// not a comment";\nconst r = /\\/\\//;';
    expect(lines(text)).toEqual([
      { text: "const a = 1;", line: 3 },
      { text: 'const s = "// not a comment";', line: 6 },
      { text: "const r = /\\/\\//;", line: 7 },
    ]);
  });
  it("finds a block repeated in two files, at its longest, and nothing in distinct files", () => {
    const files: Record<string, string> = { "a.ts": `function one() {\n${block}\n}`, "b.ts": `// b\nfunction two() {\n${block}\n}`, "c.ts": "const z = 1;" };
    const found = repeatedBlocks(Object.keys(files), 6, (f) => lines(files[f]));
    // the 7 lines of `block` minus the lone "}": 6 code lines, at lines 2-8 of a.ts and 3-9 of b.ts
    expect(found.map(describeRepeat)).toEqual(["a.ts:2-8 ~ b.ts:3-9 (6 code lines)"]);
    expect(repeatedBlocks(["a.ts", "c.ts"], 6, (f) => lines(files[f]))).toEqual([]);
  });
  it("finds a block repeated inside one file, and not a block overlapping itself", () => {
    const twice = `${block}\nconst gap = 0;\n${block}`;
    expect(repeatedBlocks(["a.ts"], 6, () => lines(twice)).map(describeRepeat)).toEqual(["a.ts:1-7 ~ a.ts:9-15 (6 code lines)"]);
    const same = Array.from({ length: 8 }, () => "x++;").join("\n");
    expect(repeatedBlocks(["a.ts"], 6, () => lines(same))).toEqual([]);
  });
});

describe("src/", () => {
  it("has no block of six or more identical code lines in two places", () => {
    const files = tsFiles("src");
    expect(files.length).toBeGreaterThan(150);
    expect(repeatedBlocks(files).map(describeRepeat)).toEqual([]);
  });
});
