export * from "./kernel";
export * from "./table";
export * from "./markdown";
export * from "./chart";
export { renderPng, closeRenderer, findChromium, plotlyJsPath, CHROMIUM_ARGS } from "./png";
