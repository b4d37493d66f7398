# serve: the web workbench. cpp-httplib (libcpp-httplib-dev) and
# the front end from web/, built by npm (scripts/build_web.sh) and compiled in
# as string literals (build/web/web_assets.cpp), so jixiao serve needs no
# files at run time. Node.js and npm are required to build.
# Debian builds cpp-httplib as a shared library (libcpp-httplib.so, with
# OpenSSL/zlib/brotli on): its pkg-config file gives the matching defines.
find_package(PkgConfig REQUIRED)
pkg_check_modules(JIXIAO_SERVE_DEPS REQUIRED IMPORTED_TARGET cpp-httplib xlsxwriter)
target_link_libraries(jixiao_core PUBLIC PkgConfig::JIXIAO_SERVE_DEPS)
find_package(Threads REQUIRED)
target_link_libraries(jixiao_core PUBLIC Threads::Threads)

find_program(JIXIAO_NODE node)
find_program(JIXIAO_NPM npm)
if(NOT JIXIAO_NODE OR NOT JIXIAO_NPM)
  message(FATAL_ERROR "jixiao serve embeds the web front end (web/), built with Node.js and npm, "
                      "which were not found: apt-get install -y nodejs npm")
endif()

set(JIXIAO_WEB_OUT ${CMAKE_BINARY_DIR}/web)
file(GLOB_RECURSE JIXIAO_WEB_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/web/src/*)
add_custom_command(
  OUTPUT ${JIXIAO_WEB_OUT}/web_assets.cpp ${JIXIAO_WEB_OUT}/index.html ${JIXIAO_WEB_OUT}/app.js
         ${JIXIAO_WEB_OUT}/app.css
  COMMAND bash ${CMAKE_SOURCE_DIR}/scripts/build_web.sh ${JIXIAO_WEB_OUT}
  DEPENDS ${JIXIAO_WEB_SOURCES} ${CMAKE_SOURCE_DIR}/web/build.mjs ${CMAKE_SOURCE_DIR}/web/package.json
          ${CMAKE_SOURCE_DIR}/web/package-lock.json ${CMAKE_SOURCE_DIR}/scripts/build_web.sh
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}/web
  COMMENT "Building the web front end (npm, esbuild)"
  VERBATIM)
target_sources(jixiao_core PRIVATE ${JIXIAO_WEB_OUT}/web_assets.cpp)

# The browser test (web/e2e/run.mjs): Debian's chromium driven by
# playwright-core from web/node_modules. Screenshots go to build/screenshots.
if(JIXIAO_TESTS)
  add_test(NAME web_e2e
           COMMAND ${JIXIAO_NODE} ${CMAKE_SOURCE_DIR}/web/e2e/run.mjs --jixiao $<TARGET_FILE:jixiao>
                   --seeds ${CMAKE_SOURCE_DIR}/tests/corpus/seeds --out ${CMAKE_BINARY_DIR}/screenshots
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}/web)
  set_tests_properties(web_e2e PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)
endif()
