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

/**
 * The data shipped in the repository (data/): UCI Online Retail, the Kalbe tables, the CDNOW
 * sample, the Hillstrom experiment, each with its attribution in data/README.md. Tests read
 * only data inside the checkout, so a fresh clone passes with nothing beside it.
 */
export const REPO_DATA = join(__dirname, "..", "data");
