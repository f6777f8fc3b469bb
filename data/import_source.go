package data

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"readiness/data/published"
	"readiness/data/tabular"
)

// source is one table to import: a CSV file or one sheet of a workbook,
// with the kind its header was matched to.
type source struct {
	name   string // base name of the file
	table  tabular.Table
	header headerMap        // for a standard kind
	format published.Format // for a published file; nil otherwise
	names  []string         // header as written, for a published file
	report *fileReport
	size   int64 // bytes of the file, counted once per file
}

// detectPublished finds the published layout of a header; tests replace it.
var detectPublished = published.Detect

// order returns where the source is written: schools, then clusters, then
// published files (which may add schools), then the rest.
func (s *source) order() int {
	switch {
	case s.format != nil:
		return 2
	case s.header.kind.name == KindSchools:
		return 0
	case s.header.kind.name == KindClusters:
		return 1
	}
	return 3
}

// openSources reads the header of every table of every file and matches it
// to a kind. Files that cannot be read or matched are reported in the list
// returned, and the sources that can be imported come back in write order.
func openSources(files []ImportFile) ([]*source, reportList) {
	var sources []*source
	var failed reportList
	for _, f := range files {
		name := filepath.Base(f.Path)
		tables, err := tabular.Tables(f.Path)
		if err != nil {
			failed = append(failed, unreadableFile(f.Path, err))
			continue
		}
		size := fileSize(f.Path)
		for _, t := range tables {
			src, ok := matchSource(f, name, t)
			if !ok {
				if src.report.errorCount() > 0 || len(src.report.warnings) > 0 {
					failed = append(failed, src.report)
				}
				continue
			}
			src.size, size = size, 0
			sources = append(sources, src)
		}
	}
	sort.SliceStable(sources, func(i, j int) bool { return sources[i].order() < sources[j].order() })
	return sources, failed
}

// matchSource reads the header of table t and finds its kind: the -kind
// given, else the kind the file or sheet name is when the header fits it,
// else the kind whose columns the header has, else a published layout. When
// none fits, the kind the name is explains which columns are missing.
func matchSource(f ImportFile, name string, t tabular.Table) (*source, bool) {
	src := &source{name: name, table: t, report: &fileReport{file: name, sheet: t.Sheet}}
	header, line, err := readHeader(t)
	if err != nil {
		src.report.fail(line, "", "", err.Error())
		return src, false
	}
	if header == nil {
		if t.Sheet != "" {
			return src, false // an empty sheet of a workbook
		}
		src.report.fail(0, "", "", "file is empty: expected a header row with the column names")
		return src, false
	}

	if f.Kind != "" {
		k, ok := lookupKind(f.Kind)
		if !ok {
			src.report.fail(0, "", "", fmt.Sprintf("unknown kind %q: expected one of %s", f.Kind, strings.Join(Kinds(), ", ")))
			return src, false
		}
		return src, src.useHeader(mapHeader(k, header))
	}
	// A published layout needs several columns of its own, so it is
	// recognised before the looser match of standard headers: NC's
	// concentrator file would otherwise pass as clusters.csv.
	if format, ok := detectPublished(header); ok {
		src.format = format
		src.names = append([]string(nil), header...)
		return src, true
	}
	hint := name
	if t.Sheet != "" {
		hint = t.Sheet
	}
	named, isNamed := kindFromName(hint)
	if isNamed {
		if m := mapHeader(named, header); len(m.missing) == 0 {
			return src, src.useHeader(m)
		}
	}
	if m, ok := detectKind(header); ok {
		return src, src.useHeader(m)
	}
	if isNamed {
		return src, src.useHeader(mapHeader(named, header))
	}
	if t.Sheet != "" {
		src.report.warn(0, "", "", "sheet ignored: its header fits no import file and its name is not one")
		return src, false
	}
	src.report.fail(1, "", "", "header fits no import file: expected the columns of one of "+expectedColumns()+"; or name the kind with -kind")
	return src, false
}

// useHeader takes m as the source's column map, reporting missing required
// columns as errors and ignored or dropped columns as warnings. It reports
// whether the rows can be read.
func (s *source) useHeader(m headerMap) bool {
	s.header = m
	header := m.names
	for _, col := range m.missing {
		s.report.fail(1, col, "", fmt.Sprintf("missing required column %s: the header of a %s file needs %s", col, m.kind.name, strings.Join(m.kind.required, ", ")))
	}
	for _, i := range m.ignored {
		msg := "column ignored: it is not a column of " + m.kind.name + ", so it is not stored"
		if col, ok := m.repeats[i]; ok {
			msg = fmt.Sprintf("column ignored: it repeats %s, which is read from column %q", col, m.label[col])
		}
		s.report.warn(1, header[i], "", msg)
	}
	for _, i := range m.dropped {
		msg := "personal column dropped: it identifies a person, so it is never stored"
		switch {
		case !isStudentNumberHeader(normalizeHeader(header[i])):
		case m.kind.has("student_id"):
			msg = "second student number dropped: only student_id is kept, as a keyed hash"
		default:
			msg = fmt.Sprintf("column dropped: it is not a column of %s.csv, and it identifies a student, so it is never stored", m.kind.name)
		}
		s.report.warn(1, header[i], "", msg)
	}
	return len(m.missing) == 0
}

// readHeader returns the first record of t, or nil for an empty table.
func readHeader(t tabular.Table) ([]string, int, error) {
	rows, err := t.Open()
	if errors.Is(err, tabular.ErrBinary) {
		return nil, 0, err
	}
	if err != nil {
		return nil, 0, errors.New("cannot read file: " + describeOpenError(err))
	}
	defer rows.Close()
	for rows.Next() {
		record := rows.Record()
		if blankRecord(record) {
			continue
		}
		return append([]string(nil), record...), rows.Line(), nil
	}
	if err := rows.Err(); err != nil {
		return nil, lineOf(err), describeReadError(err)
	}
	return nil, 0, nil
}

// blankRecord reports whether every field is empty or spaces, as in the
// trailing rows spreadsheets write.
func blankRecord(record []string) bool {
	for _, f := range record {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func lineOf(err error) int {
	var pe *tabular.ParseError
	if errors.As(err, &pe) {
		return pe.Line
	}
	return 0
}

// describeReadError turns a reading error into the message of a Problem.
func describeReadError(err error) error {
	var pe *tabular.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, tabular.ErrMixedEncoding) {
			return pe.Err
		}
		return fmt.Errorf("invalid CSV: %v; check the quotes on this line (a quoted field must end with a quote)", pe.Err)
	}
	return fmt.Errorf("cannot read file: %w", err)
}

// unreadableFile reports a file that cannot be opened. It names the path
// as given rather than the base name, since the path is what is wrong.
func unreadableFile(path string, err error) *fileReport {
	var pathErr *fs.PathError
	if !errors.As(err, &pathErr) {
		r := &fileReport{file: filepath.Base(path)}
		r.fail(0, "", "", "cannot read file: "+describeOpenError(err))
		return r
	}
	r := &fileReport{file: path}
	msg := "cannot read file: " + describeOpenError(err)
	switch {
	case errors.Is(err, fs.ErrNotExist) && strings.ContainsAny(filepath.Base(path), "*?["):
		msg = "no file matches this pattern: the shell passes a pattern on unchanged when no file matches it; check the folder and the pattern"
	case errors.Is(err, fs.ErrNotExist):
		msg = "cannot read file: file not found; check the folder and the file name"
	case errors.Is(err, fs.ErrPermission):
		msg = "cannot read file: permission denied; check that your account may read the file"
	}
	r.fail(0, "", "", msg)
	return r
}

func describeOpenError(err error) string {
	if errors.Is(err, os.ErrNotExist) {
		return "file not found"
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "the file is cut short"
	}
	return err.Error()
}

func fileSize(path string) int64 {
	info, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return info.Size()
}
