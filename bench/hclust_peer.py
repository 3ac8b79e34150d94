"""The peer of bench/hclust.ts: scikit-learn's Ward and DBSCAN timed on the same features.

Usage: /usr/bin/python3 bench/hclust_peer.py FEATURES.csv JOB.json
FEATURES.csv has a header and one row of prepared features per customer (written by bench/hclust.ts);
JOB.json is {"wardK": 5 or null, "dbscan": [[eps, min_samples], ...], "kDistance": k or null, "repeats": r}.
Prints one JSON object: versions, n, and for each part the best wall time of `repeats` runs of the fit
alone (reading the CSV is not timed) with that run's CPU time, and the result's sizes so that the
caller can compare them.
Ward is skipped, with the reason, when scipy's n(n-1)/2 pairwise distances would not fit in half of the
memory available.
"""
import json
import resource
import sys
import time

import numpy as np
import scipy
import sklearn
from sklearn.cluster import DBSCAN, AgglomerativeClustering
from sklearn.neighbors import NearestNeighbors


def best_time(f, repeats):
    """Best wall time of `repeats` runs, the CPU time of that run, and the last value."""
    best, cpu, value = float("inf"), float("inf"), None
    for _ in range(repeats):
        t, c = time.perf_counter(), time.process_time()
        value = f()
        wall = time.perf_counter() - t
        if wall < best:
            best, cpu = wall, time.process_time() - c
    return best, cpu, value


def available_bytes():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return 0


def sizes_of(labels):
    kept = labels[labels >= 0]
    return sorted((int(c) for c in np.bincount(kept)), reverse=True) if len(kept) else []


X = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1, dtype=np.float64, ndmin=2)
job = json.load(open(sys.argv[2]))
repeats = job.get("repeats", 1)
n = len(X)
out = {"versions": {"scikit-learn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__}, "n": n}

if job.get("wardK"):
    need = n * (n - 1) / 2 * 8
    have = available_bytes()
    if need > have / 2:
        out["ward"] = {"skipped": f"scipy's Ward keeps the n(n-1)/2 pairwise distances: {need / 1e9:.1f} GB for {n:,} customers, "
                                  f"and this machine has {have / 1e9:.1f} GB available"}
    else:
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        seconds, cpu, labels = best_time(lambda: AgglomerativeClustering(n_clusters=job["wardK"], linkage="ward").fit(X).labels_, repeats)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        out["ward"] = {"seconds": seconds, "cpu": cpu, "sizes": sizes_of(labels), "peakRssMb": peak / 1024, "rssBeforeMb": rss_before / 1024}

out["dbscan"] = []
for eps, min_samples in job.get("dbscan", []):
    seconds, cpu, labels = best_time(lambda: DBSCAN(eps=eps, min_samples=min_samples).fit(X).labels_, repeats)
    out["dbscan"].append({"eps": eps, "minSamples": min_samples, "seconds": seconds, "cpu": cpu, "clusters": int(labels.max() + 1),
                          "noise": int((labels == -1).sum()), "sizes": sizes_of(labels)})

if job.get("kDistance"):
    k = job["kDistance"]
    seconds, cpu, _ = best_time(lambda: NearestNeighbors(n_neighbors=k).fit(X).kneighbors(X), repeats)
    out["kDistance"] = {"k": k, "seconds": seconds, "cpu": cpu}

print(json.dumps(out))
