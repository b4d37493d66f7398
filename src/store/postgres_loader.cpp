// open_postgres (store/connection.hpp) on the program's side: the backend is
// the module jixiao-postgres.so (store/postgres_module.hpp), loaded here the
// first time a PostgreSQL store is opened.
#include "store/postgres_module.hpp"
#include "store/store.hpp"

namespace jixiao::store {

std::unique_ptr<Store::Connection> open_postgres(const std::string& url, OpenMode mode) {
  static const LoadedModule loaded = load_module(kPostgresModuleFile, kPostgresBackendEntry,
                                                 kPostgresBackendHeader.version, kPostgresBackendHeader.shared_size);
  if (loaded.table == nullptr)
    throw StoreError("a PostgreSQL store needs the module " + loaded.path +
                     " (built with the program), which could not be loaded: " + loaded.error);
  return reinterpret_cast<const PostgresBackend*>(loaded.table)->open(url, mode);
}

}  // namespace jixiao::store
