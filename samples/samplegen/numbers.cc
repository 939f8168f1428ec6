#include "numbers.h"

#include <cstdio>
#include <cstdlib>

namespace samplegen {

namespace {

std::string group_thousands(const std::string& digits) {
  std::string out;
  int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    out.push_back(digits[static_cast<size_t>(i)]);
    int left = n - 1 - i;
    if (left > 0 && left % 3 == 0) out.push_back(',');
  }
  return out;
}

const char* kDigit[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
const char* kPlace[] = {"", "拾", "佰", "仟"};
const char* kGroup[] = {"", "万", "亿", "万亿"};

// One 4-digit group (1..9999) with inner zeros ("壹仟零伍").
std::string group_upper(int g) {
  std::string out;
  bool pending_zero = false;
  for (int place = 3; place >= 0; --place) {
    int div = 1;
    for (int k = 0; k < place; ++k) div *= 10;
    int d = (g / div) % 10;
    if (d == 0) {
      if (!out.empty()) pending_zero = true;
      continue;
    }
    if (pending_zero) out += "零";
    pending_zero = false;
    out += kDigit[d];
    out += kPlace[place];
  }
  return out;
}

}  // namespace

std::string format_yuan(int64_t fen, bool thousands, bool parentheses) {
  bool neg = fen < 0;
  uint64_t a = static_cast<uint64_t>(neg ? -fen : fen);
  std::string whole = std::to_string(a / 100);
  char cents[4];
  std::snprintf(cents, sizeof cents, "%02u", static_cast<unsigned>(a % 100));
  std::string s = (thousands ? group_thousands(whole) : whole) + "." + cents;
  if (!neg) return s;
  return parentheses ? "(" + s + ")" : "-" + s;
}

std::string format_wan(int64_t fen, int decimals, bool thousands) {
  bool neg = fen < 0;
  uint64_t a = static_cast<uint64_t>(neg ? -fen : fen);
  // 1 万元 = 1,000,000 fen. Round half up at the requested place.
  uint64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  uint64_t unit = 1000000 / scale;  // fen per last place
  uint64_t v = (a + unit / 2) / unit;
  std::string whole = std::to_string(v / scale);
  std::string s = thousands ? group_thousands(whole) : whole;
  if (decimals > 0) {
    std::string frac = std::to_string(v % scale);
    while (static_cast<int>(frac.size()) < decimals) frac = "0" + frac;
    s += "." + frac;
  }
  return neg ? "-" + s : s;
}

std::string uppercase_rmb(int64_t fen) {
  if (fen < 0) fen = -fen;
  int64_t yuan = fen / 100;
  int jiao = static_cast<int>((fen / 10) % 10);
  int fen_digit = static_cast<int>(fen % 10);
  std::string out;
  if (yuan > 0) {
    int groups[4] = {0, 0, 0, 0};  // [0] units group
    int64_t y = yuan;
    for (int i = 0; i < 4 && y > 0; ++i) {
      groups[i] = static_cast<int>(y % 10000);
      y /= 10000;
    }
    bool pending_zero = false;
    for (int i = 3; i >= 0; --i) {
      int g = groups[i];
      if (g == 0) {
        if (!out.empty()) pending_zero = true;
        continue;
      }
      if (!out.empty() && (pending_zero || g < 1000)) out += "零";
      pending_zero = false;
      out += group_upper(g);
      out += kGroup[i];
    }
    out += "元";
  }
  if (jiao == 0 && fen_digit == 0) return (out.empty() ? std::string("零元") : out) + "整";
  if (jiao > 0) {
    out += kDigit[jiao];
    out += "角";
  } else if (!out.empty()) {
    out += "零";
  }
  if (fen_digit > 0) {
    out += kDigit[fen_digit];
    out += "分";
  } else {
    out += "整";
  }
  return out;
}

std::string Date::iso() const {
  char b[16];
  std::snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
  return b;
}
std::string Date::cn() const {
  return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
}
std::string Date::cn_padded() const {
  char b[32];
  std::snprintf(b, sizeof b, "%04d年%02d月%02d日", y, m, d);
  return b;
}
std::string Date::dotted() const {
  char b[16];
  std::snprintf(b, sizeof b, "%04d.%02d.%02d", y, m, d);
  return b;
}
std::string Date::cn_numerals() const {
  static const char* lower[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  std::string out;
  for (char c : std::to_string(y)) out += lower[c - '0'];
  return out + "年" + cn_small_number(m) + "月" + cn_small_number(d) + "日";
}

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t Date::days() const {
  int yy = y - (m <= 2 ? 1 : 0);
  int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
  int64_t yoe = yy - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
Date Date::from_days(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t yy = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int dd = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int mm = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Date{static_cast<int>(yy + (mm <= 2 ? 1 : 0)), mm, dd};
}

std::string cn_small_number(int n) {
  static const char* d[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 10) return d[n];
  if (n < 20) return std::string("十") + (n % 10 ? d[n % 10] : "");
  return std::string(d[n / 10]) + "十" + (n % 10 ? d[n % 10] : "");
}

std::string format_parameters(int64_t count, int style) {
  auto trim = [](double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2f", v);
    std::string s = b;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  };
  switch (style) {
    case 1:
      if (count >= 1000000000000LL) return trim(static_cast<double>(count) / 1e12) + "万亿";
      return std::to_string(count / 100000000) + "亿";
    case 2:
      return trim(static_cast<double>(count) / 1e9) + "B";
    case 3: {
      int exp = 0;
      double m = static_cast<double>(count);
      while (m >= 10) {
        m /= 10;
        ++exp;
      }
      return trim(m) + "×10^" + std::to_string(exp);
    }
    default:
      return std::to_string(count / 100000000) + "亿";
  }
}

}  // namespace samplegen
