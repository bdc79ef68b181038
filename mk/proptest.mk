# The merge's property tests at length. Included by the root Makefile.
#
#   make proptest-long   100,000 cases per property of the merge planner (juri-bundle); a plain
#                        `cargo test` runs 1,000. PROPTEST_CASES=n picks another number.

PROPTEST_LONG_CASES ?= 100000

.PHONY: proptest-long

proptest-long: deps
	PROPTEST_CASES=$(PROPTEST_LONG_CASES) cargo test -p juri-bundle --test merge_props --test keyed_props
