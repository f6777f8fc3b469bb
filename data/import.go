package data

import (
	"context"
	"errors"
)

// ImportFile is one file of an import.
type ImportFile struct {
	Path string
	// Kind is the table the file feeds ("cte_enrollments", ...). Empty means
	// detect it from the header.
	Kind string
}

// ImportOptions tune an import.
type ImportOptions struct {
	// Progress, when set, is called from the importing goroutine now and then
	// with the bytes read so far over all files and the total bytes.
	Progress func(done, total int64)
}

// Problem is one error or warning of an import, located in its file.
type Problem struct {
	File    string // base name of the file
	Sheet   string // sheet name for an .xlsx workbook, else ""
	Line    int    // 1 is the header; 0 when the problem concerns the whole file
	Column  string // column name as written in the file, or ""
	Value   string
	Message string // what is wrong and what is expected
}

// ImportResult tells what an import wrote.
type ImportResult struct {
	Files    []FileResult
	Warnings []Problem
}

// FileResult counts the rows one file brought.
type FileResult struct {
	File string
	Kind string
	Rows int // distinct rows written (identical duplicates count once)
}

// ImportError is returned when an import is rejected. Nothing was written.
type ImportError struct {
	Problems []Problem // the first errors, at most 100 per file
	More     int       // errors beyond those listed
	Warnings []Problem
}

func (e *ImportError) Error() string { return "import rejected" }

// Import validates files and writes them in one transaction: all of them or,
// on any error, nothing. Errors of validation come as *ImportError.
func (db *DB) Import(ctx context.Context, files []ImportFile, opt ImportOptions) (ImportResult, error) {
	return ImportResult{}, errors.New("import is not built yet")
}
