// The OOXML reader (pipeline/load/ooxml.h) on DOCX and XLSX packages built by the tests
// themselves: the XML parts are written into a ZIP with libzip's writing API, as Word and
// Excel lay them out ([Content_Types].xml, _rels, the main part, shared strings, sheets).
#include "pipeline/load/ooxml.h"

#include <doctest/doctest.h>
#include <zip.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

using namespace shenbao;

namespace {

using Parts = std::vector<std::pair<std::string, std::string>>;

// A ZIP in memory holding `parts` (name, content), deflated.
std::string make_zip(const Parts& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  REQUIRE(buffer != nullptr);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  REQUIRE(archive != nullptr);
  zip_source_keep(buffer);  // read it back after zip_close
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    REQUIRE(source != nullptr);
    REQUIRE(zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) >= 0);
  }
  REQUIRE(zip_close(archive) == 0);
  REQUIRE(zip_source_open(buffer) == 0);
  REQUIRE(zip_source_seek(buffer, 0, SEEK_END) == 0);
  const zip_int64_t size = zip_source_tell(buffer);
  REQUIRE(zip_source_seek(buffer, 0, SEEK_SET) == 0);
  std::string out(static_cast<size_t>(size), '\0');
  REQUIRE(zip_source_read(buffer, out.data(), out.size()) == size);
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

const char* const kXmlHeader = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)";

const char* const kPackageRelsDocx =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(</Relationships>)";

std::string docx_content_types() {
  return std::string(kXmlHeader) +
         R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
         R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
         R"(<Default Extension="xml" ContentType="application/xml"/>)"
         R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
         R"(</Types>)";
}

// word/document.xml around `body` (w:p and w:tbl elements).
std::string document_xml(const std::string& body, const std::string& doctype = "") {
  return std::string(kXmlHeader) + doctype +
         R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")"
         R"( xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006")"
         R"( xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape")"
         R"( xmlns:v="urn:schemas-microsoft-com:vml"><w:body>)" +
         body + R"(<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>)";
}

std::string docx(const std::string& body, const std::string& doctype = "") {
  return make_zip({{"[Content_Types].xml", docx_content_types()},
                   {"_rels/.rels", std::string(kXmlHeader) + kPackageRelsDocx},
                   {"word/document.xml", document_xml(body, doctype)}});
}

std::string para(const std::string& text) {
  return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>";
}

// A table cell; `tc_pr` goes inside w:tcPr (w:gridSpan, w:vMerge).
std::string cell(const std::string& text, const std::string& tc_pr = "") {
  return "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/>" + tc_pr + "</w:tcPr>" +
         (text.empty() ? std::string("<w:p/>") : para(text)) + "</w:tc>";
}

std::string row(const std::string& cells) { return "<w:tr>" + cells + "</w:tr>"; }

std::string table(const std::string& rows) {
  return R"(<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tblGrid>)"
         R"(<w:gridCol w:w="2000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/>)"
         R"(<w:gridCol w:w="2000"/></w:tblGrid>)" +
         rows + "</w:tbl>";
}

std::vector<std::string> line_texts(const Page& page) {
  std::vector<std::string> out;
  for (const Line& line : page.lines) out.push_back(line.text());
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

// ----- XLSX -----

std::string xlsx_content_types(int sheets, bool shared_strings) {
  std::string out =
      std::string(kXmlHeader) +
      R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
      R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
      R"(<Default Extension="xml" ContentType="application/xml"/>)"
      R"(<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>)";
  for (int i = 1; i <= sheets; ++i) {
    out += "<Override PartName=\"/xl/worksheets/sheet" + std::to_string(i) +
           ".xml\" ContentType=\"application/"
           "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
  }
  if (shared_strings) {
    out +=
        R"(<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>)";
  }
  return out + "</Types>";
}

// A workbook with the named sheets (sheet i ↔ xl/worksheets/sheet<i>.xml) and, when given,
// shared strings.
std::string xlsx(const std::vector<std::pair<std::string, std::string>>& sheets,
                 const std::string& shared_strings = "") {
  std::string workbook =
      std::string(kXmlHeader) +
      R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main")"
      R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)";
  std::string rels =
      std::string(kXmlHeader) +
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  Parts parts;
  for (size_t i = 0; i < sheets.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    workbook +=
        "<sheet name=\"" + sheets[i].first + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "worksheet\" Target=\"worksheets/sheet" +
            n + ".xml\"/>";
    parts.emplace_back(
        "xl/worksheets/sheet" + n + ".xml",
        std::string(kXmlHeader) +
            R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main")"
            R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)" +
            sheets[i].second + "</worksheet>");
  }
  workbook += "</sheets></workbook>";
  if (!shared_strings.empty()) {
    rels +=
        R"(<Relationship Id="rId100" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)";
    parts.emplace_back(
        "xl/sharedStrings.xml",
        std::string(kXmlHeader) +
            R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" +
            shared_strings + "</sst>");
  }
  rels += "</Relationships>";
  parts.emplace_back("xl/workbook.xml", workbook);
  parts.emplace_back("xl/_rels/workbook.xml.rels", rels);
  parts.emplace_back("[Content_Types].xml",
                     xlsx_content_types(static_cast<int>(sheets.size()), !shared_strings.empty()));
  parts.emplace_back(
      "_rels/.rels",
      std::string(kXmlHeader) +
          R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
          R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>)"
          R"(</Relationships>)");
  return make_zip(parts);
}

std::string si(const std::string& text) { return "<si><t>" + text + "</t></si>"; }

// 项目投资明细表 as an accountant lays it out: a merged title row, a header row, the
// category 硬件设施 merged over two rows, amounts as numbers, a merged 合计 label.
// Shared strings: 0 项目投资明细表, 1 序号, 2 类别, 3 项目, 4 金额（元）, 5 硬件设施,
// 6 服务器, 7 存储设备, 8 软件开发, 9 研发人员薪酬, 10 合计, 11 松江区 (rich text).
const std::string kSharedStrings =
    si("项目投资明细表") + si("序号") + si("类别") + si("项目") + si("金额（元）") +
    si("硬件设施") + si("服务器") + si("存储设备") + si("软件开发") + si("研发人员薪酬") +
    si("合计") +
    R"(<si><r><rPr><b/><sz val="11"/></rPr><t>松江</t></r><r><t xml:space="preserve">区</t></r>)"
    R"(<rPh sb="0" eb="2"><t>ソンジャン</t></rPh><phoneticPr fontId="1"/></si>)";

const std::string kInvestmentSheet =
    R"(<dimension ref="A1:D7"/><sheetData>)"
    R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"/><c r="C1" s="1"/><c r="D1" s="1"/></row>)"
    R"(<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" t="s"><v>3</v></c><c r="D2" t="s"><v>4</v></c></row>)"
    R"(<row r="3"><c r="A3"><v>1</v></c><c r="B3" t="s"><v>5</v></c><c r="C3" t="s"><v>6</v></c><c r="D3" s="2"><v>1200000</v></c></row>)"
    R"(<row r="4"><c r="A4"><v>2</v></c><c r="B4" s="3"/><c r="C4" t="s"><v>7</v></c><c r="D4" s="2"><v>800000.5</v></c></row>)"
    R"(<row r="5"><c r="A5"><v>3</v></c><c r="B5" t="s"><v>8</v></c><c r="C5" t="s"><v>9</v></c><c r="D5" s="2"><v>1234567.5</v></c></row>)"
    R"(<row r="6"><c r="A6"><v>4</v></c><c r="B6" t="inlineStr"><is><t>测试费用</t></is></c><c r="C6" t="s"><v>11</v></c><c r="D6"><v>12345678901234567</v></c></row>)"
    R"(<row r="7"><c r="A7" t="s"><v>10</v></c><c r="D7" s="2"><f>SUM(D3:D6)</f><v>12345678904469135</v></c></row>)"
    R"(</sheetData><mergeCells count="3"><mergeCell ref="A1:D1"/><mergeCell ref="B3:B4"/>)"
    R"(<mergeCell ref="A7:C7"/></mergeCells>)"
    R"(<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>)";

// A sheet with gaps: row 2 missing, cells missing in rows 1 and 3, one styled empty cell far
// to the right, booleans, formula strings and escaped characters.
const std::string kGapSheet =
    R"(<sheetData>)"
    R"(<row r="1"><c r="A1" t="inlineStr"><is><t>申报单位</t></is></c>)"
    R"(<c r="C1" t="inlineStr"><is><r><t>上海某某</t></r><r><rPr><i/></rPr><t>科技有限公司</t></r></is></c>)"
    R"(<c r="Z1" s="4"/></row>)"
    R"(<row r="3"><c r="B3" t="b"><v>1</v></c><c r="D3" t="str"><f>IF(B3,"已填写","")</f><v>已填写</v></c>)"
    R"(<c r="E3" t="inlineStr"><is><t>金额_x000D_&#10;（万元）_x005F_x0041_</t></is></c></row>)"
    R"(</sheetData>)";

}  // namespace

// ---------------------------------------------------------------------------------------
// DOCX

TEST_CASE("docx_paragraphs_become_lines_in_body_order_with_tabs_and_breaks") {
  const std::string body =
      para("项目申报书") +
      // Tab stops in w:pPr are not tabs; w:tab in a run is; a preserved space run stays.
      R"(<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="2000"/></w:tabs></w:pPr>)"
      R"(<w:r><w:t>申报单位：</w:t></w:r><w:r><w:tab/><w:t>上海某某科技有限公司</w:t></w:r></w:p>)"
      R"(<w:p><w:r><w:t>统一社会信用代码</w:t></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>)"
      R"(<w:r><w:t>91310117MA1J2Q4K7A</w:t></w:r></w:p>)"
      // A line break splits the paragraph; deleted text and field codes are not text.
      R"(<w:p><w:r><w:t>地址：上海市松江区</w:t></w:r><w:del w:id="1" w:author="x"><w:r>)"
      R"(<w:delText>闵行区</w:delText></w:r></w:del><w:r><w:br/><w:t>邮编：201600</w:t></w:r>)"
      R"(<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>)"
      R"(<w:p/>)" +  // empty paragraph: no line
      table(row(cell("项目名称") + cell("智算平台"))) +
      para("（盖章）");
  Document doc;
  REQUIRE(load_ooxml(docx(body), Format::kDocx, {}, doc).ok());
  REQUIRE(doc.pages.size() == 1);
  const Page& page = doc.pages[0];
  CHECK(page.number == 1);
  CHECK(page.dpi == 72);
  CHECK(page.text_source == TextSource::kNative);
  CHECK(line_texts(page) ==
        std::vector<std::string>{"项目申报书", "申报单位：\t上海某某科技有限公司",
                                 "统一社会信用代码 91310117MA1J2Q4K7A", "地址：上海市松江区",
                                 "邮编：201600", "项目名称\t智算平台", "（盖章）"});
  for (const Line& line : page.lines) {
    REQUIRE(line.words.size() == 1);
    CHECK(line.words[0].confidence == 1.0f);
    CHECK(line.words[0].source == TextSource::kNative);
  }
  CHECK(page.lines[1].box.y0 > page.lines[0].box.y0);
  CHECK(doc.text_source() == TextSource::kNative);
}

TEST_CASE("docx_table_cells_honour_grid_span_and_copy_vertically_merged_text") {
  const std::string restart = R"(<w:vMerge w:val="restart"/>)";
  const std::string cont = "<w:vMerge/>";
  const std::string span3 = R"(<w:gridSpan w:val="3"/>)";
  const std::string body =
      para("项目投资明细表") +
      table(row(cell("序号") + cell("类别") + cell("项目") + cell("金额（元）")) +
            row(cell("1") + cell("硬件设施", restart) + cell("服务器") + cell("1,200,000.00")) +
            row(cell("2") + cell("", cont) + cell("存储设备") + cell("800,000.00")) +
            row(cell("3") + cell("软件开发") + cell("研发人员薪酬") + cell("500,000.00")) +
            row(cell("合计", span3) + cell("2,500,000.00"))) +
      para("单位：元");
  Document doc;
  REQUIRE(load_ooxml(docx(body), Format::kDocx, {}, doc).ok());
  REQUIRE(doc.tables.size() == 1);
  CHECK(doc.tables[0].name == "table 1");
  CHECK(doc.tables[0].page == 0);
  CHECK(doc.tables[0].rows == Rows{{"序号", "类别", "项目", "金额（元）"},
                                   {"1", "硬件设施", "服务器", "1,200,000.00"},
                                   {"2", "硬件设施", "存储设备", "800,000.00"},
                                   {"3", "软件开发", "研发人员薪酬", "500,000.00"},
                                   {"合计", "", "", "2,500,000.00"}});
  CHECK(line_texts(doc.pages[0]) ==
        std::vector<std::string>{
            "项目投资明细表", "序号\t类别\t项目\t金额（元）", "1\t硬件设施\t服务器\t1,200,000.00",
            "2\t硬件设施\t存储设备\t800,000.00", "3\t软件开发\t研发人员薪酬\t500,000.00",
            "合计\t\t\t2,500,000.00", "单位：元"});
}

TEST_CASE("docx_tables_are_numbered_and_nested_tables_flatten_into_their_cell") {
  const std::string nested = R"(<w:tbl><w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc>)"
                             R"(<w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>)";
  const std::string body = table(row(cell("第一表"))) +
                           table(row(R"(<w:tc><w:p><w:r><w:t>说明</w:t></w:r></w:p>)" + nested +
                                     R"(<w:p><w:r><w:t>完</w:t></w:r></w:p></w:tc>)" + cell("右")));
  Document doc;
  REQUIRE(load_ooxml(docx(body), Format::kDocx, {}, doc).ok());
  REQUIRE(doc.tables.size() == 2);
  CHECK(doc.tables[0].name == "table 1");
  CHECK(doc.tables[1].name == "table 2");
  CHECK(doc.tables[1].rows == Rows{{"说明\n甲\t乙\n完", "右"}});
  CHECK(line_texts(doc.pages[0]) == std::vector<std::string>{"第一表", "说明 甲\t乙 完\t右"});
}

TEST_CASE("docx_text_box_in_alternate_content_is_read_once_after_its_paragraph") {
  const std::string box_paragraph = para("文本框内容");
  const std::string body =
      R"(<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">)"
      R"(<w:drawing><wps:wsp><wps:txbx><w:txbxContent>)" +
      box_paragraph +
      R"(</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict>)"
      R"(<v:shape><v:textbox><w:txbxContent>)" +
      box_paragraph +
      R"(</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>)"
      R"(</w:r></w:p>)" +
      para("下一段");
  Document doc;
  REQUIRE(load_ooxml(docx(body), Format::kDocx, {}, doc).ok());
  CHECK(line_texts(doc.pages[0]) == std::vector<std::string>{"正文", "文本框内容", "下一段"});
}

TEST_CASE("docx_billion_laughs_is_not_expanded") {
  std::string doctype = "<!DOCTYPE w:document [<!ENTITY lol \"lol\">";
  doctype += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">";
  for (int i = 2; i <= 9; ++i) {
    doctype += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) doctype += "&lol" + std::to_string(i - 1) + ";";
    doctype += "\">";
  }
  doctype += "]>";
  const auto start = std::chrono::steady_clock::now();
  Document doc;
  const Status s = load_ooxml(docx(para("前&lol9;后"), doctype), Format::kDocx, {}, doc);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(elapsed < std::chrono::seconds(1));
  // The DTD is skipped and the reference stays as written.
  REQUIRE(s.ok());
  CHECK(doc.text() == "前&lol9;后");
}

TEST_CASE("docx_external_entity_does_not_leak_local_files") {
  std::ifstream passwd("/etc/passwd");
  const std::string secret((std::istreambuf_iterator<char>(passwd)), {});
  REQUIRE(secret.find("root:") != std::string::npos);  // so the check below can fail
  const std::string doctype =
      R"(<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>)";
  Document doc;
  const Status s = load_ooxml(docx(para("账户&xxe;结束"), doctype), Format::kDocx, {}, doc);
  REQUIRE(s.ok());
  CHECK(doc.text().find("root:") == std::string::npos);
  CHECK(doc.text() == "账户&xxe;结束");
}

// ---------------------------------------------------------------------------------------
// XLSX

TEST_CASE("xlsx_sheets_become_named_tables_with_shared_strings_and_literal_numbers") {
  Document doc;
  REQUIRE(load_ooxml(xlsx({{"投资明细", kInvestmentSheet}, {"汇总", kGapSheet}}, kSharedStrings),
                     Format::kXlsx, {}, doc)
              .ok());
  REQUIRE(doc.tables.size() == 2);
  REQUIRE(doc.pages.size() == 2);
  const Table& investment = doc.tables[0];
  CHECK(investment.name == "投资明细");
  CHECK(investment.page == 0);
  // Merged areas repeat their top-left value; numbers stay exactly as written, even past
  // what a double holds (12345678901234567 would print as ...568 through a double).
  CHECK(investment.rows ==
        Rows{{"项目投资明细表", "项目投资明细表", "项目投资明细表", "项目投资明细表"},
             {"序号", "类别", "项目", "金额（元）"},
             {"1", "硬件设施", "服务器", "1200000"},
             {"2", "硬件设施", "存储设备", "800000.5"},
             {"3", "软件开发", "研发人员薪酬", "1234567.5"},
             {"4", "测试费用", "松江区", "12345678901234567"},
             {"合计", "合计", "合计", "12345678904469135"}});
  CHECK(doc.pages[0].number == 1);
  CHECK(doc.pages[0].text_source == TextSource::kNative);
  CHECK(line_texts(doc.pages[0])[2] == "1\t硬件设施\t服务器\t1200000");
  CHECK(doc.pages[0].error.empty());
}

TEST_CASE("xlsx_gaps_become_empty_cells_and_values_are_resolved_by_type") {
  Document doc;
  REQUIRE(load_ooxml(xlsx({{"投资明细", kInvestmentSheet}, {"汇总", kGapSheet}}, kSharedStrings),
                     Format::kXlsx, {}, doc)
              .ok());
  const Table& gaps = doc.tables[1];
  CHECK(gaps.name == "汇总");
  // Row 2 is missing: an empty row. The styled empty Z1 does not widen row 1.
  CHECK(gaps.rows == Rows{{"申报单位", "", "上海某某科技有限公司"},
                          {},
                          {"", "TRUE", "", "已填写", "金额\n（万元）_x0041_"}});
  CHECK(doc.pages[1].number == 2);
  CHECK(line_texts(doc.pages[1]) ==
        std::vector<std::string>{"申报单位\t\t上海某某科技有限公司",
                                 "\tTRUE\t\t已填写\t金额 （万元）_x0041_"});
}

TEST_CASE("xlsx_merged_area_larger_than_the_data_is_clipped_to_the_used_range") {
  const std::string sheet =
      R"(<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row>)"
      R"(<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c></row></sheetData>)"
      R"(<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>)";
  Document doc;
  REQUIRE(load_ooxml(xlsx({{"Sheet1", sheet}}), Format::kXlsx, {}, doc).ok());
  CHECK(doc.tables[0].rows == Rows{{"标题", "标题"}, {"标题", "标题"}});
}

TEST_CASE("xlsx_rows_beyond_max_rows_are_dropped_and_the_page_says_so") {
  std::string sheet = "<sheetData>";
  for (int r = 1; r <= 50; ++r) {
    sheet += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>" +
             std::to_string(r) + "</v></c></row>";
  }
  sheet += "</sheetData>";
  OoxmlOptions options;
  options.max_rows = 10;
  Document doc;
  REQUIRE(load_ooxml(xlsx({{"长表", sheet}}), Format::kXlsx, options, doc).ok());
  CHECK(doc.tables[0].rows.size() == 10);
  CHECK(doc.tables[0].rows.back() == std::vector<std::string>{"10"});
  CHECK(doc.pages[0].error.find("truncated") != std::string::npos);
}

TEST_CASE("xlsx_without_shared_strings_part_reads_inline_values") {
  const std::string sheet =
      R"(<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>合计</t></is></c>)"
      R"(<c r="B1"><v>100</v></c></row></sheetData>)";
  Document doc;
  REQUIRE(load_ooxml(xlsx({{"Sheet1", sheet}}), Format::kXlsx, {}, doc).ok());
  CHECK(doc.tables[0].rows == Rows{{"合计", "100"}});
}

// ---------------------------------------------------------------------------------------
// Sniffing

TEST_CASE("sniff_tells_docx_xlsx_and_plain_zip_apart_by_content") {
  CHECK(sniff_ooxml(docx(para("申报书"))) == Format::kDocx);
  CHECK(sniff_ooxml(xlsx({{"Sheet1", "<sheetData/>"}})) == Format::kXlsx);
  CHECK(sniff_ooxml(make_zip({{"营业执照.pdf", "%PDF-1.4"}, {"说明.txt", "材料"}})) ==
        Format::kArchive);
  // Without [Content_Types].xml the part names still tell.
  CHECK(sniff_ooxml(make_zip({{"word/document.xml", document_xml(para("x"))}})) == Format::kDocx);
  CHECK(sniff_ooxml(make_zip({{"xl/workbook.xml", "<workbook/>"}})) == Format::kXlsx);
  CHECK(sniff_ooxml("just some text, not a zip") == Format::kOther);
  CHECK(sniff_ooxml("") == Format::kOther);
}

// ---------------------------------------------------------------------------------------
// Failures

TEST_CASE("corrupt_packages_are_reported_as_corrupt") {
  Document doc;
  CHECK(load_ooxml("PK\x03\x04 not really a zip", Format::kDocx, {}, doc).code() ==
        Status::Code::kCorrupt);
  const std::string good = docx(para("申报书"));
  CHECK(load_ooxml(good.substr(0, good.size() / 2), Format::kDocx, {}, doc).code() ==
        Status::Code::kCorrupt);
  // A ZIP without the main part.
  CHECK(
      load_ooxml(make_zip({{"[Content_Types].xml", docx_content_types()}}), Format::kDocx, {}, doc)
          .code() == Status::Code::kCorrupt);
  // Broken XML.
  CHECK(load_ooxml(make_zip({{"[Content_Types].xml", docx_content_types()},
                             {"word/document.xml", "<w:document><w:body><w:p>"}}),
                   Format::kDocx, {}, doc)
            .code() == Status::Code::kCorrupt);
  // A workbook whose sheet part is missing.
  CHECK(load_ooxml(make_zip({{"xl/workbook.xml",
                              R"(<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/>)"
                              R"(</sheets></workbook>)"},
                             {"xl/_rels/workbook.xml.rels",
                              R"(<Relationships><Relationship Id="rId1" Type="t/worksheet")"
                              R"( Target="worksheets/sheet1.xml"/></Relationships>)"}}),
                   Format::kXlsx, {}, doc)
            .code() == Status::Code::kCorrupt);
  CHECK(load_ooxml(make_zip({{"xl/workbook.xml", "<workbook/>"}}), Format::kXlsx, {}, doc).code() ==
        Status::Code::kCorrupt);  // no workbook relationships
  CHECK(doc.pages.empty());       // nothing filled on failure
  CHECK(doc.tables.empty());
}

TEST_CASE("part_larger_than_max_part_bytes_is_rejected_before_reading") {
  OoxmlOptions options;
  options.max_part_bytes = 4096;
  std::string body;
  for (int i = 0; i < 200; ++i) body += para("很长的段落内容很长的段落内容");
  Document doc;
  const Status s = load_ooxml(docx(body), Format::kDocx, options, doc);
  CHECK(s.code() == Status::Code::kRejected);
  CHECK(s.message().find("word/document.xml") != std::string::npos);
  CHECK(load_ooxml(docx(body), Format::kDocx, {}, doc).ok());
}

// Sets the uncompressed-size fields of every local and central header of `zip` to `size`.
std::string with_declared_size(std::string zip, uint32_t size) {
  auto put = [&](size_t at) {
    for (int k = 0; k < 4; ++k) zip[at + k] = static_cast<char>((size >> (8 * k)) & 0xff);
  };
  for (size_t i = 0; i + 30 <= zip.size(); ++i) {
    if (zip.compare(i, 4, "PK\x03\x04") == 0) put(i + 22);
    if (zip.compare(i, 4, "PK\x01\x02") == 0) put(i + 24);
  }
  return zip;
}

TEST_CASE("part_inflating_past_its_declared_size_is_not_read_beyond_the_limit") {
  // document.xml inflates to ~1 MB but its headers claim 100 bytes (a lying zip bomb).
  std::string body;
  for (int i = 0; i < 20000; ++i) body += para("重复");
  const std::string bomb = with_declared_size(docx(body), 100);
  OoxmlOptions options;
  options.max_part_bytes = 4096;
  Document doc;
  const Status s = load_ooxml(bomb, Format::kDocx, options, doc);
  // libzip does not hold a part to its declared size; the bounded read loop does.
  CHECK(s.code() == Status::Code::kRejected);
  CHECK(s.message().find("inflates beyond") != std::string::npos);
  CHECK(doc.pages.empty());
}

TEST_CASE("load_ooxml_refuses_formats_other_than_docx_and_xlsx") {
  Document doc;
  CHECK(load_ooxml(docx(para("x")), Format::kPdf, {}, doc).code() ==
        Status::Code::kInvalidArgument);
}
