/** Customer lifetime value: purchase occasions, the BG/NBD and Gamma-Gamma models, CLV, validation, simulation. */
export {
  calibrationEndDay,
  calibrationSummary,
  calibrationSummaryOf,
  checkCustomerLines,
  dayNumberOfInput,
  daysPerUnit,
  holdoutActuals,
  holdoutActualsOf,
  purchaseOccasions,
  summaryArrays,
  type DayInput,
  type HoldoutOptions,
  type SummaryArrays,
  type SummaryOptions,
  type TimeUnit,
} from "./occasions";
export { MIN_REPEAT_CUSTOMERS, checkRepeatData, type RepeatData } from "./data";
export { PARAMETER_BOUNDS, fmtParameter, type FitVerdict, type Params } from "./fit";
export {
  BGNBD_PARAMS,
  bgnbdExpectedIfAlive,
  bgnbdExpectedIfAliveMany,
  bgnbdExpectedPurchases,
  bgnbdLogLikelihood,
  bgnbdLogLikelihoodDerivatives,
  bgnbdNoPurchaseProbability,
  bgnbdPAlive,
  bgnbdPredict,
  fitBgNbd,
  type BgNbdFit,
  type BgNbdParams,
  type BgNbdPredictions,
} from "./bgnbd";
export { NBD_PARAMS, fitNbd, nbdLogLikelihood } from "./nbd";
export {
  GAMMA_GAMMA_PARAMS,
  expectedSpend,
  fitGammaGamma,
  fitNoWithinCustomerVariation,
  gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodDerivatives,
  pearsonCorrelation,
  repeatSpendData,
  type GammaGammaFit,
  type GammaGammaParams,
  type SpendData,
} from "./gamma-gamma";
export { checkClvOptions, clvBySegment, customerLifetimeValues, type ClvOptions } from "./value";
export { holdoutComparison, type HoldoutComparison, type HoldoutData, type HoldoutTotals } from "./validation";
export { simulateCustomers, type SimulatedCustomers, type SimulationOptions } from "./simulate";
export { plantedRecovery, type ParameterRecovery, type PlantedRecovery } from "./recovery";
export { customerValue, segmentsAt, type CustomerValueOptions, type CustomerValueResult } from "./analysis";
