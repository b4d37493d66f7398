# Readers of the original formats (src/read/originals, the module
# jixiao-originals.so: cmake/modules.cmake): PDF through poppler (its core
# API, for ruling lines as well as text), scans through tesseract and
# leptonica, Office Open XML through libzip + pugixml, HTML through libxml2,
# legacy Excel through freexl.
find_package(PkgConfig REQUIRED)
pkg_check_modules(JIXIAO_READ REQUIRED IMPORTED_TARGET poppler poppler-cpp tesseract lept libzip pugixml
                  libxml-2.0 freexl)
find_package(Threads REQUIRED)
target_link_libraries(jixiao_core PUBLIC Threads::Threads ${CMAKE_DL_LIBS})
jixiao_add_module(jixiao_originals jixiao-originals read/originals PkgConfig::JIXIAO_READ Threads::Threads)
