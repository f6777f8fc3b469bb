package data

import (
	"runtime/debug"

	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math"
)

// fileState is the state of one source while it is read: the keys seen so
// far, to find duplicates and conflicts within the file.
type fileState struct {
	src        *source
	seen       map[uint64]seenRow
	duplicates int
	firstDup   int            // line of the first row that repeats an earlier one
	firstOf    int            // line of the row it repeats
	oneOrigin  bool           // whether every repeat is of the row on line firstOf
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

	if src.format == nil && src.header.kind.name == KindCTEEnrollments {
		im.enroll.reserve(src.size)
	}
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
	im.releaseSeen(state)
	if err := im.flush(); err != nil {
		return err
	}
	im.progress.finish(src.size)

	if state.duplicates > 0 {
		src.report.warn(state.firstDup, "", "", state.duplicateMessage())
	}
	im.addResults(state)
	return nil
}

// duplicateMessage describes the rows of the file that repeat earlier rows
// exactly, starting from the first repeat.
func (state *fileState) duplicateMessage() string {
	switch more := state.duplicates - 1; {
	case more == 0:
		return fmt.Sprintf("repeats line %d exactly; the row is counted once", state.firstOf)
	case state.oneOrigin:
		return fmt.Sprintf("repeats line %d exactly, as %s; the row is counted once", state.firstOf, moreLines(more, "does", "do"))
	default:
		return fmt.Sprintf("repeats line %d exactly, and %s earlier lines; each row is counted once", state.firstOf, moreLines(more, "repeats", "repeat"))
	}
}

// moreLines writes "1 more line" or "n more lines" with the verb that
// agrees.
func moreLines(n int, one, many string) string {
	if n == 1 {
		return "1 more line " + one
	}
	return fmt.Sprintf("%d more lines %s", n, many)
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
		if row.Kind != KindSchools && row.Kind != KindReportedIndicators {
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
					state.firstDup, state.firstOf, state.oneOrigin = line, int(prev.line), true
				}
				state.oneOrigin = state.oneOrigin && int(prev.line) == state.firstOf
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

// bigFile is the number of distinct keys from which a file's key map is
// handed back to the operating system before its rows are sorted.
const bigFile = 100_000

// releaseSeen drops the keys of a file once it is read. For a big file it
// also returns the memory to the operating system, because SQLite's sort of
// the staged rows comes next: with 1,000,000 enrollments this lowered the
// peak resident memory from about 170 MB to about 100 MB.
func (im *importer) releaseSeen(state *fileState) {
	big := len(state.seen) >= bigFile
	state.seen = nil
	if big {
		debug.FreeOSMemory()
	}
}
