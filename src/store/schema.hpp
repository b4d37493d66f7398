// Schema creation and migrations (internal to the store).
#pragma once

#include <string>

#include "store/connection.hpp"

namespace jixiao::store {

// The statements that take a database from version-1 to `version` in
// `dialect` ("sqlite" or "postgresql"); version 1 creates every table.
std::string schema_sql(int version, const std::string& dialect);

// Brings the database to kSchemaVersion (when may_write) and returns its
// version. Throws StoreError for a newer schema, or an older one read-only.
int migrate(Store::Connection& db, bool may_write);

}  // namespace jixiao::store
