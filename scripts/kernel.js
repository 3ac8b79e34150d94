#!/usr/bin/env node
// Kernel launcher named by jupyter/kernels/retail-lab/kernel.json.
// tslab compiles cells with rootDir = the kernel's working directory, and Jupyter starts
// kernels in the notebook's folder, where `../src` would sit outside rootDir. Starting tslab
// from the project root makes `./src` importable from every notebook in notebooks/.
const path = require("path");
const root = path.resolve(__dirname, "..");
const connectionFile = process.argv[2];
if (!connectionFile) {
  console.error("usage: kernel.js CONNECTION_FILE (Jupyter passes it)");
  process.exit(2);
}
process.chdir(root);
// tslab fails every cell after a file appears in src/; see tslab-timers.js
require("./tslab-timers").install();
// cells import src/ compiled (dist/ and its declarations) instead of tslab compiling it; see kernel-src.js
if (process.env.RETAIL_LAB_KERNEL_SOURCES !== "1") require("./kernel-src").install(root);
process.env.RETAIL_LAB_ROOT = root;
require(path.join(root, "node_modules", "tslab", "dist", "main.js")).startKernel({
  configPath: path.resolve(connectionFile),
  enableFindLocal: false,
});
