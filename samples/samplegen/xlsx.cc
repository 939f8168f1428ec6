#include "xlsx.h"

#include <map>

#include "zipper.h"

namespace samplegen {

namespace {

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>)";

const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>)";

const char* kApp =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>)";

const char* kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>)";

// Styles: 0 default, 1 text+border, 2 number+border, 3 bold text+border, 4 bold number+border,
// 5 bold text without border (titles).
const char* kStyles =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"><alignment vertical="center" wrapText="1"/></xf><xf numFmtId="4" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1"><alignment horizontal="center" vertical="center"/></xf><xf numFmtId="4" fontId="1" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"><alignment horizontal="center"/></xf></cellXfs></styleSheet>)";

}  // namespace

std::string cell_ref(int col, int row) {
  std::string letters;
  int c = col + 1;
  while (c > 0) {
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    c = (c - 1) / 26;
  }
  return letters + std::to_string(row + 1);
}

shenbao::Result<std::string> write_xlsx(const XlsxSheet& sheet) {
  std::map<std::string, int> index;
  std::vector<std::string> strings;
  int string_uses = 0;
  std::string data = "<sheetData>";
  for (size_t r = 0; r < sheet.rows.size(); ++r) {
    data += "<row r=\"" + std::to_string(r + 1) + "\">";
    for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
      const XlsxCell& cell = sheet.rows[r][c];
      const std::string ref = cell_ref(static_cast<int>(c), static_cast<int>(r));
      if (!cell.number.empty()) {
        const int style = cell.bold ? 4 : 2;
        data += "<c r=\"" + ref + "\" s=\"" + std::to_string(style) + "\">";
        if (!cell.formula.empty()) data += "<f>" + xml_escape(cell.formula) + "</f>";
        data += "<v>" + cell.number + "</v></c>";
      } else if (!cell.text.empty()) {
        auto it = index.find(cell.text);
        if (it == index.end()) {
          it = index.emplace(cell.text, static_cast<int>(strings.size())).first;
          strings.push_back(cell.text);
        }
        ++string_uses;
        const int style = !cell.border ? (cell.bold ? 5 : 0) : (cell.bold ? 3 : 1);
        data += "<c r=\"" + ref + "\" s=\"" + std::to_string(style) + "\" t=\"s\"><v>" +
                std::to_string(it->second) + "</v></c>";
      } else if (cell.border) {
        data += "<c r=\"" + ref + "\" s=\"1\"/>";
      }
    }
    data += "</row>";
  }
  data += "</sheetData>";

  std::string cols;
  if (!sheet.col_widths.empty()) {
    cols = "<cols>";
    for (size_t i = 0; i < sheet.col_widths.size(); ++i)
      cols += "<col min=\"" + std::to_string(i + 1) + "\" max=\"" + std::to_string(i + 1) +
              "\" width=\"" + std::to_string(sheet.col_widths[i]) + "\" customWidth=\"1\"/>";
    cols += "</cols>";
  }
  std::string merges;
  if (!sheet.merges.empty()) {
    merges = "<mergeCells count=\"" + std::to_string(sheet.merges.size()) + "\">";
    for (const auto& m : sheet.merges) merges += "<mergeCell ref=\"" + m + "\"/>";
    merges += "</mergeCells>";
  }
  const std::string worksheet =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
      cols + data + merges + "</worksheet>";
  std::string sst =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"" +
      std::to_string(string_uses) + "\" uniqueCount=\"" + std::to_string(strings.size()) + "\">";
  for (const auto& s : strings) sst += "<si><t>" + xml_escape(s) + "</t></si>";
  sst += "</sst>";
  const std::string workbook =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships\"><sheets><sheet name=\"" +
      xml_escape(sheet.name) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

  ZipWriter zip(NameEncoding::kUtf8);
  for (auto [name, body] : std::vector<std::pair<std::string, std::string>>{
           {"[Content_Types].xml", kContentTypes},
           {"_rels/.rels", kRootRels},
           {"docProps/app.xml", kApp},
           {"xl/workbook.xml", workbook},
           {"xl/_rels/workbook.xml.rels", kWorkbookRels},
           {"xl/styles.xml", kStyles},
           {"xl/sharedStrings.xml", sst},
           {"xl/worksheets/sheet1.xml", worksheet}}) {
    auto st = zip.add(name, body);
    if (!st.ok()) return st;
  }
  return zip.finish();
}

}  // namespace samplegen
