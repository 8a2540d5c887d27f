// The store's schema and its migrations. The version lives in the `meta`
// table (key "schema_version"); migrations are an ordered list of SQL
// scripts, migration i taking a store from version i-1 to i. Opening a store
// applies the missing ones in one transaction, so a store is always at one
// version or the next, never in between. docs/STORE.md describes the tables.
#pragma once

#include <sqlite3.h>
#include <span>
#include <string_view>

#include "base/status.h"

namespace detente {

struct Migration {
  int version;           // the version the store has after this script
  std::string_view sql;  // one or more statements
};

// The migrations of this build, oldest first.
std::span<const Migration> StoreMigrations();

// The schema version this build writes and reads.
int CurrentSchemaVersion();

// Reads the store's schema version (0 for a new, empty database).
Result<int> ReadSchemaVersion(sqlite3* db);

// Brings `db` to the last version in `migrations`. Fails, changing nothing,
// if the store is newer than that (written by a later detente) or a script
// fails. Safe against a concurrent opener: the version is re-read inside the
// write transaction.
Status Migrate(sqlite3* db, std::span<const Migration> migrations);

}  // namespace detente
