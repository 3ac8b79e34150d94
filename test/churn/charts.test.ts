import { describe, expect, it } from "vitest";
import { calibrationChart } from "../../src/charts/index";
import type { ModelCurves } from "../../src/churn/index";

const curves = (name: string, bins: [number, number, number][]): ModelCurves => ({
  name, auc: 0.5, averagePrecision: 0.5, roc: [], precisionRecall: [], lift: [],
  calibration: bins.map(([lower, meanPredicted, observedRate]) => ({ lower, upper: lower + 0.1, count: 10, meanPredicted, observedRate })),
});

describe("calibrationChart", () => {
  it("draws each model's bins as a line with markers, one bin as a marker alone (a line needs two points)", () => {
    const f = calibrationChart([
      curves("two bins", [[0.1, 0.15, 0.2], [0.8, 0.85, 0.7]]),
      // 1 - P(alive) when every customer is alive: all predictions 0, one bin
      curves("one bin", [[0, 0, 0.43]]),
    ]);
    const [twoBins, oneBin, diagonal] = f.data as { mode: string; x: number[]; y: number[] }[];
    expect([twoBins.mode, twoBins.x, twoBins.y]).toEqual(["lines+markers", [0.15, 0.85], [0.2, 0.7]]);
    expect([oneBin.mode, oneBin.x, oneBin.y]).toEqual(["markers", [0], [0.43]]);
    expect([diagonal.x, diagonal.y]).toEqual([[0, 1], [0, 1]]);
  });
});
