# BuergerHAL. The README names two commands: `make demo` (main job) and `make test` (all tests).
# Both install missing Debian packages first (needs root) and build with SwiftPM.

SWIFT ?= swift

.PHONY: demo test bench build deps clean

## Main job: install what is missing, build, and run the self-test of all four families on simulators.
demo: deps build
	.build/debug/bhal selftest --simulate

## The whole test suite against real services (pcscd + vpcd + virtual card, private cupsd).
test:
	scripts/test.sh

## Benchmarks with figures and ratios against a peer measured in the same run (not part of `make test`).
bench:
	scripts/bench.sh

## Build the package (no tests).
build: deps
	$(SWIFT) build

## Install missing Debian packages (libraries, pcscd, cupsd, test peers).
deps:
	scripts/install-deps.sh

clean:
	rm -rf .build
