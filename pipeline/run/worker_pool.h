// WorkerPool: a fixed set of threads, each owning one OcrEngine (Tesseract is not
// thread-safe and is expensive to initialise, so each worker keeps its own, warm).
//
// run() hands the pool a batch of tasks and blocks until all have finished; tasks run in
// any order, each on exactly one worker, and receive that worker's engine. A task must not
// throw (exceptions are bugs; one that escapes terminates the program).
//
// Thread safety: run() may be called from one thread at a time.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "pipeline/load/ocr.h"

namespace shenbao {

class WorkerPool {
 public:
  using Task = std::function<void(OcrEngine&)>;

  // Starts `threads` workers (at least 1), each with an OcrEngine built from `ocr`.
  WorkerPool(int threads, const OcrOptions& ocr);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs every task and returns when all are done.
  void run(std::vector<Task> tasks);
  int size() const { return static_cast<int>(threads_.size()); }

 private:
  void worker_loop(int index);

  std::vector<std::unique_ptr<OcrEngine>> engines_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable work_ready_, work_done_;
  std::deque<Task> queue_;
  size_t pending_ = 0;
  bool stopping_ = false;
};

// The number of workers for --jobs N: N when positive, else the number of cores.
int resolve_jobs(int requested);

}  // namespace shenbao
