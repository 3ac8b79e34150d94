/**
 * Generic statistics: special functions and distributions that several domains use (CLV
 * likelihoods, experiment tests, forecast intervals). Nothing here knows about retail.
 */
export { logGamma, logBeta } from "./gamma";
export { regularizedBeta, regularizedGamma, type Tails } from "./incomplete";
export {
  normalTails, normalCdf, normalSf, normalPdf, normalQuantile, normalQuantileUpper,
  studentTTails, studentTCdf, studentTSf, studentTPdf, studentTQuantile, studentTQuantileUpper,
  chiSquareTails, chiSquareCdf, chiSquareSf,
} from "./distributions";
export { logGammaRatio } from "./gamma-ratio";
export { digamma, trigamma } from "./polygamma";
export { hyp2f1, hyp2f1Excess, hyp2f1ExcessMany } from "./hypergeometric";
export { betaQuadrature, type BetaQuadrature } from "./quadrature";
export { cholesky, choleskySolve, inverseSpd, type Matrix } from "./linalg";
export {
  minimizeNewton,
  minimizePositive,
  numericalHessian,
  type Evaluation,
  type NewtonOptions,
  type NewtonProblem,
  type NewtonResult,
  type PositiveOptions,
} from "./optimize";
export { gammaVariate, betaVariate, exponentialVariate } from "./variates";
export { fitLogisticRegression, logisticProbabilities, sigmoid, type LogisticFit } from "./logistic";
export {
  rocAuc,
  rocCurve,
  averagePrecision,
  precisionRecallCurve,
  brierScore,
  calibrationBins,
  topShareLift,
  liftCurve,
  type CalibrationBin,
  type CurvePoint,
} from "./classification";
