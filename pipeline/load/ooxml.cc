#include "pipeline/load/ooxml.h"

#include <zip.h>

#include <algorithm>
#include <charconv>
#include <exception>
#include <memory>
#include <new>
#include <pugixml.hpp>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/core/text.h"

namespace shenbao {
namespace {

// ---------------------------------------------------------------------------------------
// The package: a ZIP held in memory, read through libzip.

struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipDiscard>;
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileClose>;

// Read-only view of a ZIP in memory; the bytes must outlive the Package.
class Package {
 public:
  static Result<Package> open(const std::string& bytes) {
    // libzip takes an empty buffer for an empty archive; no ZIP is shorter than its
    // end-of-central-directory record.
    if (bytes.size() < 22) return Status::Corrupt("not a zip: too short");
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) {
      Status s = Status::Internal(std::string("zip source: ") + zip_error_strerror(&error));
      zip_error_fini(&error);
      return s;
    }
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (archive == nullptr) {
      zip_source_free(source);  // not taken over by a failed open
      Status s = Status::Corrupt(std::string("not a readable zip: ") + zip_error_strerror(&error));
      zip_error_fini(&error);
      return s;
    }
    zip_error_fini(&error);
    return Package(ZipPtr(archive));
  }

  // Part names are case-insensitive in OPC.
  bool has(const std::string& name) const {
    return zip_name_locate(zip_.get(), name.c_str(), ZIP_FL_NOCASE) >= 0;
  }

  // The part's bytes: kNotFound when absent, kRejected over `max_bytes`, kEncrypted,
  // kCorrupt when inflation or the CRC fails.
  Result<std::string> read(const std::string& name, int64_t max_bytes) const {
    const zip_int64_t index = zip_name_locate(zip_.get(), name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return Status::NotFound("missing part " + name);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_.get(), static_cast<zip_uint64_t>(index), 0, &st) != 0) {
      return Status::Corrupt("cannot stat part " + name);
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
      return Status::Encrypted("part " + name + " is encrypted");
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > static_cast<zip_uint64_t>(max_bytes)) {
      return Status::Rejected("part " + name + " declares " + std::to_string(st.size) +
                              " bytes, over the limit of " + std::to_string(max_bytes));
    }
    ZipFilePtr file(zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file) {
      const int code = zip_error_code_zip(zip_get_error(zip_.get()));
      if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD) {
        return Status::Encrypted("part " + name + " is encrypted");
      }
      if (code == ZIP_ER_COMPNOTSUPP || code == ZIP_ER_ENCRNOTSUPP) {
        return Status::Unsupported("part " + name + ": " +
                                   zip_error_strerror(zip_get_error(zip_.get())));
      }
      return Status::Corrupt("cannot open part " + name + ": " +
                             zip_error_strerror(zip_get_error(zip_.get())));
    }
    std::string out;
    if (st.valid & ZIP_STAT_SIZE) out.reserve(static_cast<size_t>(st.size));
    // Bounded whatever the header claims: a lying size field cannot make us inflate more.
    std::vector<char> buffer(64 * 1024);
    for (;;) {
      const zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
      if (n < 0) {
        return Status::Corrupt("cannot read part " + name + ": " +
                               zip_error_strerror(zip_file_get_error(file.get())));
      }
      if (n == 0) break;
      if (static_cast<int64_t>(out.size()) + n > max_bytes) {
        return Status::Rejected("part " + name + " inflates beyond the limit of " +
                                std::to_string(max_bytes) + " bytes");
      }
      out.append(buffer.data(), static_cast<size_t>(n));
    }
    return out;
  }

 private:
  explicit Package(ZipPtr zip) : zip_(std::move(zip)) {}
  ZipPtr zip_;
};

// ---------------------------------------------------------------------------------------
// XML helpers. Names are matched by local name: the prefixes (w:, r:, x:) are conventions,
// and ISO strict documents use other namespace URIs for the same elements.

// No parse_doctype: pugixml skips a DOCTYPE and its internal subset, and never expands
// entities other than the five predefined ones and character references, so neither
// external entities (XXE) nor nested expansions (billion laughs) can take effect.
// parse_ws_pcdata_single keeps <w:t xml:space="preserve"> </w:t>.
constexpr unsigned kParseFlags = pugi::parse_default | pugi::parse_ws_pcdata_single;

// XML nested deeper than this is ignored (our walkers recurse).
constexpr int kMaxDepth = 128;
// Columns of a DOCX table grid (Word allows 63) and of a sheet (XFD = 16384).
constexpr int kMaxGridColumns = 1024;
constexpr int kMaxSheetColumns = 16384;

Status parse_xml(const std::string& bytes, const std::string& part, pugi::xml_document& doc) {
  const pugi::xml_parse_result result =
      doc.load_buffer(bytes.data(), bytes.size(), kParseFlags, pugi::encoding_auto);
  if (!result) {
    return Status::Corrupt(part + ": XML " + result.description() + " at offset " +
                           std::to_string(result.offset));
  }
  return Status::Ok();
}

std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view local_name(const pugi::xml_attribute& attr) {
  std::string_view name = attr.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  }
  return {};
}

pugi::xml_attribute attribute(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (local_name(a) == name) return a;
  }
  return {};
}

// The text directly inside an element (its PCDATA and CDATA children).
std::string element_text(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  }
  return out;
}

int parse_int(std::string_view s, int fallback) {
  int value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return fallback;
  return value;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Invalid UTF-8 becomes U+FFFD, so that everything we hand out is UTF-8.
std::string clean_utf8(std::string s) {
  if (is_valid_utf8(s)) return s;
  return codepoints_to_utf8(utf8_to_codepoints(s));
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += sep;
    out += parts[i];
  }
  return out;
}

// A cell's text on one line: its own line breaks shown as spaces.
std::string single_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  return s;
}

// ---------------------------------------------------------------------------------------
// Packaging: content types and relationships.

struct ContentTypes {
  bool present = false;
  std::vector<std::pair<std::string, std::string>> overrides;  // part name (no '/'), type
};

ContentTypes read_content_types(const Package& pkg, int64_t max_bytes) {
  ContentTypes types;
  Result<std::string> bytes = pkg.read("[Content_Types].xml", max_bytes);
  if (!bytes.ok()) return types;
  pugi::xml_document doc;
  if (!parse_xml(bytes.value(), "[Content_Types].xml", doc).ok()) return types;
  types.present = true;
  for (pugi::xml_node o : doc.document_element().children()) {
    if (o.type() != pugi::node_element || local_name(o) != "Override") continue;
    std::string part = attribute(o, "PartName").value();
    if (starts_with(part, "/")) part.erase(0, 1);
    types.overrides.emplace_back(std::move(part), attribute(o, "ContentType").value());
  }
  return types;
}

bool is_word_main(std::string_view type) {
  return ends_with(type, ".main+xml") &&
         (type.find("wordprocessingml.document.") != std::string_view::npos ||
          type.find("wordprocessingml.template.") != std::string_view::npos ||
          starts_with(type, "application/vnd.ms-word."));
}

bool is_excel_main(std::string_view type) {
  return ends_with(type, ".main+xml") &&
         (type.find("spreadsheetml.sheet.") != std::string_view::npos ||
          type.find("spreadsheetml.template.") != std::string_view::npos ||
          starts_with(type, "application/vnd.ms-excel."));
}

// The main part: named by its content type, else the conventional name.
std::string main_part(const ContentTypes& types, Format format) {
  for (const auto& [part, type] : types.overrides) {
    if (format == Format::kDocx ? is_word_main(type) : is_excel_main(type)) return part;
  }
  return format == Format::kDocx ? "word/document.xml" : "xl/workbook.xml";
}

std::string directory_of(const std::string& part) {
  const size_t slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

// A relationship target resolved against the source part's folder, "." and ".." folded.
std::string resolve_target(const std::string& base_dir, const std::string& target) {
  const std::string joined = starts_with(target, "/") ? target.substr(1) : base_dir + target;
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    const std::string segment = joined.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  return join(segments, "/");
}

struct Relationship {
  std::string id, type, target;  // target resolved to a part name
};

// The relationships of `part` (its _rels/<name>.rels). NotFound when there are none.
Result<std::vector<Relationship>> read_relationships(const Package& pkg, const std::string& part,
                                                     int64_t max_bytes) {
  const std::string dir = directory_of(part);
  const std::string rels_part = dir + "_rels/" + part.substr(dir.size()) + ".rels";
  Result<std::string> bytes = pkg.read(rels_part, max_bytes);
  if (!bytes.ok()) return bytes.status();
  pugi::xml_document doc;
  if (Status s = parse_xml(bytes.value(), rels_part, doc); !s.ok()) return s;
  std::vector<Relationship> rels;
  for (pugi::xml_node r : doc.document_element().children()) {
    if (r.type() != pugi::node_element || local_name(r) != "Relationship") continue;
    if (std::string_view(attribute(r, "TargetMode").value()) == "External") continue;
    rels.push_back({attribute(r, "Id").value(), attribute(r, "Type").value(),
                    resolve_target(dir, attribute(r, "Target").value())});
  }
  return rels;
}

// ---------------------------------------------------------------------------------------
// The synthetic page.

constexpr double kPageWidth = 595.3;  // A4 in points
constexpr double kPageHeight = 841.9;
constexpr double kMargin = 36;
constexpr double kLinePitch = 14;

Page make_page(int number, const std::vector<std::string>& lines, std::string error) {
  Page page;
  page.number = number;
  page.dpi = 72;
  page.text_source = TextSource::kNative;
  page.width = kPageWidth;
  page.height = std::max(kPageHeight, 2 * kMargin + kLinePitch * static_cast<double>(lines.size()));
  page.error = std::move(error);
  page.lines.reserve(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    const double y0 = kMargin + kLinePitch * static_cast<double>(i);
    const Box box{kMargin, y0, kPageWidth - kMargin, y0 + kLinePitch - 2};
    Line line;
    line.box = box;
    line.words.push_back(Word{clean_utf8(lines[i]), box, 1.0f, TextSource::kNative});
    page.lines.push_back(std::move(line));
  }
  return page;
}

// ---------------------------------------------------------------------------------------
// DOCX.

// Elements that hold no document text: properties (w:pPr, w:rPr, w:tcPr, ..., whose w:tab
// children are tab stops, not tabs), deleted and moved-away text, field codes, ruby guides.
bool docx_skipped(std::string_view name) {
  return ends_with(name, "Pr") || name == "tblPrEx" || name == "tblGrid" || name == "del" ||
         name == "delText" || name == "moveFrom" || name == "instrText" || name == "delInstrText" ||
         name == "rt" || name == "fldData";
}

// Of an mc:AlternateContent, the branch to read: the first mc:Choice, else mc:Fallback.
pugi::xml_node alternate_branch(const pugi::xml_node& alternate) {
  if (pugi::xml_node choice = child(alternate, "Choice")) return choice;
  return child(alternate, "Fallback");
}

class DocxReader {
 public:
  explicit DocxReader(const OoxmlOptions& options) : options_(options) {}

  void read_body(const pugi::xml_node& node, int depth) {
    if (depth > kMaxDepth) return;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      const std::string_view name = local_name(c);
      if (name == "p") {
        std::string text;
        std::vector<std::string> floating;
        paragraph_text(c, text, floating, depth + 1);
        add_lines(text);
        for (const std::string& f : floating) add_lines(f);
      } else if (name == "tbl") {
        Table table;
        table.name = "table " + std::to_string(tables_.size() + 1);
        table.page = 0;
        table.rows = table_rows(c, depth + 1);
        for (const auto& row : table.rows) {
          const bool empty =
              std::all_of(row.begin(), row.end(), [](const std::string& s) { return s.empty(); });
          if (empty) continue;
          std::vector<std::string> cells;
          cells.reserve(row.size());
          for (const std::string& cell : row) cells.push_back(single_line(cell));
          lines_.push_back(join(cells, "\t"));
        }
        tables_.push_back(std::move(table));
      } else if (name == "AlternateContent") {
        read_body(alternate_branch(c), depth + 1);
      } else if (!docx_skipped(name)) {
        read_body(c, depth + 1);  // w:sdt, w:sdtContent, w:customXml, w:ins, ...
      }
    }
  }

  std::vector<std::string>& lines() { return lines_; }
  std::vector<Table>& tables() { return tables_; }
  const std::string& error() const { return error_; }

 private:
  // A paragraph's text, one line per break; an empty paragraph gives no line.
  void add_lines(const std::string& text) {
    if (text.empty()) return;
    size_t start = 0;
    for (;;) {
      const size_t end = text.find('\n', start);
      lines_.push_back(text.substr(start, end == std::string::npos ? end : end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }

  // Appends the text of a paragraph (or of a run, hyperlink, field... inside one) to `text`,
  // '\n' at line breaks. Text-box content met on the way goes to `floating`, flattened.
  void paragraph_text(const pugi::xml_node& node, std::string& text,
                      std::vector<std::string>& floating, int depth) {
    if (depth > kMaxDepth) return;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      const std::string_view name = local_name(c);
      if (docx_skipped(name)) continue;
      if (name == "t") {
        text += element_text(c);
      } else if (name == "tab") {
        text += '\t';
      } else if (name == "br" || name == "cr") {
        text += '\n';
      } else if (name == "noBreakHyphen") {
        text += '-';
      } else if (name == "txbxContent") {
        flatten_blocks(c, floating, depth + 1);
      } else if (name == "AlternateContent") {
        paragraph_text(alternate_branch(c), text, floating, depth + 1);
      } else {
        paragraph_text(c, text, floating, depth + 1);  // w:r, w:hyperlink, w:fldSimple, ...
      }
    }
  }

  // Block content (a cell, a text box) as plain lines: paragraphs, and rows of tables with
  // their cells joined by '\t'.
  void flatten_blocks(const pugi::xml_node& node, std::vector<std::string>& out, int depth) {
    if (depth > kMaxDepth) return;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      const std::string_view name = local_name(c);
      if (docx_skipped(name)) continue;
      if (name == "p") {
        std::string text;
        std::vector<std::string> floating;
        paragraph_text(c, text, floating, depth + 1);
        out.push_back(std::move(text));
        for (std::string& f : floating) out.push_back(std::move(f));
      } else if (name == "tbl") {
        for (const auto& row : table_rows(c, depth + 1)) {
          std::vector<std::string> cells;
          for (const std::string& cell : row) cells.push_back(single_line(cell));
          out.push_back(join(cells, "\t"));
        }
      } else if (name == "AlternateContent") {
        flatten_blocks(alternate_branch(c), out, depth + 1);
      } else {
        flatten_blocks(c, out, depth + 1);
      }
    }
  }

  // Calls fn for each element named `name` below `node`, looking through wrappers (w:sdt,
  // w:customXml, ...) but not into nested tables or paragraphs.
  template <typename Fn>
  void for_each_named(const pugi::xml_node& node, std::string_view name, int depth, Fn&& fn) {
    if (depth > kMaxDepth) return;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      const std::string_view n = local_name(c);
      if (n == name) {
        fn(c);
      } else if (!docx_skipped(n) && n != "tbl" && n != "p") {
        for_each_named(c, name, depth + 1, fn);
      }
    }
  }

  static int grid_value(const pugi::xml_node& properties, std::string_view name, int fallback) {
    const pugi::xml_node element = child(properties, name);
    if (!element) return fallback;
    return parse_int(attribute(element, "val").value(), fallback);
  }

  std::vector<std::vector<std::string>> table_rows(const pugi::xml_node& tbl, int depth) {
    std::vector<std::vector<std::string>> rows;
    int64_t cells = 0;
    bool truncated = false;
    for_each_named(tbl, "tr", depth, [&](const pugi::xml_node& tr) {
      if (truncated) return;
      if (static_cast<int64_t>(rows.size()) >= options_.max_rows) {
        truncated = true;
        return;
      }
      const std::vector<std::string>* above = rows.empty() ? nullptr : &rows.back();
      std::vector<std::string> row;
      const int before = grid_value(child(tr, "trPr"), "gridBefore", 0);
      row.resize(static_cast<size_t>(std::clamp(before, 0, kMaxGridColumns)));
      for_each_named(tr, "tc", depth + 1, [&](const pugi::xml_node& tc) {
        if (static_cast<int>(row.size()) >= kMaxGridColumns) return;
        const size_t col = row.size();
        const pugi::xml_node tc_pr = child(tc, "tcPr");
        const int span = std::clamp(grid_value(tc_pr, "gridSpan", 1), 1,
                                    kMaxGridColumns - static_cast<int>(col));
        std::vector<std::string> paragraphs;
        flatten_blocks(tc, paragraphs, depth + 2);
        std::string text = join(paragraphs, "\n");
        const pugi::xml_node v_merge = child(tc_pr, "vMerge");
        const std::string_view merge_val = attribute(v_merge, "val").value();
        const bool continues = v_merge && merge_val != "restart";
        if (continues && text.empty() && above != nullptr && col < above->size()) {
          text = (*above)[col];  // a vertically merged cell repeats the text above
        }
        row.push_back(std::move(text));
        row.resize(col + static_cast<size_t>(span));
      });
      cells += static_cast<int64_t>(row.size());
      if (cells > options_.max_cells) {
        truncated = true;
        return;
      }
      rows.push_back(std::move(row));
    });
    if (truncated && error_.empty()) {
      error_ = "table truncated at " + std::to_string(rows.size()) + " rows";
    }
    return rows;
  }

  const OoxmlOptions& options_;
  std::vector<std::string> lines_;
  std::vector<Table> tables_;
  std::string error_;
};

Status load_docx(const Package& pkg, const OoxmlOptions& options, Document& doc) {
  const ContentTypes types = read_content_types(pkg, options.max_part_bytes);
  const std::string part = main_part(types, Format::kDocx);
  Result<std::string> bytes = pkg.read(part, options.max_part_bytes);
  if (!bytes.ok()) {
    if (bytes.status().code() == Status::Code::kNotFound) {
      return Status::Corrupt("docx without its main document part " + part);
    }
    return bytes.status();
  }
  pugi::xml_document xml;
  if (Status s = parse_xml(bytes.value(), part, xml); !s.ok()) return s;
  const pugi::xml_node body = child(xml.document_element(), "body");
  if (local_name(xml.document_element()) != "document" || !body) {
    return Status::Corrupt(part + " has no w:document/w:body");
  }
  DocxReader reader(options);
  reader.read_body(body, 0);

  std::vector<Table> tables = std::move(reader.tables());
  for (Table& t : tables) {
    for (auto& row : t.rows)
      for (std::string& cell : row) cell = clean_utf8(std::move(cell));
  }
  std::vector<Page> pages;
  pages.push_back(make_page(1, reader.lines(), reader.error()));
  doc.pages = std::move(pages);
  doc.tables = std::move(tables);
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------
// XLSX.

// Decodes the _xHHHH_ escapes of ST_Xstring (Excel writes "_x000D_" for a carriage return,
// "_x005F_" for a literal underscore before such a pattern); CR LF and lone CR become LF.
std::string decode_xstring(std::string_view s) {
  auto hex4 = [&](size_t at, char32_t& out) {
    if (at + 7 > s.size() || s[at] != '_' || s[at + 1] != 'x' || s[at + 6] != '_') return false;
    uint32_t v = 0;
    const auto [end, ec] = std::from_chars(s.data() + at + 2, s.data() + at + 6, v, 16);
    if (ec != std::errc() || end != s.data() + at + 6) return false;
    out = static_cast<char32_t>(v);
    return true;
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    if (s[i] == '_' && hex4(i, cp)) {
      i += 7;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        char32_t low = 0;
        if (hex4(i, low) && low >= 0xDC00 && low <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          i += 7;
        } else {
          cp = 0xFFFD;
        }
      } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        cp = 0xFFFD;
      }
      append_utf8(out, cp);
    } else {
      out += s[i++];
    }
  }
  std::string normalised;
  normalised.reserve(out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\r') {
      normalised += '\n';
      if (i + 1 < out.size() && out[i + 1] == '\n') ++i;
    } else {
      normalised += out[i];
    }
  }
  return normalised;
}

// The text of a shared string item or inline string: <t>, or rich-text runs <r><t>;
// phonetic runs (<rPh>) are readings, not text.
std::string string_item_text(const pugi::xml_node& item) {
  std::string out;
  for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view name = local_name(c);
    if (name == "t") {
      out += element_text(c);
    } else if (name == "r") {
      for (pugi::xml_node t = c.first_child(); t; t = t.next_sibling()) {
        if (t.type() == pugi::node_element && local_name(t) == "t") out += element_text(t);
      }
    }
  }
  return decode_xstring(out);
}

Result<std::vector<std::string>> read_shared_strings(const Package& pkg, const std::string& part,
                                                     int64_t max_bytes) {
  Result<std::string> bytes = pkg.read(part, max_bytes);
  if (!bytes.ok()) {
    if (bytes.status().code() == Status::Code::kNotFound) return std::vector<std::string>{};
    return bytes.status();
  }
  pugi::xml_document xml;
  if (Status s = parse_xml(bytes.value(), part, xml); !s.ok()) return s;
  std::vector<std::string> strings;
  for (pugi::xml_node si = xml.document_element().first_child(); si; si = si.next_sibling()) {
    if (si.type() == pugi::node_element && local_name(si) == "si") {
      strings.push_back(string_item_text(si));
    }
  }
  return strings;
}

struct CellRef {
  int row = -1;  // 0-based; -1 when absent
  int col = -1;
};

// "B3" → {2, 1}; letters only ("B") or digits only ("3") give one half.
CellRef parse_ref(std::string_view ref) {
  CellRef out;
  size_t i = 0;
  if (i < ref.size() && ref[i] == '$') ++i;
  int col = 0;
  const size_t letters_start = i;
  while (i < ref.size() && i - letters_start < 3) {
    char ch = ref[i];
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (ch < 'A' || ch > 'Z') break;
    col = col * 26 + (ch - 'A' + 1);
    ++i;
  }
  if (i > letters_start && col <= kMaxSheetColumns) out.col = col - 1;
  if (i < ref.size() && ref[i] == '$') ++i;
  if (i < ref.size()) {
    const int row = parse_int(ref.substr(i), 0);
    if (row > 0) out.row = row - 1;
  }
  return out;
}

std::string cell_value(const pugi::xml_node& c, const std::vector<std::string>& shared) {
  const std::string_view type = attribute(c, "t").value();
  if (type == "inlineStr") {
    const pugi::xml_node is = child(c, "is");
    return is ? string_item_text(is) : std::string();
  }
  const std::string v = element_text(child(c, "v"));
  if (type == "s") {
    const int index = parse_int(v, -1);
    if (index < 0 || static_cast<size_t>(index) >= shared.size()) return {};
    return shared[static_cast<size_t>(index)];
  }
  if (type == "b") return v == "1" ? "TRUE" : v == "0" ? "FALSE" : v;
  if (type == "str") return decode_xstring(v);
  return v;  // n (default), d, e: the literal text, never through a double
}

struct SheetReader {
  explicit SheetReader(const OoxmlOptions& o) : options(o) {}

  const OoxmlOptions& options;
  std::vector<std::vector<std::string>> rows;
  int64_t cells = 0;
  bool truncated = false;

  // Makes room for (row, col); false (and truncated) when a limit stops it.
  bool reserve(size_t row, size_t col) {
    if (row >= static_cast<size_t>(options.max_rows)) {
      truncated = true;
      return false;
    }
    const size_t width = row < rows.size() ? rows[row].size() : 0;
    const int64_t growth = col + 1 > width ? static_cast<int64_t>(col + 1 - width) : 0;
    if (cells + growth > options.max_cells) {
      truncated = true;
      return false;
    }
    if (rows.size() <= row) rows.resize(row + 1);
    if (rows[row].size() <= col) rows[row].resize(col + 1);
    cells += growth;
    return true;
  }

  void read(const pugi::xml_node& worksheet, const std::vector<std::string>& shared) {
    const pugi::xml_node sheet_data = child(worksheet, "sheetData");
    int next_row = 0;
    for (pugi::xml_node r = sheet_data.first_child(); r && !truncated; r = r.next_sibling()) {
      if (r.type() != pugi::node_element || local_name(r) != "row") continue;
      const int row_number = parse_int(attribute(r, "r").value(), 0);
      const int row = row_number > 0 ? row_number - 1 : next_row;
      next_row = row + 1;
      int next_col = 0;
      for (pugi::xml_node c = r.first_child(); c && !truncated; c = c.next_sibling()) {
        if (c.type() != pugi::node_element || local_name(c) != "c") continue;
        const CellRef ref = parse_ref(attribute(c, "r").value());
        const int col = ref.col >= 0 ? ref.col : next_col;
        next_col = col + 1;
        if (col >= kMaxSheetColumns) continue;
        std::string value = cell_value(c, shared);
        if (value.empty()) continue;  // styled but empty cells do not widen the row
        if (!reserve(static_cast<size_t>(row), static_cast<size_t>(col))) break;
        rows[static_cast<size_t>(row)][static_cast<size_t>(col)] = clean_utf8(std::move(value));
      }
    }
    merge(child(worksheet, "mergeCells"));
  }

  // Repeats each merged area's top-left value over the area, clipped to the used range.
  void merge(const pugi::xml_node& merge_cells) {
    size_t used_cols = 0;
    for (const auto& row : rows) used_cols = std::max(used_cols, row.size());
    const size_t used_rows = rows.size();
    for (pugi::xml_node m = merge_cells.first_child(); m && !truncated; m = m.next_sibling()) {
      if (m.type() != pugi::node_element || local_name(m) != "mergeCell") continue;
      const std::string_view ref = attribute(m, "ref").value();
      const size_t colon = ref.find(':');
      if (colon == std::string_view::npos) continue;
      const CellRef a = parse_ref(ref.substr(0, colon));
      const CellRef b = parse_ref(ref.substr(colon + 1));
      if (a.row < 0 || a.col < 0 || b.row < 0 || b.col < 0) continue;
      const size_t r0 = static_cast<size_t>(std::min(a.row, b.row));
      const size_t c0 = static_cast<size_t>(std::min(a.col, b.col));
      if (r0 >= used_rows || c0 >= rows[r0].size() || rows[r0][c0].empty()) continue;
      const size_t r1 = std::min(static_cast<size_t>(std::max(a.row, b.row)), used_rows - 1);
      const size_t c1 = std::min(static_cast<size_t>(std::max(a.col, b.col)), used_cols - 1);
      const std::string value = rows[r0][c0];
      for (size_t r = r0; r <= r1 && !truncated; ++r) {
        for (size_t c = c0; c <= c1; ++c) {
          if (r == r0 && c == c0) continue;
          if (!reserve(r, c)) break;
          rows[r][c] = value;
        }
      }
    }
  }
};

Status load_xlsx(const Package& pkg, const OoxmlOptions& options, Document& doc) {
  const int64_t max_bytes = options.max_part_bytes;
  const ContentTypes types = read_content_types(pkg, max_bytes);
  const std::string workbook_part = main_part(types, Format::kXlsx);
  Result<std::string> workbook_bytes = pkg.read(workbook_part, max_bytes);
  if (!workbook_bytes.ok()) {
    if (workbook_bytes.status().code() == Status::Code::kNotFound) {
      return Status::Corrupt("xlsx without its workbook part " + workbook_part);
    }
    return workbook_bytes.status();
  }
  pugi::xml_document workbook;
  if (Status s = parse_xml(workbook_bytes.value(), workbook_part, workbook); !s.ok()) return s;
  if (local_name(workbook.document_element()) != "workbook") {
    return Status::Corrupt(workbook_part + " is not a workbook");
  }
  Result<std::vector<Relationship>> rels = read_relationships(pkg, workbook_part, max_bytes);
  if (!rels.ok()) {
    if (rels.status().code() == Status::Code::kNotFound) {
      return Status::Corrupt("xlsx without workbook relationships");
    }
    return rels.status();
  }

  std::string shared_part = directory_of(workbook_part) + "sharedStrings.xml";
  for (const Relationship& r : rels.value()) {
    if (ends_with(r.type, "/sharedStrings")) shared_part = r.target;
  }
  Result<std::vector<std::string>> shared = read_shared_strings(pkg, shared_part, max_bytes);
  if (!shared.ok()) return shared.status();

  std::vector<Page> pages;
  std::vector<Table> tables;
  const pugi::xml_node sheets = child(workbook.document_element(), "sheets");
  for (pugi::xml_node sheet = sheets.first_child(); sheet; sheet = sheet.next_sibling()) {
    if (sheet.type() != pugi::node_element || local_name(sheet) != "sheet") continue;
    const std::string name = clean_utf8(attribute(sheet, "name").value());
    const std::string id = attribute(sheet, "id").value();
    const auto rel =
        std::find_if(rels->begin(), rels->end(), [&](const Relationship& r) { return r.id == id; });
    if (rel == rels->end()) {
      return Status::Corrupt("sheet '" + name + "' has no relationship " + id);
    }
    Result<std::string> bytes = pkg.read(rel->target, max_bytes);
    if (!bytes.ok()) {
      if (bytes.status().code() == Status::Code::kNotFound) {
        return Status::Corrupt("sheet '" + name + "': missing part " + rel->target);
      }
      return bytes.status();
    }
    pugi::xml_document xml;
    if (Status s = parse_xml(bytes.value(), rel->target, xml); !s.ok()) return s;

    SheetReader reader(options);
    reader.read(xml.document_element(), shared.value());

    std::vector<std::string> lines;
    for (const auto& row : reader.rows) {
      if (row.empty()) continue;
      std::vector<std::string> cells;
      cells.reserve(row.size());
      for (const std::string& cell : row) cells.push_back(single_line(cell));
      lines.push_back(join(cells, "\t"));
    }
    std::string error;
    if (reader.truncated) {
      error = "sheet '" + name + "' truncated at " + std::to_string(reader.rows.size()) +
              " rows / " + std::to_string(reader.cells) + " cells";
    }
    pages.push_back(make_page(static_cast<int>(pages.size()) + 1, lines, std::move(error)));
    tables.push_back(Table{name, 0, std::move(reader.rows)});
  }
  doc.pages = std::move(pages);
  doc.tables = std::move(tables);
  return Status::Ok();
}

}  // namespace

Format sniff_ooxml(const std::string& zip_bytes) {
  try {
    Result<Package> pkg = Package::open(zip_bytes);
    if (!pkg.ok()) return Format::kOther;
    const ContentTypes types = read_content_types(pkg.value(), OoxmlOptions{}.max_part_bytes);
    for (const auto& [part, type] : types.overrides) {
      if (is_word_main(type)) return Format::kDocx;
      if (is_excel_main(type)) return Format::kXlsx;
    }
    if (pkg->has("word/document.xml")) return Format::kDocx;
    if (pkg->has("xl/workbook.xml")) return Format::kXlsx;
    return Format::kArchive;
  } catch (const std::exception&) {
    return Format::kOther;  // out of memory on a hostile [Content_Types].xml
  }
}

Status load_ooxml(const std::string& bytes, Format format, const OoxmlOptions& options,
                  Document& doc) {
  if (format != Format::kDocx && format != Format::kXlsx) {
    return Status::InvalidArgument(std::string("load_ooxml reads docx or xlsx, not ") +
                                   to_string(format));
  }
  try {
    Result<Package> pkg = Package::open(bytes);
    if (!pkg.ok()) return pkg.status();
    return format == Format::kDocx ? load_docx(pkg.value(), options, doc)
                                   : load_xlsx(pkg.value(), options, doc);
  } catch (const std::bad_alloc&) {
    return Status::Rejected("out of memory while reading the package");
  } catch (const std::exception& e) {
    return Status::Internal(std::string("reading the package: ") + e.what());
  }
}

}  // namespace shenbao
