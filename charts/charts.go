// Package charts draws the readiness charts from indicator rows that privacy
// has already been applied to. It returns images or writes PNG and SVG, and
// knows nothing of SQL or widgets.
package charts

import (
	"errors"
	"image"
	"io"

	"readiness/data/indicator"
)

// Kind names a chart.
type Kind string

const (
	Enrollment  Kind = "enrollment"
	Credentials Kind = "credentials"
	Internships Kind = "internships"
	Capacity    Kind = "capacity"
	Trend       Kind = "trend"
)

// Kinds are the four dashboard charts in display order.
var Kinds = []Kind{Enrollment, Credentials, Internships, Capacity}

// Theme is the colour scheme of a chart.
type Theme int

const (
	Light Theme = iota
	Dark
	HighContrast
)

// Input is what a chart shows. All rows must have passed indicator.Protect
// (with privacy on or off); a Hidden row is never drawn as a length.
type Input struct {
	Place    string          // school or district name for the title
	Year     int             // school year by its ending calendar year
	Rows     []indicator.Row // the school's (or ALL's) rows for Year
	District []indicator.Row // the district's ALL rows for Year, for comparison
	// History holds rows of earlier years by year, for the trend chart.
	History map[int][]indicator.Row
	// TrendIndicator and TrendDimension pick the trend chart's series.
	TrendIndicator string
	TrendDimension string
}

// Style sets size and look.
type Style struct {
	Width, Height int     // pixels at scale 1
	Scale         float64 // 2 for HiDPI; 0 means 1
	Theme         Theme
}

// Table is the numbers behind a chart, as shown text.
type Table struct {
	Title  string
	Header []string
	Rows   [][]string
}

// Render draws a chart into a new RGBA image of Width*Scale by Height*Scale
// pixels without any PNG encoding.
func Render(kind Kind, in Input, st Style) (*image.RGBA, error) {
	return nil, errors.New("charts are not drawn yet")
}

// WritePNG writes a chart as PNG.
func WritePNG(w io.Writer, kind Kind, in Input, st Style) error {
	return errors.New("charts are not drawn yet")
}

// WriteSVG writes a chart as SVG.
func WriteSVG(w io.Writer, kind Kind, in Input, st Style) error {
	return errors.New("charts are not drawn yet")
}

// TableOf returns the numbers behind a chart, privacy already applied.
func TableOf(kind Kind, in Input) Table {
	return Table{}
}
