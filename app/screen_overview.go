package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"readiness/data/indicator"
)

// overviewScreen puts every school of the district side by side for one
// indicator: a row per school, a column per Career Cluster (or experience
// type, or outcome), sorted by a click on a column header.
type overviewScreen struct {
	u       *UI
	content fyne.CanvasObject

	indicator *widget.Select
	sortBy    *widget.Select // the sort column, for keyboard use
	heading   *widget.Label
	table     *widget.Table

	data       *Overview
	view       OverviewTable
	sortColumn int
	descending bool
	generation uint64
}

func newOverviewScreen(u *UI) *overviewScreen {
	s := &overviewScreen{u: u}
	var labels []string
	for _, l := range indicatorLabels {
		labels = append(labels, l.label)
	}
	s.indicator = widget.NewSelect(labels, func(string) { s.refresh() })
	s.indicator.SetSelectedIndex(0)
	s.heading = widget.NewLabel("")
	s.heading.TextStyle.Bold = true
	s.sortBy = widget.NewSelect(nil, func(string) {
		if i := s.sortBy.SelectedIndex(); i >= 0 && i != s.sortColumn {
			s.onSort(i)
		}
	})

	s.table = widget.NewTableWithHeaders(s.size, s.createCell, s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	s.table.UpdateHeader = s.updateHeader
	s.table.OnSelected = s.onSelected

	hint := widget.NewLabel("Click a column header to sort; click it again to reverse. Click a school's name to open its dashboard.")
	hint.SizeName = theme.SizeNameCaptionText
	top := container.NewVBox(
		container.NewHBox(
			widget.NewLabel("Indicator"), withWidth(s.indicator, 320),
			widget.NewLabel("Sort by"), withWidth(s.sortBy, 260),
		),
		s.heading,
	)
	s.content = container.NewBorder(top, hint, nil, nil, s.table)
	return s
}

// load computes every school's indicators of the selected district and year,
// unless they are already loaded.
func (s *overviewScreen) load() {
	sel := s.u.sel
	if s.data != nil && s.data.DistrictID == sel.DistrictID && s.data.Year == sel.Year && s.data.Schools != nil {
		s.refresh()
		return
	}
	s.generation++
	gen := s.generation
	s.heading.SetText("Loading every school of the district…")
	s.u.bg.run(func() func() {
		o, err := s.u.ctrl.LoadOverview(context.Background(), sel.DistrictID, sel.Year)
		return func() {
			if gen != s.generation {
				return
			}
			if err != nil {
				s.heading.SetText("")
				s.u.showError(err)
				return
			}
			s.data = o
			s.refresh()
		}
	})
}

// invalidate drops the loaded data, after an import or a new database.
func (s *overviewScreen) invalidate() { s.data = nil }

// refresh lays out the chosen indicator from the loaded data.
func (s *overviewScreen) refresh() {
	if s.data == nil {
		return
	}
	ind := indicatorLabels[max(0, s.indicator.SelectedIndex())]
	s.view = s.data.Table(ind.name, s.u.minN())
	if s.sortColumn > len(s.view.Dimensions) {
		s.sortColumn, s.descending = 0, false
	}
	s.view.SortBy(s.sortColumn, s.descending)
	sortNames := []string{"School"}
	for _, dim := range s.view.Dimensions {
		sortNames = append(sortNames, dimensionLabel(dim))
	}
	s.sortBy.SetOptions(sortNames)
	s.sortBy.SetSelectedIndex(s.sortColumn)
	heading := fmt.Sprintf("%s — %s, %s", ind.label, s.data.District, indicator.FormatYear(s.data.Year))
	if len(s.view.Dimensions) == 0 {
		heading += ": no data for this indicator"
	}
	s.heading.SetText(heading)
	s.table.SetColumnWidth(0, 340)
	for i, dim := range s.view.Dimensions {
		s.table.SetColumnWidth(i+1, headerWidth(dimensionLabel(dim)))
	}
	s.table.Refresh()
}

// onSort sorts by a column; the same column again reverses the order.
func (s *overviewScreen) onSort(col int) {
	if col == s.sortColumn {
		s.descending = !s.descending
	} else {
		// Numbers read best largest first, names from A.
		s.sortColumn, s.descending = col, col > 0
	}
	s.view.SortBy(s.sortColumn, s.descending)
	s.sortBy.SetSelectedIndex(s.sortColumn)
	s.table.Refresh()
}

func (s *overviewScreen) size() (int, int) {
	if len(s.view.Dimensions) == 0 {
		return 0, 0
	}
	return len(s.view.Schools) + 1, len(s.view.Dimensions) + 1
}

func (s *overviewScreen) createCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// rowAt returns the table's row i: the district first, then the schools.
func (s *overviewScreen) rowAt(i int) OverviewRow {
	if i == 0 {
		return s.view.District
	}
	return s.view.Schools[i-1]
}

func (s *overviewScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	r := s.rowAt(id.Row)
	l.TextStyle.Bold = id.Row == 0
	if id.Col == 0 {
		l.Alignment = fyne.TextAlignLeading
		l.SetText(r.School)
		return
	}
	l.Alignment = fyne.TextAlignTrailing
	text := r.Cells[id.Col-1].Text
	if text == "" {
		text = "—"
	}
	l.SetText(text)
}

func (s *overviewScreen) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Row >= 0 || id.Col < 0 {
		b.SetText("")
		b.OnTapped = nil
		return
	}
	text := "School"
	if id.Col > 0 {
		text = dimensionLabel(s.view.Dimensions[id.Col-1])
	}
	b.SetIcon(nil)
	if id.Col == s.sortColumn {
		b.SetIcon(theme.MenuDropUpIcon())
		if s.descending {
			b.SetIcon(theme.MenuDropDownIcon())
		}
	}
	b.SetText(text)
	col := id.Col
	b.OnTapped = func() { s.onSort(col) }
}

func (s *overviewScreen) onSelected(id widget.TableCellID) {
	s.table.UnselectAll()
	if id.Col != 0 {
		return
	}
	r := s.rowAt(id.Row)
	sel := s.u.sel
	sel.SchoolID = r.SchoolID
	s.u.dashboard.selectIDs(sel)
	s.u.selectSchool(sel)
	s.u.tabs.SelectIndex(0)
}

// dimensionLabel writes a dimension for a column header.
func dimensionLabel(dim string) string {
	switch dim {
	case indicator.All:
		return "All"
	case indicator.Unassigned:
		return "Unassigned"
	}
	return strings.ReplaceAll(dim, "_", " ")
}

// headerWidth fits a sortable column header's text and its sort icon.
func headerWidth(text string) float32 {
	w := widget.NewButtonWithIcon(text, theme.MenuDropDownIcon(), nil).MinSize().Width
	return max(110, w+theme.Padding())
}
