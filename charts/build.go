package charts

import (
	"fmt"
	"image/color"
	"sort"
	"strconv"
	"strings"

	"readiness/data/cluster"
	"readiness/data/indicator"
)

// builder fills a figure and the table of the same numbers from one pass over
// the rows, so the table always holds what the chart shows.
type builder struct {
	in    Input
	p     Palette
	idx   rowIndex
	used  []indicator.Row // every row shown, for the privacy and source notes
	fig   figure
	table Table
}

func build(kind Kind, in Input, p Palette) (figure, Table, error) {
	b := &builder{in: in, p: p, idx: indexRows(in.Rows)}
	switch kind {
	case Enrollment:
		b.enrollment()
	case Credentials:
		b.credentials()
	case Internships:
		b.internships()
	case Capacity:
		b.capacity()
	case Trend:
		b.trend()
	default:
		return figure{}, Table{}, fmt.Errorf("draw chart: unknown chart kind %q: choose enrollment, credentials, internships, capacity or trend", kind)
	}
	b.fig.notes = b.notes()
	b.table.Title = b.fig.title
	return b.fig, b.table, nil
}

// bar returns the bar of one row, and uses the row. A hidden or absent value
// gives a bar that is not drawn and shows its text in place.
func (b *builder) bar(r indicator.Row, ok bool, u unit, style barStyle, col color.RGBA, top, bottom float64) bar {
	if !ok {
		return bar{}
	}
	b.used = append(b.used, r)
	v, drawn := visible(r)
	label := shown(r, u)
	if r.Hidden && r.Text == "*" {
		label = "* hidden"
	}
	return bar{
		value: v, drawn: drawn, label: label, hidden: r.Hidden,
		style: style, color: col, top: top, bottom: bottom,
	}
}

// cell returns a table cell of an indicator and dimension.
func (b *builder) cell(ind, dim string) string {
	r, ok := b.idx.get(ind, dim)
	if !ok {
		return ""
	}
	return tableText(r, indicatorUnit(ind))
}

// nothingShown reports whether every bar is drawn at zero length and none
// is hidden, so the chart would show no information but an empty axis.
func nothingShown(rows []barRow) bool {
	for _, r := range rows {
		for _, br := range r.bars {
			if br.hidden || (br.drawn && br.value > 0) {
				return false
			}
		}
		if r.column != "" || r.noteHidden {
			return false
		}
	}
	return true
}

func (b *builder) enrollment() {
	in := b.in
	b.fig.title = titleOf("Career Cluster enrollment", in.Place, in.Year)
	b.fig.legend = []legendItem{
		{barSolid, b.p.Axis, "CTE participants"},
		{barHatched, b.p.Axis, "CTE concentrators"},
	}
	b.table.Header = []string{"Career Cluster", "CTE participants", "CTE concentrators"}
	bc := &barChart{unit: unitCount}
	for _, d := range dimensions(in.Rows, indicator.CTEParticipants, indicator.CTEConcentrators) {
		col := ClusterColor(d)
		part, okP := b.idx.get(indicator.CTEParticipants, d)
		conc, okC := b.idx.get(indicator.CTEConcentrators, d)
		bc.rows = append(bc.rows, barRow{
			name: dimensionLabel(d), short: shortLabel(d),
			bars: []bar{
				b.bar(part, okP, unitCount, barSolid, col, 0.1, 0.48),
				b.bar(conc, okC, unitCount, barHatched, col, 0.52, 0.9),
			},
		})
		b.table.Rows = append(b.table.Rows, []string{dimensionLabel(d),
			b.cell(indicator.CTEParticipants, d), b.cell(indicator.CTEConcentrators, d)})
	}
	b.addAllRow("All clusters (students counted once)", indicator.CTEParticipants, indicator.CTEConcentrators)
	if nothingShown(bc.rows) {
		b.fig.empty = b.emptyText("CTE enrollment")
		return
	}
	b.fig.bars = bc
}

// addAllRow appends the "all" row of the indicators to the table.
func (b *builder) addAllRow(label string, indicators ...string) {
	row := []string{label}
	found := false
	for _, ind := range indicators {
		if _, ok := b.idx.get(ind, indicator.All); ok {
			found = true
		}
		row = append(row, b.cell(ind, indicator.All))
	}
	if found {
		b.table.Rows = append(b.table.Rows, row)
	}
}

func (b *builder) credentials() {
	in := b.in
	b.fig.title = titleOf("Industry-recognized credentials earned", in.Place, in.Year)
	b.table.Header = []string{"Career Cluster", "Credentials earned"}
	bc := &barChart{unit: unitCount}
	for _, d := range dimensions(in.Rows, indicator.CredentialsEarned) {
		r, ok := b.idx.get(indicator.CredentialsEarned, d)
		bc.rows = append(bc.rows, barRow{
			name: dimensionLabel(d), short: shortLabel(d),
			bars: []bar{b.bar(r, ok, unitCount, barSolid, ClusterColor(d), 0.16, 0.84)},
		})
		b.table.Rows = append(b.table.Rows, []string{dimensionLabel(d), b.cell(indicator.CredentialsEarned, d)})
	}
	if len(bc.rows) == 0 {
		// A publisher may report credentials for the whole school only.
		if r, ok := b.idx.get(indicator.CredentialsEarned, indicator.All); ok {
			bc.rows = append(bc.rows, barRow{name: "All Career Clusters", short: "All",
				bars: []bar{b.bar(r, ok, unitCount, barSolid, b.p.Accent, 0.16, 0.84)}})
		}
	}
	b.addAllRow("All credentials", indicator.CredentialsEarned)

	side := b.rateComparison()
	if nothingShown(bc.rows) {
		b.fig.empty = b.emptyText("credentials")
		if side == nil {
			return
		}
	} else {
		b.fig.bars = bc
	}
	if side != nil {
		b.fig.side = side
		b.fig.sideTitle = "Credential rate"
		b.fig.sideNote = "Concentrators who have earned a credential, of all concentrators"
	}
}

// rateComparison returns the school's credential rate beside the district's,
// or nil when neither exists.
func (b *builder) rateComparison() *barChart {
	in := b.in
	bc := &barChart{unit: unitRate, max: 1}
	school, okS := b.idx.get(indicator.CredentialRate, indicator.All)
	district, okD := indexRows(in.District).get(indicator.CredentialRate, indicator.All)
	if b.reported() {
		// A publisher that gives no rate has not measured one: leave the
		// comparison out rather than show "no value" twice.
		okS = okS && (school.HasValue || school.Hidden)
		okD = okD && (district.HasValue || district.Hidden)
	}
	if okS && school.SchoolID == indicator.AllSchools {
		okD = false // the place is the district, so its own bar is the district's rate
	}
	name := in.Place
	if name == "" {
		name = "This school"
	}
	if okS {
		bc.rows = append(bc.rows, barRow{name: name,
			bars: []bar{b.bar(school, true, unitRate, barSolid, b.p.Accent, 0.2, 0.8)}})
		b.table.Rows = append(b.table.Rows, []string{"Credential rate, " + name, tableText(school, unitRate)})
	}
	if okD {
		bc.rows = append(bc.rows, barRow{name: "District",
			bars: []bar{b.bar(district, true, unitRate, barSolid, b.p.Compare, 0.2, 0.8)}})
		b.table.Rows = append(b.table.Rows, []string{"Credential rate, district", tableText(district, unitRate)})
	}
	if len(bc.rows) == 0 {
		return nil
	}
	return bc
}

// emptyText is the message of a chart with nothing to show: "reported" when
// the place's figures come from a publisher, who may report only some
// indicators, and "recorded" when they come from the district's own records.
func (b *builder) emptyText(subject string) string {
	verb := " recorded"
	if b.reported() {
		verb = " reported"
	}
	return "No " + subject + verb + yearPhrase(b.in.Year)
}

// reported reports whether the place's figures include a publisher's
// reported values.
func (b *builder) reported() bool {
	for _, r := range b.in.Rows {
		if r.Source != "" {
			return true
		}
	}
	return false
}

func (b *builder) internships() {
	in := b.in
	b.fig.title = titleOf("Work-based learning hours by experience type", in.Place, in.Year)
	b.table.Header = []string{"Experience type", "WBL hours", "WBL students"}
	bc := &barChart{unit: unitHours}
	other := mix(b.p.Accent, b.p.Background, 0.35)
	for _, d := range dimensions(in.Rows, indicator.WBLHours, indicator.WBLStudents) {
		col := other
		if d == "internship" {
			col = b.p.Accent
		}
		hours, okH := b.idx.get(indicator.WBLHours, d)
		row := barRow{name: dimensionLabel(d),
			bars: []bar{b.bar(hours, okH, unitHours, barSolid, col, 0.16, 0.84)}}
		if students, ok := b.idx.get(indicator.WBLStudents, d); ok {
			b.used = append(b.used, students)
			row.sub = studentsText(students)
		}
		bc.rows = append(bc.rows, row)
		b.table.Rows = append(b.table.Rows, []string{dimensionLabel(d),
			b.cell(indicator.WBLHours, d), b.cell(indicator.WBLStudents, d)})
	}
	b.addAllRow("All experiences", indicator.WBLHours, indicator.WBLStudents)
	if nothingShown(bc.rows) {
		b.fig.empty = b.emptyText("work-based learning hours")
		return
	}
	b.fig.bars = bc
}

// studentsText writes a student count for a second label line: "1 student",
// "42 students", "<10 students".
func studentsText(r indicator.Row) string {
	text := shown(r, unitCount)
	if v, ok := visible(r); ok && v == 1 {
		return "1 student"
	}
	return text + " students"
}

func (b *builder) capacity() {
	in := b.in
	b.fig.title = titleOf("Section seats, enrollment and teachers by Career Cluster", in.Place, in.Year)
	b.fig.legend = []legendItem{
		{barOutlined, b.p.Axis, "Section seats"},
		{barSolid, b.p.Axis, "Enrolled"},
		{barHatched, b.p.Axis, "Unmet requests beyond the seats"},
		{markDiamond, b.p.Mark, "Cluster taught by a single teacher"},
	}
	b.table.Header = []string{"Career Cluster", "Section seats", "Section enrollment", "Unmet requests", "Teacher FTE", "Single-teacher cluster"}
	bc := &barChart{unit: unitCount, columnHeader: "Teacher FTE", markText: "1 teacher"}
	for _, d := range dimensions(in.Rows, indicator.SectionSeats, indicator.SectionEnrolled,
		indicator.UnmetRequests, indicator.TeacherFTE, indicator.SingleTeacherCluster) {
		bc.rows = append(bc.rows, b.capacityRow(d))
		single := ""
		if r, ok := b.idx.get(indicator.SingleTeacherCluster, d); ok {
			if v, shownV := visible(r); shownV && v == 1 {
				single = "Yes"
			} else if shownV {
				single = "No"
			} else {
				single = r.Text
			}
		}
		b.table.Rows = append(b.table.Rows, []string{dimensionLabel(d),
			b.cell(indicator.SectionSeats, d), b.cell(indicator.SectionEnrolled, d),
			b.cell(indicator.UnmetRequests, d), b.cell(indicator.TeacherFTE, d), single})
	}
	// Unmet requests of "all" pool every section's requests and seats, so
	// spare seats in one cluster offset a shortfall in another. The label
	// states this, because the total can be smaller than the clusters' sum.
	b.addAllRow("All clusters (unmet requests pooled over all sections)", indicator.SectionSeats, indicator.SectionEnrolled,
		indicator.UnmetRequests, indicator.TeacherFTE)
	if nothingShown(bc.rows) {
		b.fig.empty = b.emptyText("sections or teachers")
		return
	}
	b.fig.bars = bc
}

// capacityRow draws the seats of a cluster as an empty box, the students
// enrolled as a solid bar inside it, and the unmet requests as a hatched
// extension beyond the seats. The hatched part is unmet_requests long: the
// requests of the sections that report them, beyond those sections' seats.
func (b *builder) capacityRow(d string) barRow {
	col := ClusterColor(d)
	seatsR, okS := b.idx.get(indicator.SectionSeats, d)
	enrolledR, okE := b.idx.get(indicator.SectionEnrolled, d)
	unmetR, okU := b.idx.get(indicator.UnmetRequests, d)

	seats := b.bar(seatsR, okS, unitCount, barOutlined, col, 0.14, 0.86)
	enrolled := b.bar(enrolledR, okE, unitCount, barSolid, col, 0.32, 0.68)
	unmet := b.bar(unmetR, okU, unitCount, barHatched, col, 0.14, 0.86)
	unmet.from = seats.value
	if !seats.drawn || unmet.value == 0 {
		unmet.drawn = false
	}

	row := barRow{name: dimensionLabel(d), short: shortLabel(d)}
	var note string
	switch {
	case okS && okE:
		note = enrolled.label + " of " + seats.label + " seats"
	case okS:
		note = seats.label + " seats"
	case okE:
		note = enrolled.label + " enrolled"
	default:
		note = "no sections"
	}
	if okU && (unmet.hidden || unmet.value > 0) {
		note += ", " + unmet.label + " unmet"
	}
	row.note = note
	row.noteHidden = enrolled.hidden || unmet.hidden
	// Labels are in the note; bars carry none.
	seats.label, enrolled.label, unmet.label = "", "", ""
	seats.hidden, enrolled.hidden, unmet.hidden = false, false, false
	row.bars = []bar{seats, unmet, enrolled}

	if r, ok := b.idx.get(indicator.TeacherFTE, d); ok {
		b.used = append(b.used, r)
		row.column = shown(r, unitDecimal)
		if v, ok := visible(r); ok {
			row.column = groupDigits(strconv.FormatFloat(v, 'f', 2, 64)) // aligned on the decimal point
		}
	}
	if r, ok := b.idx.get(indicator.SingleTeacherCluster, d); ok {
		v, shownV := visible(r)
		row.mark = shownV && v == 1
	}
	return row
}

func (b *builder) trend() {
	in := b.in
	ind, dim := in.TrendIndicator, in.TrendDimension
	if ind == "" {
		ind = indicator.CTEParticipants
	}
	if dim == "" {
		dim = indicator.All
	}
	u := indicatorUnit(ind)
	subject := indicatorLabel(ind)
	if dim != indicator.All {
		subject += ", " + dimensionLabel(dim)
	}

	byYear := map[int][]indicator.Row{}
	for y, rows := range in.History {
		byYear[y] = rows
	}
	if in.Year > 0 && in.Rows != nil {
		byYear[in.Year] = in.Rows
	}
	var years []int
	for y := range byYear {
		years = append(years, y)
	}
	sort.Ints(years)

	b.fig.title = titleOf(subject, in.Place, 0)
	if len(years) > 0 {
		b.fig.title += ", " + indicator.FormatYear(years[0])
		if len(years) > 1 {
			b.fig.title += " to " + indicator.FormatYear(years[len(years)-1])
		}
	}
	b.table.Header = []string{"School year", subject}

	col := b.p.Accent
	if _, ok := cluster.Lookup(dim); ok || dim == indicator.Unassigned {
		col = ClusterColor(dim)
	}
	cc := &columnChart{unit: u}
	if u == unitRate {
		cc.max = 1
	}
	anything := false
	for _, y := range years {
		r, ok := indexRows(byYear[y]).get(ind, dim)
		if !ok {
			continue
		}
		b.used = append(b.used, r)
		v, drawn := visible(r)
		anything = anything || r.Hidden || v > 0
		cc.cols = append(cc.cols, column{label: indicator.FormatYear(y), value: v, drawn: drawn,
			text: shown(r, u), hidden: r.Hidden, color: col})
		b.table.Rows = append(b.table.Rows, []string{indicator.FormatYear(y), tableText(r, u)})
	}
	if !anything {
		b.fig.empty = "No " + lowerFirst(subject) + " recorded for these school years"
		return
	}
	b.fig.columns = cc
}

func lowerFirst(s string) string {
	if s == "" || strings.HasPrefix(s, "CTE") || strings.HasPrefix(s, "WBL") {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// notes returns the footnotes: what each privacy mark in the chart means,
// the publishers of reported values, and the input's own note.
func (b *builder) notes() []string {
	var notes []string
	if n := privacyNote(b.used, b.in.MinN); n != "" {
		notes = append(notes, n)
	}
	var sources []string
	seen := map[string]bool{}
	for _, r := range b.used {
		if r.Source != "" && !seen[r.Source] {
			seen[r.Source] = true
			sources = append(sources, r.Source)
		}
	}
	if len(sources) > 0 {
		notes = append(notes, "Reported values from "+strings.Join(sources, ", ")+".")
	}
	if b.in.Note != "" {
		notes = append(notes, b.in.Note)
	}
	return notes
}

// privacyNote explains the privacy marks among the hidden rows, or returns
// "" when nothing is hidden.
func privacyNote(rows []indicator.Row, minN int) string {
	var marks []string
	seen := map[string]bool{}
	for _, r := range rows {
		if !r.Hidden || seen[r.Text] {
			continue
		}
		seen[r.Text] = true
		marks = append(marks, r.Text)
		if n, err := strconv.Atoi(strings.TrimPrefix(r.Text, "<")); err == nil && minN == 0 && strings.HasPrefix(r.Text, "<") {
			minN = n
		}
	}
	if len(marks) == 0 {
		return ""
	}
	sort.Strings(marks)
	var parts []string
	for _, m := range marks {
		n, err := strconv.Atoi(strings.TrimPrefix(m, "<"))
		switch {
		case strings.HasPrefix(m, "<") && err == nil:
			parts = append(parts, fmt.Sprintf("%s means 1 to %d students", m, n-1))
		case m == "*" && minN > 0:
			parts = append(parts, fmt.Sprintf("* means computed from fewer than %d students", minN))
		case m == "*":
			parts = append(parts, "* means computed from too few students")
		case m == "":
			continue
		default:
			parts = append(parts, m+" is masked by the publisher")
		}
	}
	return "Hidden to protect student privacy: " + strings.Join(parts, "; ") + "."
}
