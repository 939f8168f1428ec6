// Internal to pipeline/intake: the pieces shared by the ZIP reader (zip_reader.cc) and the
// folder walker (bundle.cc). Not for use outside intake; the public manual is bundle.h.
//
// Thread safety: pure functions over the Bundle passed in.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/intake/bundle.h"

namespace shenbao::intake_internal {

// Why an entry was refused. Each maps to a Chinese finding message and an English error.
enum class Refusal {
  kAbsolutePath,      // "/etc/x", "C:\x", "//server/x"
  kTraversal,         // a ".." component
  kBadName,           // empty after normalisation, or no name at all
  kSymlink,           // a symbolic link (unix mode in a ZIP, or on disk)
  kSpecialFile,       // device, FIFO, socket
  kEncrypted,         // needs a password
  kEntryTooLarge,     // declared or actual size over max_entry_bytes
  kTotalTooLarge,     // the bundle's bytes would exceed max_total_bytes
  kCompressionRatio,  // uncompressed / compressed over max_compression_ratio
  kOverlapping,       // its compressed data overlaps another entry's (an overlap bomb)
  kNestedTooDeep,     // a ZIP deeper than max_nesting
  kTooManyEntries,    // beyond max_entries (one finding for all of them)
};

// Where the refused thing came from: its finding says "压缩包条目" or "文件夹中的文件".
enum class Origin { kZip, kFolder };

// The finding message for a refusal, e.g. "压缩包条目被拒绝：路径越界（../）".
std::string refusal_message(Refusal reason, Origin origin);

// Appends a rejected Entry (no bytes) and its ARCHIVE_REJECTED finding (detail = `detail`).
void add_refused_entry(Bundle& bundle, const std::string& path, Refusal reason, Origin origin,
                       const std::string& detail, bool is_archive = false);

// Appends an unreadable Entry (no bytes) and its DOCUMENT_UNREADABLE finding.
void add_unreadable_entry(Bundle& bundle, const std::string& path, const std::string& detail,
                          bool is_archive = false);

// Adds the one finding for files refused beyond max_entries: `container` is the archive's
// path inside the bundle ("" for the bundle itself), `seen` how many files it holds,
// `refused` the names of those not read (the first few are named in the detail).
void add_too_many_finding(Bundle& bundle, const std::string& container, Origin origin, int seen,
                          int max_entries, const std::vector<std::string>& refused);

// Appends one file's bytes found inside a container at nesting `level` (0 = the bundle's own
// files). A nested ZIP is opened when level + 1 <= max_nesting (its members are appended after
// it), refused when deeper; an OOXML/ODF package and any other file become a plain kOk entry.
// `total_bytes` is the running count of bytes held by the bundle and is updated.
void add_file_entry(Bundle& bundle, const std::string& path, std::string bytes, int level,
                    Origin origin, const IntakeOptions& options, int64_t& total_bytes);

// Bytes held by the bundle's entries so far.
int64_t bytes_held(const Bundle& bundle);

// An entry name made safe: '\\' taken as '/', "." and empty components dropped. Returns false
// (with the reason) for absolute paths, ".." components, and names that end up empty.
// `is_directory` is set when the name ends with a separator.
bool normalise_entry_path(const std::string& name, std::string& clean, Refusal& reason,
                          bool& is_directory);

}  // namespace shenbao::intake_internal
