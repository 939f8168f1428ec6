#include "pipeline/run/worker_pool.h"

namespace shenbao {

WorkerPool::WorkerPool(int threads, const OcrOptions& ocr) {
  if (threads < 1) threads = 1;
  for (int i = 0; i < threads; ++i) engines_.push_back(std::make_unique<OcrEngine>(ocr));
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this, i] { worker_loop(i); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void WorkerPool::run(std::vector<Task> tasks) {
  std::unique_lock<std::mutex> lock(mutex_);
  for (Task& t : tasks) queue_.push_back(std::move(t));
  pending_ += tasks.size();
  work_ready_.notify_all();
  work_done_.wait(lock, [this] { return pending_ == 0; });
}

void WorkerPool::worker_loop(int index) {
  OcrEngine& engine = *engines_[index];
  for (;;) {
    Task task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and nothing left
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task(engine);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (--pending_ == 0) work_done_.notify_all();
    }
  }
}

int resolve_jobs(int requested) {
  if (requested > 0) return requested;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

}  // namespace shenbao
