package charts

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"readiness/data/cluster"
	"readiness/data/indicator"
)

// unit is the number format and tick rule of an indicator's values.
type unit int

const (
	unitCount   unit = iota // whole numbers, whole-number ticks
	unitHours               // up to one decimal, whole-number ticks
	unitDecimal             // up to two decimals (FTE, ratios)
	unitRate                // a fraction shown as a percentage
)

// indicatorInfo holds the label and unit of each indicator.
var indicatorInfo = map[string]struct {
	label string
	unit  unit
}{
	indicator.CTEParticipants:       {"CTE participants", unitCount},
	indicator.CTEConcentrators:      {"CTE concentrators", unitCount},
	indicator.CredentialsEarned:     {"Credentials earned", unitCount},
	indicator.CredentialEarners:     {"Credential earners", unitCount},
	indicator.CredentialRate:        {"Credential rate", unitRate},
	indicator.WBLHours:              {"WBL hours", unitHours},
	indicator.WBLStudents:           {"WBL students", unitCount},
	indicator.WBLMedianHours:        {"Median WBL hours", unitHours},
	indicator.TeacherFTE:            {"Teacher FTE", unitDecimal},
	indicator.Teachers:              {"Teachers", unitCount},
	indicator.SingleTeacherCluster:  {"Single-teacher cluster", unitCount},
	indicator.SectionSeats:          {"Section seats", unitCount},
	indicator.SectionEnrolled:       {"Section enrollment", unitCount},
	indicator.SeatUtilization:       {"Seat utilization", unitRate},
	indicator.UnmetRequests:         {"Unmet requests", unitCount},
	indicator.StudentsPerFTE:        {"Students per FTE", unitDecimal},
	indicator.PostsecondaryStudents: {"Postsecondary students", unitCount},

	indicator.TotalEnrollment:             {"Total enrollment", unitCount},
	indicator.CTEParticipationRate:        {"CTE participation rate", unitRate},
	indicator.PostsecondaryEnrollmentRate: {"Postsecondary enrollment rate", unitRate},
	// data.WBLSubstantialInternships, named here because charts does not
	// import the data store.
	"wbl_substantial_internships": {"Students with substantial internships", unitCount},
}

func indicatorLabel(name string) string {
	if info, ok := indicatorInfo[name]; ok {
		return info.label
	}
	return name
}

func indicatorUnit(name string) unit {
	return indicatorInfo[name].unit
}

// experienceTypes are the work-based learning types, internship first.
var experienceTypes = []struct{ name, label string }{
	{"internship", "Internship"},
	{"pre_apprenticeship", "Pre-apprenticeship"},
	{"apprenticeship", "Apprenticeship"},
	{"clinical", "Clinical experience"},
	{"job_shadow", "Job shadow"},
	{"school_based_enterprise", "School-based enterprise"},
	{"service_learning", "Service learning"},
	{"other", "Other"},
}

// dimensionLabel returns how a chart names a dimension value.
func dimensionLabel(dim string) string {
	switch dim {
	case indicator.Unassigned:
		return "Unassigned (no cluster)"
	case indicator.All:
		return "All"
	}
	for _, e := range experienceTypes {
		if e.name == dim {
			return e.label
		}
	}
	if c, ok := cluster.Lookup(dim); ok {
		return c.Name
	}
	return dim
}

// shortLabel returns the abbreviation of a cluster, or "" when it has none.
func shortLabel(dim string) string {
	if c, ok := cluster.Lookup(dim); ok && c.Short != c.Name {
		return c.Short
	}
	return ""
}

// visible returns a row's value when the chart may use it: never for a
// hidden row, so a hidden value cannot shape a bar, an axis or an order.
func visible(r indicator.Row) (float64, bool) {
	if r.Hidden || !r.HasValue || math.IsNaN(r.Value) || math.IsInf(r.Value, 0) {
		return 0, false
	}
	return r.Value, true
}

// shown returns a row as charts write it: a hidden row's Text, "no value"
// for a value that does not exist (a rate over zero students), and a shown
// value formatted for its unit.
func shown(r indicator.Row, u unit) string {
	if r.Hidden {
		if r.Text == "" {
			return "hidden"
		}
		return r.Text
	}
	v, ok := visible(r)
	if !ok {
		if r.Text != "" {
			return r.Text
		}
		return "no value"
	}
	return formatValue(v, u)
}

// tableText returns a row as tables write it: like shown, but an absent value
// is empty, as the report command writes it.
func tableText(r indicator.Row, u unit) string {
	if _, ok := visible(r); !ok && !r.Hidden {
		return r.Text
	}
	return shown(r, u)
}

// formatValue writes v with thousands separators, rates as percentages.
func formatValue(v float64, u unit) string {
	switch u {
	case unitRate:
		p := v * 100
		if p != math.Trunc(p) && math.Abs(p) < 10 {
			return trimZeros(strconv.FormatFloat(p, 'f', 1, 64)) + "%"
		}
		return groupDigits(strconv.FormatFloat(math.Round(p), 'f', 0, 64)) + "%"
	case unitHours:
		return groupDigits(trimZeros(strconv.FormatFloat(v, 'f', 1, 64)))
	case unitDecimal:
		return groupDigits(trimZeros(strconv.FormatFloat(v, 'f', 2, 64)))
	}
	return groupDigits(strconv.FormatFloat(math.Round(v), 'f', 0, 64))
}

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// groupDigits puts a comma between each group of three digits of the whole
// part of a formatted number: "12345.5" becomes "12,345.5".
func groupDigits(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if len(whole) > 21 { // exponent form or absurd length: leave as is
		return sign + s
	}
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		return sign + b.String() + "." + frac
	}
	return sign + b.String()
}

// rowIndex finds rows by indicator and dimension.
type rowIndex map[[2]string]indicator.Row

func indexRows(rows []indicator.Row) rowIndex {
	idx := rowIndex{}
	for _, r := range rows {
		idx[[2]string{r.Indicator, r.Dimension}] = r
	}
	return idx
}

func (idx rowIndex) get(ind, dim string) (indicator.Row, bool) {
	r, ok := idx[[2]string{ind, dim}]
	return r, ok
}

// dimensions returns the dimension values other than "all" that any of the
// indicators has, in display order.
func dimensions(rows []indicator.Row, indicators ...string) []string {
	seen := map[string]bool{}
	var dims []string
	for _, r := range rows {
		if r.Dimension == indicator.All || seen[r.Dimension] {
			continue
		}
		for _, ind := range indicators {
			if r.Indicator == ind {
				seen[r.Dimension] = true
				dims = append(dims, r.Dimension)
				break
			}
		}
	}
	sortDimensions(dims)
	return dims
}

// sortDimensions orders dimension values by a fixed key that no value can
// change: experience types in their listed order, 2024 clusters by code,
// national clusters in framework order, local clusters by name, and
// unassigned last. The order is the same in every chart and year.
func sortDimensions(dims []string) {
	rank := func(d string) (int, string) {
		for i, e := range experienceTypes {
			if e.name == d {
				return i, ""
			}
		}
		if d == indicator.Unassigned {
			return 10000, ""
		}
		c, ok := cluster.Lookup(d)
		if !ok {
			return 9000, strings.ToLower(d)
		}
		for i, k := range cluster.Clusters2024 {
			if k.Name == c.Name {
				return 100 + i, ""
			}
		}
		for i, k := range cluster.ClustersNational {
			if k.Name == c.Name {
				return 200 + i, ""
			}
		}
		return 9000, strings.ToLower(d)
	}
	sort.SliceStable(dims, func(i, j int) bool {
		ri, si := rank(dims[i])
		rj, sj := rank(dims[j])
		if ri != rj {
			return ri < rj
		}
		return si < sj
	})
}

// titleOf joins what a chart shows with where and when.
func titleOf(subject, place string, year int) string {
	parts := []string{subject}
	if place != "" {
		parts = append(parts, place)
	}
	if year > 0 {
		parts = append(parts, indicator.FormatYear(year))
	}
	return strings.Join(parts, ", ")
}

// yearPhrase is "for 2024-25", or "" when the year is unknown.
func yearPhrase(year int) string {
	if year <= 0 {
		return ""
	}
	return " for " + indicator.FormatYear(year)
}
