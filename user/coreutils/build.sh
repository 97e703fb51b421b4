#!/bin/sh
# user/coreutils/build.sh: build the Basalt multi-call coreutils binary
# (through the Makefile, which holds the flags) and make the
# build/user/bin/NAME -> ../coreutils symlinks the golden tests run.
# Run from anywhere.
set -e
cd "$(dirname "$0")/../.."
make --no-print-directory build/user/coreutils
mkdir -p build/user/bin
for n in $(build/user/coreutils --list); do
	ln -sf ../coreutils "build/user/bin/$n"
done
