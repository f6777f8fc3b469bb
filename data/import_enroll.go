package data

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// maxBufferedEnrollments is how many enrollment rows an import holds in
// memory before it writes them. At about 50 bytes a row, 1,048,576 rows take
// about 50 MB. A larger file is written in several sorted runs.
//
// NOTE: the map of a file's keys (fileState.seen) still grows with its rows,
// so a file of 2,000,000 rows peaked at 215 MB, against 163 MB for 1,000,000.
var maxBufferedEnrollments = 1 << 20

// enrollRow is one validated cte_enrollments row held in memory. Its text
// columns are numbers into enrollBuffer.text, so that a million rows, which
// repeat the same few schools, courses and clusters, stay small.
type enrollRow struct {
	student [studentHashSize]byte
	year    int32
	// school_id, course_id, section_id, term, cluster, course_name, pathway
	text [7]uint32
}

// enrollBuffer holds the enrollment rows of a file until the file is read.
// They are then written sorted by key, so that SQLite appends to its B-trees
// instead of inserting at random places, because hashed student numbers
// arrive in random key order.
type enrollBuffer struct {
	rows []enrollRow
	ids  map[string]uint32
	text []string
}

func newEnrollBuffer() *enrollBuffer {
	return &enrollBuffer{ids: map[string]uint32{}}
}

// reserve makes room for the rows of a file of size bytes, at 64 bytes or
// more a line, so that the buffer is not copied as it grows.
func (b *enrollBuffer) reserve(size int64) {
	n := int(min(size/64, int64(maxBufferedEnrollments)))
	b.rows = slices.Grow(b.rows, n-len(b.rows))
}

// add buffers a row given as checkEnrollment returns it.
func (b *enrollBuffer) add(args []any) {
	r := enrollRow{year: int32(args[2].(int))}
	copy(r.student[:], args[0].([]byte))
	r.text = [7]uint32{
		b.id(args[1].(string)), b.id(args[3].(string)), b.id(args[4].(string)), b.id(args[5].(string)),
		b.id(args[6].(string)), b.id(args[7].(string)), b.id(args[8].(string)),
	}
	b.rows = append(b.rows, r)
}

// id returns the number of s, adding it on first use. s is copied, since a
// field of a CSV record keeps the whole line alive.
func (b *enrollBuffer) id(s string) uint32 {
	if id, ok := b.ids[s]; ok {
		return id
	}
	id := uint32(len(b.text))
	s = strings.Clone(s)
	b.ids[s] = id
	b.text = append(b.text, s)
	return id
}

// compare orders rows as the primary key of cte_enrollments does: student,
// school_id, school_year, course_id, section_id, term.
func (b *enrollBuffer) compare(x, y enrollRow) int {
	if c := bytes.Compare(x.student[:], y.student[:]); c != 0 {
		return c
	}
	if c := strings.Compare(b.text[x.text[0]], b.text[y.text[0]]); c != 0 {
		return c
	}
	if c := cmp.Compare(x.year, y.year); c != 0 {
		return c
	}
	for i := 1; i <= 3; i++ {
		if c := strings.Compare(b.text[x.text[i]], b.text[y.text[i]]); c != 0 {
			return c
		}
	}
	return 0
}

// writeEnrollments writes the buffered rows in key order, replacing stored
// rows of the same key, and empties the buffer. Unless the table was empty
// when the import began, the students are listed for the concentrator
// update.
func (im *importer) writeEnrollments() error {
	b := im.enroll
	if len(b.rows) == 0 {
		return nil
	}
	slices.SortFunc(b.rows, b.compare)
	if err := im.noteEnrollments(); err != nil {
		return err
	}

	// The rows are staged in key order and then copied by one statement,
	// which took about 4 s for 1,000,000 rows. Written straight into the
	// table they took 5.8 s with one row a statement and 7.4 s with 100.
	w := writers[KindCTEEnrollments]
	st, err := im.stager(w)
	if err != nil {
		return err
	}
	for i := range b.rows {
		r := &b.rows[i]
		t := r.text
		err := im.stage(st, r.student[:], b.text[t[0]], int(r.year), b.text[t[1]], b.text[t[2]],
			b.text[t[3]], b.text[t[4]], b.text[t[5]], b.text[t[6]])
		if err != nil {
			return fmt.Errorf("stage cte_enrollments rows: %w", err)
		}
	}
	if err := im.copyStaged(w, false); err != nil {
		return err
	}
	if !im.enrollmentsWereEmpty {
		if err := im.touchStudents(b.rows); err != nil {
			return err
		}
	}
	im.enrollmentRuns++
	im.concentrators = nil // finish reads every run back instead
	if im.enrollmentsWereEmpty && im.enrollmentRuns == 1 {
		im.concentrators = b.concentrators(im.settings.ConcentratorCourses)
	}
	b.rows = b.rows[:0]
	return nil
}

// release hands the memory of the rows back once a file is written.
func (b *enrollBuffer) release() { b.rows = nil }

// concentrators returns the rows of concentrator_since that the buffered
// rows, sorted by student, give on their own. When they are every
// enrollment stored, finish writes these instead of reading the rows back.
func (b *enrollBuffer) concentrators(courses int) []concentration {
	var found []concentration
	var history []courseYear
	for i := 0; i < len(b.rows); {
		student := b.rows[i].student[:]
		history = history[:0]
		for ; i < len(b.rows) && bytes.Equal(b.rows[i].student[:], student); i++ {
			t := b.rows[i].text
			history = append(history, courseYear{cluster: b.text[t[4]], course: b.text[t[1]], year: int(b.rows[i].year)})
		}
		found = appendConcentrations(found, bytes.Clone(student), history, courses)
	}
	return found
}

// noteEnrollments records, before the first enrollment is written, whether
// cte_enrollments was empty. If it was, finish recomputes every student's
// concentrator status in one pass instead of listing the students.
func (im *importer) noteEnrollments() error {
	if im.enrollments {
		return nil
	}
	var stored bool
	err := im.tx.QueryRowContext(im.ctx, "SELECT EXISTS (SELECT 1 FROM main.cte_enrollments)").Scan(&stored)
	if err != nil {
		return fmt.Errorf("read cte_enrollments: %w", err)
	}
	if stored {
		if err := createTouchedStudents(im.ctx, im.tx); err != nil {
			return err
		}
	}
	im.enrollments, im.enrollmentsWereEmpty = true, !stored
	return nil
}

// touchStudents adds the students of rows, which are sorted by student, to
// the students whose concentrator status finish recomputes.
func (im *importer) touchStudents(rows []enrollRow) error {
	list, err := newBulkWriter(im.ctx, im.tx, "INSERT OR IGNORE", "temp.touched_students", "student")
	if err != nil {
		return err
	}
	for i := range rows {
		if i > 0 && rows[i].student == rows[i-1].student {
			continue
		}
		if err := list.Add(rows[i].student[:]); err != nil {
			list.Close()
			return fmt.Errorf("list imported students: %w", err)
		}
	}
	if err := list.Close(); err != nil {
		return fmt.Errorf("list imported students: %w", err)
	}
	return nil
}
