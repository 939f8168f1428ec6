// Intake: turns one bundle in the inbox (a ZIP file or a folder) into a list of entries
// held in memory, safely. Nothing is written to disk; nothing outside the bundle is read.
//
// Every file of the bundle becomes an Entry: accepted ones carry their bytes; refused ones
// (path traversal, absolute path, symlink or device, encryption, over a limit, nested too
// deep) carry status kRejected and the reason, and an ARCHIVE_REJECTED finding is added to
// the bundle. An entry whose data cannot be decompressed (CRC error, broken deflate stream,
// unsupported method) gets status kUnreadable and a DOCUMENT_UNREADABLE finding; the other
// entries are still read. Directories are not entries.
//
// A nested ZIP (one level) is itself listed as an Entry with is_archive, status kSkipped and
// its bytes, and its members follow as entries named "outer.zip/inner/path". Nested ZIPs are
// recognised by content (PK\x03\x04 or an empty archive's PK\x05\x06), not by name; a ZIP that
// is an OOXML or ODF package (holds "[Content_Types].xml" or "mimetype") is a document, not
// an archive, and is passed through whole. A nested ZIP deeper than max_nesting is listed
// with is_archive, status kRejected and a finding. A "*.zip" that starts like a ZIP but cannot
// be opened is listed with is_archive, status kUnreadable and a DOCUMENT_UNREADABLE finding;
// any other file that merely starts like one (a damaged DOCX) is passed on for the loader.
//
// Beyond max_entries files in one archive (or one folder bundle), the rest are not listed
// as entries: one ARCHIVE_REJECTED finding (document = the archive's path, "" for the bundle
// itself) says how many were refused and names the first few.
//
// Names: ZIP entry names are decoded by decode_entry_name; '\\' is taken as a separator
// (Windows tools write it); "." and empty components are dropped. An archive that flags a
// non-UTF-8 (GBK) name as UTF-8, which libzip refuses whole, is read from a copy with those
// flags cleared. Folder bundles are walked without following symlinks; file names on disk
// are decoded the same way.
//
// Thread safety: every function here is reentrant; call them from any thread.
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
  std::string bytes;      // the content; empty when rejected or unreadable
  DocStatus status = DocStatus::kOk;  // kOk, kRejected, kUnreadable, or kSkipped (an opened
                                      // nested ZIP, which keeps its bytes)
  std::string error;      // why rejected or unreadable (English, technical), empty otherwise
  bool is_archive = false;  // a nested ZIP (opened or refused)
};

struct Bundle {
  std::string id;        // safe for a file name (see make_bundle_id)
  std::string source;    // the ZIP's or folder's own name as in the inbox
  std::string sha256;    // of the ZIP file, or of the sorted (path, content hash) list of a folder
  bool is_zip = false;
  std::vector<Entry> entries;     // in archive/walk order
  std::vector<Finding> findings;  // ARCHIVE_REJECTED, one per refused entry (one in all for
                                  // "too many entries"); DOCUMENT_UNREADABLE per broken entry
};

// Reads a bundle: a ZIP file or a folder (the path itself may be a symlink placed in the inbox
// by staff; nothing inside a folder bundle is followed). Returns a non-ok status only when the
// bundle as a whole cannot be read: kNotFound (no such path), kCorrupt (not a ZIP, truncated
// or garbage central directory), kRejected (a ZIP file larger than max_total_bytes), kIoError
// (unreadable file or folder), kUnsupported (neither a file nor a folder). Refused entries are
// not errors of the bundle.
// sha256 is of the ZIP file's bytes; for a folder, of the list of its files sorted by relative
// path, each as "path\0content-sha256\0" (its status, "rejected" or "unreadable", in place of
// the hash for a file that was not read).
Result<Bundle> read_bundle(const std::filesystem::path& path, const IntakeOptions& options);

// Reads a ZIP held in memory (used for the bundle itself and for nested ZIPs) and appends its
// entries and findings to `bundle`. `prefix` is prepended to entry paths ("outer.zip/");
// `depth` is the nesting level of this ZIP (0 = the bundle itself); ZIPs inside it are opened
// when depth + 1 <= options.max_nesting. max_total_bytes counts the bytes already in `bundle`.
// Returns kCorrupt when the ZIP cannot be opened at all (nothing is appended then).
Status read_zip_entries(const std::string& zip_bytes, const std::string& prefix, int depth,
                        const IntakeOptions& options, Bundle& bundle);

// A ZIP entry name (or a file name on disk) as UTF-8: kept when it is valid UTF-8 (whether or
// not the UTF-8 flag, general-purpose bit 11, is set: a flagged name that is not UTF-8 is a
// lie and is decoded like an unflagged one), else decoded as GB18030 (a superset of GBK:
// Chinese Windows zips names in GBK without the flag), else as CP437 (the ZIP default).
// Always returns valid UTF-8.
std::string decode_entry_name(const std::string& raw, bool utf8_flag);

// The bundle id for an inbox name: ".zip" dropped (any case), '/', '\\', control characters
// (C0, DEL, C1) and leading dots replaced by '_'; UTF-8 kept (a name that is not UTF-8 is
// first decoded like an entry name). Never empty ("_" for "" or ".zip").
// Examples: "某某科技.zip" → "某某科技", "..\\evil.ZIP" → "___evil", ".hidden" → "_hidden".
std::string make_bundle_id(const std::string& inbox_name);

// What the inbox holds: bundles (files named *.zip in any case, and folders; symlinks count as
// what they point to) and everything else ("not a bundle"), directly in `inbox` (not
// recursive). Fails with kNotFound or kIoError when `inbox` cannot be listed.
struct InboxListing {
  std::vector<std::filesystem::path> bundles;      // sorted by name
  std::vector<std::filesystem::path> not_bundles;  // sorted by name
};
Result<InboxListing> list_inbox(const std::filesystem::path& inbox);

}  // namespace shenbao
