package data

import (
	"fmt"
	"math"
	"math/rand/v2"

	"readiness/data/cluster"
	"readiness/data/indicator"
)

// demoCluster describes how one 2024 Career Cluster behaves in the demo
// district. Popularity loosely follows the shares of Perkins V concentrators
// by cluster in 2020-21 (Perkins Collaborative Resource Network, all
// states), mapped from the 16 national clusters onto the 14 of 2024.
type demoCluster struct {
	popularity float64 // relative weight when a student picks a cluster
	offered    float64 // share of high schools that offer it
	center     bool    // offered at the skills center
	trend      float64 // yearly growth of interest, 0.05 is +5% a year
	credRate   float64 // share of concentrators who earn a credential
	courses    [4]string
	creds      []string
	wbl        string // experience type beside internships, "" for none
	seats      int    // seats per section
}

// demoClusters follows the order of cluster.Clusters2024.
var demoClusters = []demoCluster{
	{4.0, 0.35, true, 0.04, 0.35, [4]string{"Manufacturing Foundations", "Machining I", "Welding Technology", "Advanced Manufacturing Capstone"},
		[]string{"NIMS Measurement, Materials and Safety", "AWS SENSE Level 1 Welding"}, "pre_apprenticeship", 20},
	{3.4, 0.30, true, 0.05, 0.50, [4]string{"Construction Foundations", "Carpentry I", "Carpentry II", "Construction Capstone"},
		[]string{"NCCER Core Curriculum", "OSHA 10-Hour Construction"}, "pre_apprenticeship", 20},
	{2.3, 0.12, true, 0.01, 0.40, [4]string{"Automotive Foundations", "Automotive Service I", "Automotive Service II", "Logistics and Supply Chain"},
		[]string{"ASE Entry-Level Automobile Service Technology", "Forklift Operator Certification"}, "apprenticeship", 20},
	{4.0, 0.85, false, 0.00, 0.12, [4]string{"Digital Art and Design", "Graphic Design", "Video Production", "Design Portfolio"},
		[]string{"Adobe Certified Professional in Visual Design"}, "school_based_enterprise", 28},
	{2.7, 0.55, true, -0.01, 0.55, [4]string{"Culinary Foundations", "Culinary Arts I", "Culinary Arts II", "Hospitality Management"},
		[]string{"ServSafe Food Handler", "ServSafe Manager"}, "school_based_enterprise", 22},
	{2.0, 0.45, false, -0.05, 0.10, [4]string{"Personal Finance", "Accounting I", "Accounting II", "Banking and Investments"},
		[]string{"W!SE Financial Literacy Certification"}, "", 30},
	{1.9, 0.55, false, 0.06, 0.05, [4]string{"Introduction to Teaching", "Child Development", "Teaching Practicum", "Education Capstone"},
		[]string{"Paraeducator Certificate"}, "service_learning", 26},
	{13.0, 0.90, true, 0.06, 0.45, [4]string{"Health Science Foundations", "Medical Terminology", "Nursing Assistant", "Sports Medicine"},
		[]string{"Certified Nursing Assistant", "BLS for Healthcare Providers", "Certified Pharmacy Technician"}, "clinical", 16},
	{3.1, 0.30, true, 0.02, 0.30, [4]string{"Public Safety Foundations", "Criminal Justice", "Fire Science", "Emergency Medical Responder"},
		[]string{"Emergency Medical Responder", "Firefighter I"}, "service_learning", 24},
	{4.0, 0.40, false, -0.03, 0.25, [4]string{"Agricultural Science", "Animal Science", "Plant Science", "Agricultural Mechanics"},
		[]string{"Certified Veterinary Assistant", "Private Pesticide Applicator"}, "school_based_enterprise", 24},
	{0.8, 0.15, false, 0.03, 0.20, [4]string{"Environmental Science", "Natural Resources", "Renewable Energy", "Energy Capstone"},
		[]string{"NABCEP PV Associate"}, "", 24},
	{5.0, 0.95, true, 0.08, 0.30, [4]string{"Computer Science Principles", "Programming", "Cybersecurity", "Networking"},
		[]string{"CompTIA IT Fundamentals+", "CompTIA A+", "Cisco Certified Support Technician"}, "", 28},
	{6.4, 0.70, false, 0.00, 0.25, [4]string{"Introduction to Business", "Business Management", "Entrepreneurship", "Business Capstone"},
		[]string{"Microsoft Office Specialist: Excel", "Microsoft Office Specialist: Word"}, "school_based_enterprise", 30},
	{1.9, 0.55, false, -0.02, 0.10, [4]string{"Marketing Foundations", "Retail Marketing", "Sports and Entertainment Marketing", "Marketing Management"},
		[]string{"ASK Fundamentals of Marketing"}, "school_based_enterprise", 30},
}

// Credentials earned outside a Career Cluster, stored without one.
var demoUnassignedCreds = []string{"CPR/AED and First Aid", "OSHA 10-Hour General Industry"}

// Postsecondary outcomes the demo writes, with their shares.
var demoOutcomes = []struct {
	name  string
	share float64
}{
	{indicator.OutcomeEnrolled4Year, 0.34}, {indicator.OutcomeEnrolled2Year, 0.19},
	{indicator.OutcomeEnrolledOther, 0.03}, {indicator.OutcomeEmployed, 0.24},
	{indicator.OutcomeMilitary, 0.04}, {indicator.OutcomeApprenticeship, 0.02},
	{indicator.OutcomeService, 0.01}, {indicator.OutcomeNotEnrolled, 0.13},
}

var demoDistrictNames = []string{"Cedar Valley", "Riverbend", "North Cascade", "Prairie View", "Lakeshore", "Pine Ridge",
	"Granite Falls", "Harbor Point", "Sunfield", "Oak Hollow", "Mesa Verde", "Clearwater"}

var demoSchoolNames = []string{"Lincoln", "Roosevelt", "Jefferson", "Washington", "Franklin", "Madison", "Kennedy",
	"Central", "Westside", "Eastview", "Heritage", "Summit", "Valley", "Mountain View", "Riverside", "Lakeview"}

var demoEmployers = []string{"Regional Medical Center", "City Public Works", "County Fire District", "Valley Credit Union",
	"Precision Machining Co.", "Northside Builders", "Harbor Logistics", "Green Acres Farm", "Tech Solutions LLC",
	"Downtown Bistro", "Main Street Marketing", "Sunrise Elementary", "Community Clinic", "Solar Installers Inc."}

var demoRaces = []struct {
	name  string
	share float64
}{
	{"White", 0.45}, {"Hispanic/Latino", 0.27}, {"Black/African American", 0.12}, {"Asian", 0.07},
	{"Two or More Races", 0.06}, {"American Indian/Alaska Native", 0.02}, {"Native Hawaiian/Pacific Islander", 0.01},
}

// demoSchool is one school of the demo with what it offers.
type demoSchool struct {
	id, name        string
	district        int
	center          bool
	size            float64 // relative enrollment of a high school
	offers          [14]bool
	reportsRequests bool
}

// demoStudent is one simulated student: where and when they attend and the
// Career Cluster they follow.
type demoStudent struct {
	home    int32 // index of the home high school
	grade9  int16 // school year (ending year) of grade 9
	primary int8  // cluster index, -1 for a student who takes no CTE course
	explore int8  // a second cluster tried once, or -1
}

// demoCourse is one course a student takes.
type demoCourse struct {
	school  int32
	year    int16
	cluster int8
	level   int8 // 1 to 4
	section int16
}

// pick returns an index drawn with the given weights.
func pick(r *rand.Rand, weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := r.Float64() * total
	for i, w := range weights {
		x -= w
		if x < 0 {
			return i
		}
	}
	return len(weights) - 1
}

// demoPlanSchools lays out the districts: six high schools each (fewer in the
// last) and one skills center per district, with uneven cluster offerings.
func demoPlanSchools(r *rand.Rand, highSchools int) ([]demoSchool, []string) {
	var schools []demoSchool
	var districts []string
	for d := 0; d*6 < highSchools; d++ {
		name := demoDistrictNames[d%len(demoDistrictNames)] + " School District"
		if d >= len(demoDistrictNames) {
			name = fmt.Sprintf("%s No. %d", name, d/len(demoDistrictNames)+1)
		}
		districts = append(districts, name)
		for h := 0; h < 6 && d*6+h < highSchools; h++ {
			n := d*6 + h
			s := demoSchool{
				id:              fmt.Sprintf("HS%04d", n+1),
				name:            demoSchoolNames[(n+d)%len(demoSchoolNames)] + " High School",
				district:        d,
				size:            0.5 + r.Float64(),
				reportsRequests: r.Float64() < 0.7,
			}
			for c, dc := range demoClusters {
				s.offers[c] = r.Float64() < dc.offered
			}
			s.offers[7], s.offers[11] = true, true // every high school offers health and digital technology
			schools = append(schools, s)
		}
		center := demoSchool{
			id:              fmt.Sprintf("SC%03d", d+1),
			name:            demoDistrictNames[d%len(demoDistrictNames)] + " Skills Center",
			district:        d,
			center:          true,
			reportsRequests: true,
		}
		for c, dc := range demoClusters {
			center.offers[c] = dc.center
		}
		schools = append(schools, center)
	}
	return schools, districts
}

// demoPlanStudent simulates one student's school career and returns buf
// with the student's courses appended. Years outside first..last are
// simulated too, so that concentrator status counts courses taken before
// the data begins. The caller leaves them out of cte_enrollments.
func demoPlanStudent(r *rand.Rand, schools []demoSchool, centers []int, highSchools []int, weights []float64, first, last int, buf []demoCourse) (demoStudent, []demoCourse) {
	home := highSchools[pick(r, weights)]
	s := demoStudent{home: int32(home), grade9: int16(first - 3 + r.IntN(last-first+4)), primary: -1, explore: -1}
	center := centers[schools[home].district]

	// Interest grows with time in some clusters and fades in others: a
	// cohort's pick follows the trend of its grade 9 year.
	cohort := float64(int(s.grade9) - first)
	choice := make([]float64, len(demoClusters))
	for c, dc := range demoClusters {
		w := 0.0
		if schools[home].offers[c] {
			w = dc.popularity
		} else if dc.center {
			w = dc.popularity * 0.4 // only reachable at the skills center, from grade 11
		}
		choice[c] = w * math.Pow(1+dc.trend, cohort)
	}
	if r.Float64() < 0.7+0.01*cohort {
		s.primary = int8(pick(r, choice))
	}
	if r.Float64() < 0.25 {
		s.explore = int8(pick(r, choice))
		if s.explore == s.primary {
			s.explore = -1
		}
	}
	if s.primary < 0 && s.explore < 0 {
		return s, buf
	}

	level := 0
	atCenterOnly := s.primary >= 0 && !schools[home].offers[s.primary]
	goesToCenter := s.primary >= 0 && demoClusters[s.primary].center && r.Float64() < 0.35
	exploreGrade := 9 + r.IntN(4)
	for grade := 9; grade <= 12; grade++ {
		year := int(s.grade9) + grade - 9
		if s.primary >= 0 && level < 4 {
			takes := []float64{0.5, 0.6, 0.6, 0.55}[grade-9]
			if level > 0 {
				takes = 0.65 // most students who start a sequence continue it
			}
			school := home
			if atCenterOnly || (goesToCenter && grade >= 11) {
				school = center
				if grade < 11 {
					takes = 0
				} else {
					takes = 0.7
				}
			}
			if r.Float64() < takes {
				level++
				buf = append(buf, demoCourse{school: int32(school), year: int16(year), cluster: s.primary, level: int8(level)})
				if level < 4 && r.Float64() < 0.12 { // a second course of the sequence in the same year
					level++
					buf = append(buf, demoCourse{school: int32(school), year: int16(year), cluster: s.primary, level: int8(level)})
				}
			}
		}
		if s.explore >= 0 && grade == exploreGrade && schools[home].offers[s.explore] {
			buf = append(buf, demoCourse{school: int32(home), year: int16(year), cluster: s.explore, level: 1})
		}
	}
	return s, buf
}

// clusterName returns the name of the demo cluster with index c.
func demoClusterName(c int8) string { return cluster.Clusters2024[c].Name }

// demoCourseID returns the state course code of a cluster's course level,
// such as "060100-2".
func demoCourseID(c int8, level int8) string {
	return fmt.Sprintf("%s-%d", cluster.Clusters2024[c].Code, level)
}
