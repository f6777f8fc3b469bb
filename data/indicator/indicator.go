// Package indicator holds the plain values that the data store computes and that
// the report, the charts and the app show: one Row per school, school year,
// indicator and dimension. It imports no SQL or widget code, so every output
// path can import it.
package indicator

// Names of the indicators. Dimension values are a Career Cluster name, an
// experience type, a postsecondary outcome, Unassigned or All.
const (
	CTEParticipants       = "cte_participants"
	CTEConcentrators      = "cte_concentrators"
	CredentialsEarned     = "credentials_earned"
	CredentialEarners     = "credential_earners"
	CredentialRate        = "credential_rate"
	WBLHours              = "wbl_hours"
	WBLStudents           = "wbl_students"
	WBLMedianHours        = "wbl_median_hours"
	TeacherFTE            = "teacher_fte"
	Teachers              = "teachers"
	SingleTeacherCluster  = "single_teacher_cluster"
	SectionSeats          = "section_seats"
	SectionEnrolled       = "section_enrolled"
	SeatUtilization       = "seat_utilization"
	UnmetRequests         = "unmet_requests"
	StudentsPerFTE        = "students_per_fte"
	PostsecondaryStudents = "postsecondary_students"
)

// Dimension values that are not a cluster, experience type or outcome.
const (
	All        = "all"
	Unassigned = "unassigned"
	// AllSchools is the school_id of the district-wide rows.
	AllSchools = "ALL"
)

// Privacy is the kind of protection a value gets when privacy is on.
type Privacy int

const (
	// Count is a number of students: 1 to N-1 is shown as "<N".
	Count Privacy = iota
	// Derived is a sum, median, rate or credential count computed from students:
	// it is shown as "*" when Students is 1 to N-1.
	Derived
	// Staff values (FTE, teacher and seat counts) are never hidden.
	Staff
)

// Row is one indicator value.
type Row struct {
	SchoolID  string // a school_id, or AllSchools
	Year      int    // school year by its ending calendar year: 2025 is 2024-25
	Indicator string
	Dimension string

	// Value is meaningful only when HasValue is true. A rate with a zero
	// denominator has no value.
	Value    float64
	HasValue bool

	// Students is the number of distinct students the value is derived from:
	// the count itself for a Count, the denominator's students for a rate,
	// the participants for students_per_fte, section_enrolled for
	// seat_utilization. Privacy decides on it.
	Students int

	Privacy  Privacy
	Additive bool // the dimensions of this indicator sum to its "all" row

	// Source names the publisher of a reported (aggregate) value, such as
	// "NC DPI School Report Card"; it is empty for values computed from
	// record-level rows.
	Source string

	// Hidden is set by Protect when privacy hides the value. Text is the value
	// as every output shows it: "12", "0.25", "<10", "*", "" for no value, or a
	// publisher's own mask such as ">95%".
	Hidden bool
	Text   string
}

// MaskedTotal is the text of a district total of reported values that a
// publisher's mask on one of its schools leaves unknown. It differs from
// "*", which means computed from too few students.
const MaskedTotal = "masked"
