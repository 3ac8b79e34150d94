/** The refusals of clv, churn, crm and migration (issue 13's bad input, and their command lines). */
import { join } from "path";
import { shopCsv, UCI_HEADER } from "../cli/clv-data";
import type { BadInputCase } from "./types";

/** 20 customers, purchases 2011-01-07 to 2011-05-26; 16 buy more than once (customers 5, 10, 15, 20 buy once). */
const SHOP_20 = shopCsv(20);
/** 200 customers, purchases 2011-01-01 to 2011-07-18. */
const SHOP_200 = shopCsv(200);
/** Three lines whose spend is zero or negative: a unit price of 0, a negative price, a negative quantity. */
const NO_SPEND = `${UCI_HEADER}\n1,A1,mug,1,2011-01-01 10:00:00,0,5,United Kingdom\n2,A1,mug,1,2011-01-02 10:00:00,-1.5,5,United Kingdom\n3,A1,mug,-2,2011-01-03 10:00:00,1.5,6,France\n`;
const OLD = "old export, must survive\n";

export const CLV_CASES: BadInputCase[] = [
  // issue 13's list
  {
    name: "clv with fewer than 30 customers with repeat purchases",
    files: { "t.csv": SHOP_20, "clv.csv": OLD },
    args: (d) => ["clv", "--input", join(d, "t.csv"), "--calibration-end", "2011-05-26", "--out", join(d, "clv.csv")],
    message:
      "retail-lab clv: The BG/NBD model needs at least 30 customers with repeat purchases in the calibration period, and there are 16: choose a later calibration end or use more data.",
    untouched: ["clv.csv"],
  },
  {
    name: "clv with a calibration end after the data",
    files: { "t.csv": SHOP_200 },
    args: (d) => ["clv", "--input", join(d, "t.csv"), "--calibration-end", "2011-12-31"],
    message:
      "retail-lab clv: The calibration end 2011-12-31 is outside the data, whose purchases run from 2011-01-01 to 2011-07-18: choose a day in that range.",
  },
  {
    name: "clv with a calibration end before the data",
    files: { "t.csv": SHOP_200 },
    args: (d) => ["clv", "--input", join(d, "t.csv"), "--calibration-end", "2010-06-30"],
    message: "retail-lab clv: The calibration end 2010-06-30 is outside the data, whose purchases run from 2011-01-01 to 2011-07-18",
  },
  {
    name: "clv with a holdout end past the data",
    files: { "t.csv": SHOP_200 },
    args: (d) => ["clv", "--input", join(d, "t.csv"), "--calibration-end", "2011-04-30", "--holdout-end", "2011-09-30"],
    message:
      "retail-lab clv: The holdout end 2011-09-30 is past the data, whose last purchase is on 2011-07-18: the holdout period would not be fully observed.",
  },
  {
    name: "clv with a holdout end before the calibration end",
    files: { "t.csv": SHOP_200 },
    args: (d) => ["clv", "--input", join(d, "t.csv"), "--calibration-end", "2011-04-30", "--holdout-end", "2011-03-31"],
    message: "retail-lab clv: The holdout end 2011-03-31 must come after the calibration end 2011-04-30.",
  },
  {
    name: "clv on data whose every line has zero or negative spend",
    files: { "t.csv": NO_SPEND },
    args: (d) => ["clv", "--input", join(d, "t.csv"), "--calibration-end", "2011-01-02"],
    message: /^retail-lab clv: \S+t\.csv has no customer purchase lines after cleaning \(of 3 lines: 0 cancellations, 1 with quantity 0 or less, 2 with unit price 0 or less, 0 without a customer\): the CLV and churn models need purchases of positive value by identified customers\.$/,
  },
  {
    name: "churn with a test cutoff before the training labels end (leakage)",
    files: { "t.csv": SHOP_200 },
    args: (d) => ["churn", "--input", join(d, "t.csv"), "--train-cutoff", "2011-03-01", "--test-cutoff", "2011-04-01", "--horizon-days", "60"],
    message:
      "retail-lab churn: The test cutoff 2011-04-01 comes before the training labels end on 2011-04-30 (training cutoff 2011-03-01 plus 60 days): the test features would overlap the training labels (leakage); choose a test cutoff on or after 2011-04-30.",
  },
  {
    name: "churn with a horizon past the end of the data",
    files: { "t.csv": SHOP_200, "churn.csv": OLD },
    args: (d) => ["churn", "--input", join(d, "t.csv"), "--train-cutoff", "2011-02-01", "--test-cutoff", "2011-05-01", "--horizon-days", "90", "--out", join(d, "churn.csv")],
    message:
      "retail-lab churn: The test cutoff 2011-05-01 plus the horizon of 90 days ends on 2011-07-30, past the last purchase in the data (2011-07-18): the churn labels would not be observed; choose an earlier cutoff or a shorter horizon.",
    untouched: ["churn.csv"],
  },
  {
    name: "churn with a training cutoff before the first purchase",
    files: { "t.csv": SHOP_200 },
    args: (d) => ["churn", "--input", join(d, "t.csv"), "--train-cutoff", "2010-12-01", "--test-cutoff", "2011-03-01", "--horizon-days", "30"],
    message: "retail-lab churn: The training cutoff 2010-12-01 is before the first purchase in the data (2011-01-01): no customer exists yet.",
  },
  {
    name: "crm with a cutoff after the data",
    files: { "t.csv": SHOP_200 },
    args: (d) => ["crm", "--input", join(d, "t.csv"), "--cutoff", "2011-08-01", "--out", join(d, "crm.csv")],
    message: "retail-lab crm: The cutoff 2011-08-01 is after the last purchase in the data (2011-07-18).",
  },
  {
    name: "migration needing snapshots before the data",
    files: { "t.csv": SHOP_200 },
    args: (d) => ["migration", "--input", join(d, "t.csv"), "--from", "Loyal Customers", "--cutoff", "2011-05-01", "--out", join(d, "m.csv")],
    message:
      "retail-lab migration: Segment migration at 2011-05-01 needs snapshots at 2010-11-02 and 2011-01-31 (two horizons of 90 days earlier), and the data start on 2011-01-01: choose a later cutoff or a shorter horizon.",
  },
  // the command lines
  {
    name: "clv without a calibration end",
    args: () => ["clv"],
    message: "retail-lab clv: retail-lab clv needs --calibration-end YYYY-MM-DD. See retail-lab clv --help.",
  },
  {
    name: "clv with a calibration end that is not a calendar day",
    args: () => ["clv", "--calibration-end", "2011-02-30"],
    message: 'retail-lab clv: --calibration-end must be a calendar day written YYYY-MM-DD (e.g. 2011-12-09), not "2011-02-30".',
  },
  {
    name: "clv with a unit of months",
    args: () => ["clv", "--calibration-end", "2011-09-30", "--unit", "month"],
    message: 'retail-lab clv: --unit must be week or day, not "month".',
  },
  {
    name: "clv with a discount of 100% or more",
    args: () => ["clv", "--calibration-end", "2011-09-30", "--discount", "1"],
    message: 'retail-lab clv: --discount must be a monthly rate of at least 0 and below 1 (0.01 is 1% a month), not "1".',
  },
  {
    name: "clv with a discount written with a decimal comma",
    args: () => ["clv", "--calibration-end", "2011-09-30", "--discount", "0,01"],
    message: 'retail-lab clv: --discount must be a monthly rate of at least 0 and below 1 (0.01 is 1% a month), not "0,01" (write decimals with a point: 0.01).',
  },
  {
    name: "clv with a horizon of 0 months",
    args: () => ["clv", "--calibration-end", "2011-09-30", "--months", "0"],
    message: 'retail-lab clv: --months must be a whole number from 1 to 600, not "0".',
  },
  {
    name: "clv predicting 0 units ahead",
    args: () => ["clv", "--calibration-end", "2011-09-30", "--predict", "0"],
    message: 'retail-lab clv: --predict must be a whole number from 1 to 100,000, not "0".',
  },
  {
    name: "clv with customer profiles it does not read",
    files: { "c.csv": "CustomerID,Age\n5,30\n" },
    args: (d) => ["clv", "--calibration-end", "2011-09-30", "--customers", join(d, "c.csv")],
    message: "retail-lab clv: --customers would be ignored: clv does not read a customer profiles table; leave it out.",
  },
  {
    name: "clv --out naming its input",
    files: { "t.csv": SHOP_200 },
    args: (d) => ["clv", "--input", join(d, "t.csv"), "--calibration-end", "2011-04-30", "--out", join(d, "t.csv")],
    message: /^retail-lab clv: --out \S+t\.csv is the input \S+t\.csv: writing it would destroy the data it is computed from; name another file\.$/,
    untouched: ["t.csv"],
  },
  {
    name: "churn without a test cutoff",
    args: () => ["churn", "--train-cutoff", "2011-06-01"],
    message: "retail-lab churn: retail-lab churn needs --test-cutoff YYYY-MM-DD. See retail-lab churn --help.",
  },
  {
    name: "churn with a horizon of 0 days",
    args: () => ["churn", "--train-cutoff", "2011-06-01", "--test-cutoff", "2011-09-01", "--horizon-days", "0"],
    message: 'retail-lab churn: --horizon-days must be a whole number from 1 to 3,650, not "0".',
  },
  {
    name: "migration from a segment that does not exist",
    args: (d) => ["migration", "--from", "Loyal Customer", "--out", join(d, "m.csv")],
    message:
      'retail-lab migration: --from names "Loyal Customer", which is not an RFM segment: segments are Hibernating, At Risk, Can\'t Lose Them, About To Sleep, Need Attention, Loyal Customers, Promising, New Customers, Potential Loyalists, Champions.',
  },
  {
    name: "migration naming a segment twice",
    args: (d) => ["migration", "--from", "Champions,Champions", "--out", join(d, "m.csv")],
    message: 'retail-lab migration: --from names "Champions" twice: list each segment once.',
  },
  {
    name: "migration without --out",
    args: () => ["migration", "--from", "Champions"],
    message: "retail-lab migration: retail-lab migration needs --out FILE.csv. See retail-lab migration --help.",
  },
  {
    name: "crm --out naming a folder",
    files: { "t.csv": SHOP_200 },
    args: (d) => ["crm", "--input", join(d, "t.csv"), "--out", d],
    message: /^retail-lab crm: \S+ is a folder, not a regular file: it is left alone; name a new file or an existing regular file\.$/,
  },
];
