# sfcpp_add_emulator_fixture: a CTest fixture serving an emulated org for the tests that require it.
#
#   sfcpp_add_emulator_fixture(NAME org [SCHEMA <dir>] [SEED <file>] [ARGS <sfcpp-emulator option>...])
#   add_test(NAME my_test COMMAND my_test ${org_URL_FILE})
#   set_tests_properties(my_test PROPERTIES FIXTURES_REQUIRED org)
#
# Adds the tests <NAME>.start (FIXTURES_SETUP <NAME>: starts sfcpp-emulator in the background on an
# ephemeral port) and <NAME>.stop (FIXTURES_CLEANUP <NAME>). Sets in the caller's scope
# <NAME>_URL_FILE, the file holding the base URL (one line, "http://127.0.0.1:PORT"), and
# <NAME>_PID_FILE. The org's client id and secret are the emulator's defaults unless ARGS change them.
# Relative SCHEMA and SEED paths are taken from the current source directory.
function(sfcpp_add_emulator_fixture)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;SCHEMA;SEED" "ARGS")
  if(NOT arg_NAME)
    message(FATAL_ERROR "sfcpp_add_emulator_fixture: NAME is required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "sfcpp_add_emulator_fixture: unexpected arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET sfcpp::sfcpp-emulator)
    message(FATAL_ERROR "sfcpp_add_emulator_fixture needs the sfcpp-emulator executable: "
                        "find_package(sfcpp CONFIG REQUIRED COMPONENTS emulator)")
  endif()

  set(url_file ${CMAKE_CURRENT_BINARY_DIR}/${arg_NAME}.url)
  set(pid_file ${CMAKE_CURRENT_BINARY_DIR}/${arg_NAME}.pid)
  set(start_args --detach --port 0 --url-file ${url_file} --pid-file ${pid_file})
  if(arg_SCHEMA)
    cmake_path(ABSOLUTE_PATH arg_SCHEMA BASE_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND start_args --schema ${arg_SCHEMA})
  endif()
  if(arg_SEED)
    cmake_path(ABSOLUTE_PATH arg_SEED BASE_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND start_args --seed ${arg_SEED})
  endif()

  add_test(NAME ${arg_NAME}.start COMMAND $<TARGET_FILE:sfcpp::sfcpp-emulator> ${start_args} ${arg_ARGS})
  add_test(NAME ${arg_NAME}.stop COMMAND $<TARGET_FILE:sfcpp::sfcpp-emulator> --stop ${pid_file})
  set_tests_properties(${arg_NAME}.start PROPERTIES FIXTURES_SETUP ${arg_NAME})
  set_tests_properties(${arg_NAME}.stop PROPERTIES FIXTURES_CLEANUP ${arg_NAME})

  set(${arg_NAME}_URL_FILE ${url_file} PARENT_SCOPE)
  set(${arg_NAME}_PID_FILE ${pid_file} PARENT_SCOPE)
endfunction()
