package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// findButton returns the button labelled text inside o.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if b, ok := obj.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	require.FailNow(t, "no button "+text)
	return nil
}

// newEmptyUI returns the app's window on a new, empty database.
func newEmptyUI(t *testing.T) (*UI, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "new.db")
	u := newTestUI(t, "")
	_, err := u.ctrl.Create(context.Background(), path)
	require.NoError(t, err)
	u.info = u.ctrl.Info()
	return u, path
}

func TestImportErrorList(t *testing.T) {
	u, path := newEmptyUI(t)
	before, err := os.ReadFile(path)
	require.NoError(t, err)

	iw := newImportWindow(u)
	iw.AddFiles(filepath.Join("testdata", "bad", "schools.csv"), filepath.Join("testdata", "bad", "cte_enrollments.csv"))
	test.Tap(iw.start)
	u.bg.wait()

	require.GreaterOrEqual(t, len(iw.rows), 3, iw.result.Text)
	assert.True(t, iw.problems.Visible())
	assert.Contains(t, iw.result.Text, "Nothing was changed")
	want := map[string][]string{
		"3": {"Error", "cte_enrollments.csv", "", "3", "school_year", "2024-26"},
		"4": {"Error", "cte_enrollments.csv", "", "4", "school_id", "S9"},
		"5": {"Error", "cte_enrollments.csv", "", "5", "career_cluster", "Underwater Basket Weaving"},
	}
	for row := range iw.rows {
		line := iw.Cell(row, 3)
		if w, ok := want[line]; ok {
			for col, s := range w {
				assert.Equal(t, s, iw.Cell(row, col), "line %s, column %s", line, problemHeader[col])
			}
			assert.NotEmpty(t, iw.Cell(row, 6), "line %s says what is wrong", line)
			delete(want, line)
		}
	}
	assert.Empty(t, want, "every bad line is listed")
	assert.Equal(t, `Error in cte_enrollments.csv, line 3, column "school_year", value "2024-26": `+iw.Cell(0, 6), iw.detail.Text,
		"the first problem is written out in full")

	test.Tap(iw.copyAll)
	copied := u.a.Clipboard().Content()
	assert.True(t, strings.HasPrefix(copied, strings.Join(problemHeader, "\t")+"\n"), copied)
	assert.Contains(t, copied, "cte_enrollments.csv\t\t4\tschool_id\tS9\t")

	assert.Empty(t, u.ctrl.Info().Schools, "schools.csv was not written either")
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, before, after, "the database file is unchanged")
}

func TestImportGoodFilesShowsSchools(t *testing.T) {
	u, _ := newEmptyUI(t)

	iw := newImportWindow(u)
	iw.AddFiles(filepath.Join("testdata", "bad", "schools.csv"))
	test.Tap(iw.start)
	u.bg.wait()

	assert.Contains(t, iw.result.Text, "schools.csv: 2 rows")
	assert.Equal(t, 1.0, iw.progress.Value)
	assert.Len(t, u.info.Schools, 2)
	assert.Empty(t, iw.files, "imported files leave the list")
}

func TestDroppedFilesOpenOrImport(t *testing.T) {
	u, _ := newEmptyUI(t)
	csvPath, err := filepath.Abs(filepath.Join("testdata", "bad", "schools.csv"))
	require.NoError(t, err)
	iw := u.importFiles(importablePaths([]fyne.URI{
		storage.NewFileURI(csvPath),
		storage.NewFileURI("/tmp/notes.txt"),
	}))
	require.NotNil(t, iw)
	assert.Equal(t, []string{csvPath}, iw.files, "only CSV and .xlsx files are listed")

	demo := demoDB(t)
	u.onDropped(fyne.NewPos(0, 0), []fyne.URI{storage.NewFileURI(demo)})
	u.bg.wait()
	assert.Equal(t, demo, u.info.Path, "a dropped database opens")
}

func TestImportFromDemoOffersNewDatabase(t *testing.T) {
	u := newTestUI(t, demoDB(t))
	require.True(t, u.info.Synthetic)

	assert.Nil(t, u.importFiles(nil), "no import window on the demo")
	top := u.w.Canvas().Overlays().Top()
	require.NotNil(t, top, "a dialog explains why")
	var texts []string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	assert.Contains(t, strings.Join(texts, "\n"), "takes no real data")
}
