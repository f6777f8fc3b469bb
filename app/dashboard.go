package app

import (
	"context"

	"readiness/charts"
	"readiness/data"
	"readiness/data/indicator"
)

// Dashboard is the data of the school dashboard for one selection, before
// privacy. The caller passes the minimum n to Input and Headlines.
type Dashboard struct {
	Selection
	Place        string // the school's name, or the district's
	DistrictName string
	Synthetic    bool

	Rows     []indicator.Row // the school (or ALL) in Year
	District []indicator.Row // the district's ALL rows in Year
	// History holds the school's rows of the year before Year, when the
	// database has that year, for the changes of the headline figures.
	History map[int][]indicator.Row
}

// Previous returns the rows of the school year before Year, or nil when the
// database holds none.
func (d *Dashboard) Previous() []indicator.Row {
	return d.History[d.Year-1]
}

// Load computes the dashboard of one selection: the school's indicators in
// the year and the year before, and the district's in the year. The four
// dashboard charts draw one year, so no longer history is loaded.
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
	if prev := sel.Year - 1; c.info.hasYear(prev) {
		f.Year = prev
		if d.History[prev], err = c.indicators(ctx, f); err != nil {
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

// find returns the row of an indicator and dimension, if rows hold one.
func find(rows []indicator.Row, ind, dim string) (indicator.Row, bool) {
	for _, r := range rows {
		if r.Indicator == ind && r.Dimension == dim {
			return r, true
		}
	}
	return indicator.Row{}, false
}
