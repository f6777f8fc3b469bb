package app

import (
	"math"
	"strconv"

	"readiness/charts"
	"readiness/data/indicator"
)

// indicatorLabels names each indicator on screen, in the order the district
// overview offers them.
var indicatorLabels = []struct{ name, label string }{
	{indicator.CTEParticipants, "CTE participants"},
	{indicator.CTEConcentrators, "CTE concentrators"},
	{indicator.CredentialsEarned, "Credentials earned"},
	{indicator.CredentialEarners, "Credential earners"},
	{indicator.CredentialRate, "Credential rate"},
	{indicator.WBLHours, "Work-based learning hours"},
	{indicator.WBLStudents, "Work-based learning students"},
	{indicator.WBLMedianHours, "Median work-based learning hours"},
	{indicator.TeacherFTE, "Teacher FTE"},
	{indicator.Teachers, "Teachers"},
	{indicator.SingleTeacherCluster, "Clusters with one teacher"},
	{indicator.SectionSeats, "Section seats"},
	{indicator.SectionEnrolled, "Students enrolled in sections"},
	{indicator.SeatUtilization, "Seat utilization"},
	{indicator.UnmetRequests, "Unmet course requests"},
	{indicator.StudentsPerFTE, "Students per teacher FTE"},
	{indicator.PostsecondaryStudents, "Postsecondary outcomes"},
}

// chartLabels names the dashboard charts.
var chartLabels = map[charts.Kind]string{
	charts.Enrollment:  "Enrollment",
	charts.Credentials: "Credentials",
	charts.Internships: "Work-based learning",
	charts.Capacity:    "Teacher capacity",
	charts.Trend:       "Trend",
}

// formatPlain writes a value with at most four decimals, as the report does.
func formatPlain(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64)
}
