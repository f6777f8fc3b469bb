package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"

	"readiness/data"
)

func TestRecentFilesKeepsNewestFirst(t *testing.T) {
	p := prefs{test.NewTempApp(t).Preferences()}
	for i := range maxRecentFiles + 2 {
		p.addRecent(fmt.Sprintf("/data/%d.db", i))
	}
	p.addRecent("/data/3.db")

	list := p.recentFiles()
	assert.Len(t, list, maxRecentFiles)
	assert.Equal(t, "/data/3.db", list[0], "a reopened file moves to the top")
	assert.Equal(t, "/data/9.db", list[1])
	assert.NotContains(t, list, "/data/0.db", "the oldest falls off")
	assert.Equal(t, "/data/3.db", p.lastDatabase())

	p.removeRecent("/data/3.db")
	assert.NotContains(t, p.recentFiles(), "/data/3.db")
	assert.Empty(t, p.lastDatabase())
}

func TestPreferencesDefaultsAndLimits(t *testing.T) {
	p := prefs{test.NewTempApp(t).Preferences()}
	assert.Equal(t, ThemeLight, p.theme())
	assert.True(t, p.privacy())
	assert.Equal(t, 10, p.minN())

	p.setMinN(50)
	assert.Equal(t, 30, p.minN(), "minimum n stays within 3 to 30")
	p.setMinN(5)
	assert.Equal(t, 5, p.minN())
	assert.Equal(t, 12, effectiveMinN(p.minN(), data.Settings{MinN: 12}), "the database's threshold wins when stricter")
	assert.Equal(t, 5, effectiveMinN(p.minN(), data.Settings{MinN: 3}))
}
