// Package tabular reads the tables of district exports one record at a time,
// so a file is never held in memory whole. It reads CSV files and the sheets
// of .xlsx workbooks. CSV files may be UTF-8 (with or without a byte-order
// mark), UTF-16 with a byte-order mark, or Windows-1252, and separated by
// commas, semicolons or tabs.
package tabular

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
)

// ErrUnsupportedFormat is returned by Tables for a spreadsheet format other
// than .xlsx.
var ErrUnsupportedFormat = errors.New("unsupported file format")

// Table is one table of a file: a CSV file, or one sheet of a workbook.
type Table struct {
	Path  string
	Sheet string // sheet name of a workbook, "" for a CSV file
	open  func() (Rows, error)
}

// Open starts reading the table. The caller must close the Rows.
func (t Table) Open() (Rows, error) { return t.open() }

// Rows iterates over the records of a table. The first record is the header.
type Rows interface {
	// Next advances to the next record and reports whether there is one.
	// After false, Err returns nil at the end of the table, else the failure.
	Next() bool
	// Record returns the fields of the current record. The slice is reused
	// by the next call to Next.
	Record() []string
	// Line returns the line (CSV) or row number (workbook) where the current
	// record starts: 1 for the first line of the file.
	Line() int
	// Offset returns the bytes of the file read so far, for progress.
	Offset() int64
	Err() error
	Close() error
}

// Tables lists the tables of the file at path: one for a CSV file, one per
// sheet for an .xlsx workbook. The file is read lazily by Table.Open.
func Tables(path string) ([]Table, error) {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".xlsx":
		return workbookTables(path)
	case ".xls", ".xlsb", ".ods", ".numbers":
		return nil, fmt.Errorf("%w %s: save the workbook as .xlsx or CSV", ErrUnsupportedFormat, ext)
	}
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	return []Table{{Path: path, open: func() (Rows, error) { return openCSV(path) }}}, nil
}

// workbookTables lists the sheets of a workbook. Each Table opens the
// workbook again, so at most one sheet is being read at a time.
func workbookTables(path string) ([]Table, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, fmt.Errorf("open workbook: %w", err)
	}
	names := f.GetSheetList()
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("close workbook: %w", err)
	}
	var tables []Table
	for _, name := range names {
		sheet := name
		tables = append(tables, Table{Path: path, Sheet: sheet, open: func() (Rows, error) { return openSheet(path, sheet) }})
	}
	return tables, nil
}

// sheetRows reads one sheet of a workbook as a stream: excelize spills
// worksheets larger than its chunk size to a temporary file.
// NOTE: excelize keeps the workbook's shared strings table in memory, so a
// sheet of a million distinct text cells costs memory in proportion.
type sheetRows struct {
	file   *excelize.File
	rows   *excelize.Rows
	record []string
	line   int
	size   int64
	err    error
}

func openSheet(path, sheet string) (Rows, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, fmt.Errorf("open workbook: %w", err)
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("read sheet %q: %w", sheet, err)
	}
	return &sheetRows{file: f, rows: rows, size: info.Size()}, nil
}

func (s *sheetRows) Next() bool {
	if s.err != nil || !s.rows.Next() {
		return false
	}
	s.line++
	s.record, s.err = s.rows.Columns()
	if s.err != nil {
		s.err = fmt.Errorf("read row %d: %w", s.line, s.err)
		return false
	}
	return true
}

func (s *sheetRows) Record() []string { return s.record }
func (s *sheetRows) Line() int        { return s.line }

// Offset returns 0 until the sheet is read, then the workbook's size: the
// compressed XML gives no finer measure.
func (s *sheetRows) Offset() int64 { return 0 }

func (s *sheetRows) Err() error {
	if s.err != nil {
		return s.err
	}
	return s.rows.Error()
}

func (s *sheetRows) Close() error {
	err := s.rows.Close()
	if cerr := s.file.Close(); err == nil {
		err = cerr
	}
	return err
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
