package charts

import (
	"html"
	"image"
	"image/color"
	imagedraw "image/draw"
	"math"
	"strings"
	"sync"

	"github.com/golang/freetype/truetype"
	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/roboto"
	"golang.org/x/image/font"
)

var (
	fontOnce    sync.Once
	chartFont   *truetype.Font
	fontLoadErr error
)

// LoadFonts parses the chart font (Roboto Medium, embedded in go-chart) once
// and also primes go-chart's own lazily loaded default font, whose first use
// from several goroutines at once is a data race. Call it at start-up; every
// drawing function calls it too. It is safe for concurrent use.
func LoadFonts() error {
	fontOnce.Do(func() {
		chartFont, fontLoadErr = truetype.Parse(roboto.Roboto)
		if fontLoadErr == nil {
			_, fontLoadErr = chart.GetDefaultFont()
		}
	})
	return fontLoadErr
}

// canvas draws on a go-chart renderer in logical pixels: every coordinate and
// font size is multiplied by scale on the way to the renderer, and text is
// escaped for SVG. It measures text with the font's own advance widths, so a
// PNG and an SVG of one chart have the same layout. A canvas is used by one
// goroutine.
type canvas struct {
	r     chart.Renderer
	scale float64
	svg   bool
	faces map[float64]font.Face
	// img is the raster renderer's own image, when drawing a PNG: rectangles
	// are filled into it directly, which is several times faster than
	// through the rasterizer and gives the same pixels at whole-pixel edges.
	img *image.RGBA
}

// canvasDPI makes a font size in points equal one in pixels in the SVG
// renderer and in measurement. The raster renderer of go-chart v2.1.2 turns
// points into pixels as size*DPI/64, not size*DPI/72, so it gets 64 DPI.
const (
	canvasDPI = 72
	rasterDPI = 64
)

func newCanvas(r chart.Renderer, scale float64, svg bool) *canvas {
	if svg {
		r.SetDPI(canvasDPI)
	} else {
		r.SetDPI(rasterDPI)
	}
	return &canvas{r: r, scale: scale, svg: svg, faces: map[float64]font.Face{}}
}

func (c *canvas) px(v float64) int { return int(math.Round(v * c.scale)) }

// rect fills the rectangle from (x0, y0) to (x1, y1).
func (c *canvas) rect(x0, y0, x1, y1 float64, fill color.RGBA) {
	if x1 <= x0 || y1 <= y0 {
		return
	}
	if c.img != nil && fill.A == 255 {
		r := image.Rect(c.px(x0), c.px(y0), c.px(x1), c.px(y1))
		imagedraw.Draw(c.img, r, image.NewUniform(fill), image.Point{}, imagedraw.Src)
		return
	}
	c.r.ResetStyle()
	c.r.SetFillColor(dc(fill))
	c.r.MoveTo(c.px(x0), c.px(y0))
	c.r.LineTo(c.px(x1), c.px(y0))
	c.r.LineTo(c.px(x1), c.px(y1))
	c.r.LineTo(c.px(x0), c.px(y1))
	c.r.Close()
	c.r.Fill()
}

// frame strokes the edge of a rectangle, inside it, width pixels wide.
func (c *canvas) frame(x0, y0, x1, y1, width float64, col color.RGBA) {
	if x1-x0 < 2*width || y1-y0 < 2*width {
		c.rect(x0, y0, x1, y1, col)
		return
	}
	c.rect(x0, y0, x1, y0+width, col)
	c.rect(x0, y1-width, x1, y1, col)
	c.rect(x0, y0+width, x0+width, y1-width, col)
	c.rect(x1-width, y0+width, x1, y1-width, col)
}

// hatch draws diagonal lines, spacing pixels apart, across a rectangle.
func (c *canvas) hatch(x0, y0, x1, y1, spacing, width float64, col color.RGBA) {
	if x1 <= x0 || y1 <= y0 {
		return
	}
	c.r.ResetStyle()
	c.r.SetStrokeColor(dc(col))
	c.r.SetStrokeWidth(width * c.scale)
	// Each line is x + y = s, running up and to the right.
	for s := x0 + y0 + spacing/2; s < x1+y1; s += spacing {
		xa, xb := math.Max(x0, s-y1), math.Min(x1, s-y0)
		if xb <= xa {
			continue
		}
		c.r.MoveTo(c.px(xa), c.px(s-xa))
		c.r.LineTo(c.px(xb), c.px(s-xb))
	}
	c.r.Stroke()
}

// polygon fills the closed shape through the points given as x, y pairs.
func (c *canvas) polygon(fill color.RGBA, xy ...float64) {
	c.r.ResetStyle()
	c.r.SetFillColor(dc(fill))
	c.r.MoveTo(c.px(xy[0]), c.px(xy[1]))
	for i := 2; i+1 < len(xy); i += 2 {
		c.r.LineTo(c.px(xy[i]), c.px(xy[i+1]))
	}
	c.r.Close()
	c.r.Fill()
}

// align is the horizontal anchor of a text at its x coordinate.
type align int

const (
	alignLeft align = iota
	alignRight
	alignCenter
)

// text draws s with its baseline at y.
func (c *canvas) text(s string, x, y, size float64, col color.RGBA, a align) {
	if s == "" {
		return
	}
	switch a {
	case alignRight:
		x -= c.measure(s, size)
	case alignCenter:
		x -= c.measure(s, size) / 2
	}
	c.r.ResetStyle()
	c.r.SetFont(chartFont)
	c.r.SetFontSize(size * c.scale)
	c.r.SetFontColor(dc(col))
	if c.svg {
		s = html.EscapeString(s)
	}
	c.r.Text(s, c.px(x), c.px(y))
}

// textMiddle draws s vertically centred on y, by the height of capitals.
func (c *canvas) textMiddle(s string, x, y, size float64, col color.RGBA, a align) {
	c.text(s, x, y+capHeight*size/2, size, col, a)
}

// Roboto's capital height and line spacing as fractions of the font size.
const (
	capHeight  = 0.711
	lineHeight = 1.25
)

// measure returns the width of s in logical pixels.
func (c *canvas) measure(s string, size float64) float64 {
	face, ok := c.faces[size]
	if !ok {
		face = truetype.NewFace(chartFont, &truetype.Options{Size: size, DPI: canvasDPI})
		c.faces[size] = face
	}
	return float64(font.MeasureString(face, s)) / 64
}

// wrap breaks s into at most maxLines lines no wider than width. The last
// line ends in an ellipsis when the words do not fit.
func (c *canvas) wrap(s string, size, width float64, maxLines int) []string {
	words := strings.Fields(s)
	var lines []string
	line := ""
	for i, w := range words {
		try := strings.TrimSpace(line + " " + w)
		if line == "" || c.measure(try, size) <= width {
			line = try
			continue
		}
		if len(lines) == maxLines-1 {
			line = strings.Join(append([]string{line}, words[i:]...), " ")
			break
		}
		lines = append(lines, line)
		line = w
	}
	lines = append(lines, line)
	for i, l := range lines {
		lines[i] = c.ellipsize(l, size, width)
	}
	return lines
}

// ellipsize shortens s with a trailing ellipsis until it is no wider than width.
func (c *canvas) ellipsize(s string, size, width float64) string {
	if c.measure(s, size) <= width {
		return s
	}
	// Binary search for the longest prefix that fits with the ellipsis.
	r := []rune(s)
	lo, hi := 0, len(r)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if c.measure(strings.TrimRight(string(r[:mid]), " ,&")+"…", size) <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRight(string(r[:lo]), " ,&") + "…"
}
