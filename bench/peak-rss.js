// Preloaded by bench/speed.ts (`node -r bench/peak-rss.js ...`): writes this process's peak
// resident memory in MB to the file named by RETAIL_LAB_PEAK_FILE when it exits.
"use strict";
const file = process.env.RETAIL_LAB_PEAK_FILE;
if (file) process.on("exit", () => require("fs").writeFileSync(file, String(process.resourceUsage().maxRSS / 1024)));
