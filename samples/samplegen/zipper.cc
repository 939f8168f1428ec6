#include "zipper.h"

#include "pipeline/core/text.h"

#include <iconv.h>
#include <zip.h>

#include <cerrno>
#include <ctime>
#include <vector>

namespace samplegen {

using shenbao::Result;
using shenbao::Status;

namespace {
// 2025-06-10 09:30:00 UTC: every entry gets this time.
constexpr time_t kFixedTime = 1749547800;

struct IconvCloser {
  void operator()(iconv_t* cd) const {
    iconv_close(*cd);
    delete cd;
  }
};
}  // namespace

Result<std::string> utf8_to_gb18030(const std::string& utf8) {
  iconv_t raw = iconv_open("GB18030", "UTF-8");
  if (raw == reinterpret_cast<iconv_t>(-1))
    return Status::Unsupported("iconv: GB18030 not available");
  std::unique_ptr<iconv_t, IconvCloser> cd(new iconv_t(raw));
  std::string in = utf8;
  std::vector<char> out(in.size() * 2 + 16);
  char* ip = in.data();
  size_t il = in.size();
  char* op = out.data();
  size_t ol = out.size();
  if (iconv(*cd, &ip, &il, &op, &ol) == static_cast<size_t>(-1))
    return Status::InvalidArgument("iconv: cannot encode '" + utf8 + "'");
  return std::string(out.data(), out.size() - ol);
}

struct ZipWriter::Impl {
  zip_source_t* source = nullptr;
  zip_t* archive = nullptr;
  std::vector<std::string> keep;  // buffers libzip reads at close time
};

ZipWriter::ZipWriter(NameEncoding encoding) : impl_(std::make_unique<Impl>()), encoding_(encoding) {
  zip_error_t error;
  zip_error_init(&error);
  impl_->source = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(impl_->source);
  impl_->archive = zip_open_from_source(impl_->source, ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
}

ZipWriter::~ZipWriter() {
  if (impl_->archive) zip_discard(impl_->archive);
  if (impl_->source) zip_source_free(impl_->source);
}

Result<std::string> ZipWriter::encode_name(const std::string& utf8_name) const {
  if (encoding_ == NameEncoding::kUtf8) return utf8_name;
  auto gbk = utf8_to_gb18030(utf8_name);
  if (!gbk.ok()) return gbk;
  // A reader keeps a flagless name that is valid UTF-8 as UTF-8; a GB18030 name that happens
  // to be valid UTF-8 would then be read as other characters than the ground truth says.
  if (gbk.value() != utf8_name && shenbao::is_valid_utf8(gbk.value()))
    return Status::InvalidArgument("zip: the GB18030 form of '" + utf8_name +
                                   "' also reads as UTF-8");
  return gbk;
}

Status ZipWriter::add(const std::string& utf8_name, const std::string& data, bool compress) {
  if (!impl_->archive) return Status::Internal("zip: archive not open");
  auto name = encode_name(utf8_name);
  if (!name.ok()) return name.status();
  impl_->keep.push_back(data);
  const std::string& buf = impl_->keep.back();
  zip_source_t* src = zip_source_buffer(impl_->archive, buf.data(), buf.size(), 0);
  if (!src) return Status::Internal("zip: cannot create source");
  const zip_flags_t flags = encoding_ == NameEncoding::kGbk ? ZIP_FL_ENC_CP437 : ZIP_FL_ENC_UTF_8;
  const zip_int64_t idx = zip_file_add(impl_->archive, name.value().c_str(), src, flags);
  if (idx < 0) {
    zip_source_free(src);
    return Status::Internal(std::string("zip: ") + zip_strerror(impl_->archive));
  }
  zip_set_file_compression(impl_->archive, static_cast<zip_uint64_t>(idx),
                           compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 6);
  zip_file_set_mtime(impl_->archive, static_cast<zip_uint64_t>(idx), kFixedTime, 0);
  return Status::Ok();
}

Status ZipWriter::add_dir(const std::string& utf8_name) {
  if (!impl_->archive) return Status::Internal("zip: archive not open");
  auto name = encode_name(utf8_name);
  if (!name.ok()) return name.status();
  const zip_flags_t flags = encoding_ == NameEncoding::kGbk ? ZIP_FL_ENC_CP437 : ZIP_FL_ENC_UTF_8;
  const zip_int64_t idx = zip_dir_add(impl_->archive, name.value().c_str(), flags);
  if (idx < 0) return Status::Internal(std::string("zip: ") + zip_strerror(impl_->archive));
  zip_file_set_mtime(impl_->archive, static_cast<zip_uint64_t>(idx), kFixedTime, 0);
  return Status::Ok();
}

Result<std::string> ZipWriter::finish() {
  if (!impl_->archive) return Status::Internal("zip: archive not open");
  if (zip_close(impl_->archive) != 0) {
    std::string err = zip_strerror(impl_->archive);
    zip_discard(impl_->archive);
    impl_->archive = nullptr;
    return Status::Internal("zip: close failed: " + err);
  }
  impl_->archive = nullptr;
  zip_source_t* src = impl_->source;
  if (zip_source_open(src) != 0) return Status::Internal("zip: cannot reopen buffer");
  zip_source_seek(src, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(src);
  zip_source_seek(src, 0, SEEK_SET);
  std::string out(static_cast<size_t>(size), '\0');
  const zip_int64_t got = zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(src);
  if (got != size) return Status::Internal("zip: short read of the finished archive");
  return out;
}

}  // namespace samplegen
