package data

import (
	"context"
	"fmt"
	"strings"
)

// Health is the report on a database file that `readiness check` prints.
type Health struct {
	SchemaVersion int
	// Integrity is the result of PRAGMA integrity_check: "ok", or the
	// problems SQLite found, one a line.
	Integrity string
	Synthetic bool
	Settings  Settings
	Counts    []TableCount
}

// TableCount is the number of rows of one table in one school year. Year is
// 0 for tables without a school year (schools, clusters, imports).
type TableCount struct {
	Table string
	Year  int
	Rows  int
}

// yearColumns names the school year column of each table that has one, in
// the order Check lists the tables.
var yearColumns = []struct{ table, year string }{
	{"schools", ""},
	{"clusters", ""},
	{"students", "school_year"},
	{"cte_enrollments", "school_year"},
	{"concentrator_since", "school_year"},
	{"credentials", "school_year"},
	{"work_based_learning", "school_year"},
	{"teachers", "school_year"},
	{"sections", "school_year"},
	{"postsecondary", "graduation_year"},
	{"reported_indicators", "school_year"},
	{"imports", ""},
}

// Check verifies the file with PRAGMA integrity_check and returns its schema
// version, settings and row counts per table and school year.
func (db *DB) Check(ctx context.Context) (Health, error) {
	var h Health
	var err error
	if h.SchemaVersion, err = db.SchemaVersion(ctx); err != nil {
		return h, fmt.Errorf("read schema version: %w", err)
	}
	if h.Integrity, err = db.integrity(ctx); err != nil {
		return h, err
	}
	if h.Synthetic, err = db.IsSynthetic(ctx); err != nil {
		return h, err
	}
	if h.Settings, err = db.Settings(ctx); err != nil {
		return h, err
	}
	for _, t := range yearColumns {
		counts, err := db.countRows(ctx, t.table, t.year)
		if err != nil {
			return h, err
		}
		h.Counts = append(h.Counts, counts...)
	}
	return h, nil
}

func (db *DB) integrity(ctx context.Context) (string, error) {
	rows, err := db.sql.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return "", fmt.Errorf("check integrity: %w", err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", fmt.Errorf("check integrity: %w", err)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n"), rows.Err()
}

// countRows counts the rows of table, per school year when year names the
// column. A table with no rows gives one count of 0.
func (db *DB) countRows(ctx context.Context, table, year string) ([]TableCount, error) {
	query := "SELECT 0, count(*) FROM " + table
	if year != "" {
		query = "SELECT " + year + ", count(*) FROM " + table + " GROUP BY 1 ORDER BY 1"
	}
	rows, err := db.sql.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("count rows of %s: %w", table, err)
	}
	defer rows.Close()
	var counts []TableCount
	for rows.Next() {
		c := TableCount{Table: table}
		if err := rows.Scan(&c.Year, &c.Rows); err != nil {
			return nil, fmt.Errorf("count rows of %s: %w", table, err)
		}
		counts = append(counts, c)
	}
	if len(counts) == 0 {
		counts = append(counts, TableCount{Table: table})
	}
	return counts, rows.Err()
}
