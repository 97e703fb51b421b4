#!/bin/sh
# Build Basalt's /sbin/init into build/user/init: the Makefile is the one place that
# knows how (musl-gcc -static with the project's flags); this is a shortcut.
# Run from anywhere.
set -e
cd "$(dirname "$0")/../.."
make --no-print-directory build/user/init
