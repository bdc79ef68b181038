# Fuzzing, outside `make test`. Included by the root Makefile.
#
#   make fuzz   every target in fuzz/ (cargo-fuzz, nightly toolchain; both installed when missing)
#               for FUZZ_SECONDS seconds each (300 by default); FUZZ_TARGETS="a b" picks some.

.PHONY: fuzz

fuzz: deps
	bash mk/fuzz.sh
