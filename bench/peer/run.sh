#!/usr/bin/env bash
# Breakwater's rolling yearly back-test beside a scikit-learn HistGradientBoosting peer on the same synthetic city's
# pipe panel, measured in one run (issue 17, item 5). Installs Debian's python3-pandas and python3-sklearn when
# missing (apt-get, as root). Usage: bench/peer/run.sh [PIPES] [YEARS] [TEST_YEARS] [DIR]  (default 16000 38 10)
# The peer fits all 300 rounds as Breakwater does; PEER_EARLY_STOPPING=auto gives it scikit-learn's default instead.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
pipes="${1:-16000}"; years="${2:-38}"; test_years="${3:-10}"
dir="${4:-$(mktemp -d /tmp/breakwater-peer.XXXXXX)}"
py=/usr/bin/python3
if ! "$py" -c 'import pandas, sklearn' 2>/dev/null; then
  echo "installing Debian's python3-pandas and python3-sklearn ..." >&2
  if [ "$(id -u)" -ne 0 ]; then echo "run as root, or install python3-pandas and python3-sklearn first" >&2; exit 2; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-pandas python3-sklearn >&2 \
    || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-pandas python3-sklearn >&2; }
fi
bw() { "$root/breakwater" "$@"; }
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== preparing: ${pipes} pipes x ${years} years -> $dir (not timed in the comparison)"
bw bench peer-data --pipes "$pipes" --years "$years" --dir "$dir" --no-progress | tail -n 1
echo "== Breakwater back-test (one JVM, its own peak resident set)"
bw_out="$(bw bench backtest --db "$dir/bench.duckdb" --test-years "$test_years" --no-progress)"
echo "$bw_out" | grep -v '^BREAKWATER_'
echo "  java: $(java -version 2>&1 | head -n 1); $(unzip -p "$root/runner-cli/target/breakwater.jar" \
  META-INF/maven/ml.dmlc/xgboost4j_2.12/pom.properties 2>/dev/null | grep '^version' || echo 'xgboost4j version unknown')"
echo "== scikit-learn peer"
py_out="$("$py" "$here/backtest_hgb.py" "$dir/panel.csv" --test-years "$test_years" \
  --early-stopping "${PEER_EARLY_STOPPING:-off}")"
echo "$py_out" | grep -v '^PEER_'
eval "$(echo "$bw_out" | grep '^BREAKWATER_')"
eval "$(echo "$py_out" | grep '^PEER_')"
echo "== side by side: ${pipes} pipes x ${years} years, ${test_years} test years"
awk -v bw="$BREAKWATER_WALL_S" -v pw="$PEER_WALL_S" -v bm="$BREAKWATER_PEAK_RSS_MB" -v pm="$PEER_PEAK_RSS_MB" 'BEGIN {
  printf "  Breakwater   wall %8.1f s   peak RSS %6d MB\n", bw, bm;
  printf "  scikit-learn wall %8.1f s   peak RSS %6d MB\n", pw, pm;
  printf "  Breakwater / peer wall time %.2f (target at most 0.50); Breakwater peak RSS target at most 2048 MB\n", bw / pw }'
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
