package data

import (
	"strings"

	"readiness/data/indicator"
)

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
	"4yr": indicator.OutcomeEnrolled4Year, "4year": indicator.OutcomeEnrolled4Year, "fouryear": indicator.OutcomeEnrolled4Year,
	"enrolled4year": indicator.OutcomeEnrolled4Year, "enrolledfouryear": indicator.OutcomeEnrolled4Year,
	"4yearcollege": indicator.OutcomeEnrolled4Year, "fouryearcollege": indicator.OutcomeEnrolled4Year, "university": indicator.OutcomeEnrolled4Year,
	"2yr": indicator.OutcomeEnrolled2Year, "2year": indicator.OutcomeEnrolled2Year, "twoyear": indicator.OutcomeEnrolled2Year,
	"enrolled2year": indicator.OutcomeEnrolled2Year, "enrolledtwoyear": indicator.OutcomeEnrolled2Year,
	"2yearcollege": indicator.OutcomeEnrolled2Year, "twoyearcollege": indicator.OutcomeEnrolled2Year, "communitycollege": indicator.OutcomeEnrolled2Year,
	"otherpostsecondary": indicator.OutcomeEnrolledOther, "enrolledotherpostsecondary": indicator.OutcomeEnrolledOther,
	"technicalschool": indicator.OutcomeEnrolledOther, "tradeschool": indicator.OutcomeEnrolledOther,
	"registeredapprenticeship": indicator.OutcomeApprenticeship,
	"employment":               indicator.OutcomeEmployed, "working": indicator.OutcomeEmployed,
	"armedforces": indicator.OutcomeMilitary, "enlisted": indicator.OutcomeMilitary,
	"nationalservice": indicator.OutcomeService, "communityservice": indicator.OutcomeService, "americorps": indicator.OutcomeService, "peacecorps": indicator.OutcomeService,
	"none": indicator.OutcomeNotEnrolled, "notplaced": indicator.OutcomeNotEnrolled, "noplacement": indicator.OutcomeNotEnrolled,
	"notknown": indicator.OutcomeUnknown,
	"enrolled": indicator.OutcomeEnrolled, "college": indicator.OutcomeEnrolled,
	"postsecondaryeducation": indicator.OutcomeEnrolled, "enrolledpostsecondary": indicator.OutcomeEnrolled,
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
	return matchTerm(s, indicator.Outcomes, outcomeSpellings)
}

// listTerms writes terms as "a, b or c".
func listTerms(terms []string) string { return joinTerms(terms, " or ") }

// joinAnd writes terms as "a, b and c".
func joinAnd(terms []string) string { return joinTerms(terms, " and ") }

func joinTerms(terms []string, last string) string {
	if len(terms) < 2 {
		return strings.Join(terms, "")
	}
	return strings.Join(terms[:len(terms)-1], ", ") + last + terms[len(terms)-1]
}
