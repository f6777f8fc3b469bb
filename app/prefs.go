package app

import (
	"slices"

	"fyne.io/fyne/v2"

	"readiness/data"
)

// Preference keys. The values persist in Fyne's preferences file of the app ID.
const (
	PrefLastDatabase = "lastDatabase" // path of the database open at exit
	PrefRecentFiles  = "recentFiles"  // paths, most recent first
	PrefTheme        = "theme"        // ThemeLight, ThemeDark or ThemeHighContrast
	PrefMinN         = "minN"         // minimum n of privacy, 3 to 30
	PrefPrivacy      = "privacy"      // privacy on the main window at start
	PrefDistrict     = "lastDistrict" // district ID of the last selection
	PrefSchool       = "lastSchool"   // school ID (or ALL) of the last selection
	PrefYear         = "lastYear"     // school year of the last selection, by its ending year
)

// maxRecentFiles is how many recent databases File > Open recent lists.
const maxRecentFiles = 8

// prefs reads and writes the app's preferences.
type prefs struct{ p fyne.Preferences }

func (p prefs) lastDatabase() string { return p.p.String(PrefLastDatabase) }

func (p prefs) recentFiles() []string { return p.p.StringList(PrefRecentFiles) }

// addRecent makes path the last database and the first recent file.
func (p prefs) addRecent(path string) {
	p.p.SetString(PrefLastDatabase, path)
	list := slices.DeleteFunc(p.recentFiles(), func(s string) bool { return s == path })
	list = append([]string{path}, list...)
	if len(list) > maxRecentFiles {
		list = list[:maxRecentFiles]
	}
	p.p.SetStringList(PrefRecentFiles, list)
}

// removeRecent drops a path that no longer opens from the recent files.
func (p prefs) removeRecent(path string) {
	list := slices.DeleteFunc(p.recentFiles(), func(s string) bool { return s == path })
	p.p.SetStringList(PrefRecentFiles, list)
	if p.lastDatabase() == path {
		p.p.RemoveValue(PrefLastDatabase)
	}
}

func (p prefs) theme() string { return p.p.StringWithFallback(PrefTheme, ThemeLight) }

func (p prefs) setTheme(name string) { p.p.SetString(PrefTheme, name) }

// minN returns the preferred minimum n, clamped to 3 to 30.
func (p prefs) minN() int {
	n := p.p.IntWithFallback(PrefMinN, data.DefaultSettings.MinN)
	return max(3, min(30, n))
}

func (p prefs) setMinN(n int) { p.p.SetInt(PrefMinN, n) }

// selection returns the dashboard's last selection. The app starts on it
// when the database it opens holds that district, school and year.
func (p prefs) selection() Selection {
	return Selection{
		DistrictID: p.p.String(PrefDistrict),
		SchoolID:   p.p.String(PrefSchool),
		Year:       p.p.Int(PrefYear),
	}
}

func (p prefs) setSelection(sel Selection) {
	p.p.SetString(PrefDistrict, sel.DistrictID)
	p.p.SetString(PrefSchool, sel.SchoolID)
	p.p.SetInt(PrefYear, sel.Year)
}

func (p prefs) privacy() bool { return p.p.BoolWithFallback(PrefPrivacy, true) }

func (p prefs) setPrivacy(on bool) { p.p.SetBool(PrefPrivacy, on) }

// effectiveMinN is the minimum n in force: the preference, raised to the
// database's own setting, so that a user can make privacy stricter than the
// district chose but never weaker.
func effectiveMinN(pref int, db data.Settings) int {
	return max(pref, db.MinN)
}
