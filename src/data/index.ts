export * from "./dates";
export * from "./mapping";
export * from "./read";
export * from "./load";
export * from "./default";
export * from "./sql";
