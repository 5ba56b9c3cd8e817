#!/bin/sh
# tools.pictures_current: redraw docs/pictures with scripts/docs-pictures into
# a temporary directory and fail, showing the difference, unless the
# committed drawings are exactly what the tools draw today.
#   pictures_current.sh MMSIM VLAYOUT ROOT
set -eu
mmsim=$1 vlayout=$2 root=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
MMK_MMSIM=$mmsim MMK_VLAYOUT=$vlayout "$root/scripts/docs-pictures" --out "$tmp/pictures"
if ! diff -ru "$root/docs/pictures" "$tmp/pictures" >"$tmp/diff"; then
	head -n 60 "$tmp/diff"
	echo "pictures_current: docs/pictures is stale ($(grep -c '^[-+]<' "$tmp/diff" || true) lines differ); run scripts/docs-pictures and commit" >&2
	exit 1
fi
echo "pictures_current: docs/pictures is what scripts/docs-pictures draws ($(ls "$tmp/pictures" | wc -l) files)"
