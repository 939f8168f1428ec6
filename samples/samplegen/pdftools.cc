#include "pdftools.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

extern char** environ;

namespace samplegen {

using shenbao::Result;
using shenbao::Status;

namespace {

// Removes the temporary files when it goes out of scope.
struct TempFiles {
  std::filesystem::path in, out;
  ~TempFiles() {
    std::error_code ec;
    std::filesystem::remove(in, ec);
    std::filesystem::remove(out, ec);
  }
};

}  // namespace

Result<std::string> encrypt_pdf(const std::string& pdf, const std::string& user_password) {
  std::error_code ec;
  const auto dir = std::filesystem::temp_directory_path(ec);
  if (ec) return Status::IoError("no temporary directory");
  const std::string stem =
      "samplegen-" + std::to_string(::getpid()) + "-" + std::to_string(pdf.size());
  TempFiles tmp{dir / (stem + "-in.pdf"), dir / (stem + "-out.pdf")};
  {
    std::ofstream f(tmp.in, std::ios::binary);
    f.write(pdf.data(), static_cast<std::streamsize>(pdf.size()));
    if (!f) return Status::IoError("cannot write " + tmp.in.string());
  }
  std::vector<std::string> args = {"qpdf",          "--static-id",   "--static-aes-iv",
                                   "--encrypt",     user_password,   user_password + "-owner",
                                   "128",           "--use-aes=y",   "--",
                                   tmp.in.string(), tmp.out.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid;
  if (posix_spawnp(&pid, "qpdf", nullptr, nullptr, argv.data(), environ) != 0)
    return Status::Unsupported("qpdf not found (scripts/install-deps installs it)");
  int status = 0;
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return Status::Internal("qpdf --encrypt failed");
  std::ifstream f(tmp.out, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string corrupt_pdf(const std::string& pdf, Rng& rng) {
  // Keep the "%PDF-1.x" line so the file still sniffs as a PDF; everything after it is noise
  // (no object, no xref, no trailer for a reader to reconstruct from).
  std::string out = pdf.substr(0, std::min<size_t>(pdf.size(), 9));
  const size_t length = std::max<size_t>(2048, pdf.size() / 3);
  for (size_t i = 0; i < length; ++i) out.push_back(static_cast<char>(rng.uniform(0, 255)));
  return out;
}

}  // namespace samplegen
