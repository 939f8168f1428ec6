// Refused and unreadable entries and their findings.

#include <string>
#include <vector>

#include "pipeline/intake/intake_internal.h"

namespace shenbao::intake_internal {

namespace {

const char* refusal_reason_zh(Refusal reason) {
  switch (reason) {
    case Refusal::kAbsolutePath:
      return "绝对路径";
    case Refusal::kTraversal:
      return "路径越界（../）";
    case Refusal::kBadName:
      return "文件名无效";
    case Refusal::kSymlink:
      return "符号链接";
    case Refusal::kSpecialFile:
      return "特殊文件（设备、管道等）";
    case Refusal::kEncrypted:
      return "已加密";
    case Refusal::kEntryTooLarge:
      return "文件过大";
    case Refusal::kTotalTooLarge:
      return "解压总量超出上限";
    case Refusal::kCompressionRatio:
      return "压缩比异常（疑似压缩炸弹）";
    case Refusal::kOverlapping:
      return "条目数据相互重叠（疑似压缩炸弹）";
    case Refusal::kNestedTooDeep:
      return "嵌套压缩包层数过深";
    case Refusal::kTooManyEntries:
      return "文件数量超出上限";
  }
  return "未知原因";
}

}  // namespace

std::string refusal_message(Refusal reason, Origin origin) {
  const std::string what = origin == Origin::kZip ? "压缩包条目被拒绝：" : "文件夹中的文件被拒绝：";
  return what + refusal_reason_zh(reason);
}

void add_refused_entry(Bundle& bundle, const std::string& path, Refusal reason, Origin origin,
                       const std::string& detail, bool is_archive) {
  Entry entry;
  entry.path = path;
  entry.status = DocStatus::kRejected;
  entry.error = detail;
  entry.is_archive = is_archive;
  bundle.entries.push_back(std::move(entry));

  Finding finding;
  finding.code = "ARCHIVE_REJECTED";
  finding.severity = Severity::kError;
  finding.document = path;
  finding.message = refusal_message(reason, origin);
  finding.detail = detail;
  bundle.findings.push_back(std::move(finding));
}

void add_unreadable_entry(Bundle& bundle, const std::string& path, const std::string& detail,
                          bool is_archive) {
  Entry entry;
  entry.path = path;
  entry.status = DocStatus::kUnreadable;
  entry.error = detail;
  entry.is_archive = is_archive;
  bundle.entries.push_back(std::move(entry));

  Finding finding;
  finding.code = "DOCUMENT_UNREADABLE";
  finding.severity = Severity::kError;
  finding.document = path;
  finding.message =
      is_archive ? "嵌套压缩包无法打开（已损坏）" : "文件无法读取（数据损坏或不支持的压缩方式）";
  finding.detail = detail;
  bundle.findings.push_back(std::move(finding));
}

void add_too_many_finding(Bundle& bundle, const std::string& container, Origin origin, int seen,
                          int max_entries, const std::vector<std::string>& refused) {
  constexpr size_t kNamesShown = 10;
  std::string detail = std::to_string(seen) + " files, max_entries " + std::to_string(max_entries) +
                       "; not read (" + std::to_string(refused.size()) + "):";
  for (size_t k = 0; k < refused.size() && k < kNamesShown; ++k) {
    detail += " \"" + refused[k] + "\"";
  }
  if (refused.size() > kNamesShown) detail += " ...";

  Finding finding;
  finding.code = "ARCHIVE_REJECTED";
  finding.severity = Severity::kError;
  finding.document = container;
  finding.message = refusal_message(Refusal::kTooManyEntries, origin) + "（共" +
                    std::to_string(seen) + "个，上限" + std::to_string(max_entries) + "个，其余" +
                    std::to_string(refused.size()) + "个未读取）";
  finding.detail = std::move(detail);
  bundle.findings.push_back(std::move(finding));
}

int64_t bytes_held(const Bundle& bundle) {
  int64_t total = 0;
  for (const Entry& e : bundle.entries) total += static_cast<int64_t>(e.bytes.size());
  return total;
}

}  // namespace shenbao::intake_internal
