# jixiao's optional parts, built as modules beside the programs and loaded
# the first time they are needed (src/modules/loader.hpp says why): the
# readers of PDF, scans, Office and HTML (cmake/stages/read.cmake) and the
# PostgreSQL backend (cmake/stages/store.cmake). Each is a folder of sources
# kept out of the core.
set(JIXIAO_MODULE_FOLDERS read/originals store/postgres)

# $<LINK_LIBRARY:WHOLE_ARCHIVE,…> below came with CMake 3.24 (Debian 12 has
# 3.25), which is why CMakeLists.txt asks for 3.24.

# jixiao_add_module(TARGET FILE FOLDER LIBRARIES...): src/FOLDER/*.cpp (tests
# aside), compiled once, position-independent, as TARGET_objects (for tests
# that call the code directly) and linked into build/FILE.so with LIBRARIES.
function(jixiao_add_module target file folder)
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/${folder}/*.cpp)
  list(FILTER sources EXCLUDE REGEX "_test\\.cpp$")
  add_library(${target}_objects OBJECT ${sources})
  set_target_properties(${target}_objects PROPERTIES POSITION_INDEPENDENT_CODE ON)
  target_include_directories(${target}_objects PRIVATE ${CMAKE_SOURCE_DIR}/src ${CMAKE_BINARY_DIR}/generated)
  target_link_libraries(${target}_objects PUBLIC ${ARGN} nlohmann_json::nlohmann_json fmt::fmt)
  target_compile_options(${target}_objects PRIVATE -Wall -Wextra)
  add_dependencies(${target}_objects jixiao_core)  # the embedded data header
  add_library(${target} MODULE $<TARGET_OBJECTS:${target}_objects>)
  target_link_libraries(${target} PRIVATE ${ARGN} fmt::fmt)
  set_target_properties(${target} PROPERTIES PREFIX "" OUTPUT_NAME ${file} LIBRARY_OUTPUT_DIRECTORY
                                                                          ${CMAKE_BINARY_DIR})
  set_property(GLOBAL APPEND PROPERTY JIXIAO_MODULES ${target})
endfunction()

# Links the core into a program that loads the modules (instead of linking
# jixiao_core itself): a module's code calls back into the program's, so the
# program holds all of the core and exports its symbols.
function(jixiao_loads_modules target)
  set_target_properties(${target} PROPERTIES ENABLE_EXPORTS ON)
  target_link_libraries(${target} PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,jixiao_core>")
  get_property(modules GLOBAL PROPERTY JIXIAO_MODULES)
  add_dependencies(${target} ${modules})
endfunction()
