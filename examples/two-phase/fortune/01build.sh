#!/bin/sh
# Assembles fortune from its sources: the sayings are numbered and embedded in the program, and a
# count of them is written beside it.
set -eu
out="${BUILD_DIR:?BUILD_DIR names the folder for the binaries}"
mkdir -p "$out"
count=$(grep -c . src/fortunes.txt)
{
    echo '#!/bin/sh'
    echo "# $count sayings, assembled by 01build.sh"
    echo 'n=${1:-1}'
    echo 'case "$n" in'
    grep . src/fortunes.txt | awk '{ gsub(/\x27/, "\x27\\\x27\x27"); printf "%d) echo \x27%s\x27 ;;\n", NR, $0 }'
    echo '*) echo "no saying $n" >&2; exit 1 ;;'
    echo 'esac'
} > "$out/fortune"
chmod 755 "$out/fortune"
echo "$count" > "$out/fortune.count"
