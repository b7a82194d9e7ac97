#!/bin/sh
# A base for the other services: Debian's static busybox (a shell and the usual tools) with one
# link per tool. It must be the static build: the image holds no C library.
set -eu
busybox=/bin/busybox
if [ ! -x "$busybox" ] || ldd "$busybox" >/dev/null 2>&1; then
  echo "$busybox is missing or not static: apt-get install busybox-static" >&2
  exit 1
fi
mkdir -p "$BUILD_DIR/bin"
cp "$busybox" "$BUILD_DIR/bin/busybox"
for tool in $("$busybox" --list); do
  [ "$tool" = busybox ] || ln -s busybox "$BUILD_DIR/bin/$tool"
done
