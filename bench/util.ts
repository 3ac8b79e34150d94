/** Small helpers for benchmark scripts: wall time, peak memory, one printed line per figure. */
import { existsSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { generateDataset, writeDataset } from "../src/generate/index";

/** Runs `f` and returns its result with the elapsed seconds. */
export async function timed<T>(f: () => T | Promise<T>): Promise<{ value: T; seconds: number }> {
  const t = process.hrtime.bigint();
  const value = await f();
  return { value, seconds: Number(process.hrtime.bigint() - t) / 1e9 };
}

/** f's value, its wall seconds and the CPU seconds (user + system) of this process meanwhile. */
export function timedWallCpu<T>(f: () => T): [T, number, number] {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = f();
  const used = process.cpuUsage(cpu);
  return [value, (performance.now() - start) / 1000, (used.user + used.system) / 1e6];
}

/** Peak resident memory of this process so far, in MB (Linux: from process.resourceUsage). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Prints one figure as `name: value unit`. */
export function report(name: string, value: number, unit: string, digits = 2): void {
  console.log(`${name.padEnd(48)} ${value.toFixed(digits).padStart(10)} ${unit}`);
}

/** A generated dataset folder with `rows` lines (seed 1), made once and reused from the temp folder. */
export function generatedFolder(rows: number): string {
  const dir = join(tmpdir(), `retail-lab-bench-${rows}`);
  if (!existsSync(join(dir, "manifest.json"))) writeDataset(dir, generateDataset({ rows, seed: 1 }));
  return dir;
}
