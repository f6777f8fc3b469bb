package app

import (
	"fmt"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"readiness/charts"
)

// numbersScreen shows the numbers behind each chart as a table, with the
// privacy of the main window, for those who would rather read than look and
// for screen readers. Each table copies to the clipboard as tab-separated
// text and exports as CSV or .xlsx.
type numbersScreen struct {
	u       *UI
	content fyne.CanvasObject
	tabs    *container.AppTabs
	views   map[charts.Kind]*tableView
}

func newNumbersScreen(u *UI) *numbersScreen {
	s := &numbersScreen{u: u, views: map[charts.Kind]*tableView{}}
	s.tabs = container.NewAppTabs()
	s.tabs.SetTabLocation(container.TabLocationLeading)
	for _, kind := range charts.Kinds {
		v := newTableView(u, kind)
		s.views[kind] = v
		s.tabs.Append(container.NewTabItem(chartLabels[kind], v.content))
	}
	s.content = s.tabs
	return s
}

func (s *numbersScreen) show(d *Dashboard, minN int) {
	in := d.Input(minN)
	for kind, v := range s.views {
		v.set(charts.TableOf(kind, in))
	}
}

func (s *numbersScreen) setError(err error) {
	for _, v := range s.views {
		v.set(charts.Table{Title: err.Error()})
	}
}

// tableView is one chart's table.
type tableView struct {
	kind    charts.Kind
	content fyne.CanvasObject
	title   *widget.Label
	table   *widget.Table
	data    charts.Table
}

func newTableView(u *UI, kind charts.Kind) *tableView {
	v := &tableView{kind: kind}
	v.title = widget.NewLabel(chartLabels[kind])
	v.title.TextStyle.Bold = true
	v.title.Wrapping = fyne.TextWrapWord
	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.data.Rows), len(v.data.Header) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.SetText(v.Cell(id.Row, id.Col))
		},
	)
	v.table.ShowHeaderColumn = false
	v.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		return l
	}
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(v.data.Header) {
			o.(*widget.Label).SetText(v.data.Header[id.Col])
		}
	}

	copyButton := widget.NewButtonWithIcon("Copy table", theme.ContentCopyIcon(), func() {
		u.a.Clipboard().SetContent(v.TSV())
		u.setStatus(fmt.Sprintf("Copied the %s table (%d rows) as tab-separated text.", chartLabels[kind], len(v.data.Rows)))
	})
	csvButton := widget.NewButtonWithIcon("CSV…", theme.DocumentSaveIcon(), func() { u.onExportTable(kind, "csv") })
	xlsxButton := widget.NewButtonWithIcon("Excel…", theme.DocumentSaveIcon(), func() { u.onExportTable(kind, "xlsx") })
	top := container.NewBorder(nil, nil, nil, container.NewHBox(copyButton, csvButton, xlsxButton), v.title)
	v.content = container.NewBorder(top, nil, nil, nil, v.table)
	return v
}

// set shows a new table.
func (v *tableView) set(t charts.Table) {
	v.data = t
	title := t.Title
	if title == "" {
		title = chartLabels[v.kind]
	}
	v.title.SetText(title)
	for col := range t.Header {
		v.table.SetColumnWidth(col, columnWidth(t, col))
	}
	v.table.Refresh()
}

// Cell returns the shown text of a cell.
func (v *tableView) Cell(row, col int) string {
	if row < 0 || row >= len(v.data.Rows) || col < 0 || col >= len(v.data.Rows[row]) {
		return ""
	}
	return v.data.Rows[row][col]
}

// TSV returns the table as tab-separated text, as Copy puts it on the
// clipboard.
func (v *tableView) TSV() string { return TableTSV(v.data.Header, v.data.Rows) }

// columnWidth fits a column to its longest text, within limits.
func columnWidth(t charts.Table, col int) float32 {
	longest := utf8.RuneCountInString(t.Header[col])
	for _, r := range t.Rows {
		if col < len(r) {
			longest = max(longest, utf8.RuneCountInString(r[col]))
		}
	}
	w := float32(longest)*theme.TextSize()*0.6 + 2*theme.Padding() + 8
	return max(90, min(360, w))
}
