# Tests of the relationship barometer (issue 6), included from
# tests/CMakeLists.txt. Unit tests (gtest) of src/measure; end-to-end tests
# run the real detente binary: ingest small JSONL inputs they write, then
# trend, alerts and report (tests/measure/measure_cli_test.py).
add_executable(detente_measure_tests
  ${CMAKE_CURRENT_SOURCE_DIR}/measure/measure_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/measure/dyad_store_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/measure/dyad_days_test.cc)
target_include_directories(detente_measure_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(detente_measure_tests PRIVATE detente_measure GTest::gtest GTest::gtest_main)
target_compile_definitions(detente_measure_tests PRIVATE
  DETENTE_SHARED_DIR="${DETENTE_SHARED_DIR}"
  DETENTE_DICT_DIR="${DETENTE_DICT_DIR}")
gtest_discover_tests(detente_measure_tests DISCOVERY_TIMEOUT 60 PROPERTIES LABELS unit)

find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  foreach(case trend_json trend_table_csv actor_codes report_html report_png alerts usage default_db real_data)
    add_test(NAME measure_cli_${case}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/measure/measure_cli_test.py
                     $<TARGET_FILE:detente> ${case})
    # Exit status 77: skipped with a reason (a missing tool or corpus).
    set_tests_properties(measure_cli_${case} PROPERTIES LABELS cli TIMEOUT 300 SKIP_RETURN_CODE 77
                         ENVIRONMENT "DETENTE_DICT_DIR=${DETENTE_DICT_DIR};DETENTE_SHARED_DIR=${DETENTE_SHARED_DIR}")
  endforeach()
endif()
