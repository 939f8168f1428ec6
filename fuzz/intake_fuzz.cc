// Fuzzes the archive intake: read_zip_entries on the input bytes as a bundle ZIP (nested
// ZIPs opened one level deep). No crash, no UB, no leak; every entry is accounted for: an
// accepted entry has a relative path that does not climb out and bytes within the limits, a
// refused or unreadable one holds no bytes and has a reason. Limits are small so that a bomb costs
// the fuzzer little.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "pipeline/intake/bundle.h"

using namespace shenbao;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  IntakeOptions options;
  options.max_entry_bytes = 1 << 20;
  options.max_total_bytes = 4 << 20;
  options.ratio_check_min_bytes = 64 << 10;
  options.max_entries = 200;
  Bundle bundle;
  const Status s = read_zip_entries(bytes, "", 0, options, bundle);
  if (!s.ok()) {
    fuzz::require(bundle.entries.empty() && bundle.findings.empty(),
                  "a ZIP that cannot be opened adds nothing");
    return 0;
  }
  int64_t total = 0;
  for (const Entry& e : bundle.entries) {
    if (e.status == DocStatus::kOk || e.status == DocStatus::kSkipped) {
      fuzz::require(!e.path.empty(), "accepted entries have a path");
      // Refused entries keep the name as given (for their finding); accepted ones are safe.
      fuzz::require(e.path.front() != '/', "accepted entry paths are relative");
      fuzz::require(e.path != ".." && e.path.rfind("../", 0) != 0 &&
                        e.path.find("/../") == std::string::npos &&
                        (e.path.size() < 3 || e.path.compare(e.path.size() - 3, 3, "/..") != 0),
                    "no accepted entry path climbs out");
      fuzz::require(static_cast<int64_t>(e.bytes.size()) <= options.max_entry_bytes,
                    "accepted entries are within max_entry_bytes");
      total += static_cast<int64_t>(e.bytes.size());
    } else {
      fuzz::require(e.bytes.empty(), "refused and unreadable entries hold no bytes");
      fuzz::require(!e.error.empty(), "refused and unreadable entries say why");
    }
  }
  fuzz::require(total <= options.max_total_bytes, "the bundle is within max_total_bytes");
  return 0;
}
