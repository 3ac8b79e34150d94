/** Campaign experiments: bad tables, bad designs and misused options of `retail-lab experiment design|assign|analyze`. */
import { join } from "path";
import type { BadInputCase } from "./types";

/** A per-customer experiment: arms A (control) and B, three customers each. */
const PER_CUSTOMER = "group,visit,spend,history,channel\nA,0,0,10,web\nA,1,5.5,20,web\nA,0,0,15,phone\nB,1,7,30,web\nB,1,0,10,phone\nB,0,3,25,web\n";
/** The same with an arm C of one customer. */
const ONE_IN_C = `${PER_CUSTOMER}C,1,2,10,web\n`;
/** The same with a history that is 10 for everyone. */
const FLAT_HISTORY = PER_CUSTOMER.replace(/,(10|20|15|30|25),/g, ",10,");
const HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
/** Purchases of two customers to 2011-01-03: customer 5 is "Need Attention", 6 "Hibernating". */
const SMALL = `${HEADER}\n1,A1,mug,1,2011-01-01 10:00:00,1.5,5,United Kingdom\n2,A1,mug,2,2011-01-02 10:00:00,1.5,6,France\n3,A1,mug,1,2011-01-03 10:00:00,1.5,5,United Kingdom\n`;
const OLD = "old export, must survive\n";

/** `experiment analyze` of the per-customer file t.csv in `d`, with the options given. */
const analyze = (d: string, ...args: string[]) => ["experiment", "analyze", "--input", join(d, "t.csv"), "--arm-column", "group", "--no-bootstrap", ...args];

export const EXPERIMENT_CASES: BadInputCase[] = [
  // the list
  {
    name: "experiment analyze: a control arm that is not in the data",
    files: { "t.csv": PER_CUSTOMER },
    args: (d) => analyze(d, "--control", "Control", "--metrics", "visit"),
    message: 'retail-lab experiment analyze: The control arm "Control" is not in column group (arms found: A, B).',
  },
  {
    name: "experiment analyze: a design share for an arm that is not in the data",
    files: { "t.csv": PER_CUSTOMER },
    args: (d) => analyze(d, "--control", "A", "--metrics", "visit", "--shares", "A:40,B:40,D:20"),
    message: 'retail-lab experiment analyze: The design\'s arm "D" has no customers in column group (arms found: A, B).',
  },
  {
    name: "experiment analyze: a metric column that is not numeric",
    files: { "t.csv": PER_CUSTOMER },
    args: (d) => analyze(d, "--control", "A", "--metrics", "visit,channel"),
    message: /retail-lab experiment analyze: \S+t\.csv: column "channel" row 1 has "web", which is not a finite number \(6 such rows\)\.$/,
  },
  {
    name: "experiment analyze: a number with a decimal comma in a metric column",
    files: { "t.csv": PER_CUSTOMER.replace("A,1,5.5,20", 'A,1,"5,5",20') },
    args: (d) => analyze(d, "--control", "A", "--metrics", "spend"),
    message: /column "spend" row 2 has "5,5", which is not a finite number \(1 such row\)\. It has a decimal comma/,
  },
  {
    name: "experiment analyze: a binary metric with a value other than 0 and 1",
    files: { "t.csv": PER_CUSTOMER },
    args: (d) => analyze(d, "--control", "A", "--metrics", "spend:proportion"),
    message: /retail-lab experiment analyze: \S+t\.csv: column "spend" row 2 has 5\.5, but it is declared a proportion, which takes only 0 and 1\.$/,
  },
  {
    name: "experiment analyze: an arm with one customer",
    files: { "t.csv": ONE_IN_C },
    args: (d) => analyze(d, "--control", "A", "--metrics", "visit"),
    message: 'retail-lab experiment analyze: The arm "C" has 1 customer: a comparison needs at least two in every arm.',
  },
  {
    name: "experiment analyze: a covariate with no variance",
    files: { "t.csv": FLAT_HISTORY },
    args: (d) => analyze(d, "--control", "A", "--metrics", "spend", "--covariate", "history"),
    message: 'retail-lab experiment analyze: The covariate "history" has the same value (10) for every customer: it has no variance to adjust with.',
  },
  {
    name: "experiment assign: arm shares that do not add up to 100",
    files: { "w.csv": OLD },
    args: (d) => ["experiment", "assign", "--name", "x", "--segment", "At Risk", "--arms", "control:50,offer:40", "--out", join(d, "w.csv")],
    message: "retail-lab experiment assign: The arm shares must add up to 100%, not 90% (control 50%, offer 40%).",
    untouched: ["w.csv"],
  },
  {
    name: "experiment analyze: design shares that do not add up to 100",
    files: { "t.csv": PER_CUSTOMER },
    args: (d) => analyze(d, "--control", "A", "--metrics", "visit", "--shares", "A:50,B:60"),
    message: "retail-lab experiment analyze: The arm shares must add up to 100%, not 110% (A 50%, B 60%).",
  },
  // the tables
  {
    name: "experiment analyze: an empty arm",
    files: { "t.csv": PER_CUSTOMER.replace("B,1,0,10", ",1,0,10") },
    args: (d) => analyze(d, "--control", "A", "--metrics", "visit"),
    message: /\S+t\.csv: column "group" is empty at row 5; every customer needs an arm\.$/,
  },
  {
    name: "experiment analyze: a metric column that is not in the table",
    files: { "t.csv": PER_CUSTOMER },
    args: (d) => analyze(d, "--control", "A", "--metrics", "conversion"),
    message: /\S+t\.csv has no metric column "conversion" \(columns: group, visit, spend, history, channel\)\.$/,
  },
  {
    name: "experiment analyze: an assignment that assigns a customer twice",
    files: { "t.csv": SMALL, "a.csv": "customerId,arm\n5,control\n6,offer\n5,offer\n" },
    args: (d) => ["experiment", "analyze", "--input", join(d, "t.csv"), "--assignment", join(d, "a.csv"), "--control", "control", "--metrics", "conversion", "--start", "2011-01-02", "--window-days", "2"],
    message: /\S+a\.csv: customerId 5 is assigned twice \(rows 1 and 3\); each customer has one arm\.$/,
  },
  {
    name: "experiment analyze: a window that runs past the end of the data",
    files: { "t.csv": SMALL, "a.csv": "customerId,arm\n5,control\n6,offer\n" },
    args: (d) => ["experiment", "analyze", "--input", join(d, "t.csv"), "--assignment", join(d, "a.csv"), "--control", "control", "--metrics", "conversion", "--start", "2011-01-02", "--window-days", "7"],
    message: "retail-lab experiment analyze: The window of 7 days from 2011-01-02 ends on 2011-01-08, after the last purchase day in the data (2011-01-03): days the data does not have would count as days without purchases; start earlier or shorten the window.",
  },
  {
    name: "experiment design: a segment nobody is in",
    files: { "t.csv": SMALL },
    args: (d) => ["experiment", "design", "--input", join(d, "t.csv"), "--segment", "Whales", "--mde", "0.1", "--window-days", "1"],
    message: /retail-lab experiment design: No customer is in a segment named "Whales" on 2011-01-03 \(RFM of the purchases before it\)\. Segments then: /,
  },
  {
    name: "experiment assign: a segment that does not exist",
    files: { "t.csv": SMALL, "w.csv": OLD },
    args: (d) => ["experiment", "assign", "--input", join(d, "t.csv"), "--name", "x", "--segment", "Whales", "--out", join(d, "w.csv")],
    message: /retail-lab experiment assign: No segment named "Whales"\. Segments in this data: /,
    untouched: ["w.csv"],
  },
  {
    name: "experiment assign: stratifying by a column the customers do not have",
    files: { "t.csv": SMALL, "w.csv": OLD },
    args: (d) => ["experiment", "assign", "--input", join(d, "t.csv"), "--name", "x", "--segment", "Hibernating", "--stratify", "age", "--out", join(d, "w.csv")],
    message: 'retail-lab experiment assign: Cannot stratify by "age": the customers table has no such column (columns: customerId, segment, country, region).',
    untouched: ["w.csv"],
  },
  {
    name: "experiment assign: --out naming the input",
    files: { "t.csv": SMALL },
    args: (d) => ["experiment", "assign", "--input", join(d, "t.csv"), "--name", "x", "--segment", "Hibernating", "--out", join(d, "t.csv")],
    message: "is the input",
    untouched: ["t.csv"],
  },
  // option misuse
  {
    name: "experiment: an unknown subcommand",
    args: () => ["experiment", "analyse"],
    message: 'retail-lab experiment: unknown subcommand "analyse". Subcommands: design, assign, analyze. See retail-lab experiment --help.',
  },
  {
    name: "experiment design without --mde",
    args: () => ["experiment", "design", "--baseline", "0.05"],
    message: "retail-lab experiment design: retail-lab experiment design needs --mde X. See retail-lab experiment design --help.",
  },
  {
    name: "experiment design: an MDE written as a percentage",
    args: () => ["experiment", "design", "--baseline", "0.05", "--mde", "1%"],
    message: 'retail-lab experiment design: --mde takes a decimal number written with a point, like 0.05; not "1%".',
  },
  {
    name: "experiment design: a baseline rate above 1",
    args: () => ["experiment", "design", "--baseline", "5", "--mde", "0.01"],
    message: "retail-lab experiment design: The baseline rate must be a number between 0 and 1 (exclusive), not 5.",
  },
  {
    name: "experiment design: a power below the significance level",
    args: () => ["experiment", "design", "--baseline", "0.05", "--mde", "0.01", "--power", "0.01"],
    message: "retail-lab experiment design: The power (0.01) must be above the significance level (0.05): no sample size gives less.",
  },
  {
    name: "experiment design: --baseline with --segment (the segment measures its own rate)",
    args: () => ["experiment", "design", "--segment", "At Risk", "--baseline", "0.05", "--mde", "0.01"],
    message: "retail-lab experiment design: --baseline would be ignored: --segment measures the segment's own conversion rate; leave one of them out.",
  },
  {
    name: "experiment design: --window-days without --segment",
    args: () => ["experiment", "design", "--baseline", "0.05", "--mde", "0.01", "--window-days", "14"],
    message: "retail-lab experiment design: --window-days would be ignored: without --segment the design reads no data; leave one of them out.",
  },
  {
    name: "experiment design: revenue without a segment to take the spread from",
    args: () => ["experiment", "design", "--metric", "revenue", "--mde", "5"],
    message: "retail-lab experiment design: A revenue design needs --segment NAME: the standard deviation of revenue per customer comes from the segment's own customers.",
  },
  {
    name: "experiment design: an unknown metric",
    args: () => ["experiment", "design", "--metric", "clicks", "--baseline", "0.1", "--mde", "0.01"],
    message: 'retail-lab experiment design: --metric must be conversion or revenue, not "clicks".',
  },
  {
    name: "experiment analyze: a metric kind that does not exist",
    files: { "t.csv": PER_CUSTOMER },
    args: (d) => analyze(d, "--control", "A", "--metrics", "visit:binary"),
    message: 'retail-lab experiment analyze: --metrics: "visit:binary" declares the kind "binary"; a metric is column, column:proportion (0/1 values) or column:mean.',
  },
  {
    name: "experiment analyze: a metric named twice",
    files: { "t.csv": PER_CUSTOMER },
    args: (d) => analyze(d, "--control", "A", "--metrics", "visit,spend,visit"),
    message: 'retail-lab experiment analyze: --metrics names "visit" twice: list each once.',
  },
  {
    name: "experiment analyze: a per-customer table without --arm-column",
    files: { "t.csv": PER_CUSTOMER },
    args: (d) => ["experiment", "analyze", "--input", join(d, "t.csv"), "--control", "A", "--metrics", "visit"],
    message: "retail-lab experiment analyze: An analysis of a per-customer table needs --arm-column COL: the column naming each customer's arm.",
  },
  {
    name: "experiment analyze: --start without --assignment",
    files: { "t.csv": PER_CUSTOMER },
    args: (d) => analyze(d, "--control", "A", "--metrics", "visit", "--start", "2011-01-01"),
    message: "retail-lab experiment analyze: --start would be ignored: only an analysis from --assignment and transactions reads it; leave one of them out.",
  },
  {
    name: "experiment analyze: --covariate with --assignment (the covariate is the pre-period revenue)",
    files: { "t.csv": SMALL, "a.csv": "customerId,arm\n5,control\n6,offer\n" },
    args: (d) => ["experiment", "analyze", "--input", join(d, "t.csv"), "--assignment", join(d, "a.csv"), "--control", "control", "--metrics", "revenue", "--start", "2011-01-02", "--window-days", "2", "--covariate", "history"],
    message: "retail-lab experiment analyze: --covariate would be ignored: with --assignment the covariate is the revenue of the --pre-days days before --start; leave one of them out.",
  },
  {
    name: "experiment analyze: a metric transactions do not measure",
    files: { "t.csv": SMALL, "a.csv": "customerId,arm\n5,control\n6,offer\n" },
    args: (d) => ["experiment", "analyze", "--input", join(d, "t.csv"), "--assignment", join(d, "a.csv"), "--control", "control", "--metrics", "spend", "--start", "2011-01-02", "--window-days", "2"],
    message: 'retail-lab experiment analyze: --metrics "spend": an analysis from --assignment measures conversion, revenue, orders, units.',
  },
  {
    name: "experiment analyze: --seed with --no-bootstrap",
    files: { "t.csv": PER_CUSTOMER },
    args: (d) => analyze(d, "--control", "A", "--metrics", "visit", "--seed", "3"),
    message: "retail-lab experiment analyze: --seed would be ignored: --no-bootstrap leaves the bootstrap out; leave one of them out.",
  },
  {
    name: "experiment analyze: too few bootstrap resamples",
    files: { "t.csv": PER_CUSTOMER },
    args: (d) => ["experiment", "analyze", "--input", join(d, "t.csv"), "--arm-column", "group", "--control", "A", "--metrics", "spend", "--resamples", "10"],
    message: 'retail-lab experiment analyze: --resamples must be a whole number from 100 to 1,000,000, not "10".',
  },
  {
    name: "experiment assign: an assignment day that is not a date",
    files: { "t.csv": SMALL },
    args: (d) => ["experiment", "assign", "--input", join(d, "t.csv"), "--name", "x", "--segment", "Hibernating", "--date", "2011-02-30", "--out", join(d, "w.csv")],
    message: 'retail-lab experiment assign: The assignment date must be a calendar day written YYYY-MM-DD (e.g. 2011-12-09), not "2011-02-30".',
    untouched: ["w.csv"],
  },
];
