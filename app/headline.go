package app

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"readiness/data/indicator"
)

// Headline is one figure above the charts, as shown text.
type Headline struct {
	Label    string
	Value    string // the school's figure, or its privacy mask
	Change   string // the change from the previous school year, or ""
	District string // the district's figure, or "" on the district's own dashboard
	Detail   string // more words under the figure, or ""
}

// format is the number format of a headline figure.
type format int

const (
	formatCount format = iota
	formatRate
	formatHours
	formatFTE
)

type headlineSpec struct {
	label     string
	indicator string
	dimension string
	format    format
}

var headlineSpecs = []headlineSpec{
	{"CTE participants", indicator.CTEParticipants, indicator.All, formatCount},
	{"Concentrators", indicator.CTEConcentrators, indicator.All, formatCount},
	{"Credential rate", indicator.CredentialRate, indicator.All, formatRate},
	{"Internship hours", indicator.WBLHours, "internship", formatHours},
	{"Teacher FTE", indicator.TeacherFTE, indicator.All, formatFTE},
}

// Headlines returns the six headline figures with privacy applied at minimum
// n minN (0 turns privacy off): participants, concentrators, credential
// rate, internship hours, teacher FTE and the clusters that depend on one
// teacher. A change from the previous year is given only when both years'
// figures are shown, so it never reveals a hidden value.
func (d *Dashboard) Headlines(minN int) []Headline {
	rows := indicator.Protect(d.Rows, minN)
	prev := indicator.Protect(d.Previous(), minN)
	district := indicator.Protect(d.District, minN)
	onDistrict := d.SchoolID == indicator.AllSchools

	reported := hasReported(d.Rows)
	var list []Headline
	for _, spec := range headlineSpecs {
		h := Headline{Label: spec.label}
		if reported && notReported(rows, spec) {
			h.Value = notReportedText
			h.Detail = "Not in the published files"
			if byClusterOnly(rows, spec) {
				h.Detail = "Only per cluster: see the chart"
			}
			list = append(list, h)
			continue
		}
		cur, hasCur := lookup(rows, spec)
		h.Value = cur.text
		if cur.source != "" {
			h.Detail = "Reported: " + cur.source
		}
		if maskedSum(rows, spec) {
			h.Value, h.Detail = "Unknown", "Not summed: a school's figure is masked"
		}
		if old, ok := lookup(prev, spec); ok && hasCur && cur.shown && old.shown {
			h.Change = formatChange(cur.value-old.value, spec.format, d.Year-1)
		}
		if dist, ok := lookup(district, spec); ok && !onDistrict {
			h.District = "District " + dist.text
			if maskedSum(district, spec) {
				h.District = "District unknown (masked)"
			}
		}
		list = append(list, h)
	}
	return append(list, d.singleTeacherHeadline(onDistrict, reported))
}

// maskedSum reports whether the spec's figure is a district's sum of
// reported values that is not known because one school's value is masked.
func maskedSum(rows []indicator.Row, spec headlineSpec) bool {
	r, ok := find(rows, spec.indicator, spec.dimension)
	return ok && r.SchoolID == indicator.AllSchools && r.Hidden && r.Source != "" && r.Text == indicator.MaskedTotal
}

// notReportedText is a headline figure that the publisher of a school's
// reported values does not give.
const notReportedText = "Not reported"

// hasReported reports whether any of rows is a publisher's reported value.
func hasReported(rows []indicator.Row) bool {
	for _, r := range rows {
		if r.Source != "" {
			return true
		}
	}
	return false
}

// notReported reports whether the spec's figure has no source: no reported
// value and no record behind a computed one, which the indicators then give
// as zero. It is meant for places whose figures come from a publisher.
func notReported(rows []indicator.Row, spec headlineSpec) bool {
	r, ok := find(rows, spec.indicator, indicator.All)
	if ok && (r.Source != "" || r.Hidden || (r.HasValue && r.Value != 0)) {
		return false
	}
	if spec.format == formatRate {
		return !ok || !r.HasValue
	}
	return true
}

// byClusterOnly reports whether the spec's indicator is reported per Career
// Cluster with no total, as North Carolina reports concentrators: a student
// may concentrate in two clusters, so the clusters do not sum to a total.
func byClusterOnly(rows []indicator.Row, spec headlineSpec) bool {
	for _, r := range rows {
		if r.Indicator == spec.indicator && r.Dimension != indicator.All && r.Source != "" {
			return true
		}
	}
	return false
}

// singleTeacherHeadline counts the clusters of the place taught by one
// teacher. A school's card gives no district figure: over the district's
// whole staff a cluster has one teacher only when the district has one, so
// the district's count is not comparable with a school's.
func (d *Dashboard) singleTeacherHeadline(onDistrict, reported bool) Headline {
	const label = "Clusters with one teacher"
	if reported && !hasStaff(d.Rows) {
		return Headline{Label: label, Value: notReportedText,
			Detail: "Not in the published files"}
	}
	names := singleTeacherClusters(d.Rows)
	h := Headline{Label: label, Value: strconv.Itoa(len(names))}
	h.Detail = strings.Join(names, ", ")
	if prev := d.Previous(); prev != nil {
		h.Change = formatChange(float64(len(names)-len(singleTeacherClusters(prev))), formatCount, d.Year-1)
	}
	if onDistrict {
		h.District = "Counted over the whole district's teachers"
	} else {
		h.District = "No district figure"
	}
	return h
}

// hasStaff reports whether rows count any teacher.
func hasStaff(rows []indicator.Row) bool {
	r, ok := find(rows, indicator.Teachers, indicator.All)
	return ok && r.HasValue && r.Value > 0
}

// singleTeacherClusters returns the clusters taught by exactly one teacher,
// by name. Staff figures are never hidden, so no privacy applies.
func singleTeacherClusters(rows []indicator.Row) []string {
	var names []string
	for _, r := range rows {
		if r.Indicator == indicator.SingleTeacherCluster && r.HasValue && r.Value == 1 {
			names = append(names, r.Dimension)
		}
	}
	sort.Strings(names)
	return names
}

// figure is a protected row as a headline shows it.
type figure struct {
	text   string
	value  float64
	shown  bool   // a value that privacy does not hide
	source string // the publisher of a reported value, or ""
}

// lookup finds the spec's row in protected rows. A missing row of a sum or
// count is 0, since rows exist only for dimensions with source rows; a
// missing rate has no value.
func lookup(rows []indicator.Row, spec headlineSpec) (figure, bool) {
	if rows == nil {
		return figure{text: "—"}, false
	}
	r, ok := find(rows, spec.indicator, spec.dimension)
	switch {
	case !ok && spec.format == formatRate:
		return figure{text: "—"}, true
	case !ok:
		return figure{text: formatValue(0, spec.format), shown: true}, true
	case r.Hidden:
		return figure{text: r.Text}, true
	case !r.HasValue && r.Text != "":
		// A publisher's own mask, such as ">95%".
		return figure{text: r.Text, source: r.Source}, true
	case !r.HasValue:
		return figure{text: "—"}, true
	}
	return figure{text: formatValue(r.Value, spec.format), value: r.Value, shown: true, source: r.Source}, true
}

// formatValue writes a figure for the screen: counts and hours with
// thousands separators, rates as percentages, FTE with one decimal.
func formatValue(v float64, f format) string {
	switch f {
	case formatRate:
		return strconv.FormatFloat(v*100, 'f', 1, 64) + "%"
	case formatFTE:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return groupThousands(int64(math.Round(v)))
}

// formatChange writes a change since the school year ending in prevYear:
// "+12 since 2023-24"; rates change in percentage points.
func formatChange(delta float64, f format, prevYear int) string {
	since := " since " + indicator.FormatYear(prevYear)
	if f == formatRate {
		delta *= 100
		return signed(strconv.FormatFloat(delta, 'f', 1, 64), delta) + " pts" + since
	}
	if f == formatFTE {
		return signed(strconv.FormatFloat(delta, 'f', 1, 64), delta) + since
	}
	return signed(groupThousands(int64(math.Round(delta))), delta) + since
}

func signed(s string, v float64) string {
	if v > 0 {
		return "+" + s
	}
	if strings.TrimLeft(s, "-0.") == "" {
		return "no change"
	}
	return strings.Replace(s, "-", "−", 1)
}

// groupThousands writes n with commas between groups of three digits.
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
