// Shared by the judge tests: the real policy and catalog from schemas/, and small
// Submissions built in code (a clean one per category, which each test then breaks in one
// way).
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/core/submission.h"
#include "pipeline/judge/judge.h"

namespace shenbao::testing {

inline std::filesystem::path schemas_dir() {
  return std::filesystem::path(SHENBAO_SOURCE_DIR) / "schemas";
}

inline nlohmann::json read_json(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());
}

// The judge built from the committed schemas/, once per test binary.
inline const Judge& the_judge() {
  static const std::shared_ptr<const Judge> judge = [] {
    auto j = Judge::load(schemas_dir());
    if (!j.ok()) FAIL("cannot load the judge: " << j.status().ToString());
    return j.value();
  }();
  return *judge;
}

inline const Policy& the_policy() { return the_judge().policy(); }

inline int64_t wan(int64_t yuan_10k) { return yuan_10k * 10000 * 100; }  // 万元 → fen

inline DocumentRecord doc(const std::string& path, const std::string& material,
                          std::optional<bool> sealed = true) {
  DocumentRecord d;
  d.path = path;
  d.sha256 = std::string(64, 'a');
  d.format = Format::kPdf;
  d.pages = 2;
  d.text_source = TextSource::kTextLayer;
  d.material = material;
  d.sealed = sealed;
  if (sealed == true) d.seal_pages = {1};
  return d;
}

// A submission with every required material, sealed, consistent facts and a request equal
// to the award: the judge must find nothing.
//   general_model:      O = 800万, H = 200万 → cost 1000万 × 50 % = 500万
//   specialized_model:  same costs × 80 % = 800万 → cap 500万
//   adaptation_service: 5 industries → tier 1, 100万
//   security_testing:   fee 40万 × 50 % = 20万
inline Submission clean_submission(const std::string& category) {
  Submission s;
  s.bundle = {"acme", "acme.zip", std::string(64, 'b'), "2025-07-01T00:00:00Z", "test"};
  s.category = category;
  s.applicant.name = "上海松江智算科技有限公司";
  s.applicant.uscc = "91310117MA1J2Q4K7A";
  s.applicant.uscc_valid = true;
  s.applicant.address = "上海市松江区九亭镇某路1号";
  s.applicant.in_songjiang = true;
  int n = 1;
  for (const MaterialRule& m : the_policy().materials) {
    if (!m.required_for.empty()) {
      s.documents.push_back(
          doc((n < 10 ? "0" : "") + std::to_string(n) + "_" + m.id + ".pdf", m.id));
      ++n;
    }
  }
  Extracted& x = s.extracted;
  x.application.project_name = "智算项目";
  x.application.date = "2025-06-10";
  x.credit.serious_dishonesty = false;
  x.credit.records_in_two_years = 0;
  x.audit.fiscal_year = 2024;
  x.audit.total_assets_fen = wan(3000);
  x.audit.total_liabilities_fen = wan(1000);
  x.audit.owners_equity_fen = wan(2000);
  x.investment.rows = {{"hardware", "GPU 服务器", wan(200)},
                       {"development", "模型开发", wan(500)},
                       {"testing", "测试", wan(100)},
                       {"personnel", "人员工资", wan(200)}};
  x.investment.total_fen = wan(1000);
  x.investment.stated_total_fen = wan(1000);
  x.investment.hardware_share = 0.2;
  x.project.total_investment_fen = wan(1000);
  if (category == "general_model") {
    x.project.parameters = 1.3e11;
    x.filing.number = "Shanghai-SongjiangModel-20240101";
    x.filing.kind = "filing";
    x.application.requested_fen = wan(500);
  } else if (category == "specialized_model") {
    x.filing.number = "沪登记-2024-0001";
    x.filing.kind = "registration";
    x.application.requested_fen = wan(500);
  } else if (category == "adaptation_service") {
    x.adaptation.industries = {"金融", "医疗", "制造", "教育", "交通"};
    x.adaptation.found = true;
    x.application.requested_fen = wan(100);
  } else if (category == "security_testing") {
    x.security.product_name = "密码模块";
    x.security.lab_name = "国家商用密码检测中心";
    x.security.test_fee_fen = wan(40);
    x.security.first_pass = true;
    x.application.requested_fen = wan(20);
  }
  return s;
}

inline std::vector<std::string> all_categories() {
  return {"general_model", "specialized_model", "adaptation_service", "security_testing"};
}

inline Submission judged(Submission s, int run_year = 2025) {
  judge_submission(s, the_judge(), run_year);
  return s;
}

inline std::vector<Finding> with_code(const Submission& s, const std::string& code) {
  std::vector<Finding> out;
  for (const Finding& f : s.findings) {
    if (f.code == code) out.push_back(f);
  }
  return out;
}

inline bool has_code(const Submission& s, const std::string& code) {
  return !with_code(s, code).empty();
}

// Every message the judge builds must be filled in (no "{placeholder}" left).
inline void check_messages_filled(const Submission& s) {
  for (const Finding& f : s.findings) {
    INFO(f.code << ": " << f.message);
    CHECK(f.message.find('{') == std::string::npos);
    CHECK_FALSE(f.message.empty());
  }
}

}  // namespace shenbao::testing
