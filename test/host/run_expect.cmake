# cmake -DCMD=prog [-DARGS=a;b] -DEXPECT_RC=n [-DEXPECT_OUT=regex] -P run_expect.cmake
# Runs a command that is supposed to fail in a known way and checks both
# its exit status and its output, so neither a pass nor a crash slips by.
execute_process(COMMAND ${CMD} ${ARGS} RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc STREQUAL EXPECT_RC)
  message(FATAL_ERROR "exit status ${rc}, expected ${EXPECT_RC}")
endif()
if(DEFINED EXPECT_OUT AND NOT out MATCHES "${EXPECT_OUT}")
  message(FATAL_ERROR "output does not match: ${EXPECT_OUT}")
endif()
