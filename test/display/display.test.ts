import pl from "nodejs-polars";
import { afterAll, describe, expect, it } from "vitest";
import {
  chartBundle, closeRenderer, inKernel, markdownTable, plotlyDivHtml, PLOTLY_MIME,
  sendBundle, showChart, showMarkdown, showTable, tableHtml, tableText, visibleRows,
} from "../../src/display/index";
import { fmtCell, fmtInt, fmtMoney, fmtPct } from "../../src/util/index";
import { barChart, histogramChart } from "../../src/charts/basic";
import { decodePng, inkPixels } from "../png";

afterAll(() => closeRenderer());

describe("formatting", () => {
  it("formats integers, money, percents and cells", () => {
    expect(fmtInt(1234567.8)).toBe("1,234,568");
    expect(fmtMoney(-1234.5, "£", 2)).toBe("-£1,234.50");
    expect(fmtPct(0.1234)).toBe("12.3%");
    expect(fmtCell(null)).toBe("");
    expect(fmtCell(new Date("2011-01-02T00:00:00Z"))).toBe("2011-01-02");
    expect(fmtCell(new Date("2011-01-02T08:26:00Z"))).toBe("2011-01-02 08:26:00");
    expect(fmtCell(2.5)).toBe("2.50");
  });
  it("writes whole numbers as en-GB's number format does, without loading it", () => {
    // halves away from zero (2.5 -> 3, -2.5 -> -3), a minus on anything negative that rounds to 0, groups of three
    expect([0, -0, -0.3, 0.5, 2.5, -2.5, 999.5, 999999.5, -1234567.49, 0.49999999999999994].map((x) => fmtInt(x)))
      .toEqual(["0", "-0", "-0", "1", "3", "-3", "1,000", "1,000,000", "-1,234,567", "0"]);
    // the reference itself, on whole numbers, halves and random values from 1e-3 to 2^53 (a fixed LCG, so the same cases each run)
    const cases = [2 ** 53 - 1, 2 ** 53, 1e21, 123456789012345.5];
    for (let i = 0, u = 12345; i < 2000; i++) {
      u = (u * 1103515245 + 12345) % 2 ** 31;
      const x = (u / 2 ** 31 - 0.5) * 10 ** (i % 17);
      cases.push(x, Math.round(x) + 0.5);
    }
    for (const x of cases) expect(fmtInt(x)).toBe(x.toLocaleString("en-GB", { minimumFractionDigits: 0, maximumFractionDigits: 0 }));
  });
});

describe("tables", () => {
  const df = pl.DataFrame({ name: ["a<b", "c", "d", "e"], value: [1, 2.5, 3, 4] });
  it("chooses head and tail rows", () => {
    expect(visibleRows(3, 10)).toEqual({ head: [0, 1, 2], tail: [] });
    expect(visibleRows(100, 4)).toEqual({ head: [0, 1], tail: [98, 99] });
  });
  it("renders shape, types, escaped cells and the gap", () => {
    const html = tableHtml(df, { limit: 2, title: "T" });
    expect(html).toContain("4 rows × 2 columns");
    expect(html).toContain("a&lt;b");
    expect(html).not.toContain("a<b");
    expect(html).toContain("2 more rows");
    expect(html).toContain('<span class="dtype">f64</span>');
    expect(html).toContain('<td class="num">4</td>');
  });
  it("renders aligned text", () => {
    expect(tableText(df, { limit: 10 }).split("\n")).toEqual([
      "4 rows × 2 columns", "name  value", "a<b   1", "c     2.50", "d     3", "e     4",
    ]);
  });
  it("writes markdown tables", () => {
    expect(markdownTable(["a", "b"], [["1", "x|y"]])).toBe("| a | b |\n| --- | --- |\n| 1 | x\\|y |");
  });
});

describe("outside a kernel", () => {
  it("knows it is not in a kernel and sends nothing, without throwing", async () => {
    expect(inKernel()).toBe(false);
    expect(sendBundle({ "text/plain": "x" })).toBe(false);
    expect(() => showTable(pl.DataFrame({ a: [1] }))).not.toThrow();
    expect(() => showMarkdown("**x**")).not.toThrow();
    await expect(showChart(barChart(["a"], [1], { title: "t" }))).resolves.toBeUndefined();
  });
});

describe("charts", () => {
  it("bundle carries the figure and a PNG of it drawn in Chromium", async () => {
    const b = await chartBundle(barChart(["a", "b"], [1, 3], { title: "Two bars" }), { width: 400, height: 300 });
    expect(Object.keys(b).sort()).toEqual([PLOTLY_MIME, "image/png", "text/plain"].sort());
    const png = Buffer.from(b["image/png"] as string, "base64");
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(400); // IHDR width
    expect(png.readUInt32BE(20)).toBe(300); // IHDR height
    expect((b[PLOTLY_MIME] as { data: unknown[] }).data).toHaveLength(1);
    expect(b["text/plain"]).toBe("[chart] Two bars");
  });
  it("draws different figures as different images", async () => {
    const a = await chartBundle(barChart(["a"], [1], { title: "A" }), { width: 300, height: 200 });
    const c = await chartBundle(barChart(["a"], [1], { title: "C" }), { width: 300, height: 200 });
    expect(a["image/png"]).not.toBe(c["image/png"]);
  });
  it("draws the bars of a log-scale histogram (plotly's own histogram on a log axis draws none)", async () => {
    // skewed counts like RFM frequency: 300 customers with 1 order, 120 with 2, 40 with 5, 10 with 40, 2 with 200
    const values = [...Array(300).fill(1), ...Array(120).fill(2), ...Array(40).fill(5), ...Array(10).fill(40), 200, 200];
    // the plot area inside the themed margins (l 70, r 30, t 60, b 60), 2 px in from its edges
    const plotArea = { x: 72, y: 62, w: 900 - 100 - 4, h: 480 - 120 - 4 };
    const ink = async (fig: Parameters<typeof chartBundle>[0]) =>
      inkPixels(decodePng(Buffer.from((await chartBundle(fig))["image/png"] as string, "base64")), plotArea);
    expect(await ink(histogramChart(values, { title: "orders" }, { bins: 60, logX: true }))).toBeGreaterThan(5000);
    // the figure histogram(..., { logX: true }) used to return: an empty frame, which the check sees
    const old = { data: [{ type: "histogram", x: values, nbinsx: 60 }], layout: { title: { text: "orders" }, xaxis: { type: "log" } } };
    expect(await ink(old)).toBe(0);
  });
  it("writes report HTML that is deterministic and cannot close its script early", () => {
    const fig = { data: [{ type: "bar", x: ["</script>"], y: [1] }], layout: {} };
    const h = plotlyDivHtml(fig, 1);
    expect(h).toBe(plotlyDivHtml(fig, 1));
    expect(h.match(/<\/script>/g)).toHaveLength(1);
    expect(h).toMatch(/^<div id="rl-chart-1-[0-9a-f]{8}"/);
  });
});
