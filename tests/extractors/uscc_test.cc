#include "extractors/uscc.h"

#include <doctest/doctest.h>

#include "test_schemas.h"

using namespace shenbao;
using shenbao::testing::patterns;

namespace {
// Codes valid by GB 32100 and GB 11714 (computed independently of uscc.cc).
constexpr const char* kDomainExample = "91310117MA1J2Q4K7A";
constexpr const char* kSongjiangA = "91310117MA1FL8B5XP";
constexpr const char* kSongjiangB = "91310117MA1K30D65N";
constexpr const char* kOldStyle = "91310000607200G198";
constexpr const char* kSocialOrg = "52310117MJ4F5608XX";
}  // namespace

TEST_CASE("validate_uscc accepts the domain example 91310117MA1J2Q4K7A") {
  const auto v = validate_uscc(kDomainExample);
  CHECK(v.valid);
  CHECK(v.error == UsccError::kNone);
}

TEST_CASE("validate_uscc accepts valid codes of several kinds") {
  for (const char* code : {kSongjiangA, kSongjiangB, kOldStyle, kSocialOrg}) {
    CAPTURE(code);
    CHECK(validate_uscc(code).valid);
  }
}

TEST_CASE("validate_uscc normalises full width, spaces and lower case") {
  CHECK(validate_uscc("９１３１０１１７ＭＡ１Ｊ２Ｑ４Ｋ７Ａ").valid);
  CHECK(validate_uscc("9131 0117 MA1J 2Q4K 7A").valid);
  CHECK(validate_uscc("91310117ma1j2q4k7a").valid);
}

TEST_CASE("validate_uscc names a wrong check character") {
  const auto v = validate_uscc("91310117MA1J2Q4K7B");
  CHECK_FALSE(v.valid);
  CHECK(v.error == UsccError::kCheckChar);
  CHECK(v.reason.find("check character") != std::string::npos);
}

TEST_CASE("validate_uscc rejects a code whose organisation code check is wrong") {
  // Change the org check (17th) and recompute the 18th: the outer check passes, GB 11714 fails.
  // 91310117MA1J2Q4K + '8' → the 18th that matches is computed here by brute force.
  std::string found;
  for (char c : std::string("0123456789ABCDEFGHJKLMNPQRTUWXY")) {
    std::string code = std::string("91310117MA1J2Q4K8") + c;
    const auto v = validate_uscc(code);
    if (v.error == UsccError::kOrgCheck) found = code;
  }
  REQUIRE_FALSE(found.empty());
  CHECK_FALSE(validate_uscc(found).valid);
}

TEST_CASE("validate_uscc rejects lengths other than 18") {
  CHECK(validate_uscc("91310117MA1J2Q4K7").error == UsccError::kLength);    // 17
  CHECK(validate_uscc("91310117MA1J2Q4K7A1").error == UsccError::kLength);  // 19
  CHECK(validate_uscc("").error == UsccError::kLength);
}

TEST_CASE("validate_uscc rejects characters outside the 31-symbol alphabet") {
  CHECK(validate_uscc("9131O117MA1J2Q4K7A").error == UsccError::kAlphabet);  // O
  CHECK(validate_uscc("91310117MAIJ2Q4K7A").error == UsccError::kAlphabet);  // I
  CHECK(validate_uscc("91310117MA1J2Q4K7V").error == UsccError::kAlphabet);  // V
  CHECK(validate_uscc("91310117MA1J2Q4K-A").error == UsccError::kAlphabet);
}

TEST_CASE("validate_uscc rejects letters in the division code") {
  CHECK(validate_uscc("9131A117MA1J2Q4K7A").error == UsccError::kDivision);
}

TEST_CASE("validate_uscc rejects a division code that starts with no province") {
  CHECK(validate_uscc("91990117MA1J2Q4K7A").error == UsccError::kDivision);
}

TEST_CASE("validate_uscc rejects placeholders even when the checks pass") {
  // 123456789012345678 passes the 18th-character check (the first 17 give 8).
  CHECK(validate_uscc("123456789012345678").error == UsccError::kPlaceholder);
  // An organisation code of zeros passes GB 11714 (00000000 → check 0); whatever the 18th
  // character (one of them passes the outer check too), it is no real code.
  for (char c : std::string("0123456789ABCDEFGHJKLMNPQRTUWXY")) {
    CAPTURE(c);
    CHECK(validate_uscc(std::string("91310117000000000") + c).error == UsccError::kPlaceholder);
  }
  CHECK(validate_uscc("000000000000000000").error == UsccError::kPlaceholder);
  CHECK(validate_uscc("111111111111111111").error == UsccError::kPlaceholder);
  CHECK(validate_uscc("91310117123456780X").error == UsccError::kPlaceholder);  // org 12345678
  CHECK(validate_uscc("91000000MA1J2Q4K7A").error == UsccError::kPlaceholder);  // division 000000
}

TEST_CASE("repair_uscc keeps a valid code as it is") {
  const auto c = repair_uscc(kDomainExample);
  CHECK(c.valid);
  CHECK_FALSE(c.repaired);
  CHECK(c.code == kDomainExample);
}

TEST_CASE("repair_uscc corrects a single OCR confusion when exactly one fits") {
  struct Case {
    const char* damaged;
    const char* expected;
  } cases[] = {
      {"9131O117MA1J2Q4K7A", kDomainExample},  // O for 0
      {"91310117MAIJ2Q4K7A", kDomainExample},  // I for 1
      {"91310117MALJ2Q4K7A", kDomainExample},  // L for 1
      {"91310117MA1JZQ4K7A", kDomainExample},  // Z for 2
      {"9I310117MA1J2Q4K7A", kDomainExample},  // I for 1 at the start
      {"91310117MA1FL8B5XP", kSongjiangA},     // already valid
      {"91310117MA1FL885XP", kSongjiangA},     // 8 for B
      {"91310117MA1K3OD65N", kSongjiangB},     // O for 0
      {"91310117MA1K30065N", kSongjiangB},     // 0 for D
      {"9131OOOO607200G198", nullptr},         // four confusions: no single repair
  };
  for (const auto& k : cases) {
    CAPTURE(k.damaged);
    const auto c = repair_uscc(k.damaged);
    if (k.expected) {
      CHECK(c.valid);
      CHECK(c.code == k.expected);
      CHECK(c.repaired == (std::string(k.damaged) != k.expected));
    } else {
      CHECK_FALSE(c.valid);
      CHECK(c.code.empty());
      CHECK(c.raw == k.damaged);
    }
  }
}

TEST_CASE("repair_uscc refuses when two different single repairs fit") {
  // 91310117MA18C6XY62 is valid; so is 91310117MA1BCGXY62. Reading B for 8 gives a code from
  // which 8←B and 6→G both lead to a valid code: ambiguous.
  const auto c = repair_uscc("91310117MA1BC6XY62");
  CHECK_FALSE(c.valid);
  CHECK(c.code.empty());
  CHECK(c.raw == "91310117MA1BC6XY62");
  CHECK(c.reason.find("2 different single repairs") != std::string::npos);
}

TEST_CASE("repair_uscc reports a wrong check character that no confusion explains") {
  const auto c = repair_uscc("91310117MA1J2Q4K1A");  // 7 read as 1: not a listed confusion
  CHECK_FALSE(c.valid);
  CHECK(c.error == UsccError::kCheckChar);
  CHECK(c.reason.find("no single OCR repair") != std::string::npos);
}

TEST_CASE("find_uscc_candidates finds a labelled code in a license line") {
  const std::string text = "统一社会信用代码：91310117MA1J2Q4K7A  名称：上海某某智能科技有限公司";
  const auto found = find_uscc_candidates(patterns(), text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].valid);
  CHECK(found[0].labelled);
  CHECK(found[0].code == kDomainExample);
  CHECK(text.substr(found[0].begin, found[0].end - found[0].begin) == kDomainExample);
}

TEST_CASE("find_uscc_candidates reads a code with OCR spaces and full-width characters") {
  const std::string text = "社会信用代码 ９１３１ ０１１７ ＭＡ１Ｊ ２Ｑ４Ｋ ７Ａ";
  const auto found = find_uscc_candidates(patterns(), text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].valid);
  CHECK(found[0].labelled);
  CHECK(found[0].code == kDomainExample);
  CHECK(found[0].raw == "９１３１ ０１１７ ＭＡ１Ｊ ２Ｑ４Ｋ ７Ａ");
}

TEST_CASE("find_uscc_candidates repairs an O read for 0 in OCR text") {
  const auto found = find_uscc_candidates(patterns(), "信用代码:9131O117MA1J2Q4K7A");
  REQUIRE(found.size() == 1);
  CHECK(found[0].valid);
  CHECK(found[0].repaired);
  CHECK(found[0].code == kDomainExample);
  CHECK(found[0].raw == "9131O117MA1J2Q4K7A");
}

TEST_CASE("find_uscc_candidates reports a labelled invalid code with its raw text") {
  const auto found = find_uscc_candidates(patterns(), "统一社会信用代码 91310117MA1J2Q4K1A");
  REQUIRE(found.size() == 1);
  CHECK_FALSE(found[0].valid);
  CHECK(found[0].code.empty());
  CHECK(found[0].raw == "91310117MA1J2Q4K1A");
}

TEST_CASE("a label keeps its code across a line break and a little OCR noise, not across a word") {
  // What OCR makes of a license's guilloche and QR code between the label and the code.
  auto found = find_uscc_candidates(patterns(), "统一社会信用代码二下=-\n91310117MA1J2Q4K1A 和");
  REQUIRE(found.size() == 1);
  CHECK(found[0].labelled);
  CHECK_FALSE(found[0].valid);
  found = find_uscc_candidates(patterns(), "信用代码为 91310117MA1J2Q4K1A");
  REQUIRE(found.size() == 1);
  CHECK(found[0].labelled);
  // Letters or digits in between belong to something else: the label is not this code's.
  found = find_uscc_candidates(patterns(), "信用代码见附件2：91310117MA1FL8B5XP");
  REQUIRE(found.size() == 1);
  CHECK_FALSE(found[0].labelled);
  // Nor is a label further away than a few characters.
  found = find_uscc_candidates(patterns(), "信用代码：详见本表下方所列之各项内容说明 91310117MA1FL8B5XP");
  REQUIRE(found.size() == 1);
  CHECK_FALSE(found[0].labelled);
}

TEST_CASE("a labelled run of 19 characters is repaired when dropping one leaves one valid code") {
  // OCR read a stroke as an extra "1": MA1L7… for MA17… (and an inserted letter elsewhere).
  auto found = find_uscc_candidates(patterns(), "统一社会信用代码\n91310117MA1J2Q4K7AX");
  REQUIRE(found.size() == 1);
  CHECK(found[0].valid);
  CHECK(found[0].repaired);
  CHECK(found[0].code == kDomainExample);
  found = find_uscc_candidates(patterns(), "信用代码：913101171MA1J2Q4K7A");
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == kDomainExample);
  // Without a label a 19-character run is anything (an order number): not a code.
  CHECK(find_uscc_candidates(patterns(), "订单号 91310117MA1J2Q4K7AX").empty());
  // A labelled 19-character run that no single drop repairs is not reported either.
  CHECK(find_uscc_candidates(patterns(), "信用代码：ABCDEFGHJKLMNPQRTUW").empty());
  const UsccCandidate direct = repair_uscc("91310117MA1J2Q4K7AX");
  CHECK(direct.valid);
  CHECK(direct.code == kDomainExample);
}

TEST_CASE("find_uscc_candidates finds an unlabelled valid code in English and Chinese text") {
  auto found = find_uscc_candidates(patterns(), "USCC 91310117MA1FL8B5XP issued by Songjiang");
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == kSongjiangA);
  CHECK(found[0].labelled);
  found = find_uscc_candidates(patterns(), "申报单位（91310117MA1K30D65N）承诺");
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == kSongjiangB);
  CHECK_FALSE(found[0].labelled);
}

TEST_CASE("find_uscc_candidates finds two codes of one page in order") {
  const auto found = find_uscc_candidates(
      patterns(), "甲方 91310117MA1FL8B5XP，乙方 统一社会信用代码 91310117MA1J2Q4K7A。");
  REQUIRE(found.size() == 2);
  CHECK(found[0].code == kSongjiangA);
  CHECK(found[1].code == kDomainExample);
  CHECK(found[0].end <= found[1].begin);
}

TEST_CASE("find_uscc_candidates does not match phone numbers") {
  CHECK(find_uscc_candidates(patterns(), "联系电话：021-57821234 手机：13812345678").empty());
  CHECK(find_uscc_candidates(patterns(), "电话 021 57821234 13812345678").empty());
}

TEST_CASE("find_uscc_candidates does not match a resident ID number") {
  CHECK(is_resident_id_number("310117199003071231"));
  CHECK(is_resident_id_number("11010519491231002X"));
  CHECK(find_uscc_candidates(patterns(), "法定代表人身份证号：310117199003071231").empty());
  CHECK(find_uscc_candidates(patterns(), "身份证 11010519491231002X").empty());
  // Labelled or not, an ID number is never a code.
  CHECK(find_uscc_candidates(patterns(), "信用代码 310117199003071231").empty());
}

TEST_CASE("find_uscc_candidates does not match 17-character runs, nor unlabelled 19-character ones") {
  CHECK(find_uscc_candidates(patterns(), "统一社会信用代码：91310117MA1J2Q4K7").empty());
  CHECK(find_uscc_candidates(patterns(), "code 913101170MA1J2Q4K7A").empty());
  // After a label, a 19-character run is one OCR insertion away from a code (see above):
  // the trailing "1" is dropped, the only drop that leaves a valid code.
  const auto found = find_uscc_candidates(patterns(), "统一社会信用代码：91310117MA1J2Q4K7A1");
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == kDomainExample);
}

TEST_CASE("find_uscc_candidates ignores unlabelled invalid digit runs such as bank accounts") {
  CHECK(find_uscc_candidates(patterns(), "开户银行账号 1001 2345 6789 0123 45").empty());
  CHECK(find_uscc_candidates(patterns(), "订单 310117202405230046").empty());
}

TEST_CASE("find_uscc_candidates ignores English words of 18 letters") {
  CHECK(find_uscc_candidates(patterns(), "INTERNATIONALISING and ABCDEFGHJKLMNPQR").empty());
}

TEST_CASE("find_uscc_candidates spans point into the caller's text") {
  const std::string text = "（代码）：91310117MA1J2Q4K7A；";
  const auto found = find_uscc_candidates(patterns(), text);
  REQUIRE(found.size() == 1);
  CHECK(text.substr(found[0].begin, found[0].end - found[0].begin) == kDomainExample);
}

TEST_CASE("repair_uscc reads a lower-case OCR letter as a misread symbol") {
  // Codes are printed in capitals: "e" for "9" is an OCR slip, repaired when exactly one
  // symbol at that place makes both checks pass.
  const auto c = repair_uscc("91310117MA6HBFDWeX");
  CHECK(c.valid);
  CHECK(c.repaired);
  CHECK(c.code == "91310117MA6HBFDW9X");
  const auto last = repair_uscc("91310117MA1J2Q4K7g");
  CHECK(last.valid);
  CHECK(last.code == "91310117MA1J2Q4K7A");
  // Lower case that is the right letter is no repair at all.
  const auto same = repair_uscc("91310117ma1j2q4k7a");
  CHECK(same.valid);
  CHECK_FALSE(same.repaired);
}

TEST_CASE("repair_uscc does not repair a lower-case letter beside a second error") {
  CHECK_FALSE(repair_uscc("91310117MA1J2Q4K3e").valid);  // 7→3 and A→e
  CHECK_FALSE(repair_uscc("91310117MA1J2q4K3A").valid);  // q is right, 7→3 is not a confusion
}

TEST_CASE("find_uscc_candidates repairs a labelled code with a lower-case OCR letter") {
  const auto all = find_uscc_candidates(patterns(), "统一社会信用代码 91310117MA6HBFDWeX");
  REQUIRE(all.size() == 1);
  CHECK(all[0].valid);
  CHECK(all[0].code == "91310117MA6HBFDW9X");
}
