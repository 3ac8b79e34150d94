/**
 * Charts: plotly figures as plain objects (`Figure`: data and layout, no HTML, no browser),
 * themed once. Every builder's name ends in `Chart`; src/display shows them.
 */
export { CHART_SIZE, PALETTE, themed, titleText, type Figure } from "./theme";
export { TITLE_FONT_SIZE, TITLE_LINE_HEIGHT, textWidth, wrapTitle } from "./titles";
export {
  barChart, groupedBarChart, heatmapChart, histogramChart, lineChart, treemapChart, logBins, powerOfTenTicks, SEQUENTIAL_BLUES,
  type Labels, type LogBins,
} from "./basic";
export {
  clusterColor, clusterHistogramsChart, crosstabHeatmapChart, elbowChart, kDistanceChart, methodSizesChart, pcaScatterChart, rfmScatter3dChart,
  type ClusterHistogramsChartOptions, type EpsMark, type CrosstabHeatmapChartOptions, type RfmScatter3dChartOptions,
} from "./clusters";
export { dendrogramChart, type DendrogramChartOptions } from "./dendrogram";
export { percentLabel, repeatCurveChart, retentionHeatmapChart, RETENTION_COLORSCALE } from "./cohorts";
export {
  closedDaysChart, coverageChart, errorByModelChart, forecastChart, forecastSmallMultiplesChart, holdoutChart, weekdayProfileChart,
} from "./forecasts";
export { categoryChart, daysOfCoverChart, paretoChart, quadrantChart, QUADRANT_COLORS } from "./products";
export { liftChart, logTicks, pValueChart, sampleSizeChart, type EffectUnit } from "./experiments";
export {
  ACTUAL_COLOR, PREDICTED_COLOR, clvBySegmentChart, clvDistributionChart, holdoutByFrequencyChart, holdoutTotalsChart, spendFrequencyChart,
} from "./clv";
export { calibrationChart, churnLiftChart, migrationHeatmapChart, precisionRecallChart, rocChart, thinCurve } from "./churn";
