/** Loyalty and retention: monthly cohorts, the repeat-purchase curve, the loyalty threshold, purchase gaps. */
export * from "./orders";
export * from "./retention";
export * from "./repeat";
export * from "./loyalty";
export * from "./actions";
