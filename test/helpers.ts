import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

/** A fresh temporary folder for one test. */
export function tempDir(prefix = "retail-lab-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `content` to a file in a fresh temporary folder and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  const file = join(tempDir(), name);
  writeFileSync(file, content);
  return file;
}

/** The shared reference data beside the checkout (present on dev machines and in CI). */
export const SHARED_DATA = join(__dirname, "..", "..", "shared", "data");
