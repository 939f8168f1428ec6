# The ops tests run the built `shenbao` binary as a child process (crash, signal, shard and
# hostile-input tests), draw their PDFs with the test support library, and write hostile
# ZIPs and PNGs byte by byte with zlib's deflate and crc32.
pkg_check_modules(OPS_TEST_ZLIB REQUIRED IMPORTED_TARGET zlib)
target_link_libraries(test_ops PRIVATE shenbao_test_support PkgConfig::OPS_TEST_ZLIB)
add_dependencies(test_ops shenbao)
