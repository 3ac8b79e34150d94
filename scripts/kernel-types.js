/**
 * Declarations of src/ for the notebook kernel: every src/**\/*.ts as a .d.ts in
 * .cache/kernel-types/, written by tslab's own TypeScript (5.0) with the options tslab compiles
 * cells with, so a cell type-checks against exactly the types tslab would have inferred from the
 * sources, without tslab parsing, checking and emitting all of src/ in every fresh kernel (see
 * scripts/kernel-src.js, which hands these declarations and dist/'s JavaScript to tslab).
 *
 * The build is incremental and never stale, like dist/ (scripts/build.js):
 * - .source-hash holds the source hash it was built from (build.js's `sourceHash`); when it
 *   equals the sources' hash nothing is read or compiled;
 * - otherwise TypeScript's builder resumes from .tsbuildinfo (or, inside one process, from the
 *   previous program, whose unchanged files are not even parsed again) and re-checks and
 *   re-emits only the files an edit affects;
 * - diagnostics.json keeps each src file's compile errors as tslab reports them (syntax, types,
 *   declaration emit), so a cell importing a module with an error fails as it did when tslab
 *   compiled src itself.
 * A rebuild writes into a copy and swaps it in with renames, so a concurrent kernel reads the
 * old declarations or the new ones.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { sourceFiles, sourceHash, swapInFolder } = require("./build.js");

const ROOT = path.resolve(__dirname, "..");
const STAMP = ".source-hash";
const DIAGNOSTICS = "diagnostics.json";
const BUILD_INFO = ".tsbuildinfo";
// TypeScript's FileWatcherEventKind
const CREATED = 0, CHANGED = 1, DELETED = 2;

/** The folder a project's declarations live in. */
function typesDir(root = ROOT) {
  return path.join(root, ".cache", "kernel-types");
}

/** tslab's TypeScript, the one cells are checked with. */
function tslabTypeScript(root) {
  return require(require.resolve("@tslab/typescript-for-tslab", { paths: [path.join(root, "node_modules", "tslab")] }));
}

/**
 * tslab 1.0.22's compiler options (node_modules/tslab/dist/converter.js, createConverter, on
 * Node >= 18), with the outputs made declarations only, into `outDir`, incrementally.
 */
function compilerOptions(ts, root, outDir) {
  return {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    declaration: true,
    newLine: ts.NewLineKind.LineFeed,
    noImplicitUseStrict: true,
    experimentalDecorators: true,
    resolveJsonModule: true,
    jsx: ts.JsxEmit.React,
    typeRoots: [path.join(root, "node_modules", "@types")],
    allowJs: true,
    checkJs: true,
    skipLibCheck: true,
    rootDir: path.join(root, "src"),
    outDir,
    emitDeclarationOnly: true,
    incremental: true,
    tsBuildInfoFile: path.join(outDir, BUILD_INFO),
  };
}

/** The source hash a project's declarations were built from, or null. */
function typesHash(root = ROOT) {
  try {
    return fs.readFileSync(path.join(typesDir(root), STAMP), "utf8").trim();
  } catch {
    return null;
  }
}

/**
 * The compile errors of each src file (key "src/x.ts"), in the shape tslab's converter gives
 * its own (`convertDiagnostics`): position, message, code, and each chained message after it.
 */
function readDiagnostics(root = ROOT) {
  return readDiagnosticsAt(typesDir(root));
}

function readDiagnosticsAt(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, DIAGNOSTICS), "utf8"));
  } catch {
    return {};
  }
}

/** A TypeScript diagnostic as tslab lists it (converter.js convertDiagnostics). */
function tslabDiagnostics(ts, d, fileName) {
  const at = (offset) => {
    const { line, character } = ts.getLineAndCharacterOfPosition(d.file, offset);
    return { offset, line, character };
  };
  const start = at(d.start), end = at(d.start + d.length);
  const out = [];
  const walk = (msg, withFile) => {
    out.push({ start, end, messageText: msg.messageText, category: msg.category, code: msg.code, ...(withFile ? { fileName } : {}) });
    for (const next of msg.next ?? []) walk(next, false);
  };
  if (typeof d.messageText === "string") out.push({ start, end, messageText: d.messageText, category: d.category, code: d.code, fileName });
  else walk(d.messageText, true);
  return out;
}

/** True when `p` lies inside `dir`. */
function inside(dir, p) {
  const rel = path.relative(dir, p);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

/** Source files of earlier builds in this process, reused while their text is the same. */
const parsed = new Map();
/** This process's last builder program per project root and the source hash it built, the starting point of its next build. */
const builders = new Map();

/** A compiler host that writes under `tmp` what TypeScript writes under `outDir`, and reuses parsed files. */
function buildHost(ts, options, outDir, tmp, written) {
  const host = ts.createIncrementalCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = host.readFile(fileName);
    const known = parsed.get(fileName);
    if (known && text !== undefined && known.text === text && !shouldCreate) return known;
    const sf = getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
    if (sf) parsed.set(fileName, sf);
    return sf;
  };
  host.writeFile = (fileName, data) => {
    const rel = path.relative(outDir, fileName);
    if (rel.startsWith("..")) throw new Error(`unexpected declaration output ${fileName}`);
    const out = path.join(tmp, rel);
    let old = null;
    try {
      old = fs.readFileSync(out, "utf8");
    } catch {
      // a new output
    }
    if (old === data) return;
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, data);
    if (rel.endsWith(".d.ts")) written.set(rel.split(path.sep).join("/"), old === null ? CREATED : CHANGED);
  };
  return host;
}

/** Removes the temporary folders of builds whose process died before swapping them in. */
function removeLeftovers(outDir) {
  const parent = path.dirname(outDir);
  const name = path.basename(outDir);
  let entries = [];
  try {
    entries = fs.readdirSync(parent);
  } catch {
    return;
  }
  for (const e of entries) {
    const m = e.startsWith(`${name}.`) ? /^\.(\d+)\.(tmp|old)$/.exec(e.slice(name.length)) : null;
    if (!m || Number(m[1]) === process.pid) continue;
    try {
      process.kill(Number(m[1]), 0);
    } catch (err) {
      if (err.code === "ESRCH") fs.rmSync(path.join(parent, e), { recursive: true, force: true });
    }
  }
}

/** Relative paths of the .d.ts files under `dir`. */
function declarationFiles(dir, prefix = "") {
  const out = [];
  let entries = [];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...declarationFiles(path.join(dir, e.name), rel));
    else if (e.name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

/**
 * Brings a project's declarations up to date with its sources (see the header). Returns whether
 * it rebuilt, and the declarations that appeared, changed or went away: `{ file: "x/y.d.ts",
 * kind }`, the file relative to the declarations folder (which mirrors src/), the kind as
 * TypeScript's FileWatcherEventKind (0 created, 1 changed, 2 deleted). `parsedElsewhere`: source
 * files another program of the same TypeScript already parsed (the kernel's: the standard
 * library, @types, nodejs-polars), reused instead of parsed again; none of src/.
 */
function ensureTypes(root = ROOT, hash = sourceHash(root), parsedElsewhere = []) {
  if (typesHash(root) === hash) return { rebuilt: false, changed: [] };
  for (const sf of parsedElsewhere) if (!parsed.has(sf.fileName) && !inside(path.join(root, "src"), sf.fileName)) parsed.set(sf.fileName, sf);
  const ts = tslabTypeScript(root);
  const outDir = typesDir(root);
  removeLeftovers(outDir);
  const tmp = `${outDir}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  try {
    fs.cpSync(outDir, tmp, { recursive: true });
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // none yet, or swapped away meanwhile: build from nothing
  }
  fs.mkdirSync(tmp, { recursive: true });
  const options = compilerOptions(ts, root, outDir);
  const written = new Map();
  const host = buildHost(ts, options, outDir, tmp, written);
  const srcDir = path.join(root, "src");
  const files = sourceFiles(srcDir);
  const roots = files.map((f) => path.join(srcDir, f));
  // this process's last program is the better start, unless another process rebuilt since
  const mine = builders.get(root);
  const old = (mine && mine.hash === typesHash(root) ? mine.builder : undefined) ?? ts.readBuilderProgram(options, {
    getCurrentDirectory: () => root,
    useCaseSensitiveFileNames: () => host.useCaseSensitiveFileNames(),
    readFile: (f) => host.readFile(path.join(tmp, path.relative(outDir, f))),
  });
  const builder = ts.createEmitAndSemanticDiagnosticsBuilderProgram(roots, options, host, old);

  // diagnostics first: the build info written by the emit then keeps them for the next build
  const own = new Map();
  for (const f of files) {
    const sf = builder.getSourceFile(path.join(srcDir, f));
    own.set(f, [...builder.getSyntacticDiagnostics(sf), ...builder.getSemanticDiagnostics(sf)].filter((d) => d.file));
  }
  const emitted = new Map();
  for (;;) {
    const r = builder.emitNextAffectedFile(undefined, undefined, true);
    if (!r) break;
    if (r.affected.kind !== ts.SyntaxKind.SourceFile) continue; // the build info, not a source file
    emitted.set(r.affected.fileName, r.result.diagnostics.filter((d) => d.file && d.file.fileName === r.affected.fileName));
  }
  const previous = readDiagnosticsAt(tmp);
  const diagnostics = {};
  for (const f of files) {
    const rel = `src/${f}`;
    const declaration = emitted.get(path.join(srcDir, f))?.flatMap((d) => tslabDiagnostics(ts, d, rel)).map((d) => ({ ...d, declaration: true }));
    const all = [...own.get(f).flatMap((d) => tslabDiagnostics(ts, d, rel)), ...(declaration ?? (previous[rel] ?? []).filter((d) => d.declaration))];
    if (all.length) diagnostics[rel] = all;
  }
  // a source that went away takes its declaration with it
  const wanted = new Set(files.map((f) => f.replace(/\.ts$/, ".d.ts")));
  for (const d of declarationFiles(tmp)) {
    if (!wanted.has(d)) {
      fs.rmSync(path.join(tmp, d));
      written.set(d, DELETED);
    }
  }
  fs.writeFileSync(path.join(tmp, DIAGNOSTICS), JSON.stringify(diagnostics) + "\n");
  fs.writeFileSync(path.join(tmp, STAMP), hash + "\n");
  swapInFolder(tmp, outDir); // another kernel's swap wins: same sources give the same declarations
  builders.set(root, { builder, hash });
  return { rebuilt: true, changed: [...written].sort(([a], [b]) => (a < b ? -1 : 1)).map(([file, kind]) => ({ file, kind })) };
}

module.exports = { ensureTypes, typesDir, typesHash, readDiagnostics, compilerOptions };

if (require.main === module) {
  const started = Date.now();
  const r = ensureTypes();
  console.log(r.rebuilt ? `declarations of src/ for the kernel written in ${Date.now() - started} ms (${r.changed.length} changed)` : "kernel declarations are up to date");
}
