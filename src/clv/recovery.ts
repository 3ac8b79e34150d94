/**
 * The check on planted behaviour: customers drawn from the BG/NBD and Gamma-Gamma processes with
 * known parameters (`simulateCustomers`), both models fitted to what an analyst would see (x,
 * t_x, T, mean repeat spend), and two questions answered:
 *
 * - are the planted parameters recovered? For each, z = (estimate - planted) / standard error;
 *   |z| < 2 for about 95% of parameters when the fit is right;
 * - are the planted churners (customers whose dropout happened before their calibration end T)
 *   ranked high by the fit's churn score 1 - P(alive)? Measured by ROC AUC over all customers
 *   (0.5 is chance, 1 a perfect ranking); customers without a repeat purchase cannot have
 *   dropped out in this model and have P(alive) = 1.
 *
 * Example: planted r = 0.243, estimate 0.248 with standard error 0.004: z = 1.25.
 */
import { rocAuc } from "../stats/index";
import { bgnbdPredict, fitBgNbd, BGNBD_PARAMS, type BgNbdFit } from "./bgnbd";
import { countRepeaters } from "./data";
import { fitGammaGamma, repeatSpendData, GAMMA_GAMMA_PARAMS, type GammaGammaFit } from "./gamma-gamma";
import { simulateCustomers, type SimulationOptions } from "./simulate";

/** One planted parameter against its estimate. */
export interface ParameterRecovery {
  model: "BG/NBD" | "Gamma-Gamma";
  parameter: string;
  planted: number;
  estimate: number;
  /** null when the fit did not converge (no standard errors) */
  standardError: number | null;
  /** (estimate - planted) / standardError; null without a standard error */
  z: number | null;
}

/** What the check found. */
export interface PlantedRecovery {
  customers: number;
  repeaters: number;
  bgnbd: BgNbdFit;
  gammaGamma: GammaGammaFit;
  parameters: ParameterRecovery[];
  /** the largest |z| over the parameters; null when a fit has no standard errors */
  maxAbsZ: number | null;
  /** simulated customers who dropped out before their T */
  churners: number;
  /** ROC AUC of 1 - P(alive) for the planted churners, over all customers */
  churnerAuc: number;
  /** holdout purchases predicted by the fit and made by the simulated customers (0 when no holdout) */
  holdoutPredicted: number;
  holdoutActual: number;
}

/** Simulates with `options`, fits both models and compares (see the file comment). */
export function plantedRecovery(options: SimulationOptions): PlantedRecovery {
  const sim = simulateCustomers(options);
  const bgnbd = fitBgNbd(sim);
  const gammaGamma = fitGammaGamma(repeatSpendData(sim.frequency, sim.monetary));
  const row = <K extends string>(model: ParameterRecovery["model"], names: readonly K[], planted: Record<K, number>, fit: { params: Record<K, number>; standardErrors: Record<K, number> | null }) =>
    names.map((k): ParameterRecovery => {
      const se = fit.standardErrors?.[k] ?? null;
      return { model, parameter: k, planted: planted[k], estimate: fit.params[k], standardError: se, z: se === null ? null : (fit.params[k] - planted[k]) / se };
    });
  const parameters = [...row("BG/NBD", BGNBD_PARAMS, options.bgnbd, bgnbd), ...row("Gamma-Gamma", GAMMA_GAMMA_PARAMS, options.gammaGamma, gammaGamma)];
  const zs = parameters.map((p) => p.z);
  const maxAbsZ = zs.every((z): z is number => z !== null) ? Math.max(...zs.map(Math.abs)) : null;
  const { pAlive, expectedPurchases } = bgnbdPredict(bgnbd.params, sim, options.holdout ?? 0);
  const churned = Float64Array.from(sim.aliveAtT, (alive) => 1 - alive);
  let churners = 0, holdoutPredicted = 0, holdoutActual = 0;
  for (let i = 0; i < churned.length; i++) {
    churners += churned[i];
    holdoutPredicted += expectedPurchases[i];
    holdoutActual += sim.holdoutPurchases[i];
  }
  return {
    customers: sim.frequency.length,
    repeaters: countRepeaters(sim.frequency),
    bgnbd,
    gammaGamma,
    parameters,
    maxAbsZ,
    churners,
    churnerAuc: rocAuc(pAlive.map((p) => 1 - p), churned),
    holdoutPredicted,
    holdoutActual,
  };
}
