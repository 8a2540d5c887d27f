#include "serve/store_pool.h"

#include <fmt/format.h>

namespace detente {

Result<std::unique_ptr<StorePool>> StorePool::Open(const std::string& path, int size) {
  std::unique_ptr<StorePool> pool(new StorePool());
  pool->path_ = path;
  for (int i = 0; i < std::max(1, size); ++i) {
    auto store = EventStore::Open(path, EventStore::Mode::kReadOnly);
    if (!store.ok() && i == 0 && store.status().code() == ErrorCode::kInvalidInput) {
      // An older schema: migrate once if the file is writable, then retry.
      auto writer = EventStore::Open(path, EventStore::Mode::kRead);
      if (writer.ok()) {
        writer->reset();
        store = EventStore::Open(path, EventStore::Mode::kReadOnly);
      }
    }
    if (!store.ok()) return store.status();
    pool->free_.push_back(std::move(store).value());
  }
  return pool;
}

StorePool::Lease::Lease(StorePool* pool, std::unique_ptr<EventStore> store, int millis)
    : pool_(pool),
      store_(std::move(store)),
      deadline_(std::chrono::steady_clock::now() + std::chrono::milliseconds(millis)) {
  // Checked every 1000 virtual machine instructions: a few microseconds.
  sqlite3_progress_handler(store_->db(), 1000, &Lease::OnProgress, this);
}

StorePool::Lease::~Lease() {
  sqlite3_progress_handler(store_->db(), 0, nullptr, nullptr);
  pool_->Release(std::move(store_));
}

void StorePool::Lease::SetBudget(int millis) {
  budget_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(millis);
  budget_spent_ = false;
}

void StorePool::Lease::ClearBudget() { budget_.reset(); }

int StorePool::Lease::OnProgress(void* self) {
  auto* lease = static_cast<Lease*>(self);
  auto now = std::chrono::steady_clock::now();
  if (lease->budget_ && now >= *lease->budget_) {
    lease->budget_spent_ = true;
    return 1;
  }
  if (now < lease->deadline_) return 0;
  lease->timed_out_ = true;
  return 1;  // SQLITE_INTERRUPT
}

std::unique_ptr<StorePool::Lease> StorePool::Acquire(int millis) {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !free_.empty(); });
  std::unique_ptr<EventStore> store = std::move(free_.back());
  free_.pop_back();
  lock.unlock();
  return std::make_unique<Lease>(this, std::move(store), millis);
}

void StorePool::Release(std::unique_ptr<EventStore> store) {
  {
    std::lock_guard lock(mu_);
    free_.push_back(std::move(store));
  }
  cv_.notify_one();
}

}  // namespace detente
