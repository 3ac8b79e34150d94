// Special functions beside logGamma: digamma, trigamma, ln Γ ratios, the hypergeometric 2F1.
// Reference values from scipy.special 1.10 (digamma, polygamma) and mpmath 1.2 at 40 digits
// (hyp2f1, loggamma differences), typed in with the call that produced them.
import { describe, expect, it } from "vitest";
import { digamma, hyp2f1, hyp2f1Excess, hyp2f1ExcessMany, logGammaRatio, trigamma } from "../../src/stats/index";

const EULER = 0.5772156649015329;
const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe("digamma and trigamma", () => {
  it("match their closed forms", () => {
    expect(digamma(1)).toBeCloseTo(-EULER, 14); // ψ(1) = -γ
    expect(digamma(2)).toBeCloseTo(1 - EULER, 14); // ψ(2) = ψ(1) + 1/1
    expect(digamma(0.5)).toBeCloseTo(-EULER - 2 * Math.log(2), 14); // ψ(1/2) = -γ - 2 ln 2
    expect(trigamma(1)).toBeCloseTo(Math.PI ** 2 / 6, 14); // ψ1(1) = ζ(2)
    expect(trigamma(0.5)).toBeCloseTo(Math.PI ** 2 / 2, 13); // ψ1(1/2) = π²/2
  });
  it("match scipy.special near 0, in the middle and far out", () => {
    // scipy.special.digamma(x), scipy.special.polygamma(1, x)
    const cases: [number, number, number][] = [
      [0.243, -4.351093864423211, 18.14177978709583],
      [1e-3, -1000.5755719318103, 1000001.6425331959],
      [3.7, 1.1671535393615113, 0.31003785767003833],
      [100, 4.600161852738088, 0.010050166663333573],
      [1e8, 18.420680738952367, 1.000000005e-8],
    ];
    for (const [x, psi, tri] of cases) {
      expect(rel(digamma(x), psi)).toBeLessThan(1e-14);
      expect(rel(trigamma(x), tri)).toBeLessThan(1e-14);
    }
  });
  it("refuses x <= 0", () => {
    expect(() => digamma(0)).toThrow(/x > 0/);
    expect(() => trigamma(-1)).toThrow(/x > 0/);
  });
});

describe("logGammaRatio", () => {
  it("is ln Γ(z + d) - ln Γ(z) for small and huge z", () => {
    expect(logGammaRatio(5, 2)).toBeCloseTo(Math.log(30), 13); // 6! / 4! = 30
    expect(logGammaRatio(7, 0)).toBe(0);
    // mpmath: loggamma(z + d) - loggamma(z)
    expect(rel(logGammaRatio(1e8, 2.5), 46.051701878630915)).toBeLessThan(1e-14);
    expect(rel(logGammaRatio(45.3, 0.75), 2.857914576258782)).toBeLessThan(1e-14);
    expect(rel(logGammaRatio(1e4, 3), 27.631321090931547)).toBeLessThan(1e-14);
    expect(rel(logGammaRatio(31, 400.5), 2109.7531923447195)).toBeLessThan(1e-14);
    // Γ(1e8 + 1) / Γ(1e8) = 1e8
    expect(rel(logGammaRatio(1e8, 1), Math.log(1e8))).toBeLessThan(1e-15);
  });
});

describe("hyp2f1", () => {
  it("matches -ln(1 - z) / z for 2F1(1, 1; 2; z), directly and through Pfaff's transformation", () => {
    expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(2 * Math.log(2), 14);
    expect(hyp2f1(1, 1, 2, -3)).toBeCloseTo(Math.log(4) / 3, 14); // -ln(1 + 3) / -3
    expect(hyp2f1(1, 1, 2, 0.9)).toBeCloseTo(-Math.log(0.1) / 0.9, 12);
    expect(hyp2f1(2, 3, 4, 0)).toBe(1);
  });
  it("matches mpmath.hyp2f1 on both sides of 0", () => {
    const cases: [number, number, number, number, number][] = [
      [2.243, 4.426, 4.219, 0.5, 5.161693901383613],
      [1.5, 2.5, 3.2, -0.4, 0.6702168260512708],
      [0.7, 3.1, 1.4, 0.9, 106.26198770569499],
      [2.2, 0.3, 4.1, -3.5, 0.7400098877619355],
      [5, 7, 3, 0.2, 11.722246805826824],
      [0.24, 1.5, 2.3, -12, 0.6101878428959782],
    ];
    for (const [a, b, c, z, want] of cases) expect(rel(hyp2f1(a, b, c, z), want)).toBeLessThan(1e-13);
  });
  it("hyp2f1Excess stays finite at c = 0: for a = b = 1 it is Σ n zⁿ = z / (1 - z)²", () => {
    // terms (2)_{n-1} (2)_{n-1} / ((1)_{n-1} n!) zⁿ = n! n! / ((n-1)! n!) zⁿ = n zⁿ
    expect(hyp2f1Excess(1, 1, 0, 0.5)).toBeCloseTo(2, 14); // 0.5 / 0.25
    expect(hyp2f1Excess(1, 1, 2, 0.5)).toBeCloseTo(2 * (2 * Math.log(2) - 1), 14); // (2F1 - 1) c / (ab)
    // elsewhere it is (2F1 - 1) c / (ab), mpmath's 2F1(0.7, 3.1; 1.4; 0.9) = 106.26198770569499
    expect(rel(hyp2f1Excess(0.7, 3.1, 1.4, 0.9), ((106.26198770569499 - 1) * 1.4) / (0.7 * 3.1))).toBeLessThan(1e-13);
  });
  it("hyp2f1ExcessMany sums several z at once, each as hyp2f1Excess alone", () => {
    const out = new Float64Array(2);
    hyp2f1ExcessMany(1, 1, 0, [0.5, -0.5], out);
    expect(out[0]).toBeCloseTo(2, 14); // 0.5 / 0.5²
    expect(out[1]).toBeCloseTo(-0.5 / 2.25, 14); // -0.5 / 1.5²
    const zs = [-0.49, -0.1, 0, 0.2, 0.61];
    const many = new Float64Array(zs.length);
    hyp2f1ExcessMany(3.243, -0.207, 4.219, zs, many);
    zs.forEach((z, j) => expect(many[j]).toBe(hyp2f1Excess(3.243, -0.207, 4.219, z)));
  });
  it("refuses arguments outside its domain", () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(/z < 1/);
    expect(() => hyp2f1(1, 1, 0, 0.2)).toThrow(/c > 0/);
    expect(() => hyp2f1Excess(1, 1, -1.5, 0.2)).toThrow(/c > -1/);
  });
});
