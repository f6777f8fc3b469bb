package data

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"hash/maphash"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"readiness/data/cluster"
)

// importer holds the state of one import inside its transaction.
type importer struct {
	ctx      context.Context
	tx       *sql.Tx
	settings Settings
	student  hash.Hash // HMAC-SHA-256 with the database's key
	schools  map[string]bool
	clusters *cluster.Set
	stmts    map[string]*sql.Stmt
	seed     maphash.Seed

	fte         map[teacherYear]ftePlace
	staged      map[string]*stager // table -> its staged rows
	enrollments bool               // whether any cte_enrollments row was written

	progress *progress
	reports  reportList
	results  []FileResult
	pending  []importLog
	hashes   map[string]string // path -> hex SHA-256 of the file
	when     string
}

// teacherYear is one teacher in one school year, the scope of the FTE limit.
type teacherYear struct {
	teacher string
	year    int
}

// ftePlace is the last row that gave a teacher FTE in a year, where a sum
// over 1.0 is reported.
type ftePlace struct {
	report *fileReport
	line   int
	column string
}

func newImporter(ctx context.Context, tx *sql.Tx) (*importer, error) {
	im := &importer{
		ctx: ctx, tx: tx,
		schools: map[string]bool{}, staged: map[string]*stager{}, stmts: map[string]*sql.Stmt{},
		seed: maphash.MakeSeed(),
		fte:  map[teacherYear]ftePlace{}, hashes: map[string]string{},
		when: time.Now().UTC().Format(time.RFC3339),
	}
	// A cache of 24 MiB (the default is 2 MiB) keeps most pages of a large
	// import in memory instead of spilling them to the WAL and reading them
	// back; SQLite's sorter takes as much again. Measured on 1,000,000
	// enrollments, it keeps the import's peak memory under 200 MB.
	if _, err := tx.ExecContext(ctx, "PRAGMA cache_size = -24576"); err != nil {
		return nil, fmt.Errorf("set import cache size: %w", err)
	}
	steps := []func() error{im.loadKey, im.loadSettings, im.loadSchools, im.loadClusters}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return im, nil
}

func (im *importer) loadKey() error {
	var keyHex string
	err := im.tx.QueryRowContext(im.ctx, "SELECT value FROM meta WHERE key = 'hmac_key'").Scan(&keyHex)
	if err != nil {
		return fmt.Errorf("read student hashing key: %w", err)
	}
	key, err := hex.DecodeString(keyHex)
	if err != nil || len(key) == 0 {
		return fmt.Errorf("read student hashing key: invalid value in meta.hmac_key; the database is damaged")
	}
	im.student = hmac.New(sha256.New, key)
	return nil
}

func (im *importer) loadSettings() error {
	im.settings = DefaultSettings
	var v string
	err := im.tx.QueryRowContext(im.ctx, "SELECT value FROM settings WHERE key = 'concentrator_courses'").Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read concentrator course count: %w", err)
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return fmt.Errorf("read concentrator course count: invalid stored value %q; set it again in the settings", v)
	}
	im.settings.ConcentratorCourses = n
	return nil
}

func (im *importer) loadSchools() error {
	rows, err := im.tx.QueryContext(im.ctx, "SELECT school_id FROM schools")
	if err != nil {
		return fmt.Errorf("read schools: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("read schools: %w", err)
		}
		im.schools[id] = true
	}
	return rows.Err()
}

func (im *importer) loadClusters() error {
	rows, err := im.tx.QueryContext(im.ctx, "SELECT name FROM clusters WHERE framework = 'local' ORDER BY name")
	if err != nil {
		return fmt.Errorf("read local clusters: %w", err)
	}
	defer rows.Close()
	var local []cluster.Cluster
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return fmt.Errorf("read local clusters: %w", err)
		}
		local = append(local, cluster.Cluster{Name: name, Framework: cluster.FrameworkLocal})
	}
	im.clusters = cluster.NewSet(local...)
	return rows.Err()
}

// stmt returns the prepared statement for query, preparing it once.
func (im *importer) stmt(query string) (*sql.Stmt, error) {
	if s, ok := im.stmts[query]; ok {
		return s, nil
	}
	s, err := im.tx.PrepareContext(im.ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare import statement: %w", err)
	}
	im.stmts[query] = s
	return s, nil
}

// fileState is the state of one source while it is read: the keys seen so
// far, to find duplicates and conflicts within the file.
type fileState struct {
	src        *source
	seen       map[uint64]seenRow
	duplicates int
	firstDup   int
	rows       map[string]int // kind -> distinct rows written
}

// seenRow is a key seen in a file: a hash of the row's values and its line.
// NOTE: keys and values are compared by 64- and 32-bit hashes, to keep a
// file of a million rows within a few tens of megabytes. Two different keys
// of one file are taken for the same with a chance of about n*n/2^65.
type seenRow struct {
	values uint32
	line   uint32
}

// importSource validates and writes every row of src.
func (im *importer) importSource(src *source) error {
	im.reports = append(im.reports, src.report)
	state := &fileState{src: src, seen: map[uint64]seenRow{}, rows: map[string]int{}}
	rows, err := src.table.Open()
	if err != nil {
		src.report.fail(0, "", "", "cannot read file: "+describeOpenError(err))
		return nil
	}
	defer rows.Close()

	header := true
	count := 0
	for rows.Next() {
		record := rows.Record()
		if blankRecord(record) {
			continue
		}
		if header {
			header = false
			continue
		}
		if count++; count%4096 == 0 {
			if err := im.ctx.Err(); err != nil {
				return err
			}
			im.progress.report(rows.Offset())
		}
		if err := im.importRecord(state, record, rows.Line()); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		src.report.fail(lineOf(err), "", "", describeReadError(err).Error())
	}
	if err := im.flush(); err != nil {
		return err
	}
	im.progress.finish(src.size)

	if state.duplicates > 0 {
		src.report.warn(state.firstDup, "", "", fmt.Sprintf("%d identical duplicate rows counted once (the first is on this line)", state.duplicates))
	}
	im.addResults(state)
	return nil
}

// importRecord validates one record of a source and writes the rows it
// gives. Only database failures are returned; invalid rows are reported.
func (im *importer) importRecord(state *fileState, record []string, line int) error {
	src := state.src
	if src.format == nil {
		if extra := extraFields(record, len(src.header.names)); extra > 0 {
			src.report.fail(line, "", "", fmt.Sprintf("row has %d fields but the header has %d: quote fields that contain the separator", len(record), len(src.header.names)))
			return nil
		}
		return im.importRow(state, src.header.kind.name, recordInput{m: &src.header, record: record}, line, false)
	}

	fields := make(map[string]string, len(src.names))
	for i, name := range src.names {
		if i < len(record) {
			fields[name] = record[i]
		}
	}
	translated, err := src.format.Translate(fields)
	if err != nil {
		src.report.fail(line, "", "", err.Error())
		return nil
	}
	for _, row := range translated {
		if _, ok := lookupKind(row.Kind); !ok || (row.Kind != KindSchools && row.Kind != KindReportedIndicators) {
			return fmt.Errorf("translate %s: published layout %q gave rows of kind %q", src.name, src.format.Name(), row.Kind)
		}
		if err := im.importRow(state, row.Kind, publishedInput{row}, line, row.IfMissing); err != nil {
			return err
		}
	}
	return nil
}

// extraFields counts the fields past the header's width that hold text.
func extraFields(record []string, width int) int {
	n := 0
	for i := width; i < len(record); i++ {
		if record[i] != "" {
			n++
		}
	}
	return n
}

// importRow validates one row of kind and writes or stages it unless the
// file already gave an identical row. ifMissing writes a schools row only
// when the school_id is not stored yet.
func (im *importer) importRow(state *fileState, kind string, in rowInput, line int, ifMissing bool) error {
	w := writers[kind]
	c := &rowCheck{im: im, in: in, line: line, report: state.src.report}
	args := w.check(c)
	if c.failed {
		return nil
	}

	if !ifMissing {
		key, values := im.rowHashes(kind, args, w.key)
		if prev, ok := state.seen[key]; ok {
			if prev.values == values {
				if state.duplicates == 0 {
					state.firstDup = line
				}
				state.duplicates++
				return nil
			}
			state.src.report.fail(line, "", "", fmt.Sprintf("same key as line %d (%s) but different values: keep one of the two rows", prev.line, w.keyNames))
			return nil
		}
		state.seen[key] = seenRow{values: values, line: uint32(line)}
	}

	written, err := im.write(w, args, ifMissing)
	if err != nil {
		return fmt.Errorf("write %s row of %s line %d: %w", kind, state.src.name, line, err)
	}
	if !written {
		return nil
	}
	state.rows[kind]++
	if w.after != nil {
		w.after(im, args)
	}
	return nil
}

// stageBatch is how many rows one INSERT into a staging table carries: one
// call into SQLite per batch instead of per row.
const stageBatch = 64

// stager buffers the rows of one kind for its staging table.
type stager struct {
	args       []any
	rows       int
	one, batch *sql.Stmt
}

// write writes a row of w at once for a direct kind, else adds it to the
// kind's staging table, created on first use. It reports false for a row
// that ifMissing kept out because its school is stored already.
func (im *importer) write(w kindWriter, args []any, ifMissing bool) (bool, error) {
	if ifMissing || w.direct != "" {
		query := w.direct
		if ifMissing {
			query = insertSchoolIfMissing
		}
		s, err := im.stmt(query)
		if err != nil {
			return false, err
		}
		result, err := s.ExecContext(im.ctx, args...)
		if err != nil {
			return false, err
		}
		n, err := result.RowsAffected()
		return n > 0 || !ifMissing, err
	}

	st, err := im.stager(w)
	if err != nil {
		return false, err
	}
	st.args = append(st.args, args...)
	st.rows++
	if st.rows < stageBatch {
		return true, nil
	}
	_, err = st.batch.ExecContext(im.ctx, st.args...)
	st.args, st.rows = st.args[:0], 0
	return true, err
}

func (im *importer) stager(w kindWriter) (*stager, error) {
	if st, ok := im.staged[w.table]; ok {
		return st, nil
	}
	create, insert, _ := w.stageSQL()
	if _, err := im.tx.ExecContext(im.ctx, create); err != nil {
		return nil, fmt.Errorf("stage %s rows: %w", w.table, err)
	}
	row := ", (?" + strings.Repeat(", ?", len(w.columns)-1) + ")"
	st := &stager{}
	var err error
	if st.one, err = im.stmt(insert); err != nil {
		return nil, err
	}
	if st.batch, err = im.stmt(insert + strings.Repeat(row, stageBatch-1)); err != nil {
		return nil, err
	}
	im.staged[w.table] = st
	return st, nil
}

// drain writes the rows st still buffers, one at a time.
func (im *importer) drain(st *stager) error {
	width := len(st.args) / max(st.rows, 1)
	for i := 0; i < st.rows; i++ {
		if _, err := st.one.ExecContext(im.ctx, st.args[i*width:(i+1)*width]...); err != nil {
			return err
		}
	}
	st.args, st.rows = st.args[:0], 0
	return nil
}

// flush writes the staged rows of every kind into the stored tables in key
// order and empties the staging tables. Enrollments also list their
// students for the concentrator update.
func (im *importer) flush() error {
	for _, k := range fileKinds {
		w := writers[k.name]
		st, ok := im.staged[w.table]
		if !ok {
			continue
		}
		if err := im.drain(st); err != nil {
			return fmt.Errorf("stage %s rows: %w", w.table, err)
		}
		_, _, flush := w.stageSQL()
		if _, err := im.tx.ExecContext(im.ctx, flush); err != nil {
			return fmt.Errorf("write %s rows: %w", w.table, err)
		}
		if k.name == KindCTEEnrollments {
			if err := im.touchStudents(w.stageTable()); err != nil {
				return err
			}
		}
		if _, err := im.tx.ExecContext(im.ctx, "DELETE FROM "+w.stageTable()); err != nil {
			return fmt.Errorf("clear staged %s rows: %w", w.table, err)
		}
	}
	return nil
}

// touchStudents adds the students of the staged enrollments to the students
// whose concentrator status finish recomputes.
func (im *importer) touchStudents(stage string) error {
	if !im.enrollments {
		if err := createTouchedStudents(im.ctx, im.tx); err != nil {
			return err
		}
		im.enrollments = true
	}
	if _, err := im.tx.ExecContext(im.ctx, "INSERT OR IGNORE INTO temp.touched_students SELECT DISTINCT student FROM "+stage); err != nil {
		return fmt.Errorf("list imported students: %w", err)
	}
	return nil
}

// rowHashes returns a 64-bit hash of the key columns of a row and a 32-bit
// hash of all its values.
func (im *importer) rowHashes(kind string, args []any, key []int) (uint64, uint32) {
	var h maphash.Hash
	h.SetSeed(im.seed)
	h.WriteString(kind)
	for _, j := range key {
		writeValue(&h, args[j])
	}
	keyHash := h.Sum64()
	h.Reset()
	for _, v := range args {
		writeValue(&h, v)
	}
	return keyHash, uint32(h.Sum64())
}

func writeValue(h *maphash.Hash, v any) {
	var buf [8]byte
	switch v := v.(type) {
	case string:
		h.WriteString(v)
	case []byte:
		h.Write(v)
	case int:
		binary.LittleEndian.PutUint64(buf[:], uint64(v))
		h.Write(buf[:])
	case float64:
		binary.LittleEndian.PutUint64(buf[:], math.Float64bits(v))
		h.Write(buf[:])
	case nil:
		h.WriteByte(1)
	}
	h.WriteByte(0)
}

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

// recordFile notes a file in the imports table. Errors are kept for finish,
// since the import may still be rejected.
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
		place, ok := im.fte[ty]
		if !ok {
			continue
		}
		place.report.fail(place.line, place.column, formatNumber(sum), fmt.Sprintf(
			"teacher FTE over 1.0: teacher %s has FTE %s in total in %s over this import and the rows already stored; expected at most 1.0",
			ty.teacher, formatNumber(sum), formatYear(ty.year)))
	}
	return rows.Err()
}

// finish brings derived tables up to date and records the files, once every
// row is valid.
func (im *importer) finish() error {
	if im.enrollments {
		if err := rebuildConcentrators(im.ctx, im.tx, im.settings.ConcentratorCourses, true); err != nil {
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
