package data

import (
	"context"
	"database/sql"
	"fmt"

	"readiness/data/indicator"
)

// addReported replaces, in rows, each indicator that has no record-level
// rows for the school and year with the publisher's reported values, and
// adds reported indicators that Readiness does not compute.
func (db *DB) addReported(ctx context.Context, rows []indicator.Row, present [sourceCount]bool, schoolID string, year int) ([]indicator.Row, error) {
	reported, err := db.reportedRows(ctx, schoolID, year)
	if err != nil {
		return nil, err
	}
	if len(reported) == 0 {
		return rows, nil
	}

	replaced := map[string]bool{}
	for _, r := range reported {
		source, computed := indicatorSources[r.Indicator]
		if computed && present[source] {
			continue
		}
		replaced[r.Indicator] = true
	}
	var out []indicator.Row
	for _, r := range rows {
		if !replaced[r.Indicator] {
			out = append(out, r)
		}
	}
	for _, r := range reported {
		if replaced[r.Indicator] {
			out = append(out, r)
		}
	}
	return out, nil
}

// reportedRows reads the reported values of one school and year. A masked
// value gets Hidden, no value and Text set to the publisher's mask or "*",
// so that a bound such as ">95%" never passes for a value.
func (db *DB) reportedRows(ctx context.Context, schoolID string, year int) ([]indicator.Row, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT indicator, dimension, value, display, source, suppressed
		FROM reported_indicators WHERE school_id = ? AND school_year = ?`, schoolID, year)
	if err != nil {
		return nil, fmt.Errorf("read reported indicators of school %q: %w", schoolID, err)
	}
	defer rows.Close()
	var list []indicator.Row
	for rows.Next() {
		var (
			r               = indicator.Row{SchoolID: schoolID, Year: year, Privacy: indicator.Staff}
			value           sql.NullFloat64
			display, source string
			suppressed      bool
		)
		if err := rows.Scan(&r.Indicator, &r.Dimension, &value, &display, &source, &suppressed); err != nil {
			return nil, fmt.Errorf("read reported indicators of school %q: %w", schoolID, err)
		}
		r.Source = source
		if r.Source == "" {
			r.Source = "reported"
		}
		switch {
		case suppressed || !value.Valid && display != "":
			r.Hidden = true
			r.Text = display
			if r.Text == "" {
				r.Text = indicator.Suppressed
			}
		default:
			r.Value, r.HasValue = value.Float64, value.Valid
			r.Text = indicator.FormatValue(r.Value, r.HasValue)
		}
		list = append(list, r)
	}
	return list, rows.Err()
}
