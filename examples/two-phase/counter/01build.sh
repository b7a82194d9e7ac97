#!/bin/sh
# Builds counter, a program that keeps its state under $HOME (which is /cyberdata in the run image).
set -eu
out="${BUILD_DIR:?BUILD_DIR names the folder for the binaries}"
mkdir -p "$out"
cat > "$out/counter" <<'PROGRAM'
#!/bin/sh
set -eu
state="${HOME:?}/counter.state"
n=$(( $(cat "$state" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$state"
echo "counter: run $n"
PROGRAM
chmod 755 "$out/counter"
