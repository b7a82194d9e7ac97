#!/usr/bin/env bash
# Benchmark: assemble a run image from a large folder of mixed files (compressible text and random
# bytes) and compare with `tar -c | gzip -1`, `tar -c | pigz -1` and `tar -c | zstd -3 -T$(nproc)` on the same folder, in the same run.
# Reports throughput (MB/s of input) and cybernode's peak resident memory.
#
#   bench/run-image-assembly.sh [SIZE_MIB] [COMPRESSION]     (defaults: 512 gzip)
set -euo pipefail

size_mib=${1:-512}
compression=${2:-gzip}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${BENCH_DIR:-/tmp/cybernode-bench}
service="$work/workspace/payload"
payload="$service/bin"

make_payload() {
    # Half random (incompressible) in 16 MiB files, half log-like text in 8 MiB files, plus 2,000
    # small config files: the mix of a node's binaries, chain data and settings.
    rm -rf "$work/workspace"
    mkdir -p "$payload"
    python3 - "$payload" "$size_mib" <<'PY'
import os, random, sys
root, size_mib = sys.argv[1], int(sys.argv[2])
rng = random.Random(42)
os.makedirs(f"{root}/random"); os.makedirs(f"{root}/text"); os.makedirs(f"{root}/small")
left = size_mib // 2
for i in range(0, left, 16):
    with open(f"{root}/random/blob{i}.bin", "wb") as f:
        f.write(os.urandom(min(16, left - i) << 20))
words = "block height hash peer connected synced tx mempool fee reward ledger node".split()
left = size_mib - size_mib // 2 - 1
for i in range(0, left, 8):
    target, lines = min(8, left - i) << 20, []
    size = 0
    while size < target:
        line = f"{rng.randrange(10**9)} {' '.join(rng.choices(words, k=8))} {rng.random():.6f}\n"
        lines.append(line); size += len(line)
    with open(f"{root}/text/log{i}.txt", "w") as f:
        f.write("".join(lines))
for j in range(2000):
    with open(f"{root}/small/conf{j}.txt", "w") as f:
        f.write("".join(f"key{k}=value{rng.randrange(1000)}\n" for k in range(20)))
PY
    printf 'FROM scratch\nADD bin/ /cyberapp/\nENV HOME=/cyberdata\nVOLUME /cyberdata\n' >"$service/Dockerfile"
}

seconds() { python3 -c 'import sys; print(f"{float(sys.argv[1]):.2f}")' "$1"; }
rate() { python3 -c 'import sys; print(f"{float(sys.argv[1]) / float(sys.argv[2]):.1f}")' "$1" "$2"; }

if [ ! -d "$payload" ] || [ "$(du -sm "$payload" | cut -f1)" -lt $((size_mib * 9 / 10)) ]; then
    echo "making a ${size_mib} MiB payload in $payload ..." >&2
    make_payload
fi
bytes=$(du -sb "$payload" | cut -f1)
mb=$(python3 -c "print($bytes / 1e6)")

"$repo/cybernode" --help >/dev/null # build the CLI before timing
sync

time_cmd() { # prints elapsed seconds of a shell pipeline
    local start end
    start=$(date +%s.%N)
    bash -c "$1" >/dev/null
    end=$(date +%s.%N)
    python3 -c "print($end - $start)"
}

gzip_s=$(time_cmd "tar -C '$service' -c bin | gzip -1 >/dev/null")
pigz_s=$(time_cmd "tar -C '$service' -c bin | pigz -1 >/dev/null")
zstd_s=$(time_cmd "tar -C '$service' -c bin | zstd -3 -T$(nproc) >/dev/null")
rm -rf "$work/store"
/usr/bin/time -f '%e %M' -o "$work/time.txt" "$repo/cybernode" build "$work/workspace" --store "$work/store" --compression "$compression" >/dev/null
read -r cyber_s cyber_kb <"$work/time.txt"

echo "payload: $(python3 -c "print(round($bytes / 1048576))") MiB in $(find "$payload" -type f | wc -l) files; $(nproc) cores"
printf '%-34s %8s s %8s MB/s\n' "tar -c | gzip -1" "$(seconds "$gzip_s")" "$(rate "$mb" "$gzip_s")"
printf '%-34s %8s s %8s MB/s\n' "tar -c | pigz -1" "$(seconds "$pigz_s")" "$(rate "$mb" "$pigz_s")"
printf '%-34s %8s s %8s MB/s\n' "tar -c | zstd -3 -T$(nproc)" "$(seconds "$zstd_s")" "$(rate "$mb" "$zstd_s")"
printf '%-34s %8s s %8s MB/s   peak RSS %s MB\n' "cybernode build ($compression)" "$(seconds "$cyber_s")" "$(rate "$mb" "$cyber_s")" "$((cyber_kb / 1024))"
