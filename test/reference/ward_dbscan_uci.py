"""Reference figures for Ward and DBSCAN on the UCI Online Retail customers, from scikit-learn and scipy.

Input: the customers' clustering features as prepared by this project's own code (log1p of recency,
frequency and monetary, standardised), exported by test/reference/cluster_features.ts. They are the
input here, not an expected value; the fixture records the file's SHA-256 so the test can check that
our code still prepares the same features.

Run from the project root (Debian's python3 has scikit-learn 1.2, scipy 1.10, numpy 1.24):

    node_modules/.bin/tsx test/reference/cluster_features.ts /tmp/uci_cluster_features.csv
    /usr/bin/python3 test/reference/ward_dbscan_uci.py /tmp/uci_cluster_features.csv > test/reference/ward_dbscan_uci.json

Output (JSON):
- ward: AgglomerativeClustering(linkage="ward", n_clusters=k) for k = 2..6: sizes (largest first), labels;
- wardTopHeights: the 20 highest merge heights of scipy.cluster.hierarchy.linkage(X, "ward");
- sample: on the 300 sampled rows (inSample = 1), scipy's full Ward linkage (a, b, height, size per
  merge) and dendrogram(Z, truncate_mode="lastp", p=12, no_plot=True): icoord, dcoord, ivl;
- dbscan: DBSCAN(eps, min_samples) for a few settings: clusters, noise points, core points, sizes, labels;
- kDistance10: NearestNeighbors(n_neighbors=10).kneighbors(X) distances to the 10th neighbour (the point
  itself first), sorted ascending, at ranks 0, n/20, 2n/20, ..., n - 1.
"""
import hashlib
import json
import sys

import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy.cluster.hierarchy import dendrogram, linkage
from sklearn.cluster import DBSCAN, AgglomerativeClustering
from sklearn.neighbors import NearestNeighbors

DBSCAN_SETTINGS = [(0.3, 10), (0.5, 5), (0.2, 5), (0.4, 20), (0.15, 3), (0.1, 1)]

path = sys.argv[1]
raw = open(path, "rb").read()
df = pd.read_csv(path, dtype={"customerId": str})
X = df[["recency", "frequency", "monetary"]].to_numpy(dtype=np.float64)
n = len(X)


def sizes_of(labels):
    kept = labels[labels >= 0]
    return sorted((int(c) for c in np.bincount(kept)), reverse=True) if len(kept) else []


ward = []
for k in range(2, 7):
    labels = AgglomerativeClustering(n_clusters=k, linkage="ward").fit(X).labels_
    ward.append({"k": k, "sizes": sizes_of(labels), "labels": labels.tolist()})

Z = linkage(X, "ward")
sample_rows = np.flatnonzero(df["inSample"].to_numpy() == 1)
Zs = linkage(X[sample_rows], "ward")
dn = dendrogram(Zs, truncate_mode="lastp", p=12, no_plot=True)

dbscan = []
for eps, min_samples in DBSCAN_SETTINGS:
    model = DBSCAN(eps=eps, min_samples=min_samples).fit(X)
    labels = model.labels_
    dbscan.append({
        "eps": eps,
        "minSamples": min_samples,
        "clusters": int(labels.max() + 1),
        "noise": int((labels == -1).sum()),
        "core": int(len(model.core_sample_indices_)),
        "sizes": sizes_of(labels),
        "labels": labels.tolist(),
    })

kdist = np.sort(NearestNeighbors(n_neighbors=10).fit(X).kneighbors(X)[0][:, -1])
ranks = sorted({min(n - 1, (i * n) // 20) for i in range(21)})

print(json.dumps({
    "script": "test/reference/ward_dbscan_uci.py",
    "versions": {"scikit-learn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
    "input": {"sha256": hashlib.sha256(raw).hexdigest(), "rows": n, "sampleRows": len(sample_rows)},
    "ward": ward,
    "wardTopHeights": Z[-20:, 2].tolist(),
    "sample": {
        "linkage": [[int(a), int(b), float(h), int(s)] for a, b, h, s in Zs],
        "dendrogram": {"p": 12, "icoord": dn["icoord"], "dcoord": dn["dcoord"], "ivl": dn["ivl"]},
    },
    "dbscan": dbscan,
    "kDistance10": {"ranks": ranks, "distances": kdist[ranks].tolist()},
}))
