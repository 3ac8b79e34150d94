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
