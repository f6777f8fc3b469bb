#!/bin/sh
# Measures one school's report on a 30,000-student and a 1,000,000-student
# five-year demo, a naive GROUP BY baseline on the same files, and the time
# to generate the state-scale demo.
#
# The demo files are generated on the first run (about a minute for the
# large one) into READINESS_BENCH_DIR, default /tmp, and reused afterwards.
# Delete /tmp/readiness-bench-*.db after changing the schema or the demo.
set -eu
cd "$(dirname "$0")/.."
export READINESS_BENCH_DIR="${READINESS_BENCH_DIR:-/tmp}"
go test -tags migrated_fynedo -run '^$' -bench 'BenchmarkReportOneSchool' \
	-benchtime "${BENCHTIME:-50x}" -count "${COUNT:-5}" ./data/
go test -tags migrated_fynedo -run '^$' -bench 'BenchmarkNaiveConcentrators' \
	-benchtime 3x -count 3 -timeout 20m ./data/
go test -tags migrated_fynedo -run '^$' -bench 'BenchmarkGenerateDemoState' \
	-benchtime 1x -count 1 -timeout 20m ./data/
