// Package charts draws the readiness charts from indicator rows that privacy
// has already been applied to. It returns images or writes PNG and SVG, and
// imports neither SQL nor widget packages.
//
// The charts are laid out here and drawn through go-chart's PNG and SVG
// renderers: go-chart's own bar chart is vertical only, fails on empty and
// all-zero series, and has no way to mark a hidden value.
package charts

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"

	chart "github.com/wcharczuk/go-chart/v2"

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
	// HighContrast is for projectors: black text on white, black bar edges
	// and larger type.
	HighContrast
)

// Input is the data a chart shows. All rows must have passed indicator.Protect,
// with privacy on or off. A Hidden row is never drawn as a length, never
// sizes an axis and never orders anything.
type Input struct {
	Place    string          // school or district name for the title
	Year     int             // school year by its ending calendar year
	Rows     []indicator.Row // the school's (or ALL's) rows for Year
	District []indicator.Row // the district's ALL rows for Year, for comparison
	// History holds rows of earlier years by year, for the trend chart.
	History map[int][]indicator.Row
	// TrendIndicator and TrendDimension pick the trend chart's series; empty
	// means cte_participants and all.
	TrendIndicator string
	TrendDimension string
	// MinN is the privacy minimum n the rows were protected with, for the
	// footnote that explains "*"; 0 means unknown.
	MinN int
	// Note is a last footnote, such as SyntheticNote.
	Note string
}

// Style sets size and look.
type Style struct {
	Width, Height int     // pixels at scale 1; 0 means 1280 by 720
	Scale         float64 // 2 for HiDPI; 0 means 1
	Theme         Theme
}

// Table is the numbers behind a chart, as shown text.
type Table struct {
	Title  string
	Header []string
	Rows   [][]string
}

// maxPixels bounds each side of a rendered image, so a wrong size fails
// instead of allocating gigabytes.
const maxPixels = 16384

// normalize fills in the defaults of a style and checks its size.
func (st Style) normalize() (Style, error) {
	if st.Width == 0 && st.Height == 0 {
		st.Width, st.Height = 1280, 720
	}
	if st.Scale == 0 {
		st.Scale = 1
	}
	if st.Scale < 0.25 || st.Scale > 8 || math.IsNaN(st.Scale) {
		return st, fmt.Errorf("invalid chart scale %g: use 1, or 2 for HiDPI screens", st.Scale)
	}
	w, h := float64(st.Width)*st.Scale, float64(st.Height)*st.Scale
	if st.Width < 1 || st.Height < 1 || w > maxPixels || h > maxPixels {
		return st, fmt.Errorf("invalid chart size %dx%d at scale %g: each side must be 1 to %d pixels", st.Width, st.Height, st.Scale, maxPixels)
	}
	return st, nil
}

func (st Style) pixels() (int, int) {
	return int(math.Round(float64(st.Width) * st.Scale)), int(math.Round(float64(st.Height) * st.Scale))
}

// Render draws a chart into a new RGBA image of Width*Scale by Height*Scale
// pixels without any PNG encoding. It returns an error only for an unknown
// kind or an invalid style: every input draws a chart, an empty one with a
// message. It is safe for concurrent use.
func Render(kind Kind, in Input, st Style) (img *image.RGBA, err error) {
	defer recoverDraw(kind, &err)
	st, p, fig, err := prepare(kind, in, st)
	if err != nil {
		return nil, err
	}

	pw, ph := st.pixels()
	r, err := chart.PNG(pw, ph)
	if err != nil {
		return nil, fmt.Errorf("draw chart %s: %w", kind, err)
	}
	// Save hands a collector the renderer's live image without encoding it,
	// so the canvas can also fill rectangles into it directly.
	var out collector
	if err := r.Save(&out); err != nil || out.img == nil {
		return nil, fmt.Errorf("draw chart %s: the renderer gave no image: %w", kind, err)
	}
	c := newCanvas(r, st.Scale, false)
	c.img = out.img
	draw(c, p, float64(st.Width), float64(st.Height), fig)
	return out.img, nil
}

// prepare checks the style, loads the font and lays out the chart.
func prepare(kind Kind, in Input, st Style) (Style, Palette, figure, error) {
	st, err := st.normalize()
	if err != nil {
		return st, Palette{}, figure{}, err
	}
	if err := LoadFonts(); err != nil {
		return st, Palette{}, figure{}, fmt.Errorf("load chart font: %w", err)
	}
	p := st.Theme.Palette()
	fig, _, err := build(kind, in, p)
	return st, p, fig, err
}

// collector receives the raster renderer's image instead of a PNG stream.
type collector struct{ img *image.RGBA }

func (c *collector) SetRGBA(i *image.RGBA) { c.img = i }
func (c *collector) Write(p []byte) (int, error) {
	return 0, fmt.Errorf("chart image was encoded, not collected")
}

// recoverDraw turns a panic in drawing into an error, so that a chart can
// never take the app down with it.
func recoverDraw(kind Kind, err *error) {
	if v := recover(); v != nil {
		*err = fmt.Errorf("draw chart %s: internal error: %v", kind, v)
	}
}

// WritePNG writes a chart as PNG of Width*Scale by Height*Scale pixels.
func WritePNG(w io.Writer, kind Kind, in Input, st Style) error {
	img, err := Render(kind, in, st)
	if err != nil {
		return err
	}
	if err := png.Encode(w, img); err != nil {
		return fmt.Errorf("write %s chart as PNG: %w", kind, err)
	}
	return nil
}

// WriteSVG writes a chart as SVG laid out at Width by Height and sized
// Width*Scale by Height*Scale. Text names the font Roboto, with the viewer's
// sans-serif font in its place where Roboto is not installed.
func WriteSVG(w io.Writer, kind Kind, in Input, st Style) (err error) {
	defer recoverDraw(kind, &err)
	st, p, fig, err := prepare(kind, in, st)
	if err != nil {
		return err
	}

	r, err := chart.SVG(st.Width, st.Height)
	if err != nil {
		return fmt.Errorf("draw chart %s: %w", kind, err)
	}
	draw(newCanvas(r, 1, true), p, float64(st.Width), float64(st.Height), fig)

	var buf bytes.Buffer
	if err := r.Save(&buf); err != nil {
		return fmt.Errorf("draw chart %s: %w", kind, err)
	}
	// go-chart writes only a viewBox; the size makes viewers show it at scale.
	pw, ph := st.pixels()
	out := bytes.Replace(buf.Bytes(), []byte("<svg "),
		[]byte(fmt.Sprintf(`<svg width="%d" height="%d" `, pw, ph)), 1)
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("write %s chart as SVG: %w", kind, err)
	}
	return nil
}

// TableOf returns the numbers behind a chart as it shows them: hidden values
// as their privacy mark, rates as percentages, an absent value as "". The
// last rows hold the totals ("all") that the chart leaves out. An unknown
// kind returns an empty Table.
func TableOf(kind Kind, in Input) Table {
	_, t, err := build(kind, in, Light.Palette())
	if err != nil {
		return Table{}
	}
	return t
}

// SyntheticNote is the footnote of every chart of the generated demo
// district, so that no copy of it passes for a real district's data.
const SyntheticNote = "Synthetic demo data: not a real district."
