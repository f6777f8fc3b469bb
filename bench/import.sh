#!/usr/bin/env bash
# Compares `readiness import` of a cte_enrollments file with the sqlite3 CLI's
# raw .import of the same file, side by side in one run, and reports the
# ratios and peak memory. The file has 1,000,000 rows unless ROWS is set.
#
# Baselines:
#   schema  .import into a table with the columns, primary key and indexes
#           of Readiness's cte_enrollments table (no validation, no hashing)
#   bare    .import into a new table without keys or indexes
# Needs sqlite3 and GNU time (/usr/bin/time). Files go to bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${ROWS:-1000000}
out=bench/out
mkdir -p "$out"
rm -f "$out"/*.db "$out"/*.db-wal "$out"/*.db-shm

go build -tags migrated_fynedo -o "$out/readiness" .
go run ./bench/genenrollments -rows "$rows" -out "$out"

measure() { # label, command...: prints "label seconds peak_kb"
  local label=$1
  shift
  # Write out the files of earlier runs first, so that no run pays for the
  # disk writes of the one before.
  sync
  /usr/bin/time -f "$label %e %M" -o "$out/time.txt" "$@" >/dev/null
  cat "$out/time.txt"
}

schema_sql="CREATE TABLE cte_enrollments (
  student BLOB NOT NULL, school_id TEXT NOT NULL, school_year INTEGER NOT NULL,
  course_id TEXT NOT NULL, section_id TEXT NOT NULL DEFAULT '', term TEXT NOT NULL DEFAULT '',
  cluster TEXT NOT NULL, course_name TEXT NOT NULL DEFAULT '', pathway TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (student, school_id, school_year, course_id, section_id, term)) WITHOUT ROWID;
CREATE INDEX cte_enrollments_school_year ON cte_enrollments (school_year, school_id, cluster, student);"
sqlite3 "$out/schema.db" "$schema_sql"

schema=$(measure schema sqlite3 "$out/schema.db" ".import --csv --skip 1 $out/cte_enrollments.csv cte_enrollments")
bare=$(measure bare sqlite3 "$out/bare.db" ".import --csv $out/cte_enrollments.csv cte_enrollments")
readiness=$(measure readiness "$out/readiness" import -db "$out/readiness.db" "$out/schools.csv" "$out/cte_enrollments.csv")

echo "rows: $rows ($(du -h "$out/cte_enrollments.csv" | cut -f1) CSV)"
printf '%-10s %10s %14s\n' run seconds "peak memory"
for line in "$schema" "$bare" "$readiness"; do
  read -r label secs kb <<<"$line"
  printf '%-10s %10s %11s MB\n' "$label" "$secs" "$((kb / 1024))"
done
read -r _ s_secs _ <<<"$schema"
read -r _ b_secs _ <<<"$bare"
read -r _ r_secs r_kb <<<"$readiness"
awk -v r="$r_secs" -v s="$s_secs" -v b="$b_secs" 'BEGIN {
  printf "ratio readiness/schema: %.2f\nratio readiness/bare:   %.2f\n", r / s, r / b }'
"$out/readiness" check -db "$out/readiness.db" | grep -E "integrity|cte_enrollments"
if [ $((r_kb / 1024)) -ge 200 ]; then
  echo "peak memory $((r_kb / 1024)) MB is over 200 MB" >&2
  exit 1
fi
