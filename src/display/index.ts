export {
  inKernel, sendBundle, type MimeBundle,
} from "./kernel";
export {
  escapeHtml, visibleRows, tableHtml, tableText, showTable, type TableOptions,
} from "./table";
export {
  showMarkdown, bullets, markdownTable,
} from "./markdown";
export {
  chartBundle, showChart, plotlyDivHtml, PLOTLY_MIME,
} from "./chart";
export { renderPng, closeRenderer, findChromium, plotlyJsPath, CHROMIUM_ARGS } from "./png";
