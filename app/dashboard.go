package app

import (
	"context"
	"errors"
	"sync"

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
	// The three queries are independent: run them at once, each on its own
	// read connection. The district's rows are usually cached.
	var (
		wg          sync.WaitGroup
		errs        [3]error
		prevRows    []indicator.Row
		prev        = sel.Year - 1
		f           = data.Filter{DistrictID: sel.DistrictID, SchoolID: sel.SchoolID, Year: sel.Year}
		all         = data.Filter{DistrictID: sel.DistrictID, SchoolID: indicator.AllSchools, Year: sel.Year}
		hasPrevious = c.info.hasYear(prev)
	)
	wg.Add(2)
	go func() {
		defer wg.Done()
		d.District, errs[1] = c.districtIndicators(ctx, all)
	}()
	if hasPrevious {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g := f
			g.Year = prev
			prevRows, errs[2] = c.indicators(ctx, g)
		}()
	}
	go func() {
		defer wg.Done()
		d.Rows, errs[0] = c.indicators(ctx, f)
	}()
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		return nil, err
	}
	if hasPrevious {
		d.History[prev] = prevRows
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
