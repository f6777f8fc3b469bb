package indicator

// Postsecondary outcomes of a graduate: the dimensions of
// postsecondary_students, as stored.
const (
	OutcomeEnrolled4Year  = "enrolled_4yr"           // enrolled at a four-year college or university
	OutcomeEnrolled2Year  = "enrolled_2yr"           // enrolled at a two-year or community college
	OutcomeEnrolledOther  = "enrolled_other"         // enrolled in other postsecondary education or training
	OutcomeEnrolled       = "enrolled_postsecondary" // enrolled in postsecondary education of a level the source does not give
	OutcomeApprenticeship = "apprenticeship"         // in a registered apprenticeship
	OutcomeEmployed       = "employed"
	OutcomeMilitary       = "military"
	OutcomeService        = "service" // national or community service, such as AmeriCorps or Peace Corps
	OutcomeNotEnrolled    = "not_enrolled"
	OutcomeUnknown        = "unknown"
)

// Outcomes lists the postsecondary outcomes in the order reports show them.
var Outcomes = []string{
	OutcomeEnrolled4Year, OutcomeEnrolled2Year, OutcomeEnrolledOther, OutcomeEnrolled, OutcomeApprenticeship,
	OutcomeEmployed, OutcomeMilitary, OutcomeService, OutcomeNotEnrolled, OutcomeUnknown,
}
