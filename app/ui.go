// Package app is the Readiness desktop app: the school dashboard, the
// district overview, the numbers behind every chart, meeting mode, import
// and export. The Controller holds the database and runs the queries without
// importing Fyne, and the screens are thin Fyne views over it. Queries and
// chart drawing run on goroutines and their results reach the widgets
// through fyne.Do.
package app

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"readiness/charts"
	"readiness/data"
	"readiness/data/indicator"
)

// syntheticBanner is shown whenever the open database is the demo district.
const syntheticBanner = "Demo data — synthetic"

// demoFileName is the demo database's name under the app's storage root.
const demoFileName = "demo-district.db"

// defaultWindowSize is the main window's size at start.
var defaultWindowSize = fyne.NewSize(1280, 860)

// UI is the main window and the state of what it shows.
type UI struct {
	a     fyne.App
	w     fyne.Window
	ctrl  *Controller
	prefs prefs
	bg    background
	theme *appTheme
	demo  data.DemoOptions // the size of the demo district made on first run

	info    Info
	sel     Selection
	dash    *Dashboard
	privacy bool
	current charts.Kind // the chart that File > Export acts on

	banner    *fyne.Container
	status    *widget.Label
	tabs      *container.AppTabs
	body      *fyne.Container
	empty     fyne.CanvasObject
	dashboard *dashboardScreen
	overview  *overviewScreen
	numbers   *numbersScreen
	meeting   *meeting

	loadGeneration uint64
	cancelLoad     context.CancelFunc
	openErrors     map[string]bool // error texts whose dialog is showing
}

// New builds the main window of a. Call Start to open a database and
// ShowAndRun (or a.Run) to show it.
func New(a fyne.App) *UI {
	u := &UI{
		a:          a,
		ctrl:       NewController(),
		prefs:      prefs{a.Preferences()},
		current:    charts.Enrollment,
		demo:       data.DefaultDemo,
		openErrors: map[string]bool{},
	}
	u.bg.onPanic = u.showError
	u.privacy = u.prefs.privacy()
	u.sel = u.prefs.selection()
	u.theme = newAppTheme(u.prefs.theme())
	a.Settings().SetTheme(u.theme)

	u.w = a.NewWindow("Readiness")
	u.build()
	u.w.SetMainMenu(u.mainMenu())
	u.addShortcuts()
	u.w.Resize(defaultWindowSize)
	u.w.SetOnClosed(func() { u.ctrl.Close() })
	u.w.SetOnDropped(u.onDropped)
	return u
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.w }

// Controller returns the controller behind the window.
func (u *UI) Controller() *Controller { return u.ctrl }

func (u *UI) build() {
	u.banner = container.NewStack(
		canvas.NewRectangle(color.NRGBA{R: 0xff, G: 0xdd, B: 0x57, A: 0xff}),
		container.NewCenter(canvas.NewText(syntheticBanner, color.Black)),
	)
	u.banner.Objects[1].(*fyne.Container).Objects[0].(*canvas.Text).TextStyle.Bold = true
	u.banner.Hide()
	u.status = widget.NewLabel("")
	u.status.Truncation = fyne.TextTruncateEllipsis

	u.dashboard = newDashboardScreen(u)
	u.overview = newOverviewScreen(u)
	u.numbers = newNumbersScreen(u)
	u.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("School dashboard", theme.HomeIcon(), u.dashboard.content),
		container.NewTabItemWithIcon("District overview", theme.GridIcon(), u.overview.content),
		container.NewTabItemWithIcon("Numbers behind the charts", theme.ListIcon(), u.numbers.content),
	)
	u.tabs.OnSelected = func(*container.TabItem) { u.onTabSelected() }
	u.empty = u.emptyState("Opening…")
	u.body = container.NewStack(u.empty)
	u.w.SetContent(container.NewBorder(u.banner, u.status, nil, nil, u.body))
}

// emptyState is the window's content while no database is open.
func (u *UI) emptyState(text string) fyne.CanvasObject {
	msg := widget.NewLabel(text)
	msg.Alignment = fyne.TextAlignCenter
	msg.Wrapping = fyne.TextWrapWord
	return container.NewCenter(container.NewVBox(
		msg,
		container.NewHBox(
			widget.NewButtonWithIcon("Open database…", theme.FolderOpenIcon(), u.onOpen),
			widget.NewButtonWithIcon("New database…", theme.ContentAddIcon(), u.onNew),
			widget.NewButtonWithIcon("Open demo district", theme.MediaPlayIcon(), u.openDemo),
		),
	))
}

// Start opens path, or without a path the last database used, or the demo
// district the first time.
func (u *UI) Start(path string) {
	switch {
	case path != "":
		u.openPath(path)
	case u.prefs.lastDatabase() != "":
		u.openPath(u.prefs.lastDatabase())
	default:
		u.openDemo()
	}
}

// ShowAndRun shows the main window and runs the app until it quits.
func (u *UI) ShowAndRun() { u.w.ShowAndRun() }

// openPath opens an existing database on a goroutine.
func (u *UI) openPath(path string) {
	u.setStatus("Opening " + path + "…")
	u.bg.run(func() func() {
		info, err := u.ctrl.Open(context.Background(), path)
		return func() {
			if err != nil {
				u.prefs.removeRecent(path)
				u.showError(err)
				u.showEmpty("No database is open. Open one, create a new one, or open the demo district.")
				return
			}
			u.setInfo(info)
		}
	})
}

// openDemo opens the demo district, generating it on first use.
func (u *UI) openDemo() {
	path := u.demoPath()
	u.setStatus("Opening the demo district…")
	u.showEmpty("Preparing the demo district. The first time takes a moment…")
	u.bg.run(func() func() {
		info, err := u.ctrl.OpenDemo(context.Background(), path, u.demo)
		return func() {
			if err != nil {
				u.showError(err)
				u.showEmpty("The demo district could not be created. Open a database instead.")
				return
			}
			u.setInfo(info)
		}
	})
}

// demoPath returns the path of the demo district under the app's storage root.
func (u *UI) demoPath() string {
	root := u.a.Storage().RootURI()
	if root == nil || root.Scheme() != "file" {
		return filepath.Join(os.TempDir(), demoFileName)
	}
	os.MkdirAll(root.Path(), 0o755)
	return filepath.Join(root.Path(), demoFileName)
}

func (u *UI) showEmpty(text string) {
	u.empty = u.emptyState(text)
	u.body.Objects = []fyne.CanvasObject{u.empty}
	u.body.Refresh()
	u.banner.Hide()
	u.setStatus("No database is open.")
}

// setInfo shows a newly opened (or reread) database.
func (u *UI) setInfo(info Info) {
	u.info = info
	u.prefs.addRecent(info.Path)
	u.w.SetMainMenu(u.mainMenu())
	u.w.SetTitle("Readiness — " + filepath.Base(info.Path))
	if info.Synthetic {
		u.banner.Show()
	} else {
		u.banner.Hide()
	}
	u.setStatus(statusLine(info))
	if len(info.Schools) == 0 || len(info.Years) == 0 {
		// Nothing of the database before may be exported from here on.
		u.dash = nil
		u.showEmptyDatabase(len(info.Schools))
		return
	}
	u.body.Objects = []fyne.CanvasObject{u.tabs}
	u.body.Refresh()
	u.sel = defaultSelection(info, u.sel)
	u.prefs.setSelection(u.sel)
	u.dashboard.setInfo(info, u.sel)
	u.load()
}

// showEmptyDatabase replaces the screens with a prompt to import, for a
// database with no schools, or with schools but no data for any school year
// (a school directory alone, for example).
func (u *UI) showEmptyDatabase(schools int) {
	text := "This database holds no schools yet. Import a district's files to begin: schools.csv first, or all files at once."
	if schools > 0 {
		text = fmt.Sprintf("This database holds %s but no data for any school year yet. "+
			"Import enrollments, credentials or other files for them to see the dashboard.", countSchools(schools))
	}
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	msg.Alignment = fyne.TextAlignCenter
	// A fixed width keeps the wrapped message from shrinking to a few words
	// a line inside the centring container.
	u.body.Objects = []fyne.CanvasObject{container.NewCenter(container.NewGridWrap(fyne.NewSize(640, 160), container.NewVBox(
		msg,
		container.NewCenter(widget.NewButtonWithIcon("Import files…", theme.UploadIcon(), u.onImport)),
	)))}
	u.body.Refresh()
}

// countSchools writes n with "school" or "schools" as its number needs.
func countSchools(n int) string {
	if n == 1 {
		return "1 school"
	}
	return fmt.Sprintf("%d schools", n)
}

func statusLine(info Info) string {
	s := fmt.Sprintf("%s — %s", info.Path, countSchools(len(info.Schools)))
	if n := len(info.Years); n > 0 {
		s += fmt.Sprintf(", school years %s to %s", indicator.FormatYear(info.Years[n-1]), indicator.FormatYear(info.Years[0]))
	}
	return s
}

// defaultSelection keeps the previous selection where the new database has
// it, and otherwise picks the district with the most schools, its first
// school and the default year.
func defaultSelection(info Info, prev Selection) Selection {
	sel := prev
	if !hasDistrict(info, sel.DistrictID) {
		sel.DistrictID = ""
		if len(info.Districts) > 1 {
			sel.DistrictID = largestDistrict(info)
		}
	}
	schools := info.SchoolsOf(sel.DistrictID)
	if sel.SchoolID != indicator.AllSchools && !hasSchool(schools, sel.SchoolID) {
		sel.SchoolID = indicator.AllSchools
		if len(schools) > 0 {
			sel.SchoolID = schools[0].ID
		}
	}
	if !info.hasYear(sel.Year) {
		sel.Year = info.DefaultYear
	}
	return sel
}

// largestDistrict returns the ID of the district with the most schools, the
// first by name among equals. A state's files also list small agencies
// without a name, which would otherwise come first.
func largestDistrict(info Info) string {
	counts := map[string]int{}
	for _, s := range info.Schools {
		counts[s.DistrictID]++
	}
	best := info.Districts[0].ID
	for _, d := range info.Districts {
		if counts[d.ID] > counts[best] {
			best = d.ID
		}
	}
	return best
}

func hasDistrict(info Info, id string) bool {
	if id == "" {
		return len(info.Districts) <= 1
	}
	for _, d := range info.Districts {
		if d.ID == id {
			return true
		}
	}
	return false
}

func hasSchool(list []data.School, id string) bool {
	for _, s := range list {
		if s.ID == id {
			return true
		}
	}
	return false
}

// onDropped opens a dropped database, or lists dropped CSV and .xlsx files
// in a new import window.
func (u *UI) onDropped(_ fyne.Position, uris []fyne.URI) {
	for _, uri := range uris {
		if uri.Scheme() == "file" && strings.EqualFold(filepath.Ext(uri.Path()), ".db") {
			u.openPath(uri.Path())
			return
		}
	}
	if paths := importablePaths(uris); len(paths) > 0 {
		u.importFiles(paths)
	}
}

// minN is the minimum n of the screen: 0 when privacy is off there.
func (u *UI) minN() int {
	if !u.privacy {
		return 0
	}
	return u.exportMinN()
}

// exportMinN is the minimum n of exports and meeting mode, where privacy is
// always on.
func (u *UI) exportMinN() int {
	return effectiveMinN(u.prefs.minN(), u.info.Settings)
}

// selectSchool changes the selection and loads it.
func (u *UI) selectSchool(sel Selection) {
	if sel == u.sel {
		return
	}
	u.sel = sel
	u.prefs.setSelection(sel)
	u.load()
}

// load computes the dashboard of the selection on a goroutine. A newer load
// cancels an older one, whose result is then dropped.
func (u *UI) load() {
	if u.cancelLoad != nil {
		u.cancelLoad()
	}
	ctx, cancel := context.WithCancel(context.Background())
	u.cancelLoad = cancel
	u.loadGeneration++
	gen, sel := u.loadGeneration, u.sel
	u.dashboard.setLoading()
	u.bg.run(func() func() {
		d, err := u.ctrl.Load(ctx, sel)
		return func() {
			if gen != u.loadGeneration {
				return
			}
			if err != nil {
				u.dash = nil
				u.dashboard.setError(err)
				u.numbers.setError(err)
				u.showError(err)
				return
			}
			u.dash = d
			u.showDashboard()
		}
	})
	if u.tabs.Selected() != nil && u.tabs.Selected().Content == u.overview.content {
		u.overview.load()
	}
}

// showDashboard applies the loaded dashboard and the privacy setting to the
// screens.
func (u *UI) showDashboard() {
	if u.dash == nil {
		return
	}
	u.dashboard.show(u.dash, u.minN())
	u.numbers.show(u.dash, u.minN())
}

func (u *UI) onTabSelected() {
	if u.tabs.Selected().Content == u.overview.content {
		u.overview.load()
	}
}

// setPrivacy turns privacy on the main window on or off.
func (u *UI) setPrivacy(on bool) {
	if on == u.privacy {
		return
	}
	u.privacy = on
	u.dashboard.privacyCheck.SetChecked(on)
	u.showDashboard()
	u.overview.refresh()
}

func (u *UI) setStatus(text string) { u.status.SetText(text) }

// showError logs err and shows a dialog with the same words. The same text is
// not shown twice at once.
func (u *UI) showError(err error) {
	text := err.Error()
	slog.Error(text)
	if u.openErrors[text] {
		return
	}
	u.openErrors[text] = true
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	msg.Selectable = true
	copyButton := widget.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), func() {
		u.a.Clipboard().SetContent(text)
	})
	content := container.NewBorder(nil, container.NewHBox(copyButton), nil, nil, msg)
	d := dialog.NewCustom("Error", "Close", content, u.w)
	d.SetOnClosed(func() { delete(u.openErrors, text) })
	d.Resize(fyne.NewSize(560, 220))
	d.Show()
}

// isImportError reports whether err carries an import's problem list.
func isImportError(err error) (*data.ImportError, bool) {
	var ie *data.ImportError
	ok := errors.As(err, &ie)
	return ie, ok
}
