#!/usr/bin/env node
// The retail-lab command: runs the TypeScript sources directly through tsx's require hook, so
// `npx retail-lab` works right after `npm install`, with no build step.
require("tsx/cjs/api").register();
require("../src/cli/main.ts").run(process.argv.slice(2));
