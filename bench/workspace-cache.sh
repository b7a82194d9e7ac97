#!/usr/bin/env bash
# The build cache on a generated workspace of 50 host-built services (issue 11): each 01build.sh
# sleeps 0.3 s then copies its source into bin/, and every fifth service is built FROM the one before.
#
#   bench/workspace-cache.sh [REPETITIONS] [OUTPUT_MIB]     (defaults 5 and 2048)
#
# Measures, with the native CLI and wall time including process start:
#   1. the full build (-j 2), into a fresh store;
#   2. a no-op rebuild (median of REPETITIONS): no 01build.sh may run;
#   3. one changed service: which scripts ran and which services were built;
#   4. the full build with -j 1 against -j 2, fresh store and caches each time;
#   5. a no-op rebuild when the services hold OUTPUT_MIB MiB of build output in total (--compression none):
#      reading that much again would take seconds, so the time shows whether anything was re-read.
# Every script appends to $WORK/runs, outside the workspace, so "no script ran" is counted, not assumed.
set -euo pipefail

REPS="${1:-5}"
OUTPUT_MIB="${2:-2048}"
SERVICES=50
REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
WORK="$(mktemp -d -t cybernode-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

"$REPO/cybernode" --help >/dev/null
CYBERNODE="$REPO/.build/cli/cybernode"

# generate WORKSPACE BYTES_PER_SERVICE: the services s01..s50, every fifth FROM the one before.
generate() {
  local ws="$1" bytes="$2" i name
  rm -rf "$ws"
  mkdir -p "$ws"
  echo "namespace: bench" >"$ws/cybernode.yaml"
  for i in $(seq 1 $SERVICES); do
    name=$(printf 's%02d' "$i")
    mkdir -p "$ws/$name"
    echo "source of $name" >"$ws/$name/main.txt"
    {
      echo "echo $name >> $WORK/runs"
      echo "sleep 0.3"
      echo 'cp main.txt "$BUILD_DIR/app"'
      if [[ "$bytes" -gt 0 ]]; then
        echo "head -c $bytes /dev/urandom > \"\$BUILD_DIR/data.bin\""
      fi
    } >"$ws/$name/01build.sh"
    if (( i % 5 == 0 )); then
      printf 'FROM bench/s%02d:latest\nCOPY bin/ /app/%s/\n' $((i - 1)) "$name" >"$ws/$name/Dockerfile"
    else
      printf 'FROM scratch\nCOPY bin/ /app/%s/\n' "$name" >"$ws/$name/Dockerfile"
    fi
  done
}

# seconds COMMAND...: wall time of the command, in seconds with milliseconds.
seconds() {
  local start end
  start=$(date +%s%N)
  "$@" >"$WORK/out.json" 2>"$WORK/err.log" || { cat "$WORK/err.log" >&2; exit 1; }
  end=$(date +%s%N)
  echo "scale=3; ($end - $start) / 1000000000" | bc
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

runs() { [[ -f "$WORK/runs" ]] && wc -l <"$WORK/runs" || echo 0; }

statuses() { jq -r '[.services[] | .status] | group_by(.) | map("\(length) \(.[0])") | join(", ")' "$WORK/out.json"; }

WS="$WORK/ws"
generate "$WS" 0
echo "cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"

full=$(seconds "$CYBERNODE" build "$WS" --json -j 2)
echo "1. full build (-j 2): ${full}s, scripts run: $(runs), $(statuses)"

: >"$WORK/runs"
for _ in $(seq "$REPS"); do seconds "$CYBERNODE" build "$WS" --json -j 2; done | median >"$WORK/noop"
echo "2. no-op rebuild: median $(cat "$WORK/noop")s of $REPS, scripts run: $(runs), $(statuses)"

: >"$WORK/runs"
echo "changed" >>"$WS/s04/main.txt"
changed=$(seconds "$CYBERNODE" build "$WS" --json --explain -j 2)
echo "3. one changed service (s04; s05 is FROM it): ${changed}s, scripts run: $(sort "$WORK/runs" | tr '\n' ' ')"
jq -r '.services[] | select(.status != "cached") | "   \(.name): \(.status): \(.reason)"' "$WORK/out.json"

for jobs in 1 2; do
  rm -rf "$WS/.cybernode"
  t=$(seconds "$CYBERNODE" build "$WS" --json -j "$jobs")
  echo "4. full build -j $jobs: ${t}s" | tee -a "$WORK/jobs"
done
j1=$(awk '/-j 1/ {print $(NF)}' "$WORK/jobs" | tr -d s)
j2=$(awk '/-j 2/ {print $(NF)}' "$WORK/jobs" | tr -d s)
echo "   speed-up -j 2 over -j 1: $(echo "scale=2; $j1 / $j2" | bc)x"

bytes=$(( OUTPUT_MIB * 1024 * 1024 / SERVICES ))
generate "$WS" "$bytes"
big=$(seconds "$CYBERNODE" build "$WS" --json -j 2 --compression none)
echo "5. full build with ${OUTPUT_MIB} MiB of output: ${big}s"
# One settling build: files the scripts wrote in the last ~50 ms before they were hashed are racy
# (same clock tick) and hashed once more, as git does.
seconds "$CYBERNODE" build "$WS" --json -j 2 --compression none >/dev/null
: >"$WORK/runs"
for _ in $(seq "$REPS"); do seconds "$CYBERNODE" build "$WS" --json -j 2 --compression none; done | median >"$WORK/noop-big"
echo "   no-op rebuild with ${OUTPUT_MIB} MiB of output: median $(cat "$WORK/noop-big")s of $REPS, scripts run: $(runs), $(statuses)"
