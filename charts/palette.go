package charts

import (
	"hash/fnv"
	"image/color"
	"math"

	"github.com/wcharczuk/go-chart/v2/drawing"

	"readiness/data/cluster"
	"readiness/data/indicator"
)

// Palette is the set of colours a theme draws with. Cluster colours are the
// same in every theme, so a cluster keeps its colour from screen to projector.
type Palette struct {
	Background color.RGBA
	Text       color.RGBA // titles, labels and values
	Muted      color.RGBA // hidden values, notes and second lines
	Grid       color.RGBA // gridlines
	Axis       color.RGBA // the zero line
	Accent     color.RGBA // bars that are not a cluster: experience types, this school's rate
	Compare    color.RGBA // the district's rate beside the school's
	Mark       color.RGBA // the single-teacher mark
	// Outline is the bar edge. The zero value means a darker (light themes)
	// or lighter (dark theme) shade of each bar's own colour.
	Outline      color.RGBA
	OutlineWidth float64 // in pixels at scale 1
	FontScale    float64 // text size relative to the light theme
}

// Palette returns the palette of a theme. An unknown theme gets Light's.
func (th Theme) Palette() Palette {
	switch th {
	case Dark:
		return Palette{
			Background:   rgb(0x1e1e1e),
			Text:         rgb(0xf0f0f0),
			Muted:        rgb(0xbdbdbd),
			Grid:         rgb(0x3c3c3c),
			Axis:         rgb(0x9a9a9a),
			Accent:       rgb(0x77aadd),
			Compare:      rgb(0xaaaaaa),
			Mark:         rgb(0xf0f0f0),
			OutlineWidth: 1,
			FontScale:    1,
		}
	case HighContrast:
		return Palette{
			Background:   rgb(0xffffff),
			Text:         rgb(0x000000),
			Muted:        rgb(0x000000),
			Grid:         rgb(0xa0a0a0),
			Axis:         rgb(0x000000),
			Accent:       rgb(0x004488),
			Compare:      rgb(0xbbbbbb),
			Mark:         rgb(0x000000),
			Outline:      rgb(0x000000),
			OutlineWidth: 2,
			FontScale:    1.1,
		}
	}
	return Palette{
		Background:   rgb(0xffffff),
		Text:         rgb(0x1a1a1a),
		Muted:        rgb(0x595959),
		Grid:         rgb(0xdedede),
		Axis:         rgb(0x808080),
		Accent:       rgb(0x4477aa),
		Compare:      rgb(0x999999),
		Mark:         rgb(0x1a1a1a),
		OutlineWidth: 1,
		FontScale:    1,
	}
}

// Colours of Paul Tol's discrete rainbow scheme for 14 categories (colours
// 3, 6, 9, 10, 12, 14, 15, 16, 17, 18, 20, 22, 24 and 26 of his 29), from
// "Colour Schemes", SRON/EPS/TN/09-002, issue 3.2 (2021). Tol's schemes are
// made to stay distinct for colour-blind vision, but no 14 colours keep every
// pair apart for every viewer, so charts never rely on colour alone. The
// order below puts unlike colours next to each other in code order.
var clusterColors2024 = map[string]color.RGBA{
	"Advanced Manufacturing":        rgb(0x1965b0),
	"Construction":                  rgb(0xf1932d),
	"Supply Chain & Transportation": rgb(0x4eb265),
	"Arts, Entertainment & Design":  rgb(0xae76a3),
	"Hospitality, Events & Tourism": rgb(0xf6c141),
	"Financial Services":            rgb(0x7bafde),
	"Education":                     rgb(0xdc050c),
	"Healthcare & Human Services":   rgb(0x882e72),
	"Public Service & Safety":       rgb(0xf7f056),
	"Agriculture":                   rgb(0x90c987),
	"Energy & Natural Resources":    rgb(0xe8601c),
	"Digital Technology":            rgb(0x5289c7),
	"Management & Entrepreneurship": rgb(0xd1bbd7),
	"Marketing & Sales":             rgb(0xcae0ab),
}

// The national clusters take the colour of the 2024 cluster that replaced
// them. The two without a one-to-one successor take Tol's rainbow colour 28
// and his muted teal, which no 2024 cluster uses.
var clusterColorsNational = map[string]string{
	"Agriculture, Food & Natural Resources":          "Agriculture",
	"Architecture & Construction":                    "Construction",
	"Arts, A/V Technology & Communications":          "Arts, Entertainment & Design",
	"Business Management & Administration":           "Management & Entrepreneurship",
	"Education & Training":                           "Education",
	"Finance":                                        "Financial Services",
	"Health Science":                                 "Healthcare & Human Services",
	"Hospitality & Tourism":                          "Hospitality, Events & Tourism",
	"Information Technology":                         "Digital Technology",
	"Law, Public Safety, Corrections & Security":     "Public Service & Safety",
	"Manufacturing":                                  "Advanced Manufacturing",
	"Marketing":                                      "Marketing & Sales",
	"Science, Technology, Engineering & Mathematics": "Energy & Natural Resources",
	"Transportation, Distribution & Logistics":       "Supply Chain & Transportation",
}

var (
	colorGovernment    = rgb(0x72190e)
	colorHumanServices = rgb(0x44aa99)
	colorUnassigned    = rgb(0x8c8c8c)
	// Tol's muted scheme without its teal, which Human Services has.
	colorsLocalClusters = []color.RGBA{
		rgb(0x332288), rgb(0x117733), rgb(0x999933), rgb(0xddcc77),
		rgb(0xcc6677), rgb(0x882255), rgb(0xaa4499),
	}
)

// ClusterColor returns the colour of a Career Cluster, the same in every chart
// and theme. Names are matched as import matches them. Unassigned is grey; a
// local cluster gets a colour of Tol's muted scheme chosen by its name.
func ClusterColor(name string) color.RGBA {
	if name == indicator.Unassigned {
		return colorUnassigned
	}
	c, ok := cluster.Lookup(name)
	if !ok {
		h := fnv.New32a()
		h.Write([]byte(cluster.Normalize(name)))
		return colorsLocalClusters[h.Sum32()%uint32(len(colorsLocalClusters))]
	}
	if col, ok := clusterColors2024[c.Name]; ok {
		return col
	}
	switch c.Name {
	case "Government & Public Administration":
		return colorGovernment
	case "Human Services":
		return colorHumanServices
	}
	return clusterColors2024[clusterColorsNational[c.Name]]
}

func rgb(hex uint32) color.RGBA {
	return color.RGBA{R: uint8(hex >> 16), G: uint8(hex >> 8), B: uint8(hex), A: 255}
}

// dc converts a colour for go-chart's renderers.
func dc(c color.RGBA) drawing.Color {
	return drawing.Color{R: c.R, G: c.G, B: c.B, A: c.A}
}

// mix returns a blended with b, t of the way from a to b.
func mix(a, b color.RGBA, t float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return color.RGBA{R: f(a.R, b.R), G: f(a.G, b.G), B: f(a.B, b.B), A: 255}
}

// outline returns the edge colour of a bar of colour c.
func (p Palette) outline(c color.RGBA) color.RGBA {
	if p.Outline.A != 0 {
		return p.Outline
	}
	if luminance(p.Background) > 0.5 {
		return mix(c, rgb(0x000000), 0.45)
	}
	return mix(c, rgb(0xffffff), 0.45)
}

// luminance is the relative luminance of c, 0 for black to 1 for white,
// as WCAG 2 defines it.
func luminance(c color.RGBA) float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}
