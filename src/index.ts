/**
 * Retail Lab: the one public entry that notebooks, the CLI and tests import.
 *
 * Data flows one way: load (data/) -> clean (clean/) -> analyses (eda/, rfm/, features/ ->
 * clusters/, series/ -> forecasts/, products/, cohorts/, experiments/) -> display (charts/ build figures,
 * display/ shows tables, charts and findings).
 */
export * from "./model";
export * from "./errors";
export * from "./util/index";
export * from "./data/index";
export * from "./clean/index";
export * from "./eda/index";
export * from "./rfm/index";
export * from "./io/index";
export * from "./generate/index";
export * from "./series/index";
export * from "./forecasts/index";
export * from "./features/index";
export * from "./clusters/index";
export * from "./products/index";
export * from "./cohorts/index";
export * from "./experiments/index";
export * from "./charts/index";
export * from "./display/index";
