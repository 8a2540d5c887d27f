# Front end for the two commands in the README:
#   make demo   set up, build, and run the main job on the bundled sample
#   make test   set up, build, and run every test (what CI runs)
# Both install missing Debian packages first (scripts/setup.sh, idempotent).

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
JOBS       ?= $(shell nproc)
FUZZ_SECONDS ?= 30
CMAKE_FLAGS ?=

.PHONY: all setup build demo test unit-test asan-test fuzz-test bench format clean

all: build

setup:
	@./scripts/setup.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@./scripts/demo.sh $(BUILD)/detente

unit-test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
asan-test: setup
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DDETENTE_SANITIZE=ON -DDETENTE_BENCH=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS) -L unit

# libFuzzer targets built with clang-19, each run for a bounded time.
fuzz-test: setup
	CXX=clang++-19 cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DDETENTE_FUZZ=ON -DDETENTE_TESTS=OFF -DDETENTE_BENCH=OFF -DDETENTE_FUZZ_SECONDS=$(FUZZ_SECONDS)
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_reader fuzz_dictionary fuzz_tabari_dict fuzz_petrarch_dict
	cd $(FUZZ_BUILD) && ctest --output-on-failure -L fuzz

test: unit-test asan-test fuzz-test
	@echo "all tests passed"

bench: build
	$(BUILD)/bench/bench_read

format:
	find src tests bench fuzz -name '*.cc' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
