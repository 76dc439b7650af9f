#!/usr/bin/env python3
"""The scikit-learn peer of Breakwater's rolling yearly back-test, on the same pipe panel.

Reads the panel Breakwater exported (`breakwater bench peer-data` writes DIR/panel.csv: every column of
pipe_features_monthly for one feature set) and, for each test year Y, does what ml-core's evaluation does with its
default learner: train on the rows whose 12-month label window ends by January of Y (labelled, all positives and
about 10 negatives per positive), fit HistGradientBoostingClassifier with Breakwater's default knobs (300 rounds,
depth 3, learning rate 0.05, one thread), score each asset's last row before January of Y (December Y-1) and measure
ROC AUC against its label. Prints the wall time, the peak resident set and the library versions.

Every fit runs all 300 rounds on all its rows, as Breakwater's does. scikit-learn's own default ("auto") turns early
stopping on above 10,000 rows: it holds 10% of the rows out and stopped here after 201-253 rounds, a smaller fit than
Breakwater's; `--early-stopping auto` measures that default.

Usage: backtest_hgb.py PANEL.csv [--test-years 10] [--horizon 12] [--seed 42] [--early-stopping off|auto]
"""
import argparse
import os
import platform
import resource
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")  # 2 OpenMP threads ran ~30x slower on this 2-core machine (STACK.md)

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import sklearn  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402

NOT_FEATURES = {"feature_set_id", "asset_id", "month_start", "label_any", "label_breaks"}


def main():
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("panel")
    args.add_argument("--test-years", type=int, default=10)
    args.add_argument("--horizon", type=int, default=12)
    args.add_argument("--seed", type=int, default=42)
    args.add_argument("--early-stopping", choices=["off", "auto"], default="off")
    a = args.parse_args()
    started = time.perf_counter()
    panel = pd.read_csv(a.panel, parse_dates=["month_start"], low_memory=False)
    read_s = time.perf_counter() - started
    for c in panel.columns:
        if panel[c].dtype == object and c not in NOT_FEATURES:
            panel[c] = panel[c].astype("category")
    features = [c for c in panel.columns if c not in NOT_FEATURES]
    categorical = [panel[c].dtype.name == "category" for c in features]
    x_all = panel[features].copy()
    for c, cat in zip(features, categorical):
        if cat:
            x_all[c] = x_all[c].cat.codes.astype("float64").replace(-1, np.nan)
    x_all = x_all.to_numpy(dtype="float64")
    label = panel["label_any"]
    month = panel["month_start"]
    last = month.max()
    last_year = last.year if last.month == 12 else last.year - 1
    years = list(range(last_year - a.test_years + 1, last_year + 1))
    rng = np.random.default_rng(a.seed)
    aucs = {}
    rounds = []
    for y in years:
        cutoff = pd.Timestamp(year=y, month=1, day=1)
        label_end = month + pd.DateOffset(months=a.horizon)
        train = (label_end <= cutoff).to_numpy() & label.notna().to_numpy()
        y_train = label[train].astype(bool).to_numpy()
        idx = np.flatnonzero(train)
        pos = idx[y_train]
        neg = idx[~y_train]
        keep = min(len(neg), int(10 * max(1, len(pos))))
        neg = rng.choice(neg, size=keep, replace=False) if keep < len(neg) else neg
        rows = np.concatenate([pos, neg])
        model = HistGradientBoostingClassifier(max_iter=300, max_depth=3, learning_rate=0.05,
                                               early_stopping="auto" if a.early_stopping == "auto" else False,
                                               categorical_features=np.array(categorical), random_state=a.seed)
        model.fit(x_all[rows], label.to_numpy()[rows].astype(int))
        rounds.append(model.n_iter_)
        test_month = month[month < cutoff].max()
        test = ((month == test_month) & label.notna()).to_numpy()
        score = model.predict_proba(x_all[test])[:, 1]
        aucs[y] = roc_auc_score(label.to_numpy()[test].astype(int), score)
    wall = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print("scikit-learn peer: %d panel rows, %d features, test years %d..%d, wall %.1f s (CSV read %.1f s), "
          "peak resident %d MB" % (len(panel), len(features), years[0], years[-1], wall, read_s, peak_mb))
    print("  rounds per fit %d..%d (early stopping %s)" % (min(rounds), max(rounds), a.early_stopping))
    print("  ROC AUC per year " + " ".join("%d:%.3f" % (y, v) for y, v in aucs.items())
          + "; mean %.3f" % (sum(aucs.values()) / len(aucs)))
    print("  python %s, numpy %s, pandas %s, scikit-learn %s, OMP_NUM_THREADS=%s"
          % (platform.python_version(), np.__version__, pd.__version__, sklearn.__version__,
             os.environ.get("OMP_NUM_THREADS")))
    print("PEER_WALL_S=%.1f PEER_PEAK_RSS_MB=%d" % (wall, peak_mb))
    return 0


if __name__ == "__main__":
    sys.exit(main())
