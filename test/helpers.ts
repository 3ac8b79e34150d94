import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

// every temporary folder of a test file lives under one folder, removed when the file's process ends
let scratch: string | null = null;
function scratchRoot(): string {
  if (!scratch) {
    const dir = mkdtempSync(join(tmpdir(), "retail-lab-test-"));
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    scratch = dir;
  }
  return scratch;
}

/** A fresh temporary folder for one test (removed with its siblings when the test file's process exits). */
export function tempDir(prefix = "retail-lab-"): string {
  return mkdtempSync(join(scratchRoot(), prefix));
}

/** Writes `content` to a file in a fresh temporary folder and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  const file = join(tempDir(), name);
  writeFileSync(file, content);
  return file;
}

/**
 * The data shipped in the repository (data/): UCI Online Retail, the Kalbe tables, the CDNOW
 * sample, the Hillstrom experiment, each with its attribution in data/README.md. Tests read
 * only data inside the checkout, so a fresh clone passes with nothing beside it.
 */
export const REPO_DATA = join(__dirname, "..", "data");
