#!/usr/bin/env python3
"""How far any ranking built from an area's break history can go on Toronto's 140 neighbourhoods (issue 17, item 6).

Reads the feature panel of the Toronto demo as CSV and, for each test year Y, ranks the areas by scores computed from
the breaks of the years before Y and measures the headline of area grain: the share of Y's breaks in the top 10% of
areas (14 of 140). Beside the rankings a forecaster could make (all-history counts, trailing windows, exponentially
weighted counts), two that no forecaster can: each area's rate over every other year of 1990-2016, the later ones
included (the best a stable per-area rate can do), and the year's own breaks (the oracle).

    ./breakwater demo
    ./breakwater export table pipe_features_monthly --db demo-out/breakwater.duckdb --out /tmp/toronto-panel.csv
    python3 bench/toronto/history_ceiling.py /tmp/toronto-panel.csv [--test-years 2012-2016]

Only the standard library: no pandas needed.
"""
import argparse
import collections
import csv
import sys


def main():
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("panel")
    args.add_argument("--test-years", default="2012-2016", help="first-last, e.g. 2012-2016")
    a = args.parse_args()
    first, last = (int(y) for y in a.test_years.split("-"))
    breaks = collections.defaultdict(dict)  # area -> year -> breaks in that calendar year
    with open(a.panel, newline="") as f:
        for row in csv.DictReader(f):
            if int(row["month_of_year"]) == 12 and row["breaks_12m"] != "":
                breaks[row["asset_id"]][int(row["year"])] = int(row["breaks_12m"])
    areas = sorted(breaks)
    first_year = min(y for b in breaks.values() for y in b)
    last_year = max(y for b in breaks.values() for y in b)
    top = round(len(areas) * 0.10)
    years = range(first, last + 1)

    def count(area, year):
        return breaks[area].get(year, 0)

    def share(score, year):
        order = sorted(areas, key=lambda area: (-score(area), area))
        total = sum(count(area, year) for area in areas)
        return sum(count(area, year) for area in order[:top]) / total

    def line(name, score):
        shares = [share(lambda area: score(area, y - 1), y) for y in years]
        print("%-44s mean %.3f   %s" % (name, sum(shares) / len(shares), " ".join("%.3f" % s for s in shares)))

    print("%d areas, breaks %d..%d; share of a year's breaks in the top %d areas, test years %d..%d"
          % (len(areas), first_year, last_year, top, years[0], years[-1]))
    print("rankings a forecaster can make (history up to December of the year before):")
    line("all-history breaks (prior_breaks)", lambda area, t: sum(count(area, y) for y in range(first_year, t + 1)))
    for window in (1, 3, 5, 10):
        line("trailing %d-year breaks" % window,
             lambda area, t, w=window: sum(count(area, y) for y in range(t - w + 1, t + 1)))
    for half_life in (2, 5, 10):
        line("breaks weighted by a half-life of %d years" % half_life,
             lambda area, t, h=half_life: sum(count(area, y) * 0.5 ** ((t - y) / h) for y in range(first_year, t + 1)))
    print("rankings no forecaster can make:")
    line("rate over every other year (later ones too)",
         lambda area, t: sum(count(area, y) for y in range(first_year, last_year + 1) if y != t + 1))
    line("the year's own breaks (oracle)", lambda area, t: count(area, t + 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
