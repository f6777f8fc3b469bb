package charts

import (
	"image/color"
	"math"
)

// figure is a chart laid out in words and numbers, before any drawing: the
// builders of each chart kind fill it from indicator rows, and draw turns it
// into shapes. Nothing in a figure holds a hidden value.
type figure struct {
	title  string
	legend []legendItem
	notes  []string // footnotes under the chart: privacy marks, sources
	// empty, when set, is drawn in place of the chart, such as
	// "No work-based learning hours recorded for 2024-25".
	empty string
	bars  *barChart
	// side is a second, narrower bar chart at the right, with its own title.
	side      *barChart
	sideTitle string
	sideNote  string
	columns   *columnChart
}

// barStyle is the fill of a bar. Styles, not only colours, tell series
// apart, so they survive a washed-out projector and colour blindness.
type barStyle int

const (
	barSolid    barStyle = iota
	barHatched           // a light tint with diagonal lines in the bar's colour
	barOutlined          // an empty box in the bar's colour
	markDiamond          // only in legends: the single-teacher mark
)

type legendItem struct {
	style barStyle
	color color.RGBA
	text  string
}

// bar is one bar of a row. A bar that is not drawn (a hidden value, no value)
// shows only its label, at the place where the bar would start.
type bar struct {
	from, value float64 // in data units; from is 0 unless the bar extends another
	drawn       bool
	label       string // at the bar's end; "" for none
	hidden      bool   // the label is a privacy mark, written muted
	style       barStyle
	color       color.RGBA
	top, bottom float64 // the bar's band within its row, 0 (top) to 1 (bottom)
}

// barRow is one category of a horizontal bar chart.
type barRow struct {
	name, short string // the category and its abbreviation for tight space
	sub         string // a muted second line under the name
	bars        []bar
	note        string // text after the row's longest bar
	noteHidden  bool   // the note holds a privacy mark
	column      string // text in the chart's right column
	mark        bool   // the single-teacher mark in the right column
}

// barChart is a horizontal bar chart: categories down the left, values along
// a shared axis that starts at zero.
type barChart struct {
	rows         []barRow
	unit         unit
	max          float64 // a fixed axis maximum, or 0 to fit the shown values
	columnHeader string  // header of the right column; "" for no column
	markText     string  // text after the mark in the right column
}

// columnChart is a vertical bar chart over school years.
type columnChart struct {
	cols []column
	unit unit
	max  float64 // a fixed axis maximum, or 0 to fit the shown values
}

type column struct {
	label  string // the school year
	value  float64
	drawn  bool
	text   string
	hidden bool
	color  color.RGBA
}

// box is a rectangle in logical pixels.
type box struct{ x0, y0, x1, y1 float64 }

func (b box) w() float64 { return b.x1 - b.x0 }
func (b box) h() float64 { return b.y1 - b.y0 }

// sizes are the font sizes and spacing of one drawing, in logical pixels.
// They grow with the chart, so a 1920x1080 chart looks like a 1280x720 one
// enlarged, and stop shrinking where text would become unreadable.
type sizes struct {
	title, label, value, tick, legend, note, message float64
	pad, gap                                         float64
}

func newSizes(w, h float64, p Palette) sizes {
	u := math.Min(w/1280, h/720)
	f := func(base, least float64) float64 { return math.Max(base*u, least) * p.FontScale }
	return sizes{
		title:   f(25, 13),
		label:   f(16, 10),
		value:   f(15, 9.5),
		tick:    f(14, 9),
		legend:  f(15, 9.5),
		note:    f(13, 8.5),
		message: f(20, 11),
		pad:     math.Max(22*u, 8),
		gap:     math.Max(8*u, 4),
	}
}

// draw paints a figure on the whole canvas.
func draw(c *canvas, p Palette, w, h float64, f figure) {
	c.rect(0, 0, w, h, p.Background)
	s := newSizes(w, h, p)
	area := drawFrame(c, p, s, w, h, f)
	if f.side != nil {
		split := area.x0 + area.w()*0.70
		drawSide(c, p, s, box{split + s.pad, area.y0, area.x1, area.y1}, f)
		area.x1 = split
	}
	switch {
	case f.empty != "" || area.h() < s.label*2:
		for i, line := range c.wrap(f.empty, s.message, area.w(), 3) {
			y := area.y0 + area.h()*0.4 + float64(i)*s.message*lineHeight
			c.textMiddle(line, area.x0+area.w()/2, y, s.message, p.Muted, alignCenter)
		}
	case f.bars != nil:
		drawBars(c, p, s, area, f.bars, 0.36)
	case f.columns != nil:
		drawColumns(c, p, s, area, f.columns)
	}
}

// drawFrame draws the title, the legend and the notes and returns the box
// left for the chart.
func drawFrame(c *canvas, p Palette, s sizes, w, h float64, f figure) box {
	y := s.pad
	for _, line := range c.wrap(f.title, s.title, w-2*s.pad, 2) {
		y += s.title
		c.text(line, s.pad, y, s.title, p.Text, alignLeft)
		y += s.title * (lineHeight - 1)
	}
	y += s.gap
	if len(f.legend) > 0 {
		y = drawLegend(c, p, s, s.pad, y, w-s.pad, f.legend) + s.gap
	}

	bottom := h - s.pad
	var lines []string
	for _, n := range f.notes {
		lines = append(lines, c.wrap(n, s.note, w-2*s.pad, 2)...)
	}
	for i := len(lines) - 1; i >= 0; i-- {
		c.text(lines[i], s.pad, bottom, s.note, p.Muted, alignLeft)
		bottom -= s.note * lineHeight
	}
	if len(lines) > 0 {
		bottom -= s.gap
	}
	return box{s.pad, y + s.gap, w - s.pad, math.Max(bottom, y+s.gap)}
}

// drawLegend writes the items from left to right, wrapping at x1, and
// returns the y below them.
func drawLegend(c *canvas, p Palette, s sizes, x0, y, x1 float64, items []legendItem) float64 {
	sw := s.legend * 1.1 // swatch size
	lh := s.legend * 1.6
	x := x0
	y += lh / 2
	for _, it := range items {
		width := sw + s.gap + c.measure(it.text, s.legend)
		if x > x0 && x+width > x1 {
			x = x0
			y += lh
		}
		drawSwatch(c, p, x, y-sw/2, x+sw, y+sw/2, it.style, it.color)
		c.textMiddle(it.text, x+sw+s.gap, y, s.legend, p.Text, alignLeft)
		x += width + 2.5*s.gap
	}
	return y + lh/2
}

// drawSwatch draws a bar style in a box, as bars and legends show it.
func drawSwatch(c *canvas, p Palette, x0, y0, x1, y1 float64, st barStyle, col color.RGBA) {
	ow := p.OutlineWidth
	switch st {
	case barSolid:
		c.rect(x0, y0, x1, y1, col)
		c.frame(x0, y0, x1, y1, ow, p.outline(col))
	case barHatched:
		c.rect(x0, y0, x1, y1, mix(col, p.Background, 0.72))
		c.hatch(x0, y0, x1, y1, math.Max(5, (y1-y0)/3), math.Max(1.2, ow), col)
		c.frame(x0, y0, x1, y1, ow, p.outline(col))
	case barOutlined:
		// The bar's colour inside a thin edge of the outline colour, so
		// that pale colours stay visible on a light background.
		c.frame(x0, y0, x1, y1, ow, p.outline(col))
		c.frame(x0+ow, y0+ow, x1-ow, y1-ow, 2, col)
	case markDiamond:
		drawDiamond(c, (x0+x1)/2, (y0+y1)/2, (y1-y0)/2, col)
	}
}

func drawDiamond(c *canvas, cx, cy, r float64, col color.RGBA) {
	c.polygon(col, cx, cy-r, cx+r, cy, cx, cy+r, cx-r, cy)
}

// drawSide draws the side chart with its title and note above it.
func drawSide(c *canvas, p Palette, s sizes, area box, f figure) {
	y := area.y0
	for _, line := range c.wrap(f.sideTitle, s.label, area.w(), 2) {
		y += s.label
		c.text(line, area.x0, y, s.label, p.Text, alignLeft)
		y += s.label * (lineHeight - 1)
	}
	for _, line := range c.wrap(f.sideNote, s.note, area.w(), 3) {
		y += s.note * lineHeight
		c.text(line, area.x0, y, s.note, p.Muted, alignLeft)
	}
	y += s.gap * 2
	if f.side == nil || len(f.side.rows) == 0 {
		return
	}
	// The side chart takes the height of its rows, not the whole column.
	rowH := math.Min(s.label*4.2, (area.y1-y)/float64(len(f.side.rows)+1))
	h := rowH*float64(len(f.side.rows)) + s.tick*2
	drawBars(c, p, s, box{area.x0, y, area.x1, math.Min(area.y1, y+h)}, f.side, 0.45)
}
