// Test helpers for the scorer: a temporary directory, two small synthetic ground-truth files
// and the "perfect output" converter that writes the submission.json the pipeline should write
// for a ground-truth file.
//
// The synthetic corpus, counted by hand (the exact-ratio tests rely on these numbers):
//   bundle A 申报-松江甲智能科技 (general_model): 33 fields, 4 documents (one merged file with 2
//     sections, one archive with sealed null), findings {SEAL_MISSING}, one finding detail;
//   bundle B 松江乙数据服务 (adaptation_service, address outside Songjiang, invalid code):
//     14 fields, 3 documents (one unreadable, sealed null), findings {NOT_IN_SONGJIANG,
//     DOCUMENT_UNREADABLE, MATERIAL_MISSING}, award null.
//   Fields per group: applicant 12, license 8, application 6, credit 3, audit 7, investment 4,
//   project 2, filing 2, adaptation 2, security 1 (47 in all). Documents 7; scored seals 5
//   (3 sealed); seal pages 4; sections 2; finding codes 4.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace shenbao::eval::testing {

using json = nlohmann::json;

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("shenbao-eval-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline void write_json(const std::filesystem::path& file, const json& value) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << value.dump(2);
}

inline json bundle_a() {
  return json::parse(R"({
    "source": "申报-松江甲智能科技.zip",
    "bundle_id": "申报-松江甲智能科技",
    "category": "general_model",
    "applicant": { "name": "上海松江甲智能科技有限公司", "uscc": "91310117MA1J2Q4K7A",
                   "uscc_valid": true, "address": "上海市松江区九亭镇涞寅路1号",
                   "in_songjiang": true, "legal_representative": "张三" },
    "documents": [
      { "path": "营业执照.png", "material": "business_license", "sealed": true,
        "seal_pages": [1], "status": "ok" },
      { "path": "申报材料汇编.pdf", "material": "application_form", "sealed": true,
        "seal_pages": [2, 5], "status": "ok",
        "sections": [ { "material": "application_form", "first_page": 1, "last_page": 2 },
                      { "material": "project_report", "first_page": 3, "last_page": 5 } ] },
      { "path": "信用报告.pdf", "material": "credit_report", "sealed": false,
        "seal_pages": [], "status": "ok" },
      { "path": "附件/旧材料.zip", "material": "other", "sealed": null, "status": "ok" }
    ],
    "extracted": {
      "application": { "project_name": "甲大模型", "category_text": "通用大模型",
                       "requested_fen": 1200000000 },
      "license": { "uscc": "91310117MA1J2Q4K7A", "name": "上海松江甲智能科技有限公司",
                   "address": "上海市松江区九亭镇涞寅路1号", "legal_representative": "张三" },
      "credit": { "report_date": "2025-06-01", "serious_dishonesty": false,
                  "records_in_two_years": 0 },
      "audit": { "fiscal_year": 2024, "total_assets_fen": 500000000,
                 "total_liabilities_fen": 200000000, "owners_equity_fen": 300000000,
                 "revenue_fen": 150000000, "net_profit_fen": 20000000,
                 "rd_expense_fen": 50000000 },
      "investment": { "rows": [ { "category": "hardware", "item": "服务器", "amount_fen": 100000000 },
                                { "category": "development", "item": "模型研发", "amount_fen": 300000000 } ],
                      "total_fen": 400000000, "stated_total_fen": 400000000,
                      "hardware_share": 0.25 },
      "project": { "total_investment_fen": 400000000, "parameters": 130000000000 },
      "filing": { "number": "Shanghai-JiaDaMoXing-202401010001", "kind": "filing" },
      "adaptation": null,
      "security": null
    },
    "findings": ["SEAL_MISSING"],
    "finding_details": [ { "code": "SEAL_MISSING", "material": "credit_report",
                           "document": "信用报告.pdf" } ],
    "subsidy": { "max_award_fen": 200000000, "tier": null },
    "verdict": "incomplete",
    "defects": ["unsealed credit report"]
  })");
}

inline json bundle_b() {
  return json::parse(R"({
    "source": "松江乙数据服务",
    "bundle_id": "松江乙数据服务",
    "category": "adaptation_service",
    "applicant": { "name": "上海乙数据服务有限公司", "uscc": "91310112MA1K3R5L8B",
                   "uscc_valid": false, "address": "上海市闵行区莘庄镇某路2号",
                   "in_songjiang": false, "legal_representative": "李四" },
    "documents": [
      { "path": "营业执照.pdf", "material": "business_license", "sealed": true,
        "seal_pages": [1], "status": "ok" },
      { "path": "损坏.pdf", "material": "unclassified", "sealed": null, "seal_pages": [],
        "status": "unreadable" },
      { "path": "投资明细.xlsx", "material": "investment_table", "sealed": false,
        "seal_pages": [], "status": "ok" }
    ],
    "extracted": {
      "application": { "project_name": "乙行业适配服务", "category_text": "实用适配服务",
                       "requested_fen": 50000000 },
      "license": { "uscc": "91310112MA1K3R5L8B", "name": "上海乙数据服务有限公司",
                   "address": "上海市闵行区莘庄镇某路2号", "legal_representative": "李四" },
      "adaptation": { "industries": ["制造", "金融", "医疗"] }
    },
    "findings": ["NOT_IN_SONGJIANG", "DOCUMENT_UNREADABLE", "MATERIAL_MISSING"],
    "subsidy": { "max_award_fen": null, "tier": null },
    "verdict": "ineligible"
  })");
}

// Writes bundle A and B as EXPECTED_DIR/<source>.json.
inline void write_synthetic_expected(const std::filesystem::path& dir) {
  for (const json& e : {bundle_a(), bundle_b()}) {
    write_json(dir / (e["source"].get<std::string>() + ".json"), e);
  }
}

// The submission.json a perfect pipeline writes for ground truth `e`: the same values in the
// contract's shape (findings as objects, details merged in as extra findings).
inline json perfect_output(const json& e) {
  json o = {{"schema_version", "1"},
            {"bundle", {{"id", e.value("bundle_id", "")}, {"source", e.value("source", "")}}}};
  for (const char* key :
       {"category", "applicant", "extracted", "subsidy", "verdict", "documents"}) {
    if (e.contains(key)) o[key] = e[key];
  }
  o["findings"] = json::array();
  for (const auto& code : e.value("findings", json::array())) {
    o["findings"].push_back({{"code", code}, {"severity", "error"}, {"message", "…"}});
  }
  for (const auto& detail : e.value("finding_details", json::array())) {
    json f = detail;
    f["severity"] = "error";
    o["findings"].push_back(f);
  }
  return o;
}

// Writes the perfect output of every ground-truth file in `expected_dir` to
// OUT/<bundle_id>/submission.json.
inline void write_perfect_outputs(const std::filesystem::path& expected_dir,
                                  const std::filesystem::path& out_dir) {
  for (const auto& entry : std::filesystem::directory_iterator(expected_dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const json e = json::parse(in, nullptr, false);
    if (!e.is_object() || !e.contains("bundle_id")) continue;
    write_json(out_dir / e["bundle_id"].get<std::string>() / "submission.json", perfect_output(e));
  }
}

}  // namespace shenbao::eval::testing
