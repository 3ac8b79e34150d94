/**
 * The import rules of docs/architecture.md, as functions from the import list to the imports
 * that break them (empty when the tree follows them). Each broken import is one line naming the
 * file, the line and what it imports.
 */
import { cycles, folderOf, type Import } from "./source";

/** Folders of generic helpers, which know nothing about retail (and the data model's files). */
export const GENERIC = new Set(["util", "stats", "io"]);
export const BASE = new Set(["model", "errors"]);
/** Folders above the analyses: they may import the analyses, never the reverse. */
export const PRESENTATION = new Set(["charts", "display"]);
export const SHELL = new Set(["cli"]);
export const PIPELINES = new Set(["pipelines"]);
export const ENTRY = "index";

/** Whether a file stands directly in src/ (src/model.ts) rather than in a folder of it. */
const atTop = (file: string): boolean => file.split("/").length === 2;

/** The layer a folder is in. Anything not named above is an analysis domain. */
export function layerOf(folder: string): "generic" | "base" | "domain" | "pipelines" | "charts" | "display" | "cli" | "entry" {
  if (GENERIC.has(folder)) return "generic";
  if (BASE.has(folder)) return "base";
  if (folder === "charts" || folder === "display" || folder === "cli" || folder === "pipelines") return folder;
  if (folder === ENTRY) return "entry";
  return "domain";
}

/**
 * Files directly in src/ other than the entry and the data model's two files (a generic helper
 * belongs in src/util), each with the imports that still lead to it.
 */
export function strayTopFiles(files: string[], imports: Import[]): string[] {
  return files
    .filter((f) => atTop(f) && !BASE.has(folderOf(f)) && folderOf(f) !== ENTRY)
    .map((f) => {
      const users = imports.filter((i) => i.to === f).map((i) => `${i.from}:${i.line}`);
      return `${f} stands directly in src/ (only index.ts, model.ts and errors.ts do; generic helpers live in src/util)` +
        (users.length ? `; imported by ${users.join(", ")}: import src/util/index.ts instead` : "");
    });
}

/** Which layers each layer may import (besides itself). */
const MAY_IMPORT: Record<ReturnType<typeof layerOf>, Set<ReturnType<typeof layerOf>>> = {
  base: new Set(["base"]),
  generic: new Set(["base", "generic"]),
  domain: new Set(["base", "generic", "domain"]),
  pipelines: new Set(["base", "generic", "domain"]),
  charts: new Set(["base", "generic", "domain"]),
  display: new Set(["base", "generic", "domain", "charts"]),
  cli: new Set(["base", "generic", "domain", "pipelines", "charts", "display"]),
  entry: new Set(["base", "generic", "domain", "pipelines", "charts", "display"]),
};

const where = (i: Import): string => `${i.from}:${i.line} imports "${i.specifier}"`;

/** Imports into another folder of src/ that do not go through that folder's index.ts. */
export function internalImports(imports: Import[]): string[] {
  return imports
    .filter((i) => i.to !== null && i.to.split("/").length > 2 && folderOf(i.from) !== folderOf(i.to))
    .filter((i) => i.to !== `src/${folderOf(i.to!)}/index.ts`)
    .map((i) => `${where(i)}: another folder's internals (import src/${folderOf(i.to!)}/index.ts)`);
}

/** Imports that go the wrong way between layers (an analysis importing display, charts, cli or pipelines, ...). */
export function layerViolations(imports: Import[]): string[] {
  const out: string[] = [];
  for (const i of imports) {
    if (i.to === null) continue;
    const a = folderOf(i.from);
    const b = folderOf(i.to);
    if (a === b) continue;
    if (atTop(i.to) && !BASE.has(b) && b !== ENTRY) continue; // reported by strayTopFiles
    const la = layerOf(a);
    const lb = layerOf(b);
    if (la === lb && la !== "entry") continue;
    if (!MAY_IMPORT[la].has(lb)) out.push(`${where(i)}: a ${la} module (${a}) may not import ${lb} (${b})`);
  }
  return out;
}

/** Import cycles between files, and between folders (a folder importing one that imports it back). */
export function importCycles(imports: Import[]): string[] {
  const local = imports.filter((i) => i.to !== null);
  const files = cycles(local.map((i) => [i.from, i.to!]));
  const folders = cycles(local.map((i) => [folderOf(i.from), folderOf(i.to!)] as [string, string]).filter(([a, b]) => a !== b));
  const evidence = (members: string[], key: (f: string) => string): string =>
    local
      .filter((i) => members.includes(key(i.from)) && members.includes(key(i.to!)) && key(i.from) !== key(i.to!))
      .map(where)
      .join("; ");
  return [
    ...files.map((c) => `files import each other: ${c.join(", ")} (${evidence(c, (f) => f)})`),
    ...folders.map((c) => `folders import each other: ${c.join(", ")} (${evidence(c, folderOf)})`),
  ];
}
