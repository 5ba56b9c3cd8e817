# Flags for the UEFI loader: a PE32+ image straight from clang's Windows
# target and lld-link, against Debian's gnu-efi headers (no libefi: it is
# ELF and lld-link cannot read it). EFIAPI is the MS ABI on this target.
set(EFI_TARGET x86_64-unknown-windows)
set(EFI_INCLUDE_DIRS /usr/include/efi /usr/include/efi/x86_64)
set(EFI_C_FLAGS
    --target=${EFI_TARGET} -std=c11 -ffreestanding -fshort-wchar -mno-red-zone
    -fno-stack-protector -mno-stack-arg-probe -mgeneral-regs-only
    -O2 -Wall -Wextra -Wno-unused-parameter)
set(EFI_LINK_FLAGS
    --target=${EFI_TARGET} -fuse-ld=lld -nostdlib
    -Wl,-entry:efi_main -Wl,-subsystem:efi_application)

function(efi_target_flags tgt)
  target_compile_options(${tgt} PRIVATE ${EFI_C_FLAGS})
  target_include_directories(${tgt} SYSTEM PRIVATE ${EFI_INCLUDE_DIRS})
  target_link_options(${tgt} PRIVATE ${EFI_LINK_FLAGS})
endfunction()
