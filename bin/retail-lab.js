#!/usr/bin/env node
// The retail-lab command. It runs the compiled JavaScript in dist/ (see scripts/build.js),
// rebuilding it first when src/ changed since the last build, so it starts fast and never runs
// stale code. Where the build cannot run (esbuild missing), it falls back to running the
// TypeScript sources through tsx's require hook.
//
// Help is static text: the first --help after a build writes every page to dist/.help.json
// (src/cli/main.ts helpPages), and later ones print from it without loading the commands and
// their libraries. The file lives inside dist/, so the next build (a new dist/) drops it.
"use strict";
const fs = require("fs");
const path = require("path");
const argv = process.argv.slice(2);

/** The help page argv asks for, as run() in src/cli/main.ts decides it, or null. */
function helpKey(pages) {
  const [name, second] = argv;
  const asks = (rest) => rest.includes("--help") || rest.includes("-h");
  if (!name || name === "--help" || name === "-h" || name === "help") return "";
  if (`cmd:${name}` in pages) return asks(argv.slice(1)) ? `cmd:${name}` : null;
  if (`group:${name}` in pages) {
    if (second === undefined || second === "--help" || second === "-h") return `group:${name}`;
    return `cmd:${name} ${second}` in pages && asks(argv.slice(2)) ? `cmd:${name} ${second}` : null;
  }
  return null;
}

let main;
let helpFile = null;
try {
  const { ensureBuilt, DIST } = require("../scripts/build.js");
  ensureBuilt();
  helpFile = path.join(DIST, ".help.json");
  try {
    const pages = JSON.parse(fs.readFileSync(helpFile, "utf8"));
    const key = helpKey(pages);
    if (key !== null) {
      process.stdout.write(pages[key] + "\n");
      return;
    }
  } catch {
    // no pages yet (first run after a build) or unreadable: the commands answer
  }
  main = require(path.join(DIST, "cli", "main.js"));
} catch (e) {
  if (e && e.code !== "MODULE_NOT_FOUND") throw e;
  require("tsx/cjs/api").register();
  main = require("../src/cli/main.ts");
  helpFile = null;
}
if (helpFile && typeof main.helpPages === "function" && helpKey(main.helpPages()) !== null) {
  try {
    // atomic: a concurrent run reads either no file or the whole file
    const tmp = `${helpFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(main.helpPages()));
    fs.renameSync(tmp, helpFile);
  } catch {
    // dist/ was swapped by a rebuild meanwhile: the next --help writes the pages
  }
}
main.run(argv);
