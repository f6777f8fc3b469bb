package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
)

// DemoOptions size the synthetic demo district.
type DemoOptions struct {
	// Schools is the number of high schools, grouped six to a district, each
	// district with one skills center. 0 means one per 3,500 students, which
	// gives high schools of about 1,700 students in a year, and at least 1.
	Schools  int
	Students int   // students over all years
	Years    int   // school years, ending with DemoLastYear
	Seed     int64 // the same seed and options give the same data
}

// DefaultDemo is the demo district the app opens on the first run.
var DefaultDemo = DemoOptions{Schools: 6, Students: 20000, Years: 5, Seed: 1}

// DemoLastYear is the latest school year of every demo database (2024-25),
// fixed so that a seed gives the same data on any date.
const DemoLastYear = 2025

// Validate reports the first option out of its allowed range.
func (o DemoOptions) Validate() error {
	switch {
	case o.Schools < 0 || o.Schools > 5000:
		return fmt.Errorf("invalid number of schools %d: choose 0 (automatic) to 5000", o.Schools)
	case o.Students < 1 || o.Students > 5_000_000:
		return fmt.Errorf("invalid number of students %d: choose 1 to 5000000", o.Students)
	case o.Years < 1 || o.Years > 20:
		return fmt.Errorf("invalid number of school years %d: choose 1 to 20", o.Years)
	}
	return nil
}

// highSchools returns the number of high schools to generate.
func (o DemoOptions) highSchools() int {
	if o.Schools > 0 {
		return o.Schools
	}
	return max(1, o.Students/3500)
}

// GenerateDemo writes a synthetic district into a new database at path and
// marks it synthetic (see IsSynthetic). It fails when path exists. The same
// options give the same indicators, although the student hashes differ from
// file to file because each file has its own key.
//
// Everything is written in one transaction. On error the file is removed.
func GenerateDemo(ctx context.Context, path string, opt DemoOptions) (err error) {
	if err := opt.Validate(); err != nil {
		return err
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("generate demo: %s already exists; choose a new file name", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("generate demo: %w", err)
	}
	db, err := Open(ctx, path)
	if err != nil {
		return err
	}
	defer func() {
		db.Close()
		if err != nil {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(path + suffix)
			}
		}
	}()

	g, err := newDemoGenerator(ctx, db, opt)
	if err != nil {
		return err
	}
	if err := g.write(ctx); err != nil {
		return fmt.Errorf("generate demo %s: %w", path, err)
	}
	return nil
}

// demoGenerator holds the simulated district before it is written.
type demoGenerator struct {
	db          *DB
	opt         DemoOptions
	first, last int
	courses     int // concentrator course count
	hasher      *studentHasher

	schools   []demoSchool
	districts []string

	students []demoStudent
	offsets  []int32 // students[i]'s courses are plan[offsets[i]:offsets[i+1]]
	plan     []demoCourse
	sections map[demoBucket][]demoSection
}

// demoBucket is one course at one school in one year.
type demoBucket struct {
	school  int32
	year    int16
	cluster int8
	level   int8
}

type demoSection struct {
	seats, enrolled int
}

func newDemoGenerator(ctx context.Context, db *DB, opt DemoOptions) (*demoGenerator, error) {
	settings, err := db.Settings(ctx)
	if err != nil {
		return nil, err
	}
	hasher, err := db.hashStudent(ctx)
	if err != nil {
		return nil, err
	}
	g := &demoGenerator{db: db, opt: opt, first: DemoLastYear - opt.Years + 1, last: DemoLastYear,
		courses: settings.ConcentratorCourses, hasher: hasher}

	layout := rand.New(rand.NewPCG(uint64(opt.Seed), 0))
	g.schools, g.districts = demoPlanSchools(layout, opt.highSchools())
	g.simulateStudents()
	g.planSections(layout)
	return g, nil
}

// studentRand returns the random source of one student and purpose, so that
// a student's data does not depend on the order students are written in.
func (g *demoGenerator) studentRand(pcg *rand.PCG, i int, purpose uint64) *rand.Rand {
	pcg.Seed(uint64(g.opt.Seed), uint64(i)<<8|purpose)
	return rand.New(pcg)
}

func (g *demoGenerator) simulateStudents() {
	var highSchools, centers []int
	var weights []float64
	for i, s := range g.schools {
		if s.center {
			centers = append(centers, i)
		} else {
			highSchools = append(highSchools, i)
			weights = append(weights, s.size)
		}
	}
	g.students = make([]demoStudent, g.opt.Students)
	g.offsets = make([]int32, g.opt.Students+1)
	g.plan = make([]demoCourse, 0, g.opt.Students*2)
	pcg := rand.NewPCG(0, 0)
	for i := range g.students {
		r := g.studentRand(pcg, i, 1)
		g.students[i], g.plan = demoPlanStudent(r, g.schools, centers, highSchools, weights, g.first, g.last, g.plan)
		g.offsets[i+1] = int32(len(g.plan))
	}
}

// planSections opens sections for each course's students. Growing
// clusters run full sections and turn students away (see demoWaitlist).
// Fading clusters keep a section more than they need. A course with few
// students runs one under-filled section unless it moves to a smaller room.
func (g *demoGenerator) planSections(r *rand.Rand) {
	counts := map[demoBucket]int{}
	for _, c := range g.plan {
		if g.inWindow(int(c.year)) {
			counts[demoBucket{c.school, c.year, c.cluster, c.level}]++
		}
	}
	g.sections = map[demoBucket][]demoSection{}
	for _, k := range sortedBuckets(counts) {
		count, trend := counts[k], demoClusters[k.cluster].trend
		seats := demoClusters[k.cluster].seats + r.IntN(7) - 3
		n := (count + seats - 1) / seats
		switch {
		case trend >= 0.04 && count >= seats:
			n = count / seats
			seats = (count + n - 1) / n
		case trend < 0 && r.Float64() < 0.3:
			n++
		case n == 1 && count < seats/2 && r.Float64() < 0.5:
			seats = max(12, count+2+r.IntN(6))
		}
		g.sections[k] = make([]demoSection, n)
		for i := range g.sections[k] {
			g.sections[k][i].seats = seats
		}
	}
	next := map[demoBucket]int{}
	for i := range g.plan {
		c := &g.plan[i]
		if !g.inWindow(int(c.year)) {
			continue
		}
		k := demoBucket{c.school, c.year, c.cluster, c.level}
		list := g.sections[k]
		c.section = int16(next[k] % len(list))
		list[c.section].enrolled++
		next[k]++
	}
}

func sortedBuckets[V any](m map[demoBucket]V) []demoBucket {
	keys := make([]demoBucket, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.school != b.school {
			return a.school < b.school
		}
		if a.year != b.year {
			return a.year < b.year
		}
		if a.cluster != b.cluster {
			return a.cluster < b.cluster
		}
		return a.level < b.level
	})
	return keys
}

func (g *demoGenerator) inWindow(year int) bool { return year >= g.first && year <= g.last }

// write inserts the whole district in one transaction. Students are written
// in the order of their hashes, so the student-keyed tables grow at their
// end rather than at random places.
func (g *demoGenerator) write(ctx context.Context) error {
	tx, err := g.beginBulk(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	if err := g.writeSchools(ctx, tx); err != nil {
		return err
	}
	if err := g.writeSections(ctx, tx); err != nil {
		return err
	}
	w, err := newDemoWriter(ctx, tx)
	if err != nil {
		return err
	}
	hashes := make([][]byte, len(g.students))
	for i := range g.students {
		hashes[i] = g.hasher.Hash(fmt.Sprintf("S%08d", i+1))
	}
	order := make([]int, len(g.students))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return bytes.Compare(hashes[order[a]], hashes[order[b]]) < 0 })
	pcg := rand.NewPCG(0, 0)
	for _, i := range order {
		if err := g.writeStudent(w, pcg, i, hashes[i]); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO meta (key, value) VALUES ('synthetic', '1'), ('demo_seed', ?)",
		fmt.Sprint(g.opt.Seed)); err != nil {
		return fmt.Errorf("mark database synthetic: %w", err)
	}
	return tx.Commit()
}
