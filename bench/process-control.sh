#!/usr/bin/env bash
# Fault injection for concurrent builds and build-script lifetime (docs/reliability.md):
#  1. ROUNDS rounds of 4 `cybernode build --json` of one workspace at once (fresh .cybernode and
#     store each round): every run must exit 0 with the digests of a lone build.
#  2. ROUNDS rounds of kill -9 of a build at a pseudo-random moment (fixed seed) while its
#     01build.sh runs with a `sleep 1001 &` child; then a rebuild: it must give the lone digest and
#     leave no `sleep 1001` running.
#
#   bench/process-control.sh [ROUNDS]     (default 5; uses ./cybernode)
set -euo pipefail

rounds=${1:-5}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cli="$repo/cybernode"
work=$(mktemp -d -t cybernode-process-control.XXXXXX)
trap 'rm -rf "$work"' EXIT
failures=0

service() { # NAME SCRIPT DOCKERFILE
    mkdir -p "$work/$1"
    printf '%s' "$2" >"$work/$1/01build.sh"
    printf '%s' "$3" >"$work/$1/Dockerfile"
}

digests() { jq -c '[.services[] | [.name, .digest]] | sort' "$1"; }

# Running (not zombie) processes whose command line is exactly `sleep 1001`.
live_sleeps() {
    local n=0 d
    for d in /proc/[0-9]*; do
        [[ "$(tr '\0' ' ' 2>/dev/null <"$d/cmdline")" == "sleep 1001 " ]] 2>/dev/null || continue
        [[ "$(cut -d' ' -f3 "$d/stat" 2>/dev/null)" != Z ]] && n=$((n + 1))
    done
    echo "$n"
}

echo "== $rounds rounds of 4 builds of one workspace at once"
for name in alpha beta gamma; do
    service "ws/$name" "set -e
for i in 1 2 3 4 5; do seq -f '$name line %g' 1 20000 > \"\$BUILD_DIR/part\$i.txt\"; sleep 0.2; done
" $'FROM scratch\nCOPY bin/ /app/\n'
done
service ws/delta $'seq 1 30000 > "$BUILD_DIR/delta.txt"\nsleep 0.5\n' $'FROM cybernode/alpha\nCOPY bin/ /delta/\n'
"$cli" build "$work/ws" --json --store "$work/lone" >"$work/lone.json" 2>/dev/null
waits=0
for round in $(seq "$rounds"); do
    rm -rf "$work/ws/.cybernode" "$work/shared"
    for i in 1 2 3 4; do
        ("$cli" build "$work/ws" --json --store "$work/shared" >"$work/run$i.json" 2>"$work/run$i.err"; echo $? >"$work/run$i.rc") &
    done
    wait
    for i in 1 2 3 4; do
        if [[ "$(cat "$work/run$i.rc")" != 0 || "$(digests "$work/run$i.json")" != "$(digests "$work/lone.json")" ]]; then
            echo "round $round, run $i: exit $(cat "$work/run$i.rc"), digests $(digests "$work/run$i.json" 2>/dev/null || echo none)"
            failures=$((failures + 1))
        fi
        waits=$((waits + $(grep -c 'waiting for another build' "$work/run$i.err" || true)))
    done
done
echo "   $((rounds * 4)) builds, $failures wrong; $waits waits for another build"

echo "== $rounds rounds of kill -9 during 01build.sh, then a rebuild"
service kill/svc $'sleep 1001 &\nfor i in 1 2 3 4 5 6 7 8 9 10; do seq -f "k %g" 1 20000 > "$BUILD_DIR/p$i"; sleep 0.2; done\n' \
    $'FROM scratch\nCOPY bin/ /app/\n'
lone=$("$cli" build "$work/kill" --json --store "$work/kill-lone" 2>/dev/null | jq -r '.services[0].digest')
RANDOM=7
for round in $(seq "$rounds"); do
    "$cli" build "$work/kill" --store "$work/kill-store" >/dev/null 2>&1 &
    pid=$!
    delay_ms=$((200 + RANDOM % 2800))
    sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
    kill -9 "$pid"
    wait "$pid" 2>/dev/null || true
    left_by_kill=$(live_sleeps)
    digest=$("$cli" build "$work/kill" --json --store "$work/kill-store" 2>/dev/null | jq -r '.services[0].digest')
    left=$(live_sleeps)
    echo "   round $round: kill after ${delay_ms} ms, sleeps left by the kill $left_by_kill, after the rebuild $left, digest $([[ "$digest" == "$lone" ]] && echo same || echo DIFFERENT)"
    if [[ "$left" != 0 || "$digest" != "$lone" ]]; then failures=$((failures + 1)); fi
done

echo "failures: $failures"
[[ "$failures" -eq 0 ]]
