# The committed corpus is run and scored once, by tests/e2e/run-corpus, as the setup of a
# CTest fixture; the e2e tests read its result from ${PROJECT_BINARY_DIR}/e2e-corpus.
add_dependencies(test_e2e shenbao shenbao-eval)
add_test(NAME e2e/corpus-run
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e/run-corpus $<TARGET_FILE:shenbao>
                 $<TARGET_FILE:shenbao-eval> ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/e2e-corpus)
set_tests_properties(e2e/corpus-run PROPERTIES FIXTURES_SETUP e2e_corpus TIMEOUT 1800)
set(area_test_properties FIXTURES_REQUIRED e2e_corpus)
