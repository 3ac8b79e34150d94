/**
 * Generic statistics: special functions and distributions that several domains use (CLV
 * likelihoods, experiment tests, forecast intervals). Nothing here knows about retail.
 */
export { logGamma, logBeta } from "./gamma";
