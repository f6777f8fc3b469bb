package data

import "strings"

// Work-based learning experience types, as stored.
const (
	ExperienceInternship            = "internship"
	ExperiencePreApprenticeship     = "pre_apprenticeship"
	ExperienceApprenticeship        = "apprenticeship"
	ExperienceClinical              = "clinical"
	ExperienceJobShadow             = "job_shadow"
	ExperienceSchoolBasedEnterprise = "school_based_enterprise"
	ExperienceServiceLearning       = "service_learning"
	ExperienceOther                 = "other"
)

// ExperienceTypes lists the work-based learning experience types in the
// order reports show them.
var ExperienceTypes = []string{
	ExperienceInternship, ExperiencePreApprenticeship, ExperienceApprenticeship, ExperienceClinical,
	ExperienceJobShadow, ExperienceSchoolBasedEnterprise, ExperienceServiceLearning, ExperienceOther,
}

// Postsecondary outcomes of a graduate, as stored.
const (
	OutcomeEnrolled4Year  = "enrolled_4yr"   // enrolled at a four-year college or university
	OutcomeEnrolled2Year  = "enrolled_2yr"   // enrolled at a two-year or community college
	OutcomeEnrolledOther  = "enrolled_other" // enrolled in other postsecondary education or training
	OutcomeApprenticeship = "apprenticeship" // in a registered apprenticeship
	OutcomeEmployed       = "employed"
	OutcomeMilitary       = "military"
	OutcomeService        = "service" // national or community service, such as AmeriCorps or Peace Corps
	OutcomeNotEnrolled    = "not_enrolled"
	OutcomeUnknown        = "unknown"
)

// Outcomes lists the postsecondary outcomes in the order reports show them.
var Outcomes = []string{
	OutcomeEnrolled4Year, OutcomeEnrolled2Year, OutcomeEnrolledOther, OutcomeApprenticeship,
	OutcomeEmployed, OutcomeMilitary, OutcomeService, OutcomeNotEnrolled, OutcomeUnknown,
}

// experienceSpellings maps other spellings, folded by normalizeHeader, to an
// experience type.
var experienceSpellings = map[string]string{
	"intern":                      ExperienceInternship,
	"internships":                 ExperienceInternship,
	"preapprenticeships":          ExperiencePreApprenticeship,
	"registeredpreapprenticeship": ExperiencePreApprenticeship,
	"registeredapprenticeship":    ExperienceApprenticeship,
	"youthapprenticeship":         ExperienceApprenticeship,
	"apprenticeships":             ExperienceApprenticeship,
	"clinicals":                   ExperienceClinical,
	"clinicalexperience":          ExperienceClinical,
	"clinicalrotation":            ExperienceClinical,
	"jobshadowing":                ExperienceJobShadow,
	"shadowing":                   ExperienceJobShadow,
	"sbe":                         ExperienceSchoolBasedEnterprise,
	"schoolenterprise":            ExperienceSchoolBasedEnterprise,
	"servicelearningproject":      ExperienceServiceLearning,
}

// outcomeSpellings maps other spellings, folded by normalizeHeader, to an
// outcome.
var outcomeSpellings = map[string]string{
	"4yr": OutcomeEnrolled4Year, "4year": OutcomeEnrolled4Year, "fouryear": OutcomeEnrolled4Year,
	"enrolled4year": OutcomeEnrolled4Year, "enrolledfouryear": OutcomeEnrolled4Year,
	"4yearcollege": OutcomeEnrolled4Year, "fouryearcollege": OutcomeEnrolled4Year, "university": OutcomeEnrolled4Year,
	"2yr": OutcomeEnrolled2Year, "2year": OutcomeEnrolled2Year, "twoyear": OutcomeEnrolled2Year,
	"enrolled2year": OutcomeEnrolled2Year, "enrolledtwoyear": OutcomeEnrolled2Year,
	"2yearcollege": OutcomeEnrolled2Year, "twoyearcollege": OutcomeEnrolled2Year, "communitycollege": OutcomeEnrolled2Year,
	"otherpostsecondary": OutcomeEnrolledOther, "enrolledotherpostsecondary": OutcomeEnrolledOther,
	"technicalschool": OutcomeEnrolledOther, "tradeschool": OutcomeEnrolledOther,
	"registeredapprenticeship": OutcomeApprenticeship,
	"employment":               OutcomeEmployed, "working": OutcomeEmployed,
	"armedforces": OutcomeMilitary, "enlisted": OutcomeMilitary,
	"nationalservice": OutcomeService, "communityservice": OutcomeService, "americorps": OutcomeService, "peacecorps": OutcomeService,
	"none": OutcomeNotEnrolled, "notplaced": OutcomeNotEnrolled, "noplacement": OutcomeNotEnrolled,
	"notknown": OutcomeUnknown,
}

// matchTerm returns the standard term that value stands for: one of terms
// after folding case and punctuation, or a spelling listed in others.
func matchTerm(value string, terms []string, others map[string]string) (string, bool) {
	key := normalizeHeader(value)
	if key == "" {
		return "", false
	}
	for _, t := range terms {
		if key == normalizeHeader(t) {
			return t, true
		}
	}
	t, ok := others[key]
	return t, ok
}

// ExperienceType returns the experience type a spelling such as "Job
// Shadowing" or "job_shadow" stands for.
func ExperienceType(s string) (string, bool) {
	return matchTerm(s, ExperienceTypes, experienceSpellings)
}

// Outcome returns the postsecondary outcome a spelling such as "4-year
// college" or "enrolled_4yr" stands for.
func Outcome(s string) (string, bool) {
	return matchTerm(s, Outcomes, outcomeSpellings)
}

// listTerms writes terms as "a, b or c".
func listTerms(terms []string) string {
	if len(terms) < 2 {
		return strings.Join(terms, "")
	}
	return strings.Join(terms[:len(terms)-1], ", ") + " or " + terms[len(terms)-1]
}
