// Hostile inputs through the real binary: `shenbao run` on an inbox holding one hostile
// bundle and one ordinary folder bundle. Every case must end with the hostile thing named in
// a finding, the ordinary documents processed, no crash, nothing written outside OUT (the
// child's TMPDIR and working folder stay empty, the inbox is unchanged, escape targets do not
// appear), within 10 s and 1 GiB of peak RSS (the child's own rusage).
//
// Every hostile file is made here, byte by byte where libraries refuse to write it.

#include <doctest/doctest.h>

#include <set>

#include "ops_support.h"

using namespace shenbao;
using namespace shenbao::ops_test;
using shenbao::testing::TempDir;

namespace {

#ifdef SHENBAO_SANITIZED
constexpr double kMaxSeconds = 30;  // AddressSanitizer makes the same work 2-3x slower
#else
constexpr double kMaxSeconds = 10;
#endif
constexpr long kMaxRssKib = 1L << 20;  // 1 GiB

const std::string kGoodBundle = "良好申报";

// What a case leaves for its own checks.
struct Outcome {
  ChildResult result;
  fs::path root, out;
  std::map<std::string, json> records;  // bundle id → submission.json
  std::string all_output_text;          // every file under OUT but the ledger, concatenated
};

// OUT holds the run-wide files, and per bundle a folder with its two files; nothing else.
bool allowed_in_out(const std::string& rel, const std::string& what) {
  static const std::set<std::string> kTop = {
      ".lock",      "ledger.sqlite",     "ledger.sqlite-wal", "ledger.sqlite-shm",
      "index.html", "submissions.jsonl", "summary.csv"};
  const size_t slash = rel.find('/');
  if (slash == std::string::npos) return what == "dir" || kTop.count(rel) == 1;
  const std::string rest = rel.substr(slash + 1);
  return what != "dir" && (rest == "submission.json" || rest == "report.html");
}

// Runs `shenbao run` on an inbox prepared by `prepare(inbox)` plus the ordinary bundle.
template <typename Prepare>
Outcome run_case(TempDir& dir, Prepare prepare) {
  Outcome o;
  o.root = dir.path();
  const fs::path inbox = o.root / "inbox";
  // OUT sits two levels down, so that "../../x" from OUT/<id>/ would land inside the root.
  o.out = o.root / "a" / "b" / "out";
  fs::create_directories(inbox / kGoodBundle);
  fs::create_directories(o.root / "tmp");
  fs::create_directories(o.root / "cwd");
  write_file(inbox / kGoodBundle / "申报书.pdf", sample_pdf("松江良好科技有限公司", 1));
  prepare(inbox);
  const auto inbox_before = tree_of(inbox);

  ChildOptions options;
  options.cwd = o.root / "cwd";
  options.log_dir = o.root / "logs";
  options.extra_env = {"TMPDIR=" + (o.root / "tmp").string()};
  o.result = run_shenbao({"run", inbox.string(), "--out", o.out.string(), "--plain", "--jobs", "2"},
                         options, /*deadline_s=*/60);
  const ChildResult& r = o.result;
  INFO("stderr: " << r.err);
  CHECK(r.term_signal == 0);
  CHECK((r.exit_code == 0 || r.exit_code == 1));
  CHECK(r.seconds < kMaxSeconds);
  CHECK(r.max_rss_kib < kMaxRssKib);
  CHECK(r.hwm_kib < kMaxRssKib);
  MESSAGE("took " << r.seconds << " s, peak RSS " << r.hwm_kib / 1024 << " MiB (rusage bound "
                  << r.max_rss_kib / 1024 << " MiB)");

  // Nothing outside OUT: the inbox is as it was, TMPDIR and the working folder are empty,
  // and the root holds nothing else.
  CHECK(tree_of(inbox) == inbox_before);
  CHECK(fs::is_empty(o.root / "tmp"));
  CHECK(fs::is_empty(o.root / "cwd"));
  for (const auto& [rel, what] : tree_of(o.root)) {
    const bool expected = rel == "inbox" || rel.rfind("inbox/", 0) == 0 || rel == "logs" ||
                          rel.rfind("logs/", 0) == 0 || rel == "tmp" || rel == "cwd" ||
                          rel == "a" || rel == "a/b" || rel == "a/b/out" ||
                          rel.rfind("a/b/out/", 0) == 0;
    CHECK_MESSAGE(expected, "unexpected file outside OUT: " << rel);
  }
  for (const auto& [rel, what] : tree_of(o.out)) {
    CHECK_MESSAGE(allowed_in_out(rel, what), "unexpected file in OUT: " << rel);
    CHECK_MESSAGE(what.rfind("link:", 0) != 0, "a symlink in OUT: " << rel);
    if (what != "dir" && rel.rfind("ledger.sqlite", 0) != 0) {
      o.all_output_text += read_file(o.out / rel);
    }
  }
  for (const auto& e : fs::directory_iterator(o.out)) {
    if (e.is_directory()) {
      o.records[e.path().filename().string()] = read_json(e.path() / "submission.json");
    }
  }
  // The ordinary bundle was processed as usual.
  REQUIRE(o.records.count(kGoodBundle) == 1);
  const json& good = o.records.at(kGoodBundle);
  REQUIRE(good["documents"].size() == 1);
  CHECK(good["documents"][0]["status"] == "ok");
  CHECK(good["documents"][0]["pages"] == 1);
  return o;
}

const json* document_of(const json& record, const std::string& path) {
  for (const json& d : record["documents"]) {
    if (d["path"] == path) return &d;
  }
  return nullptr;
}

int count_findings(const json& record, const std::string& code) {
  int n = 0;
  for (const json& f : record["findings"]) n += f["code"] == code ? 1 : 0;
  return n;
}

bool has_finding(const json& record, const std::string& code, const std::string& document) {
  for (const json& f : record["findings"]) {
    if (f["code"] == code && f["document"].is_string() &&
        f["document"].get<std::string>().find(document) != std::string::npos) {
      return true;
    }
  }
  return false;
}

// The hostile bundle's own document (a readable PDF) was processed next to the hostile parts.
void check_readable(const json& record, const std::string& path) {
  const json* d = document_of(record, path);
  REQUIRE_MESSAGE(d != nullptr, path);
  CHECK((*d)["status"] == "ok");
}

// 64 MiB of zeros, deflated once (about 64 KiB) and shared by the bomb cases.
const std::string& zeros_deflated() {
  static const std::string deflated = deflate_raw(std::string(64u << 20, '\0'));
  return deflated;
}
constexpr uint32_t kZerosSize = 64u << 20;
const uint32_t kZerosCrc = [] {
  const std::string zeros(64u << 20, '\0');
  return crc_of(zeros);
}();

ZipWriter::Record zeros_record(const std::string& name) {
  ZipWriter::Record r;
  r.name = name;
  r.crc = kZerosCrc;
  r.compressed_size = static_cast<uint32_t>(zeros_deflated().size());
  r.uncompressed_size = kZerosSize;
  return r;
}

}  // namespace

TEST_CASE("ZIP entries named ../../etc/x or with absolute paths are refused, none written") {
  TempDir dir;
  const std::string abs_target = "/tmp/shenbao-ops-abs-" + std::to_string(::getpid());
  const Outcome o = run_case(dir, [&](const fs::path& inbox) {
    ZipWriter zip;
    zip.add("申报书.pdf", sample_pdf("松江穿越科技有限公司", 2));
    zip.add("../../etc/x", "escaped");
    zip.add("材料/../../../y", "escaped");
    zip.add(abs_target + "/x", "escaped");
    zip.add((dir.path() / "abs-escape").string(), "escaped");
    write_file(inbox / "traversal.zip", zip.finish());
  });
  const json& r = o.records.at("traversal");
  check_readable(r, "申报书.pdf");
  CHECK(count_findings(r, "ARCHIVE_REJECTED") >= 4);
  CHECK(has_finding(r, "ARCHIVE_REJECTED", "etc/x"));
  CHECK(!fs::exists(abs_target));
  CHECK(!fs::exists(dir.path() / "abs-escape"));
  CHECK(!fs::exists(o.out.parent_path().parent_path() / "etc"));
  CHECK(o.all_output_text.find("escaped") == std::string::npos);
}

TEST_CASE("a 42.zip-style nested bomb (zips of zips of zeros) is refused within bounds") {
  TempDir dir;
  const Outcome o = run_case(dir, [&](const fs::path& inbox) {
    // Each library ZIP declares 16 × 64 MiB of zeros; 42.zip holds four of them, a plain
    // 64 MiB of zeros and a liar (64 MiB of zeros declared as 1000 bytes).
    ZipWriter lib;
    for (int i = 0; i < 16; ++i) {
      const auto rec = zeros_record("zeros-" + std::to_string(i) + ".bin");
      lib.add_central(rec, lib.add_local(rec, zeros_deflated()));
    }
    const std::string lib_zip = lib.finish();
    ZipWriter bomb;
    for (int i = 0; i < 4; ++i) bomb.add("lib" + std::to_string(i) + ".zip", lib_zip, false);
    const auto zeros = zeros_record("zeros.bin");
    bomb.add_central(zeros, bomb.add_local(zeros, zeros_deflated()));
    auto liar = zeros_record("liar.bin");
    liar.uncompressed_size = 1000;
    bomb.add_central(liar, bomb.add_local(liar, zeros_deflated()));
    ZipWriter bundle;
    bundle.add("申报书.pdf", sample_pdf("松江炸弹科技有限公司", 3));
    bundle.add("42.zip", bomb.finish(), false);
    write_file(inbox / "nested-bomb.zip", bundle.finish());
  });
  const json& r = o.records.at("nested-bomb");
  check_readable(r, "申报书.pdf");
  CHECK(has_finding(r, "ARCHIVE_REJECTED", "42.zip/zeros.bin"));
  CHECK(has_finding(r, "ARCHIVE_REJECTED", "42.zip/lib0.zip"));  // nested too deep
  CHECK((has_finding(r, "ARCHIVE_REJECTED", "42.zip/liar.bin") ||
         has_finding(r, "DOCUMENT_UNREADABLE", "42.zip/liar.bin")));
}

TEST_CASE("an overlapping-entry bomb (entries sharing one compressed stream) is refused") {
  TempDir dir;
  const Outcome o = run_case(dir, [&](const fs::path& inbox) {
    // Fifield's full overlap: one local record of 64 MiB of zeros, and 1000 central records
    // with their own names all pointing at it (64 GiB declared from 64 KiB).
    ZipWriter bomb;
    const uint32_t offset = bomb.add_local(zeros_record("0"), zeros_deflated());
    for (int i = 0; i < 1000; ++i) bomb.add_central(zeros_record(std::to_string(i)), offset);
    ZipWriter bundle;
    bundle.add("申报书.pdf", sample_pdf("松江重叠科技有限公司", 4));
    bundle.add("overlap.zip", bomb.finish(), false);
    write_file(inbox / "overlap-bomb.zip", bundle.finish());
  });
  const json& r = o.records.at("overlap-bomb");
  check_readable(r, "申报书.pdf");
  CHECK(count_findings(r, "ARCHIVE_REJECTED") >= 1);
  CHECK(has_finding(r, "ARCHIVE_REJECTED", "overlap.zip"));
}

// Entries whose compression ratio is under the limit (here about 130, 1 MiB each from one
// shared 8 KiB stream) pass the ratio check; unrefused, a full-scale version (1000 central
// records of 16 MiB over one 175 KB file) would make a run hold max_total_bytes (2 GiB).
// Intake refuses entries whose compressed data cannot fit beside the others' in the file.
TEST_CASE("entries sharing one compressed stream below the ratio limit are refused") {
  TempDir dir;
  const Outcome o = run_case(dir, [&](const fs::path& inbox) {
    std::string block(16384, '\0');
    uint32_t x = 1;
    for (char& c : block) c = static_cast<char>((x = x * 1103515245u + 12345u) >> 24);
    std::string data;
    for (int i = 0; i < 64; ++i) data += block;  // 1 MiB, compresses about 130:1
    const std::string stream = deflate_raw(data);
    ZipWriter::Record rec;
    rec.name = "0";
    rec.crc = crc_of(data);
    rec.compressed_size = static_cast<uint32_t>(stream.size());
    rec.uncompressed_size = static_cast<uint32_t>(data.size());
    ZipWriter bomb;
    const uint32_t offset = bomb.add_local(rec, stream);
    for (int i = 0; i < 100; ++i) {
      rec.name = std::to_string(i);
      bomb.add_central(rec, offset);
    }
    write_file(inbox / "shared-stream.zip", bomb.finish());
  });
  const json& r = o.records.at("shared-stream");
  // At most the first record may be read; the 99 others share its bytes.
  int read = 0;
  for (const json& d : r["documents"]) read += d["status"] != "rejected" ? 1 : 0;
  CHECK(read <= 1);
  CHECK(count_findings(r, "ARCHIVE_REJECTED") >= 1);
}

TEST_CASE("a ZIP of 10,000 entries is cut at max_entries with one finding") {
  TempDir dir;
  const Outcome o = run_case(dir, [&](const fs::path& inbox) {
    ZipWriter zip;
    zip.add("申报书.pdf", sample_pdf("松江万件科技有限公司", 5));
    for (int i = 0; i < 10000; ++i) zip.add("many/" + std::to_string(i) + ".txt", "x", false);
    write_file(inbox / "ten-thousand.zip", zip.finish());
  });
  const json& r = o.records.at("ten-thousand");
  check_readable(r, "申报书.pdf");
  CHECK(r["documents"].size() <= 5000);
  CHECK(count_findings(r, "ARCHIVE_REJECTED") == 1);
}

TEST_CASE("an encrypted ZIP entry is refused and the rest of the bundle read") {
  TempDir dir;
  const Outcome o = run_case(dir, [&](const fs::path& inbox) {
    ZipWriter zip;
    zip.add("申报书.pdf", sample_pdf("松江加密科技有限公司", 6));
    // Traditional PKWARE encryption: flag bit 0, a 12-byte header and ciphertext.
    ZipWriter::Record rec;
    rec.name = "审计报告.pdf";
    rec.flags = 0x0801;
    rec.method = 0;
    const std::string cipher =
        "\x13\x57\x9b\xdf\x24\x68\xac\xe0\x35\x79\xbd\xf1" + std::string(200, '\x5a');
    rec.crc = 0x12345678;
    rec.compressed_size = static_cast<uint32_t>(cipher.size());
    rec.uncompressed_size = 188;
    zip.add_central(rec, zip.add_local(rec, cipher));
    write_file(inbox / "encrypted.zip", zip.finish());
  });
  const json& r = o.records.at("encrypted");
  check_readable(r, "申报书.pdf");
  CHECK(has_finding(r, "ARCHIVE_REJECTED", "审计报告.pdf"));
}

TEST_CASE("a truncated ZIP is an unreadable bundle, listed with its reason") {
  TempDir dir;
  const Outcome o = run_case(dir, [&](const fs::path& inbox) {
    ZipWriter zip;
    zip.add("申报书.pdf", sample_pdf("松江截断科技有限公司", 7));
    const std::string whole = zip.finish();
    write_file(inbox / "truncated.zip", whole.substr(0, whole.size() * 2 / 3));
  });
  CHECK(o.result.exit_code == 1);  // the contract: some bundle could not be processed
  const json& r = o.records.at("truncated");
  CHECK(has_finding(r, "DOCUMENT_UNREADABLE", "truncated.zip"));
  CHECK(r["documents"].empty());
  CHECK(o.result.out.find("1 unreadable") != std::string::npos);
}

// libzip opens a zero-byte buffer as an empty archive; intake says the bundle is unreadable.
TEST_CASE("a zero-byte ZIP bundle is unreadable with a reason") {
  TempDir dir;
  const Outcome o =
      run_case(dir, [&](const fs::path& inbox) { write_file(inbox / "empty.zip", ""); });
  const json& r = o.records.at("empty");
  CHECK(r["documents"].empty());
  CHECK(has_finding(r, "DOCUMENT_UNREADABLE", "empty.zip"));
  CHECK(o.result.exit_code == 1);
}

TEST_CASE("a zero-byte document is unreadable while the bundle's other files are read") {
  TempDir dir;
  const Outcome o = run_case(dir, [&](const fs::path& inbox) {
    fs::create_directories(inbox / "零字节");
    write_file(inbox / "零字节" / "空白.pdf", "");
    write_file(inbox / "零字节" / "申报书.pdf", sample_pdf("松江零字节科技有限公司", 8));
  });
  const json& r = o.records.at("零字节");
  check_readable(r, "申报书.pdf");
  const json* empty = document_of(r, "空白.pdf");
  REQUIRE(empty != nullptr);
  CHECK((*empty)["status"] == "unreadable");
  CHECK(has_finding(r, "DOCUMENT_UNREADABLE", "空白.pdf"));
}

TEST_CASE("the same file twice is read once: the second copy is skipped with a finding") {
  TempDir dir;
  const Outcome o = run_case(dir, [&](const fs::path& inbox) {
    fs::create_directories(inbox / "重复" / "附件");
    const std::string pdf = sample_pdf("松江重复科技有限公司", 8);
    write_file(inbox / "重复" / "申报书.pdf", pdf);
    write_file(inbox / "重复" / "附件" / "申报书副本.pdf", pdf);
  });
  const json& r = o.records.at("重复");
  check_readable(r, "申报书.pdf");
  const json* copy = document_of(r, "附件/申报书副本.pdf");
  REQUIRE(copy != nullptr);
  CHECK((*copy)["status"] == "skipped");
  CHECK((*copy)["format"] == "pdf");
  CHECK((*copy)["sha256"] == (*document_of(r, "申报书.pdf"))["sha256"]);
  CHECK(has_finding(r, "DUPLICATE_DOCUMENT", "附件/申报书副本.pdf"));
}

TEST_CASE("a PDF with a broken xref and one whose page tree loops are survived") {
  TempDir dir;
  const Outcome o = run_case(dir, [&](const fs::path& inbox) {
    fs::create_directories(inbox / "坏PDF");
    write_file(inbox / "坏PDF" / "申报书.pdf", sample_pdf("松江坏文件科技有限公司", 9));
    // Every xref offset 0 and startxref past the end: a reader must rebuild or give up.
    write_file(inbox / "坏PDF" / "broken-xref.pdf",
               make_pdf(one_page_objects("Broken xref but readable text 123456789"),
                        /*xref_offsets_zeroed=*/true));
    // The Pages node lists itself among its kids.
    auto loop = one_page_objects("Looping page tree");
    loop[1] = "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>";
    write_file(inbox / "坏PDF" / "loop.pdf", make_pdf(loop));
    // A second node pointing back at the root node: a cycle two levels deep.
    auto cycle = one_page_objects("Cycle");
    cycle[1] = "<< /Type /Pages /Kids [6 0 R] /Count 1 >>";
    cycle.push_back("<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>");
    write_file(inbox / "坏PDF" / "cycle.pdf", make_pdf(cycle));
  });
  const json& r = o.records.at("坏PDF");
  check_readable(r, "申报书.pdf");
  for (const char* path : {"broken-xref.pdf", "loop.pdf", "cycle.pdf"}) {
    const json* d = document_of(r, path);
    REQUIRE_MESSAGE(d != nullptr, path);
    CHECK((*d)["format"] == "pdf");
    // Either the reader repaired it, or it is unreadable and says so.
    if ((*d)["status"] != "ok") {
      CHECK((*d)["status"] == "unreadable");
      CHECK(has_finding(r, "DOCUMENT_UNREADABLE", path));
    }
    MESSAGE(std::string(path) << ": " << (*d)["status"].dump() << ", " << (*d)["pages"].dump()
                              << " pages");
  }
  // The cycle has no real page: it cannot be an ok document with pages of text.
  const json* cycle = document_of(r, "cycle.pdf");
  CHECK(((*cycle)["status"] == "unreadable" || (*cycle)["pages"] == 0 ||
         has_finding(r, "DOCUMENT_UNREADABLE", "cycle.pdf")));
}

TEST_CASE("a PNG declaring 100000 x 100000 pixels is refused from its header") {
  TempDir dir;
  const Outcome o = run_case(dir, [&](const fs::path& inbox) {
    fs::create_directories(inbox / "巨图");
    write_file(inbox / "巨图" / "申报书.pdf", sample_pdf("松江巨图科技有限公司", 10));
    write_file(inbox / "巨图" / "营业执照.png", png_header_only(100000, 100000));
  });
  const json& r = o.records.at("巨图");
  check_readable(r, "申报书.pdf");
  const json* png = document_of(r, "营业执照.png");
  REQUIRE(png != nullptr);
  CHECK((*png)["format"] == "image");
  CHECK((*png)["status"] == "unreadable");
  CHECK(has_finding(r, "DOCUMENT_UNREADABLE", "营业执照.png"));
}

TEST_CASE("a DOCX with a billion-laughs DTD and one with an external entity expand nothing") {
  TempDir dir;
  const std::string w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
  const Outcome o = run_case(dir, [&](const fs::path& inbox) {
    std::string dtd = "<!DOCTYPE w:document [<!ENTITY lol \"lol\">";
    std::string prev = "lol";
    for (int level = 1; level <= 9; ++level) {
      const std::string name = "lol" + std::to_string(level);
      dtd += "<!ENTITY " + name + " \"";
      for (int k = 0; k < 10; ++k) dtd += "&" + prev + ";";
      dtd += "\">";
      prev = name;
    }
    dtd += "]>";
    fs::create_directories(inbox / "实体");
    write_file(inbox / "实体" / "申报书.pdf", sample_pdf("松江实体科技有限公司", 11));
    write_file(inbox / "实体" / "laughs.docx",
               make_docx("<?xml version=\"1.0\"?>" + dtd + "<w:document " + w +
                         "><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"
                         "<w:p><w:r><w:t>项目名称：实体测试</w:t></w:r></w:p></w:body>"
                         "</w:document>"));
    write_file(inbox / "实体" / "external.docx",
               make_docx("<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "
                         "\"file:///etc/passwd\">]><w:document " +
                         w +
                         "><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body>"
                         "</w:document>"));
  });
  const json& r = o.records.at("实体");
  check_readable(r, "申报书.pdf");
  for (const char* path : {"laughs.docx", "external.docx"}) {
    const json* d = document_of(r, path);
    REQUIRE_MESSAGE(d != nullptr, path);
    CHECK((*d)["format"] == "docx");
    if ((*d)["status"] != "ok") CHECK(has_finding(r, "DOCUMENT_UNREADABLE", path));
  }
  CHECK(o.all_output_text.find("lollollol") == std::string::npos);
  CHECK(o.all_output_text.find("root:x:0:0") == std::string::npos);
  CHECK(o.all_output_text.size() < (4u << 20));
}

TEST_CASE("symlinks in a folder bundle to /etc are refused, not followed") {
  TempDir dir;
  const Outcome o = run_case(dir, [&](const fs::path& inbox) {
    fs::create_directories(inbox / "链接");
    write_file(inbox / "链接" / "申报书.pdf", sample_pdf("松江链接科技有限公司", 12));
    fs::create_directory_symlink("/etc", inbox / "链接" / "etc");
    fs::create_symlink("/etc/passwd", inbox / "链接" / "passwd.pdf");
  });
  const json& r = o.records.at("链接");
  check_readable(r, "申报书.pdf");
  CHECK(has_finding(r, "ARCHIVE_REJECTED", "etc"));
  CHECK(has_finding(r, "ARCHIVE_REJECTED", "passwd.pdf"));
  for (const json& d : r["documents"]) {
    CHECK(d["path"].get<std::string>().rfind("etc/", 0) != 0);  // nothing read below /etc
  }
  CHECK(o.all_output_text.find("root:x:0:0") == std::string::npos);
}

TEST_CASE("file names with control characters and HTML are kept as data, escaped in pages") {
  TempDir dir;
  const std::string html_name = "<img src=x onerror=alert(1)>.pdf";
  const std::string control_name = std::string("bell\x07") + "\x1b[31mred\r\n.pdf";
  const std::string bundle_name = "<script>alert(1)<\x01>";
  const Outcome o = run_case(dir, [&](const fs::path& inbox) {
    fs::create_directories(inbox / bundle_name);
    write_file(inbox / bundle_name / html_name, sample_pdf("松江标记科技有限公司", 13));
    write_file(inbox / bundle_name / control_name, sample_pdf("松江控制科技有限公司", 14));
  });
  // The bundle id replaces the control character; the names stay as the applicant wrote them.
  REQUIRE(o.records.count("<script>alert(1)<_>") == 1);
  const json& r = o.records.at("<script>alert(1)<_>");
  CHECK(r["bundle"]["source"] == bundle_name);
  check_readable(r, html_name);
  REQUIRE(r["documents"].size() == 2);
  // No page carries the markup as markup.
  const std::string report = read_file(o.out / "<script>alert(1)<_>" / "report.html");
  const std::string index = read_file(o.out / "index.html");
  for (const std::string* page : {&report, &index}) {
    CHECK(page->find("<img src=x") == std::string::npos);
    CHECK(page->find("<script>alert(1)") == std::string::npos);
  }
  CHECK(report.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
}
