package app

import (
	"context"
	"sort"

	"readiness/charts"
	"readiness/data"
	"readiness/data/indicator"
)

// trendYears is how many school years, the shown one included, a dashboard
// loads for the charts' history.
const trendYears = 5

// Dashboard is everything the school dashboard shows for one selection,
// before privacy: the caller picks the minimum n when it asks for chart input
// or headline figures.
type Dashboard struct {
	Selection
	Place        string // the school's name, or the district's
	DistrictName string
	Synthetic    bool

	Rows     []indicator.Row         // the school (or ALL) in Year
	District []indicator.Row         // the district's ALL rows in Year
	History  map[int][]indicator.Row // the school in earlier years with data
}

// Previous returns the rows of the school year before Year, or nil when the
// database holds none.
func (d *Dashboard) Previous() []indicator.Row {
	return d.History[d.Year-1]
}

// Load computes the dashboard of one selection: the school's indicators in
// the year and up to four earlier years, and the district's in the year.
func (c *Controller) Load(ctx context.Context, sel Selection) (*Dashboard, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.db == nil {
		return nil, ErrNoDatabase
	}

	d := &Dashboard{
		Selection:    sel,
		Place:        c.info.SchoolName(sel.DistrictID, sel.SchoolID),
		DistrictName: c.info.DistrictName(sel.DistrictID),
		Synthetic:    c.info.Synthetic,
		History:      map[int][]indicator.Row{},
	}
	var err error
	f := data.Filter{DistrictID: sel.DistrictID, SchoolID: sel.SchoolID, Year: sel.Year}
	if d.Rows, err = c.indicators(ctx, f); err != nil {
		return nil, err
	}
	all := data.Filter{DistrictID: sel.DistrictID, SchoolID: indicator.AllSchools, Year: sel.Year}
	if d.District, err = c.districtIndicators(ctx, all); err != nil {
		return nil, err
	}
	for y := sel.Year - 1; y > sel.Year-trendYears; y-- {
		if !c.info.hasYear(y) {
			continue
		}
		f.Year = y
		if d.History[y], err = c.indicators(ctx, f); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// Input returns what the charts draw, with privacy applied at minimum n
// minN (0 turns privacy off).
func (d *Dashboard) Input(minN int) charts.Input {
	in := charts.Input{
		Place:    d.Place,
		Year:     d.Year,
		Rows:     indicator.Protect(d.Rows, minN),
		District: indicator.Protect(d.District, minN),
		History:  map[int][]indicator.Row{},
	}
	for y, rows := range d.History {
		in.History[y] = indicator.Protect(rows, minN)
	}
	return in
}

// HistoryYears returns the years of History, oldest first.
func (d *Dashboard) HistoryYears() []int {
	years := make([]int, 0, len(d.History))
	for y := range d.History {
		years = append(years, y)
	}
	sort.Ints(years)
	return years
}

// find returns the row of an indicator and dimension, if rows hold one.
func find(rows []indicator.Row, ind, dim string) (indicator.Row, bool) {
	for _, r := range rows {
		if r.Indicator == ind && r.Dimension == dim {
			return r, true
		}
	}
	return indicator.Row{}, false
}
