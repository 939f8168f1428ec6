#include <doctest/doctest.h>

#include "extractors/patterns.h"
#include "test_schemas.h"

using namespace shenbao;

TEST_CASE("schemas/patterns.json compiles and holds every pattern the parsers ask for") {
  const PatternSet& p = shenbao::testing::patterns();
  for (const char* name : {"uscc.run",
                           "uscc.label",
                           "money.amount",
                           "money.uppercase",
                           "money.unit_statement",
                           "date.ymd_cjk",
                           "date.ymd_sep",
                           "date.chinese",
                           "params.cjk",
                           "params.latin",
                           "params.scientific",
                           "params.e_notation",
                           "params.keyword",
                           "params.not_count_after",
                           "params.before.more_than",
                           "params.before.at_least",
                           "params.before.about",
                           "params.after.at_least",
                           "params.after.about",
                           "filing.pinyin",
                           "filing.cac",
                           "filing.labelled",
                           "filing.word.registration",
                           "filing.word.filing"}) {
    CAPTURE(name);
    CHECK(p.has(name));
  }
}

TEST_CASE("schemas/places.json loads with Songjiang and elsewhere names") {
  const Places& pl = shenbao::testing::places();
  CHECK(pl.songjiang().size() >= 17);
  CHECK(pl.elsewhere().size() >= 40);
}
