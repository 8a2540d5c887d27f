#include "store/sqlite.h"

#include <fmt/format.h>

namespace detente::sql {

Status Error(sqlite3* db, std::string_view what) {
  int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
  ErrorCode ec = ErrorCode::kIo;
  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) ec = ErrorCode::kInvalidInput;
  if ((code & 0xff) == SQLITE_CANTOPEN) ec = ErrorCode::kNotFound;
  if ((code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_PERM)
    ec = ErrorCode::kPermissionDenied;
  return Status(ec, fmt::format("{}: {} (SQLite code {})", what,
                                db ? sqlite3_errmsg(db) : "out of memory", code));
}

Status Stmt::Prepare(sqlite3* db, std::string_view sql) {
  Finalize();
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    stmt_ = nullptr;
    std::string_view head = sql.substr(0, 60);
    return Error(db, fmt::format("preparing \"{}...\"", head));
  }
  return Status::Ok();
}

Result<bool> Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(stmt_);
  std::string sql = sqlite3_sql(stmt_) ? sqlite3_sql(stmt_) : "";
  if (sql.size() > 60) sql.resize(60);
  return Error(db, fmt::format("running \"{}...\"", sql));
}

Status Stmt::Run() {
  auto r = Step();
  Reset();
  if (!r.ok()) return r.status();
  return Status::Ok();
}

Status Exec(sqlite3* db, std::string_view sql) {
  std::string s(sql);
  char* msg = nullptr;
  int rc = sqlite3_exec(db, s.c_str(), nullptr, nullptr, &msg);
  if (rc != SQLITE_OK) {
    std::string m = msg ? msg : sqlite3_errmsg(db);
    sqlite3_free(msg);
    std::string head = s.substr(0, 60);
    return Status(ErrorCode::kIo, fmt::format("running \"{}...\": {} (SQLite code {})", head, m,
                                              sqlite3_extended_errcode(db)));
  }
  return Status::Ok();
}

}  // namespace detente::sql
