/**
 * Campaign experiments, from design to lift: sample sizes (design), a deterministic split
 * (assign), per-customer outcomes (outcomes), the comparisons with the control (analyze,
 * compare, cuped, bootstrap), per-segment breakdowns (breakdown), their reading in sentences and
 * chart data (read), and a seeded campaign simulator for the honesty checks (simulate). Each CLI
 * subcommand and notebook step is one call: proportionDesign / meanDesignFromValues (+
 * sampleSizeTradeoff), assignArms (+ parseArmShares), analyzeExperiment or analyzeAssignment,
 * readResult and liftChartData.
 */
export * from "./design";
export * from "./assign";
export * from "./outcomes";
export * from "./compare";
export * from "./cuped";
export * from "./bootstrap";
export * from "./analyze";
export * from "./breakdown";
export * from "./read";
export * from "./simulate";
