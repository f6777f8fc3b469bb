package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"readiness/charts"
	"readiness/data/indicator"
)

// dashboardScreen is one school in one year: pickers, headline figures and
// the four charts in a 2x2 grid.
type dashboardScreen struct {
	u       *UI
	content fyne.CanvasObject

	district     *widget.Select
	districtRow  fyne.CanvasObject
	school       *widget.Select
	year         *widget.Select
	privacyCheck *widget.Check
	heading      *widget.Label
	cards        []*headlineCard
	charts       map[charts.Kind]*chartView

	// option lists of the pickers, by position, and their IDs.
	districtIDs []string
	schoolIDs   []string
	years       []int
	updating    bool // set while the pickers are filled, to ignore their events
}

func newDashboardScreen(u *UI) *dashboardScreen {
	s := &dashboardScreen{u: u, charts: map[charts.Kind]*chartView{}}
	s.district = widget.NewSelect(nil, func(string) { s.onPick() })
	s.school = widget.NewSelect(nil, func(string) { s.onPick() })
	s.year = widget.NewSelect(nil, func(string) { s.onPick() })
	s.privacyCheck = widget.NewCheck("Privacy", u.setPrivacy)
	s.privacyCheck.SetChecked(u.privacy)
	s.heading = widget.NewLabel("")
	s.heading.TextStyle.Bold = true
	s.heading.SizeName = theme.SizeNameSubHeadingText
	s.heading.Truncation = fyne.TextTruncateEllipsis

	s.districtRow = container.NewHBox(widget.NewLabel("District"), withWidth(s.district, 240))
	pickers := container.NewHBox(
		s.districtRow,
		widget.NewLabel("School"), withWidth(s.school, 300),
		widget.NewLabel("School year"), withWidth(s.year, 120),
		s.privacyCheck,
	)
	actions := container.NewHBox(
		widget.NewButtonWithIcon("PDF", theme.DocumentPrintIcon(), u.onExportPDF),
		widget.NewButtonWithIcon("Meeting mode", theme.ComputerIcon(), func() { u.onMeeting(false) }),
	)

	row := container.NewGridWithColumns(len(headlineSpecs) + 1)
	for range len(headlineSpecs) + 1 {
		c := newHeadlineCard()
		s.cards = append(s.cards, c)
		row.Add(c.content)
	}

	grid := container.NewGridWithColumns(2)
	for _, kind := range charts.Kinds {
		v := newChartView(kind, &u.bg)
		v.onTapped = u.selectChart
		v.onMenu = u.showChartMenu
		v.onError = u.showError
		s.charts[kind] = v
		grid.Add(v)
	}
	s.charts[u.current].SetSelected(true)

	top := container.NewVBox(container.NewBorder(nil, nil, pickers, actions), s.heading, row)
	s.content = container.NewBorder(top, nil, nil, nil, grid)
	return s
}

// setInfo fills the pickers from a newly opened database and selection.
func (s *dashboardScreen) setInfo(info Info, sel Selection) {
	s.updating = true
	defer func() { s.updating = false }()

	s.districtIDs = nil
	var names []string
	for _, d := range info.Districts {
		s.districtIDs = append(s.districtIDs, d.ID)
		names = append(names, uniqueName(names, info.DistrictName(d.ID), d.ID))
	}
	s.district.SetOptions(names)
	if len(info.Districts) > 1 {
		s.districtRow.Show()
		s.district.SetSelectedIndex(indexOf(s.districtIDs, sel.DistrictID))
	} else {
		s.districtRow.Hide()
	}
	s.fillSchools(info, sel)

	s.years = info.Years
	var yearNames []string
	for _, y := range info.Years {
		yearNames = append(yearNames, indicator.FormatYear(y))
	}
	s.year.SetOptions(yearNames)
	for i, y := range s.years {
		if y == sel.Year {
			s.year.SetSelectedIndex(i)
		}
	}
}

func (s *dashboardScreen) fillSchools(info Info, sel Selection) {
	s.schoolIDs = []string{indicator.AllSchools}
	names := []string{info.DistrictName(sel.DistrictID) + " (all schools)"}
	for _, sc := range info.SchoolsOf(sel.DistrictID) {
		s.schoolIDs = append(s.schoolIDs, sc.ID)
		names = append(names, uniqueName(names, sc.Name, sc.ID))
	}
	s.school.SetOptions(names)
	s.school.SetSelectedIndex(indexOf(s.schoolIDs, sel.SchoolID))
}

// onPick reads the pickers into a new selection.
func (s *dashboardScreen) onPick() {
	if s.updating {
		return
	}
	sel := s.u.sel
	if i := s.district.SelectedIndex(); i >= 0 && i < len(s.districtIDs) && s.districtIDs[i] != sel.DistrictID {
		sel.DistrictID = s.districtIDs[i]
		sel = defaultSelection(s.u.info, Selection{DistrictID: sel.DistrictID, Year: sel.Year})
		s.updating = true
		s.fillSchools(s.u.info, sel)
		s.updating = false
	}
	if i := s.school.SelectedIndex(); i >= 0 && i < len(s.schoolIDs) {
		sel.SchoolID = s.schoolIDs[i]
	}
	if i := s.year.SelectedIndex(); i >= 0 && i < len(s.years) {
		sel.Year = s.years[i]
	}
	s.u.selectSchool(sel)
}

// selectIDs sets the pickers to a selection without loading it; callers load.
func (s *dashboardScreen) selectIDs(sel Selection) {
	s.updating = true
	defer func() { s.updating = false }()
	s.school.SetSelectedIndex(indexOf(s.schoolIDs, sel.SchoolID))
	for i, y := range s.years {
		if y == sel.Year {
			s.year.SetSelectedIndex(i)
		}
	}
}

// loadingSuffix marks the heading while a selection loads.
const loadingSuffix = "   (loading…)"

func (s *dashboardScreen) setLoading() {
	s.heading.SetText(strings.TrimSuffix(s.heading.Text, loadingSuffix) + loadingSuffix)
}

func (s *dashboardScreen) setError(err error) {
	s.heading.SetText("")
	for _, c := range s.cards {
		c.set(Headline{})
	}
	for _, v := range s.charts {
		v.SetMessage(err.Error())
	}
}

// show applies a loaded dashboard at minimum n minN.
func (s *dashboardScreen) show(d *Dashboard, minN int) {
	heading := fmt.Sprintf("%s — %s", d.Place, indicator.FormatYear(d.Year))
	if minN > 0 {
		heading += fmt.Sprintf("   ·   privacy on: counts under %d hidden", minN)
	} else {
		heading += "   ·   privacy off: do not share this screen"
	}
	s.heading.SetText(heading)
	for i, h := range d.Headlines(minN) {
		s.cards[i].set(h)
	}
	in := d.Input(minN)
	for _, v := range s.charts {
		v.SetTheme(s.u.theme.chartTheme())
		v.SetInput(in)
	}
}

// headlineCard is one headline figure.
type headlineCard struct {
	content                                 fyne.CanvasObject
	label, value, change, district, details *widget.Label
}

func newHeadlineCard() *headlineCard {
	c := &headlineCard{
		label:    widget.NewLabel(""),
		value:    widget.NewLabel(""),
		change:   widget.NewLabel(""),
		district: widget.NewLabel(""),
		details:  widget.NewLabel(""),
	}
	c.value.TextStyle.Bold = true
	c.value.SizeName = theme.SizeNameHeadingText
	// "Not reported" wraps rather than widening a row of six cards past a
	// 1280-pixel screen.
	c.value.Wrapping = fyne.TextWrapWord
	for _, l := range []*widget.Label{c.label, c.change, c.district, c.details} {
		l.SizeName = theme.SizeNameCaptionText
		l.Truncation = fyne.TextTruncateEllipsis
	}
	c.content = widget.NewCard("", "", container.NewVBox(c.label, c.value, c.change, c.district, c.details))
	return c
}

func (c *headlineCard) set(h Headline) {
	c.label.SetText(h.Label)
	c.value.SetText(h.Value)
	c.change.SetText(h.Change)
	c.district.SetText(h.District)
	c.details.SetText(h.Detail)
}

// uniqueName returns name, or name with its ID when names already has it.
func uniqueName(names []string, name, id string) string {
	for _, n := range names {
		if n == name {
			return fmt.Sprintf("%s (%s)", name, id)
		}
	}
	return name
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return 0
}

// withWidth gives o a fixed width at its own minimum height.
func withWidth(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.New(layout.NewGridWrapLayout(fyne.NewSize(width, o.MinSize().Height)), o)
}
