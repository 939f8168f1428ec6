// The table readers on real text-layer PDFs (tests/tables/fixtures, see its README), read
// through the pipeline's own loader: Poppler's word boxes, not synthetic ones.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "extractors/audit.h"
#include "extractors/investment.h"
#include "pipeline/load/loader.h"
#include "table_drawing.h"

using namespace shenbao;
using namespace shenbao::tables_test;

namespace {

Document load_fixture(const std::string& name) {
  const std::string path = SHENBAO_SOURCE_DIR "/tests/tables/fixtures/" + name;
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  OcrEngine ocr;  // initialised only if a page needed OCR (these do not)
  LoadResult r = load_document(name, bytes, LoadOptions{}, ocr);
  REQUIRE(r.document.status == DocStatus::kOk);
  for (const Page& p : r.document.pages) REQUIRE(p.text_source == TextSource::kTextLayer);
  return r.document;
}

}  // namespace

TEST_CASE("real_pdf_grouped_investment_table_next_to_an_invoice") {
  const Document d = load_fixture("investment_grouped_yuan_with_invoice.pdf");
  Extracted x;
  extract_investment({&d}, patterns(), rules(), x);
  const auto& inv = x.investment;
  REQUIRE(inv.rows.size() == 10);
  const std::vector<std::pair<std::string, int64_t>> expected = {
      {"hardware", 120148634},    {"hardware", 48030062},    {"hardware", 22072849},
      {"development", 131175944}, {"development", 75975658}, {"development", 59480762},
      {"testing", 37071958},      {"testing", 33300559},     {"personnel", 170870047},
      {"personnel", 44585841}};
  for (size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(inv.rows[i].category == expected[i].first);
    CHECK(inv.rows[i].amount_fen == expected[i].second);
  }
  CHECK(inv.rows[0].item == "GPU服务器");
  CHECK(inv.total_fen == 742712314);
  CHECK(inv.stated_total_fen == 742712314);
  REQUIRE(inv.hardware_share);
  CHECK(*inv.hardware_share == doctest::Approx(0.25615779005382155).epsilon(1e-9));
  CHECK(x.evidence.at("investment.stated_total_fen").page == 1);
}

TEST_CASE("real_pdf_audit_report_current_period_figures") {
  const Document d = load_fixture("audit_report_2024.pdf");
  Extracted x;
  extract_audit({&d}, patterns(), rules(), x);
  CHECK(x.audit.fiscal_year == 2024);
  CHECK(x.audit.total_assets_fen == 24580664649);
  CHECK(x.audit.total_liabilities_fen == 9087730151);
  CHECK(x.audit.owners_equity_fen == 15492934498);
  CHECK(x.audit.revenue_fen == 17187322261);
  CHECK(x.audit.net_profit_fen == 1262425046);
  CHECK(x.audit.rd_expense_fen == 4380505355);
  CHECK(x.evidence.at("audit.total_assets_fen").page == 2);
  CHECK(x.evidence.at("audit.revenue_fen").page == 3);
}
