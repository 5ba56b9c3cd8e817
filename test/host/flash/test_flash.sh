#!/usr/bin/env bash
# test_flash.sh BUILD_DIR: scripts/flash against fake lsblk/udevadm/findmnt
# (fakebin/, devices.txt), one case per refusal, and the write + read-back
# path into a file through MMK_FLASH_TEST_TARGET. Real files stand in for
# the non-device refusals (regular file, /dev/null, missing path, ...).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/mmk-flash-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
flash=$top/scripts/flash
export FAKE_DEVICES=$here/devices.txt
fakepath=$here/fakebin:$PATH
failed=0 passed=0

image=$work/disk.img
head -c $((64 << 20)) /dev/urandom > "$image"
victim=$work/victim.img
head -c $((1 << 20)) /dev/urandom > "$victim"
victim_sum=$(sha256sum < "$victim")

ok() { passed=$((passed + 1)); echo "ok - $*"; }
bad() { failed=$((failed + 1)); echo "not ok - $*"; }

# expect NAME STATUS REGEX [env VAR=..] -- ARGS: run flash, check the status,
# that stderr+stdout match REGEX, and that the victim file is unchanged.
expect() {
	local name=$1 want=$2 re=$3 rc out
	shift 3
	local envs=()
	while [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	set +e
	out=$(env PATH="$fakepath" "${envs[@]}" "$flash" "$@" < /dev/null 2>&1)
	rc=$?
	set -e
	if [ "$rc" -ne "$want" ]; then
		bad "$name: status $rc, want $want: $out"
	elif ! grep -qE -- "$re" <<< "$out"; then
		bad "$name: output does not match '$re': $out"
	elif [ "$(sha256sum < "$victim")" != "$victim_sum" ]; then
		bad "$name: the victim file changed"
	else
		ok "$name"
	fi
}
T=MMK_FLASH_TEST_TARGET=$victim

# Not a block device at all (no test override): nothing may be touched.
expect regular_file 1 "refusing $victim: not a block device" -- --yes "$victim" "$image"
expect dev_null 1 "refusing /dev/null: a character device" -- --yes /dev/null "$image"
expect missing_path 1 "refusing $work/nope: no such file or device" -- --yes "$work/nope" "$image"
expect directory 1 "refusing $work: a directory" -- --yes "$work" "$image"
ln -s "$work/nope" "$work/dangling"
expect dangling_link 1 "dangling symbolic link" -- --yes "$work/dangling" "$image"

# Decisions on what lsblk/udev/findmnt say.
expect partition 1 "partition of /dev/sdb; give the whole disk" "$T" -- --yes /dev/sdb1 "$image"
expect loop 1 "a loop device" "$T" -- --yes /dev/loop0 "$image"
expect optical 1 "an optical drive" "$T" -- --yes /dev/sr0 "$image"
expect ramdisk 1 "a RAM disk" "$T" -- --yes /dev/ram0 "$image"
expect lvm_volume 1 "'lvm' device, not a whole disk" "$T" -- --yes /dev/dm-1 "$image"
expect read_only 1 "read-only" "$T" -- --yes /dev/sdd "$image"
expect root_disk_sata 1 "holds / \(the running system" "$T" -- --yes /dev/sda "$image"
expect root_disk_nvme_lvm 1 "holds / \(the running system" "$T" FAKE_ROOT_SOURCE=/dev/mapper/vg-root -- --yes /dev/nvme0n1 "$image"
expect root_on_usb_via_holder 1 "sde: it holds / \(the running system" "$T" FAKE_ROOT_SOURCE=/dev/mapper/live-root -- --yes /dev/sde "$image"
expect root_mounted_in_tree 1 "holds / \(/dev/vda" "$T" FAKE_ROOT_SOURCE=/dev/sdx9 -- --yes /dev/vda "$image"
expect mounted 1 "sdf1 is mounted on /media/user/KINGSTON" "$T" -- --yes /dev/sdf "$image"
expect swap 1 "sdg1 is in use as swap" "$T" -- --yes /dev/sdg "$image"
expect not_usb_nvme 1 "not on the USB bus \(transport 'nvme'\)" "$T" -- --yes /dev/nvme1n1 "$image"
expect not_usb_sd_reader 1 "not on the USB bus \(transport 'none'\)" "$T" -- --yes /dev/mmcblk0 "$image"
expect not_removable 1 "neither removable nor hot-plug" "$T" -- --yes /dev/sdj "$image"
expect udev_disagrees 1 "udev says bus 'ata'" "$T" -- --yes /dev/sdk "$image"
expect unknown_to_lsblk 1 "lsblk does not know it" "$T" -- --yes /dev/sdz "$image"
expect no_medium 1 "no medium" "$T" -- --yes /dev/sdl "$image"
expect too_small 1 "too small: 0.0 GiB for a 0.1 GiB image" "$T" -- --yes /dev/sdh "$image"
expect too_large 1 "larger than 256 GiB \(1863.0 GiB\)" "$T" -- --yes /dev/sdi "$image"
expect bad_usage 2 "need DEVICE" -- --yes
expect unknown_option 2 "unknown option '--force'" -- --force /dev/sdb "$image"
expect missing_image 2 "image $work/none.img: no such file" "$T" -- --yes /dev/sdb "$work/none.img"

# Real lsblk output captured on the build machine (captured/, README.md).
cap=$here/captured
expect captured_loop 1 "refusing /dev/loop0: it is a loop device" "$T" FAKE_DEVICES="$cap/loop0.txt" -- --yes /dev/loop0 "$image"
expect captured_loop_readonly 1 "refusing /dev/loop0: it is a loop device" "$T" FAKE_DEVICES="$cap/loop0-readonly.txt" -- --yes /dev/loop0 "$image"
expect captured_root_virtio 1 "refusing /dev/vda: it holds / \(the running system" "$T" FAKE_DEVICES="$cap/vda.txt" FAKE_ROOT_SOURCE=/dev/vda -- --yes /dev/vda "$image"
expect captured_zram 1 "refusing /dev/zram0: it is a RAM disk" "$T" FAKE_DEVICES="$cap/zram0.txt" -- --yes /dev/zram0 "$image"

# Accepted, but not written: --dry-run, not root, the name typed wrong.
expect large_allowed_dry_run 0 "dry run: would write" "$T" -- --dry-run --allow-large /dev/sdi "$image"
expect hotplug_dry_run 0 "Device: +/dev/sdc \(Extreme SSD, serial 3230424B3132" "$T" -- --dry-run /dev/sdc "$image"
expect not_root 1 "^  sudo .*/scripts/flash --yes /dev/sdb .*disk.img$" "$T" FAKE_UID=1000 -- --yes /dev/sdb "$image"
expect wrong_name_typed 1 "'' is not sdb; nothing written" "$T" -- /dev/sdb "$image"

# The write + read-back path: the image lands in the target and is verified.
target=$work/target.img
: > "$target"
set +e
out=$(printf 'sdb\n' | env PATH="$fakepath" MMK_FLASH_TEST_TARGET="$target" "$flash" /dev/sdb "$image" 2>&1)
rc=$?
set -e
if [ $rc -eq 0 ] && cmp -s "$image" "$target" && grep -q "wrote and verified 67108864 bytes" <<< "$out"; then
	ok "write_and_verify"
else
	bad "write_and_verify: status $rc, same=$(cmp -s "$image" "$target" && echo yes || echo no): $out"
fi

echo "# $passed passed, $failed failed"
[ $failed -eq 0 ]
