package data

import (
	"context"

	"readiness/data/indicator"
)

// IndicatorsHistory computes the indicators of one school or the district,
// as Indicators does, for each of years, and returns them sorted by year,
// indicator and dimension. Privacy is not applied: pass all the rows
// through indicator.Protect at once before showing them.
func (db *DB) IndicatorsHistory(ctx context.Context, f Filter, years []int) ([]indicator.Row, error) {
	filters := make([]Filter, len(years))
	for i, y := range years {
		filters[i] = f
		filters[i].Year = y
	}
	return db.indicatorsOf(ctx, filters)
}

// SchoolComparison returns one indicator and dimension for every school of
// a district ("" for every school in the database) in one year, sorted by
// school_id, with privacy applied for minimum n minN (0 for privacy off).
// A school without that row is left out.
//
// Privacy is applied here, to each school's full set of rows, because
// complementary suppression needs every dimension of a breakdown. A single
// row protected on its own could show a value that the full report hides.
// It costs one Indicators call per school.
func (db *DB) SchoolComparison(ctx context.Context, districtID string, year int, name, dimension string, minN int) ([]indicator.Row, error) {
	schools, err := db.Schools(ctx, districtID)
	if err != nil {
		return nil, err
	}
	var out []indicator.Row
	for _, s := range schools {
		rows, err := db.Indicators(ctx, Filter{DistrictID: districtID, SchoolID: s.ID, Year: year})
		if err != nil {
			return nil, err
		}
		for _, r := range indicator.Protect(rows, minN) {
			if r.Indicator == name && r.Dimension == dimension {
				out = append(out, r)
			}
		}
	}
	sortRows(out)
	return out, nil
}
