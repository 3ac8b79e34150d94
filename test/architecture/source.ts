/**
 * Reading the source tree as data, for the architecture tests: every .ts file under a folder,
 * the modules each one imports (static imports, `export ... from`, `import()` and `require`),
 * the folder ("layer") each file belongs to, import cycles, and blocks of lines that repeat.
 * It parses with the TypeScript compiler, so strings and comments that look like imports are not
 * imports.
 */
import { readdirSync, readFileSync } from "fs";
import { join, posix, relative } from "path";
import ts from "typescript";

/** The repository root. */
export const ROOT = join(__dirname, "..", "..");

/** Paths (relative to the root, with "/") of every .ts file under `dir`, sorted. */
export function tsFiles(dir = "src"): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(ROOT, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else if (e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

/** One import of one file: the text in quotes, the line it is on (1-based), where it leads. */
export interface Import {
  from: string;
  specifier: string;
  line: number;
  /** the imported file (relative to the root), or null for a package or a Node built-in */
  to: string | null;
}

function parse(file: string, text = readFileSync(join(ROOT, file), "utf8")): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

/** The file a relative specifier names (`./x` -> x.ts or x/index.ts), or null for a package. */
export function resolveImport(from: string, specifier: string, exists: (file: string) => boolean): string | null {
  if (!specifier.startsWith(".")) return null;
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) if (exists(candidate)) return candidate;
  throw new Error(`${from}: cannot resolve "${specifier}"`);
}

/** Every import of `file` (static and dynamic), in source order. */
export function importsOf(file: string, exists: (file: string) => boolean, text?: string): Import[] {
  const sf = parse(file, text);
  const out: Import[] = [];
  const add = (lit: ts.StringLiteral): void => {
    const line = sf.getLineAndCharacterOfPosition(lit.getStart(sf)).line + 1;
    out.push({ from: file, specifier: lit.text, line, to: resolveImport(file, lit.text, exists) });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression;
      if (ts.isStringLiteral(e)) add(e);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require")) add(node.arguments[0] as ts.StringLiteral);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Every import of every file under src/. */
export function sourceImports(dir = "src"): Import[] {
  const files = new Set(tsFiles(dir));
  return [...files].flatMap((f) => importsOf(f, (c) => files.has(c)));
}

/**
 * The folder of src/ a file belongs to ("rfm" for src/rfm/summary.ts, "cli" for
 * src/cli/commands/rfm.ts); a file directly in src/ is its own layer, named by its base name
 * ("model", "errors", "index").
 */
export function folderOf(file: string): string {
  const parts = relative("src", file).split(/[\\/]/);
  return parts.length === 1 ? parts[0].replace(/\.ts$/, "") : parts[0];
}

/**
 * The import cycles among `nodes`: each strongly connected component of more than one node (or
 * a node importing itself), its members sorted (Tarjan's algorithm).
 */
export function cycles(edges: [string, string][]): string[][] {
  const next = new Map<string, string[]>();
  for (const [a, b] of edges) {
    if (!next.has(a)) next.set(a, []);
    if (!next.has(b)) next.set(b, []);
    next.get(a)!.push(b);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let counter = 0;
  const strong = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next.get(v)!.includes(v)) out.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) strong(v);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** A line of code as the repeat check reads it: its text with white space folded, and where it stands. */
export interface CodeLine {
  text: string;
  line: number;
}

const PUNCTUATION_ONLY = /^[\s{}()[\];,.]*$/;

/**
 * The lines of a file that carry code: comments removed, white space folded to one space,
 * blank lines, lines of lone punctuation (`});`) and import or re-export statements
 * (`import ... from`, `export { ... } from`) left out.
 */
export function codeLines(file: string, text = readFileSync(join(ROOT, file), "utf8")): CodeLine[] {
  const sf = parse(file, text);
  const skipped = new Set<number>();
  for (const st of sf.statements) {
    const isImport = ts.isImportDeclaration(st) || ts.isImportEqualsDeclaration(st) || (ts.isExportDeclaration(st) && st.moduleSpecifier !== undefined);
    if (!isImport) continue;
    const first = sf.getLineAndCharacterOfPosition(st.getStart(sf)).line;
    const last = sf.getLineAndCharacterOfPosition(st.getEnd()).line;
    for (let l = first; l <= last; l++) skipped.add(l);
  }
  // blank out every comment (they all stand in the trivia before some token), keeping line breaks
  const chars = text.split("");
  const blank = (r: ts.CommentRange): void => {
    for (let i = r.pos; i < r.end; i++) if (chars[i] !== "\n") chars[i] = " ";
  };
  const tokens = (node: ts.Node): void => {
    const children = node.getChildren(sf).filter((c) => !ts.isJSDoc(c));
    if (children.length === 0 || node.kind === ts.SyntaxKind.EndOfFileToken) {
      for (const r of ts.getLeadingCommentRanges(text, node.pos) ?? []) blank(r);
      for (const r of ts.getTrailingCommentRanges(text, node.end) ?? []) blank(r);
    }
    children.forEach(tokens);
  };
  tokens(sf);
  return chars
    .join("")
    .split("\n")
    .map((t, i) => ({ text: t.replace(/\s+/g, " ").trim(), line: i + 1 }))
    .filter((l, i) => !skipped.has(i) && !PUNCTUATION_ONLY.test(l.text));
}

/** Where a block repeats: the first place and each other place, as `file:first-last` of the source lines. */
export interface Repeat {
  lines: number;
  places: { file: string; first: number; last: number }[];
}

/**
 * Blocks of at least `min` consecutive code lines (see `codeLines`) that stand identically in
 * more than one place (two files, or two places of one file that do not overlap), each reported
 * once at its longest. Example: two files sharing the same 7 lines give one repeat of 7 lines
 * with the two places.
 */
export function repeatedBlocks(files: string[], min = 6, read: (f: string) => CodeLine[] = (f) => codeLines(f)): Repeat[] {
  const lines = new Map(files.map((f) => [f, read(f)]));
  const windows = new Map<string, { file: string; at: number }[]>();
  for (const [file, ls] of lines) {
    for (let at = 0; at + min <= ls.length; at++) {
      const key = ls.slice(at, at + min).map((l) => l.text).join("\n");
      let list = windows.get(key);
      if (!list) windows.set(key, (list = []));
      list.push({ file, at });
    }
  }
  // pairs of window starts that repeat: (file a, start i) ~ (file b, start j)
  const pairs = new Map<string, Set<string>>();
  for (const list of windows.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const a = list[x];
        const b = list[y];
        if (a.file === b.file && Math.abs(a.at - b.at) < min) continue;
        const key = `${a.file}\0${b.file}\0${b.at - a.at}`;
        if (!pairs.has(key)) pairs.set(key, new Set());
        pairs.get(key)!.add(String(a.at));
      }
    }
  }
  const out: Repeat[] = [];
  for (const [key, starts] of pairs) {
    const [fa, fb, shift] = key.split("\0");
    const la = lines.get(fa)!;
    const lb = lines.get(fb)!;
    const sorted = [...starts].map(Number).sort((p, q) => p - q);
    // consecutive window starts make one longer run
    for (let i = 0; i < sorted.length; ) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
      const first = sorted[i];
      const last = sorted[j] + min - 1;
      const s = Number(shift);
      out.push({
        lines: last - first + 1,
        places: [
          { file: fa, first: la[first].line, last: la[last].line },
          { file: fb, first: lb[first + s].line, last: lb[last + s].line },
        ],
      });
      i = j + 1;
    }
  }
  return out.sort((a, b) => b.lines - a.lines || (a.places[0].file < b.places[0].file ? -1 : 1) || a.places[0].first - b.places[0].first);
}

/** A repeat as one line: `src/a.ts:10-24 ~ src/b.ts:40-54 (7 lines)`. */
export function describeRepeat(r: Repeat): string {
  return `${r.places.map((p) => `${p.file}:${p.first}-${p.last}`).join(" ~ ")} (${r.lines} code lines)`;
}

