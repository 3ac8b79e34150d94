"""The pandas peer of `retail-lab rfm` (issue 16), run by bench/speed.ts on the same file in the same run.

    /usr/bin/python3 bench/rfm_peer.py TRANSACTIONS.csv OUT.csv

The pandas way of the same work, end to end in one process: read_csv (identifiers and texts as
text, quantity and unitPrice as numbers by pandas' C parser), drop_duplicates over all columns,
invoiceDate parsed with its exact format, the cleaning filters (invoice not starting with "C",
quantity > 0, unitPrice > 0, a customer ID), a groupby per customer (last purchase day, distinct
invoices, sum of quantity x unitPrice, sum of quantity), recency from the day after the last
invoice day of the sales, to_csv. Prints one JSON line: seconds, peak RSS in MB, customers.
Our RFM also scores and segments; pandas does less work here, never more.
"""
import json
import resource
import sys
import time

import pandas as pd


def main(path, out):
    started = time.perf_counter()
    text = {c: str for c in ("invoice", "stockCode", "description", "customerId", "country")}
    df = pd.read_csv(path, dtype=text, keep_default_na=False, na_values=[""])
    df = df.drop_duplicates()
    df["invoiceDate"] = pd.to_datetime(df["invoiceDate"], format="%Y-%m-%d %H:%M:%S")
    sales = df[~df["invoice"].str.strip().str.startswith("C") & (df["quantity"] > 0) & (df["unitPrice"] > 0)]
    lines = sales[sales["customerId"].notna()].copy()
    lines["amount"] = lines["quantity"] * lines["unitPrice"]
    snapshot = sales["invoiceDate"].max().normalize() + pd.Timedelta(days=1)
    g = lines.groupby("customerId").agg(
        last=("invoiceDate", "max"), frequency=("invoice", "nunique"), monetary=("amount", "sum"), units=("quantity", "sum"),
    )
    g["recency"] = (snapshot - g["last"].dt.normalize()).dt.days
    g["monetary"] = g["monetary"].round(2)
    g[["recency", "frequency", "monetary", "units"]].sort_index().to_csv(out)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peakMb": peak, "customers": len(g), "pandas": pd.__version__}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
