// The libzip wrapper of intake: reads untrusted ZIPs held in memory, entry by entry, with
// every limit of IntakeOptions checked before and while decompressing. Only this file
// includes <zip.h>.

#include <sys/stat.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/text.h"
#include "pipeline/intake/bundle.h"
#include "pipeline/intake/intake_internal.h"

namespace shenbao {

namespace {

using intake_internal::add_refused_entry;
using intake_internal::add_unreadable_entry;
using intake_internal::Origin;
using intake_internal::Refusal;

struct ZipDiscard {
  void operator()(zip_t* za) const { zip_discard(za); }  // read-only: never writes back
};
using ZipHandle = std::unique_ptr<zip_t, ZipDiscard>;

struct ZipFileClose {
  void operator()(zip_file_t* zf) const { zip_fclose(zf); }
};
using ZipFileHandle = std::unique_ptr<zip_file_t, ZipFileClose>;

constexpr size_t kReadChunk = 64 * 1024;

// An open archive. `repaired` holds the bytes libzip reads when they had to be patched
// (declared first: it must outlive `handle`).
struct OpenZip {
  std::unique_ptr<std::string> repaired;
  ZipHandle handle;
  zip_t* get() const { return handle.get(); }
};

uint32_t le32(const std::string& b, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}
uint16_t le16(const std::string& b, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(b[at]) |
                               static_cast<unsigned char>(b[at + 1]) << 8);
}

// libzip 1.7 refuses a whole archive (ZIP_ER_INCONS) when a name flagged UTF-8 (bit 11) is not
// UTF-8, which some Windows archivers write for GBK names. Returns a copy with those flags
// cleared, in the central directory and the local headers, or nullopt when there is nothing to
// clear or the directory cannot be walked (then the archive stays refused).
std::optional<std::string> clear_false_utf8_flags(const std::string& zip) {
  constexpr size_t kEocdSize = 22;
  if (zip.size() < kEocdSize) return std::nullopt;
  const size_t search_from = zip.size() - kEocdSize;
  const size_t search_to = search_from > 0xFFFF ? search_from - 0xFFFF : 0;
  size_t eocd = std::string::npos;
  for (size_t at = search_from + 1; at-- > search_to;) {
    if (zip.compare(at, 4, "PK\x05\x06") == 0) {
      eocd = at;
      break;
    }
  }
  if (eocd == std::string::npos) return std::nullopt;
  const uint16_t count = le16(zip, eocd + 10);
  size_t at = le32(zip, eocd + 16);
  std::string copy = zip;
  bool changed = false;
  for (uint16_t i = 0; i < count; ++i) {
    if (at + 46 > zip.size() || zip.compare(at, 4, "PK\x01\x02") != 0) return std::nullopt;
    const size_t name_len = le16(zip, at + 28);
    const size_t next = at + 46 + name_len + le16(zip, at + 30) + le16(zip, at + 32);
    if (next > zip.size()) return std::nullopt;
    if ((le16(zip, at + 8) & 0x0800) != 0 && !is_valid_utf8(zip.substr(at + 46, name_len))) {
      copy[at + 9] = static_cast<char>(copy[at + 9] & ~0x08);
      const size_t local = le32(zip, at + 42);
      if (local + 30 <= zip.size() && zip.compare(local, 4, "PK\x03\x04") == 0) {
        copy[local + 7] = static_cast<char>(copy[local + 7] & ~0x08);
      }
      changed = true;
    }
    at = next;
  }
  if (!changed) return std::nullopt;
  return copy;
}

// Opens a ZIP over `bytes` without copying them (except to repair false UTF-8 flags);
// `bytes` must outlive the result.
Result<OpenZip> open_zip(const std::string& bytes) {
  // libzip opens zero bytes as an empty archive; a bundle of nothing is a broken upload.
  if (bytes.empty()) return Status::Corrupt("not a readable ZIP: empty file (0 bytes)");
  auto try_open = [](const std::string& data, int& zip_error_code) -> Result<ZipHandle> {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(data.data(), data.size(), 0, &error);
    if (source == nullptr) {
      std::string message = zip_error_strerror(&error);
      zip_error_fini(&error);
      return Status::Internal("libzip buffer source: " + message);
    }
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (archive == nullptr) {
      zip_error_code = zip_error_code_zip(&error);
      std::string message = zip_error_strerror(&error);
      zip_source_free(source);
      zip_error_fini(&error);
      return Status::Corrupt("not a readable ZIP: " + message);
    }
    zip_error_fini(&error);
    return ZipHandle(archive);
  };

  int code = ZIP_ER_OK;
  auto first = try_open(bytes, code);
  if (first.ok()) return OpenZip{nullptr, std::move(first).value()};
  if (code != ZIP_ER_INCONS) return first.status();
  auto repaired = clear_false_utf8_flags(bytes);
  if (!repaired) return first.status();
  auto storage = std::make_unique<std::string>(std::move(*repaired));
  auto second = try_open(*storage, code);
  if (!second.ok()) return first.status();
  return OpenZip{std::move(storage), std::move(second).value()};
}

bool has_zip_signature(const std::string& bytes) {
  return bytes.size() >= 4 && bytes[0] == 'P' && bytes[1] == 'K' &&
         ((bytes[2] == '\x03' && bytes[3] == '\x04') || (bytes[2] == '\x05' && bytes[3] == '\x06'));
}

bool ends_with_ci(const std::string& s, const std::string& suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<long>(suffix.size()),
                    [](char a, char b) {
                      return std::tolower(static_cast<unsigned char>(a)) ==
                             std::tolower(static_cast<unsigned char>(b));
                    });
}

// An OOXML (DOCX/XLSX/PPTX) or ODF package is a document that happens to be a ZIP.
bool is_document_package(zip_t* archive) {
  return zip_name_locate(archive, "[Content_Types].xml", 0) >= 0 ||
         zip_name_locate(archive, "mimetype", 0) >= 0;
}

double ratio_of(int64_t uncompressed, int64_t compressed) {
  if (compressed <= 0) return uncompressed > 0 ? 1e300 : 0.0;
  return static_cast<double>(uncompressed) / static_cast<double>(compressed);
}

std::string fmt_ratio(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", r);
  return buf;
}

// The outcome of reading one entry's data.
enum class ReadOutcome { kOk, kRefused, kUnreadable };

struct EntryLimits {
  int64_t max_bytes;        // this entry may hold at most this many bytes
  int64_t room_in_total;    // bytes left under max_total_bytes
  int64_t compressed_size;  // from the central directory, for the running ratio check
  double max_ratio;
  int64_t ratio_min_bytes;
};

// Decompresses entry `index` into `out`, stopping as soon as a limit is passed; never trusts
// the declared size.
ReadOutcome read_entry_data(zip_t* archive, zip_uint64_t index, const EntryLimits& limits,
                            std::string& out, Refusal& reason, std::string& detail) {
  ZipFileHandle file(zip_fopen_index(archive, index, 0));
  if (!file) {
    detail = std::string("cannot open entry data: ") + zip_strerror(archive);
    return ReadOutcome::kUnreadable;
  }
  std::vector<char> chunk(kReadChunk);
  while (true) {
    const zip_int64_t n = zip_fread(file.get(), chunk.data(), chunk.size());
    if (n < 0) {
      detail = std::string("entry data broken: ") + zip_file_strerror(file.get());
      return ReadOutcome::kUnreadable;
    }
    if (n == 0) break;
    out.append(chunk.data(), static_cast<size_t>(n));
    const auto got = static_cast<int64_t>(out.size());
    if (got > limits.max_bytes) {
      reason = Refusal::kEntryTooLarge;
      detail = "actual size exceeds max_entry_bytes " + std::to_string(limits.max_bytes) +
               " (stopped after " + std::to_string(got) + " bytes)";
      return ReadOutcome::kRefused;
    }
    if (got > limits.room_in_total) {
      reason = Refusal::kTotalTooLarge;
      detail = "bundle would exceed max_total_bytes (stopped after " + std::to_string(got) +
               " bytes of this entry)";
      return ReadOutcome::kRefused;
    }
    if (got >= limits.ratio_min_bytes && ratio_of(got, limits.compressed_size) > limits.max_ratio) {
      reason = Refusal::kCompressionRatio;
      detail = "actual compression ratio over " + fmt_ratio(limits.max_ratio) + " (" +
               std::to_string(got) + " bytes from " + std::to_string(limits.compressed_size) +
               " compressed)";
      return ReadOutcome::kRefused;
    }
  }
  return ReadOutcome::kOk;
}

// Reads every member of an open archive at nesting `depth` into `bundle`.
// `archive_bytes` is the size of the ZIP file: in a well-formed archive every entry's
// compressed data occupies its own bytes of it, so entries whose compressed sizes add up to
// more than the whole file must share data (an overlap bomb: many central records pointing
// at one stream). libzip does not expose the entries' data offsets, so the sum is the test:
// the entries read are those whose data still fits, the rest are refused.
void read_members(zip_t* archive, int64_t archive_bytes, const std::string& prefix, int depth,
                  const IntakeOptions& options, Bundle& bundle, int64_t& total_bytes) {
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  int files_seen = 0;
  int64_t compressed_read = 0;  // compressed bytes of the entries read so far
  std::vector<std::string> over_limit;  // names refused for "too many entries"

  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    const char* raw_name = zip_get_name(archive, index, ZIP_FL_ENC_RAW);
    if (raw_name == nullptr) {
      add_unreadable_entry(bundle, prefix + "#" + std::to_string(i),
                           std::string("entry has no readable name: ") + zip_strerror(archive));
      continue;
    }
    const std::string raw(raw_name);
    // libzip returns the raw bytes under ENC_STRICT only for names flagged UTF-8 (bit 11) or
    // plain ASCII; an unflagged non-ASCII name comes back converted from CP437.
    const char* strict_name = zip_get_name(archive, index, ZIP_FL_ENC_STRICT);
    const bool utf8_flag = strict_name != nullptr && raw == strict_name;
    const std::string name = decode_entry_name(raw, utf8_flag);

    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(archive, index, 0, &opsys, &attributes) != 0) {
      opsys = 0;
      attributes = 0;
    }
    const mode_t mode = opsys == ZIP_OPSYS_UNIX ? static_cast<mode_t>(attributes >> 16) : 0;
    const bool dos_directory = opsys == ZIP_OPSYS_DOS && (attributes & 0x10) != 0;

    std::string clean;
    Refusal reason = Refusal::kBadName;
    bool is_directory = false;
    const bool name_ok = intake_internal::normalise_entry_path(name, clean, reason, is_directory);
    if (is_directory || S_ISDIR(mode) || (dos_directory && name_ok)) continue;

    if (++files_seen > options.max_entries) {
      over_limit.push_back(prefix + name);
      continue;
    }
    if (!name_ok) {
      const char* what = reason == Refusal::kTraversal      ? "path traversal (..) in "
                         : reason == Refusal::kAbsolutePath ? "absolute path "
                                                            : "invalid name ";
      add_refused_entry(bundle, prefix + name, reason, Origin::kZip,
                        std::string(what) + "\"" + name + "\"");
      continue;
    }
    const std::string path = prefix + clean;
    if (S_ISLNK(mode)) {
      add_refused_entry(bundle, path, Refusal::kSymlink, Origin::kZip,
                        "symbolic link (unix mode in external attributes)");
      continue;
    }
    if (mode != 0 && !S_ISREG(mode)) {
      add_refused_entry(bundle, path, Refusal::kSpecialFile, Origin::kZip,
                        "special file (unix mode " + std::to_string(mode & S_IFMT) + ")");
      continue;
    }

    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive, index, 0, &st) != 0) {
      add_unreadable_entry(bundle, path,
                           std::string("cannot stat entry: ") + zip_strerror(archive));
      continue;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
      add_refused_entry(bundle, path, Refusal::kEncrypted, Origin::kZip,
                        "encrypted (method " + std::to_string(st.encryption_method) + ")");
      continue;
    }
    const int64_t declared = (st.valid & ZIP_STAT_SIZE)
                                 ? static_cast<int64_t>(std::min<zip_uint64_t>(st.size, INT64_MAX))
                                 : 0;
    const int64_t compressed =
        (st.valid & ZIP_STAT_COMP_SIZE)
            ? static_cast<int64_t>(std::min<zip_uint64_t>(st.comp_size, INT64_MAX))
            : 0;
    if (declared > options.max_entry_bytes) {
      add_refused_entry(bundle, path, Refusal::kEntryTooLarge, Origin::kZip,
                        "declared size " + std::to_string(declared) + " > max_entry_bytes " +
                            std::to_string(options.max_entry_bytes));
      continue;
    }
    if (total_bytes + declared > options.max_total_bytes) {
      add_refused_entry(bundle, path, Refusal::kTotalTooLarge, Origin::kZip,
                        "declared size " + std::to_string(declared) +
                            " would bring the bundle over max_total_bytes " +
                            std::to_string(options.max_total_bytes));
      continue;
    }
    if (declared >= options.ratio_check_min_bytes &&
        ratio_of(declared, compressed) > options.max_compression_ratio) {
      add_refused_entry(bundle, path, Refusal::kCompressionRatio, Origin::kZip,
                        "declared compression ratio " + fmt_ratio(ratio_of(declared, compressed)) +
                            " > " + fmt_ratio(options.max_compression_ratio) + " (" +
                            std::to_string(declared) + " from " + std::to_string(compressed) +
                            " bytes)");
      continue;
    }

    if (compressed > archive_bytes - compressed_read) {
      add_refused_entry(bundle, path, Refusal::kOverlapping, Origin::kZip,
                        "compressed data of " + std::to_string(compressed) +
                            " bytes does not fit beside the " + std::to_string(compressed_read) +
                            " bytes of the entries before it in a ZIP of " +
                            std::to_string(archive_bytes) + " bytes");
      continue;
    }
    compressed_read += compressed;

    const EntryLimits limits{options.max_entry_bytes, options.max_total_bytes - total_bytes,
                             compressed, options.max_compression_ratio,
                             options.ratio_check_min_bytes};
    std::string data;
    data.reserve(static_cast<size_t>(std::min<int64_t>(declared, options.max_entry_bytes)));
    std::string detail;
    switch (read_entry_data(archive, index, limits, data, reason, detail)) {
      case ReadOutcome::kRefused:
        add_refused_entry(bundle, path, reason, Origin::kZip, detail);
        continue;
      case ReadOutcome::kUnreadable:
        add_unreadable_entry(bundle, path, detail);
        continue;
      case ReadOutcome::kOk:
        break;
    }
    intake_internal::add_file_entry(bundle, path, std::move(data), depth, Origin::kZip, options,
                                    total_bytes);
  }

  if (!over_limit.empty()) {
    intake_internal::add_too_many_finding(
        bundle, prefix.empty() ? "" : prefix.substr(0, prefix.size() - 1), Origin::kZip, files_seen,
        options.max_entries, over_limit);
  }
}

}  // namespace

Status read_zip_entries(const std::string& zip_bytes, const std::string& prefix, int depth,
                        const IntakeOptions& options, Bundle& bundle) {
  auto archive = open_zip(zip_bytes);
  if (!archive.ok()) return archive.status();
  int64_t total_bytes = intake_internal::bytes_held(bundle);
  read_members(archive.value().get(), static_cast<int64_t>(zip_bytes.size()), prefix, depth,
               options, bundle, total_bytes);
  return Status::Ok();
}

namespace intake_internal {

void add_file_entry(Bundle& bundle, const std::string& path, std::string bytes, int level,
                    Origin origin, const IntakeOptions& options, int64_t& total_bytes) {
  auto add_plain = [&] {
    total_bytes += static_cast<int64_t>(bytes.size());
    Entry entry;
    entry.path = path;
    entry.bytes = std::move(bytes);
    bundle.entries.push_back(std::move(entry));
  };
  if (!has_zip_signature(bytes)) return add_plain();

  auto archive = open_zip(bytes);
  if (!archive.ok()) {
    // Starts like a ZIP but is not one. A "*.zip" is a broken archive; anything else (a
    // damaged DOCX, say) goes on to the loader, which judges documents by content.
    if (!ends_with_ci(path, ".zip")) return add_plain();
    return add_unreadable_entry(bundle, path, "nested " + archive.status().ToString(), true);
  }
  if (is_document_package(archive.value().get())) return add_plain();

  if (level + 1 > options.max_nesting) {
    return add_refused_entry(bundle, path, Refusal::kNestedTooDeep, origin,
                             "ZIP nested " + std::to_string(level + 1) +
                                 " levels deep, max_nesting " + std::to_string(options.max_nesting),
                             true);
  }

  // List the archive first, its members after it; it keeps its bytes (for hashing), moved in
  // once libzip no longer reads them.
  const size_t slot = bundle.entries.size();
  Entry container;
  container.path = path;
  container.status = DocStatus::kSkipped;
  container.is_archive = true;
  bundle.entries.push_back(std::move(container));
  total_bytes += static_cast<int64_t>(bytes.size());
  read_members(archive.value().get(), static_cast<int64_t>(bytes.size()), path + "/", level + 1,
               options, bundle, total_bytes);
  archive.value().handle.reset();
  bundle.entries[slot].bytes = std::move(bytes);
}

}  // namespace intake_internal

}  // namespace shenbao
