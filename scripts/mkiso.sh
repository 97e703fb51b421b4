#!/bin/sh
# scripts/mkiso.sh OUT.iso KERNEL.elf GRUB.cfg [MODULE...]
# Builds a hybrid ISO with grub-mkrescue: it boots under BIOS and UEFI, as
# a CD and as a raw disk (the same file written to a USB stick with dd).
set -eu
out=$1 kernel=$2 cfg=$3
shift 3
stage=$(dirname "$out")/iso-$(basename "$out" .iso)
rm -rf "$stage"
mkdir -p "$stage/boot/grub"
cp "$kernel" "$stage/boot/kernel.elf"
cp "$cfg" "$stage/boot/grub/grub.cfg"
for m in "$@"; do
	cp "$m" "$stage/boot/"
done
log=$(dirname "$out")/$(basename "$out" .iso).mkrescue.log
if ! grub-mkrescue -o "$out" "$stage" >"$log" 2>&1; then
	cat "$log" >&2
	echo "mkiso: grub-mkrescue failed (log above)" >&2
	exit 1
fi
