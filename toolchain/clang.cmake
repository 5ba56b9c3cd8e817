# The one toolchain file: clang and lld for everything. The host tests and
# tools use the native target; the kernel and the loader add their own
# --target per target (toolchain/kernel.cmake, toolchain/efi.cmake).
set(CMAKE_C_COMPILER clang)
set(CMAKE_ASM_COMPILER clang)
set(CMAKE_LINKER ld.lld)
set(CMAKE_EXE_LINKER_FLAGS_INIT "-fuse-ld=lld")
