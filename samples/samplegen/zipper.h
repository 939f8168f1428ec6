// Writing ZIP archives in memory (libzip), the way Chinese desktop tools write them.
//
// Entry names are given as UTF-8. With NameEncoding::kGbk they are stored as GB18030 bytes
// (a superset of GBK) without the UTF-8 flag (general purpose bit 11), as WinRAR and the
// Windows shell produce (a name whose GB18030 bytes would also read as UTF-8 is refused, as
// readers would take it for UTF-8); with kUtf8 they are stored as UTF-8 with the flag set.
// Modification times are fixed so the same input gives the same bytes.
//
// Thread safety: a ZipWriter belongs to one thread.
#pragma once

#include <memory>
#include <string>

#include "pipeline/core/status.h"

namespace samplegen {

enum class NameEncoding { kGbk, kUtf8 };

// UTF-8 → GB18030 (iconv). Fails on text GB18030 cannot encode (none in practice).
shenbao::Result<std::string> utf8_to_gb18030(const std::string& utf8);

class ZipWriter {
 public:
  explicit ZipWriter(NameEncoding encoding);
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  // Adds a file. `compress` false stores it (JPEGs, nested ZIPs).
  shenbao::Status add(const std::string& utf8_name, const std::string& data, bool compress = true);
  // Adds a directory entry ("folder/").
  shenbao::Status add_dir(const std::string& utf8_name);
  // Closes the archive and returns its bytes. The writer cannot be used afterwards.
  shenbao::Result<std::string> finish();

 private:
  shenbao::Result<std::string> encode_name(const std::string& utf8_name) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  NameEncoding encoding_;
};

}  // namespace samplegen
