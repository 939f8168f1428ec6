// Shared by the ops tests: running the built `shenbao` binary as a child process (with its
// exit status, wall time and peak RSS), hand-made files (ZIPs written byte by byte, small
// PDFs, PNG headers, DOCX packages) and folder snapshots.
//
// ZIPs are written here rather than with libzip because the hostile ones (overlapping
// entries, lying sizes, names with "../", encryption flags) are exactly what libzip refuses
// to write.
//
// Thread safety: none needed (doctest runs tests one at a time).
#pragma once

#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/core/text.h"
#include "tests/support/files.h"
#include "tests/support/render.h"

namespace shenbao::ops_test {

namespace fs = std::filesystem;
using nlohmann::json;
using shenbao::testing::read_file;
using shenbao::testing::write_file;

inline fs::path shenbao_binary() { return fs::path(SHENBAO_BINARY_DIR) / "shenbao"; }

// ---- child processes -------------------------------------------------------------------

struct ChildOptions {
  fs::path cwd;                        // empty: the test's own
  std::vector<std::string> extra_env;  // "NAME=value", added to (or replacing) ours
  fs::path log_dir;                    // stdout/stderr go to log_dir/{stdout,stderr}
};

struct Child {
  pid_t pid = -1;
  fs::path log_dir;
  std::chrono::steady_clock::time_point started;
};

struct ChildResult {
  int exit_code = -1;   // when it exited
  int term_signal = 0;  // when a signal ended it
  double seconds = 0;   // wall time
  // Peak resident set size. max_rss_kib is the kernel's (wait4's rusage): an upper bound, as
  // Linux carries the RSS the test process had at fork() across exec. hwm_kib is the
  // program's own high-water mark (VmHWM of /proc/<pid>/status), polled every few ms while
  // it runs, so it may miss growth in its last milliseconds.
  long max_rss_kib = 0;
  long hwm_kib = 0;
  std::string out, err;
};

// Starts `shenbao ARGS...`; the caller must wait_child it.
inline Child spawn_shenbao(const std::vector<std::string>& args, const ChildOptions& options) {
  REQUIRE_MESSAGE(fs::exists(shenbao_binary()), "build the shenbao target first");
  REQUIRE(!options.log_dir.empty());
  fs::create_directories(options.log_dir);
  std::vector<std::string> argv_s = {shenbao_binary().string()};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  // The environment, built before fork (the child only calls async-signal-safe functions).
  std::vector<std::string> env_s;
  for (char** e = environ; *e; ++e) {
    const std::string kv = *e;
    const std::string name = kv.substr(0, kv.find('='));
    bool replaced = false;
    for (const std::string& x : options.extra_env) {
      if (x.substr(0, x.find('=')) == name) replaced = true;
    }
    if (!replaced) env_s.push_back(kv);
  }
  env_s.insert(env_s.end(), options.extra_env.begin(), options.extra_env.end());
  std::vector<char*> argv, envp;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (std::string& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  const std::string out_path = (options.log_dir / "stdout").string();
  const std::string err_path = (options.log_dir / "stderr").string();
  const std::string cwd = options.cwd.string();

  Child child;
  child.log_dir = options.log_dir;
  child.started = std::chrono::steady_clock::now();
  child.pid = ::fork();
  REQUIRE(child.pid >= 0);
  if (child.pid == 0) {
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int null = ::open("/dev/null", O_RDONLY);
    if (out < 0 || err < 0 || null < 0) ::_exit(126);
    ::dup2(null, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  return child;
}

// Waits for `child`, killing it (SIGKILL) when it runs past `deadline_s`.
// VmHWM of a running shenbao in KiB; 0 when it cannot be read or the process has not yet
// exec'd (a forked copy of the test reports the test's own memory).
inline long vm_hwm_kib(pid_t pid) {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/" + std::to_string(pid) + "/exe", ec);
  if (ec || exe.filename() != "shenbao") return 0;
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

inline ChildResult wait_child(Child& child, double deadline_s = 120) {
  ChildResult r;
  int status = 0;
  struct rusage usage {};
  for (;;) {
    r.hwm_kib = std::max(r.hwm_kib, vm_hwm_kib(child.pid));
    const pid_t got = ::wait4(child.pid, &status, WNOHANG, &usage);
    REQUIRE(got >= 0);
    if (got == child.pid) break;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - child.started).count();
    if (elapsed > deadline_s) {
      ::kill(child.pid, SIGKILL);
      REQUIRE(::wait4(child.pid, &status, 0, &usage) == child.pid);
      FAIL_CHECK("shenbao ran past its deadline of " << deadline_s << " s and was killed");
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  r.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - child.started).count();
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.term_signal = WTERMSIG(status);
  r.max_rss_kib = usage.ru_maxrss;
  child.pid = -1;
  r.out = read_file(child.log_dir / "stdout");
  r.err = read_file(child.log_dir / "stderr");
  return r;
}

inline ChildResult run_shenbao(const std::vector<std::string>& args, const ChildOptions& options,
                               double deadline_s = 120) {
  Child c = spawn_shenbao(args, options);
  return wait_child(c, deadline_s);
}

// Polls until `pred` holds or `timeout_s` passes; returns whether it held.
template <typename Pred>
bool wait_until(Pred pred, double timeout_s) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return pred();
}

// ---- files -----------------------------------------------------------------------------

// A text-layer PDF with a few lines of Chinese (enough text that no page is OCR'd).
inline std::string text_pdf(const std::vector<std::string>& lines) {
  shenbao::testing::TextPage page;
  page.lines = lines;
  return shenbao::testing::render_text_pdf({page});
}

// A small, distinct, readable document for bundle `n`.
inline std::string sample_pdf(const std::string& company, int n) {
  return text_pdf({"松江区智算服务业专项支持申报书", "申报单位：" + company,
                   "统一社会信用代码：91310117MA1J2Q4K7A",
                   "住所：上海市松江区九亭镇沪亭北路 " + std::to_string(100 + n) + " 号",
                   "申请支持金额：" + std::to_string(50 + n) + " 万元"});
}

inline void put16(std::string& b, uint16_t v) {
  b += static_cast<char>(v & 0xFF);
  b += static_cast<char>(v >> 8);
}
inline void put32(std::string& b, uint32_t v) {
  for (int k = 0; k < 4; ++k) b += static_cast<char>((v >> (8 * k)) & 0xFF);
}
inline void put32be(std::string& b, uint32_t v) {
  for (int k = 3; k >= 0; --k) b += static_cast<char>((v >> (8 * k)) & 0xFF);
}

inline uint32_t crc_of(const std::string& data) {
  return static_cast<uint32_t>(
      ::crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
}

// Raw deflate (no zlib header), as ZIP method 8 stores it.
inline std::string deflate_raw(const std::string& data) {
  z_stream z{};
  REQUIRE(::deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(::deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(::deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  ::deflateEnd(&z);
  return out;
}

// Writes a ZIP byte by byte: local headers with their data, then the central directory.
// add() writes both records of one entry; add_local/add_central let a test point several
// central records at one local record (an overlapping-entry bomb) or lie about sizes.
class ZipWriter {
 public:
  struct Record {
    std::string name;
    uint16_t flags = 0x0800;  // bit 11: UTF-8 name; bit 0: encrypted
    uint16_t method = 8;      // 0 stored, 8 deflated
    uint32_t crc = 0;
    uint32_t compressed_size = 0;
    uint32_t uncompressed_size = 0;
    uint32_t unix_mode = 0100644;
  };

  // Appends a local header and `stored_bytes` (already compressed); returns its offset.
  uint32_t add_local(const Record& r, const std::string& stored_bytes) {
    const auto offset = static_cast<uint32_t>(bytes_.size());
    put32(bytes_, 0x04034b50);
    put16(bytes_, 20);
    put16(bytes_, r.flags);
    put16(bytes_, r.method);
    put16(bytes_, 0);       // time
    put16(bytes_, 0x5B21);  // date 2025-09-01
    put32(bytes_, r.crc);
    put32(bytes_, r.compressed_size);
    put32(bytes_, r.uncompressed_size);
    put16(bytes_, static_cast<uint16_t>(r.name.size()));
    put16(bytes_, 0);
    bytes_ += r.name;
    bytes_ += stored_bytes;
    return offset;
  }

  void add_central(const Record& r, uint32_t local_offset) {
    put32(central_, 0x02014b50);
    put16(central_, (3 << 8) | 20);  // made by Unix
    put16(central_, 20);
    put16(central_, r.flags);
    put16(central_, r.method);
    put16(central_, 0);
    put16(central_, 0x5B21);
    put32(central_, r.crc);
    put32(central_, r.compressed_size);
    put32(central_, r.uncompressed_size);
    put16(central_, static_cast<uint16_t>(r.name.size()));
    put16(central_, 0);
    put16(central_, 0);
    put16(central_, 0);
    put16(central_, 0);
    put32(central_, r.unix_mode << 16);
    put32(central_, local_offset);
    central_ += r.name;
    ++count_;
  }

  // One ordinary entry: deflated (or stored) `data` under `name`.
  void add(const std::string& name, const std::string& data, bool deflate = true) {
    Record r;
    r.name = name;
    r.method = deflate ? 8 : 0;
    r.crc = crc_of(data);
    const std::string stored = deflate ? deflate_raw(data) : data;
    r.compressed_size = static_cast<uint32_t>(stored.size());
    r.uncompressed_size = static_cast<uint32_t>(data.size());
    add_central(r, add_local(r, stored));
  }

  std::string finish() {
    std::string out = bytes_;
    const auto cd_offset = static_cast<uint32_t>(out.size());
    out += central_;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, count_);
    put16(out, count_);
    put32(out, static_cast<uint32_t>(central_.size()));
    put32(out, cd_offset);
    put16(out, 0);
    return out;
  }

 private:
  std::string bytes_, central_;
  uint16_t count_ = 0;
};

// A PNG whose header declares width × height (8-bit RGB) with a tiny, valid-looking IDAT.
inline std::string png_header_only(uint32_t width, uint32_t height) {
  auto chunk = [](std::string& png, const char* type, const std::string& data) {
    put32be(png, static_cast<uint32_t>(data.size()));
    std::string typed = std::string(type, 4) + data;
    png += typed;
    put32be(png, crc_of(typed));
  };
  std::string png = "\x89PNG\r\n\x1a\n";
  std::string ihdr;
  put32be(ihdr, width);
  put32be(ihdr, height);
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);
  chunk(png, "IHDR", ihdr);
  // A zlib stream of a few rows of zeros: far too short for the declared size.
  const std::string rows(3 * 64 + 1, '\0');
  uLongf n = ::compressBound(rows.size());
  std::string idat(n, '\0');
  REQUIRE(::compress(reinterpret_cast<Bytef*>(idat.data()), &n,
                     reinterpret_cast<const Bytef*>(rows.data()), rows.size()) == Z_OK);
  idat.resize(n);
  chunk(png, "IDAT", idat);
  chunk(png, "IEND", "");
  return png;
}

// A PDF from numbered object bodies ("<< /Type /Catalog ... >>"), with a correct xref
// unless `xref_offsets_zeroed` (every offset 0, startxref pointing past the end).
inline std::string make_pdf(const std::vector<std::string>& objects,
                            bool xref_offsets_zeroed = false) {
  std::string pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", xref_offsets_zeroed ? size_t{0} : off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\n";
  pdf += "startxref\n" + std::to_string(xref_offsets_zeroed ? xref + 100000 : xref) + "\n%%EOF\n";
  return pdf;
}

// The objects of a one-page PDF showing `text` in Helvetica (objects 3.. are the page's).
inline std::vector<std::string> one_page_objects(const std::string& text) {
  const std::string content = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
  return {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
}

// A DOCX package whose word/document.xml is `document_xml`.
inline std::string make_docx(const std::string& document_xml) {
  ZipWriter zip;
  zip.add("[Content_Types].xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          "<Default Extension=\"rels\" "
          "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
          "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
          "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
          "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
  zip.add("_rels/.rels",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
          "2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
  zip.add("word/document.xml", document_xml);
  return zip.finish();
}

// ---- snapshots and records -------------------------------------------------------------

// Every path below `root` (relative) → "dir", "link:<target>" or the file's sha256.
inline std::map<std::string, std::string> tree_of(const fs::path& root) {
  std::map<std::string, std::string> tree;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string rel = it->path().lexically_relative(root).generic_string();
    if (it->is_symlink()) {
      tree[rel] = "link:" + fs::read_symlink(it->path()).string();
    } else if (it->is_directory()) {
      tree[rel] = "dir";
    } else {
      tree[rel] = sha256_hex(read_file(it->path()));
    }
  }
  return tree;
}

inline json read_json(const fs::path& file) { return json::parse(read_file(file)); }

// A record without what differs between two runs of the same input (processed_at).
inline json comparable(json record) {
  if (record.contains("bundle")) record["bundle"].erase("processed_at");
  return record;
}

// Bundle id → comparable record, for every OUT/<id>/submission.json.
inline std::map<std::string, json> submissions_of(const fs::path& out) {
  std::map<std::string, json> records;
  for (const auto& e : fs::directory_iterator(out)) {
    if (e.is_directory() && fs::exists(e.path() / "submission.json")) {
      records[e.path().filename().string()] = comparable(read_json(e.path() / "submission.json"));
    }
  }
  return records;
}

// Comparable records of OUT/submissions.jsonl, by bundle id.
inline std::map<std::string, json> jsonl_of(const fs::path& out) {
  std::map<std::string, json> records;
  const std::string text = read_file(out / "submissions.jsonl");
  size_t at = 0;
  while (at < text.size()) {
    const size_t nl = text.find('\n', at);
    const std::string line = text.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
    at = nl == std::string::npos ? text.size() : nl + 1;
    if (line.empty()) continue;
    json j = json::parse(line);
    records[j["bundle"]["id"].get<std::string>()] = comparable(j);
  }
  return records;
}

}  // namespace shenbao::ops_test
