package indicator

// Indicators that publishers report and Readiness does not compute from
// record-level rows. Rates are fractions, as every rate of Readiness.
const (
	// TotalEnrollment is the number of students of the school, in CTE or not.
	TotalEnrollment = "total_enrollment"
	// CTEParticipationRate is cte_participants divided by total_enrollment.
	CTEParticipationRate = "cte_participation_rate"
	// PostsecondaryEnrollmentRate is the share of a graduating class that
	// enrolled in postsecondary education in the fall after graduation.
	PostsecondaryEnrollmentRate = "postsecondary_enrollment_rate"
)
