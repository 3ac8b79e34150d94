export * from "./clean";
export * from "./nonProduct";
