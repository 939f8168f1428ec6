#include "facts.h"

#include <algorithm>
#include <cmath>

#include "uscc.h"

namespace samplegen {

namespace {

constexpr int64_t kYuan = 100;
constexpr int64_t kWan = 1'000'000;

struct Brand {
  const char* name;
  const char* pinyin;
};
const std::vector<Brand> kBrands = {
    {"云擎", "YunQing"},  {"启明", "QiMing"},    {"智渊", "ZhiYuan"}, {"深瞳", "ShenTong"},
    {"星衍", "XingYan"},  {"澜舟", "LanZhou"},   {"数桥", "ShuQiao"}, {"辰泰", "ChenTai"},
    {"泖川", "MaoChuan"}, {"茸城", "RongCheng"}, {"佘峰", "SheFeng"}, {"九峰", "JiuFeng"},
    {"云间", "YunJian"},  {"华亭", "HuaTing"},   {"天马", "TianMa"},  {"松擎", "SongQing"},
    {"谷阳", "GuYang"},   {"峰泖", "FengMao"},   {"浦南", "PuNan"},   {"新松", "XinSong"}};

const std::vector<std::string> kSuffixes = {"智能科技", "信息技术", "数据科技", "人工智能科技",
                                            "网络科技", "计算技术", "软件技术"};

const std::vector<std::string> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周",
                                            "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭",
                                            "马", "罗", "沈", "顾", "陆", "蒋", "钱", "姚"};
const std::vector<std::string> kGiven = {
    "建华", "晓明", "志强", "海燕", "文博", "雨桐", "子涵", "国庆", "立新", "思远", "佳怡", "振宇",
    "明轩", "欣然", "浩然", "婷婷", "伟",   "磊",   "静",   "敏",   "卫东", "玉兰", "嘉伟", "晨曦"};

struct Town {
  const char* town;
  std::vector<const char*> roads;
  bool subdistrict;
};
const std::vector<Town> kTowns = {{"九亭镇", {"涞寅路", "沪亭北路", "九亭中心路"}, false},
                                  {"洞泾镇", {"沈砖公路", "长兴东路", "洞薛路"}, false},
                                  {"泗泾镇", {"九干路", "泗砖公路", "望东中路"}, false},
                                  {"车墩镇", {"北松公路", "香泾路", "车峰路"}, false},
                                  {"新桥镇", {"民益路", "莘砖公路", "新格路"}, false},
                                  {"佘山镇", {"林荫新路", "外青松公路"}, false},
                                  {"中山街道", {"茸梅路", "中山二路", "茸兴路"}, true},
                                  {"方松街道", {"文诚路", "广富林路", "思贤路"}, true},
                                  {"永丰街道", {"玉树路", "荣乐西路", "仓丰路"}, true},
                                  {"岳阳街道", {"人民北路", "谷阳北路"}, true},
                                  {"广富林街道", {"龙源路", "龙腾路"}, true},
                                  {"九里亭街道", {"涞亭南路", "九里亭大街"}, true}};

std::string person(Rng& rng) { return rng.pick(kSurnames) + rng.pick(kGiven); }

Date random_date(Rng& rng, Date from, Date to) {
  return Date::from_days(rng.uniform(from.days(), to.days()));
}

// A random amount around `mean` (± spread), in fen, rounded to `grain` fen.
int64_t around(Rng& rng, double mean_fen, double spread, int64_t grain) {
  double v = mean_fen * rng.real(1.0 - spread, 1.0 + spread);
  int64_t r = static_cast<int64_t>(v) / grain * grain;
  return std::max<int64_t>(grain, r);
}

int64_t random_cents(Rng& rng, int64_t fen) { return fen / 100 * 100 + rng.uniform(0, 99); }

void make_company(Facts& f, const BundlePlan& plan, Rng& rng) {
  Company& c = f.company;
  const Brand& b = rng.pick(kBrands);
  c.brand = b.name;
  c.brand_pinyin = b.pinyin;
  const std::string suffix = rng.pick(kSuffixes);
  c.suffix = suffix;
  c.name = std::string("上海") + b.name + suffix + "有限公司";
  c.type = rng.pick(std::vector<std::string>{"有限责任公司（自然人投资或控股）", "其他有限责任公司",
                                             "有限责任公司（自然人投资或控股的法人独资）"});
  c.legal_rep = person(rng);
  c.registered_capital_fen =
      rng.pick(std::vector<int64_t>{1000, 2000, 3000, 5000, 8000, 10000}) * kWan;
  c.founded = random_date(rng, {2015, 3, 1}, {2022, 10, 31});
  c.license_issued = random_date(rng, {2023, 2, 1}, {2024, 12, 20});
  const bool outside = plan.has(Defect::kNotInSongjiang);
  if (outside) {
    const auto road = rng.pick(
        std::vector<std::string>{"莘庄镇都市路", "七宝镇漕宝路", "虹桥镇申长路", "梅陇镇莲花南路"});
    c.town = road.substr(0, road.find("镇") + 3);
    c.address = "上海市闵行区" + road + std::to_string(rng.uniform(100, 3999)) + "号" +
                std::to_string(rng.uniform(1, 9)) + "幢" + std::to_string(rng.uniform(2, 12)) +
                "层";
    c.authority = "上海市闵行区市场监督管理局";
    c.in_songjiang = false;
    c.uscc = make_uscc(rng, "310112");
  } else {
    const Town& t = rng.pick(kTowns);
    c.town = t.town;
    c.address = std::string("上海市松江区") + t.town + rng.pick(t.roads) +
                std::to_string(rng.uniform(100, 3999)) + "号" + std::to_string(rng.uniform(1, 12)) +
                "幢" + std::to_string(rng.uniform(1, 9)) + "层";
    c.authority = "上海市松江区市场监督管理局";
    c.in_songjiang = true;
    c.uscc = make_uscc(rng, "310117");
  }
  if (plan.has(Defect::kUsccInvalid)) c.uscc = make_unrepairable_invalid(c.uscc, rng);
  c.business_scope =
      "一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；人工智能应用软件开发；"
      "人工智能基础软件开发；人工智能理论与算法软件开发；软件开发；信息系统集成服务；数据处理和存储"
      "支持服务；"
      "计算机系统服务；云计算装备技术服务；信息技术咨询服务。（除依法须经批准的项目外，凭营业执照依"
      "法自主开展经营活动）";
  c.contact = person(rng);
  c.phone = rng.chance(0.5) ? "021-5" + rng.digits(7) : "13" + rng.digits(9);
}

void make_model(Facts& f, const BundlePlan& plan, Rng& rng) {
  ModelInfo m;
  const Company& c = f.company;
  if (f.category == Category::kGeneral) {
    m.model_name =
        c.brand + rng.pick(std::vector<std::string>{"大模型", "通用大模型", "·星河大模型"});
    m.parameters =
        rng.pick(std::vector<int64_t>{130'000'000'000LL, 175'000'000'000LL, 200'000'000'000LL,
                                      530'000'000'000LL, 1'200'000'000'000LL});
    m.parameter_style = static_cast<int>(rng.uniform(0, 3));
    if (plan.has(Defect::kParametersBelowThreshold)) {
      m.parameters = 80'000'000'000LL;  // 800亿: not above 千亿
      m.parameter_style = 0;
    }
    m.evaluator = rng.pick(
        std::vector<std::string>{"SuperCLUE", "上海人工智能实验室（OpenCompass司南）", "Omdia"});
    m.eval_score = rng.real(68.0, 82.0);
    m.eval_rank = static_cast<int>(rng.uniform(3, 9));
    m.filing_kind = "filing";
  } else {
    m.domain = rng.pick(std::vector<std::string>{"工业质检", "医学影像辅助诊断", "金融风控",
                                                 "法律文书审查", "电力设备巡检", "纺织印染工艺优化",
                                                 "汽车零部件缺陷检测"});
    m.model_name = c.brand + m.domain + "大模型";
    m.parameters = rng.pick(std::vector<int64_t>{7'000'000'000LL, 13'000'000'000LL,
                                                 34'000'000'000LL, 70'000'000'000LL});
    m.parameter_style = rng.chance(0.5) ? 0 : 2;
    m.filing_kind = plan.filing_kind;
  }
  m.filing_date = random_date(rng, {2024, 3, 1}, {2025, 1, 31});
  char date8[16];
  std::snprintf(date8, sizeof date8, "%04d%02d%02d", m.filing_date.y, m.filing_date.m,
                m.filing_date.d);
  if (m.filing_kind == "registration") {
    m.filing_number = "Shanghai-" + c.brand_pinyin + "-DJ-" + date8 + rng.digits(4);
  } else if (rng.chance(0.5)) {
    m.filing_number = "Shanghai-" + c.brand_pinyin + "-" + date8 + rng.digits(4);
  } else {
    m.filing_number = "网信算备310117" + rng.digits(8) + "01号";
  }
  if (plan.has(Defect::kFilingMissing)) {
    m.filing_number.clear();
    m.filing_kind.clear();
  }
  const std::string customer_kind = rng.pick(
      std::vector<std::string>{"汽车零部件", "精密机械", "生物医药", "新材料", "电子信息"});
  m.customer = std::string("上海") + rng.pick(kBrands).name + customer_kind + "有限公司";
  m.scenario = f.category == Category::kGeneral
                   ? "松江区" + rng.pick(std::vector<std::string>{
                                    "政务服务智能问答", "G60科创走廊企业服务智能助手",
                                    "城市运行“一网统管”智能分析", "智慧文旅导览"})
                   : m.customer + m.domain + "场景";
  f.model = m;
}

void make_adaptation(Facts& f, const BundlePlan& plan, Rng& rng) {
  AdaptationInfo a;
  a.product = f.company.brand +
              rng.pick(std::vector<std::string>{"智算适配中间件 V2.1", "异构算力适配平台 V3.0",
                                                "大模型推理适配套件 V1.5"});
  std::vector<std::string> pool = {"制造", "金融", "医疗", "教育", "交通",
                                   "能源", "政务", "零售", "物流"};
  rng.shuffle(pool);
  // The scripted adaptation bundles land in tier 1 (2: six industries) and tier 2 (7: three).
  const int n = plan.index == 2 ? 6 : plan.index == 7 ? 3 : static_cast<int>(rng.uniform(1, 7));
  for (int i = 0; i < n; ++i) {
    const int clients = static_cast<int>(rng.uniform(1, 2));
    for (int k = 0; k < clients; ++k) {
      AdaptationClient c;
      c.industry = pool[static_cast<size_t>(i)];
      c.client = std::string("上海") + rng.pick(kBrands).name +
                 rng.pick(std::vector<std::string>{"实业", "控股", "股份", "科技", "服务"}) +
                 "有限公司";
      c.scenario =
          c.industry + rng.pick(std::vector<std::string>{"知识库问答", "智能客服", "文档审核",
                                                         "视觉检测推理", "报表自动生成"});
      c.online = random_date(rng, {2024, 1, 1}, {2025, 3, 31});
      c.monthly_calls = rng.uniform(20, 900) * 10000;
      a.total_calls += c.monthly_calls * rng.uniform(3, 12);
      a.clients.push_back(c);
    }
    a.industries.push_back(pool[static_cast<size_t>(i)]);
  }
  f.adaptation = a;
}

void make_security(Facts& f, Rng& rng) {
  SecurityInfo s;
  s.product_kind = rng.pick(
      std::vector<std::string>{"操作存储系统", "网络通讯系统", "终端办公软件", "核心处理器算法"});
  const std::string product = s.product_kind == "操作存储系统"   ? "分布式存储系统V3.0"
                              : s.product_kind == "网络通讯系统" ? "安全通信网关V2.0"
                              : s.product_kind == "终端办公软件" ? "协同办公套件V5.2"
                                                                 : "国密算法加速引擎V1.0";
  s.product = f.company.brand + product;
  s.lab = rng.pick(std::vector<std::string>{"国家信创产品质量检验检测中心（上海）",
                                            "上海信创软硬件测评中心有限公司",
                                            "华东商用密码检测技术研究院"});
  s.report_no = "SC" + std::to_string(2025) + "-" + rng.digits(5);
  s.fee_fen = rng.uniform(240, 680) * 100 * kYuan * 10;  // 24万-68万, to 1000 yuan
  s.first_pass = true;
  s.test_date = random_date(rng, {2025, 2, 10}, {2025, 4, 30});
  s.invoice_no = "25312000" + rng.digits(12);
  f.security = s;
}

struct RowTemplate {
  InvCategory category;
  const char* item;
  const char* spec;
  double weight;
};

void make_investment(Facts& f, const BundlePlan& plan, Rng& rng) {
  Investment& inv = f.investment;
  inv.unit_wan = rng.chance(0.45);
  inv.total_word = rng.chance(0.6) ? "合计" : "总计";
  double total_wan = 0;
  switch (f.category) {
    case Category::kGeneral:
      total_wan = rng.real(2600, 5600);
      break;
    case Category::kSpecialized:
      total_wan = rng.real(380, 880);
      break;
    case Category::kAdaptation:
      total_wan = rng.real(120, 380);
      break;
    case Category::kSecurity:
      total_wan = rng.real(180, 460);
      break;
    case Category::kUnknown:
      total_wan = rng.real(300, 700);
      break;
  }
  const bool exceed = plan.has(Defect::kHardwareShareExceeded);
  const int64_t grain = inv.unit_wan ? 100 * kYuan : 1;  // 0.01万元 or 0.01元

  std::vector<RowTemplate> hw = {
      {InvCategory::kHardware, "GPU服务器", "8卡国产加速卡训练服务器", 0.62},
      {InvCategory::kHardware, "存储设备", "全闪存分布式存储阵列", 0.24},
      {InvCategory::kHardware, "网络设备", "高速交换机及配套线缆", 0.14}};
  std::vector<RowTemplate> rest = {
      {InvCategory::kDevelopment, "算法研发外包服务", "模型结构优化与训练框架开发", 0.22},
      {InvCategory::kDevelopment, "数据采购及标注", "行业语料采购、清洗与标注", 0.16},
      {InvCategory::kDevelopment, "软件及云服务", "开发工具授权、算力租赁", 0.12},
      {InvCategory::kTesting, "第三方测评费", "模型能力与安全评测", 0.07},
      {InvCategory::kTesting, "系统测试费", "压力测试、渗透测试", 0.05},
      {InvCategory::kPersonnel, "研发人员工资", "项目研发团队工资薪金", 0.30},
      {InvCategory::kPersonnel, "社会保险及公积金", "研发人员社保公积金单位部分", 0.08}};
  if (f.category == Category::kSecurity) {
    rest[3] = {InvCategory::kTesting, "密码安全性测试费", "第三方商用密码检测服务", 0.0};
  }
  for (;;) {
    inv.rows.clear();
    const double share = exceed ? rng.real(0.35, 0.44) : rng.real(0.12, 0.27);
    const double total_fen = total_wan * kWan;
    for (const auto& t : hw)
      inv.rows.push_back(
          {t.category, t.item, t.spec, around(rng, total_fen * share * t.weight, 0.15, grain)});
    double wsum = 0;
    for (const auto& t : rest) wsum += t.weight;
    for (const auto& t : rest) {
      int64_t amount = around(rng, total_fen * (1 - share) * t.weight / wsum, 0.2, grain);
      if (f.category == Category::kSecurity && t.weight == 0.0) amount = f.security->fee_fen;
      inv.rows.push_back({t.category, t.item, t.spec, amount});
    }
    const double s = inv.hardware_share();
    if (exceed ? s > 0.33 : s < 0.285) break;
  }
  inv.stated_total_fen = inv.total_fen();
  if (plan.has(Defect::kInvestmentSumMismatch)) {
    // A 合计 typed by hand: off by a round sum.
    const int64_t delta =
        rng.pick(std::vector<int64_t>{125'000, 180'000, 236'000, 300'000}) * kYuan;
    inv.stated_total_fen += rng.chance(0.5) ? delta : -delta;
  }
}

// Statements: an income statement that adds up, and a balance sheet that balances (unless
// the defect is planted, where the printed 资产总计 is off).
struct Pnl {
  int64_t revenue, cost, tax_surcharge, selling, admin, rd, finance, other_income, op_profit,
      non_op_income, non_op_expense, total_profit, income_tax, net_profit;
};

Pnl make_pnl(Rng& rng, int64_t revenue, double margin) {
  Pnl p{};
  p.revenue = revenue;
  p.tax_surcharge = random_cents(rng, revenue * 4 / 1000);
  p.selling = random_cents(rng, static_cast<int64_t>(revenue * rng.real(0.03, 0.08)));
  p.admin = random_cents(rng, static_cast<int64_t>(revenue * rng.real(0.05, 0.10)));
  p.rd = random_cents(rng, static_cast<int64_t>(revenue * rng.real(0.10, 0.28)));
  p.finance = random_cents(rng, static_cast<int64_t>(revenue * rng.real(-0.004, 0.008)));
  p.other_income = random_cents(rng, static_cast<int64_t>(revenue * rng.real(0.002, 0.02)));
  p.non_op_income = random_cents(rng, static_cast<int64_t>(revenue * rng.real(0.0, 0.002)));
  p.non_op_expense = random_cents(rng, static_cast<int64_t>(revenue * rng.real(0.0, 0.001)));
  p.net_profit = random_cents(rng, static_cast<int64_t>(revenue * margin));
  p.income_tax = p.net_profit > 0 ? p.net_profit / 9 : 0;
  p.total_profit = p.net_profit + p.income_tax;
  p.op_profit = p.total_profit - p.non_op_income + p.non_op_expense;
  p.cost = p.revenue - p.tax_surcharge - p.selling - p.admin - p.rd - p.finance + p.other_income -
           p.op_profit;
  return p;
}

struct Sheet {
  std::vector<int64_t> ca, nca, cl, ncl, eq;  // components
  int64_t ta, tl, te;
};

Sheet make_sheet(Rng& rng, int64_t revenue, int64_t capital) {
  Sheet s;
  const int64_t ta = static_cast<int64_t>(revenue * rng.real(0.8, 1.5));
  auto split = [&](int64_t total, std::vector<double> w) {
    double sum = 0;
    for (double& x : w) sum += (x *= rng.real(0.7, 1.3));
    std::vector<int64_t> out;
    int64_t acc = 0;
    for (size_t i = 0; i + 1 < w.size(); ++i) {
      out.push_back(random_cents(rng, static_cast<int64_t>(total * w[i] / sum)));
      acc += out.back();
    }
    out.push_back(total - acc);
    return out;
  };
  const int64_t ca_total = static_cast<int64_t>(ta * rng.real(0.55, 0.75));
  s.ca = split(ca_total, {0.35, 0.3, 0.05, 0.04, 0.1, 0.03});
  s.nca = split(ta - ca_total, {0.6, 0.2, 0.12, 0.08});
  const int64_t tl = static_cast<int64_t>(ta * rng.real(0.3, 0.58));
  const int64_t cl_total = static_cast<int64_t>(tl * rng.real(0.75, 0.92));
  s.cl = split(cl_total, {0.2, 0.3, 0.12, 0.15, 0.08, 0.15});
  s.ncl = split(tl - cl_total, {0.7, 0.3});
  const int64_t te = ta - tl;
  const int64_t paid_in = std::min(capital, te * 6 / 10) / 100 * 100;
  const int64_t reserve = random_cents(rng, static_cast<int64_t>(te * rng.real(0.1, 0.25)));
  const int64_t surplus = random_cents(rng, static_cast<int64_t>(te * rng.real(0.02, 0.06)));
  s.eq = {paid_in, reserve, surplus, te - paid_in - reserve - surplus};
  s.ta = ta;
  s.tl = tl;
  s.te = te;
  return s;
}

void make_audit(Facts& f, const BundlePlan& plan, Rng& rng) {
  Audit& a = f.audit;
  a.fiscal_year = plan.has(Defect::kAuditYearMismatch) ? 2023 : 2024;
  a.firm = rng.pick(std::vector<std::string>{
      "上海沪松会计师事务所有限公司", "上海智诚会计师事务所（普通合伙）",
      "上海华茸会计师事务所有限公司", "上海申泖会计师事务所（特殊普通合伙）"});
  a.report_no =
      "沪" +
      std::string(rng.pick(std::vector<std::string>{"松会审字", "诚审字", "华审字", "申会审字"})) +
      "〔" + std::to_string(a.fiscal_year + 1) + "〕第" + rng.digits(4) + "号";
  a.cpa1 = person(rng);
  a.cpa2 = person(rng);
  a.opinion_date = random_date(rng, {a.fiscal_year + 1, 3, 5}, {a.fiscal_year + 1, 4, 25});

  double rev_wan = 0;
  switch (f.category) {
    case Category::kGeneral:
      rev_wan = rng.real(9000, 42000);
      break;
    case Category::kSpecialized:
      rev_wan = rng.real(2200, 18000);
      break;
    case Category::kAdaptation:
      rev_wan = rng.real(900, 7000);
      break;
    case Category::kSecurity:
      rev_wan = rng.real(1500, 12000);
      break;
    case Category::kUnknown:
      rev_wan = rng.real(1200, 9000);
      break;
  }
  const int64_t revenue = random_cents(rng, static_cast<int64_t>(rev_wan * kWan));
  const int64_t revenue_prior =
      random_cents(rng, static_cast<int64_t>(revenue / rng.real(1.1, 1.6)));
  const double margin = plan.negative_profit ? -rng.real(0.02, 0.12) : rng.real(0.03, 0.12);
  const Pnl cur = make_pnl(rng, revenue, margin);
  const Pnl pri = make_pnl(rng, revenue_prior, rng.real(-0.02, 0.1));
  const Sheet sc = make_sheet(rng, revenue, f.company.registered_capital_fen);
  const Sheet sp = make_sheet(rng, revenue_prior, f.company.registered_capital_fen);

  auto item = [](const char* label, int64_t c, int64_t p) {
    return StatementLine{label, c, p, false, 1};
  };
  auto total = [](const char* label, int64_t c, int64_t p) {
    return StatementLine{label, c, p, true, 0};
  };
  auto caption = [](const char* label) {
    return StatementLine{label, std::nullopt, std::nullopt, true, 0};
  };
  auto sum = [](const std::vector<int64_t>& v) {
    int64_t s = 0;
    for (auto x : v) s += x;
    return s;
  };

  int64_t printed_ta = sc.ta;
  if (plan.has(Defect::kAuditUnbalanced))
    printed_ta += rng.pick(std::vector<int64_t>{1'000'000, 2'350'000, 860'000}) * kYuan;

  auto& b = a.balance;
  b.push_back(caption("流动资产："));
  const char* ca_labels[] = {"货币资金",   "应收账款", "预付款项",
                             "其他应收款", "存货",     "其他流动资产"};
  for (size_t i = 0; i < sc.ca.size(); ++i) b.push_back(item(ca_labels[i], sc.ca[i], sp.ca[i]));
  b.push_back(total("流动资产合计", sum(sc.ca), sum(sp.ca)));
  b.push_back(caption("非流动资产："));
  const char* nca_labels[] = {"固定资产", "无形资产", "长期待摊费用", "递延所得税资产"};
  for (size_t i = 0; i < sc.nca.size(); ++i) b.push_back(item(nca_labels[i], sc.nca[i], sp.nca[i]));
  b.push_back(total("非流动资产合计", sum(sc.nca), sum(sp.nca)));
  b.push_back(total("资产总计", printed_ta, sp.ta));
  b.push_back(caption("流动负债："));
  const char* cl_labels[] = {"短期借款",     "应付账款", "合同负债",
                             "应付职工薪酬", "应交税费", "其他应付款"};
  for (size_t i = 0; i < sc.cl.size(); ++i) b.push_back(item(cl_labels[i], sc.cl[i], sp.cl[i]));
  b.push_back(total("流动负债合计", sum(sc.cl), sum(sp.cl)));
  b.push_back(caption("非流动负债："));
  const char* ncl_labels[] = {"长期借款", "递延收益"};
  for (size_t i = 0; i < sc.ncl.size(); ++i) b.push_back(item(ncl_labels[i], sc.ncl[i], sp.ncl[i]));
  b.push_back(total("非流动负债合计", sum(sc.ncl), sum(sp.ncl)));
  b.push_back(total("负债合计", sc.tl, sp.tl));
  b.push_back(caption("所有者权益："));
  const char* eq_labels[] = {"实收资本", "资本公积", "盈余公积", "未分配利润"};
  for (size_t i = 0; i < sc.eq.size(); ++i) b.push_back(item(eq_labels[i], sc.eq[i], sp.eq[i]));
  b.push_back(total("所有者权益合计", sc.te, sp.te));
  b.push_back(total("负债和所有者权益总计", sc.tl + sc.te, sp.tl + sp.te));

  auto& in = a.income;
  in.push_back(total("一、营业收入", cur.revenue, pri.revenue));
  in.push_back(item("减：营业成本", cur.cost, pri.cost));
  in.push_back(item("税金及附加", cur.tax_surcharge, pri.tax_surcharge));
  in.push_back(item("销售费用", cur.selling, pri.selling));
  in.push_back(item("管理费用", cur.admin, pri.admin));
  in.push_back(item("研发费用", cur.rd, pri.rd));
  in.push_back(item("财务费用", cur.finance, pri.finance));
  in.push_back(item("加：其他收益", cur.other_income, pri.other_income));
  in.push_back(total("二、营业利润（亏损以“－”号填列）", cur.op_profit, pri.op_profit));
  in.push_back(item("加：营业外收入", cur.non_op_income, pri.non_op_income));
  in.push_back(item("减：营业外支出", cur.non_op_expense, pri.non_op_expense));
  in.push_back(total("三、利润总额（亏损总额以“－”号填列）", cur.total_profit, pri.total_profit));
  in.push_back(item("减：所得税费用", cur.income_tax, pri.income_tax));
  in.push_back(total("四、净利润（净亏损以“－”号填列）", cur.net_profit, pri.net_profit));

  a.total_assets_fen = printed_ta;
  a.total_liabilities_fen = sc.tl;
  a.owners_equity_fen = sc.te;
  a.revenue_fen = cur.revenue;
  a.net_profit_fen = cur.net_profit;
  a.rd_expense_fen = cur.rd;
}

void make_credit(Facts& f, const BundlePlan& plan, Rng& rng) {
  Credit& c = f.credit;
  c.report_date = f.app.date.plus_days(-rng.uniform(1, 12));
  char b[64];
  std::snprintf(b, sizeof b, "%04d%02d%02d", c.report_date.y, c.report_date.m, c.report_date.d);
  c.report_no = std::string("XYBG") + b + rng.digits(8);
  std::snprintf(b, sizeof b, " %02d:%02d:%02d", static_cast<int>(rng.uniform(8, 17)),
                static_cast<int>(rng.uniform(0, 59)), static_cast<int>(rng.uniform(0, 59)));
  c.generated_at = c.report_date.iso() + b;
  if (plan.has(Defect::kCreditSeriousDishonesty)) {
    c.serious_dishonesty = true;
    c.serious_list = "重大税收违法失信主体";
    c.serious_reason = "虚开增值税专用发票，情节严重";
    c.serious_authority = f.company.in_songjiang ? "国家税务总局上海市松江区税务局"
                                                 : "国家税务总局上海市闵行区税务局";
    c.serious_date = random_date(rng, {2024, 5, 1}, {2025, 2, 28});
  }
  if (plan.has(Defect::kCreditRecordsFound)) {
    CreditRecord penalty{"行政处罚",
                         "沪市监松处〔2024〕" + std::to_string(rng.uniform(100, 999)) + "号",
                         "发布虚假广告，违反《中华人民共和国广告法》第二十八条",
                         "罚款人民币伍万元整",
                         "上海市松江区市场监督管理局",
                         random_date(rng, {2024, 6, 1}, {2024, 12, 20}),
                         true};
    CreditRecord abnormal{"经营异常",
                          "沪市监松异〔2024〕" + std::to_string(rng.uniform(100, 999)) + "号",
                          "通过登记的住所或者经营场所无法联系",
                          "列入经营异常名录",
                          "上海市松江区市场监督管理局",
                          random_date(rng, {2024, 1, 10}, {2024, 5, 20}),
                          true};
    CreditRecord old{"行政处罚",
                     "沪松税简罚〔2021〕" + std::to_string(rng.uniform(1000, 9999)) + "号",
                     "未按照规定期限办理纳税申报",
                     "罚款人民币伍佰元整",
                     "国家税务总局上海市松江区税务局",
                     random_date(rng, {2021, 3, 1}, {2021, 11, 30}),
                     false};
    c.records = {penalty, abnormal, old};
  }
}

void make_story(Facts& f, Rng& rng) {
  ProjectStory& s = f.project;
  const Company& co = f.company;
  // The report states it in 万元 with two decimals: the value a reader gets is the rounded one.
  s.total_investment_fen = (f.investment.stated_total_fen + 5000) / 10000 * 10000;
  const std::string place = co.in_songjiang ? "松江区" + co.town : "松江区";
  s.background =
      "当前，以大模型为代表的人工智能技术正加速演进，智能算力已成为数字经济发展的关键基础设施。"
      "松江区依托G60科创走廊和长三角智算中心集群，持续推进智算产业集聚发展。" +
      co.name +
      "长期深耕人工智能基础软件与行业应用，拥有一支以博士、硕士为骨干的研发团队，"
      "具备数据治理、模型训练、推理部署等全链条技术能力。为把握智算产业发展机遇，公司于" +
      f.app.period.substr(0, f.app.period.find("至")) + "启动本项目建设。";
  switch (f.category) {
    case Category::kGeneral: {
      const ModelInfo& m = *f.model;
      s.content =
          "项目围绕通用大模型设计构建，完成了" + m.model_name +
          "的模型架构设计、大规模预训练、指令微调与人类偏好对齐，"
          "模型参数量为" +
          format_parameters(m.parameters, m.parameter_style) +
          "，支持文本、代码、图像等多模态输入，上下文长度达128K。项目同步建设训练数据治理平台、"
          "模型评测平台和推理服务平台，形成覆盖训练、调优、部署的全流程工具链。";
      s.directions =
          "重点面向政务服务、企业服务、智能制造等方向，服务领域涵盖" + m.scenario + "等场景。";
      break;
    }
    case Category::kSpecialized: {
      const ModelInfo& m = *f.model;
      s.content = "项目聚焦" + m.domain + "垂直领域，基于自有行业数据与专家知识，研发了" +
                  m.model_name + "，模型参数量约" +
                  format_parameters(m.parameters, m.parameter_style) +
                  "，形成模型、知识与数据协同工作的新算法和新系统，已在" + m.customer +
                  "完成建设与验收并投入运营。";
      s.directions = "重点方向为" + m.domain + "，服务领域包括制造业质量管控、生产运营优化等。";
      break;
    }
    case Category::kAdaptation: {
      const AdaptationInfo& a = *f.adaptation;
      std::string list;
      for (size_t i = 0; i < a.industries.size(); ++i) list += (i ? "、" : "") + a.industries[i];
      s.content = "项目研发了" + a.product +
                  "，实现国产与国际主流智算芯片、深度学习框架和大模型的通用适配，"
                  "提供模型转换、算子适配、推理加速和统一调度能力，降低企业使用智算资源的门槛。";
      s.directions = "产品已在" + list + "等" + std::to_string(a.industries.size()) +
                     "个行业落地应用，详见《适配产品行业应用清单》。";
      break;
    }
    case Category::kSecurity: {
      const SecurityInfo& se = *f.security;
      s.content = "项目研发了" + se.product + "，属于" + se.product_kind +
                  "类智能先进计算相关产品，全面采用SM2、SM3、SM4等国产商用密码算法，实现身份鉴别、"
                  "数据传输与存储的机密性和完整性保护。产品已送" +
                  se.lab + "进行密码安全性测试并首次通过。";
      s.directions = "重点服务智算中心、政务云及金融行业的自主安全需求。";
      break;
    }
    case Category::kUnknown:
      s.content =
          "项目建设内容包括算力资源调度、数据治理、应用开发与运维服务等模块，形成面向园区企业的一体"
          "化"
          "智算服务能力，已与多家企业开展合作。";
      s.directions = "服务领域以园区企业数字化转型为主。";
      break;
  }
  s.tech = rng.pick(std::vector<std::string>{
      "技术方案采用“云—边—端”协同架构，底层基于国产智算集群与分布式存储，中间层提供模型训练、微调与"
      "推理框架，"
      "上层通过标准化接口为各类应用提供服务。系统采用容器化部署，支持弹性扩展与多租户隔离。",
      "系统采用微服务架构，分为基础设施层、平台层、模型层和应用层。平台层提供数据标注、训练调度、模"
      "型仓库与评测服务，"
      "应用层通过API网关对外提供能力，全链路具备日志审计与权限管控。"});
  s.functions =
      "系统主要功能包括：数据接入与治理、模型训练与调优、模型评测、推理服务、应用编排、运维监控及安"
      "全审计。";
  s.results = "项目实施以来，累计服务企业" + std::to_string(rng.uniform(30, 260)) +
              "家，带动相关产业产值约" + std::to_string(rng.uniform(2, 30)) + "亿元，新增就业岗位" +
              std::to_string(rng.uniform(20, 150)) + "个，申请发明专利" +
              std::to_string(rng.uniform(3, 25)) + "项、软件著作权" +
              std::to_string(rng.uniform(5, 40)) + "项。";
  (void)place;
}

int64_t round_down_wan(int64_t fen) { return fen / kWan * kWan; }

}  // namespace

AwardInputs award_inputs(const Facts& f, const BundlePlan& plan) {
  AwardInputs in;
  in.category = plan.has(Defect::kCategoryUnknown) ? Category::kUnknown : f.category;
  const bool table_readable =
      !(plan.has(Defect::kMaterialMissing) &&
        plan.target(Defect::kMaterialMissing) == Material::kInvestmentTable);
  if (table_readable) {
    in.hardware_fen = f.investment.hardware_fen();
    in.other_fen = f.investment.total_fen() - f.investment.hardware_fen();
  }
  if (f.adaptation) in.industries = static_cast<int>(f.adaptation->industries.size());
  if (f.security) {
    in.test_fee_fen = f.security->fee_fen;
    in.first_pass = f.security->first_pass;
  }
  if (!plan.has(Defect::kCategoryUnknown)) in.requested_fen = f.app.requested_fen;
  return in;
}

Facts make_facts(const BundlePlan& plan, Rng& root) {
  Facts f;
  Rng rng = root.fork("facts");
  f.category = plan.category;
  f.category_stated = !plan.has(Defect::kCategoryUnknown);
  make_company(f, plan, rng);

  Application& app = f.app;
  app.date = random_date(rng, {2025, 6, 5}, {2025, 6, 25});
  app.category_text = category_text(f.category);
  const Date start = random_date(rng, {2023, 3, 1}, {2023, 12, 1});
  const Date end = random_date(rng, {2024, 10, 1}, {2025, 4, 30});
  app.period = std::to_string(start.y) + "年" + std::to_string(start.m) + "月至" +
               std::to_string(end.y) + "年" + std::to_string(end.m) + "月";

  if (f.category == Category::kGeneral || f.category == Category::kSpecialized)
    make_model(f, plan, rng);
  if (f.category == Category::kAdaptation) make_adaptation(f, plan, rng);
  if (f.category == Category::kSecurity) make_security(f, rng);

  const Company& c = f.company;
  switch (f.category) {
    case Category::kGeneral:
      app.project_name = f.model->model_name + "研发及松江应用场景建设项目";
      break;
    case Category::kSpecialized:
      app.project_name = "面向" + f.model->domain + "的专用大模型研发与应用项目";
      break;
    case Category::kAdaptation:
      app.project_name =
          f.adaptation->product.substr(0, f.adaptation->product.find(' ')) + "研发及推广项目";
      break;
    case Category::kSecurity:
      app.project_name = f.security->product + "密码安全性检测项目";
      break;
    case Category::kUnknown:
      app.project_name = c.brand + "智算服务平台建设项目";
      break;
  }

  make_investment(f, plan, rng);

  // The request: within what the rules allow, unless REQUEST_EXCEEDS_CAP is planted.
  const Award award = compute_award(award_inputs(f, plan));
  const int64_t max_award = award.max_award_fen.value_or(100 * kWan);
  if (plan.has(Defect::kRequestExceedsCap)) {
    app.requested_fen = round_down_wan(static_cast<int64_t>(max_award * rng.real(1.2, 1.6))) + kWan;
  } else if (f.category == Category::kAdaptation) {
    app.requested_fen = max_award;
  } else {
    app.requested_fen = std::max<int64_t>(
        kWan, round_down_wan(static_cast<int64_t>(max_award * rng.real(0.8, 1.0))));
  }
  app.summary = "本项目" +
                std::string(f.category == Category::kUnknown ? "面向园区企业提供智算服务"
                                                             : "已完成建设并投入运营") +
                "，项目总投资" + format_wan(f.investment.stated_total_fen) +
                "万元，申请专项支持资金" + format_wan(app.requested_fen) + "万元。";

  make_audit(f, plan, rng);
  make_credit(f, plan, rng);

  StreetApproval& st = f.street;
  const Town& t = c.in_songjiang ? *std::find_if(kTowns.begin(), kTowns.end(),
                                                 [&](const Town& x) { return c.town == x.town; })
                                 : rng.pick(kTowns);
  st.government = t.subdistrict ? std::string("上海市松江区人民政府") + t.town + "办事处"
                                : std::string("上海市松江区") + t.town + "人民政府";
  st.opinion = rng.pick(std::vector<std::string>{
      "经初审，该企业在本辖区依法经营，申报项目真实，申报材料齐全，同意推荐申报。",
      "该单位注册及经营地址属实，项目已建成运营，经审核同意上报区数据局。",
      "情况属实，材料齐全，同意推荐。"});
  st.handler = person(rng);
  st.date = app.date.plus_days(-rng.uniform(2, 8));

  f.honor = rng.pick(
      std::vector<Honor>{{"上海市“专精特新”中小企业", "上海市经济和信息化委员会", "", {}},
                         {"松江区科技小巨人（培育）企业", "上海市松江区科学技术委员会", "", {}},
                         {"松江区人工智能创新应用示范企业", "上海市松江区经济委员会", "", {}}});
  f.honor.number = "SJ" + rng.digits(8);
  f.honor.date = random_date(rng, {2023, 9, 1}, {2024, 12, 30});

  make_story(f, rng);

  if (plan.has(Defect::kUsccMismatch))
    f.uscc_on[plan.target(Defect::kUsccMismatch)] = make_uscc(rng, "310117");
  if (plan.has(Defect::kNameMismatch)) {
    std::string alt = rng.pick(kSuffixes);
    while (alt == c.suffix) alt = rng.pick(kSuffixes);
    const std::string other = "上海" + c.brand + alt + "有限公司";
    f.name_on[plan.target(Defect::kNameMismatch)] = other;
  }
  return f;
}

}  // namespace samplegen
