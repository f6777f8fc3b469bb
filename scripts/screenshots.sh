#!/usr/bin/env bash
# Starts Readiness under Xvfb with a fresh profile, so that it opens the demo
# district as on a first run, drives it with xdotool and saves a screenshot of
# each screen into docs/screenshots/.
#
# Needs Xvfb, xdotool and ImageMagick's import. TAGS sets the build tags,
# by default migrated_fynedo. Without that tag (`TAGS= scripts/screenshots.sh`)
# Fyne logs every widget call made off the UI goroutine, and the script then
# fails if the log contains any such line.
set -euo pipefail
cd "$(dirname "$0")/.."

tags=${TAGS-migrated_fynedo}
out=docs/screenshots
display=${SCREENSHOT_DISPLAY:-:99}
work=$(mktemp -d)
mkdir -p "$out" "$work/home"

go build -tags "$tags" -o "$work/readiness" .

Xvfb "$display" -screen 0 1920x1080x24 >"$work/xvfb.log" 2>&1 &
xvfb=$!
app=
cleanup() {
	[ -n "$app" ] && kill "$app" 2>/dev/null || true
	kill "$xvfb" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
export DISPLAY=$display HOME=$work/home LANG=en_US.UTF-8
sleep 1

# start runs the app with the given arguments and waits until its main
# window's title contains want.
start() {
	local want=$1
	shift
	"$work/readiness" "$@" >>"$work/app.log" 2>&1 &
	app=$!
	for _ in $(seq 240); do
		if xdotool search --name "$want" >/dev/null 2>&1; then
			win=$(xdotool search --name "$want" | head -1)
			xdotool windowmove "$win" 0 0 windowsize "$win" 1600 1000
			sleep 3 # charts draw after the resize settles
			return
		fi
		sleep 0.5
	done
	echo "screenshots: the window \"$want\" did not appear; app log:" >&2
	cat "$work/app.log" >&2
	exit 1
}

# stop quits the app with Ctrl+Q, so that it saves its preferences, and
# kills it if it is still running 5 seconds later.
stop() {
	keys ctrl+q
	for _ in $(seq 10); do
		kill -0 "$app" 2>/dev/null || break
		sleep 0.5
	done
	kill "$app" 2>/dev/null || true
	wait "$app" 2>/dev/null || true
	app=
}

shot() {
	sleep "${2:-1.5}"
	import -window root "$out/$1.png"
	echo "saved $out/$1.png"
}

keys() { xdotool key --clearmodifiers "$@"; }

click() {
	xdotool mousemove "$1" "$2" click 1
}

# First run: the demo district.
start "demo-district.db"
shot dashboard

keys ctrl+2
shot overview 3
click 363 190 # the "All" column header: sort by it, largest first
shot overview-sorted

keys ctrl+3
shot numbers

keys ctrl+1
sleep 1
keys ctrl+m
shot meeting 3
keys Right
shot meeting-next-school 2
keys Down
shot meeting-next-chart 2
keys Escape
sleep 1
keys ctrl+i # the demo takes no import: the app offers a new database
shot import-demo-refused 2
keys Escape
stop

# Import: two files with errors, picked in the file dialog from the home
# folder, into a district database that holds only its schools so far.
printf 'school_id,school_name,district_id,district_name\nS1,Lincoln High School,D1,Riverside District\n' >"$work/schools-ok.csv"
"$work/readiness" import -db "$work/district.db" "$work/schools-ok.csv" >>"$work/app.log" 2>&1
start "district.db" "$work/district.db"
shot empty-district 1
cp app/testdata/bad/schools.csv app/testdata/bad/cte_enrollments.csv "$HOME/"
keys ctrl+i
sleep 2
imp=$(xdotool search --name "Import files" | head -1)
xdotool windowmove "$imp" 0 0
sleep 1
# The import window is 1400x800 at the top left; the file dialog, 900x600,
# is centered in it.
click 58 247 # Add file…
shot import-file-dialog 2
click 544 235 # cte_enrollments.csv
click 1114 678 # Open
sleep 1
click 58 247
sleep 2
click 629 235 # schools.csv
click 1114 678
sleep 1
click 1352 778 # Import
shot import-errors 3
stop

# Several districts, in the dark theme: the district picker.
"$work/readiness" demo -out "$work/state.db" -schools 18 -students 30000 -years 3 >>"$work/app.log" 2>&1
prefs=$HOME/.config/fyne/org.readiness.dashboard/preferences.json
printf '{"theme":"dark"}' >"$prefs"
start "state.db" "$work/state.db"
shot dashboard-districts-dark
click 72 13 # View
shot view-menu 1
click 102 249 # Preferences…
shot preferences 1
keys Escape
stop

# High contrast, with the preferences dialog.
printf '{"theme":"high contrast"}' >"$prefs"
start "state.db" "$work/state.db"
shot dashboard-high-contrast
stop

# Real data: North Carolina's published files, imported as they are, on
# Wake County Schools in 2021-22. REAL_DATA names their folder; without it
# the shots are skipped.
real=${REAL_DATA:-../shared/real-data}
if ls "$real"/nc_dpi_src_*.csv >/dev/null 2>&1; then
	"$work/readiness" import -db "$work/nc.db" "$real"/nc_dpi_src_*.csv >>"$work/app.log" 2>&1
	printf '{"lastDistrict":"920LEA","lastSchool":"ALL","lastYear":2022}' >"$prefs"
	start "nc.db" "$work/nc.db"
	shot nc-district
	stop

	printf '{"lastDistrict":"920LEA","lastSchool":"920316","lastYear":2022}' >"$prefs"
	start "nc.db" "$work/nc.db"
	shot nc-dashboard
	keys ctrl+2
	sleep 2
	click 244 88 # the indicator picker
	click 152 161 # CTE concentrators
	shot nc-overview 3
	keys ctrl+3
	shot nc-numbers
	keys ctrl+1
	sleep 1
	keys ctrl+m
	shot nc-meeting 3
	keys Down
	shot nc-meeting-credentials 2
	keys Escape
	sleep 1
	stop
else
	echo "screenshots: no North Carolina files in $real; set REAL_DATA to their folder" >&2
fi

# A database that does not open: the error dialog.
printf 'this is not a SQLite database' >"$work/broken.db"
start "Readiness" "$work/broken.db"
shot error-dialog
stop

if grep -q "should have been called in fyne.Do" "$work/app.log"; then
	echo "screenshots: widget calls made off the UI goroutine:" >&2
	grep -B1 -A3 "should have been called in fyne.Do" "$work/app.log" >&2
	exit 1
fi
echo "app log:"
cat "$work/app.log"
