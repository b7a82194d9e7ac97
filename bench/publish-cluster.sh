#!/usr/bin/env bash
# Publishing a cluster of 20 services to Debian's registry (distribution 2.8) on 127.0.0.1: a first
# publish (every blob uploaded), then a re-publish of the unchanged cluster, which must upload no
# blob. Prints each publish's wall time (best of REPETITIONS re-publishes) and its blob counts.
#
#   bench/publish-cluster.sh [REPETITIONS]     (default 3)
#
# Each service is FROM scratch with a 1 MiB file of its own and a 1 MiB file all services share
# (one blob in 20 repositories: uploaded once, mounted into the others). No engine is needed.
set -euo pipefail

REPS="${1:-3}"
SERVICES=20
REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
WORK="$(mktemp -d -t cybernode-bench.XXXXXX)"

# shellcheck source=local-registry.sh
source "$REPO/bench/local-registry.sh"
trap stop_local_registry EXIT
start_local_registry "$WORK"

# The CLI as users run it (built here, before any timing).
CYBERNODE=("$REPO/cybernode")
"${CYBERNODE[@]}" --help >/dev/null

ws="$WORK/ws"
mkdir -p "$ws"
printf 'namespace: bench\nregistry: %s/bench\n' "$HOST" >"$ws/cybernode.yaml"
head -c 1048576 /dev/urandom >"$WORK/shared.bin"
for i in $(seq -w 1 "$SERVICES"); do
  dir="$ws/group/svc$i"
  mkdir -p "$dir"
  cp "$WORK/shared.bin" "$dir/shared.bin"
  head -c 1048576 /dev/urandom >"$dir/own.bin"
  printf 'FROM scratch\nCOPY shared.bin /data/\nCOPY own.bin /data/\nCMD ["/data/own.bin"]\n' >"$dir/Dockerfile"
done
"${CYBERNODE[@]}" build "$ws" --progress quiet >/dev/null

# One publish: its wall time in seconds and its totals, from --json.
publish() {
  local start end
  start=$(date +%s.%N)
  "${CYBERNODE[@]}" publish "$ws" --json >"$WORK/publish.json"
  end=$(date +%s.%N)
  printf '%.3f %s\n' "$(echo "$end - $start" | bc)" \
    "$(jq -r '"uploaded \(.blobs.uploaded), existing \(.blobs.existing), mounted \(.blobs.mounted), \(.bytes) bytes"' "$WORK/publish.json")"
}

echo "first publish of $SERVICES services:  $(publish)"
best=""
for _ in $(seq "$REPS"); do
  read -r seconds counts < <(publish)
  echo "re-publish (unchanged):           $seconds $counts"
  if [[ -z "$best" ]] || (( $(echo "$seconds < $best" | bc) )); then best="$seconds"; fi
  [[ "$counts" == "uploaded 0,"* ]] || { echo "a re-publish uploaded blobs: $counts" >&2; exit 1; }
done
echo "best re-publish: ${best} s (0 blobs uploaded)"
