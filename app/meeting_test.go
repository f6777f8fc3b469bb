package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"readiness/charts"
	"readiness/data/indicator"
)

func TestMeetingKeys(t *testing.T) {
	u := newTestUI(t, demoDB(t))
	u.privacy = false // meeting mode applies privacy whatever the main window does
	u.onMeeting(false)
	u.bg.wait()
	m := u.meeting
	require.NotNil(t, m)
	key := func(name fyne.KeyName) {
		m.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name})
		u.bg.wait()
	}

	start := m.School()
	assert.Equal(t, u.sel.SchoolID, start)
	assert.Equal(t, charts.Enrollment, m.Chart())

	key(fyne.KeyRight)
	assert.NotEqual(t, start, m.School())
	assert.Equal(t, u.info.SchoolName("", m.School()), m.title.Text)
	assert.Equal(t, m.School(), m.dash.SchoolID, "the next school's figures are loaded")

	key(fyne.KeyLeft)
	assert.Equal(t, start, m.School())

	key(fyne.KeyLeft)
	assert.Equal(t, indicator.AllSchools, m.School(), "the district comes before its first school")
	key(fyne.KeyLeft)
	assert.Equal(t, m.schools[len(m.schools)-1], m.School(), "left wraps from the district to the last school")

	key(fyne.KeyDown)
	assert.Equal(t, charts.Credentials, m.Chart())
	assert.Equal(t, charts.Credentials, m.view.kind)
	assert.Contains(t, m.subtitle.Text, chartLabels[charts.Credentials])
	key(fyne.KeyUp)
	key(fyne.KeyUp)
	assert.Equal(t, charts.Capacity, m.Chart(), "up wraps to the last chart")

	key(fyne.KeyT)
	assert.NotNil(t, m.stopTimer)
	assert.Contains(t, m.hint.Text, "Timer on")
	key(fyne.KeyT)
	assert.Nil(t, m.stopTimer)

	key(fyne.KeyEscape)
	assert.Nil(t, u.meeting, "Esc leaves meeting mode")
}

func TestMeetingAlwaysAppliesPrivacy(t *testing.T) {
	u := newTestUI(t, demoDB(t))
	u.setPrivacy(false)
	u.onMeeting(false)
	u.bg.wait()
	m := u.meeting
	require.NotNil(t, m)
	require.NotNil(t, m.view.input)

	minN := u.exportMinN()
	for _, r := range m.view.input.Rows {
		if r.Privacy == indicator.Count && r.HasValue && r.Value > 0 && r.Value < float64(minN) {
			assert.True(t, r.Hidden, "%s %s = %v is hidden", r.Indicator, r.Dimension, r.Value)
		}
	}
	m.advance()
	u.bg.wait()
	assert.Equal(t, charts.Credentials, m.Chart(), "the timer's step shows the next chart")
	m.w.Close()
}

func TestMeetingTimerAdvances(t *testing.T) {
	u := newTestUI(t, demoDB(t))
	u.onMeeting(false)
	u.bg.wait()
	m := u.meeting
	require.NotNil(t, m)
	m.interval = 50 * time.Millisecond

	m.onKey(&fyne.KeyEvent{Name: fyne.KeyT})
	(<-u.bg.queue)() // the timer's first step
	m.onKey(&fyne.KeyEvent{Name: fyne.KeyT})
	u.bg.wait()
	assert.NotEqual(t, charts.Enrollment, m.Chart(), "the timer moved on from the first chart")
	assert.Nil(t, m.stopTimer)
	m.w.Close()
}

func TestMeetingLabelsDemoData(t *testing.T) {
	u := newTestUI(t, demoDB(t))
	require.True(t, u.info.Synthetic)
	u.onMeeting(false)
	u.bg.wait()
	m := u.meeting
	require.NotNil(t, m)

	assert.Contains(t, m.subtitle.Text, syntheticBanner)
	assert.Equal(t, charts.SyntheticNote, m.dash.Input(10).Note, "every chart of the demo carries the footnote")
}

func TestMeetingChartZoom(t *testing.T) {
	// A 1920x1080 screen leaves a chart about 680 pixels tall.
	assert.Equal(t, float32(meetingChartZoom), chartZoom(meetingChartZoom, meetingChartHeight, 680))
	// A 1280x720 screen leaves about 370, so the zoom drops to keep 240 units.
	assert.InDelta(t, 370.0/240, chartZoom(meetingChartZoom, meetingChartHeight, 370), 1e-6)
	assert.Equal(t, float32(1), chartZoom(meetingChartZoom, meetingChartHeight, 100), "never under 1")
	assert.Equal(t, float32(1), chartZoom(0, 0, 500), "no zoom set")
}
