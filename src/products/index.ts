/** Product performance and inventory: performance audit, Pareto (ABC), stock alignment, categories. */
export * from "./catalogue";
export * from "./descriptions";
export * from "./performance";
export * from "./pareto";
export * from "./stock";
export * from "./categories";
export * from "./audit";
export * from "./actions";
