#!/usr/bin/env bash
# kill -9 of the native cybernode CLI at pseudo-random moments during build, import and export,
# N kills in all (a third each), with a fixed seed so a run can be repeated exactly.
#
#   bench/crash-safety.sh [N] [SEED]          (defaults: 120 kills, seed 7)
#
# The workspace has one service whose layer is 64 MiB of random files. After every kill:
#   build/import: `store verify` finds no damage; the command run again gives the clean digest;
#                 `store gc` leaves no temp file and no orphan (each kill gets a fresh store, so
#                 every run writes the layer instead of finding it cached);
#   export:       the archive is either absent or byte-identical to a clean export, the store is
#                 unchanged, and the next export leaves no temp file beside the archive.
# A kill "lands" when the process was still running; the summary says how many did.
set -euo pipefail

KILLS="${1:-120}"
RANDOM="${2:-7}"
REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
WORK="$(mktemp -d -t cybernode-crash.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

"$REPO/cybernode" --version >/dev/null   # builds the native CLI when sources changed
CLI="$REPO/.build/cli/cybernode"
unset CYBERNODE_STORE SOURCE_DATE_EPOCH

mkdir -p "$WORK/ws/big/data"
for i in $(seq -w 0 63); do
  head -c 1048576 </dev/urandom >"$WORK/ws/big/data/file-$i.bin"
done
printf 'FROM scratch\nCOPY data/ /data/\n' >"$WORK/ws/big/Dockerfile"

now_ms() { date +%s%3N; }
digest_of() { jq -r "$1"; }

fail() { echo "FAIL: $*" >&2; exit 1; }

# Runs a command to completion and prints how long it took in ms.
timed() {
  local start end
  start=$(now_ms)
  "$@" >/dev/null
  end=$(now_ms)
  echo $((end - start))
}

# Starts the CLI, kills it with SIGKILL after $1 ms; prints 1 when the kill landed while it ran.
kill_after() {
  local delay_ms="$1"
  shift
  "$CLI" "$@" >/dev/null 2>&1 &
  local pid=$!
  sleep "$(awk "BEGIN { print $delay_ms / 1000 }")"
  if kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null || true
    echo 1
  else
    wait "$pid" 2>/dev/null || true
    echo 0
  fi
}

# Sets $delay to a pseudo-random share of $1 ms, in this shell (a subshell would reseed RANDOM).
next_delay() { delay=$(((RANDOM * 32768 + RANDOM) % $1)); }

no_damage() {
  [[ -f "$1/index.json" ]] || return 0
  local report
  report="$("$CLI" store verify --json --store "$1")" || fail "store verify after a kill: $report"
  [[ "$(jq '.damage | length' <<<"$report")" == 0 ]] || fail "damage in $1: $report"
}

collected_clean() {
  "$CLI" store gc --store "$1" >/dev/null
  local report
  report="$("$CLI" store verify --json --store "$1")" || fail "verify after gc: $report"
  [[ "$(jq '(.stray | length) + (.orphans | length)' <<<"$report")" == 0 ]] || fail "left after gc in $1: $report"
}

# kill_check_redo KIND STORE JQ_PATH ARGS...: kills `CLI ARGS --store STORE` after $delay ms, checks the store has no damage, runs
# it again (the digest at JQ_PATH of its --json output must be the clean one), then gc leaves
# nothing stray. Prints 1 when the kill landed while it ran. Called as $(...): it takes its delay
# from the parent's $delay, set by next_delay, so the seeded sequence stays in one shell.
kill_check_redo() {
  local store="$2" path="$3"
  shift 2
  shift
  local landed digest
  landed=$(kill_after "$delay" "$@" --store "$store")
  no_damage "$store"
  digest=$("$CLI" "$@" --json --store "$store" | digest_of "$path")
  [[ "$digest" == "$clean_digest" ]] || fail "$1 after a kill gave $digest, not $clean_digest"
  collected_clean "$store"
  echo "$landed"
}

# Clean runs: the digests and durations every kill is measured against.
build_ms=$(timed "$CLI" build "$WORK/ws" --store "$WORK/clean")
clean_digest=$("$CLI" images --json --store "$WORK/clean" | digest_of '.images[0].digest')
"$CLI" export cybernode/big -o "$WORK/image.tar" --store "$WORK/clean" >/dev/null
# Timed on a second run: the first reads the archive cold and would draw most kills after the end.
"$CLI" import "oci-archive:$WORK/image.tar" --store "$WORK/import-warm-up" >/dev/null
import_ms=$(timed "$CLI" import "oci-archive:$WORK/image.tar" --store "$WORK/import-clean")
mkdir -p "$WORK/out"
export_ms=$(timed "$CLI" export cybernode/big -o "$WORK/out/image.tar" --format docker-archive --store "$WORK/clean")
clean_archive=$(sha256sum <"$WORK/out/image.tar")
store_before=$(cd "$WORK/clean" && find . -type f -exec sha256sum {} + | sort)
echo "clean runs: build ${build_ms} ms, import ${import_ms} ms, export ${export_ms} ms; digest $clean_digest"

landed_build=0 landed_import=0 landed_export=0 runs_build=0 runs_import=0 runs_export=0
start=$(now_ms)
for ((k = 0; k < KILLS; k++)); do
  store="$WORK/store-$k"
  case $((k % 3)) in
    0)
      runs_build=$((runs_build + 1))
      next_delay "$build_ms"
      landed_build=$((landed_build + $(kill_check_redo build "$store" '.services[0].digest' build "$WORK/ws")))
      ;;
    1)
      runs_import=$((runs_import + 1))
      next_delay "$import_ms"
      landed_import=$((landed_import + $(kill_check_redo import "$store" '.digest' import "oci-archive:$WORK/image.tar")))
      ;;
    2)
      runs_export=$((runs_export + 1))
      rm -f "$WORK/out/image.tar"
      next_delay "$export_ms"
      landed_export=$((landed_export + $(kill_after "$delay" export cybernode/big -o "$WORK/out/image.tar" --format docker-archive --store "$WORK/clean")))
      if [[ -f "$WORK/out/image.tar" ]]; then
        [[ "$(sha256sum <"$WORK/out/image.tar")" == "$clean_archive" ]] || fail "half archive after kill $k"
      fi
      [[ "$(cd "$WORK/clean" && find . -type f -exec sha256sum {} + | sort)" == "$store_before" ]] || fail "export kill $k changed the store"
      "$CLI" export cybernode/big -o "$WORK/out/image.tar" --format docker-archive --store "$WORK/clean" >/dev/null
      [[ "$(ls -A "$WORK/out")" == "image.tar" ]] || fail "left beside the archive after kill $k: $(ls -A "$WORK/out")"
      ;;
  esac
  rm -rf "$store"
done
end=$(now_ms)

echo "kills: $KILLS in $(((end - start) / 1000)) s, all checks passed"
echo "  build:  $runs_build kills, $landed_build landed while running"
echo "  import: $runs_import kills, $landed_import landed while running"
echo "  export: $runs_export kills, $landed_export landed while running"
