/**
 * The cost of one nodejs-polars wrapper (`_Expr` and `_Series`, around a native object that
 * exists already), with the installed modules that scripts/patch-polars.js fixed and with the
 * published ones it kept beside them (*.published), in one process. Prints
 * {"fixedMs": ..., "publishedMs": ...} (the mean of one Expr and one Series wrapper), or
 * {"missing": "why"}.
 */
"use strict";
const path = require("path");
const { isPatched, polarsBin, TARGETS } = require("../scripts/patch-polars.js");

const root = path.resolve(__dirname, "..");
if (!isPatched(root)) {
  console.log(JSON.stringify({ missing: "the fix is not applied (node scripts/patch-polars.js)" }));
  process.exit(0);
}
const pl = require("nodejs-polars");
const bin = polarsBin(root);
// the two files scripts/patch-polars.js fixes: the Expr wrapper's module, then the Series wrapper's
const [exprFile, seriesFile] = TARGETS.map((t) => path.join(bin, t.file));
const wrappers = (suffix) => ({ expr: require(exprFile + suffix)._Expr, series: require(seriesFile + suffix)._Series });
const nativeExpr = pl.col("a")._expr;
const nativeSeries = pl.Series("a", [1, 2, 3])._s;

/** Mean milliseconds of one call of `make` over `n` calls, after `n / 10` to warm up. */
function perCall(make, n = 2000) {
  for (let i = 0; i < n / 10; i++) make();
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) make();
  return Number(process.hrtime.bigint() - t) / 1e6 / n;
}
const meanMs = (w) => (perCall(() => w.expr(nativeExpr)) + perCall(() => w.series(nativeSeries))) / 2;
console.log(JSON.stringify({ fixedMs: meanMs(wrappers("")), publishedMs: meanMs(wrappers(".published")) }));
