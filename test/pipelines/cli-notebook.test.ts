/**
 * The CLI and the notebooks produce the same tables for the same options (issue 12): each test runs
 * the real bin (`retail-lab ...`), computes the table the notebook's cell computes by calling the
 * same src functions with the notebook's options, and compares them; then compares the CLI's
 * figures with the numbers the committed, executed notebook displays (notebooks 03, 04 and 05 run
 * on the shipped UCI file).
 */
import { readFileSync } from "fs";
import { join } from "path";
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { withReadableCover } from "../../src/cli/commands/products";
import { cleanDataset, cleanTransactions } from "../../src/clean/index";
import { clusterPoints, clusterProfiles, elbow, nameClusters, proposeK } from "../../src/clusters/index";
import { datasetFiles } from "../../src/data/default";
import { loadDataset } from "../../src/data/load";
import { customerFeatures } from "../../src/features/index";
import { holdoutMase, succeededForecasts, forecastTable } from "../../src/forecasts/index";
import { writeCsv } from "../../src/io/index";
import { dailyForecasts, productAuditWithDemand } from "../../src/pipelines/index";
import { productAuditTable } from "../../src/products/index";
import { fmtCell, round } from "../../src/util/index";
import { cli } from "../cli/run";
import { REPO_DATA, tempDir } from "../helpers";

const UCI = join(REPO_DATA, "online_retail.csv.gz");
const NOTEBOOKS = join(__dirname, "..", "..", "notebooks");

/** The `mime` outputs (text/markdown, or text/plain for tables) of the executed notebook's code cell whose source contains `marker`, joined. */
function displayed(notebook: string, marker: string, mime: "text/markdown" | "text/plain" = "text/markdown"): string {
  const nb = JSON.parse(readFileSync(join(NOTEBOOKS, notebook), "utf8")) as { cells: { cell_type: string; source: string[]; outputs?: { data?: Record<string, string[]> }[] }[] };
  const cell = nb.cells.find((c) => c.cell_type === "code" && c.source.join("").includes(marker));
  if (!cell) throw new Error(`${notebook} has no cell with ${marker}`);
  return (cell.outputs ?? []).flatMap((o) => (o.data?.[mime] ? [o.data[mime].join("")] : [])).join("\n");
}

/** "1,668" -> 1668 */
const int = (text: string) => Number(text.replace(/,/g, ""));

function ok(r: { status: number | null; stderr: string }) {
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
}

describe("clusters: `retail-lab clusters` and notebook 03", () => {
  const dir = tempDir();
  const out = join(dir, "clusters.csv");
  const r = cli(["clusters", "--input", UCI, "--json", "--out", out]);
  const json = JSON.parse(r.stdout);
  // notebook 03's cells: RFM columns, k = 1..10, 10 restarts, seed 0, the proposed k, every numeric feature profiled
  const clean = cleanTransactions(loadDataset({ transactions: UCI }).transactions);
  const features = customerFeatures(clean.customerLines, clean.returns);
  const numeric = ["recency", "frequency", "monetary", "units", "avgBasket", "distinctProducts", "returnRate", "tenure", "q4Share"];
  const curve = elbow(clusterPoints(features, ["recency", "frequency", "monetary"]), { kMin: 1, kMax: 10, restarts: 10, seed: 0 });
  const proposal = proposeK(curve);
  const labels = curve.points[proposal.k - 1].labels;
  const profiles = clusterProfiles(features, labels, { revenueColumn: "monetary", columns: numeric });
  const names = nameClusters(profiles);

  it("the same elbow, proposed k and per-customer clusters and names", () => {
    ok(r);
    expect(json.elbow.map((p: { inertia: number }) => p.inertia)).toEqual(curve.points.map((p) => round(p.inertia, 3)));
    expect(json.elbow.map((p: { sizes: number[] }) => p.sizes)).toEqual(curve.points.map((p) => p.sizes));
    expect(json.proposed.k).toBe(proposal.k);
    const csv = pl.readCSV(readFileSync(out, "utf8"), { inferSchemaLength: 0 });
    expect(csv.getColumn("customerId").toArray()).toEqual(features.getColumn("customerId").toArray());
    expect(csv.getColumn("cluster").toArray().map(Number)).toEqual(labels);
    const nameOf = new Map(names.map((n) => [n.cluster, n.name]));
    expect(csv.getColumn("name").toArray()).toEqual(labels.map((c) => nameOf.get(c)));
    expect(json.clusters).toEqual(profiles.map((p) => ({ cluster: p.cluster, name: nameOf.get(p.cluster), size: p.size, revenueShare: round(p.revenueShare, 4) })));
  });

  it("the numbers the executed notebook shows", () => {
    expect(displayed("03-clustering.ipynb", "profilesTable(profiles, names)", "text/plain")).toContain(`Profiles of the ${json.proposed.k} clusters`);
    const text = displayed("03-clustering.ipynb", "profilesTable(profiles, names)");
    const shown = [...text.matchAll(/^- \*\*(.+?)\*\* \(cluster (\d+)\): ([\d,]+) customers \(([\d.]+)%\) bringing ([\d.]+)% of revenue/gm)]
      .map((m) => ({ cluster: Number(m[2]), name: m[1], size: int(m[3]), revenuePct: m[5] }));
    expect(shown.length).toBe(json.clusters.length);
    expect(shown).toEqual(json.clusters.map((c: { cluster: number; name: string; size: number; revenueShare: number }) =>
      ({ cluster: c.cluster, name: c.name, size: c.size, revenuePct: (c.revenueShare * 100).toFixed(1) })));
  });
});

describe("products: `retail-lab products` and notebook 05", () => {
  /** The CLI's CSV and the one the notebook's audit (`productAuditWithDemand`, as its cell calls it) writes, as text. */
  async function both(input: string) {
    const dir = tempDir();
    const r = cli(["products", "--input", input, "--out", join(dir, "cli.csv")]);
    ok(r);
    const data = loadDataset(datasetFiles(input));
    const { audit } = await productAuditWithDemand(cleanTransactions(data.transactions).sales, data.products);
    writeCsv(join(dir, "notebook.csv"), withReadableCover(productAuditTable(audit)));
    return { r, cli: readFileSync(join(dir, "cli.csv"), "utf8"), notebook: readFileSync(join(dir, "notebook.csv"), "utf8") };
  }

  it("UCI (no stock levels): the same bytes, and the counts the executed notebook shows", async () => {
    const t = await both(UCI);
    expect(t.cli).toBe(t.notebook);
    const csv = pl.readCSV(t.cli, { inferSchemaLength: 0 });
    const quadrants = displayed("05-products-inventory.ipynb", "quadrantChart(");
    const count = (q: string) => csv.filter(pl.col("quadrant").eq(pl.lit(q))).height;
    const stars = /Stars\*\* \(above the median on both revenue and units\): ([\d,]+) products/.exec(quadrants);
    const under = /Underperformers\*\* \(below on both\): ([\d,]+) products/.exec(quadrants);
    expect(int(stars![1])).toBe(count("Stars"));
    expect(int(under![1])).toBe(count("Underperformers"));
    const pareto = /The top 20% of products \(([\d,]+) of ([\d,]+)\)/.exec(displayed("05-products-inventory.ipynb", "paretoChart("));
    expect(int(pareto![2])).toBe(csv.height); // UCI has no catalogue: every row is a sold product
    const classA = /Class A, the products making the first 80% of revenue, holds ([\d,]+) products/.exec(displayed("05-products-inventory.ipynb", "paretoChart("));
    expect(int(classA![1])).toBe(csv.filter(pl.col("abcClass").eq(pl.lit("A"))).height);
  });

  it("a generated shop with stock levels: the same bytes, days of cover from the same forecast demand", async () => {
    const dir = join(tempDir(), "generated");
    ok(cli(["generate", "--rows", "20000", "--seed", "3", "--out", dir]));
    const t = await both(dir);
    expect(t.cli).toBe(t.notebook);
    // the case where they used to differ: 30 products' demand is forecast, not their velocity
    const csv = pl.readCSV(t.cli, { inferSchemaLength: 0 });
    expect(csv.filter(pl.col("demandSource").eq(pl.lit("forecast"))).height).toBe(30);
  });
});

describe("forecasts: `retail-lab forecast` and notebook 04", () => {
  const dir = tempDir();
  const out = join(dir, "forecast.csv");
  // the notebook's options (horizon 28, holdout 28, 80% and 95% intervals), on the top 5 products by units
  // rather than 50 (each series is forecast on its own, so these are the first five of the notebook's 50)
  const r = cli(["forecast", "--input", UCI, "--products", "top:5", "--json", "--out", out]);

  it("the same forecasts, the same held-out scores, and the figures the executed notebook shows", async () => {
    ok({ status: r.status, stderr: r.stderr });
    const json = JSON.parse(r.stdout.slice(r.stdout.indexOf("[")));
    const sales = cleanDataset(loadDataset({ transactions: UCI })).sales;
    const { batch } = await dailyForecasts(sales, { products: { top: 5 } });
    writeCsv(join(dir, "notebook.csv"), forecastTable(succeededForecasts(batch), [0.8, 0.95]));
    expect(readFileSync(out, "utf8")).toBe(readFileSync(join(dir, "notebook.csv"), "utf8"));
    expect(json.map((s: { series: string }) => s.series)).toEqual(batch.results.map((b) => b.seriesId));
    expect(json.map((s: { model?: string }) => s.model ?? null)).toEqual(batch.results.map((b) => (b.status === "failed" ? null : b.chosenModel)));
    expect(json.map((s: { mase?: number | null }) => s.mase ?? null)).toEqual(batch.results.map((b) => (b.status === "failed" ? null : holdoutMase(b, "chosen"))));

    // notebook 04's per-product table (resultsFrame), its first five rows: seriesId, status, chosenModel, backtestMase, holdoutMase
    const shown = displayed("04-daily-sales-forecast.ipynb", "resultsFrame(", "text/plain").split("\n").filter((l) => /^\S+\s+(ok|failed)\b/.test(l)).slice(0, 5)
      .map((l) => l.split(/\s{2,}/));
    expect(shown.map((cells) => cells[0])).toEqual(json.map((s: { series: string }) => s.series));
    json.forEach((s: { error?: string; model?: string; mase?: number }, i: number) => {
      expect(shown[i][1]).toBe(s.error ? "failed" : "ok");
      if (!s.error) {
        expect(shown[i][2]).toBe(s.model);
        expect(shown[i][4]).toBe(fmtCell(s.mase)); // the CLI's full-precision MASE as a table cell shows it
      }
    });
  });
});
