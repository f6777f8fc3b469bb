package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"readiness/charts"
	"readiness/data"
	"readiness/data/indicator"
)

// stateDemo is the state-scale demo of the data benchmarks: 1,000,000
// students over five school years, one high school per 3,500 students (285
// high schools and 48 skills centers in 48 districts, about 700 MiB).
var stateDemo = data.DemoOptions{Students: 1_000_000, Years: 5, Seed: 1}

// benchWindows are window sizes with the size of one cell of the
// dashboard's 2x2 chart grid in each, as the headless UI lays it out.
var benchWindows = []struct {
	name          string
	width, height int
}{
	{"1280x860", 634, 240},  // the default window
	{"1920x1080", 954, 338}, // a full-HD screen
}

// stateDB returns the state-scale demo in READINESS_BENCH_DIR (default: the
// system's temporary folder), the same file as the data benchmarks use. The
// first run generates it (about a minute); later runs reuse it.
func stateDB(b *testing.B) string {
	b.Helper()
	if testing.Short() {
		b.Skip("state-scale demo skipped in -short mode")
	}
	dir := os.Getenv("READINESS_BENCH_DIR")
	if dir == "" {
		dir = os.TempDir()
	}
	path := filepath.Join(dir, fmt.Sprintf("readiness-bench-%d.db", stateDemo.Students))
	if _, err := os.Stat(path); err != nil {
		require.NoError(b, data.GenerateDemo(context.Background(), path, stateDemo))
	}
	return path
}

// drawFunc turns one chart into an image.
type drawFunc func(charts.Kind, charts.Input, charts.Style) (image.Image, error)

// switchSchool is what the app does when the user picks another school:
// load the dashboard, compute the headline figures and draw the four
// charts, each on its own goroutine as the chart widgets do.
func switchSchool(c *Controller, sel Selection, minN int, st charts.Style, draw drawFunc) error {
	d, err := c.Load(context.Background(), sel)
	if err != nil {
		return err
	}
	_ = d.Headlines(minN)
	in := d.Input(minN)

	var wg sync.WaitGroup
	errs := make([]error, len(charts.Kinds))
	for i, kind := range charts.Kinds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = draw(kind, in, st)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func drawRGBA(kind charts.Kind, in charts.Input, st charts.Style) (image.Image, error) {
	return charts.Render(kind, in, st)
}

// drawViaPNG is the baseline: encode each chart as PNG and decode it again,
// as an image widget loading PNG bytes would.
func drawViaPNG(kind charts.Kind, in charts.Input, st charts.Style) (image.Image, error) {
	var buf bytes.Buffer
	if err := charts.WritePNG(&buf, kind, in, st); err != nil {
		return nil, err
	}
	return png.Decode(&buf)
}

// openState opens the state-scale demo and returns the selections of every
// school of its first district in the default year.
func openState(b *testing.B) (*Controller, []Selection) {
	b.Helper()
	c := NewController()
	info, err := c.Open(context.Background(), stateDB(b))
	require.NoError(b, err)
	b.Cleanup(func() { c.Close() })
	district := info.Districts[0].ID
	var list []Selection
	for _, s := range info.SchoolsOf(district) {
		list = append(list, Selection{DistrictID: district, SchoolID: s.ID, Year: info.DefaultYear})
	}
	return c, list
}

// BenchmarkSwitchSchool measures switching between the schools of one
// district of the state-scale demo.
func BenchmarkSwitchSchool(b *testing.B) {
	c, schools := openState(b)
	minN := effectiveMinN(10, c.Info().Settings)

	for _, win := range benchWindows {
		st := charts.Style{Width: win.width, Height: win.height, Scale: 1, Theme: charts.Light}
		for _, bench := range []struct {
			name string
			draw drawFunc
		}{
			{"RGBA", drawRGBA},
			{"PNG", drawViaPNG},
		} {
			b.Run(win.name+"/"+bench.name, func(b *testing.B) {
				i := 0
				for b.Loop() {
					if err := switchSchool(c, schools[i%len(schools)], minN, st, bench.draw); err != nil {
						b.Fatal(err)
					}
					i++
				}
			})
		}
	}
}

// BenchmarkLoadDashboard measures the queries of a school switch alone:
// sequential is (*Controller).Load, which runs the school's query, the
// district's (cached) and the previous year's one after the other;
// concurrent runs the same queries at once, each on its own connection.
func BenchmarkLoadDashboard(b *testing.B) {
	c, schools := openState(b)
	for _, bench := range []struct {
		name string
		load func(context.Context, Selection) error
	}{
		{"sequential", func(ctx context.Context, sel Selection) error { _, err := c.Load(ctx, sel); return err }},
		{"concurrent", func(ctx context.Context, sel Selection) error { return loadConcurrent(ctx, c, sel) }},
	} {
		b.Run(bench.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				if err := bench.load(context.Background(), schools[i%len(schools)]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// loadConcurrent runs the queries of Load at once.
func loadConcurrent(ctx context.Context, c *Controller, sel Selection) error {
	c.mu.RLock()
	defer c.mu.RUnlock()
	f := data.Filter{DistrictID: sel.DistrictID, SchoolID: sel.SchoolID, Year: sel.Year}
	all, prev := f, f
	all.SchoolID = indicator.AllSchools
	prev.Year--
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i, run := range []func() error{
		func() error { _, err := c.indicators(ctx, f); return err },
		func() error { _, err := c.districtIndicators(ctx, all); return err },
		func() error { _, err := c.indicators(ctx, prev); return err },
	} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = run()
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// BenchmarkDrawChart measures each chart alone, drawn to RGBA and through
// PNG, for one school of the state-scale demo in the default window.
func BenchmarkDrawChart(b *testing.B) {
	c, schools := openState(b)
	d, err := c.Load(context.Background(), schools[0])
	require.NoError(b, err)
	in := d.Input(10)
	st := charts.Style{Width: benchWindows[0].width, Height: benchWindows[0].height, Scale: 1, Theme: charts.Light}
	for _, kind := range charts.Kinds {
		b.Run(string(kind)+"/RGBA", func(b *testing.B) {
			for b.Loop() {
				if _, err := drawRGBA(kind, in, st); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(string(kind)+"/PNG", func(b *testing.B) {
			for b.Loop() {
				if _, err := drawViaPNG(kind, in, st); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
