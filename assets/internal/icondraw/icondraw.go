// Package icondraw draws the Readiness icon at any pixel size and encodes it
// as a Windows .ico file. The drawing is defined on a 16 by 16 unit grid whose
// edges fall on whole pixels at 16 px and every multiple of 16, so the small
// sizes stay sharp instead of being blurred down from a large image.
package icondraw

import (
	"image"
	"image/color"
	"math"
)

// Grid is the number of design units across the icon.
const Grid = 16

// rect is an axis-aligned rectangle in grid units with rounded corners.
type rect struct {
	x0, y0, x1, y1 float64
	radius         float64
}

// contains reports whether the point (x, y), in grid units, lies inside r.
func (r rect) contains(x, y float64) bool {
	if x < r.x0 || x >= r.x1 || y < r.y0 || y >= r.y1 {
		return false
	}
	// Distance into the corner square, when the point is in one.
	cx := math.Max(r.x0+r.radius-x, x-(r.x1-r.radius))
	cy := math.Max(r.y0+r.radius-y, y-(r.y1-r.radius))
	if cx <= 0 || cy <= 0 {
		return true
	}
	return cx*cx+cy*cy <= r.radius*r.radius
}

// The tile fills the whole square: fyne package masks and pads it again for
// macOS, and on Windows the rounded corners keep it from reading as a window.
var tile = rect{0, 0, 16, 16, 3}

// A column chart of three rising bars on a baseline, centered on the tile:
// a school's readiness indicators going up. The baseline keeps it from
// reading as a signal-strength meter, and the tallest bar carries the accent.
// Each bar runs down into the baseline, which is listed first and so hides the
// bars' lower rounded corners.
var bars = []struct {
	rect
	fill color.NRGBA
}{
	{rect{3, 11, 13, 12, 0.25}, white},
	{rect{4, 8, 6, 12, 0.25}, white},
	{rect{7, 6, 9, 12, 0.25}, white},
	{rect{10, 3, 12, 12, 0.25}, amber},
}

var (
	tileTop    = color.NRGBA{0x24, 0x63, 0xB8, 0xFF}
	tileBottom = color.NRGBA{0x12, 0x36, 0x6E, 0xFF}
	white      = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	amber      = color.NRGBA{0xFF, 0xC2, 0x1A, 0xFF}
)

// samples is the number of sub-samples per pixel along each axis, for
// anti-aliased edges.
const samples = 8

// Draw renders the icon as a size by size image with a transparent
// background outside the rounded tile.
func Draw(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scale := float64(Grid) / float64(size)
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			img.SetNRGBA(px, py, pixel(px, py, scale))
		}
	}
	return img
}

// pixel averages the sub-samples of one pixel, weighting colors by their
// coverage so that a tile edge does not darken towards transparent black.
func pixel(px, py int, scale float64) color.NRGBA {
	var r, g, b, a float64
	for sy := 0; sy < samples; sy++ {
		for sx := 0; sx < samples; sx++ {
			x := (float64(px) + (float64(sx)+0.5)/samples) * scale
			y := (float64(py) + (float64(sy)+0.5)/samples) * scale
			c, ok := sample(x, y)
			if !ok {
				continue
			}
			r += float64(c.R)
			g += float64(c.G)
			b += float64(c.B)
			a++
		}
	}
	if a == 0 {
		return color.NRGBA{}
	}
	return color.NRGBA{
		R: uint8(math.Round(r / a)),
		G: uint8(math.Round(g / a)),
		B: uint8(math.Round(b / a)),
		A: uint8(math.Round(a * 255 / (samples * samples))),
	}
}

// sample returns the opaque color at (x, y) in grid units, or false outside
// the tile.
func sample(x, y float64) (color.NRGBA, bool) {
	if !tile.contains(x, y) {
		return color.NRGBA{}, false
	}
	for _, bar := range bars {
		if bar.contains(x, y) {
			return bar.fill, true
		}
	}
	return mix(tileTop, tileBottom, y/Grid), true
}

// mix interpolates linearly from c0 (t = 0) to c1 (t = 1).
func mix(c0, c1 color.NRGBA, t float64) color.NRGBA {
	lerp := func(a, b uint8) uint8 {
		return uint8(math.Round(float64(a) + (float64(b)-float64(a))*t))
	}
	return color.NRGBA{lerp(c0.R, c1.R), lerp(c0.G, c1.G), lerp(c0.B, c1.B), 0xFF}
}
