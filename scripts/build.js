#!/usr/bin/env node
/**
 * The build: every src/**\/*.ts transpiled to dist/**\/*.js (CommonJS, ES2022, one file per
 * module, the same folder layout, so paths computed from __dirname stay right). Type checking is
 * not part of it: `npm test` runs the project's strict tsc.
 *
 * dist/.source-hash holds the SHA-256 of the sources it was built from (every src file's path and
 * bytes). `ensureBuilt()` compares it with the sources as they are now and rebuilds when they
 * differ, so the CLI never runs stale code: `npm run build`, `npm ci` (prepare) and the first run
 * after an edit all end in the same state.
 *
 * A rebuild writes into a fresh temporary folder and swaps it in with renames, so a concurrent
 * run sees the old build, the new one, or none (and then builds or waits), never half of one.
 * dist/.files.json maps each source to the SHA-256 of its bytes: a rebuild copies the previous
 * output of every source whose bytes did not change instead of transpiling it again (an edit
 * to one file rebuilds in milliseconds, which the notebook kernel relies on before each cell).
 * Each output's inline source map names its source relative to the output file, so stack
 * traces under --enable-source-maps point at src/.
 */
"use strict";
const { createHash } = require("crypto");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const STAMP = ".source-hash";
const FILES = ".files.json";

/** Relative paths of every .ts file under `dir` (a project's src/), sorted: the build's input. */
function sourceFiles(dir, prefix = "") {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...sourceFiles(path.join(dir, entry.name), rel));
    else if (entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(rel);
  }
  return out.sort();
}

/** SHA-256 over the paths and bytes of a project's src/ files: equal hashes, equal builds. */
function sourceHash(root = ROOT, files = sourceFiles(path.join(root, "src"))) {
  const h = createHash("sha256");
  for (const f of files) {
    h.update(f);
    h.update("\0");
    h.update(fs.readFileSync(path.join(root, "src", f)));
    h.update("\0");
  }
  return h.digest("hex");
}

/** The hash a project's dist/ was built from, or null when there is no complete build. */
function builtHash(root = ROOT) {
  try {
    return fs.readFileSync(path.join(root, "dist", STAMP), "utf8").trim();
  } catch {
    return null;
  }
}

/** The previous build's per-source hashes, or an empty map. */
function builtFiles(dist) {
  try {
    return new Map(Object.entries(JSON.parse(fs.readFileSync(path.join(dist, FILES), "utf8"))));
  } catch {
    return new Map();
  }
}

/** Transpiles a project's src/ into a new dist/ (see the header). Returns the source hash built. */
function build(root = ROOT) {
  const esbuild = require("esbuild");
  const SRC = path.join(root, "src");
  const DIST = path.join(root, "dist");
  const files = sourceFiles(SRC);
  const hash = sourceHash(root, files);
  const previous = builtFiles(DIST);
  const hashes = {};
  const tmp = `${DIST}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(SRC, f));
    hashes[f] = createHash("sha256").update(bytes).digest("hex");
    const js = f.replace(/\.ts$/, ".js");
    const out = path.join(tmp, js);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    if (previous.get(f) === hashes[f]) {
      try {
        fs.copyFileSync(path.join(DIST, js), out);
        continue;
      } catch {
        // the previous output is gone (another run swapped its build in): transpile
      }
    }
    const { code } = esbuild.transformSync(bytes.toString("utf8"), {
      loader: "ts", format: "cjs", target: "es2022", platform: "node", sourcefile: path.relative(path.dirname(path.join(DIST, js)), path.join(SRC, f)),
      sourcemap: "inline", sourcesContent: false, tsconfigRaw: { compilerOptions: { esModuleInterop: true } },
    });
    fs.writeFileSync(out, code);
  }
  fs.writeFileSync(path.join(tmp, FILES), JSON.stringify(hashes, null, 1) + "\n");
  fs.writeFileSync(path.join(tmp, STAMP), hash + "\n");
  swapInFolder(tmp, DIST);
  return hash;
}

/**
 * Puts a finished folder `tmp` in the place of `target` by renames, so a reader sees the old
 * folder or the new one, never a half-written one. When another process swapped its own in
 * first, theirs is kept (same sources give the same output) and `tmp` is removed.
 */
function swapInFolder(tmp, target) {
  const old = `${target}.${process.pid}.old`;
  try {
    fs.renameSync(target, old);
  } catch (e) {
    if (e.code !== "ENOENT") throw e;
  }
  try {
    fs.renameSync(tmp, target);
  } catch (e) {
    if (e.code !== "ENOTEMPTY" && e.code !== "EEXIST") throw e;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  fs.rmSync(old, { recursive: true, force: true });
}

/** Builds when dist/ is missing or was built from other sources; returns true when it rebuilt. */
function ensureBuilt(root = ROOT) {
  if (builtHash(root) === sourceHash(root)) return false;
  build(root);
  return true;
}

module.exports = { build, ensureBuilt, sourceHash, sourceFiles, builtHash, swapInFolder, DIST };

if (require.main === module) {
  const started = Date.now();
  const rebuilt = process.argv.includes("--if-needed") ? ensureBuilt() : (build(), true);
  const n = sourceFiles(path.join(ROOT, "src")).length;
  console.log(rebuilt ? `built ${n} modules into dist/ in ${Date.now() - started} ms` : "dist/ is up to date");
}
