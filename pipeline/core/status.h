// Status and Result<T>: errors as values at the boundaries of shenbao.
//
// A Status is either ok or carries a Code and a human-readable message (English, for logs;
// reviewer-facing Chinese text is produced from findings, not from Status). Expected failures
// of untrusted input (an unreadable file, a refused archive entry, an OCR timeout) travel as
// Status; exceptions are reserved for bugs and start-up misconfiguration.
//
// Thread safety: values; copy freely.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace shenbao {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // the caller passed something malformed (bad usage, bad option)
    kNotFound,         // a file or entry that should exist does not
    kIoError,          // the operating system refused a read or write
    kCorrupt,          // input is damaged: a broken PDF, a truncated ZIP, bad XML
    kEncrypted,        // input needs a password we do not have
    kRejected,         // input was refused on purpose: traversal, bomb, link, over a limit
    kUnsupported,      // a format or feature we do not read
    kTimeout,          // a deadline passed (OCR of one page, a whole document)
    kCancelled,        // the run is stopping (SIGINT/SIGTERM)
    kInternal,         // a bug or a library failure we did not expect
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return Status(Code::kInvalidArgument, std::move(m)); }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status IoError(std::string m) { return Status(Code::kIoError, std::move(m)); }
  static Status Corrupt(std::string m) { return Status(Code::kCorrupt, std::move(m)); }
  static Status Encrypted(std::string m) { return Status(Code::kEncrypted, std::move(m)); }
  static Status Rejected(std::string m) { return Status(Code::kRejected, std::move(m)); }
  static Status Unsupported(std::string m) { return Status(Code::kUnsupported, std::move(m)); }
  static Status Timeout(std::string m) { return Status(Code::kTimeout, std::move(m)); }
  static Status Cancelled(std::string m) { return Status(Code::kCancelled, std::move(m)); }
  static Status Internal(std::string m) { return Status(Code::kInternal, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "corrupt: xref table broken" — for logs and documents[].error.
  std::string ToString() const;

 private:
  Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Result<T> holds a T or a non-ok Status. Accessing value() of a failed result is a bug.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}            // NOLINT: implicit on purpose
  Result(Status status) : status_(std::move(status)) {}    // NOLINT: must not be ok
  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace shenbao
