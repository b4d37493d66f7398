// How the store reaches PostgreSQL: the backend (src/store/postgres/, libpq)
// is the module jixiao-postgres.so, loaded the first time a postgresql://
// store is opened. Why modules, and how they are found: modules/loader.hpp.
#pragma once

#include <memory>
#include <string>

#include "modules/loader.hpp"
#include "store/connection.hpp"

namespace jixiao::store {

// What the module hands the program.
struct PostgresBackend {
  ModuleHeader header;
  // Connects to `url`; throws StoreError when it cannot.
  std::unique_ptr<Store::Connection> (*open)(const std::string& url, OpenMode mode) = nullptr;
};

inline constexpr ModuleHeader kPostgresBackendHeader{1, sizeof(PostgresBackend) + sizeof(Store::Connection) +
                                                            sizeof(Value) + sizeof(SqlResult)};
inline constexpr const char* kPostgresModuleFile = "jixiao-postgres.so";
inline constexpr const char* kPostgresBackendEntry = "jixiao_postgres_backend";

}  // namespace jixiao::store

// The module's one entry point: the header of its PostgresBackend.
extern "C" const jixiao::ModuleHeader* jixiao_postgres_backend();
