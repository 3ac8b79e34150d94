"""The scipy / scikit-learn peer of bench/clv.ts, run in the same bench for the same data.

    /usr/bin/python3 bench/clv_peer.py KIND FILE N
KIND bgnbd: FILE holds N customers' frequency, recency, T, monetary as little-endian float64
columns one after the other; times a BG/NBD fit (scipy.optimize.minimize, L-BFGS-B on
log-parameters with its finite-difference gradient, the usual way of the lifetimes formulas),
a Gamma-Gamma fit the same way, and the per-customer predictions (P(alive), expected purchases in
the next 39 units with scipy.special.hyp2f1, expected spend, 12-month CLV at 1% a month in weeks).
KIND logistic: FILE holds N rows of recency, frequency, monetary, tenure, churned (columns);
times StandardScaler + LogisticRegression(C=1) (lbfgs, default tol) on log1p of the features.
Prints one JSON line, with wall and CPU (process) seconds.
"""
import json
import sys
import time

import numpy as np


def bgnbd(path, n):
    from scipy.optimize import minimize
    from scipy.special import gammaln, hyp2f1

    x, tx, T, m = np.fromfile(path, dtype="<f8").reshape(4, n)

    def ll(p):
        r, alpha, a, b = p
        A1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
        A2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
        A3 = -(r + x) * np.log(alpha + T)
        A4 = np.where(x > 0, np.log(a) - np.log(np.where(x > 0, b + x - 1, 1)) - (r + x) * np.log(alpha + tx), -np.inf)
        return np.sum(A1 + A2 + np.logaddexp(A3, A4))

    rep = x > 0
    xr, mr = x[rep], m[rep]

    def gg(p):
        pp, q, v = p
        return np.sum(gammaln(pp * xr + q) - gammaln(pp * xr) - gammaln(q) + q * np.log(v) + (pp * xr - 1) * np.log(mr)
                      + pp * xr * np.log(xr) - (pp * xr + q) * np.log(xr * mr + v))

    t0, c0 = time.perf_counter(), time.process_time()
    fit = minimize(lambda th: -ll(np.exp(th)), np.zeros(4), method="L-BFGS-B")
    t1, c1 = time.perf_counter(), time.process_time()
    gfit = minimize(lambda th: -gg(np.exp(th)), np.log([1, 2, mr.mean()]), method="L-BFGS-B")
    t2, c2 = time.perf_counter(), time.process_time()
    r, alpha, a, b = np.exp(fit.x)
    pp, q, v = np.exp(gfit.x)

    def expected(t):
        alive = 1 / (1 + np.where(x > 0, a / np.where(x > 0, b + x - 1, 1) * ((alpha + T) / (alpha + tx)) ** (r + x), 0))
        return alive * (a + b + x - 1) / (a - 1) * (1 - hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t)) * ((alpha + T) / (alpha + T + t)) ** (r + x))

    e39 = expected(39.0)
    spend = pp * (v + x * m) / (pp * x + q - 1)
    clv, prev = np.zeros(n), np.zeros(n)
    for month in range(1, 13):
        now = expected(30 * month / 7)
        clv += (now - prev) * spend / 1.01 ** month
        prev = now
    t3, c3 = time.perf_counter(), time.process_time()
    return {"cpuSeconds": [c1 - c0, c2 - c1, c3 - c2], "bgnbdSeconds": t1 - t0, "bgnbdLogLik": -fit.fun, "bgnbd": [r, alpha, a, b], "gammaGammaSeconds": t2 - t1,
            "gammaGammaLogLik": -gfit.fun, "predictSeconds": t3 - t2, "expected39": float(e39.sum()), "clv": float(clv.sum())}


def logistic(path, n):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    cols = np.fromfile(path, dtype="<f8").reshape(5, n)
    X, y = np.log1p(cols[:4].T), cols[4]
    t0, c0 = time.perf_counter(), time.process_time()
    Z = StandardScaler().fit_transform(X)
    model = LogisticRegression(C=1).fit(Z, y)
    t1, c1 = time.perf_counter(), time.process_time()
    return {"seconds": t1 - t0, "cpuSeconds": c1 - c0, "intercept": float(model.intercept_[0]), "coef": list(map(float, model.coef_[0]))}


if __name__ == "__main__":
    kind, path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    print(json.dumps(bgnbd(path, n) if kind == "bgnbd" else logistic(path, n)))
