/**
 * Plotly figures of customer lifetime value, as plain `Figure` objects `{ data, layout }`
 * (plotly.js 3: titles are `{ text }` objects): the holdout validation the way Fader, Hardie &
 * Lee draw it, the spend-frequency check of the Gamma-Gamma model, and CLV across customers and
 * segments. Nothing here draws: src/display shows them.
 */
import type { DataFrame } from "nodejs-polars";
import type { HoldoutTotals } from "../clv/index";
import { PALETTE, type Figure } from "./theme";
import { numbers, strings } from "../util/index";
import { histogramChart } from "./basic";

const axis = (text: string, extra: Record<string, unknown> = {}) => ({ title: { text }, automargin: true, ...extra });

/** Colours of what happened and what the model predicted, in every CLV chart. */
export const ACTUAL_COLOR = PALETTE[0];
export const PREDICTED_COLOR = PALETTE[1];

/**
 * The classic validation chart: mean repeat purchases per customer in the holdout period,
 * actual and predicted, for each calibration frequency group ("0", "1", ..., "7+"), from
 * `holdoutComparison(...).byFrequency`. The group sizes are in the axis labels.
 */
export function holdoutByFrequencyChart(byFrequency: DataFrame, unitLabel = "weeks", holdoutLength?: number): Figure {
  const groups = strings(byFrequency, "frequency");
  const customers = numbers(byFrequency, "customers");
  const x = groups.map((g, i) => `${g} (${customers[i].toLocaleString("en-GB")})`);
  const line = (name: string, column: string, color: string, dash?: string) => ({
    type: "scatter", mode: "lines+markers", name, x, y: numbers(byFrequency, column), line: { color, dash }, marker: { color },
    hovertemplate: `x = %{x}: %{y:.2f} purchases per customer<extra>${name}</extra>`,
  });
  const period = holdoutLength === undefined ? "the holdout" : `the ${+holdoutLength.toFixed(2)}-${unitLabel.replace(/s$/, "")} holdout`;
  return {
    data: [line("Actual", "actualOccasions", ACTUAL_COLOR), line("BG/NBD prediction", "predictedOccasions", PREDICTED_COLOR, "dash")],
    layout: {
      title: { text: `Repeat purchases per customer in ${period}, by purchases in the calibration period` },
      xaxis: axis("Repeat purchases in the calibration period (customers)", { type: "category" }),
      yaxis: axis("Mean repeat purchases in the holdout", { rangemode: "tozero" }),
      legend: { orientation: "h", y: -0.25 },
    },
  };
}

/**
 * Holdout totals side by side: repeat purchases (left) and spend (right), actual against
 * predicted (expected purchases times expected spend per purchase), summed over customers.
 */
export function holdoutTotalsChart(totals: HoldoutTotals, currency = "£"): Figure {
  const bar = (name: string, color: string, x: string, y: number, axes: { xaxis: string; yaxis: string }, showlegend: boolean, money: boolean) => ({
    type: "bar", name, x: [x], y: [y], marker: { color }, legendgroup: name, showlegend, ...axes,
    text: [money ? `${currency}${Math.round(y).toLocaleString("en-GB")}` : Math.round(y).toLocaleString("en-GB")], textposition: "outside",
    hovertemplate: `${name}: %{text}<extra></extra>`,
  });
  const left = { xaxis: "x", yaxis: "y" }, right = { xaxis: "x2", yaxis: "y2" };
  return {
    data: [
      bar("Actual", ACTUAL_COLOR, "repeat purchases", totals.actualOccasions, left, true, false),
      bar("Predicted", PREDICTED_COLOR, "repeat purchases", totals.predictedOccasions, left, true, false),
      bar("Actual", ACTUAL_COLOR, "spend", totals.actualSpend, right, false, true),
      bar("Predicted", PREDICTED_COLOR, "spend", totals.predictedSpend, right, false, true),
    ],
    layout: {
      title: { text: `Holdout totals over ${totals.customers.toLocaleString("en-GB")} customers: actual and predicted` },
      barmode: "group",
      xaxis: axis("", { domain: [0, 0.45] }),
      yaxis: axis("Repeat purchases", { rangemode: "tozero" }),
      xaxis2: axis("", { domain: [0.55, 1], anchor: "y2" }),
      yaxis2: axis(`Spend, ${currency}`, { anchor: "x2", rangemode: "tozero" }),
      legend: { orientation: "h", y: -0.2 },
    },
  };
}

/**
 * The Gamma-Gamma independence check: each repeat customer's mean repeat spend (log axis)
 * against their number of repeat purchases (log axis), from a table with `frequency` and
 * `monetary` (a calibration summary or `perCustomer`), with the Pearson correlation in the title.
 */
export function spendFrequencyChart(customers: DataFrame, correlation: number, currency = "£"): Figure {
  const frequency = numbers(customers, "frequency"), monetary = numbers(customers, "monetary");
  const idx = frequency.map((_, i) => i).filter((i) => frequency[i] > 0 && monetary[i] > 0);
  return {
    data: [{
      type: "scatter", mode: "markers", name: "repeat customers", x: idx.map((i) => frequency[i]), y: idx.map((i) => monetary[i]),
      marker: { color: PALETTE[0], size: 5, opacity: 0.45 },
      hovertemplate: `%{x} repeat purchases, mean ${currency}%{y:,.2f}<extra></extra>`,
    }],
    layout: {
      title: { text: `Mean repeat spend against repeat purchases (correlation ${correlation.toFixed(3)})` },
      xaxis: axis("Repeat purchases in the calibration period (log)", { type: "log" }),
      yaxis: axis(`Mean spend of a repeat purchase, ${currency} (log)`, { type: "log" }),
    },
  };
}

/**
 * The distribution of CLV across customers (the `clv` column of `perCustomer`), binned on a log
 * scale (`histogram` with `logX`); customers with a CLV of 0 or less, which a log axis cannot
 * show, are counted in the title.
 */
export function clvDistributionChart(customers: DataFrame, months: number, currency = "£"): Figure {
  const values = numbers(customers, "clv");
  const positive = values.filter((v) => v > 0);
  const left = values.length - positive.length;
  const title = `Expected ${months}-month CLV per customer (log scale)` + (left > 0 ? `; ${left.toLocaleString("en-GB")} at 0 not shown` : "");
  return histogramChart(positive, { title, x: `CLV, ${currency} (log)`, y: "customers" }, { bins: 50, logX: true });
}

/**
 * CLV per RFM segment, from `clvBySegment`: total CLV per segment as horizontal bars (largest
 * on top), labelled with the segment's share of the total, its customers and mean CLV.
 */
export function clvBySegmentChart(bySegment: DataFrame, months: number, currency = "£"): Figure {
  const segments = strings(bySegment, "segment");
  const total = numbers(bySegment, "totalClv");
  const share = numbers(bySegment, "clvShare");
  const customers = numbers(bySegment, "customers");
  const mean = numbers(bySegment, "meanClv");
  const money = (v: number) => `${currency}${Math.round(v).toLocaleString("en-GB")}`;
  return {
    data: [{
      type: "bar", orientation: "h", x: total, y: segments, marker: { color: PALETTE[2] },
      text: segments.map((_, i) => `${(share[i] * 100).toFixed(1)}% · ${customers[i].toLocaleString("en-GB")} customers · mean ${money(mean[i])}`),
      textposition: "auto",
      hovertemplate: `%{y}: ${currency}%{x:,.0f}<br>%{text}<extra></extra>`,
    }],
    layout: {
      title: { text: `Expected ${months}-month CLV by RFM segment` },
      xaxis: axis(`Total CLV, ${currency}`),
      yaxis: axis("", { autorange: "reversed", type: "category" }),
      height: Math.max(360, 34 * segments.length + 140),
    },
  };
}
