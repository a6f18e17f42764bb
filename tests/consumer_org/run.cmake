# Installs sfcpp into a temporary prefix, starts the installed sfcpp-emulator in a folder outside
# the source tree (so it can only serve the schema it carries), then builds the consumer twice:
# with org credentials in the environment (types generated from the emulator at build time, the
# snapshot written) and without any (types generated from the snapshot). Both must write the same
# header bytes; the program's typed queries and the consumer's own tests run against the emulator.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/run ${WORK}/readme)
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${WORK}/prefix RESULT_VARIABLE r OUTPUT_QUIET)
if(r)
  message(FATAL_ERROR "install failed")
endif()

set(emulator ${WORK}/prefix/bin/sfcpp-emulator)
set(pid_file ${WORK}/run/emulator.pid)
execute_process(COMMAND ${emulator} --detach --port 0 --url-file ${WORK}/run/emulator.url --pid-file ${pid_file}
  --seed ${SOURCE}/seed.json WORKING_DIRECTORY ${WORK}/run RESULT_VARIABLE r)
if(r)
  message(FATAL_ERROR "the installed sfcpp-emulator did not start (exit ${r})")
endif()
file(STRINGS ${WORK}/run/emulator.url url LIMIT_COUNT 1)

macro(fail text)
  execute_process(COMMAND ${emulator} --stop ${pid_file})
  message(FATAL_ERROR "${text}")
endmacro()

# The SF_* variables a developer may have set must not leak into either build.
set(no_org --unset=SF_LOGIN_URL --unset=SF_CLIENT_ID --unset=SF_CLIENT_SECRET --unset=SF_USERNAME
  --unset=SF_PRIVATE_KEY_FILE --unset=SF_REFRESH_TOKEN --unset=SF_API_VERSION --unset=SF_CA_FILE)
set(org ${no_org} SF_LOGIN_URL=${url} SF_CLIENT_ID=sfcpp-emulator-client SF_CLIENT_SECRET=sfcpp-emulator-secret)
set(configure -DCMAKE_PREFIX_PATH=${WORK}/prefix -DSNAPSHOT_DIR=${WORK}/snapshot)

execute_process(COMMAND ${CMAKE_COMMAND} -E env ${org} ${CMAKE_COMMAND} -S ${SOURCE} -B ${WORK}/online ${configure}
  RESULT_VARIABLE r OUTPUT_VARIABLE out)
if(r OR NOT out MATCHES "org_sobjects: org credentials set")
  fail("configuring the consumer with credentials failed (exit ${r}): ${out}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E env ${org} ${CMAKE_COMMAND} --build ${WORK}/online
  RESULT_VARIABLE r OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(r OR NOT err MATCHES "refreshing the snapshot")
  fail("building the consumer from the org failed (exit ${r}): ${out} ${err}")
endif()
foreach(f Account.json Contact.json User.json last-modified.txt)
  if(NOT EXISTS ${WORK}/snapshot/${f})
    fail("the build wrote no ${f} into the snapshot")
  endif()
endforeach()

execute_process(COMMAND ${CMAKE_COMMAND} -E env ${org} ${WORK}/online/app RESULT_VARIABLE r OUTPUT_VARIABLE out)
if(r OR NOT out STREQUAL "Ng works at Acme Corporation\n")
  fail("the consumer's program printed '${out}' (exit ${r})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E env ${no_org} ${CMAKE_CTEST_COMMAND} --output-on-failure
  WORKING_DIRECTORY ${WORK}/online RESULT_VARIABLE r OUTPUT_VARIABLE out)
if(r)
  fail("the consumer's own tests failed: ${out}")
endif()

# <target>_refresh asks the org again: nothing changed there, so no header is rewritten; without
# credentials it refuses, naming what is missing.
set(contact_hpp ${WORK}/online/org_sobjects_generated/org_sobjects/Contact.hpp)
execute_process(COMMAND touch -d "2020-01-01 00:00:00" ${contact_hpp})
execute_process(COMMAND ${CMAKE_COMMAND} -E env ${org} ${CMAKE_COMMAND} --build ${WORK}/online --target org_sobjects_refresh
  RESULT_VARIABLE r OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(TIMESTAMP ${contact_hpp} after "%Y" UTC)
if(r OR NOT err MATCHES "0 described, [0-9]+ not modified since the snapshot" OR NOT after STREQUAL "2020")
  fail("org_sobjects_refresh failed or rewrote an unchanged header (exit ${r}): ${out} ${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E env ${no_org} ${CMAKE_COMMAND} --build ${WORK}/online --target org_sobjects_refresh
  RESULT_VARIABLE r OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT r OR NOT "${out}${err}" MATCHES "SF_LOGIN_URL")
  fail("org_sobjects_refresh without credentials should fail naming SF_LOGIN_URL (exit ${r}): ${out} ${err}")
endif()

execute_process(COMMAND ${CMAKE_COMMAND} -E env ${no_org} ${CMAKE_COMMAND} -S ${SOURCE} -B ${WORK}/offline ${configure}
  RESULT_VARIABLE r OUTPUT_VARIABLE out)
if(r OR NOT out MATCHES "org_sobjects: no org credentials in the environment: generating from the snapshot")
  fail("configuring the consumer without credentials failed (exit ${r}): ${out}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E env ${no_org} ${CMAKE_COMMAND} --build ${WORK}/offline
  --target org_sobjects_codegen RESULT_VARIABLE r OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(r OR NOT err MATCHES "generating from the snapshot")
  fail("generating from the snapshot failed (exit ${r}): ${out} ${err}")
endif()
set(online_dir ${WORK}/online/org_sobjects_generated/org_sobjects)
set(offline_dir ${WORK}/offline/org_sobjects_generated/org_sobjects)
file(GLOB online_headers RELATIVE ${online_dir} ${online_dir}/*.hpp)
file(GLOB offline_headers RELATIVE ${offline_dir} ${offline_dir}/*.hpp)
if(NOT online_headers STREQUAL offline_headers OR NOT online_headers)
  fail("the two builds generated different headers: '${online_headers}' and '${offline_headers}'")
endif()
foreach(h IN LISTS online_headers)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${online_dir}/${h} ${offline_dir}/${h} RESULT_VARIABLE r)
  if(r)
    fail("${h} generated from the org and from the snapshot differ")
  endif()
endforeach()

# README's "Generate types from your org" commands, as printed, with the installed tools on PATH.
file(READ ${README} readme)
string(FIND "${readme}" "## Generate types from your org" at)
string(SUBSTRING "${readme}" ${at} -1 readme)
string(FIND "${readme}" "```sh\n" from)
math(EXPR from "${from} + 6")
string(SUBSTRING "${readme}" ${from} -1 readme)
string(FIND "${readme}" "```" to)
string(SUBSTRING "${readme}" 0 ${to} commands)
file(WRITE ${WORK}/readme/commands.sh "set -e\n${commands}")
execute_process(COMMAND ${CMAKE_COMMAND} -E env ${no_org} "PATH=${WORK}/prefix/bin:$ENV{PATH}" bash commands.sh
  WORKING_DIRECTORY ${WORK}/readme RESULT_VARIABLE r OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(r OR NOT out MATCHES "Invoice__c +Invoice +yes")
  fail("README's commands failed (exit ${r}): ${out} ${err}")
endif()
foreach(f generated/Account.hpp generated/Contact.hpp generated/Custom_c.hpp generated/Invoice_c.hpp
          generated/User.hpp generated/sobjects.hpp describe-snapshot/Contact.json)
  if(NOT EXISTS ${WORK}/readme/${f})
    fail("README's commands wrote no ${f}: ${out} ${err}")
  endif()
endforeach()

execute_process(COMMAND ${emulator} --stop ${pid_file} RESULT_VARIABLE r)
if(r)
  message(FATAL_ERROR "sfcpp-emulator --stop failed (exit ${r})")
endif()
file(REMOVE_RECURSE ${WORK})
message(STATUS "consumer from the org ok: ${online_headers}")
