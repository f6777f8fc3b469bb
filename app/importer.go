package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"readiness/data"
)

// problemHeader names the columns of the import's problem list.
var problemHeader = []string{"Type", "File", "Sheet", "Line", "Column", "Value", "Problem"}

// importWindow collects CSV and .xlsx files, imports them in one
// transaction with a progress bar, and lists every problem by file, line,
// column and value.
type importWindow struct {
	u *UI
	w fyne.Window

	files    []string
	list     *widget.List
	progress *widget.ProgressBar
	result   *widget.Label
	problems *widget.Table
	detail   *widget.Label // the whole text of the selected problem, above the list
	copyAll  *widget.Button
	start    *widget.Button

	rows    [][]string // the problem list as shown
	running bool
}

func (u *UI) onImport() { u.importFiles(nil) }

// importFiles opens the import window with paths already listed, and
// returns it; nil when no database is open.
func (u *UI) importFiles(paths []string) *importWindow {
	if u.info.Path == "" {
		u.showError(fmt.Errorf("import files: no database is open; open or create one first"))
		return nil
	}
	if u.info.Synthetic {
		dialog.ShowConfirm("Import into a new database",
			"The demo district is synthetic and takes no real data. Create a new database for your files now?",
			func(ok bool) {
				if ok {
					u.onNew()
				}
			}, u.w)
		return nil
	}
	iw := newImportWindow(u)
	iw.AddFiles(paths...)
	iw.w.Show()
	return iw
}

func newImportWindow(u *UI) *importWindow {
	iw := &importWindow{u: u, w: u.a.NewWindow("Import files — " + filepath.Base(u.info.Path))}
	iw.list = widget.NewList(
		func() int { return len(iw.files) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("", theme.DeleteIcon(), nil), l)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(iw.files[id])
			c.Objects[1].(*widget.Button).OnTapped = func() { iw.removeFile(id) }
		},
	)
	iw.progress = widget.NewProgressBar()
	iw.progress.Hide()
	iw.result = widget.NewLabel("Add the district's CSV files or .xlsx workbooks. They are imported together: all of them, or on any error none.")
	iw.result.Wrapping = fyne.TextWrapWord

	iw.problems = widget.NewTableWithHeaders(
		func() (int, int) { return len(iw.rows), len(problemHeader) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(iw.Cell(id.Row, id.Col)) },
	)
	iw.problems.ShowHeaderColumn = false
	iw.problems.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		return l
	}
	iw.problems.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(problemHeader[id.Col])
		}
	}
	for col, w := range []float32{80, 170, 110, 60, 140, 140, 560} {
		iw.problems.SetColumnWidth(col, w)
	}
	iw.problems.OnSelected = func(id widget.TableCellID) { iw.showDetail(id.Row) }
	iw.problems.Hide()
	iw.detail = widget.NewLabel("")
	iw.detail.Wrapping = fyne.TextWrapWord
	iw.detail.Selectable = true
	iw.copyAll = widget.NewButtonWithIcon("Copy list", theme.ContentCopyIcon(), func() {
		u.a.Clipboard().SetContent(TableTSV(problemHeader, iw.rows))
	})
	iw.copyAll.Hide()

	addFiles := widget.NewButtonWithIcon("Add file…", theme.FileIcon(), iw.onAddFile)
	addFolder := widget.NewButtonWithIcon("Add folder…", theme.FolderIcon(), iw.onAddFolder)
	iw.start = widget.NewButtonWithIcon("Import", theme.UploadIcon(), iw.onStart)
	iw.start.Importance = widget.HighImportance
	iw.start.Disable()
	closeButton := widget.NewButton("Close", iw.w.Close)

	files := container.NewBorder(widget.NewLabel("Files to import"), container.NewHBox(addFiles, addFolder), nil, nil, iw.list)
	report := container.NewBorder(container.NewVBox(iw.progress, iw.result, iw.detail), nil, nil, nil, iw.problems)
	split := container.NewVSplit(files, report)
	split.Offset = 0.35
	buttons := container.NewBorder(nil, nil, iw.copyAll, container.NewHBox(closeButton, iw.start))
	iw.w.SetContent(container.NewBorder(nil, buttons, nil, nil, split))
	iw.w.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { iw.AddFiles(importablePaths(uris)...) })
	iw.w.Resize(fyne.NewSize(1400, 800))
	return iw
}

// Cell returns the shown text of a cell of the problem list.
func (iw *importWindow) Cell(row, col int) string {
	if row < 0 || row >= len(iw.rows) || col < 0 || col >= len(iw.rows[row]) {
		return ""
	}
	return iw.rows[row][col]
}

// AddFiles adds paths to the import; a path already listed is skipped.
func (iw *importWindow) AddFiles(paths ...string) {
	for _, p := range paths {
		if !slices.Contains(iw.files, p) {
			iw.files = append(iw.files, p)
		}
	}
	iw.list.Refresh()
	if len(iw.files) > 0 && !iw.running {
		iw.start.Enable()
	}
}

func (iw *importWindow) removeFile(i int) {
	if iw.running || i >= len(iw.files) {
		return
	}
	iw.files = slices.Delete(iw.files, i, i+1)
	iw.list.Refresh()
	if len(iw.files) == 0 {
		iw.start.Disable()
	}
}

func (iw *importWindow) onAddFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			iw.u.showError(fmt.Errorf("choose import file: %w", err))
			return
		}
		if r == nil {
			return
		}
		r.Close()
		iw.AddFiles(r.URI().Path())
	}, iw.w)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".xlsx", ".txt"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

func (iw *importWindow) onAddFolder() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			iw.u.showError(fmt.Errorf("choose import folder: %w", err))
			return
		}
		if dir == nil {
			return
		}
		paths, err := importableFiles(dir.Path())
		if err != nil {
			iw.u.showError(err)
			return
		}
		iw.AddFiles(paths...)
	}, iw.w)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// importablePaths returns the local CSV and .xlsx files among uris.
func importablePaths(uris []fyne.URI) []string {
	var paths []string
	for _, u := range uris {
		ext := strings.ToLower(filepath.Ext(u.Path()))
		if u.Scheme() == "file" && (ext == ".csv" || ext == ".xlsx") {
			paths = append(paths, u.Path())
		}
	}
	return paths
}

// importableFiles lists the CSV and .xlsx files of a folder, by name.
func importableFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("list folder %q: %w", dir, err)
	}
	var paths []string
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if !e.IsDir() && (ext == ".csv" || ext == ".xlsx") {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("add folder %q: no .csv or .xlsx file found in it", dir)
	}
	return paths, nil
}

// onStart imports the listed files on a goroutine.
func (iw *importWindow) onStart() {
	if iw.running || len(iw.files) == 0 {
		return
	}
	iw.running = true
	iw.start.Disable()
	iw.progress.SetValue(0)
	iw.progress.Show()
	iw.setRows(nil, nil)
	iw.result.SetText(fmt.Sprintf("Importing %d files…", len(iw.files)))

	files := make([]data.ImportFile, len(iw.files))
	for i, p := range iw.files {
		files[i] = data.ImportFile{Path: p}
	}
	var shown int // last percentage shown; read and written on the importing goroutine only
	progress := func(done, total int64) {
		if total <= 0 {
			return
		}
		if pct := int(100 * done / total); pct != shown {
			shown = pct
			iw.u.bg.post(func() { iw.progress.SetValue(float64(done) / float64(total)) })
		}
	}
	iw.u.bg.run(func() func() {
		res, err := iw.u.ctrl.Import(context.Background(), files, progress)
		return func() { iw.finish(res, err) }
	})
}

func (iw *importWindow) finish(res data.ImportResult, err error) {
	iw.running = false
	iw.start.Enable()
	if ie, ok := isImportError(err); ok {
		iw.progress.Hide()
		text := fmt.Sprintf("Import rejected: %d errors", len(ie.Problems)+ie.More)
		if ie.More > 0 {
			text += fmt.Sprintf(" (the first %d listed)", len(ie.Problems))
		}
		text += ". Nothing was changed in the database. Fix the files and import again."
		iw.result.SetText(text)
		slog.Error(text, "files", len(iw.files), "first", firstProblem(ie.Problems))
		iw.setRows(ie.Problems, ie.Warnings)
		return
	}
	if err != nil {
		iw.progress.Hide()
		err = fmt.Errorf("import files: %w; nothing was changed in the database", err)
		iw.result.SetText(err.Error())
		iw.u.showError(err)
		return
	}

	iw.progress.SetValue(1)
	var parts []string
	for _, f := range res.Files {
		parts = append(parts, fmt.Sprintf("%s: %s rows of %s", f.File, groupThousands(int64(f.Rows)), f.Kind))
	}
	text := "Imported " + strings.Join(parts, "; ") + "."
	if n := len(res.Warnings); n > 0 {
		text += fmt.Sprintf(" %d warnings are listed below.", n)
	}
	iw.result.SetText(text)
	slog.Info("import finished", "files", len(res.Files), "warnings", len(res.Warnings))
	iw.setRows(nil, res.Warnings)
	iw.files = nil
	iw.list.Refresh()
	iw.start.Disable()
	iw.u.overview.invalidate()
	iw.u.setInfo(iw.u.ctrl.Info())
}

// setRows shows errors and warnings in the list, or hides the list when
// there are none.
func (iw *importWindow) setRows(errs, warnings []data.Problem) {
	iw.rows = nil
	for _, p := range errs {
		iw.rows = append(iw.rows, append([]string{"Error"}, problemRow(p)...))
	}
	for _, p := range warnings {
		iw.rows = append(iw.rows, append([]string{"Warning"}, problemRow(p)...))
	}
	if len(iw.rows) == 0 {
		iw.problems.Hide()
		iw.copyAll.Hide()
	} else {
		iw.problems.Show()
		iw.copyAll.Show()
	}
	iw.problems.Refresh()
	iw.showDetail(0)
}

// showDetail writes out problem row i in full above the list, since the
// list's cells cut long messages.
func (iw *importWindow) showDetail(i int) {
	if i < 0 || i >= len(iw.rows) {
		iw.detail.SetText("")
		return
	}
	r := iw.rows[i]
	where := r[1]
	if r[2] != "" {
		where += ", sheet " + r[2]
	}
	if r[3] != "" {
		where += ", line " + r[3]
	}
	if r[4] != "" {
		where += fmt.Sprintf(", column %q", r[4])
	}
	if r[5] != "" {
		where += fmt.Sprintf(", value %q", r[5])
	}
	iw.detail.SetText(fmt.Sprintf("%s in %s: %s", r[0], where, r[6]))
}

func problemRow(p data.Problem) []string {
	line := ""
	if p.Line > 0 {
		line = strconv.Itoa(p.Line)
	}
	return []string{p.File, p.Sheet, line, p.Column, p.Value, p.Message}
}

func firstProblem(list []data.Problem) string {
	if len(list) == 0 {
		return ""
	}
	return strings.Join(problemRow(list[0]), " | ")
}
