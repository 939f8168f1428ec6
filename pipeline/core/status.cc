#include "pipeline/core/status.h"

namespace shenbao {

std::string Status::ToString() const {
  const char* name = "ok";
  switch (code_) {
    case Code::kOk: return "ok";
    case Code::kInvalidArgument: name = "invalid argument"; break;
    case Code::kNotFound: name = "not found"; break;
    case Code::kIoError: name = "io error"; break;
    case Code::kCorrupt: name = "corrupt"; break;
    case Code::kEncrypted: name = "encrypted"; break;
    case Code::kRejected: name = "rejected"; break;
    case Code::kUnsupported: name = "unsupported"; break;
    case Code::kTimeout: name = "timeout"; break;
    case Code::kCancelled: name = "cancelled"; break;
    case Code::kInternal: name = "internal"; break;
  }
  return message_.empty() ? std::string(name) : std::string(name) + ": " + message_;
}

}  // namespace shenbao
