package data

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
)

// addResults notes the rows each table received from a source, for the
// ImportResult and the imports table.
func (im *importer) addResults(state *fileState) {
	src := state.src
	format := ""
	if src.format != nil {
		format = src.format.Name()
	}
	for _, k := range fileKinds {
		n, ok := state.rows[k.name]
		if !ok && (src.format != nil || src.header.kind.name != k.name) {
			continue
		}
		im.results = append(im.results, FileResult{File: src.name, Sheet: src.table.Sheet, Kind: k.name, Format: format, Rows: n})
		im.recordFile(src, k.name, n)
	}
}

// recordFile queues a row of the imports table. finish writes it once every
// file is known to be valid.
func (im *importer) recordFile(src *source, kind string, rows int) {
	name := src.name
	if src.table.Sheet != "" {
		name += " [sheet " + src.table.Sheet + "]"
	}
	im.pending = append(im.pending, importLog{name: name, path: src.table.Path, kind: kind, rows: rows})
}

// checkTeacherFTE reports every teacher whose FTE in one school year sums
// over 1.0, counting the rows of this import and the stored rows it did not
// replace.
func (im *importer) checkTeacherFTE() error {
	if len(im.fte) == 0 {
		return nil
	}
	rows, err := im.tx.QueryContext(im.ctx, `
		SELECT teacher_id, school_year, sum(fte) FROM teachers
		GROUP BY teacher_id, school_year HAVING sum(fte) > 1.0 + 1e-9
		ORDER BY teacher_id, school_year`)
	if err != nil {
		return fmt.Errorf("sum teacher FTE: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ty teacherYear
		var sum float64
		if err := rows.Scan(&ty.teacher, &ty.year, &sum); err != nil {
			return fmt.Errorf("sum teacher FTE: %w", err)
		}
		places, ok := im.fte[ty]
		if !ok {
			continue
		}
		last := places[len(places)-1]
		last.report.fail(last.line, last.column, last.value, fmt.Sprintf(
			"teacher FTE over 1.0: teacher %s in %s sums to %s FTE with %s; a teacher's FTE in one year is at most 1.0",
			ty.teacher, formatYear(ty.year), formatNumber(sum), fteSources(places, sum)))
	}
	return rows.Err()
}

// fteSources names what adds to the last of places in a sum of FTE: the
// other rows of this import (by line, and by file when it is another one)
// and the FTE of stored rows.
func fteSources(places []ftePlace, sum float64) string {
	last := places[len(places)-1]
	var parts []string
	stored := sum
	for _, p := range places {
		stored -= p.fte
	}
	others := places[:len(places)-1]
	const listed = 5
	for i, p := range others {
		if i == listed {
			parts = append(parts, fmt.Sprintf("%d more rows", len(others)-listed))
			break
		}
		where := fmt.Sprintf("line %d", p.line)
		if p.report != last.report {
			where = p.report.file + " " + where
		}
		parts = append(parts, where)
	}
	if stored > 1e-9 {
		parts = append(parts, formatNumber(stored)+" FTE already stored")
	}
	return joinAnd(parts)
}

// finish brings derived tables up to date and records the files, once every
// row is valid.
func (im *importer) finish() error {
	switch {
	case im.enrollmentsWereEmpty && im.enrollmentRuns == 1:
		// Every stored enrollment came in one run, whose concentrators are
		// known already.
		if _, err := im.tx.ExecContext(im.ctx, "DELETE FROM concentrator_since"); err != nil {
			return fmt.Errorf("clear concentrator status: %w", err)
		}
		if err := storeConcentrators(im.ctx, im.tx, im.concentrators); err != nil {
			return err
		}
	case im.enrollments:
		if err := rebuildConcentrators(im.ctx, im.tx, im.settings.ConcentratorCourses, !im.enrollmentsWereEmpty); err != nil {
			return err
		}
	}
	for _, p := range im.pending {
		sum, err := im.fileHash(p.path)
		if err != nil {
			return err
		}
		_, err = im.tx.ExecContext(im.ctx, "INSERT INTO imports (at, file, kind, rows, sha256) VALUES (?, ?, ?, ?, ?)", im.when, p.name, p.kind, p.rows, sum)
		if err != nil {
			return fmt.Errorf("record import of %s: %w", p.name, err)
		}
	}
	return nil
}

// importLog is one row of the imports table, written at the end.
type importLog struct {
	name, path, kind string
	rows             int
}

func (im *importer) fileHash(path string) (string, error) {
	if sum, ok := im.hashes[path]; ok {
		return sum, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("hash %s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("hash %s: %w", path, err)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	im.hashes[path] = sum
	return sum, nil
}

// progress reports bytes read over all files to an ImportOptions.Progress.
type progress struct {
	fn    func(done, total int64)
	done  int64 // bytes of the files finished
	total int64
}

func newProgress(sources []*source, fn func(done, total int64)) *progress {
	p := &progress{fn: fn}
	for _, s := range sources {
		p.total += s.size
	}
	return p
}

func (p *progress) report(offset int64) {
	if p.fn != nil {
		p.fn(min(p.done+offset, p.total), p.total)
	}
}

func (p *progress) finish(size int64) {
	p.done += size
	p.report(0)
}
