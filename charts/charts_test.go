package charts

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"readiness/data/cluster"
	"readiness/data/indicator"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/golden")

var allKinds = append(append([]Kind(nil), Kinds...), Trend)

// inked counts the pixels of img that differ from its top-left pixel, the
// background.
func inked(img *image.RGBA) int {
	bg := img.RGBAAt(0, 0)
	n := 0
	for y := 0; y < img.Bounds().Dy(); y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			if img.RGBAAt(x, y) != bg {
				n++
			}
		}
	}
	return n
}

// count returns how many pixels of img have exactly the colour c.
func count(img *image.RGBA, c color.RGBA) int {
	n := 0
	for i := 0; i+3 < len(img.Pix); i += 4 {
		if img.Pix[i] == c.R && img.Pix[i+1] == c.G && img.Pix[i+2] == c.B && img.Pix[i+3] == c.A {
			n++
		}
	}
	return n
}

func svgOf(t *testing.T, kind Kind, in Input, st Style) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteSVG(&buf, kind, in, st))
	return buf.String()
}

// svgTexts returns the text elements of an SVG, unescaped, and fails the
// test when the SVG is not well-formed XML.
func svgTexts(t *testing.T, svg string) []string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	var texts []string
	inText := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "SVG is not well-formed")
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "text"
		case xml.CharData:
			if inText {
				texts = append(texts, string(tok))
			}
		case xml.EndElement:
			inText = false
		}
	}
	return texts
}

func TestRenderEveryCase(t *testing.T) {
	cases := edgeCases()
	cases["normal"] = lincolnHigh()
	styles := map[string]Style{
		"1280x720":      {Width: 1280, Height: 720},
		"1920x1080":     {Width: 1920, Height: 1080, Theme: HighContrast},
		"640x360 HiDPI": {Width: 640, Height: 360, Scale: 2, Theme: Dark},
		"tiny":          {Width: 120, Height: 60},
	}
	for name, in := range cases {
		for sname, st := range styles {
			for _, kind := range allKinds {
				t.Run(fmt.Sprintf("%s/%s/%s", name, sname, kind), func(t *testing.T) {
					img, err := Render(kind, in, st)
					require.NoError(t, err)
					scale := st.Scale
					if scale == 0 {
						scale = 1
					}
					assert.Equal(t, int(float64(st.Width)*scale), img.Bounds().Dx())
					assert.Equal(t, int(float64(st.Height)*scale), img.Bounds().Dy())
					assert.Greater(t, inked(img), 200, "chart is blank")

					svg := svgTexts(t, svgOf(t, kind, in, st))
					assert.NotEmpty(t, svg)
				})
			}
		}
	}
}

func TestEnrollmentClusterColors(t *testing.T) {
	img, err := Render(Enrollment, lincolnHigh(), Style{Width: 1280, Height: 720})
	require.NoError(t, err)
	for _, c := range cluster.Clusters2024 {
		assert.Greater(t, count(img, ClusterColor(c.Name)), 500, "colour of %s", c.Name)
	}
}

func TestClusterColorsSameInEveryChart(t *testing.T) {
	in := lincolnHigh()
	for _, kind := range []Kind{Enrollment, Credentials, Capacity} {
		for _, th := range []Theme{Light, Dark, HighContrast} {
			img, err := Render(kind, in, Style{Width: 1280, Height: 720, Theme: th})
			require.NoError(t, err)
			// Digital Technology has a bar above zero in every chart.
			assert.Greater(t, count(img, ClusterColor("Digital Technology")), 300, "%s theme %d", kind, th)
		}
	}
}

func TestClusterColorsDistinct(t *testing.T) {
	seen := map[color.RGBA]string{}
	for _, c := range cluster.Clusters2024 {
		col := ClusterColor(c.Name)
		assert.Empty(t, seen[col], "%s has the colour of %s", c.Name, seen[col])
		seen[col] = c.Name
	}
	national := map[color.RGBA]string{}
	for _, c := range cluster.ClustersNational {
		col := ClusterColor(c.Name)
		assert.Empty(t, national[col], "%s has the colour of %s", c.Name, national[col])
		national[col] = c.Name
	}
	assert.Equal(t, ClusterColor("Health Science"), ClusterColor("Healthcare & Human Services"))
	assert.Equal(t, ClusterColor("information technology"), ClusterColor("Digital Technology"))
	assert.Equal(t, ClusterColor("Drone Piloting"), ClusterColor("drone  piloting"))
}

func TestSVGTitlesAndLabels(t *testing.T) {
	in := lincolnHigh()
	want := map[Kind][]string{
		Enrollment:  {"Career Cluster enrollment, Lincoln High, 2024-25", "Healthcare & Human Services", "Management & Entrepreneurship", "235", "<10", "CTE concentrators"},
		Credentials: {"Industry-recognized credentials earned, Lincoln High, 2024-25", "Unassigned (no cluster)", "42%", "38%", "District"},
		Internships: {"Work-based learning hours by experience type, Lincoln High, 2024-25", "Internship", "4,820.5", "61 students", "<10 students", "* hidden"},
		Capacity:    {"Section seats, enrollment and teachers by Career Cluster, Lincoln High, 2024-25", "Teacher FTE", "1 teacher", "45 of 60 seats", "1.25"},
		Trend:       {"CTE participants, Lincoln High, 2020-21 to 2024-25", "2020-21", "1,650"},
	}
	for kind, texts := range want {
		t.Run(string(kind), func(t *testing.T) {
			got := strings.Join(svgTexts(t, svgOf(t, kind, in, Style{})), "\n")
			for _, w := range texts {
				assert.Contains(t, got, w)
			}
		})
	}
}

func TestSVGSize(t *testing.T) {
	svg := svgOf(t, Enrollment, lincolnHigh(), Style{Width: 800, Height: 450, Scale: 2})
	assert.Contains(t, svg, `width="1600" height="900"`)
	assert.Contains(t, svg, `viewBox="0 0 800 450"`)
}

// secretInput hides a value far larger than every shown one: if a chart used
// it, its number would appear, or the axis would reach to it.
func secretInput() Input {
	rows := []indicator.Row{
		row(indicator.CTEParticipants, "Construction", 40),
		hidden(indicator.CTEConcentrators, "Construction", 9731, "<10"),
		row(indicator.CTEParticipants, "Education", 25),
		row(indicator.CTEConcentrators, "Education", 12),
		row(indicator.CredentialsEarned, "Construction", 30),
		hidden(indicator.CredentialsEarned, "Education", 9731, "*"),
		hidden(indicator.CredentialRate, indicator.All, 0.9731, "*"),
		row(indicator.WBLHours, "internship", 35),
		row(indicator.WBLStudents, "internship", 12),
		hidden(indicator.WBLHours, "clinical", 9731, "*"),
		hidden(indicator.WBLStudents, "clinical", 3, "<10"),
		row(indicator.SectionSeats, "Education", 30),
		hidden(indicator.SectionEnrolled, "Education", 9731, "<10"),
		hidden(indicator.UnmetRequests, "Education", 9731, "<10"),
		row(indicator.TeacherFTE, "Education", 1),
	}
	history := map[int][]indicator.Row{
		2024: {hidden(indicator.CTEParticipants, indicator.All, 9731, "<10")},
	}
	all := []indicator.Row{row(indicator.CTEParticipants, indicator.All, 40)}
	return Input{Place: "Lincoln High", Year: 2025, Rows: append(rows, all...), History: history, MinN: 10}
}

func TestHiddenValuesNeverShown(t *testing.T) {
	in := secretInput()
	ticks := regexp.MustCompile(`^[0-9][0-9,.]*%?$`)
	for _, kind := range allKinds {
		t.Run(string(kind), func(t *testing.T) {
			texts := svgTexts(t, svgOf(t, kind, in, Style{}))
			joined := strings.Join(texts, "\n")
			assert.NotContains(t, joined, "9731")
			assert.NotContains(t, joined, "9,731")
			assert.NotContains(t, joined, "97%")
			for _, text := range texts {
				if !ticks.MatchString(text) {
					continue
				}
				v, err := strconv.ParseFloat(strings.TrimSuffix(strings.ReplaceAll(text, ",", ""), "%"), 64)
				require.NoError(t, err)
				// Every number drawn, ticks included, stays near the shown
				// values (at most 40), or is a percentage of the fixed axis.
				assert.LessOrEqual(t, v, 100.0, "number %q is sized by a hidden value", text)
			}
			assert.Contains(t, joined, "Hidden to protect student privacy")

			table := TableOf(kind, in)
			for _, r := range table.Rows {
				for _, cell := range r {
					assert.NotContains(t, cell, "9731")
				}
			}
		})
	}
}

func TestHiddenValueDrawsNoBar(t *testing.T) {
	// Two inputs differ only in the Value of a hidden row: their images must
	// be identical, pixel for pixel.
	a, b := secretInput(), secretInput()
	for i := range b.Rows {
		if b.Rows[i].Hidden {
			b.Rows[i].Value = 1
		}
	}
	for _, kind := range allKinds {
		imgA, err := Render(kind, a, Style{})
		require.NoError(t, err)
		imgB, err := Render(kind, b, Style{})
		require.NoError(t, err)
		assert.True(t, bytes.Equal(imgA.Pix, imgB.Pix), "%s chart depends on a hidden value", kind)
	}
}

func TestEmptyChartsSayWhy(t *testing.T) {
	want := map[Kind]string{
		Enrollment:  "No CTE enrollment recorded for 2024-25",
		Credentials: "No credentials recorded for 2024-25",
		Internships: "No work-based learning hours recorded for 2024-25",
		Capacity:    "No sections or teachers recorded for 2024-25",
		Trend:       "No CTE participants recorded for these school years",
	}
	for name, in := range map[string]Input{"empty": edgeCases()["empty"], "all zeros": edgeCases()["all zeros"]} {
		for kind, msg := range want {
			if name == "all zeros" && kind == Capacity {
				continue // zero seats still list their clusters and FTE
			}
			t.Run(name+"/"+string(kind), func(t *testing.T) {
				texts := svgTexts(t, svgOf(t, kind, in, Style{}))
				assert.Contains(t, texts, msg)
			})
		}
	}
}

func TestNoValueRate(t *testing.T) {
	in := Input{Place: "Lincoln High", Year: 2025, Rows: []indicator.Row{
		{SchoolID: "LHS", Year: 2025, Indicator: indicator.CredentialRate, Dimension: indicator.All},
		row(indicator.CredentialsEarned, "Construction", 4),
	}}
	texts := svgTexts(t, svgOf(t, Credentials, in, Style{}))
	assert.Contains(t, texts, "no value")
	table := TableOf(Credentials, in)
	assert.Contains(t, table.Rows, []string{"Credential rate, Lincoln High", ""})
}

func TestTableOf(t *testing.T) {
	in := lincolnHigh()

	enrollment := TableOf(Enrollment, in)
	assert.Equal(t, "Career Cluster enrollment, Lincoln High, 2024-25", enrollment.Title)
	assert.Equal(t, []string{"Career Cluster", "CTE participants", "CTE concentrators"}, enrollment.Header)
	require.Len(t, enrollment.Rows, 15)
	assert.Equal(t, []string{"Advanced Manufacturing", "40", "13"}, enrollment.Rows[0])
	assert.Equal(t, []string{"Education", "130", "<10"}, enrollment.Rows[6])
	assert.Equal(t, []string{"All clusters (students counted once)", "1,650", "520"}, enrollment.Rows[14])

	credentials := TableOf(Credentials, in)
	assert.Contains(t, credentials.Rows, []string{"Unassigned (no cluster)", "12"})
	assert.Contains(t, credentials.Rows, []string{"Credential rate, Lincoln High", "42%"})
	assert.Contains(t, credentials.Rows, []string{"Credential rate, district", "38%"})

	internships := TableOf(Internships, in)
	assert.Equal(t, []string{"Internship", "4,820.5", "61"}, internships.Rows[0])
	assert.Equal(t, []string{"Apprenticeship", "*", "<10"}, internships.Rows[1])

	capacity := TableOf(Capacity, in)
	assert.Equal(t, []string{"Construction", "80", "64", "6", "1.25", "Yes"}, capacity.Rows[1])
	assert.Equal(t, []string{"Advanced Manufacturing", "60", "45", "0", "0.5", "No"}, capacity.Rows[0])

	withTotal := in
	withTotal.Rows = append(append([]indicator.Row(nil), in.Rows...), row(indicator.UnmetRequests, indicator.All, 0))
	total := TableOf(Capacity, withTotal)
	last := total.Rows[len(total.Rows)-1]
	assert.Contains(t, last[0], "pooled over all sections", "the total's unmet requests are not the clusters' sum")
	assert.Equal(t, "0", last[3])

	trend := TableOf(Trend, in)
	assert.Equal(t, [][]string{{"2020-21", "1,210"}, {"2021-22", "1,395"}, {"2022-23", "1,480"},
		{"2023-24", "1,562"}, {"2024-25", "1,650"}}, trend.Rows)

	assert.Empty(t, TableOf("pie", in).Rows)
}

func TestTrendOfClusterRate(t *testing.T) {
	in := Input{Place: "Lincoln High", Year: 2025, TrendIndicator: indicator.SeatUtilization, TrendDimension: "Education",
		Rows:    []indicator.Row{row(indicator.SeatUtilization, "Education", 0.8)},
		History: map[int][]indicator.Row{2024: {row(indicator.SeatUtilization, "Education", 1.1)}}}
	texts := strings.Join(svgTexts(t, svgOf(t, Trend, in, Style{})), "\n")
	assert.Contains(t, texts, "Seat utilization, Education, Lincoln High, 2023-24 to 2024-25")
	assert.Contains(t, texts, "80%")
	assert.Contains(t, texts, "110%")
	img, err := Render(Trend, in, Style{})
	require.NoError(t, err)
	assert.Greater(t, count(img, ClusterColor("Education")), 1000)
}

func TestInvalidStyleAndKind(t *testing.T) {
	in := lincolnHigh()
	for name, st := range map[string]Style{
		"negative width": {Width: -1, Height: 720},
		"zero height":    {Width: 1280},
		"huge":           {Width: 20000, Height: 720},
		"huge scale":     {Width: 4000, Height: 4000, Scale: 8},
		"negative scale": {Width: 1280, Height: 720, Scale: -2},
	} {
		_, err := Render(Enrollment, in, st)
		assert.Error(t, err, name)
		assert.Error(t, WriteSVG(io.Discard, Enrollment, in, st), name)
	}
	_, err := Render("pie", in, Style{})
	assert.ErrorContains(t, err, `unknown chart kind "pie"`)
}

func TestThemeBackgrounds(t *testing.T) {
	for th, want := range map[Theme]color.RGBA{Light: rgb(0xffffff), Dark: rgb(0x1e1e1e), HighContrast: rgb(0xffffff)} {
		img, err := Render(Capacity, lincolnHigh(), Style{Width: 640, Height: 360, Theme: th})
		require.NoError(t, err)
		assert.Equal(t, want, img.RGBAAt(1, 1), "theme %d", th)
	}
}

func TestConcurrentRender(t *testing.T) {
	in := lincolnHigh()
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			kind := allKinds[i%len(allKinds)]
			if i%2 == 0 {
				_, err := Render(kind, in, Style{Width: 640, Height: 360})
				errs <- err
				return
			}
			errs <- WriteSVG(io.Discard, kind, in, Style{Width: 640, Height: 360})
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
}

func TestPNGMatchesRender(t *testing.T) {
	in := lincolnHigh()
	st := Style{Width: 400, Height: 300, Scale: 2}
	var buf bytes.Buffer
	require.NoError(t, WritePNG(&buf, Capacity, in, st))
	decoded, err := png.Decode(&buf)
	require.NoError(t, err)
	img, err := Render(Capacity, in, st)
	require.NoError(t, err)
	assert.Equal(t, img.Bounds(), decoded.Bounds())
	assert.Equal(t, color.RGBAModel.Convert(decoded.At(10, 10)), color.Color(img.RGBAAt(10, 10)))
}

// TestGolden compares the normal charts with images under testdata/golden.
// Run with -update to rewrite them after a deliberate change, and look at them.
func TestGolden(t *testing.T) {
	in := lincolnHigh()
	for _, kind := range allKinds {
		t.Run(string(kind), func(t *testing.T) {
			img, err := Render(kind, in, Style{Width: 800, Height: 450})
			require.NoError(t, err)
			path := filepath.Join("testdata", "golden", string(kind)+".png")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				writePNG(t, path, img)
				return
			}
			f, err := os.Open(path)
			require.NoError(t, err, "missing golden image: run go test -run TestGolden -update")
			defer f.Close()
			want, err := png.Decode(f)
			require.NoError(t, err)
			require.Equal(t, want.Bounds(), img.Bounds())

			// Anti-aliasing may differ slightly between CPUs: allow small
			// differences in a few pixels.
			differ := 0
			for y := 0; y < img.Bounds().Dy(); y++ {
				for x := 0; x < img.Bounds().Dx(); x++ {
					if !near(color.RGBAModel.Convert(want.At(x, y)).(color.RGBA), img.RGBAAt(x, y), 24) {
						differ++
					}
				}
			}
			if limit := img.Bounds().Dx() * img.Bounds().Dy() / 500; differ > limit {
				failed := filepath.Join("testdata", "failed", string(kind)+".png")
				require.NoError(t, os.MkdirAll(filepath.Dir(failed), 0o755))
				writePNG(t, failed, img)
				t.Errorf("%d pixels differ from %s (at most %d may): see %s", differ, path, limit, failed)
			}
		})
	}
}

func near(a, b color.RGBA, tolerance int) bool {
	d := func(x, y uint8) int { return max(int(x)-int(y), int(y)-int(x)) }
	return d(a.R, b.R) <= tolerance && d(a.G, b.G) <= tolerance && d(a.B, b.B) <= tolerance
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, png.Encode(f, img))
	require.NoError(t, f.Close())
}

func TestLocalClusterColorsAvoidFrameworks(t *testing.T) {
	framework := map[color.RGBA]bool{}
	for _, c := range append(append([]cluster.Cluster(nil), cluster.Clusters2024...), cluster.ClustersNational...) {
		framework[ClusterColor(c.Name)] = true
	}
	for _, col := range colorsLocalClusters {
		assert.False(t, framework[col], "local colour %v is a framework cluster's", col)
	}
	assert.False(t, framework[ClusterColor(indicator.Unassigned)])
}

func TestTrendOfReportedRate(t *testing.T) {
	rate := row(indicator.CTEParticipationRate, indicator.All, 0.62)
	rate.Source = "NC DPI School Report Card"
	older := hidden(indicator.CTEParticipationRate, indicator.All, 0.97, ">95%")
	older.Source = rate.Source
	in := Input{Place: "Apex High", Year: 2022, TrendIndicator: indicator.CTEParticipationRate,
		Rows: []indicator.Row{rate}, History: map[int][]indicator.Row{2021: {older}}}
	texts := strings.Join(svgTexts(t, svgOf(t, Trend, in, Style{})), "\n")
	assert.Contains(t, texts, "CTE participation rate, Apex High, 2020-21 to 2021-22")
	assert.Contains(t, texts, "62%")
	assert.Contains(t, texts, ">95%")
	assert.Contains(t, texts, ">95% is masked by the publisher")
	assert.Contains(t, texts, "Reported values from NC DPI School Report Card.")
	assert.NotContains(t, texts, "97%")
}

func TestReportedOnly(t *testing.T) {
	total := row(indicator.CredentialsEarned, indicator.All, 965)
	total.Source = "NC DPI School Report Card"
	noRate := indicator.Row{SchoolID: "LHS", Year: 2025, Indicator: indicator.CredentialRate, Dimension: indicator.All}
	in := Input{Place: "Apex High", Year: 2025, Rows: []indicator.Row{total, noRate}}

	texts := svgTexts(t, svgOf(t, Credentials, in, Style{}))
	assert.Contains(t, texts, "All Career Clusters", "a total without clusters is drawn as one bar")
	assert.Contains(t, texts, "965")
	assert.NotContains(t, texts, "no value", "a publisher that gives no rate is not compared")
	assert.Contains(t, svgTexts(t, svgOf(t, Internships, in, Style{})), "No work-based learning hours reported for 2024-25")
}
