#!/usr/bin/env node
// The retail-lab command. It runs the compiled JavaScript in dist/ (see scripts/build.js),
// rebuilding it first when src/ changed since the last build, so it starts fast and never runs
// stale code. Where the build cannot run (esbuild missing), it falls back to running the
// TypeScript sources through tsx's require hook.
//
// Help is static text: the first --help after a build writes every page to dist/.help.json
// (src/cli/main.ts helpPages, handed over by run()), and later ones print from it without
// loading the commands and their libraries. The file lives inside dist/, so the next build (a new dist/) drops it.
"use strict";
const fs = require("fs");
const path = require("path");
const argv = process.argv.slice(2);

/** The help pages kept beside the build, or null when there are none yet. */
function keptPages(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** Keeps the pages atomically (a concurrent run reads no file or the whole file); a dist/ swapped meanwhile loses them, harmlessly. */
function keepPages(file, pages) {
  try {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(pages));
    fs.renameSync(tmp, file);
  } catch {
    // the next --help writes them
  }
}

let main;
let keepHelp;
try {
  const { ensureBuilt, DIST } = require("../scripts/build.js");
  ensureBuilt();
  const file = path.join(DIST, ".help.json");
  const { helpKey } = require(path.join(DIST, "cli", "help-key.js")); // imports nothing: cheap to load
  const kept = keptPages(file);
  const key = kept && helpKey(argv, (k) => k in kept);
  if (kept && key !== null) {
    process.stdout.write(kept[key] + "\n");
    return;
  }
  main = require(path.join(DIST, "cli", "main.js"));
  keepHelp = (pages) => keepPages(file, pages); // run() hands them over when it prints a help page
} catch (e) {
  if (e && e.code !== "MODULE_NOT_FOUND") throw e;
  require("tsx/cjs/api").register();
  main = require("../src/cli/main.ts");
}
main.run(argv, keepHelp);
