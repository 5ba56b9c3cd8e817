# cmake -DCMD=prog [-DARGS=a;b] -DEXPECT_RC=n -DEXPECT_OUT=regex [-DREJECT_OUT=regex] -P run_expect.cmake
# Runs a command that is supposed to fail in a known way and checks both its
# exit status and its output (stdout and stderr together: mmsim reports input
# errors on stderr, kernel panics on stdout), so neither a pass nor a crash
# slips by. Leak checks are off: the command is expected to stop early.
set(ENV{ASAN_OPTIONS} detect_leaks=0)
execute_process(COMMAND ${CMD} ${ARGS} RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc STREQUAL EXPECT_RC)
  message(FATAL_ERROR "exit status ${rc}, expected ${EXPECT_RC}")
endif()
if(NOT "${out}${err}" MATCHES "${EXPECT_OUT}")
  message(FATAL_ERROR "output does not match: ${EXPECT_OUT}")
endif()
if(DEFINED REJECT_OUT AND "${out}${err}" MATCHES "${REJECT_OUT}")
  message(FATAL_ERROR "output matches what it must not: ${REJECT_OUT}")
endif()
