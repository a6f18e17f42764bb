# sfcpp_generate_sobjects(TARGET <name> DESCRIBE <files or dirs>... [NAMESPACE ns] [OBJECTS A B ...]
#                         [OUTPUT_DIR dir] [DESCRIBE_STRUCTS])
# sfcpp_generate_sobjects(TARGET <name> FROM_ORG SNAPSHOT <dir> OBJECTS <names or wildcards>...
#                         [LOGIN_URL url] [PARENTS n] [CHILDREN n] [NAMESPACE ns] [OUTPUT_DIR dir]
#                         [DESCRIBE_STRUCTS])
#
# Runs sfcpp-codegen at build time and gives an INTERFACE target <name> whose include path holds
# the generated headers (<name>/<Object>.hpp, <name>/sobjects.hpp).
#
# DESCRIBE: from describe files; the headers are regenerated when a file or the generator changes.
#
# FROM_ORG: from a live org, through a snapshot of its describes kept in SNAPSHOT (relative to the
# current source folder; commit it). When the generator runs (first build, a changed snapshot,
# generator or argument) with credentials in the environment (SF_CLIENT_ID and SF_CLIENT_SECRET,
# or SF_USERNAME with SF_PRIVATE_KEY_FILE, or SF_REFRESH_TOKEN; SF_LOGIN_URL unless LOGIN_URL is
# given), it refreshes the snapshot from the org, asking If-Modified-Since per object, and
# generates; without them it generates from the snapshot. Either way the headers are the same
# bytes for the same describes, and unchanged headers are not rewritten. The target <name>_refresh
# refreshes the snapshot and the headers on demand (it needs the credentials). OBJECTS takes API
# names and wildcards (*__c, ns__*); PARENTS and CHILDREN add the objects lookups and child
# relationships reach in that many steps.
#
# DESCRIBE_STRUCTS also describes every record with BOOST_DESCRIBE_STRUCT (for code that walks
# members with Boost.Describe); it is off by default because it costs compile time.
#
# The target brings sfcpp's headers (sfcpp::sfcpp) but no compilation mode: the generated headers
# hold no code that depends on it. Link sfcpp::compiled next to it for separate compilation
# (`target_link_libraries(app PRIVATE sfcpp::compiled my_sobjects)`), and then in every target of
# the program that includes sfcpp's headers.

# FROM_ORG: the command that writes ${stamp}, and the _refresh target (a macro, so that it sees and
# sets the caller's variables).
macro(_sfcpp_generate_from_org)
  get_filename_component(snapshot ${ARG_SNAPSHOT} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  set(org_args --org --snapshot ${snapshot} --out ${header_dir} --namespace ${ARG_NAMESPACE} ${objects_arg})
  if(ARG_PARENTS)
    list(APPEND org_args --parents ${ARG_PARENTS})
  endif()
  if(ARG_CHILDREN)
    list(APPEND org_args --children ${ARG_CHILDREN})
  endif()
  if(ARG_LOGIN_URL)
    list(APPEND org_args --login-url ${ARG_LOGIN_URL})
  endif()
  # The arguments as a file that changes only when they do, so that the Makefile generators (which
  # do not track commands) regenerate after an edit of OBJECTS or NAMESPACE too.
  file(MAKE_DIRECTORY ${ARG_OUTPUT_DIR})
  set(args_file ${ARG_OUTPUT_DIR}/${ARG_TARGET}.args)
  string(REPLACE ";" "\n" args_text "${org_args}")
  file(CONFIGURE OUTPUT ${args_file} CONTENT "${args_text}\n" @ONLY)
  file(GLOB snapshot_files CONFIGURE_DEPENDS ${snapshot}/*.json ${snapshot}/last-modified.txt)

  set(login "$ENV{SF_LOGIN_URL}")
  if(ARG_LOGIN_URL)
    set(login ${ARG_LOGIN_URL})
  endif()
  if(login AND DEFINED ENV{SF_CLIENT_ID} AND (DEFINED ENV{SF_CLIENT_SECRET} OR DEFINED ENV{SF_REFRESH_TOKEN}
     OR (DEFINED ENV{SF_USERNAME} AND DEFINED ENV{SF_PRIVATE_KEY_FILE})))
    message(STATUS "sfcpp: ${ARG_TARGET}: org credentials set: when it runs, the generator refreshes ${snapshot} from ${login}")
  else()
    message(STATUS "sfcpp: ${ARG_TARGET}: no org credentials in the environment: generating from the snapshot ${snapshot}")
  endif()

  add_custom_command(
    OUTPUT ${stamp}
    COMMAND ${codegen} ${org_args}
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    DEPENDS ${snapshot_files} ${args_file} ${codegen_dep}
    COMMENT "sfcpp-codegen: generating ${ARG_TARGET} (from the org when credentials are set, else from the snapshot)"
    VERBATIM)
  list(TRANSFORM org_args REPLACE "^--snapshot$" "--save-describe")
  add_custom_target(${ARG_TARGET}_refresh
    COMMAND ${codegen} ${org_args}
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    DEPENDS ${codegen_dep}
    COMMENT "sfcpp-codegen: refreshing ${snapshot} from the org and generating ${ARG_TARGET}"
    VERBATIM)
endmacro()

function(sfcpp_generate_sobjects)
  cmake_parse_arguments(ARG "DESCRIBE_STRUCTS;FROM_ORG"
    "TARGET;NAMESPACE;OUTPUT_DIR;SNAPSHOT;LOGIN_URL;PARENTS;CHILDREN" "DESCRIBE;OBJECTS" ${ARGN})
  if(NOT ARG_TARGET)
    message(FATAL_ERROR "sfcpp_generate_sobjects: TARGET is required")
  endif()
  if(ARG_FROM_ORG AND ARG_DESCRIBE)
    message(FATAL_ERROR "sfcpp_generate_sobjects(${ARG_TARGET}): give DESCRIBE or FROM_ORG, not both")
  endif()
  if(NOT ARG_FROM_ORG AND NOT ARG_DESCRIBE)
    message(FATAL_ERROR "sfcpp_generate_sobjects(${ARG_TARGET}): DESCRIBE files or FROM_ORG are required")
  endif()
  if(ARG_FROM_ORG AND (NOT ARG_SNAPSHOT OR NOT ARG_OBJECTS))
    message(FATAL_ERROR "sfcpp_generate_sobjects(${ARG_TARGET}): FROM_ORG needs SNAPSHOT <dir> and OBJECTS")
  endif()
  if(NOT ARG_FROM_ORG AND (ARG_SNAPSHOT OR ARG_LOGIN_URL OR ARG_PARENTS OR ARG_CHILDREN))
    message(FATAL_ERROR "sfcpp_generate_sobjects(${ARG_TARGET}): SNAPSHOT, LOGIN_URL, PARENTS and CHILDREN go with FROM_ORG")
  endif()
  if(NOT ARG_NAMESPACE)
    set(ARG_NAMESPACE sobjects)
  endif()
  if(NOT ARG_OUTPUT_DIR)
    set(ARG_OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}_generated)
  endif()
  set(header_dir ${ARG_OUTPUT_DIR}/${ARG_TARGET})

  # Expand folders into their .json files so that a changed describe reruns the generator.
  set(inputs "")
  foreach(item IN LISTS ARG_DESCRIBE)
    get_filename_component(abs ${item} ABSOLUTE)
    if(IS_DIRECTORY ${abs})
      file(GLOB found CONFIGURE_DEPENDS ${abs}/*.json)
      list(SORT found)
      list(APPEND inputs ${found})
    else()
      list(APPEND inputs ${abs})
    endif()
  endforeach()

  if(TARGET sfcpp::codegen)
    set(codegen $<TARGET_FILE:sfcpp::codegen>)
    set(codegen_dep sfcpp::codegen)
  else()
    message(FATAL_ERROR "sfcpp_generate_sobjects: sfcpp-codegen is not available (build sfcpp with SFCPP_BUILD_TOOLS=ON)")
  endif()

  set(objects_arg "")
  if(ARG_OBJECTS)
    list(JOIN ARG_OBJECTS "," objects_csv)
    set(objects_arg --objects ${objects_csv})
  endif()

  if(ARG_DESCRIBE_STRUCTS)
    list(APPEND objects_arg --describe)
  endif()

  set(stamp ${ARG_OUTPUT_DIR}/${ARG_TARGET}.stamp)
  if(ARG_FROM_ORG)
    _sfcpp_generate_from_org()
  else()
    add_custom_command(
      OUTPUT ${stamp}
      COMMAND ${codegen} --out ${header_dir} --namespace ${ARG_NAMESPACE} ${objects_arg} ${inputs}
      COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
      DEPENDS ${inputs} ${codegen_dep}
      COMMENT "sfcpp-codegen: generating ${ARG_TARGET}"
      VERBATIM)
  endif()
  add_custom_target(${ARG_TARGET}_codegen DEPENDS ${stamp})
  add_library(${ARG_TARGET} INTERFACE)
  add_dependencies(${ARG_TARGET} ${ARG_TARGET}_codegen)
  target_include_directories(${ARG_TARGET} INTERFACE ${ARG_OUTPUT_DIR})
  target_link_libraries(${ARG_TARGET} INTERFACE sfcpp::sfcpp)
endfunction()
