// Fuzzes the DOCX/XLSX reader: sniff_ooxml and load_ooxml (as DOCX and as XLSX) on the input
// bytes, with small part, row and cell limits. No crash, no UB, no leak, no hang; the rows
// of every table stay within max_rows.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "pipeline/load/ooxml.h"

using namespace shenbao;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  OoxmlOptions options;
  options.max_part_bytes = 1 << 20;
  options.max_rows = 1000;
  options.max_cells = 20'000;
  (void)sniff_ooxml(bytes);
  for (Format format : {Format::kDocx, Format::kXlsx}) {
    Document doc;
    doc.format = format;
    const Status s = load_ooxml(bytes, format, options, doc);
    if (!s.ok()) continue;
    for (const Table& t : doc.tables) {
      fuzz::require(static_cast<int>(t.rows.size()) <= options.max_rows,
                    "tables are cut at max_rows");
    }
  }
  return 0;
}
