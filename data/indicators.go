package data

import (
	"context"
	"errors"

	"readiness/data/indicator"
)

// Filter picks the school and school year of a report.
type Filter struct {
	// DistrictID limits AllSchools to one district's schools; "" means every
	// school in the database.
	DistrictID string
	// SchoolID is a school_id, or indicator.AllSchools for the district.
	SchoolID string
	// Year is the school year by its ending calendar year (2025 is 2024-25).
	Year int
}

// Indicators computes every indicator for one school or the district in one
// school year, sorted by indicator and dimension. Privacy is not applied:
// pass the rows through indicator.Protect before showing them.
func (db *DB) Indicators(ctx context.Context, f Filter) ([]indicator.Row, error) {
	return nil, errors.New("indicators are not computed yet")
}
