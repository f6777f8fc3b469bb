package app

import (
	"context"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"readiness/charts"
	"readiness/data"
	"readiness/data/indicator"
)

func TestFirstRunOpensDemo(t *testing.T) {
	u := newTestUI(t, "")
	require.Empty(t, u.prefs.lastDatabase())

	u.Start("")
	u.bg.wait()

	root := u.a.Storage().RootURI().Path()
	assert.Equal(t, filepath.Join(root, demoFileName), u.info.Path)
	assert.FileExists(t, u.info.Path)
	assert.True(t, u.info.Synthetic)
	assert.True(t, u.banner.Visible(), "the demo shows its banner")
	assert.Equal(t, u.info.Path, u.prefs.lastDatabase())
	assert.Equal(t, []string{u.info.Path}, u.prefs.recentFiles())
	require.NotNil(t, u.dash)
	assert.Contains(t, u.dashboard.heading.Text, u.dash.Place)
}

func TestStartWithPathOpensIt(t *testing.T) {
	path := demoDB(t)
	u := newTestUI(t, path)
	assert.Equal(t, path, u.info.Path)
	assert.Equal(t, path, u.prefs.lastDatabase())
	assert.NoFileExists(t, filepath.Join(u.a.Storage().RootURI().Path(), demoFileName), "no demo made when a file is given")
}

func TestStartWithBadFileShowsError(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "broken.db")
	require.NoError(t, os.WriteFile(bad, []byte("not a database at all, only some words"), 0o644))
	u := newTestUI(t, bad)

	assert.Empty(t, u.info.Path)
	require.Len(t, u.openErrors, 1, "one error dialog is open")
	for text := range u.openErrors {
		assert.Contains(t, text, "broken.db")
	}
	assert.Empty(t, u.prefs.recentFiles(), "a file that does not open leaves the recent list")
}

// headlineValues returns the shown headline figures.
func headlineValues(s *dashboardScreen) []string {
	var list []string
	for _, c := range s.cards {
		list = append(list, c.label.Text+"="+c.value.Text+"|"+c.change.Text+"|"+c.district.Text)
	}
	return list
}

// chartImages returns the drawn images of the four charts, nil where none is.
func chartImages(s *dashboardScreen) map[charts.Kind]*image.RGBA {
	out := map[charts.Kind]*image.RGBA{}
	for kind, v := range s.charts {
		img, _ := v.Image().(*image.RGBA)
		out[kind] = img
	}
	return out
}

func TestChoosingSchoolAndYearUpdatesDashboard(t *testing.T) {
	u := newTestUI(t, demoDB(t))
	s := u.dashboard
	require.GreaterOrEqual(t, len(s.schoolIDs), 3, "the district and two schools")
	require.GreaterOrEqual(t, len(s.years), 2)

	before := headlineValues(s)
	imagesBefore := chartImages(s)
	for kind, img := range imagesBefore {
		require.NotNil(t, img, "%s chart drawn", kind)
	}

	s.school.SetSelectedIndex(2)
	u.bg.wait()
	assert.Equal(t, s.schoolIDs[2], u.sel.SchoolID)
	name := u.info.SchoolName("", s.schoolIDs[2])
	assert.True(t, strings.HasPrefix(s.heading.Text, name+" — "), s.heading.Text)
	assert.NotEqual(t, before, headlineValues(s), "headline figures follow the school")
	for kind, img := range chartImages(s) {
		require.NotNil(t, img, "%s chart drawn", kind)
		assert.NotEqual(t, imagesBefore[kind].Pix, img.Pix, "%s chart follows the school", kind)
	}

	afterSchool := headlineValues(s)
	s.year.SetSelectedIndex(1)
	u.bg.wait()
	assert.Equal(t, s.years[1], u.sel.Year)
	assert.Contains(t, s.heading.Text, indicator.FormatYear(s.years[1]))
	assert.NotEqual(t, afterSchool, headlineValues(s), "headline figures follow the year")
}

func TestChartRedrawsAtNewSize(t *testing.T) {
	u := newTestUI(t, demoDB(t))
	v := u.dashboard.charts[charts.Enrollment]
	first := v.Image().Bounds()

	u.w.Resize(fyne.NewSize(1600, 1000))
	u.bg.wait()
	second := v.Image().Bounds()
	assert.Greater(t, second.Dx(), first.Dx())
	assert.Equal(t, int(v.Size().Width), second.Dx(), "one image pixel per screen pixel at scale 1")
}

func TestNumbersShowHiddenValuesAsHidden(t *testing.T) {
	u := newTestUI(t, "")
	d := smallSchool()

	u.numbers.show(d, 10)
	v := u.numbers.views[charts.Enrollment]
	tsv := v.TSV()
	require.Contains(t, tsv, "Education")
	education := lineWith(tsv, "Education")
	assert.Contains(t, education, "<10", "counts under 10 show as <10")
	assert.NotContains(t, strings.Split(education, "\t")[1:], "4")
	assert.NotContains(t, strings.Split(education, "\t")[1:], "3")

	test.Tap(findButton(t, v.content, "Copy table"))
	assert.Equal(t, tsv, u.a.Clipboard().Content(), "Copy puts the shown table on the clipboard")

	u.numbers.show(d, 0)
	assert.Contains(t, strings.Split(lineWith(v.TSV(), "Education"), "\t"), "4", "privacy off shows the count")
}

// lineWith returns the first line of text that contains s.
func lineWith(text, s string) string {
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, s) {
			return line
		}
	}
	return ""
}

func TestPanicInTaskShowsError(t *testing.T) {
	u := newTestUI(t, "")
	u.bg.run(func() func() { panic("chart library failed") })
	u.bg.wait()
	require.Len(t, u.openErrors, 1)
	for text := range u.openErrors {
		assert.Contains(t, text, "internal error: chart library failed")
	}
}

func TestOverviewSortsByClickedHeader(t *testing.T) {
	u := newTestUI(t, demoDB(t))
	u.tabs.SelectIndex(1)
	u.bg.wait()
	s := u.overview
	require.NotEmpty(t, s.view.Schools)
	require.Equal(t, indicator.All, s.view.Dimensions[0])

	test.Tap(findButton(t, s.table, "All"))
	assert.Equal(t, 1, s.sortColumn)
	assert.True(t, s.descending, "numbers sort largest first")
	var last float64 = 1e18
	for _, r := range s.view.Schools {
		if c := r.Cells[0]; c.Shown {
			assert.LessOrEqual(t, c.Value, last, r.School)
			last = c.Value
		}
	}

	test.Tap(findButton(t, s.table, "All"))
	assert.False(t, s.descending, "a second click reverses the order")

	s.onSelected(widget.TableCellID{Row: 1, Col: 0})
	u.bg.wait()
	assert.Equal(t, 0, u.tabs.SelectedIndex(), "a school's name opens its dashboard")
	assert.Equal(t, s.view.Schools[0].SchoolID, u.sel.SchoolID)
}

func TestOverviewSortByKeyboardPicker(t *testing.T) {
	u := newTestUI(t, demoDB(t))
	u.tabs.SelectIndex(1)
	u.bg.wait()
	s := u.overview

	s.sortBy.SetSelectedIndex(1)
	assert.Equal(t, 1, s.sortColumn)
	assert.True(t, s.descending)
	test.Tap(findButton(t, s.table, "School"))
	assert.Equal(t, 0, s.sortBy.SelectedIndex(), "a header click moves the picker too")
}

func TestDirectoryOnlyDatabaseAsksForData(t *testing.T) {
	dir := t.TempDir()
	schools := filepath.Join(dir, "schools.csv")
	require.NoError(t, os.WriteFile(schools, []byte("school_id,school_name\nS1,Lincoln High\nS2,Adams High\n"), 0o644))
	path := filepath.Join(dir, "directory.db")
	db, err := data.Open(context.Background(), path)
	require.NoError(t, err)
	_, err = db.Import(context.Background(), []data.ImportFile{{Path: schools}}, data.ImportOptions{})
	require.NoError(t, err)
	require.NoError(t, db.Close())

	u := newTestUI(t, demoDB(t))
	require.NotNil(t, u.dash, "the demo's dashboard is loaded first")
	u.Start(path)
	u.bg.wait()

	assert.Nil(t, u.dash, "nothing of the demo is left to export")
	var texts []string
	for _, o := range test.LaidOutObjects(u.body) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	assert.Contains(t, strings.Join(texts, "\n"), "holds 2 schools but no data for any school year yet")
}

func TestCountSchoolsSingular(t *testing.T) {
	assert.Equal(t, "1 school", countSchools(1))
	assert.Equal(t, "0 schools", countSchools(0))
	assert.Equal(t, "7 schools", countSchools(7))
}
