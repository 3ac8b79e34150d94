export * from "./monthly";
export * from "./when";
export * from "./where";
export * from "./what";
export * from "./baskets";
