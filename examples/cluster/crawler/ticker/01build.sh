#!/bin/sh
# Builds ticker into $BUILD_DIR: one static binary plus VERSION.
set -eu
: "${BUILD_DIR:?set BUILD_DIR to the folder to build into}"
VERSION=0.2.0
mkdir -p "$BUILD_DIR"
BUILD_DIR=$(cd "$BUILD_DIR" && pwd)
cd "$(dirname "$0")"
gcc -static -O2 -Wall -Wextra -Werror -DVERSION="\"$VERSION\"" -o "$BUILD_DIR/ticker" ticker.c
printf '%s\n' "$VERSION" >"$BUILD_DIR/VERSION"
