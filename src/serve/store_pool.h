// Read-only connections to the event store shared by the server's worker
// threads. A Lease gives one connection to one request at a time and puts a
// deadline on its SQLite work: past it, SQLite's progress handler interrupts
// the statement and the lease reports timed_out().
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/event_store.h"

namespace detente {

class StorePool {
 public:
  // Opens `size` SQLITE_OPEN_READONLY connections. A store with an older
  // schema is first migrated through one writable connection when the file
  // allows it (the API itself never writes).
  static Result<std::unique_ptr<StorePool>> Open(const std::string& path, int size);

  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<EventStore> store, int millis);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    EventStore* store() const { return store_.get(); }
    sqlite3* db() const { return store_->db(); }
    bool timed_out() const { return timed_out_; }
    // A shorter deadline for optional work (an event list's total): past
    // it the statement is interrupted and budget_spent() is true, but the
    // request itself has not timed out.
    void SetBudget(int millis);
    void ClearBudget();
    bool budget_spent() const { return budget_spent_; }

   private:
    static int OnProgress(void* self);
    StorePool* pool_;
    std::unique_ptr<EventStore> store_;
    std::chrono::steady_clock::time_point deadline_;
    std::optional<std::chrono::steady_clock::time_point> budget_;
    bool timed_out_ = false;
    bool budget_spent_ = false;
  };

  // Waits for a free connection; its SQLite work may take `millis`.
  std::unique_ptr<Lease> Acquire(int millis);
  const std::string& path() const { return path_; }

 private:
  StorePool() = default;
  void Release(std::unique_ptr<EventStore> store);

  std::string path_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<EventStore>> free_;
};

}  // namespace detente
