/**
 * `npm run bench`: every benchmark, each in its own process (so peak memory is its own).
 * Benchmarks print figures; they assert nothing (timings belong here, not in tests).
 */
import { spawnSync } from "child_process";
import { existsSync } from "fs";
import { join } from "path";

const ROOT = join(__dirname, "..");
const BENCHES = ["data.ts", "generate.ts", "clusters.ts", "hclust.ts", "forecasts.ts", "clv.ts", "warehouse.ts", "speed.ts"];
const only = process.argv.slice(2);
for (const b of BENCHES.filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))) {
  const file = join(ROOT, "bench", b);
  if (!existsSync(file)) continue;
  console.log(`\n== bench/${b}`);
  const r = spawnSync(join(ROOT, "node_modules", ".bin", "tsx"), [file], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) process.exitCode = 1;
}
