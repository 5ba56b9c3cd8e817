/*
 * The console font, Debian's Lat15-VGA16 (package console-setup-linux),
 * unpacked into the build directory by kernel/CMakeLists.txt, which also
 * puts that directory on this file's include path.
 */
	.section .rodata
	.balign 16
	.globl console_font_start, console_font_end
console_font_start:
	.incbin "console-font.psf"
console_font_end:
