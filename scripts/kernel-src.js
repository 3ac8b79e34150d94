/**
 * src/ for the notebook kernel, already compiled: installed by scripts/kernel.js before tslab loads.
 *
 * Left to itself, tslab 1.0.22 parses, type-checks and emits every src module a cell imports in
 * every fresh kernel, and transpiles each output once more (esModuleToCommonJSModule): about
 * 4 s of CPU before the first cell that imports ./src/index can run. Instead, before each cell
 * (and each hover or completion request):
 * 1. dist/ (JavaScript, scripts/build.js) and .cache/kernel-types/ (declarations, written by
 *    tslab's own TypeScript with tslab's options, scripts/kernel-types.js) are brought up to date
 *    with src/ by its source hash: nothing to do when src did not change, a few files when it did;
 * 2. tslab's TypeScript sees src/ as those declarations: src/x.d.ts exists and holds
 *    .cache/kernel-types/x.d.ts, src/x.ts does not exist, so `import ... from "./src/index"`
 *    type-checks against declarations (not checked again: skipLibCheck) and nothing of src is
 *    emitted; a changed declaration is announced to TypeScript's file watchers at once;
 * 3. at run time `require("./src/...")` loads dist/..., and a rebuild drops dist/ modules from
 *    Node's module cache, so the next cell runs the edited code without a restart;
 * 4. the compile errors of the src files the cell imports (kept by the declarations build) are
 *    added to the cell's own, as tslab reported them when it compiled src: the cell fails with
 *    `src/x.ts line:col - message`. A src file esbuild cannot transpile fails every cell with its
 *    position until it is fixed, rather than leaving dist/ stale.
 * Stack traces of src code point at src/ (source maps on).
 */
"use strict";
const Module = require("module");
const path = require("path");
const { ensureBuilt, sourceHash } = require("./build.js");
const { ensureTypes, readDiagnostics, typesDir } = require("./kernel-types.js");

/** `p` relative to `dir` when it lies inside it ("x/y.ts"), else null. */
function inside(dir, p) {
  const rel = path.relative(dir, p);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : null;
}

/**
 * A view of TypeScript's `sys` in which src/**\/*.ts are the declarations in `types` (see the
 * header), with a registry of the watchers TypeScript sets on them, so that a rebuild can tell
 * it which declarations changed.
 */
function declarationsView(realSys, src, types) {
  const fileWatchers = new Map(); // src/x.d.ts path -> callbacks
  const dirWatchers = new Map(); // directory under src -> callbacks
  const declarationOf = (p) => {
    const rel = inside(src, p) ?? (p === src ? "" : null);
    if (rel === null) return undefined; // not under src/
    return rel.endsWith(".d.ts") ? path.join(types, rel) : null; // null: a source tslab must not see
  };
  const sys = Object.create(realSys);
  Object.defineProperty(sys, "useCaseSensitiveFileNames", {
    get: () => realSys.useCaseSensitiveFileNames,
    set: (v) => {
      realSys.useCaseSensitiveFileNames = v; // tslab sets it for the whole process
    },
  });
  sys.fileExists = (p) => {
    const d = declarationOf(p);
    return d === undefined ? realSys.fileExists(p) : d !== null && realSys.fileExists(d);
  };
  sys.readFile = (p, encoding) => {
    const d = declarationOf(p);
    return d === undefined ? realSys.readFile(p, encoding) : d === null ? undefined : realSys.readFile(d, encoding);
  };
  const register = (map, key, callback) => {
    if (!map.has(key)) map.set(key, new Set());
    map.get(key).add(callback);
    return () => map.get(key)?.delete(callback);
  };
  sys.watchFile = (p, callback, interval, options) => {
    if (declarationOf(p) === undefined) return realSys.watchFile(p, callback, interval, options);
    return { close: register(fileWatchers, p, callback) };
  };
  sys.watchDirectory = (p, callback, recursive, options) => {
    const real = realSys.watchDirectory(p, callback, recursive, options);
    if (inside(src, p) === null && p !== src && inside(p, src) === null) return real;
    const unregister = register(dirWatchers, p, { callback, recursive });
    return { close: () => (unregister(), real.close()) };
  };
  /** Tells TypeScript's watchers of these declarations ({ file, kind } from ensureTypes) what happened to them. */
  function announce(changes) {
    for (const { file, kind } of changes) {
      const p = path.join(src, file);
      for (const cb of fileWatchers.get(p) ?? []) cb(p, kind);
      // a declaration that appeared may be what a failed module lookup is waiting for
      if (kind !== 0) continue;
      for (const [dir, set] of dirWatchers) {
        const rel = inside(dir, p);
        if (rel !== null) for (const w of set) if (w.recursive || !rel.includes("/")) w.callback(p);
      }
    }
  }
  return { sys, announce };
}

/**
 * A copy of tslab's TypeScript module seen through `view`, with the last program of each watch
 * host recorded in `programs` (tslab keeps it private; the cell's dependencies are read from it).
 */
function typeScriptThrough(ts, sys, programs) {
  const copy = {};
  for (const key of Object.keys(ts)) {
    if (key === "sys" || key === "createWatchCompilerHost") continue;
    Object.defineProperty(copy, key, { enumerable: true, get: () => ts[key] });
  }
  Object.defineProperty(copy, "sys", { enumerable: true, value: sys });
  Object.defineProperty(copy, "createWatchCompilerHost", {
    enumerable: true,
    value: (...args) => {
      const host = ts.createWatchCompilerHost(...args);
      let afterProgramCreate = host.afterProgramCreate;
      Object.defineProperty(host, "afterProgramCreate", {
        configurable: true,
        get: () => (builder) => {
          programs.set(host, builder);
          afterProgramCreate?.(builder);
        },
        set: (f) => {
          afterProgramCreate = f;
        },
      });
      return host;
    },
  });
  return copy;
}

/** An esbuild failure as tslab-style diagnostics of the files it names. */
function buildFailure(e) {
  const errors = Array.isArray(e?.errors) && e.errors.length ? e.errors : [{ text: String(e?.message ?? e), location: null }];
  return errors.map((err) => {
    const loc = err.location;
    // esbuild names the file as build.js gave it: relative to the output's folder, "../../src/x/y.ts"
    const fileName = loc?.file ? loc.file.replace(/^(\.\.\/)+/, "") : undefined;
    const pos = { offset: 0, line: loc ? loc.line - 1 : 0, character: loc ? loc.column : 0 };
    return { start: pos, end: pos, messageText: `${err.text} (esbuild cannot compile src/: no cell runs until this is fixed)`, category: 1, code: 0, fileName };
  });
}

/** Installs the hooks (see the header) for the project at `root`. */
function install(root) {
  const src = path.join(root, "src");
  const dist = path.join(root, "dist");
  const types = typesDir(root);
  process.setSourceMapsEnabled(true);

  // run time: ./src/... is dist/...
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    if (typeof request === "string" && (request.startsWith(".") || path.isAbsolute(request)) && parent?.filename) {
      const abs = path.resolve(path.dirname(parent.filename), request);
      const rel = abs === src ? "" : inside(src, abs);
      if (rel !== null) request = path.join(dist, rel);
    }
    return resolve.call(this, request, parent, ...rest);
  };

  let hash = null;
  let diagnostics = {};
  let failure = [];
  let view = null;
  /** Brings dist/ and the declarations up to date (see the header); cheap when src is unchanged. */
  function refresh() {
    const now = sourceHash(root);
    if (now === hash) return;
    const first = hash === null;
    const { changed } = ensureTypes(root, now, [...programs.values()].flatMap((b) => b.getProgram().getSourceFiles()));
    hash = now;
    diagnostics = readDiagnostics(root);
    try {
      ensureBuilt(root);
      failure = [];
    } catch (e) {
      failure = buildFailure(e);
    }
    if (first) return;
    for (const key of Object.keys(require.cache)) if (inside(dist, key) !== null) delete require.cache[key];
    view?.announce(changed);
  }

  // type-checking: tslab's TypeScript sees the declarations
  const programs = new Map();
  const load = Module._load;
  let patched = null;
  Module._load = function (request, parent) {
    const mod = load.apply(this, arguments);
    if (request === "@tslab/typescript-for-tslab" && parent && /[\\/]tslab[\\/]dist[\\/]converter\.js$/.test(parent.filename)) {
      if (!patched) {
        view = declarationsView(mod.sys, src, types);
        patched = typeScriptThrough(mod, view.sys, programs);
      }
      return patched;
    }
    return mod;
  };

  const converter = require(path.join(root, "node_modules", "tslab", "dist", "converter.js"));
  const createConverter = converter.createConverter;
  converter.createConverter = (options) => {
    const before = new Set(programs.keys());
    const conv = createConverter(options);
    const host = [...programs.keys()].find((h) => !before.has(h));
    const cellFile = path.join(process.cwd(), options?.isJS ? "__tslab__.js" : "__tslab__.ts");
    /** The compile errors of the src modules the cell depends on, sorted as TypeScript sorts them. */
    const srcErrors = () => {
      const builder = programs.get(host);
      const cell = builder?.getSourceFile(cellFile);
      if (!cell) return [];
      const files = builder.getAllDependencies(cell).map((f) => inside(src, f)).filter((r) => r !== null && r.endsWith(".d.ts"));
      return files.map((r) => `src/${r.replace(/\.d\.ts$/, ".ts")}`).sort().flatMap((f) => diagnostics[f] ?? []);
    };
    return {
      ...conv,
      convert(prevDecl, source) {
        refresh();
        const out = conv.convert(prevDecl, source);
        const extra = [...srcErrors(), ...failure];
        return extra.length ? { ...out, diagnostics: [...out.diagnostics, ...extra] } : out;
      },
      inspect(...args) {
        refresh();
        return conv.inspect(...args);
      },
      complete(...args) {
        refresh();
        return conv.complete(...args);
      },
    };
  };
}

module.exports = { install, declarationsView };
