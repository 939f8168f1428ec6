# The report tests draw their page pictures with the test support library (Pango/Cairo).
target_link_libraries(test_reports PRIVATE shenbao_test_support)
