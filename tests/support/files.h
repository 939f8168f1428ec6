// Temporary files for tests that drive command-line tools (qpdf, zip).
//
// Thread safety: each TempDir is its own directory; use one per test.
#pragma once

#include <filesystem>
#include <string>

namespace shenbao::testing {

// A fresh directory under the system's temp dir, removed with its content on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& path, const std::string& bytes);
std::string read_file(const std::filesystem::path& path);

// Runs `qpdf ARGUMENTS in.pdf out.pdf` on `pdf` and returns out.pdf's bytes; throws
// std::runtime_error when qpdf fails (exit status other than 0 or 3 "warnings").
// Example: run_qpdf(bytes, "--encrypt user owner 256 --").
std::string run_qpdf(const std::string& pdf, const std::string& arguments);

}  // namespace shenbao::testing
