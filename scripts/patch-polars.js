#!/usr/bin/env node
/**
 * A speed fix for nodejs-polars 0.24 (run by `npm ci` and `npm install` through `prepare`):
 * every Expr and Series wrapper it builds costs about 0.9 ms here, 40 times what it should.
 *
 * Why: `_Expr` and `_Series` (bin/lazy/expr/index.js, bin/series/index.js) return an object
 * literal of some 300 methods whose first members have computed keys (`[Symbol.toStringTag]()`,
 * `[inspect]()`, `*[Symbol.iterator]()`). V8 builds a literal from a precomputed shape only up to
 * its first computed key and defines every later member one by one at run time, so each
 * `pl.col("x")`, `df.getColumn("x")` or `s.alias("y")` pays for 300 slow definitions and leaves
 * about 90 KB of garbage. `retail-lab rfm` builds some 160 wrappers, a notebook thousands.
 *
 * The fix moves those computed members out of the literal, to assignments right after it:
 * `obj[Symbol.toStringTag] = function () {...}`. The object has the same own keys, in the same
 * order within strings and within symbols, all enumerable, writable and configurable as before,
 * and the same functions (`this`, closures and generators unchanged); a wrapper then costs
 * about 0.02 ms. The published file is kept beside the fixed one as `<name>.published`
 * (`diff index.js.published index.js` shows the whole change; bench/speed.ts times both).
 *
 * A file whose text is not the expected shape (another nodejs-polars version) is left as it
 * is, with one line saying so: the fix only changes speed, never results.
 *
 * Usage: node scripts/patch-polars.js [--check]   (--check: exit 1 unless both files are fixed)
 */
"use strict";
const fs = require("fs");
const path = require("path");

/** The marker that starts a fixed file (so the fix is applied once). */
const MARKER = "// retail-lab: computed members moved out of the wrapper literal (scripts/patch-polars.js)\n";

/** The wrapper literals to fix: the file under nodejs-polars/bin, and the line that opens the literal. */
const TARGETS = [
  { file: "lazy/expr/index.js", opens: "    return {", name: "__expr" },
  { file: "series/index.js", opens: "    const series = {", name: "series" },
];

/**
 * `source` with the computed-key methods of the object literal opened by the line `opens`
 * moved to assignments after it (see the header), or null when the literal is not the shape
 * this expects (members indented 8 spaces, each method ending with a line `        },`, the
 * literal closed by `    };`, no computed getter or setter) or has no computed member.
 * `return {` becomes `const <name> = {` ... `return <name>;`.
 *
 * Example:
 *   return {\n        _x,\n        [Symbol.toStringTag]() {\n            return "X";\n        },\n        f() {\n            return 1;\n        },\n    };
 * becomes
 *   const o = {\n        _x,\n        f() {\n            return 1;\n        },\n    };\n    o[Symbol.toStringTag] = function () {\n            return "X";\n    };\n    return o;
 */
function hoistComputedMembers(source, opens, name) {
  const lines = source.split("\n");
  const start = lines.indexOf(opens);
  if (start < 0 || lines.indexOf(opens, start + 1) >= 0) return null; // absent, or not one literal
  const end = lines.indexOf("    };", start);
  if (end < 0) return null;
  const kept = [];
  const moved = [];
  for (let i = start + 1; i < end; i++) {
    const line = lines[i];
    const computed = /^ {8}(\*?)\[([^\]]+)\]\(([^)]*)\) \{$/.exec(line);
    if (/^ {8}(get|set|async) \[/.test(line)) return null;
    if (!computed) {
      kept.push(line);
      continue;
    }
    const close = lines.indexOf("        },", i);
    if (close < 0 || close > end) return null;
    const [, star, key, params] = computed;
    moved.push(`    ${name}[${key}] = function${star} (${params}) {`, ...lines.slice(i + 1, close), "    };");
    i = close;
  }
  if (moved.length === 0) return null;
  const returns = opens.startsWith("    return ");
  const head = returns ? `    const ${name} = {` : opens;
  const tail = returns ? [`    return ${name};`] : [];
  return [...lines.slice(0, start), head, ...kept, "    };", ...moved, ...tail, ...lines.slice(end + 1)].join("\n");
}

/** The folder of the installed nodejs-polars' compiled JavaScript, or null when it is not installed. */
function polarsBin(root) {
  try {
    return path.join(path.dirname(require.resolve("nodejs-polars/package.json", { paths: [root] })), "bin");
  } catch {
    return null;
  }
}

/** Writes `text` to `file` through a temporary file and a rename. */
function writeAtomic(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/**
 * Applies the fix to the installed nodejs-polars of the project at `root`: for each target,
 * "fixed" (now), "already" (fixed before), or why it was left alone.
 */
function patchPolars(root) {
  const bin = polarsBin(root);
  if (!bin) return TARGETS.map((t) => ({ file: t.file, result: "nodejs-polars is not installed" }));
  return TARGETS.map((t) => {
    const file = path.join(bin, t.file);
    const text = fs.readFileSync(file, "utf8");
    if (text.startsWith(MARKER)) return { file: t.file, result: "already" };
    const fixed = hoistComputedMembers(text, t.opens, t.name);
    if (fixed === null) return { file: t.file, result: "not the expected shape (another nodejs-polars version?): left as published" };
    writeAtomic(`${file}.published`, text);
    writeAtomic(file, MARKER + fixed);
    return { file: t.file, result: "fixed" };
  });
}

/** True when both wrapper files of the installed nodejs-polars carry the fix. */
function isPatched(root) {
  const bin = polarsBin(root);
  return bin !== null && TARGETS.every((t) => fs.readFileSync(path.join(bin, t.file), "utf8").startsWith(MARKER));
}

module.exports = { hoistComputedMembers, patchPolars, isPatched, polarsBin, TARGETS, MARKER };

if (require.main === module) {
  const root = path.resolve(__dirname, "..");
  if (process.argv.includes("--check")) {
    const ok = isPatched(root);
    console.log(ok ? "nodejs-polars: wrapper fix applied" : "nodejs-polars: wrapper fix not applied (run `node scripts/patch-polars.js`)");
    process.exit(ok ? 0 : 1);
  }
  for (const { file, result } of patchPolars(root)) {
    if (result !== "already") console.log(`nodejs-polars bin/${file}: ${result === "fixed" ? "wrapper literal fixed (see scripts/patch-polars.js)" : result}`);
  }
}
