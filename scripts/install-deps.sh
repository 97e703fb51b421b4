#!/bin/sh
# scripts/install-deps.sh: install what building, running and testing Basalt
# needs on Debian 12 / Ubuntu 22.04 or later, non-interactively.
# Uses sudo when not run as root.  Safe to run again: apt-get skips what
# is already installed.
set -eu

PACKAGES="
	make gcc binutils nasm python3
	grub-common grub-pc-bin grub-efi-amd64-bin xorriso mtools
	qemu-system-x86 seabios ovmf
	console-setup-linux
	musl-tools cpio
"

if [ "$(id -u)" -eq 0 ]; then
	SUDO=
elif command -v sudo >/dev/null 2>&1; then
	SUDO=sudo
else
	echo "install-deps: run as root or install sudo" >&2
	exit 1
fi

missing=
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -z "$missing" ]; then
	echo "install-deps: everything is installed"
	exit 0
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
