# Flags for the freestanding higher-half kernel (ELF, linked in the top
# 2 GiB, so -mcmodel=kernel). Frame pointers stay on for the stack traces
# the exception handler prints.
set(KERNEL_TARGET x86_64-unknown-none-elf)
set(KERNEL_C_FLAGS
    --target=${KERNEL_TARGET} -std=c11 -ffreestanding -nostdlib
    -fno-pic -fno-pie -mcmodel=kernel -mno-red-zone -mgeneral-regs-only
    -fno-stack-protector -fno-asynchronous-unwind-tables
    -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer
    -O2 -g -Wall -Wextra -Wno-unused-parameter)
set(KERNEL_ASM_FLAGS --target=${KERNEL_TARGET} -fno-pic -mcmodel=kernel -g)

function(kernel_target_flags tgt)
  target_compile_options(${tgt} PRIVATE
    $<$<COMPILE_LANGUAGE:C>:${KERNEL_C_FLAGS}>
    $<$<COMPILE_LANGUAGE:ASM>:${KERNEL_ASM_FLAGS}>)
  target_compile_definitions(${tgt} PRIVATE __KERNEL__)
endfunction()
