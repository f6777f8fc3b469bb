package app

import (
	"context"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"readiness/charts"
)

// shortcut is Ctrl (Cmd on macOS) with a key.
func shortcut(key fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// actions maps each keyboard shortcut to its menu action.
func (u *UI) actions() []struct {
	key    fyne.KeyName
	action func()
} {
	return []struct {
		key    fyne.KeyName
		action func()
	}{
		{fyne.KeyO, u.onOpen},
		{fyne.KeyN, u.onNew},
		{fyne.KeyI, u.onImport},
		{fyne.KeyP, u.onExportPDF},
		{fyne.KeyE, func() { u.onExportChart("png") }},
		{fyne.KeyM, func() { u.onMeeting(false) }},
		{fyne.KeyQ, u.a.Quit},
		{fyne.Key1, func() { u.tabs.SelectIndex(0) }},
		{fyne.Key2, func() { u.tabs.SelectIndex(1) }},
		{fyne.Key3, func() { u.tabs.SelectIndex(2) }},
	}
}

func (u *UI) addShortcuts() {
	for _, a := range u.actions() {
		action := a.action
		u.w.Canvas().AddShortcut(shortcut(a.key), func(fyne.Shortcut) { action() })
	}
}

func (u *UI) mainMenu() *fyne.MainMenu {
	item := func(label string, key fyne.KeyName, action func()) *fyne.MenuItem {
		m := fyne.NewMenuItem(label, action)
		if key != "" {
			m.Shortcut = shortcut(key)
		}
		return m
	}

	recent := fyne.NewMenuItem("Open recent", nil)
	for _, path := range u.prefs.recentFiles() {
		recent.ChildMenu = appendItem(recent.ChildMenu, fyne.NewMenuItem(path, func() { u.openPath(path) }))
	}
	if recent.ChildMenu == nil {
		recent.Disabled = true
	}

	quit := item("Quit", fyne.KeyQ, u.a.Quit)
	quit.IsQuit = true
	file := fyne.NewMenu("File",
		item("Open database…", fyne.KeyO, u.onOpen),
		recent,
		item("New database…", fyne.KeyN, u.onNew),
		fyne.NewMenuItem("Open demo district", u.openDemo),
		fyne.NewMenuItemSeparator(),
		item("Import files…", fyne.KeyI, u.onImport),
		fyne.NewMenuItemSeparator(),
		item("Export chart as PNG…", fyne.KeyE, func() { u.onExportChart("png") }),
		fyne.NewMenuItem("Export chart as SVG…", func() { u.onExportChart("svg") }),
		fyne.NewMenuItem("Export chart's table as CSV…", func() { u.onExportTable(u.current, "csv") }),
		fyne.NewMenuItem("Export chart's table as Excel…", func() { u.onExportTable(u.current, "xlsx") }),
		item("Export dashboard as PDF…", fyne.KeyP, u.onExportPDF),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	view := fyne.NewMenu("View",
		item("School dashboard", fyne.Key1, func() { u.tabs.SelectIndex(0) }),
		item("District overview", fyne.Key2, func() { u.tabs.SelectIndex(1) }),
		item("Numbers behind the charts", fyne.Key3, func() { u.tabs.SelectIndex(2) }),
		fyne.NewMenuItemSeparator(),
		item("Meeting mode", fyne.KeyM, func() { u.onMeeting(false) }),
		fyne.NewMenuItem("Meeting mode with timer", func() { u.onMeeting(true) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Preferences…", u.onPreferences),
	)
	return fyne.NewMainMenu(file, view)
}

func appendItem(m *fyne.Menu, it *fyne.MenuItem) *fyne.Menu {
	if m == nil {
		return fyne.NewMenu("", it)
	}
	m.Items = append(m.Items, it)
	return m
}

// selectChart makes kind the chart that export acts on.
func (u *UI) selectChart(kind charts.Kind) {
	u.current = kind
	for k, v := range u.dashboard.charts {
		v.SetSelected(k == kind)
	}
	u.setStatus(fmt.Sprintf("%s chart selected: File > Export acts on it.", chartLabels[kind]))
}

// showChartMenu selects a chart and shows its export menu at the pointer.
func (u *UI) showChartMenu(kind charts.Kind, ev *fyne.PointEvent) {
	u.selectChart(kind)
	menu := fyne.NewMenu("",
		fyne.NewMenuItem("Export chart as PNG…", func() { u.onExportChart("png") }),
		fyne.NewMenuItem("Export chart as SVG…", func() { u.onExportChart("svg") }),
		fyne.NewMenuItem("Export table as CSV…", func() { u.onExportTable(kind, "csv") }),
		fyne.NewMenuItem("Export table as Excel…", func() { u.onExportTable(kind, "xlsx") }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Show the numbers", func() {
			u.tabs.SelectIndex(2)
			u.numbers.tabs.SelectIndex(indexOfKind(kind))
		}),
	)
	widget.ShowPopUpMenuAtPosition(menu, u.w.Canvas(), ev.AbsolutePosition)
}

func (u *UI) onOpen() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(fmt.Errorf("choose database: %w", err))
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		u.openPath(path)
	}, u.w)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".sqlite", ".sqlite3"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

func (u *UI) onNew() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(fmt.Errorf("choose new database file: %w", err))
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		u.bg.run(func() func() {
			info, err := u.ctrl.Create(context.Background(), path)
			return func() {
				if err != nil {
					u.showError(err)
					return
				}
				u.overview.invalidate()
				u.setInfo(info)
			}
		})
	}, u.w)
	d.SetFileName("district.db")
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// onPreferences edits the theme, the minimum n and the privacy default.
func (u *UI) onPreferences() {
	themeSelect := widget.NewSelect(themeNames, nil)
	themeSelect.SetSelected(u.prefs.theme())
	var ns []string
	for n := 3; n <= 30; n++ {
		ns = append(ns, strconv.Itoa(n))
	}
	minN := widget.NewSelect(ns, nil)
	minN.SetSelected(strconv.Itoa(u.prefs.minN()))
	privacy := widget.NewCheck("Privacy on when the app starts", nil)
	privacy.SetChecked(u.prefs.privacy())
	note := widget.NewLabel(fmt.Sprintf("Counts from 1 to n−1 show as <n and values derived from them as *. "+
		"Exports and meeting mode always apply privacy. This database asks for at least %d.", u.info.Settings.MinN))
	note.Wrapping = fyne.TextWrapWord

	form := widget.NewForm(
		widget.NewFormItem("Theme", themeSelect),
		widget.NewFormItem("Minimum n", minN),
		widget.NewFormItem("", privacy),
	)
	d := dialog.NewCustomConfirm("Preferences", "Save", "Cancel", container.NewVBox(form, note), func(ok bool) {
		if !ok {
			return
		}
		n, _ := strconv.Atoi(minN.Selected)
		u.prefs.setMinN(n)
		u.prefs.setPrivacy(privacy.Checked)
		u.prefs.setTheme(themeSelect.Selected)
		u.applyTheme(themeSelect.Selected)
		u.showDashboard()
		u.overview.refresh()
	}, u.w)
	d.Resize(fyne.NewSize(520, 320))
	d.Show()
}

// applyTheme switches the window's theme and the charts' colours.
func (u *UI) applyTheme(name string) {
	u.theme = newAppTheme(name)
	u.a.Settings().SetTheme(u.theme)
	for _, v := range u.dashboard.charts {
		v.SetTheme(u.theme.chartTheme())
	}
}
