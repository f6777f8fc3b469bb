package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"readiness/data/indicator"
)

// addReported replaces, in rows, each indicator that has no record-level
// rows for the school and year with the publisher's reported values, and
// adds reported indicators that Readiness does not compute.
//
// For the district (AllSchools), the reported values are the sums of its
// schools' reported counts; see reportedTotals.
func (db *DB) addReported(ctx context.Context, rows []indicator.Row, present [sourceCount]bool, sc scope, year int) ([]indicator.Row, error) {
	var reported []indicator.Row
	var err error
	if sc.schoolID == indicator.AllSchools {
		reported, err = db.reportedTotals(ctx, sc, year)
	} else {
		reported, err = db.reportedRows(ctx, sc.schoolID, year)
	}
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
		protectReportedCount(&r)
		list = append(list, r)
	}
	return list, rows.Err()
}

// summedIndicators are the reported indicators whose district value is the
// sum of its schools' values. Publishers report district totals this way
// (North Carolina's LEA rows equal the sum of their schools), so a district
// figure can be rebuilt from the school rows without storing LEA rows that
// would be counted twice. Rates and medians are not sums and are left out.
var summedIndicators = []any{
	indicator.CTEParticipants, indicator.CTEConcentrators, indicator.CredentialsEarned,
	indicator.TotalEnrollment, indicator.PostsecondaryStudents,
}

// reportedTotals sums, per indicator and dimension, the reported values of
// the schools in sc. When any school's value is masked, the total is not
// known: the row is Hidden with Text indicator.MaskedTotal and no value, so that a
// partial sum never passes for the district's figure.
func (db *DB) reportedTotals(ctx context.Context, sc scope, year int) ([]indicator.Row, error) {
	query := fmt.Sprintf(`
		SELECT indicator, dimension, sum(value), max(source),
		       max(suppressed = 1 OR value IS NULL)
		FROM reported_indicators
		WHERE `+sc.cond+` AND school_year = ?2 AND indicator IN (%s)
		GROUP BY indicator, dimension`, "school_id", placeholders(3, len(summedIndicators)))
	args := append([]any{sc.arg, year}, summedIndicators...)
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sum reported indicators of the district: %w", err)
	}
	defer rows.Close()
	var list []indicator.Row
	for rows.Next() {
		var (
			r      = indicator.Row{SchoolID: indicator.AllSchools, Year: year, Privacy: indicator.Staff}
			sum    sql.NullFloat64
			masked bool
		)
		if err := rows.Scan(&r.Indicator, &r.Dimension, &sum, &r.Source, &masked); err != nil {
			return nil, fmt.Errorf("sum reported indicators of the district: %w", err)
		}
		if r.Source == "" {
			r.Source = "reported"
		}
		if masked {
			r.Hidden, r.Text = true, indicator.MaskedTotal
		} else {
			r.Value, r.HasValue = sum.Float64, sum.Valid
			r.Text = indicator.FormatValue(r.Value, r.HasValue)
		}
		protectReportedCount(&r)
		list = append(list, r)
	}
	return list, rows.Err()
}

// reportedCounts are the reported indicators that count students.
var reportedCounts = map[string]bool{
	indicator.CTEParticipants: true, indicator.CTEConcentrators: true, indicator.CredentialEarners: true,
	indicator.PostsecondaryStudents: true, indicator.TotalEnrollment: true,
}

// protectReportedCount makes a reported student count subject to the same
// minimum n as a computed one. A publisher may print a count of 1, but the
// projected screen and exports hide it like any other small count. Other
// reported values stay as published.
func protectReportedCount(r *indicator.Row) {
	if !reportedCounts[r.Indicator] || r.Hidden || !r.HasValue {
		return
	}
	r.Privacy = indicator.Count
	r.Students = int(r.Value)
}

// placeholders returns "?first, ?first+1, ..." for n numbered arguments.
func placeholders(first, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "?%d", first+i)
	}
	return b.String()
}
