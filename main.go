// Command readiness is an offline dashboard of Career and Technical Education
// and College and Career Readiness indicators for school leaders. With no
// arguments it opens the desktop app; the subcommands import, report, render,
// check and demo serve scripts and tests.
package main

import (
	"fmt"
	"os"
	"strings"

	// Sets LANGUAGE before Fyne's init reads the locale; see its doc.
	_ "env.readiness/localeenv"
	fyneapp "fyne.io/fyne/v2/app"

	"readiness/app"
	"readiness/assets"
)

// appID is the app's reverse-DNS ID, as in FyneApp.toml. Preferences and the
// demo district are stored under it.
const appID = "org.readiness.dashboard"

const usage = `Usage:
  readiness [FILE.db]            open the desktop app (on the demo district the first time)
  readiness demo   -out FILE.db [-schools N] [-students N] [-years N] [-seed N]
  readiness import -db FILE.db [-kind TABLE] FILE...
  readiness report -db FILE.db [-district ID] [-school ID|ALL] [-year YEAR]
                   [-format csv|json] [-privacy on|off] [-min-n N]
  readiness render -db FILE.db -school ID -year YEAR -out DIR [-format png|svg]
                   [-width PX] [-height PX] [-scale N] [-theme light|dark|contrast]
  readiness check  -db FILE.db
`

func main() {
	os.Exit(run(os.Args[1:]))
}

// run dispatches a command line and returns the exit status: 0 on success,
// 1 on invalid input or a failed operation, 2 on wrong usage.
func run(args []string) int {
	if len(args) == 0 {
		return runGUI("")
	}
	if len(args) == 1 && strings.HasSuffix(strings.ToLower(args[0]), ".db") {
		return runGUI(args[0])
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Print(usage)
		return 0
	case "demo":
		return runDemo(args[1:])
	case "import":
		return runImport(args[1:])
	case "report":
		return runReport(args[1:])
	case "render":
		return runRender(args[1:])
	case "check":
		return runCheck(args[1:])
	}
	fmt.Fprintf(os.Stderr, "readiness: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// runGUI opens the desktop app on path, or on the last database used (the
// demo district the first time) when path is "".
func runGUI(path string) int {
	if err := checkDisplay(); err != nil {
		fmt.Fprintln(os.Stderr, "readiness:", err)
		return 1
	}
	a := fyneapp.NewWithID(appID)
	a.SetIcon(assets.Icon)
	ui := app.New(a)
	ui.Start(path)
	ui.ShowAndRun()
	return 0
}
