# BuergerHAL. The README names two commands: `make demo` (main job) and `make test` (all tests).
# Both install missing Debian packages first (needs root) and build with SwiftPM.

SWIFT ?= swift

.PHONY: demo test bench build deps clean fuzz fuzz-ci test-sanitize

## Main job: install what is missing, build, and run the self-test of all four families on simulators.
demo: deps build
	.build/debug/bhal selftest --simulate

## The whole test suite against real services (pcscd + vpcd + virtual card, private cupsd).
test:
	scripts/test.sh

## Benchmarks with figures and ratios against a peer measured in the same run (not part of `make test`).
bench:
	scripts/bench.sh

## Coverage-guided fuzzing of every parser (libFuzzer + ASan, .build-fuzz): FUZZ_SECONDS per target (600).
fuzz:
	scripts/fuzz.sh

## The short fuzz pass for CI: 30 s per target, two targets at a time; a crash fails.
fuzz-ci:
	FUZZ_SECONDS=$${FUZZ_SECONDS:-30} FUZZ_JOBS=$${FUZZ_JOBS:-2} scripts/fuzz.sh

## The whole test suite under AddressSanitizer (.build-asan), then ThreadSanitizer (.build-tsan).
test-sanitize:
	scripts/test-sanitize.sh

## Build the package (no tests).
build: deps
	$(SWIFT) build

## Install missing Debian packages (libraries, pcscd, cupsd, test peers).
deps:
	scripts/install-deps.sh

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan
