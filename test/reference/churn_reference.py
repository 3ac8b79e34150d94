"""Independent reference for the churn baseline (src/churn), computed with pandas and scikit-learn.

Run from the project root with Debian's Python (scikit-learn 1.2, pandas 1.5, numpy 1.24):
    /usr/bin/python3 test/reference/churn_reference.py
It writes test/fixtures/churn/reference.json, which test/churn/reference.test.ts compares with.

Nothing here imports the project's code. The data is UCI Online Retail (data/online_retail.csv.gz)
cleaned by the README's rules (exact duplicate rows dropped; invoices starting with C, quantity <= 0,
unit price <= 0 and lines without a customer set aside). At a cutoff c: every customer with a
purchase on or before c; recency and tenure in days from the last and first purchase day to c + 1;
frequency distinct invoices; monetary the sum of quantity x unit price (not rounded); label 1 when
no purchase in (c, c + 90 days]. log1p of the four features, standardised with the training mean and
population SD (StandardScaler), LogisticRegression(C=1, tol=1e-10, max_iter=10000) with lbfgs (the
default solver) and with newton-cholesky (scikit-learn's exact Newton solver, same objective).
lbfgs stops on its hard-coded relative decrease ftol = 64 eps before tol is reached (11 iterations
here), a few 1e-6 from the optimum; the penalised objective Σ log-loss + ||w||² / 2 of both fits
is written out so the test can show which is the minimum.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score
from sklearn.preprocessing import StandardScaler

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
OUT = os.path.join(ROOT, "test", "fixtures", "churn", "reference.json")
TRAIN, TEST, HORIZON = "2011-06-01", "2011-09-01", 90
FEATURES = ["recency", "frequency", "monetary", "tenure"]


def customer_lines():
    d = pd.read_csv(os.path.join(ROOT, "data", "online_retail.csv.gz"),
                    dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": str}, encoding="latin-1")
    d = d.drop_duplicates()
    d = d[~d.InvoiceNo.str.startswith("C") & (d.Quantity > 0) & (d.UnitPrice > 0) & d.CustomerID.notna()].copy()
    d["amount"] = d.Quantity * d.UnitPrice
    d["day"] = pd.to_datetime(d.InvoiceDate).dt.normalize()
    return d


def snapshot(d, cutoff):
    c = pd.Timestamp(cutoff)
    snap = c + pd.Timedelta(days=1)
    up = d[d.day <= c]
    g = up.groupby("CustomerID")
    f = pd.DataFrame({
        "recency": (snap - g.day.max()).dt.days.astype(float),
        "frequency": g.InvoiceNo.nunique().astype(float),
        "monetary": g.amount.sum(),
        "tenure": (snap - g.day.min()).dt.days.astype(float),
    })
    later = d[(d.day > c) & (d.day <= c + pd.Timedelta(days=HORIZON))].CustomerID.unique()
    f["churned"] = (~f.index.isin(later)).astype(int)
    return f.sort_index()


def main():
    d = customer_lines()
    train, test = snapshot(d, TRAIN), snapshot(d, TEST)
    scaler = StandardScaler().fit(np.log1p(train[FEATURES]))
    X = scaler.transform(np.log1p(train[FEATURES]))
    fits = {solver: LogisticRegression(C=1, tol=1e-10, max_iter=10000, solver=solver).fit(X, train.churned)
            for solver in ["lbfgs", "newton-cholesky"]}

    def objective(m):
        eta = m.intercept_[0] + X @ m.coef_[0]
        return float(np.sum(np.logaddexp(0, eta) - train.churned.to_numpy() * eta) + 0.5 * np.sum(m.coef_[0] ** 2))

    model = fits["newton-cholesky"]
    prob = model.predict_proba(scaler.transform(np.log1p(test[FEATURES])))[:, 1]
    y = test.churned.to_numpy()
    observed, predicted = calibration_curve(y, prob, n_bins=10, strategy="uniform")
    sample = test.index[:: max(1, len(test) // 25)]
    out = {
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "pandas": pd.__version__, "sklearn": sklearn.__version__},
        "trainCutoff": TRAIN, "testCutoff": TEST, "horizonDays": HORIZON,
        "trainCustomers": len(train), "trainChurnRate": float(train.churned.mean()),
        "testCustomers": len(test), "testChurnRate": float(y.mean()),
        "mean": dict(zip(FEATURES, scaler.mean_)), "scale": dict(zip(FEATURES, scaler.scale_)),
        "fits": {solver: {"intercept": float(m.intercept_[0]), "coef": dict(zip(FEATURES, m.coef_[0])),
                          "iterations": int(m.n_iter_[0]), "objective": objective(m)} for solver, m in fits.items()},
        "lbfgsTestAuc": float(roc_auc_score(y, fits["lbfgs"].predict_proba(scaler.transform(np.log1p(test[FEATURES])))[:, 1])),
        "testAuc": float(roc_auc_score(y, prob)), "testAveragePrecision": float(average_precision_score(y, prob)),
        "testBrier": float(brier_score_loss(y, prob)),
        "calibration": {"observed": list(observed), "predicted": list(predicted)},
        "sample": [{"customerId": cid, **{k: float(test.loc[cid, k]) for k in FEATURES}, "churned": int(test.loc[cid, "churned"]),
                    "probability": float(prob[test.index.get_loc(cid)])} for cid in sample],
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
