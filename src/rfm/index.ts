export * from "./scores";
export * from "./segments";
export * from "./rfm";
export * from "./summary";
export * from "./actions";
