# store: SQLite (embedded, the default), PostgreSQL (libpq, the module
# jixiao-postgres.so: cmake/modules.cmake), SHA-256 content hashes (libcrypto)
# and XLSX export (libxlsxwriter).
find_package(PkgConfig REQUIRED)
pkg_check_modules(JIXIAO_STORE_DEPS REQUIRED IMPORTED_TARGET sqlite3 libcrypto xlsxwriter)
pkg_check_modules(JIXIAO_POSTGRES REQUIRED IMPORTED_TARGET libpq)
target_link_libraries(jixiao_core PUBLIC PkgConfig::JIXIAO_STORE_DEPS)
find_package(Threads REQUIRED)
target_link_libraries(jixiao_core PUBLIC Threads::Threads)
jixiao_add_module(jixiao_postgres jixiao-postgres store/postgres PkgConfig::JIXIAO_POSTGRES)
