#!/usr/bin/env bash
# Push to and pull from a local registry (Debian's distribution 2.8 on 127.0.0.1): cybernode beside
# skopeo copy of the same image in the same run.
#
#   bench/registry-push-pull.sh [REPETITIONS] [MB]     (defaults: 3 repetitions, 200 MB)
#
# The image: FROM scratch with 5 COPY layers of incompressible random data, MB in all, built
# in-process into a store. Each repetition builds new images and pushes them to fresh repositories (so every blob is uploaded),
# once with `cybernode push` and once with `skopeo copy oci:STORE:IMAGE docker://...`, then pulls each
# into an empty store (`cybernode pull`; `skopeo copy docker://... oci:DIR`), then re-pushes with
# cybernode (every blob already there). Prints the best time of each.
set -euo pipefail

REPS="${1:-3}"
MB="${2:-200}"
REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
WORK="$(mktemp -d -t cybernode-bench.XXXXXX)"
CLI="$REPO/cybernode"

# shellcheck source=local-registry.sh
source "$REPO/bench/local-registry.sh"
trap stop_local_registry EXIT
start_local_registry "$WORK"

# The image: five layers of MB/5 random bytes each, new bytes for every repetition, so neither tool
# can mount a blob from an earlier push (skopeo's blob-info cache outlives its runs; cybernode's
# record of blobs lives for one run).
build_image() { # build_image REP: writes and builds a fresh image, prints its name
  local ws="$WORK/ws$1"
  mkdir -p "$ws/bench/big"
  printf 'FROM scratch\n' >"$ws/bench/big/Dockerfile"
  for i in 1 2 3 4 5; do
    head -c "$((MB * 1024 * 1024 / 5))" /dev/urandom >"$ws/bench/big/part$i.bin"
    printf 'COPY part%s.bin /data/\n' "$i" >>"$ws/bench/big/Dockerfile"
  done
  "$CLI" build "$ws" --store "$WORK/store$1" --progress quiet >/dev/null
  rm -rf "$ws"
  "$CLI" images --json --store "$WORK/store$1" | jq -r '.images[0].name'
}
"$CLI" --version >/dev/null # build the CLI first if needed, outside the measurements

seconds() { # seconds COMMAND...: runs it, prints the wall time in seconds
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>"$WORK/last.err" || { cat "$WORK/last.err" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

best() { sort -n | head -1; }

declare -a CN_PUSH SK_PUSH CN_PULL SK_PULL CN_REPUSH
for rep in $(seq "$REPS"); do
  IMAGE="$(build_image "$rep")"
  SK_PUSH+=("$(seconds skopeo copy --quiet --dest-tls-verify=false "oci:$WORK/store$rep:$IMAGE" "docker://$HOST/sk$rep/big:v1")")
  IMAGE="$(build_image "$rep-cn")"
  CN_PUSH+=("$(seconds "$CLI" push "$IMAGE" "$HOST/cn$rep/big:v1" --store "$WORK/store$rep-cn")")
  CN_REPUSH+=("$(seconds "$CLI" push "$IMAGE" "$HOST/cn$rep/big:v1" --store "$WORK/store$rep-cn")")
  CN_PULL+=("$(seconds "$CLI" pull "$HOST/cn$rep/big:v1" --store "$WORK/pulled-cn$rep")")
  SK_PULL+=("$(seconds skopeo copy --quiet --src-tls-verify=false "docker://$HOST/sk$rep/big:v1" "oci:$WORK/pulled-sk$rep:x")")
  rm -rf "$WORK/pulled-cn$rep" "$WORK/pulled-sk$rep" "$WORK/store$rep" "$WORK/store$rep-cn"
done

cn_push=$(printf '%s\n' "${CN_PUSH[@]}" | best)
sk_push=$(printf '%s\n' "${SK_PUSH[@]}" | best)
cn_pull=$(printf '%s\n' "${CN_PULL[@]}" | best)
sk_pull=$(printf '%s\n' "${SK_PULL[@]}" | best)
cn_repush=$(printf '%s\n' "${CN_REPUSH[@]}" | best)
printf '%s MB, 5 layers, best of %s\n' "$MB" "$REPS"
printf 'push:    cybernode %6.3f s   skopeo %6.3f s   ratio %.2f\n' "$cn_push" "$sk_push" "$(echo "$cn_push / $sk_push" | bc -l)"
printf 'pull:    cybernode %6.3f s   skopeo %6.3f s   ratio %.2f\n' "$cn_pull" "$sk_pull" "$(echo "$cn_pull / $sk_pull" | bc -l)"
printf 're-push: cybernode %6.3f s (0 blobs uploaded)\n' "$cn_repush"
