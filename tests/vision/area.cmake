# test_vision draws its pages (text, seals, red titles, tables) with Cairo and Pango.
pkg_check_modules(VISION_TEST_CAIRO REQUIRED IMPORTED_TARGET cairo pangocairo)
target_link_libraries(test_vision PRIVATE PkgConfig::VISION_TEST_CAIRO)
# The scanned-table test reads its page on into investment rows (extractors).
target_link_libraries(test_vision PRIVATE shenbao::extractors)
