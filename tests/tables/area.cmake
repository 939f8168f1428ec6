# The real-PDF tests read their fixtures through the pipeline's loader (shenbao::load).
target_link_libraries(test_tables PRIVATE shenbao::load)
