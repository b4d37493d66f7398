# Readers of the original formats (src/read/originals): PDF through poppler
# (its core API, for ruling lines as well as text), scans through tesseract
# and leptonica, Office Open XML through libzip + pugixml, HTML through
# libxml2, legacy Excel through freexl.
#
# With what they pull in (curl, gnutls, ICU, NSS, image codecs …) these are
# about half of the shared libraries the program would load and relocate at
# every start, so they are built as a module, jixiao-originals.so beside the
# programs, loaded the first time a file needs them (src/read/original_module.hpp).
# The module's code calls back into the program's; a program that loads it
# links the whole core and exports its symbols: jixiao_loads_original_readers.
find_package(PkgConfig REQUIRED)
pkg_check_modules(JIXIAO_READ REQUIRED IMPORTED_TARGET poppler poppler-cpp tesseract lept libzip pugixml
                  libxml-2.0 freexl)
find_package(Threads REQUIRED)
target_link_libraries(jixiao_core PUBLIC Threads::Threads ${CMAKE_DL_LIBS})

file(GLOB JIXIAO_ORIGINALS_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/read/originals/*.cpp)
list(FILTER JIXIAO_ORIGINALS_SOURCES EXCLUDE REGEX "_test\\.cpp$")
# Compiled once, position-independent, for the module and for the tests
# (which call the readers directly as well).
add_library(jixiao_originals_objects OBJECT ${JIXIAO_ORIGINALS_SOURCES})
set_target_properties(jixiao_originals_objects PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_include_directories(jixiao_originals_objects PRIVATE ${CMAKE_SOURCE_DIR}/src ${CMAKE_BINARY_DIR}/generated)
target_link_libraries(jixiao_originals_objects PUBLIC PkgConfig::JIXIAO_READ Threads::Threads
                      nlohmann_json::nlohmann_json fmt::fmt)
target_compile_options(jixiao_originals_objects PRIVATE -Wall -Wextra)
add_dependencies(jixiao_originals_objects jixiao_core)  # the embedded data header

add_library(jixiao_originals MODULE $<TARGET_OBJECTS:jixiao_originals_objects>)
target_link_libraries(jixiao_originals PRIVATE PkgConfig::JIXIAO_READ Threads::Threads fmt::fmt)
set_target_properties(jixiao_originals PROPERTIES PREFIX "" OUTPUT_NAME jixiao-originals
                                                  LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})

# Links the core into a program that reads the original formats through the
# module (instead of linking jixiao_core itself).
function(jixiao_loads_original_readers target)
  set_target_properties(${target} PROPERTIES ENABLE_EXPORTS ON)
  target_link_libraries(${target} PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,jixiao_core>")
  add_dependencies(${target} jixiao_originals)
endfunction()
