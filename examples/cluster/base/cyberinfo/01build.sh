#!/bin/sh
# Builds cyberinfo into $BUILD_DIR: one static binary plus VERSION.
set -eu
: "${BUILD_DIR:?set BUILD_DIR to the folder to build into}"
VERSION=1.0.0
mkdir -p "$BUILD_DIR"
BUILD_DIR=$(cd "$BUILD_DIR" && pwd)
cd "$(dirname "$0")"
gcc -static -O2 -Wall -Wextra -Werror -DVERSION="\"$VERSION\"" -o "$BUILD_DIR/cyberinfo" cyberinfo.c
printf '%s\n' "$VERSION" >"$BUILD_DIR/VERSION"
