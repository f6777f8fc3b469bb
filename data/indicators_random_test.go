package data

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"readiness/data/indicator"
)

// The types below are the raw rows of a random district, kept in Go so
// that the test can compute every indicator from them directly, without
// SQL and without concentrator_since.

type rawEnrollment struct {
	student, school string
	year            int
	course, cluster string
}

type rawCredential struct {
	student, school string
	year            int
	name, cluster   string // cluster "" means unassigned
}

type rawWBL struct {
	student, school string
	year            int
	kind            string
	hours           float64
}

type rawTeacher struct {
	id, school string
	year       int
	cluster    string
	fte        float64
}

type rawSection struct {
	id, school       string
	year             int
	cluster, teacher string
	seats, enrolled  int
	requests         int // -1: not reported
}

type rawPostsecondary struct {
	student, school string
	year            int
	outcome         string
}

type rawDistrict struct {
	schools       map[string]string // school_id to district_id
	enrollments   []rawEnrollment
	credentials   []rawCredential
	wbl           []rawWBL
	teachers      []rawTeacher
	sections      []rawSection
	postsecondary []rawPostsecondary
}

var randomClusters = []string{"Digital Technology", "Construction", "Education", "Agriculture"}
var randomKinds = []string{"internship", "job_shadow", "clinical"}
var randomOutcomes = []string{"employment", "postsecondary_education", "military"}

// randomDistrict draws a small district: three schools in district D1, one
// in D2, two school years, and students who move between D1's schools.
func randomDistrict(r *rand.Rand) rawDistrict {
	d := rawDistrict{schools: map[string]string{"A": "D1", "B": "D1", "C": "D1", "Z": "D2"}}
	d1 := []string{"A", "B", "C"}
	years := []int{2024, 2025}
	students := 10 + r.IntN(50)
	for i := 0; i < students; i++ {
		id := fmt.Sprintf("S%d", i)
		schools := d1
		if i%7 == 0 {
			schools = []string{"Z"}
		}
		for _, y := range years {
			for k := r.IntN(4); k > 0; k-- {
				c := randomClusters[r.IntN(len(randomClusters))]
				d.enrollments = append(d.enrollments, rawEnrollment{id, schools[r.IntN(len(schools))], y,
					fmt.Sprintf("%s-%d", c[:3], 1+r.IntN(3)), c})
			}
			if r.Float64() < 0.3 {
				c := ""
				if r.Float64() < 0.7 {
					c = randomClusters[r.IntN(len(randomClusters))]
				}
				d.credentials = append(d.credentials, rawCredential{id, schools[r.IntN(len(schools))], y, "Cred " + c, c})
			}
			for k := r.IntN(3); k > 0; k-- {
				hours := float64(r.IntN(5) * 25)
				d.wbl = append(d.wbl, rawWBL{id, schools[r.IntN(len(schools))], y, randomKinds[r.IntN(len(randomKinds))], hours})
			}
			if r.Float64() < 0.15 {
				d.postsecondary = append(d.postsecondary, rawPostsecondary{id, schools[r.IntN(len(schools))], y, randomOutcomes[r.IntN(len(randomOutcomes))]})
				break // one outcome per student
			}
		}
	}
	for _, y := range years {
		for s := range d.schools {
			for t := 0; t < r.IntN(4); t++ {
				d.teachers = append(d.teachers, rawTeacher{fmt.Sprintf("T%s%d", s, t), s, y,
					randomClusters[r.IntN(len(randomClusters))], float64(1+r.IntN(10)) / 10})
			}
			for k := 0; k < r.IntN(5); k++ {
				requests := -1
				if r.Float64() < 0.6 {
					requests = r.IntN(40)
				}
				d.sections = append(d.sections, rawSection{fmt.Sprintf("%s-%d", s, k), s, y,
					randomClusters[r.IntN(len(randomClusters))], fmt.Sprintf("T%s%d", s, r.IntN(5)), 10 + r.IntN(20), r.IntN(30), requests})
			}
		}
	}
	return d
}

// load writes d into db and computes concentrator status.
func (d rawDistrict) load(t *testing.T, db *DB) {
	t.Helper()
	ctx := context.Background()
	h, err := db.hashStudent(ctx)
	require.NoError(t, err)
	tx, err := db.sql.BeginTx(ctx, nil)
	require.NoError(t, err)
	defer tx.Rollback()
	exec := func(q string, args ...any) {
		_, err := tx.Exec(q, args...)
		require.NoError(t, err, q)
	}
	for id, district := range d.schools {
		exec("INSERT INTO schools (school_id, school_name, district_id) VALUES (?, ?, ?)", id, "School "+id, district)
	}
	for _, e := range d.enrollments {
		exec("INSERT OR IGNORE INTO cte_enrollments (student, school_id, school_year, course_id, cluster) VALUES (?, ?, ?, ?, ?)",
			h.Hash(e.student), e.school, e.year, e.course, e.cluster)
	}
	for _, c := range d.credentials {
		var cluster any
		if c.cluster != "" {
			cluster = c.cluster
		}
		exec("INSERT OR IGNORE INTO credentials (student, school_id, school_year, credential_key, credential_name, cluster) VALUES (?, ?, ?, ?, ?, ?)",
			h.Hash(c.student), c.school, c.year, c.name, c.name, cluster)
	}
	for _, w := range d.wbl {
		exec("INSERT OR IGNORE INTO work_based_learning (student, school_id, school_year, experience_type, hours) VALUES (?, ?, ?, ?, ?)",
			h.Hash(w.student), w.school, w.year, w.kind, w.hours)
	}
	for _, tr := range d.teachers {
		exec("INSERT OR IGNORE INTO teachers (teacher_id, school_id, school_year, cluster, fte) VALUES (?, ?, ?, ?, ?)",
			tr.id, tr.school, tr.year, tr.cluster, tr.fte)
	}
	for _, s := range d.sections {
		var requests any
		if s.requests >= 0 {
			requests = s.requests
		}
		exec("INSERT INTO sections (section_id, school_year, school_id, course_id, cluster, teacher_id, seats, enrolled, requests) VALUES (?, ?, ?, 'X', ?, ?, ?, ?, ?)",
			s.id, s.year, s.school, s.cluster, s.teacher, s.seats, s.enrolled, requests)
	}
	for _, p := range d.postsecondary {
		exec("INSERT INTO postsecondary (student, graduation_year, school_id, outcome) VALUES (?, ?, ?, ?)",
			h.Hash(p.student), p.year, p.school, p.outcome)
	}
	require.NoError(t, rebuildConcentrators(ctx, tx, 2, false))
	require.NoError(t, tx.Commit())
}

// naiveCell is one expected value before privacy.
type naiveCell struct {
	value    float64
	has      bool
	students int
	kind     indicator.Privacy
	additive bool
}

type naiveKey struct{ indicator, dimension string }

// naiveIndicators computes every indicator of the schools in scope straight
// from the definitions: participants, concentrators from every course a
// student took up to the year, and so on.
func (d rawDistrict) naiveIndicators(scope map[string]bool, year int) map[naiveKey]naiveCell {
	out := map[naiveKey]naiveCell{}
	count := func(name, dim string, n int, additive bool) {
		out[naiveKey{name, dim}] = naiveCell{float64(n), true, n, indicator.Count, additive}
	}
	ratio := func(name, dim string, num, den float64, students int) {
		out[naiveKey{name, dim}] = naiveCell{num / nonZero(den), den != 0, students, indicator.Derived, false}
	}
	staff := func(name, dim string, v float64) {
		out[naiveKey{name, dim}] = naiveCell{v, true, 0, indicator.Staff, false}
	}

	// Participants and concentrators.
	participants := map[string]map[string]bool{indicator.All: {}}
	concentrators := map[string]map[string]bool{indicator.All: {}}
	for _, e := range d.enrollments {
		if !scope[e.school] || e.year != year {
			continue
		}
		for _, dim := range []string{e.cluster, indicator.All} {
			if participants[dim] == nil {
				participants[dim], concentrators[dim] = map[string]bool{}, map[string]bool{}
			}
			participants[dim][e.student] = true
			if d.isConcentrator(e.student, e.cluster, year) {
				concentrators[dim][e.student] = true
			}
		}
	}
	for dim, set := range participants {
		count(indicator.CTEParticipants, dim, len(set), false)
		count(indicator.CTEConcentrators, dim, len(concentrators[dim]), false)
	}
	earned := 0
	for s := range concentrators[indicator.All] {
		for _, c := range d.credentials {
			if c.student == s && c.year <= year {
				earned++
				break
			}
		}
	}
	ratio(indicator.CredentialRate, indicator.All, float64(earned), float64(len(concentrators[indicator.All])), len(concentrators[indicator.All]))

	// Credentials.
	creds := map[string]int{indicator.All: 0}
	earners := map[string]map[string]bool{indicator.All: {}}
	seen := map[[3]string]bool{}
	for _, c := range d.credentials {
		// The database keeps the first of two credentials with one key.
		key := [3]string{c.student, strconv.Itoa(c.year), c.name}
		if seen[key] {
			continue
		}
		seen[key] = true
		if !scope[c.school] || c.year != year {
			continue
		}
		dim := c.cluster
		if dim == "" {
			dim = indicator.Unassigned
		}
		for _, k := range []string{dim, indicator.All} {
			creds[k]++
			if earners[k] == nil {
				earners[k] = map[string]bool{}
			}
			earners[k][c.student] = true
		}
	}
	for dim, n := range creds {
		out[naiveKey{indicator.CredentialsEarned, dim}] = naiveCell{float64(n), true, len(earners[dim]), indicator.Derived, true}
	}
	count(indicator.CredentialEarners, indicator.All, len(earners[indicator.All]), false)

	// Work-based learning.
	hours := map[string]float64{indicator.All: 0}
	wblStudents := map[string]map[string]bool{indicator.All: {}}
	perStudent := map[string]float64{}
	internship := map[string]float64{}
	seenWBL := map[rawWBL]bool{}
	for _, w := range d.wbl {
		if !scope[w.school] || w.year != year || seenWBL[w] {
			continue
		}
		seenWBL[w] = true
		for _, k := range []string{w.kind, indicator.All} {
			hours[k] += w.hours
			if wblStudents[k] == nil {
				wblStudents[k] = map[string]bool{}
			}
			wblStudents[k][w.student] = true
		}
		perStudent[w.student] += w.hours
		if w.kind == "internship" {
			internship[w.student] += w.hours
		}
	}
	for dim, h := range hours {
		out[naiveKey{indicator.WBLHours, dim}] = naiveCell{h, true, len(wblStudents[dim]), indicator.Derived, true}
		count(indicator.WBLStudents, dim, len(wblStudents[dim]), false)
	}
	var positive []float64
	for _, h := range perStudent {
		if h > 0 {
			positive = append(positive, h)
		}
	}
	sort.Float64s(positive)
	median := naiveCell{students: len(positive), kind: indicator.Derived}
	if n := len(positive); n > 0 {
		median.has = true
		median.value = (positive[(n-1)/2] + positive[n/2]) / 2
	}
	out[naiveKey{indicator.WBLMedianHours, indicator.All}] = median
	substantial := 0
	for _, h := range internship {
		if h >= DefaultSettings.SubstantialInternshipHours {
			substantial++
		}
	}
	count(WBLSubstantialInternships, indicator.All, substantial, false)

	d.naiveStaff(scope, year, participants, staff, ratio, count)

	// Postsecondary outcomes.
	outcomes := map[string]int{indicator.All: 0}
	for _, p := range d.postsecondary {
		if scope[p.school] && p.year == year {
			outcomes[p.outcome]++
			outcomes[indicator.All]++
		}
	}
	for dim, n := range outcomes {
		count(indicator.PostsecondaryStudents, dim, n, true)
	}
	return out
}

func nonZero(x float64) float64 {
	if x == 0 {
		return 1
	}
	return x
}

func (d rawDistrict) naiveStaff(scope map[string]bool, year int, participants map[string]map[string]bool,
	staff func(string, string, float64), ratio func(string, string, float64, float64, int), count func(string, string, int, bool)) {
	type cell struct {
		fte                                 float64
		teachers                            map[string]bool
		seats, enrolled, requests, reqSeats int
	}
	cells := map[string]*cell{}
	get := func(dim string) *cell {
		if cells[dim] == nil {
			cells[dim] = &cell{teachers: map[string]bool{}}
		}
		return cells[dim]
	}
	get(indicator.All)
	seenTeacher := map[[4]string]bool{}
	for _, t := range d.teachers {
		key := [4]string{t.id, t.school, strconv.Itoa(t.year), t.cluster}
		if !scope[t.school] || t.year != year || seenTeacher[key] {
			continue
		}
		seenTeacher[key] = true
		for _, k := range []string{t.cluster, indicator.All} {
			get(k).fte += t.fte
			get(k).teachers[t.id] = true
		}
	}
	for _, s := range d.sections {
		if !scope[s.school] || s.year != year {
			continue
		}
		for _, k := range []string{s.cluster, indicator.All} {
			c := get(k)
			c.teachers[s.teacher] = true
			c.seats += s.seats
			c.enrolled += s.enrolled
			if s.requests >= 0 {
				c.requests += s.requests
				c.reqSeats += s.seats
			}
		}
	}
	for dim, c := range cells {
		staff(indicator.TeacherFTE, dim, c.fte)
		staff(indicator.Teachers, dim, float64(len(c.teachers)))
		if dim != indicator.All {
			single := 0.0
			if len(c.teachers) == 1 {
				single = 1
			}
			staff(indicator.SingleTeacherCluster, dim, single)
		}
		staff(indicator.SectionSeats, dim, float64(c.seats))
		count(indicator.SectionEnrolled, dim, c.enrolled, true)
		ratio(indicator.SeatUtilization, dim, float64(c.enrolled), float64(c.seats), c.enrolled)
		count(indicator.UnmetRequests, dim, max(0, c.requests-c.reqSeats), false)
		p := len(participants[dim])
		ratio(indicator.StudentsPerFTE, dim, float64(p), c.fte, p)
	}
}

// isConcentrator reports whether student took at least two distinct courses
// of cluster, at any school, up to and including year.
func (d rawDistrict) isConcentrator(student, cluster string, year int) bool {
	courses := map[string]bool{}
	for _, e := range d.enrollments {
		if e.student == student && e.cluster == cluster && e.year <= year {
			courses[e.course] = true
		}
	}
	return len(courses) >= 2
}

// naiveText applies the privacy rules to cells, written out again apart
// from Protect: counts below minN, derived values from few students, and a
// second hidden cell where one hidden cell of an additive breakdown sits
// beside a shown total.
func naiveText(cells map[naiveKey]naiveCell, minN int) map[naiveKey]string {
	text := map[naiveKey]string{}
	hidden := map[naiveKey]bool{}
	mask := func(k naiveKey) string {
		if cells[k].kind == indicator.Count {
			return "<" + strconv.Itoa(minN)
		}
		return "*"
	}
	for k, c := range cells {
		switch {
		case !c.has:
			text[k] = ""
		case minN > 0 && c.kind != indicator.Staff && c.students > 0 && c.students < minN:
			text[k], hidden[k] = mask(k), true
		default:
			text[k] = strconv.FormatFloat(math.Round(c.value*1e4)/1e4, 'f', -1, 64)
		}
	}
	if minN == 0 {
		return text
	}
	byIndicator := map[string][]naiveKey{}
	for k, c := range cells {
		if c.additive && k.dimension != indicator.All {
			byIndicator[k.indicator] = append(byIndicator[k.indicator], k)
		}
	}
	for name, keys := range byIndicator {
		total := naiveKey{name, indicator.All}
		n := 0
		for _, k := range keys {
			if hidden[k] {
				n++
			}
		}
		if n != 1 || hidden[total] {
			continue
		}
		best := total
		for _, k := range keys {
			c := cells[k]
			if hidden[k] || c.value <= 0 {
				continue
			}
			if b := cells[best]; best == total || c.value < b.value || c.value == b.value && k.dimension < best.dimension {
				best = k
			}
		}
		text[best], hidden[best] = mask(best), true
	}
	return text
}

func TestIndicatorsAgreeWithNaiveComputation(t *testing.T) {
	ctx := context.Background()
	for seed := uint64(1); seed <= 25; seed++ {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			d := randomDistrict(rand.New(rand.NewPCG(seed, 7)))
			db := openTestDB(t)
			d.load(t, db)

			scopes := map[string]map[string]bool{
				"A": {"A": true}, "B": {"B": true}, "C": {"C": true}, "Z": {"Z": true},
				indicator.AllSchools: {"A": true, "B": true, "C": true},
			}
			for school, scope := range scopes {
				for _, year := range []int{2024, 2025} {
					rows, err := db.Indicators(ctx, Filter{DistrictID: "D1", SchoolID: school, Year: year})
					require.NoError(t, err)
					cells := d.naiveIndicators(scope, year)
					for _, minN := range []int{0, 3, 5} {
						want := naiveText(cells, minN)
						got := map[naiveKey]string{}
						for _, r := range indicator.Protect(rows, minN) {
							got[naiveKey{r.Indicator, r.Dimension}] = r.Text
						}
						assert.Equal(t, want, got, "school %s, year %d, min n %d", school, year, minN)
					}
				}
			}
		})
	}
}
