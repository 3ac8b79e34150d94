/**
 * Small shops for the CLV and churn CLI tests, as UCI-layout CSV text: customer i (1-based) makes
 * 1 + (i mod 5) purchases, the first on day (7 i mod 120) of 2011, then one every 9 + (i mod 13)
 * days, each one line of quantity 1. With `constantSpend` every purchase of a customer has the
 * same value, 20 e^{0.3 x sin(2.3 i)} with x = i mod 5 its repeat purchases: no variation within
 * a customer, and a spread between customers that grows with x, which the Gamma-Gamma model can
 * only fit as p -> ∞ (its boundary); otherwise the j-th purchase (0-based) is worth
 * (5 + i)(1 + (j mod 3) / 4).
 *
 * Customer IDs are `idPrefix` (default "C") and i in three digits: C001. The purchases of 20
 * customers run from 2011-01-07 to 2011-05-26, of 200 from 2011-01-01 to 2011-07-18.
 *
 * Example: customer 1 buys twice, on 2011-01-08 and 2011-01-18 (10 days later), worth 6 and 7.5.
 */
export const UCI_HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

export function shopCsv(customers: number, options: { constantSpend?: boolean; idPrefix?: string } = {}): string {
  const lines = [UCI_HEADER];
  let invoice = 1;
  for (let i = 1; i <= customers; i++) {
    const first = (7 * i) % 120;
    for (let j = 0; j <= i % 5; j++) {
      const day = new Date(Date.UTC(2011, 0, 1 + first + j * (9 + (i % 13))));
      const price = options.constantSpend ? +(20 * Math.exp(0.3 * (i % 5) * Math.sin(2.3 * i))).toFixed(2) : (5 + i) * (1 + (j % 3) / 4);
      lines.push(`${invoice++},A1,mug,1,${day.toISOString().slice(0, 10)} 10:00:00,${price},${options.idPrefix ?? "C"}${String(i).padStart(3, "0")},United Kingdom`);
    }
  }
  return lines.join("\n") + "\n";
}
