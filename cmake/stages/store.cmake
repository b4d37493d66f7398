# store: SQLite (embedded, the default), PostgreSQL (libpq), SHA-256 content
# hashes (libcrypto) and XLSX export (libxlsxwriter).
find_package(PkgConfig REQUIRED)
pkg_check_modules(JIXIAO_STORE_DEPS REQUIRED IMPORTED_TARGET sqlite3 libpq libcrypto xlsxwriter)
target_link_libraries(jixiao_core PUBLIC PkgConfig::JIXIAO_STORE_DEPS)
find_package(Threads REQUIRED)
target_link_libraries(jixiao_core PUBLIC Threads::Threads)
