#!/bin/sh
# "Compiles" hello: busybox has no C compiler, so the binary is a generated shell program.
set -eu
out="${BUILD_DIR:?BUILD_DIR names the folder for the binaries}"
mkdir -p "$out"
cat > "$out/hello" <<'PROGRAM'
#!/bin/sh
echo "hello from two-phase"
PROGRAM
chmod 755 "$out/hello"
