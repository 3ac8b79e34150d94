/**
 * The canonical data model, documented once. Every loader produces these column names and
 * types; every analysis reads only these. Tables are nodejs-polars DataFrames; row types below
 * describe one row of each table, for readers and for the few places that hold rows as objects.
 */
import type { DataFrame } from "nodejs-polars";

/**
 * One line of a sales export: one product on one invoice.
 * Columns of a transactions DataFrame, in this order:
 * - `invoice` (Utf8): invoice number; a leading `C` marks a cancellation (UCI convention).
 * - `stockCode` (Utf8): product code.
 * - `description` (Utf8, nullable): product description, trimmed, inner spaces collapsed.
 * - `quantity` (Float64): units; negative on returns.
 * - `invoiceDate` (Datetime ms, naive local time of the shop).
 * - `unitPrice` (Float64): price of one unit, in the shop's currency.
 * - `customerId` (Utf8, nullable): null when the sale is anonymous.
 * - `country` (Utf8, nullable).
 */
export interface Transaction {
  invoice: string;
  stockCode: string;
  description: string | null;
  quantity: number;
  invoiceDate: Date;
  unitPrice: number;
  customerId: string | null;
  country: string | null;
}

/** Column names of the transactions table, in canonical order. */
export const TRANSACTION_COLUMNS = [
  "invoice",
  "stockCode",
  "description",
  "quantity",
  "invoiceDate",
  "unitPrice",
  "customerId",
  "country",
] as const;
export type TransactionColumn = (typeof TRANSACTION_COLUMNS)[number];

/**
 * A customer profile (optional table). `customerId` (Utf8) is the key; any other columns
 * (signupDate, age, gender, country, income, ...) are kept as the source has them.
 */
export interface Customer {
  customerId: string;
  signupDate?: Date | null;
  age?: number | null;
  gender?: string | null;
  country?: string | null;
  income?: number | null;
  [profile: string]: unknown;
}

/**
 * A catalogue entry (optional table). `stockCode` (Utf8) is the key; `category` (Utf8),
 * `stockLevel` (Float64, units on hand) and `unitCost` (Float64) are used where present.
 */
export interface Product {
  stockCode: string;
  description?: string | null;
  category?: string | null;
  stockLevel?: number | null;
  unitCost?: number | null;
  [attribute: string]: unknown;
}

/** Related tables of one retailer, joined on `customerId` and `stockCode`. */
export interface Dataset {
  /** Where the data came from (a path or a description), for reports. */
  source: string;
  transactions: DataFrame;
  customers?: DataFrame;
  products?: DataFrame;
}
