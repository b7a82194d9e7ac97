#!/bin/sh
# A static binary needs nothing from its image: FROM scratch is enough.
set -eu
cc -static -O2 -o "$BUILD_DIR/greet" greet.c
