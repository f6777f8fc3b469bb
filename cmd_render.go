package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"readiness/charts"
	"readiness/data"
	"readiness/data/indicator"
)

// trendYears is how many school years the trend chart shows, the rendered
// year included.
const trendYears = 5

// The sizes render accepts: from a small thumbnail to an 8K screen, at up
// to four times the pixel density.
const (
	minWidth, maxWidth   = 320, 7680
	minHeight, maxHeight = 240, 4320
	maxScale             = 4
)

// renderOptions are the flags of the render command.
type renderOptions struct {
	db, school, out, format string
	year                    int
	style                   charts.Style
}

// runRender writes the dashboard charts of one school, or of ALL, in one
// school year as CHART.png or CHART.svg files: the four dashboard charts and
// the trend of CTE participants.
func runRender(args []string) int {
	opt, err := parseRenderFlags(args)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "readiness render: %v\n", err)
		return 2
	}
	paths, err := renderCharts(context.Background(), opt)
	for _, p := range paths {
		fmt.Println(p)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "readiness render: %v\n", err)
		return 1
	}
	return 0
}

func parseRenderFlags(args []string) (renderOptions, error) {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var opt renderOptions
	var year, theme string
	fs.StringVar(&opt.db, "db", "", "database file to read (required)")
	fs.StringVar(&opt.school, "school", "", "school_id, or ALL for the whole district (required)")
	fs.StringVar(&year, "year", "", "school year, such as 2024-25 (required); a year without data is an error (exit 1) that names the years with data")
	fs.StringVar(&opt.out, "out", "", "directory for the images, created when missing (required)")
	fs.StringVar(&opt.format, "format", "png", "image format: png or svg")
	fs.IntVar(&opt.style.Width, "width", 1280, fmt.Sprintf("image width in pixels, %d to %d", minWidth, maxWidth))
	fs.IntVar(&opt.style.Height, "height", 720, fmt.Sprintf("image height in pixels, %d to %d", minHeight, maxHeight))
	fs.Float64Var(&opt.style.Scale, "scale", 1, fmt.Sprintf("pixel density, 1 to %d: 2 doubles the pixels for HiDPI screens", maxScale))
	fs.StringVar(&theme, "theme", "light", "colours: light, dark or contrast (for projectors)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(os.Stdout)
			fs.PrintDefaults()
		}
		return opt, err
	}

	var missing []string
	for name, v := range map[string]string{"-db": opt.db, "-school": opt.school, "-year": year, "-out": opt.out} {
		if v == "" {
			missing = append(missing, name)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		return opt, fmt.Errorf("missing %s: usage: readiness render -db FILE.db -school ID -year YEAR -out DIR [-format png|svg] [-width PX] [-height PX]", strings.Join(missing, ", "))
	}
	y, err := indicator.ParseYear(year)
	if err != nil {
		return opt, err
	}
	opt.year = y
	if opt.format != "png" && opt.format != "svg" {
		return opt, fmt.Errorf("invalid -format %q: choose png or svg", opt.format)
	}
	switch theme {
	case "light":
		opt.style.Theme = charts.Light
	case "dark":
		opt.style.Theme = charts.Dark
	case "contrast":
		opt.style.Theme = charts.HighContrast
	default:
		return opt, fmt.Errorf("invalid -theme %q: choose light, dark or contrast", theme)
	}
	switch {
	case opt.style.Width < minWidth || opt.style.Width > maxWidth:
		return opt, fmt.Errorf("invalid -width %d: use %d to %d pixels", opt.style.Width, minWidth, maxWidth)
	case opt.style.Height < minHeight || opt.style.Height > maxHeight:
		return opt, fmt.Errorf("invalid -height %d: use %d to %d pixels", opt.style.Height, minHeight, maxHeight)
	case !(opt.style.Scale >= 1 && opt.style.Scale <= maxScale):
		return opt, fmt.Errorf("invalid -scale %g: use a number from 1 to %d", opt.style.Scale, maxScale)
	}
	return opt, nil
}

// renderCharts reads the indicators, applies privacy and writes one image
// per chart. It returns the paths written, also when a later chart fails.
func renderCharts(ctx context.Context, opt renderOptions) ([]string, error) {
	db, err := data.OpenReadOnly(ctx, opt.db)
	if err != nil {
		return nil, err
	}
	defer db.Close()

	missing, err := yearWithoutData(ctx, db, opt.year)
	if err != nil {
		return nil, err
	}
	if missing != "" {
		return nil, errors.New(missing + "; choose one of them with -year")
	}
	in, err := chartInput(ctx, db, opt.school, opt.year)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(opt.out, 0o755); err != nil {
		return nil, fmt.Errorf("create output directory: %w", err)
	}
	var written []string
	for _, kind := range append(append([]charts.Kind(nil), charts.Kinds...), charts.Trend) {
		path := filepath.Join(opt.out, string(kind)+"."+opt.format)
		if err := writeChart(path, kind, in, opt); err != nil {
			return written, err
		}
		written = append(written, path)
	}
	return written, nil
}

// chartInput gathers what the charts show for one school or ALL in one year,
// with privacy applied at the database's minimum n.
func chartInput(ctx context.Context, db *data.DB, schoolID string, year int) (charts.Input, error) {
	settings, err := db.Settings(ctx)
	if err != nil {
		return charts.Input{}, err
	}
	place, districtID, err := placeOf(ctx, db, schoolID)
	if err != nil {
		return charts.Input{}, err
	}
	query := func(school string, y int) ([]indicator.Row, error) {
		rows, err := db.Indicators(ctx, data.Filter{DistrictID: districtID, SchoolID: school, Year: y})
		if err != nil {
			return nil, err
		}
		return indicator.Protect(rows, settings.MinN), nil
	}

	in := charts.Input{Place: place, Year: year, MinN: settings.MinN, History: map[int][]indicator.Row{}}
	synthetic, err := db.IsSynthetic(ctx)
	if err != nil {
		return in, err
	}
	if synthetic {
		in.Note = charts.SyntheticNote
	}
	if in.Rows, err = query(schoolID, year); err != nil {
		return in, err
	}
	if schoolID != indicator.AllSchools {
		if in.District, err = query(indicator.AllSchools, year); err != nil {
			return in, err
		}
	}
	years, err := db.Years(ctx)
	if err != nil {
		return in, err
	}
	for _, y := range years {
		if y >= year || y <= year-trendYears {
			continue
		}
		if in.History[y], err = query(schoolID, y); err != nil {
			return in, err
		}
	}
	return in, nil
}

// placeOf returns the name of a school, or of the district for ALL, and the
// district whose ALL rows the school is compared with.
func placeOf(ctx context.Context, db *data.DB, schoolID string) (name, districtID string, err error) {
	schools, err := db.Schools(ctx, "")
	if err != nil {
		return "", "", err
	}
	if schoolID == indicator.AllSchools {
		districts := map[string]string{}
		for _, s := range schools {
			districts[s.DistrictID] = s.DistrictName
		}
		if len(districts) == 1 {
			for _, n := range districts {
				if n != "" {
					return n, "", nil
				}
			}
		}
		return "All schools", "", nil
	}
	var ids []string
	for _, s := range schools {
		if s.ID == schoolID {
			return s.Name, s.DistrictID, nil
		}
		ids = append(ids, s.ID)
	}
	return "", "", fmt.Errorf("school %q not found: choose ALL or a school_id of the database (%s)", schoolID, listIDs(ids, 20))
}

func writeChart(path string, kind charts.Kind, in charts.Input, opt renderOptions) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write chart: %w", err)
	}
	if opt.format == "svg" {
		err = charts.WriteSVG(f, kind, in, opt.style)
	} else {
		err = charts.WritePNG(f, kind, in, opt.style)
	}
	if cerr := f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write chart %s: %w", path, err)
	}
	return nil
}
