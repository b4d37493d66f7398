# render: XLSX through libxlsxwriter, DOCX packages through libzip. PDF needs
# no library: headless Chromium runs as a subprocess (render/chromium.hpp).
find_package(PkgConfig REQUIRED)
pkg_check_modules(JIXIAO_RENDER_XLSX REQUIRED IMPORTED_TARGET xlsxwriter)
pkg_check_modules(JIXIAO_RENDER_ZIP REQUIRED IMPORTED_TARGET libzip)
target_link_libraries(jixiao_core PUBLIC PkgConfig::JIXIAO_RENDER_XLSX PkgConfig::JIXIAO_RENDER_ZIP)
