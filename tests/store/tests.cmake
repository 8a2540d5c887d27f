# Tests of the event store (issue 5), included from tests/CMakeLists.txt.
# Unit tests (gtest) of the store library; end-to-end tests run the real
# detente binary on inputs they write (tests/store/store_cli_test.py).
find_package(ZLIB REQUIRED)
add_executable(detente_store_tests
  ${CMAKE_CURRENT_SOURCE_DIR}/store/hash_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/store/byte_stream_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/store/warc_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/store/plover_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/store/records_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/store/event_store_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/store/ingest_test.cc)
target_include_directories(detente_store_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(detente_store_tests PRIVATE detente_store GTest::gtest GTest::gtest_main ZLIB::ZLIB)
target_compile_definitions(detente_store_tests PRIVATE
  DETENTE_SHARED_DIR="${DETENTE_SHARED_DIR}"
  DETENTE_DICT_DIR="${DETENTE_DICT_DIR}")
gtest_discover_tests(detente_store_tests DISCOVERY_TIMEOUT 60 PROPERTIES LABELS unit)

find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  foreach(case ingest_basic dedup bad_input warc kill_resume read_while_writing query_formats query_filters
          stats default_db big_tsv)
    add_test(NAME store_cli_${case}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/store/store_cli_test.py
                     $<TARGET_FILE:detente> ${case})
    set_tests_properties(store_cli_${case} PROPERTIES LABELS cli TIMEOUT 300
                         ENVIRONMENT "DETENTE_DICT_DIR=${DETENTE_DICT_DIR}")
  endforeach()
endif()
