// read_bundle (ZIP file or folder), the folder walk, and list_inbox.
//
// std::filesystem is used only through its error_code overloads, so nothing throws out of
// here; files are read with open(2) and O_NOFOLLOW so that a symlink swapped in after the
// walk is still refused.

#include "pipeline/intake/bundle.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "pipeline/core/text.h"
#include "pipeline/intake/intake_internal.h"

namespace shenbao {

namespace fs = std::filesystem;

namespace {

using intake_internal::add_refused_entry;
using intake_internal::add_unreadable_entry;
using intake_internal::Origin;
using intake_internal::Refusal;

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

enum class ReadOutcome { kOk, kRefused, kUnreadable };

struct FileRead {
  ReadOutcome outcome = ReadOutcome::kOk;
  Refusal reason = Refusal::kBadName;  // when refused
  std::string detail;                  // when refused or unreadable
  std::string bytes;                   // when ok
};

// Reads a regular file, at most `max_bytes` (more is refused as kEntryTooLarge) and at most
// `room` (more is refused as kTotalTooLarge). With `no_follow`, a symlink is refused.
FileRead read_file_bounded(const fs::path& path, int64_t max_bytes, int64_t room, bool no_follow) {
  FileRead r;
  int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK;  // O_NONBLOCK: a FIFO must not hang us
  if (no_follow) flags |= O_NOFOLLOW;
  FileDescriptor fd(::open(path.c_str(), flags));
  if (fd.get() < 0) {
    const int err = errno;
    if (err == ELOOP && no_follow) {
      r.outcome = ReadOutcome::kRefused;
      r.reason = Refusal::kSymlink;
      r.detail = "symbolic link (refused at open)";
    } else {
      r.outcome = ReadOutcome::kUnreadable;
      r.detail = std::string("cannot open: ") + std::strerror(err);
    }
    return r;
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) {
    r.outcome = ReadOutcome::kUnreadable;
    r.detail = std::string("cannot stat: ") + std::strerror(errno);
    return r;
  }
  if (!S_ISREG(st.st_mode)) {
    r.outcome = ReadOutcome::kRefused;
    r.reason = Refusal::kSpecialFile;
    r.detail = "not a regular file";
    return r;
  }
  const int64_t declared = st.st_size;
  if (declared > max_bytes) {
    r.outcome = ReadOutcome::kRefused;
    r.reason = Refusal::kEntryTooLarge;
    r.detail = "size " + std::to_string(declared) + " > limit " + std::to_string(max_bytes);
    return r;
  }
  if (declared > room) {
    r.outcome = ReadOutcome::kRefused;
    r.reason = Refusal::kTotalTooLarge;
    r.detail = "size " + std::to_string(declared) + " would exceed max_total_bytes";
    return r;
  }
  r.bytes.reserve(static_cast<size_t>(declared));
  std::vector<char> chunk(64 * 1024);
  while (true) {
    const ssize_t n = ::read(fd.get(), chunk.data(), chunk.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      r.outcome = ReadOutcome::kUnreadable;
      r.detail = std::string("read failed: ") + std::strerror(errno);
      r.bytes.clear();
      return r;
    }
    if (n == 0) break;
    r.bytes.append(chunk.data(), static_cast<size_t>(n));
    const auto got = static_cast<int64_t>(r.bytes.size());
    if (got > max_bytes || got > room) {  // the file grew while we read it
      r.outcome = ReadOutcome::kRefused;
      r.reason = got > max_bytes ? Refusal::kEntryTooLarge : Refusal::kTotalTooLarge;
      r.detail = "grew past the limit while being read (" + std::to_string(got) + " bytes)";
      r.bytes.clear();
      return r;
    }
  }
  return r;
}

// What the walk found, before anything is read.
struct FoundFile {
  fs::path full;
  std::string rel;  // UTF-8, '/'-separated
  enum class Kind { kRegular, kSymlink, kSpecial, kUnknown } kind = Kind::kRegular;
  std::string detail;  // for kUnknown: why its type could not be read
};

void add_folder_finding(Bundle& bundle, const std::string& rel_dir, const std::string& detail) {
  Finding finding;
  finding.code = "DOCUMENT_UNREADABLE";
  finding.severity = Severity::kError;
  finding.document = rel_dir;
  finding.message = "文件夹无法读取，其中的文件未处理";
  finding.detail = detail;
  bundle.findings.push_back(std::move(finding));
}

// Lists every non-directory below `root` without following symlinks. Fails only when the
// root itself cannot be listed.
Status walk_folder(const fs::path& root, Bundle& bundle, std::vector<FoundFile>& found) {
  std::vector<std::pair<fs::path, std::string>> pending{{root, ""}};
  while (!pending.empty()) {
    auto [dir, rel] = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, fs::directory_options::none, ec);
    if (ec) {
      if (rel.empty()) return Status::IoError("cannot list folder: " + ec.message());
      add_folder_finding(bundle, rel, "cannot list folder: " + ec.message());
      continue;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      const fs::directory_entry& child = *it;
      FoundFile file;
      file.full = child.path();
      file.rel = rel + decode_entry_name(child.path().filename().string(), false);
      std::error_code status_ec;
      const fs::file_status status = child.symlink_status(status_ec);
      if (status_ec) {
        file.kind = FoundFile::Kind::kUnknown;
        file.detail = "cannot stat: " + status_ec.message();
      } else if (fs::is_symlink(status)) {
        file.kind = FoundFile::Kind::kSymlink;
      } else if (fs::is_directory(status)) {
        pending.emplace_back(child.path(), file.rel + "/");
        continue;
      } else if (!fs::is_regular_file(status)) {
        file.kind = FoundFile::Kind::kSpecial;
      }
      found.push_back(std::move(file));
    }
    if (ec) add_folder_finding(bundle, rel, "listing stopped: " + ec.message());
  }
  return Status::Ok();
}

Status read_folder(const fs::path& root, const IntakeOptions& options, Bundle& bundle) {
  std::vector<FoundFile> found;
  if (Status s = walk_folder(root, bundle, found); !s.ok()) return s;
  std::sort(found.begin(), found.end(),
            [](const FoundFile& a, const FoundFile& b) { return a.rel < b.rel; });

  std::string listing;  // "path\0hash\0" per file, sorted by path: hashed into sha256
  int64_t total_bytes = intake_internal::bytes_held(bundle);
  std::vector<std::string> over_limit;
  int seen = 0;
  for (FoundFile& file : found) {
    if (++seen > options.max_entries) {
      over_limit.push_back(file.rel);
      listing += file.rel + '\0' + "rejected" + '\0';
      continue;
    }
    const size_t slot = bundle.entries.size();
    switch (file.kind) {
      case FoundFile::Kind::kSymlink:
        add_refused_entry(bundle, file.rel, Refusal::kSymlink, Origin::kFolder,
                          "symbolic link (not followed)");
        break;
      case FoundFile::Kind::kSpecial:
        add_refused_entry(bundle, file.rel, Refusal::kSpecialFile, Origin::kFolder,
                          "not a regular file (device, FIFO or socket)");
        break;
      case FoundFile::Kind::kUnknown:
        add_unreadable_entry(bundle, file.rel, file.detail);
        break;
      case FoundFile::Kind::kRegular: {
        FileRead r = read_file_bounded(file.full, options.max_entry_bytes,
                                       options.max_total_bytes - total_bytes, true);
        if (r.outcome == ReadOutcome::kRefused) {
          add_refused_entry(bundle, file.rel, r.reason, Origin::kFolder, r.detail);
        } else if (r.outcome == ReadOutcome::kUnreadable) {
          add_unreadable_entry(bundle, file.rel, r.detail);
        } else {
          intake_internal::add_file_entry(bundle, file.rel, std::move(r.bytes), 0, Origin::kFolder,
                                          options, total_bytes);
        }
        break;
      }
    }
    const Entry& entry = bundle.entries[slot];
    const bool has_content = entry.status == DocStatus::kOk || entry.status == DocStatus::kSkipped;
    listing +=
        file.rel + '\0' + (has_content ? sha256_hex(entry.bytes) : to_string(entry.status)) + '\0';
  }
  if (!over_limit.empty()) {
    intake_internal::add_too_many_finding(bundle, "", Origin::kFolder, seen, options.max_entries,
                                          over_limit);
  }
  bundle.sha256 = sha256_hex(listing);
  return Status::Ok();
}

bool ends_with_zip(const std::string& name) {
  if (name.size() < 4) return false;
  std::string tail = name.substr(name.size() - 4);
  std::transform(tail.begin(), tail.end(), tail.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return tail == ".zip";
}

}  // namespace

Result<Bundle> read_bundle(const fs::path& path, const IntakeOptions& options) {
  fs::path own = path.has_filename() ? path : path.parent_path();
  std::error_code ec;
  const fs::file_status status = fs::status(own, ec);  // follows a symlink placed by staff
  if (ec) {
    if (ec == std::errc::no_such_file_or_directory) {
      return Status::NotFound(own.string() + ": no such file or folder");
    }
    return Status::IoError(own.string() + ": " + ec.message());
  }

  Bundle bundle;
  bundle.source = decode_entry_name(own.filename().string(), false);
  bundle.id = make_bundle_id(bundle.source);

  if (fs::is_directory(status)) {
    if (Status s = read_folder(own, options, bundle); !s.ok()) return s;
    return bundle;
  }
  if (!fs::is_regular_file(status)) {
    return Status::Unsupported(own.string() + ": neither a ZIP file nor a folder");
  }

  bundle.is_zip = true;
  FileRead r = read_file_bounded(own, options.max_total_bytes, options.max_total_bytes, false);
  if (r.outcome == ReadOutcome::kRefused) {
    return Status::Rejected(own.string() + ": " + r.detail);
  }
  if (r.outcome == ReadOutcome::kUnreadable) {
    return Status::IoError(own.string() + ": " + r.detail);
  }
  bundle.sha256 = sha256_hex(r.bytes);
  if (Status s = read_zip_entries(r.bytes, "", 0, options, bundle); !s.ok()) {
    return Status::Corrupt(own.string() + ": " + s.message());
  }
  return bundle;
}

Result<InboxListing> list_inbox(const fs::path& inbox) {
  std::error_code ec;
  fs::directory_iterator it(inbox, fs::directory_options::none, ec);
  if (ec) {
    if (ec == std::errc::no_such_file_or_directory) {
      return Status::NotFound(inbox.string() + ": no such folder");
    }
    return Status::IoError(inbox.string() + ": " + ec.message());
  }
  InboxListing listing;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    std::error_code status_ec;
    const fs::file_status status = fs::status(p, status_ec);  // symlinks: what they point to
    const bool is_bundle =
        !status_ec && (fs::is_directory(status) ||
                       (fs::is_regular_file(status) && ends_with_zip(p.filename().string())));
    (is_bundle ? listing.bundles : listing.not_bundles).push_back(p);
  }
  if (ec) return Status::IoError(inbox.string() + ": listing stopped: " + ec.message());
  auto by_name = [](const fs::path& a, const fs::path& b) {
    return a.filename().native() < b.filename().native();
  };
  std::sort(listing.bundles.begin(), listing.bundles.end(), by_name);
  std::sort(listing.not_bundles.begin(), listing.not_bundles.end(), by_name);
  return listing;
}

}  // namespace shenbao
