# sfcpp_generate_sobjects(TARGET <name> DESCRIBE <files or dirs>... [NAMESPACE ns] [OBJECTS A B ...]
#                         [OUTPUT_DIR dir] [DESCRIBE_STRUCTS])
#
# DESCRIBE_STRUCTS also describes every record with BOOST_DESCRIBE_STRUCT (for code that walks
# members with Boost.Describe); it is off by default because it costs compile time.
#
# Runs sfcpp-codegen at build time and gives an INTERFACE target <name> whose include path holds
# the generated headers (<name>/<Object>.hpp, <name>/sobjects.hpp). The headers are regenerated
# when a describe file or the generator changes.
#
# The target brings sfcpp's headers (sfcpp::sfcpp) but no compilation mode: the generated headers
# hold no code that depends on it. Link sfcpp::compiled next to it for separate compilation
# (`target_link_libraries(app PRIVATE sfcpp::compiled my_sobjects)`), and then in every target of
# the program that includes sfcpp's headers.
function(sfcpp_generate_sobjects)
  cmake_parse_arguments(ARG "DESCRIBE_STRUCTS" "TARGET;NAMESPACE;OUTPUT_DIR" "DESCRIBE;OBJECTS" ${ARGN})
  if(NOT ARG_TARGET OR NOT ARG_DESCRIBE)
    message(FATAL_ERROR "sfcpp_generate_sobjects: TARGET and DESCRIBE are required")
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
  add_custom_command(
    OUTPUT ${stamp}
    COMMAND ${codegen} --out ${header_dir} --namespace ${ARG_NAMESPACE} ${objects_arg} ${inputs}
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    DEPENDS ${inputs} ${codegen_dep}
    COMMENT "sfcpp-codegen: generating ${ARG_TARGET}"
    VERBATIM)
  add_custom_target(${ARG_TARGET}_codegen DEPENDS ${stamp})
  add_library(${ARG_TARGET} INTERFACE)
  add_dependencies(${ARG_TARGET} ${ARG_TARGET}_codegen)
  target_include_directories(${ARG_TARGET} INTERFACE ${ARG_OUTPUT_DIR})
  target_link_libraries(${ARG_TARGET} INTERFACE sfcpp::sfcpp)
endfunction()
