#!/usr/bin/env bash
# Benchmark: assemble a run image from a large folder of mixed files (compressible text and random
# bytes) and compare with `tar -c | gzip -1` and `tar -c | pigz` on the same folder, in the same run.
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
    # Half random (incompressible), half text (compressible), in files of 1-16 MiB and many small ones.
    rm -rf "$work/workspace"
    mkdir -p "$payload/random" "$payload/text" "$payload/small"
    local random_mib=$((size_mib / 2)) text_mib=$((size_mib - size_mib / 2)) i=0
    while [ "$random_mib" -gt 0 ]; do
        local n=$((random_mib < 16 ? random_mib : 16))
        head -c "$((n * 1024 * 1024))" /dev/urandom >"$payload/random/blob$i.bin"
        random_mib=$((random_mib - n)); i=$((i + 1))
    done
    i=0
    while [ "$text_mib" -gt 1 ]; do
        local n=$((text_mib < 8 ? text_mib - 1 : 8))
        [ "$n" -lt 1 ] && break
        seq 1 100000000 | head -c "$((n * 1024 * 1024))" | sed 's/$/ lorem ipsum dolor sit amet/' | head -c "$((n * 1024 * 1024))" >"$payload/text/log$i.txt"
        text_mib=$((text_mib - n)); i=$((i + 1))
    done
    for j in $(seq 1 2000); do
        echo "config $j $(printf 'key%d=value%d\n' $(seq 1 20))" >"$payload/small/conf$j.txt"
    done
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
rm -rf "$work/store"
/usr/bin/time -f '%e %M' -o "$work/time.txt" "$repo/cybernode" build "$work/workspace" --store "$work/store" --compression "$compression" >/dev/null
read -r cyber_s cyber_kb <"$work/time.txt"

echo "payload: $(python3 -c "print(round($bytes / 1048576))") MiB in $(find "$payload" -type f | wc -l) files; $(nproc) cores"
printf '%-34s %8s s %8s MB/s\n' "tar -c | gzip -1" "$(seconds "$gzip_s")" "$(rate "$mb" "$gzip_s")"
printf '%-34s %8s s %8s MB/s\n' "tar -c | pigz -1" "$(seconds "$pigz_s")" "$(rate "$mb" "$pigz_s")"
printf '%-34s %8s s %8s MB/s   peak RSS %s MB\n' "cybernode build ($compression)" "$(seconds "$cyber_s")" "$(rate "$mb" "$cyber_s")" "$((cyber_kb / 1024))"
