"""Reference RFM segment counts on the UCI Online Retail file under both tie rules, computed
independently of src/ with pandas (rank method "min" and "first").

Run from the repository root with Debian's Python (pandas 1.5):
    /usr/bin/python3 test/reference/rfm_ties_uci.py > test/reference/rfm_ties_uci.json

Definitions as in the README and src/rfm/rfm.ts: cleaning drops exact duplicate rows, then
keeps lines whose invoice does not start with C, quantity > 0, unit price > 0 and a customer ID;
snapshot = the day after the last invoice day of those sales (with or without customer);
recency = whole days from the customer's last purchase day to the snapshot, frequency =
distinct invoices, monetary = sum of quantity x unit price rounded to cents; score =
1 + floor(5 (rank - 1) / n), recency ranked descending; segments from the R and F digits.
"""
import json
import math
import re
import sys

import pandas as pd

raw = pd.read_csv("data/online_retail.csv.gz", dtype=str, keep_default_na=False, encoding="latin-1")
raw = raw[~raw.duplicated(keep="first")]
raw["Quantity"] = raw["Quantity"].astype(int)
raw["UnitPrice"] = raw["UnitPrice"].astype(float)
raw["InvoiceDate"] = pd.to_datetime(raw["InvoiceDate"])
sales = raw[~raw["InvoiceNo"].str.strip().str.startswith("C") & (raw["Quantity"] > 0) & (raw["UnitPrice"] > 0)]
lines = sales[sales["CustomerID"].str.strip() != ""].copy()
snapshot = sales["InvoiceDate"].max().normalize() + pd.Timedelta(days=1)
lines["amount"] = lines["Quantity"] * lines["UnitPrice"]
g = lines.groupby("CustomerID")
m = pd.DataFrame({
    "recency": (snapshot - g["InvoiceDate"].max().dt.normalize()).dt.days,
    "frequency": g["InvoiceNo"].nunique(),
    "monetary": g["amount"].sum().round(2),
})
# "first" breaks ties by customer ID ascending: sort by ID first, then rank in that order
m = m.loc[sorted(m.index, key=int)]
n = len(m)

SEGMENTS = [
    (r"^[1-2][1-2]$", "Hibernating"), (r"^[1-2][3-4]$", "At Risk"), (r"^[1-2]5$", "Can't Lose Them"),
    (r"^3[1-2]$", "About To Sleep"), (r"^33$", "Need Attention"), (r"^[3-4][4-5]$", "Loyal Customers"),
    (r"^41$", "Promising"), (r"^51$", "New Customers"), (r"^[4-5][2-3]$", "Potential Loyalists"), (r"^5[4-5]$", "Champions"),
]


def segment(r, f):
    key = f"{r}{f}"
    return next(name for pattern, name in SEGMENTS if re.match(pattern, key))


def scores(values, method, descending=False):
    ranks = values.rank(method=method, ascending=not descending)
    return ranks.map(lambda k: 1 + math.floor(5 * (k - 1) / n)).astype(int)


out = {"customers": n, "versions": {"python": sys.version.split()[0], "pandas": pd.__version__}}
for method in ["min", "first"]:
    R = scores(m["recency"], method, descending=True)
    F = scores(m["frequency"], method)
    segs = [segment(r, f) for r, f in zip(R, F)]
    out[method] = {
        "segments": dict(sorted(pd.Series(segs).value_counts().to_dict().items())),
        "oneTimeBuyerF": sorted(set(F[m["frequency"] == 1].tolist())),
    }
print(json.dumps(out, indent=2))
