package app

import (
	"context"
	"math"
	"slices"
	"sort"
	"strings"

	"readiness/data"
	"readiness/data/indicator"
)

// Overview holds every school's indicators of one district in one year, so
// that the district overview can switch indicator without a new query.
type Overview struct {
	DistrictID string
	Year       int
	Schools    []data.School
	District   string                     // the district's name
	rows       map[string][]indicator.Row // by school_id, and AllSchools
}

// LoadOverview computes the indicators of every school of a district, and of
// the district as a whole, in one year.
func (c *Controller) LoadOverview(ctx context.Context, districtID string, year int) (*Overview, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.db == nil {
		return nil, ErrNoDatabase
	}

	o := &Overview{
		DistrictID: districtID,
		Year:       year,
		Schools:    c.info.SchoolsOf(districtID),
		District:   c.info.DistrictName(districtID),
		rows:       map[string][]indicator.Row{},
	}
	for _, s := range o.Schools {
		rows, err := c.indicators(ctx, data.Filter{DistrictID: districtID, SchoolID: s.ID, Year: year})
		if err != nil {
			return nil, err
		}
		o.rows[s.ID] = rows
	}
	rows, err := c.districtIndicators(ctx, data.Filter{DistrictID: districtID, SchoolID: indicator.AllSchools, Year: year})
	if err != nil {
		return nil, err
	}
	o.rows[indicator.AllSchools] = rows
	return o, nil
}

// Cell is one value of the overview table as shown.
type Cell struct {
	Text  string
	Value float64
	Shown bool // a value that is neither hidden nor missing
}

// OverviewRow is one school of the overview table.
type OverviewRow struct {
	SchoolID string
	School   string
	Cells    []Cell // one per dimension column
}

// OverviewTable is one indicator across every school: a column per
// dimension ("all" first, then clusters or types by name) and a row per
// school, with the district's row first.
type OverviewTable struct {
	Indicator  string
	Dimensions []string
	District   OverviewRow
	Schools    []OverviewRow
}

// Table lays out one indicator with privacy applied at minimum n minN (0
// turns it off). Schools come by name.
func (o *Overview) Table(ind string, minN int) OverviewTable {
	t := OverviewTable{Indicator: ind}
	protected := map[string][]indicator.Row{}
	dims := map[string]bool{}
	districtReported := hasReported(o.rows[indicator.AllSchools])
	for id, rows := range o.rows {
		rows = indicator.Protect(rows, minN)
		if districtReported || hasReported(rows) {
			// A publisher's files give some indicators only. The zeros that
			// the indicators compute where no record exists are left out,
			// not shown as measured.
			// NOTE: in a district that has both its own records and a
			// publisher's files, a computed zero is left out too.
			rows = slices.DeleteFunc(rows, func(r indicator.Row) bool {
				return r.Source == "" && !r.Hidden && (!r.HasValue || r.Value == 0)
			})
		}
		protected[id] = rows
		for _, r := range rows {
			if r.Indicator == ind {
				dims[r.Dimension] = true
			}
		}
	}
	for dim := range dims {
		t.Dimensions = append(t.Dimensions, dim)
	}
	sort.Slice(t.Dimensions, func(i, j int) bool {
		a, b := t.Dimensions[i], t.Dimensions[j]
		if (a == indicator.All) != (b == indicator.All) {
			return a == indicator.All
		}
		return strings.ToLower(a) < strings.ToLower(b)
	})

	row := func(id, name string) OverviewRow {
		r := OverviewRow{SchoolID: id, School: name}
		for _, dim := range t.Dimensions {
			r.Cells = append(r.Cells, cellOf(protected[id], ind, dim))
		}
		return r
	}
	t.District = row(indicator.AllSchools, o.District+" (all schools)")
	for _, s := range o.Schools {
		t.Schools = append(t.Schools, row(s.ID, s.Name))
	}
	return t
}

func cellOf(rows []indicator.Row, ind, dim string) Cell {
	r, ok := find(rows, ind, dim)
	switch {
	case !ok:
		return Cell{}
	case r.Hidden || !r.HasValue:
		return Cell{Text: r.Text}
	}
	return Cell{Text: displayValue(ind, r.Value), Value: r.Value, Shown: true}
}

// displayValue writes a shown value for a table on screen: rates as
// percentages, whole numbers with thousands separators, others with up to
// four decimals.
func displayValue(ind string, v float64) string {
	switch {
	case ind == indicator.CredentialRate || ind == indicator.SeatUtilization:
		return formatValue(v, formatRate)
	case v == math.Trunc(v):
		return groupThousands(int64(v))
	}
	return formatPlain(v)
}

// SortBy orders the schools by column col: 0 is the school name, 1 and up
// are the dimensions. Hidden values sort below every shown value and empty
// cells last, in both directions, so the order never reveals a hidden
// value. Ties keep name order.
func (t *OverviewTable) SortBy(col int, descending bool) {
	sort.SliceStable(t.Schools, func(i, j int) bool {
		a, b := t.Schools[i], t.Schools[j]
		if col == 0 || col > len(t.Dimensions) {
			if descending {
				return strings.ToLower(a.School) > strings.ToLower(b.School)
			}
			return strings.ToLower(a.School) < strings.ToLower(b.School)
		}
		ca, cb := a.Cells[col-1], b.Cells[col-1]
		if ra, rb := cellRank(ca), cellRank(cb); ra != rb {
			return ra < rb
		}
		if !ca.Shown || ca.Value == cb.Value {
			return strings.ToLower(a.School) < strings.ToLower(b.School)
		}
		if descending {
			return ca.Value > cb.Value
		}
		return ca.Value < cb.Value
	})
}

// cellRank puts shown values first, hidden ones next and empty cells last.
func cellRank(c Cell) int {
	switch {
	case c.Shown:
		return 0
	case c.Text != "":
		return 1
	}
	return 2
}
