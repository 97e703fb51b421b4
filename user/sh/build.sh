#!/bin/sh
# Build Basalt's /bin/sh with musl into build/user/sh.
# Run from the repository root (or anywhere: we cd there first).
set -e
cd "$(dirname "$0")/../.."
mkdir -p build/user
musl-gcc -static -O2 -Wall -Wextra -Werror -o build/user/sh user/sh/*.c
