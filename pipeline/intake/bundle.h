// Intake: turns one bundle in the inbox (a ZIP file or a folder) into a list of entries
// held in memory, safely. Nothing is written to disk; nothing outside the bundle is read.
//
// Every file of the bundle becomes an Entry: accepted ones carry their bytes; refused ones
// (path traversal, symlink, encryption, over a limit, nested too deep) carry status
// kRejected and the reason, and an ARCHIVE_REJECTED finding is added to the bundle.
// A nested ZIP (one level) is itself listed as an Entry with format archive and status
// kSkipped, and its members follow as entries named "outer.zip/inner/path".
//
// Thread safety: read_bundle is reentrant; call it from any thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/finding.h"
#include "pipeline/core/status.h"

namespace shenbao {

// Limits for untrusted archives and folders. Defaults suit real application bundles
// (tens of scanned PDFs), and refuse zip bombs long before memory is at risk.
struct IntakeOptions {
  int64_t max_entry_bytes = 256ll << 20;   // one file, declared or actual uncompressed size
  int64_t max_total_bytes = 2ll << 30;     // all files of one bundle, uncompressed
  double max_compression_ratio = 200.0;    // uncompressed / compressed, per entry (bombs)
  int64_t ratio_check_min_bytes = 1 << 20; // entries smaller than this skip the ratio check
  int max_entries = 5000;                  // entries of one archive (and files of a folder)
  int max_nesting = 1;                     // ZIPs inside ZIPs opened this deep; deeper refused
};

struct Entry {
  std::string path;       // UTF-8, '/'-separated, relative to the bundle root
  std::string bytes;      // the content; empty when rejected
  DocStatus status = DocStatus::kOk;  // kOk, kRejected, or kSkipped (an opened nested ZIP)
  std::string error;      // why rejected, empty otherwise
  bool is_archive = false;  // a nested ZIP (opened or refused)
};

struct Bundle {
  std::string id;        // safe for a file name (see make_bundle_id)
  std::string source;    // the ZIP's or folder's own name as in the inbox
  std::string sha256;    // of the ZIP file, or of the sorted (path, content hash) list of a folder
  bool is_zip = false;
  std::vector<Entry> entries;     // in archive/walk order
  std::vector<Finding> findings;  // ARCHIVE_REJECTED, one per refused entry
};

// Reads a bundle: a ZIP file or a folder. Returns a non-ok status only when the bundle as a
// whole cannot be read (not a ZIP, truncated central directory, unreadable folder); refused
// entries are not errors of the bundle.
Result<Bundle> read_bundle(const std::filesystem::path& path, const IntakeOptions& options);

// Reads a ZIP held in memory (used for the bundle itself and for nested ZIPs).
// `prefix` is prepended to entry paths ("outer.zip/"); `depth` is the nesting level (0 = bundle).
Status read_zip_entries(const std::string& zip_bytes, const std::string& prefix, int depth,
                        const IntakeOptions& options, Bundle& bundle);

// A ZIP entry name as UTF-8: kept when the UTF-8 flag is set or it is valid UTF-8,
// else decoded as GB18030 (a superset of GBK), else as CP437.
std::string decode_entry_name(const std::string& raw, bool utf8_flag);

// The bundle id for an inbox name: ".zip" dropped, '/', '\\', control characters and
// leading dots replaced by '_'; UTF-8 kept. Never empty.
std::string make_bundle_id(const std::string& inbox_name);

// What the inbox holds: bundles (ZIP files and folders) and everything else ("not a bundle").
struct InboxListing {
  std::vector<std::filesystem::path> bundles;      // sorted by name
  std::vector<std::filesystem::path> not_bundles;  // sorted by name
};
Result<InboxListing> list_inbox(const std::filesystem::path& inbox);

}  // namespace shenbao
