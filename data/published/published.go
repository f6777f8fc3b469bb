// Package published translates files that publishers release already
// aggregated per school, such as state report cards, into the standard
// import rows of schools and reported_indicators. Each known file layout is
// a Format, recognised by its header, so the files import exactly as
// published: no renamed columns, no edited cells.
//
// The package reads records and returns rows. It has no SQL.
package published

import (
	"errors"
	"fmt"
	"strings"
)

// Row is one standard import row translated from a published file.
type Row struct {
	Kind      string            // a standard kind: "schools" or "reported_indicators"
	Fields    map[string]string // standard column name -> value (reported_indicators may carry "display", the publisher's mask text such as "<10" or ">95%")
	Column    string            // the original column the value came from, for error messages
	IfMissing bool              // for "schools": insert only when the school_id is not stored yet (never overwrite a directory row)
}

// Format translates the records of one published file layout.
type Format interface {
	Name() string // such as "NC DPI CTE concentrators by school and cluster"
	// Translate turns one record, keyed by the file's own header names, into zero or more rows.
	Translate(record map[string]string) ([]Row, error)
}

// Kinds of the rows a Format returns.
const (
	KindSchools            = "schools"
	KindReportedIndicators = "reported_indicators"
)

// ErrNotPerSchool is wrapped by the error that Translate returns for a file
// that holds only state or national totals, which no school or district of
// the database can take. Every record of such a file gets the same error, so
// an importer may stop at the first one.
var ErrNotPerSchool = errors.New("file contains state totals, not school values")

// FieldError is the error Translate returns when one cell of a record is
// missing or invalid.
type FieldError struct {
	Column   string // the header name as written in the file
	Value    string
	Expected string // description of a valid cell, such as "a whole number of students, 0 or more"
}

func (e *FieldError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("missing %s: expected %s", e.Column, e.Expected)
	}
	return fmt.Sprintf("invalid %s %q: expected %s", e.Column, e.Value, e.Expected)
}

// layout is one known file layout: the columns that identify it and a
// constructor for its Format.
type layout struct {
	columns []string // lower case, as the publisher names them
	build   func(h header) Format
}

// layouts are checked in order. No two share their identifying columns.
var layouts = []layout{
	{ncConcentratorColumns, newNCConcentrators},
	{ncCredentialColumns, newNCCredentials},
	{ncEnrollmentColumns, newNCEnrollment},
	{ncCollegeColumns, newNCCollege},
	{ncDirectoryColumns, newNCDirectory},
	{waDirectoryColumns, newWADirectory},
	{pcrnColumns, newPCRNConcentrators},
}

// Detect returns the Format whose header this is. Header names match case
// insensitively, with spaces around them and a UTF-8 byte-order mark ignored;
// columns beyond the layout's own are allowed. Each call returns a new
// Format: use one per file. A Format is not safe for concurrent use, because
// it remembers which schools it has already returned.
func Detect(header []string) (Format, bool) {
	h := newHeader(header)
	for _, l := range layouts {
		if h.hasAll(l.columns) {
			return l.build(h), true
		}
	}
	return nil, false
}

// header maps a column's folded name to its name as written in the file, so
// that a Format reads records keyed by the file's own header names.
type header map[string]string

func newHeader(names []string) header {
	h := header{}
	for _, n := range names {
		key := foldColumn(n)
		if _, dup := h[key]; !dup {
			h[key] = n
		}
	}
	return h
}

func foldColumn(name string) string {
	return strings.ToLower(strings.TrimSpace(strings.TrimPrefix(name, "\ufeff")))
}

func (h header) hasAll(columns []string) bool {
	for _, c := range columns {
		if _, ok := h[c]; !ok {
			return false
		}
	}
	return true
}

// cell returns the trimmed value of a column of record and the column's
// name as written in the file.
func (h header) cell(record map[string]string, column string) (value, written string) {
	written = h[column]
	return strings.TrimSpace(record[written]), written
}
