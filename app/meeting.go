package app

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"readiness/charts"
	"readiness/data"
	"readiness/data/indicator"
)

// meetingInterval is how long the timer shows each chart.
const meetingInterval = 20 * time.Second

// meetingChartZoom enlarges the charts' text for a projected screen: the
// dashboard's charts draw labels at their smallest size, 10 pixels, and
// meeting mode draws them at 22, legible from the back of a room.
const meetingChartZoom = 2.2

// meetingChartHeight is the least height, in the charts' own units, that
// meeting mode lays a chart out at: about a dashboard chart's. On a short
// screen it lowers the zoom, to about 1.6 on a 1280x720 projector.
const meetingChartHeight = 240

// meetingCompactHeight is the screen height under which meeting mode drops
// the district line of the headline figures, to leave the chart its room.
const meetingCompactHeight = 900

// meeting is the projected screen: full screen, large type, high contrast,
// privacy always on, one chart at a time. Keys: left and right move between
// schools, up and down between charts, T starts or stops the timer, Esc
// leaves.
type meeting struct {
	u     *UI
	w     fyne.Window
	theme *appTheme

	schools []string // school IDs in picker order, the district first
	school  int
	chart   int
	dash    *Dashboard

	title     *widget.Label
	subtitle  *widget.Label
	cards     []*headlineCard
	view      *chartView
	hint      *widget.Label
	stopTimer chan struct{}
	interval  time.Duration // of the timer

	generation uint64
}

func (u *UI) onMeeting(withTimer bool) {
	if u.info.Path == "" || len(u.info.Schools) == 0 {
		u.showError(fmt.Errorf("meeting mode: no school to show; open a database with schools first"))
		return
	}
	if u.meeting != nil {
		u.meeting.w.RequestFocus()
		return
	}
	m := newMeeting(u)
	u.meeting = m
	m.w.SetFullScreen(true)
	m.w.Show()
	m.load()
	if withTimer {
		m.toggleTimer()
	}
}

func newMeeting(u *UI) *meeting {
	m := &meeting{u: u, w: u.a.NewWindow("Readiness — meeting mode"), theme: meetingTheme(), interval: meetingInterval}
	m.schools = append([]string{indicator.AllSchools}, ids(u.info.SchoolsOf(u.sel.DistrictID))...)
	m.school = indexOf(m.schools, u.sel.SchoolID)
	m.chart = max(0, indexOfKind(u.current))

	m.title = widget.NewLabel("")
	m.title.TextStyle.Bold = true
	m.title.SizeName = theme.SizeNameHeadingText
	m.subtitle = widget.NewLabel("")
	row := container.NewGridWithColumns(len(headlineSpecs) + 1)
	for range len(headlineSpecs) + 1 {
		c := newHeadlineCard()
		c.details.Hide()
		m.cards = append(m.cards, c)
		row.Add(c.content)
	}
	m.view = newChartView(charts.Kinds[m.chart], &u.bg)
	m.view.theme = m.theme.chartTheme()
	m.view.zoom = meetingChartZoom
	m.view.minHeight = meetingChartHeight
	m.view.onError = u.showError
	m.hint = widget.NewLabel("")
	m.hint.SizeName = theme.SizeNameCaptionText
	m.hint.Alignment = fyne.TextAlignCenter

	top := container.NewVBox(container.NewBorder(nil, nil, nil, m.subtitle, m.title), row)
	content := container.NewBorder(top, m.hint, nil, nil, m.view)
	// The override themes the widgets but paints no window background.
	background := canvas.NewRectangle(m.theme.Color(theme.ColorNameBackground, m.theme.variant))
	m.w.SetContent(container.NewThemeOverride(container.NewStack(background, content), m.theme))
	m.w.Canvas().SetOnTypedKey(m.onKey)
	m.w.SetOnClosed(m.closed)
	m.w.Resize(fyne.NewSize(1280, 800))
	m.showTitle()
	return m
}

func ids(list []data.School) []string {
	var out []string
	for _, s := range list {
		out = append(out, s.ID)
	}
	return out
}

func indexOfKind(k charts.Kind) int {
	for i, kind := range charts.Kinds {
		if kind == k {
			return i
		}
	}
	return -1
}

// onKey handles the meeting's keys.
func (m *meeting) onKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyRight:
		m.moveSchool(1)
	case fyne.KeyLeft:
		m.moveSchool(-1)
	case fyne.KeyDown:
		m.moveChart(1)
	case fyne.KeyUp:
		m.moveChart(-1)
	case fyne.KeyT:
		m.toggleTimer()
	case fyne.KeyEscape:
		m.w.Close()
	}
}

func (m *meeting) moveSchool(step int) {
	m.school = (m.school + step + len(m.schools)) % len(m.schools)
	m.showTitle()
	m.load()
}

func (m *meeting) moveChart(step int) {
	m.chart = (m.chart + step + len(charts.Kinds)) % len(charts.Kinds)
	m.view.kind = charts.Kinds[m.chart]
	m.showTitle()
	if m.dash != nil {
		m.view.SetInput(m.dash.Input(m.u.exportMinN()))
	}
}

// advance is the timer's step: the next chart, and after the last chart the
// next school's first.
func (m *meeting) advance() {
	if m.chart == len(charts.Kinds)-1 {
		m.chart = -1
		m.moveSchool(1)
	}
	m.moveChart(1)
}

func (m *meeting) toggleTimer() {
	if m.stopTimer != nil {
		close(m.stopTimer)
		m.stopTimer = nil
		m.showTitle()
		return
	}
	stop := make(chan struct{})
	m.stopTimer = stop
	go func() {
		t := time.NewTicker(m.interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				m.u.bg.post(m.advance)
			case <-stop:
				return
			}
		}
	}()
	m.showTitle()
}

// showTitle writes the school, chart and key hints; the figures follow when
// the school's data is loaded.
func (m *meeting) showTitle() {
	info := m.u.info
	m.title.SetText(info.SchoolName(m.u.sel.DistrictID, m.schools[m.school]))
	subtitle := fmt.Sprintf("%s   ·   %s   ·   %d of %d", indicator.FormatYear(m.u.sel.Year), chartLabels[charts.Kinds[m.chart]], m.school+1, len(m.schools))
	if info.Synthetic {
		subtitle = syntheticBanner + "   ·   " + subtitle
	}
	m.subtitle.SetText(subtitle)
	hint := "←  → school     ↑  ↓ chart     T timer     Esc leave     ·     privacy on"
	if m.stopTimer != nil {
		hint = fmt.Sprintf("Timer on: next chart every %d seconds (T stops it)     ·     ", int(m.interval.Seconds())) + hint
	}
	m.hint.SetText(hint)
}

// School returns the ID of the school shown.
func (m *meeting) School() string { return m.schools[m.school] }

// Chart returns the chart shown.
func (m *meeting) Chart() charts.Kind { return charts.Kinds[m.chart] }

func (m *meeting) load() {
	m.generation++
	gen := m.generation
	sel := m.u.sel
	sel.SchoolID = m.schools[m.school]
	m.u.bg.run(func() func() {
		d, err := m.u.ctrl.Load(context.Background(), sel)
		return func() {
			if gen != m.generation {
				return
			}
			if err != nil {
				m.view.SetMessage(err.Error())
				m.u.showError(err)
				return
			}
			m.dash = d
			minN := m.u.exportMinN()
			compact := m.w.Canvas().Size().Height < meetingCompactHeight
			for i, h := range d.Headlines(minN) {
				if h.Value == notReportedText {
					// Shorter, so that it fits one line in large type.
					h.Value, h.Change = "—", notReportedText
				}
				m.cards[i].set(h)
				if compact {
					m.cards[i].district.Hide()
				}
			}
			m.view.SetInput(d.Input(minN))
		}
	})
}

func (m *meeting) closed() {
	if m.stopTimer != nil {
		close(m.stopTimer)
		m.stopTimer = nil
	}
	m.generation++
	m.u.meeting = nil
	m.u.w.RequestFocus()
}
