package data

import (
	"fmt"
	"strings"

	"readiness/data/indicator"
)

// dimensionKind is the set of dimension values an indicator takes.
type dimensionKind int

const (
	byCluster           dimensionKind = iota // a Career Cluster or all
	byClusterOnly                            // a Career Cluster
	byCredentialCluster                      // a Career Cluster, unassigned or all
	byAllOnly                                // all
	byExperience                             // an experience type or all
	byOutcome                                // a postsecondary outcome or all
)

// indicatorDimensions lists every indicator a reported_indicators file may
// give, with the dimension values it takes.
var indicatorDimensions = map[string]dimensionKind{
	indicator.CTEParticipants:       byCluster,
	indicator.CTEConcentrators:      byCluster,
	indicator.CredentialsEarned:     byCredentialCluster,
	indicator.CredentialEarners:     byAllOnly,
	indicator.CredentialRate:        byAllOnly,
	indicator.WBLHours:              byExperience,
	indicator.WBLStudents:           byExperience,
	indicator.WBLMedianHours:        byAllOnly,
	indicator.TeacherFTE:            byCluster,
	indicator.Teachers:              byCluster,
	indicator.SingleTeacherCluster:  byClusterOnly,
	indicator.SectionSeats:          byCluster,
	indicator.SectionEnrolled:       byCluster,
	indicator.SeatUtilization:       byCluster,
	indicator.UnmetRequests:         byCluster,
	indicator.StudentsPerFTE:        byCluster,
	indicator.PostsecondaryStudents: byOutcome,

	indicator.TotalEnrollment:             byAllOnly,
	indicator.CTEParticipationRate:        byAllOnly,
	indicator.PostsecondaryEnrollmentRate: byAllOnly,
}

// indicatorOrder lists the indicators in the order messages name them.
var indicatorOrder = []string{
	indicator.CTEParticipants, indicator.CTEConcentrators, indicator.CredentialsEarned, indicator.CredentialEarners,
	indicator.CredentialRate, indicator.WBLHours, indicator.WBLStudents, indicator.WBLMedianHours,
	indicator.TeacherFTE, indicator.Teachers, indicator.SingleTeacherCluster, indicator.SectionSeats,
	indicator.SectionEnrolled, indicator.SeatUtilization, indicator.UnmetRequests, indicator.StudentsPerFTE,
	indicator.PostsecondaryStudents, indicator.TotalEnrollment, indicator.CTEParticipationRate,
	indicator.PostsecondaryEnrollmentRate,
}

func checkReported(c *rowCheck) []any {
	school, year := c.school(), c.year("school_year")
	name := strings.ToLower(c.required("indicator"))
	dims, known := indicatorDimensions[name]
	if name != "" && !known {
		c.fail("indicator", c.text("indicator"), "unknown indicator: expected one of "+strings.Join(indicatorOrder, ", "))
	}
	dimension := c.required("dimension")
	if known && dimension != "" {
		dimension = c.dimension(name, dims, dimension)
	}

	display, source := c.text("display"), c.text("source")
	suppressed := c.flag("suppressed")
	var value any
	if v := c.text("value"); v != "" {
		if f, ok := c.number("value", v, "invalid value: expected a number such as 12 or 0.25, or an empty value where the publisher gave none"); ok {
			value = f
		}
	} else if suppressed == 0 && display == "" {
		c.fail("value", "", "missing value: give the number, or mark the row suppressed where the publisher masked it")
	}
	return []any{school, year, name, dimension, value, display, source, suppressed}
}

// dimension returns the stored form of a dimension value of indicator name:
// a canonical cluster name, experience type or outcome, or all/unassigned.
func (c *rowCheck) dimension(name string, kind dimensionKind, v string) string {
	lower := strings.ToLower(v)
	if lower == indicator.All && kind != byClusterOnly {
		return indicator.All
	}
	switch kind {
	case byAllOnly:
		c.fail("dimension", v, fmt.Sprintf("invalid dimension for %s: expected all", name))
	case byExperience:
		if t, ok := ExperienceType(v); ok {
			return t
		}
		c.fail("dimension", v, fmt.Sprintf("invalid dimension for %s: expected all or an experience type (%s)", name, listTerms(ExperienceTypes)))
	case byOutcome:
		if o, ok := Outcome(v); ok {
			return o
		}
		c.fail("dimension", v, fmt.Sprintf("invalid dimension for %s: expected all or an outcome (%s)", name, listTerms(indicator.Outcomes)))
	default:
		if lower == indicator.Unassigned && kind == byCredentialCluster {
			return indicator.Unassigned
		}
		if found, ok := c.im.clusters.Match(v); ok {
			return found.Name
		}
		c.fail("dimension", v, fmt.Sprintf("unknown Career Cluster for %s: the closest known names are %s; expected all or a Career Cluster", name, quoteList(c.im.clusters.Closest(v, 3))))
	}
	return v
}

// flag returns 1 for Y, yes, true or 1, 0 for N, no, false, 0 or empty.
func (c *rowCheck) flag(col string) int {
	v := c.text(col)
	switch strings.ToLower(v) {
	case "y", "yes", "true", "1":
		return 1
	case "", "n", "no", "false", "0":
		return 0
	}
	c.fail(col, v, "invalid "+col+": expected Y, N, 1, 0, true, false or an empty value")
	return 0
}
