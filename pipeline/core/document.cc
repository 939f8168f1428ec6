#include "pipeline/core/document.h"

#include "pipeline/core/finding.h"
#include "pipeline/core/text.h"

namespace shenbao {

namespace {
// True when the first/last code point of s is a CJK ideograph or CJK punctuation.
bool cjk_edge(const std::string& s, bool front) {
  if (s.empty()) return false;
  const auto cps = utf8_to_codepoints(s);
  const char32_t cp = front ? cps.front() : cps.back();
  return is_cjk(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
}
}  // namespace

std::string Line::text() const {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0 && !(cjk_edge(words[i - 1].text, false) || cjk_edge(words[i].text, true))) {
      out.push_back(' ');
    }
    out += words[i].text;
  }
  return out;
}

std::string Page::text() const {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out.push_back('\n');
    out += lines[i].text();
  }
  return out;
}

TextSource Document::text_source() const {
  TextSource result = TextSource::kNone;
  for (const Page& p : pages) {
    if (p.text_source == TextSource::kNone) continue;
    if (result == TextSource::kNone) result = p.text_source;
    else if (result != p.text_source) return TextSource::kMixed;
  }
  if (result == TextSource::kNone && !tables.empty()) return TextSource::kNative;
  return result;
}

std::optional<double> Document::ocr_confidence() const {
  double sum = 0;
  size_t n = 0;
  for (const Page& p : pages) {
    if (p.text_source != TextSource::kOcr) continue;
    for (const Line& l : p.lines)
      for (const Word& w : l.words) { sum += w.confidence; ++n; }
  }
  if (n == 0) {
    // OCR'd pages without words still count as OCR'd, with their page-level confidence.
    for (const Page& p : pages)
      if (p.ocr_confidence) return p.ocr_confidence;
    return std::nullopt;
  }
  return sum / static_cast<double>(n);
}

std::string Document::text() const {
  std::string out;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) out.push_back('\f');
    out += pages[i].text();
  }
  return out;
}

const char* to_string(TextSource s) {
  switch (s) {
    case TextSource::kNone: return "none";
    case TextSource::kTextLayer: return "text_layer";
    case TextSource::kOcr: return "ocr";
    case TextSource::kMixed: return "mixed";
    case TextSource::kNative: return "native";
  }
  return "none";
}

const char* to_string(Format f) {
  switch (f) {
    case Format::kPdf: return "pdf";
    case Format::kImage: return "image";
    case Format::kDocx: return "docx";
    case Format::kXlsx: return "xlsx";
    case Format::kArchive: return "archive";
    case Format::kOther: return "other";
  }
  return "other";
}

const char* to_string(DocStatus s) {
  switch (s) {
    case DocStatus::kOk: return "ok";
    case DocStatus::kUnreadable: return "unreadable";
    case DocStatus::kRejected: return "rejected";
    case DocStatus::kSkipped: return "skipped";
  }
  return "ok";
}

const char* to_string(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "error";
}

}  // namespace shenbao
