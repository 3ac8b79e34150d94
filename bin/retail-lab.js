#!/usr/bin/env node
// The retail-lab command. It runs the compiled JavaScript in dist/ (see scripts/build.js),
// rebuilding it first when src/ changed since the last build, so it starts fast and never runs
// stale code. Where the build cannot run (esbuild missing), it falls back to running the
// TypeScript sources through tsx's require hook.
"use strict";
let main;
try {
  const { ensureBuilt, DIST } = require("../scripts/build.js");
  ensureBuilt();
  main = require(require("path").join(DIST, "cli", "main.js"));
} catch (e) {
  if (e && e.code !== "MODULE_NOT_FOUND") throw e;
  require("tsx/cjs/api").register();
  main = require("../src/cli/main.ts");
}
main.run(process.argv.slice(2));
