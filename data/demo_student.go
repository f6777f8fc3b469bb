package data

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// writeStudent writes one student's rows in every student-keyed table.
func (g *demoGenerator) writeStudent(w *demoWriter, pcg *rand.PCG, i int, hash []byte) error {
	s := g.students[i]
	r := g.studentRand(pcg, i, 3)
	home := g.schools[s.home]
	graduation := int(s.grade9) + 3

	gender := "F"
	switch x := r.Float64(); {
	case x < 0.01:
		gender = "X"
	case x < 0.5:
		gender = "M"
	}
	race := demoRaces[pick(r, demoRaceWeights)].name
	lowIncome, learner, disability := yesNo(r.Float64() < 0.45), yesNo(r.Float64() < 0.1), yesNo(r.Float64() < 0.14)
	for year := max(g.first, int(s.grade9)); year <= min(g.last, graduation); year++ {
		grade := fmt.Sprintf("%02d", 9+year-int(s.grade9))
		if err := w.students.Add(hash, year, home.id, grade, gender, race, lowIncome, learner, disability); err != nil {
			return err
		}
	}

	var taken []demoCourse // courses up to the latest year, in time order
	for _, c := range g.plan[g.offsets[i]:g.offsets[i+1]] {
		if int(c.year) <= g.last {
			taken = append(taken, c)
		}
	}
	for _, c := range taken {
		if !g.inWindow(int(c.year)) {
			continue
		}
		school := g.schools[c.school]
		course := demoCourseID(c.cluster, c.level)
		err := w.enrollments.Add(hash, school.id, int(c.year), course, fmt.Sprintf("%s-%s-%02d", school.id, course, c.section+1), "",
			demoClusterName(c.cluster), demoClusters[c.cluster].courses[c.level-1], "")
		if err != nil {
			return err
		}
	}

	since := -1 // the year the student became a concentrator in the primary cluster
	if s.primary >= 0 {
		since = g.concentratorSince(taken, s.primary)
		if since > 0 {
			if err := w.concentrators.Add(hash, demoClusterName(s.primary), since); err != nil {
				return err
			}
		}
	}
	if err := g.writeCredentials(w, r, i, s, hash, taken, since); err != nil {
		return err
	}
	if err := g.writeWBL(w, r, s, hash, taken, since); err != nil {
		return err
	}
	return g.writePostsecondary(w, r, s, hash, since)
}

var demoRaceWeights = func() []float64 {
	var w []float64
	for _, r := range demoRaces {
		w = append(w, r.share)
	}
	return w
}()

func yesNo(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}

// concentratorSince returns the year of the student's courses-th distinct
// course of cluster c, or -1. It counts courses from before the demo's first
// year too, as a district's full course history would.
func (g *demoGenerator) concentratorSince(taken []demoCourse, c int8) int {
	var levels [5]bool
	distinct := 0
	for _, course := range taken {
		if course.cluster != c || levels[course.level] {
			continue
		}
		levels[course.level] = true
		distinct++
		if distinct == g.courses {
			return int(course.year)
		}
	}
	return -1
}

// writeCredentials writes the credentials of a concentrator in a cluster that
// offers them, and now and then one earned outside any cluster.
func (g *demoGenerator) writeCredentials(w *demoWriter, r *rand.Rand, i int, s demoStudent, hash []byte, taken []demoCourse, since int) error {
	if since > 0 {
		// Students sit the exam in the last course of their sequence. Every
		// credential of a participant of the demo's first year then falls
		// in or after that year, so the credential rate has no false climb
		// from credentials before the data begins.
		dc := demoClusters[s.primary]
		year := lastCourseYear(g.plan[g.offsets[i]:g.offsets[i+1]], s.primary)
		if r.Float64() < dc.credRate && g.inWindow(year) {
			school := g.schoolOfYear(s, taken, year)
			first := r.IntN(len(dc.creds))
			names := []string{dc.creds[first]}
			if len(dc.creds) > 1 && r.Float64() < 0.2 {
				names = append(names, dc.creds[(first+1)%len(dc.creds)])
			}
			for _, name := range names {
				if err := w.credentials.Add(hash, school, year, name, name, demoClusterName(s.primary), demoDate(r, year)); err != nil {
					return err
				}
			}
		}
	}

	active := map[int]bool{}
	for _, c := range taken {
		if int(c.year) >= int(s.grade9)+1 {
			active[int(c.year)] = true
		}
	}
	for year := g.first; year <= g.last; year++ {
		if active[year] && r.Float64() < 0.04 {
			name := demoUnassignedCreds[r.IntN(len(demoUnassignedCreds))]
			if err := w.credentials.Add(hash, g.schools[s.home].id, year, name, name, nil, demoDate(r, year)); err != nil {
				return err
			}
		}
	}
	return nil
}

// lastCourseYear returns the year of the latest course of cluster c, also
// when that year is after the demo's last.
func lastCourseYear(taken []demoCourse, c int8) int {
	year := 0
	for _, course := range taken {
		if course.cluster == c {
			year = max(year, int(course.year))
		}
	}
	return year
}

// schoolOfYear returns the school of the student's latest course of their
// primary cluster up to year, or the home high school.
func (g *demoGenerator) schoolOfYear(s demoStudent, taken []demoCourse, year int) string {
	school := g.schools[s.home].id
	for _, c := range taken {
		if c.cluster == s.primary && int(c.year) <= year {
			school = g.schools[c.school].id
		}
	}
	return school
}

// demoDate returns a spring date of the school year ending in year.
func demoDate(r *rand.Rand, year int) string {
	return fmt.Sprintf("%d-%02d-%02d", year, 2+r.IntN(4), 1+r.IntN(28))
}

// writeWBL writes work-based learning: most students have none, job shadows
// last a few hours, internships mostly 60 to 360 hours, and each cluster has
// its own kind (clinical hours in health, pre-apprenticeships in the
// trades).
func (g *demoGenerator) writeWBL(w *demoWriter, r *rand.Rand, s demoStudent, hash []byte, taken []demoCourse, since int) error {
	if s.primary < 0 {
		return nil
	}
	dc := demoClusters[s.primary]
	name := demoClusterName(s.primary)
	for year := max(g.first, int(s.grade9)+1); year <= min(g.last, int(s.grade9)+3); year++ {
		grade := 9 + year - int(s.grade9)
		school := g.schoolOfYear(s, taken, year)
		add := func(kind string, hours float64) error {
			employer := demoEmployers[r.IntN(len(demoEmployers))]
			return w.wbl.Add(hash, school, year, kind, math.Round(hours), name, employer)
		}
		if r.Float64() < 0.12 {
			if err := add("job_shadow", 2+r.Float64()*6); err != nil {
				return err
			}
		}
		if grade < 11 {
			continue
		}
		concentrator := since > 0 && since <= year
		if concentrator && r.Float64() < 0.2 {
			hours := math.Exp(math.Log(130) + 0.55*r.NormFloat64())
			if err := add("internship", math.Max(20, math.Min(480, hours))); err != nil {
				return err
			}
		}
		if dc.wbl != "" && r.Float64() < 0.25 {
			if err := add(dc.wbl, demoHours(r, dc.wbl, grade)); err != nil {
				return err
			}
		}
	}
	return nil
}

// demoHours returns the hours of one experience of a kind.
func demoHours(r *rand.Rand, kind string, grade int) float64 {
	switch kind {
	case "clinical":
		return 40 + r.Float64()*120
	case "pre_apprenticeship":
		return 90 + r.Float64()*210
	case "apprenticeship":
		if grade == 12 && r.Float64() < 0.3 {
			return 400 + r.Float64()*600
		}
		return 60 + r.Float64()*120
	case "school_based_enterprise":
		return 20 + r.Float64()*70
	case "service_learning":
		return 10 + r.Float64()*30
	}
	return 10 + r.Float64()*40
}

// writePostsecondary writes the outcome of a student who graduates within
// the demo's years. Concentrators go to work and apprenticeships more often.
func (g *demoGenerator) writePostsecondary(w *demoWriter, r *rand.Rand, s demoStudent, hash []byte, since int) error {
	graduation := int(s.grade9) + 3
	if !g.inWindow(graduation) || r.Float64() < 0.1 {
		return nil
	}
	weights := make([]float64, len(demoOutcomes))
	for i, o := range demoOutcomes {
		weights[i] = o.share
	}
	cluster := ""
	if since > 0 {
		weights[1] *= 1.4
		weights[3] *= 2.5
		cluster = demoClusterName(s.primary)
	}
	outcome := demoOutcomes[pick(r, weights)].name
	return w.postsecondary.Add(hash, graduation, g.schools[s.home].id, outcome, cluster)
}
