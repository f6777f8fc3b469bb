package charts

import (
	"math"
	"strings"
)

// drawBars draws a horizontal bar chart in area. Category labels take at most
// labelShare of the width; longer names are wrapped, abbreviated or cut with
// an ellipsis, in that order of preference.
func drawBars(c *canvas, p Palette, s sizes, area box, bc *barChart, labelShare float64) {
	n := len(bc.rows)
	if n == 0 {
		return
	}
	tickH := s.tick * 2
	top := area.y0
	if bc.columnHeader != "" {
		top += s.tick * 1.8
	}
	rowH := math.Min((area.y1-tickH-top)/float64(n), s.label*4.2)
	if rowH <= 0 {
		return
	}
	bottom := top + rowH*float64(n)

	// Text never grows taller than its row allows.
	labelSize := math.Min(s.label, rowH/1.3)
	valueSize := math.Min(s.value, rowH*minBand(bc)*1.15)
	labels, labelW := fitLabels(c, bc.rows, labelSize, area.w()*labelShare, rowH)

	colW, fteW := 0.0, 0.0
	if bc.columnHeader != "" {
		fteW = c.measure(bc.columnHeader, s.tick)
		markW := 0.0
		for _, r := range bc.rows {
			fteW = math.Max(fteW, c.measure(r.column, valueSize))
			if r.mark {
				markW = s.gap + valueSize + s.gap/2 + c.measure(bc.markText, valueSize)
			}
		}
		colW = fteW + markW + s.gap*2
	}

	x0 := area.x0 + labelW + s.gap*1.5
	xRight := area.x1 - colW
	plotW := xRight - x0
	if plotW <= s.gap {
		return
	}

	ax, scale := layoutAxis(c, s, bc, valueSize, plotW)

	// Gridlines and ticks, under the bars.
	for i := 0; i <= ax.ticks; i++ {
		t := float64(i) * ax.step
		x := x0 + t*scale
		if i > 0 {
			c.rect(x-0.5, top, x+0.5, bottom, p.Grid)
		}
		a := alignCenter
		if x+c.measure(formatTick(t, bc.unit), s.tick)/2 > area.x1 {
			a = alignRight
		}
		c.text(formatTick(t, bc.unit), x, bottom+s.tick*1.4, s.tick, p.Muted, a)
	}

	for i, r := range bc.rows {
		y0 := top + float64(i)*rowH
		drawRowLabel(c, p, labels[i], x0-s.gap*1.5, y0+rowH/2, labelSize)
		drawRowBars(c, p, s, r, x0, xRight, y0, rowH, scale, valueSize)
		if bc.columnHeader != "" {
			cy := y0 + rowH/2
			c.textMiddle(r.column, xRight+s.gap*2+fteW, cy, valueSize, p.Text, alignRight)
			if r.mark {
				mx := xRight + s.gap*3 + fteW + valueSize/2
				drawDiamond(c, mx, cy, valueSize*0.45, p.Mark)
				c.textMiddle(bc.markText, mx+valueSize/2+s.gap/2, cy, valueSize, p.Text, alignLeft)
			}
		}
	}
	if bc.columnHeader != "" {
		c.text(bc.columnHeader, xRight+s.gap*2+fteW, top-s.tick*0.6, s.tick, p.Muted, alignRight)
	}
	// The zero line, over the bars' left edges.
	c.rect(x0-1, top, x0+0.5, bottom, p.Axis)
}

// minBand returns the height, as a share of the row, of the thinnest band
// that carries a label, which bounds the value font.
func minBand(bc *barChart) float64 {
	least := 1.0
	for _, r := range bc.rows {
		for _, b := range r.bars {
			if b.label != "" {
				least = math.Min(least, b.bottom-b.top)
			}
		}
	}
	return least
}

// rowLabel is a category label as drawn: name lines, then a muted line.
type rowLabel struct {
	lines []string
	sub   string
}

// fitLabels chooses for each row the longest form of its name that fits in
// maxW: the full name on one line, the full name on two lines, the
// abbreviation, or the name cut with an ellipsis. It returns the labels and
// the width of the widest.
func fitLabels(c *canvas, rows []barRow, size, maxW, rowH float64) ([]rowLabel, float64) {
	lh := size * lineHeight
	budget := int(rowH / lh)
	labels := make([]rowLabel, len(rows))
	widest := 0.0
	for i, r := range rows {
		nameLines := budget
		sub := r.sub
		if sub != "" {
			if budget >= 2 {
				nameLines = budget - 1
			} else {
				sub = ""
			}
		}
		nameLines = max(1, min(nameLines, 2))
		lines := chooseName(c, r, size, maxW, nameLines)
		if r.sub != "" && sub == "" {
			lines = []string{c.ellipsize(lines[0]+" · "+r.sub, size, maxW)}
		}
		labels[i] = rowLabel{lines: lines, sub: sub}
		for _, l := range append(lines, sub) {
			widest = math.Max(widest, c.measure(l, size))
		}
	}
	return labels, widest
}

func chooseName(c *canvas, r barRow, size, maxW float64, maxLines int) []string {
	fits := func(lines []string) bool {
		return !strings.HasSuffix(lines[len(lines)-1], "…")
	}
	if c.measure(r.name, size) <= maxW {
		return []string{r.name}
	}
	if maxLines >= 2 {
		if lines := c.wrap(r.name, size, maxW, 2); fits(lines) {
			return lines
		}
	}
	if r.short != "" {
		if lines := c.wrap(r.short, size, maxW, maxLines); fits(lines) {
			return lines
		}
	}
	return c.wrap(r.name, size, maxW, maxLines)
}

func drawRowLabel(c *canvas, p Palette, l rowLabel, xRight, cy, size float64) {
	lh := size * lineHeight
	n := len(l.lines)
	if l.sub != "" {
		n++
	}
	y := cy - lh*float64(n-1)/2
	for _, line := range l.lines {
		c.textMiddle(line, xRight, y, size, p.Text, alignRight)
		y += lh
	}
	if l.sub != "" {
		c.textMiddle(l.sub, xRight, y, size*0.92, p.Muted, alignRight)
	}
}

// drawRowBars draws a row's bars, their labels and its note.
func drawRowBars(c *canvas, p Palette, s sizes, r barRow, x0, xRight, y0, rowH, scale, valueSize float64) {
	end := x0
	for _, b := range r.bars {
		by0, by1 := y0+b.top*rowH, y0+b.bottom*rowH
		lx := x0 + s.gap
		if b.drawn {
			bx0 := x0 + b.from*scale
			bx1 := x0 + (b.from+b.value)*scale
			if b.value > 0 && bx1-bx0 < 1 {
				bx1 = bx0 + 1 // a value above zero stays visible
			}
			if bx1 > bx0 {
				drawSwatch(c, p, bx0, by0, bx1, by1, b.style, b.color)
			}
			lx = math.Max(bx1, x0) + s.gap
			end = math.Max(end, bx1)
		}
		if b.label != "" {
			col := p.Text
			if b.hidden {
				col = p.Muted
			}
			c.textMiddle(c.ellipsize(b.label, valueSize, xRight-lx), lx, (by0+by1)/2, valueSize, col, alignLeft)
		}
	}
	if r.note != "" {
		lx := end + s.gap
		c.textMiddle(c.ellipsize(r.note, valueSize, xRight-lx), lx, y0+rowH/2, valueSize, p.Text, alignLeft)
	}
}

// axis is a value axis from zero: ticks steps of step.
type axis struct {
	step  float64
	ticks int // the last tick is ticks*step
}

// layoutAxis returns the ticks of the shown values and the scale in pixels per
// data unit. The axis fills the plot unless a label after a bar would then run
// past the right edge. In that case the bars shrink until every label fits.
// Tick steps are 1, 2 or 5 times a power of ten, whole for counts and hours,
// and far enough apart that tick labels never touch. With no value above zero
// there is a single tick at zero and a scale of 0.
func layoutAxis(c *canvas, s sizes, bc *barChart, valueSize, plotW float64) (axis, float64) {
	maxV := bc.max
	fit := math.Inf(1) // the largest scale at which every label fits
	limit := func(end float64, text string) {
		if end <= 0 {
			return
		}
		maxV = math.Max(maxV, end)
		room := plotW - s.gap - c.measure(text, valueSize)
		if room < plotW*0.3 {
			room = plotW * 0.3 // an absurdly long label is cut instead
		}
		fit = math.Min(fit, room/end)
	}
	for _, r := range bc.rows {
		rowEnd := 0.0
		for _, b := range r.bars {
			if b.drawn {
				limit(b.from+b.value, b.label)
				rowEnd = math.Max(rowEnd, b.from+b.value)
			}
		}
		limit(rowEnd, r.note)
	}
	if maxV <= 0 || math.IsInf(maxV, 0) || math.IsNaN(maxV) {
		return axis{step: 1}, 0
	}
	fit = math.Min(fit, plotW/maxV)

	spacing := func(a axis) float64 {
		return c.measure(formatTick(float64(a.ticks)*a.step, bc.unit), s.tick) + 2*s.gap
	}
	for _, step := range niceSteps(maxV, bc.unit) {
		a := axis{step: step, ticks: int(math.Ceil(maxV/step - 1e-9))}
		scale := math.Min(fit, plotW/(float64(a.ticks)*step))
		if a.ticks <= maxTicks && step*scale >= spacing(a) {
			return a, scale
		}
	}
	return axis{step: maxV, ticks: 1}, fit
}

// maxTicks bounds the gridlines of an axis, beyond zero.
const maxTicks = 8

// niceSteps returns candidate tick steps for values up to maxV, smallest
// first.
func niceSteps(maxV float64, u unit) []float64 {
	mag := math.Pow(10, math.Floor(math.Log10(maxV/10)))
	var steps []float64
	for _, m := range []float64{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000} {
		step := m * mag
		if u == unitCount || u == unitHours {
			step = math.Max(1, math.Round(step))
		}
		if len(steps) == 0 || step > steps[len(steps)-1] {
			steps = append(steps, step)
		}
	}
	return steps
}

func formatTick(v float64, u unit) string {
	if u == unitRate {
		return formatValue(v, unitRate)
	}
	if math.Abs(v) >= 1e6 {
		return compact(v)
	}
	return formatValue(v, unitDecimal)
}

// compact writes a large tick value as 1.5M or 20B.
func compact(v float64) string {
	for _, u := range []struct {
		div    float64
		suffix string
	}{{1e12, "T"}, {1e9, "B"}, {1e6, "M"}} {
		if math.Abs(v) >= u.div {
			return trimZeros(formatValue(v/u.div, unitDecimal)) + u.suffix
		}
	}
	return formatValue(v, unitDecimal)
}

// drawColumns draws a vertical bar chart over school years.
func drawColumns(c *canvas, p Palette, s sizes, area box, cc *columnChart) {
	n := len(cc.cols)
	if n == 0 {
		return
	}
	maxV := cc.max
	for _, col := range cc.cols {
		if col.drawn {
			maxV = math.Max(maxV, col.value)
		}
	}
	yearH := s.label * 2
	valueRoom := s.value * 1.8
	plotTop, plotBottom := area.y0+valueRoom, area.y1-yearH
	ax := axis{step: 1}
	if maxV > 0 && !math.IsInf(maxV, 0) {
		for _, step := range niceSteps(maxV, cc.unit) {
			ax = axis{step: step, ticks: int(math.Ceil(maxV/step - 1e-9))}
			if ax.ticks <= maxTicks && (plotBottom-plotTop)/float64(ax.ticks) >= s.tick*2.2 {
				break
			}
		}
	}
	tickW := 0.0
	for i := 0; i <= ax.ticks; i++ {
		tickW = math.Max(tickW, c.measure(formatTick(float64(i)*ax.step, cc.unit), s.tick))
	}
	x0 := area.x0 + tickW + s.gap*1.5
	scale := 0.0
	if ax.ticks > 0 {
		scale = (plotBottom - plotTop) / (float64(ax.ticks) * ax.step)
	}
	for i := 0; i <= ax.ticks; i++ {
		t := float64(i) * ax.step
		y := plotBottom - t*scale
		if i > 0 {
			c.rect(x0, y-0.5, area.x1, y+0.5, p.Grid)
		}
		c.textMiddle(formatTick(t, cc.unit), x0-s.gap, y, s.tick, p.Muted, alignRight)
	}

	slot := (area.x1 - x0) / float64(n)
	barW := math.Min(slot*0.6, s.label*9)
	valueSize := math.Min(s.value, slot/4)
	for i, col := range cc.cols {
		cx := x0 + slot*(float64(i)+0.5)
		ty := plotBottom - s.gap
		if col.drawn {
			y := plotBottom - col.value*scale
			if col.value > 0 && plotBottom-y < 1 {
				y = plotBottom - 1
			}
			drawSwatch(c, p, cx-barW/2, y, cx+barW/2, plotBottom, barSolid, col.color)
			ty = y - s.gap
		}
		tc := p.Text
		if col.hidden {
			tc = p.Muted
		}
		c.text(c.ellipsize(col.text, valueSize, slot), cx, ty, valueSize, tc, alignCenter)
		c.text(c.ellipsize(col.label, s.label, slot), cx, plotBottom+s.label*1.4, s.label, p.Text, alignCenter)
	}
	c.rect(x0, plotBottom-0.5, area.x1, plotBottom+1, p.Axis)
}
