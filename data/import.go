package data

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
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

// String writes the problem as the command line prints it, for example
//
//	teachers.csv line 4, column "fte", value "1.5": invalid FTE: expected a number above 0 and at most 1, such as 0.5
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Sheet != "" {
		fmt.Fprintf(&b, " [sheet %s]", p.Sheet)
	}
	if p.Line > 0 {
		fmt.Fprintf(&b, " line %d", p.Line)
	}
	if p.Column != "" {
		fmt.Fprintf(&b, ", column %q", p.Column)
	}
	if p.Value != "" || (p.Column != "" && p.Line > 1) {
		fmt.Fprintf(&b, ", value %q", p.Value)
	}
	b.WriteString(": ")
	b.WriteString(p.Message)
	return b.String()
}

// ImportResult is the outcome of an import that was written: the rows per
// file and the warnings.
type ImportResult struct {
	Files    []FileResult
	Warnings []Problem
}

// FileResult counts the rows one file brought to one table. A workbook has
// one FileResult per sheet, and a published file one per table it feeds.
type FileResult struct {
	File   string
	Sheet  string // sheet name for an .xlsx workbook, else ""
	Kind   string
	Format string // name of the published layout, for a file of aggregate data; else ""
	Rows   int    // distinct rows written (identical duplicates count once)
}

// importMemoryLimit is the soft limit of the Go heap during an import.
// SQLite's page cache and sorter come on top of it.
const importMemoryLimit = 128 << 20

// maxErrorsPerFile is how many errors of one file an ImportError lists; the
// rest are only counted.
const maxErrorsPerFile = 100

// ErrImportRejected is wrapped by every *ImportError, for errors.Is.
var ErrImportRejected = errors.New("import rejected: nothing was written")

// ImportError is returned when an import is rejected. Nothing was written.
type ImportError struct {
	Problems []Problem // the first errors, at most 100 per file
	More     int       // errors beyond those listed
	Warnings []Problem
}

// Error lists every problem, one a line, as the command line prints them,
// then the count of errors not listed.
func (e *ImportError) Error() string {
	var b strings.Builder
	for _, p := range e.Problems {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	if e.More > 0 {
		fmt.Fprintf(&b, "... and %d more errors\n", e.More)
	}
	n := len(e.Problems) + e.More
	noun := "errors"
	if n == 1 {
		noun = "error"
	}
	fmt.Fprintf(&b, "%d %s: %v", n, noun, ErrImportRejected)
	return b.String()
}

// Unwrap returns ErrImportRejected.
func (e *ImportError) Unwrap() error { return ErrImportRejected }

// ErrSyntheticDatabase is returned by Import for the generated demo
// district, which takes no imported rows.
var ErrSyntheticDatabase = errors.New("this database holds the synthetic demo district, " +
	"which takes no real data; import into a new database instead (readiness import -db NEW.db, or File > New database… in the app)")

// Import validates files and writes them in one transaction: all of them or,
// on any error, nothing. Errors of validation come as *ImportError; other
// errors (of the database, or a cancelled ctx) are returned as they are.
//
// Schools and clusters files are written before the others whatever their
// order in files, since the other kinds refer to them. Rows replace stored
// rows of the same key, so importing the same files twice changes nothing.
// Student numbers are stored only as a keyed hash. The synthetic demo
// district takes no import (ErrSyntheticDatabase).
//
// The transaction holds the database's write lock from its start, so a second
// Import at the same time waits for the busy timeout (5 seconds) and then
// fails with SQLite's "database is locked".
func (db *DB) Import(ctx context.Context, files []ImportFile, opt ImportOptions) (ImportResult, error) {
	if db.readOnly {
		return ImportResult{}, errors.New("import files: the database is open read-only; open it for writing")
	}
	// Real rows beside the generated district would be shown under its
	// "synthetic" label, and the demo's made-up figures would mix with them.
	synthetic, err := db.IsSynthetic(ctx)
	if err != nil {
		return ImportResult{}, err
	}
	if synthetic {
		return ImportResult{}, ErrSyntheticDatabase
	}
	sources, problems := openSources(files)

	// A large file keeps about 100 MB of rows and keys alive while it is
	// read. Without a limit the garbage collector lets the heap grow to
	// twice that before it runs, which took the import over 200 MB.
	if debug.SetMemoryLimit(-1) > importMemoryLimit {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemoryLimit))
	}

	// One connection for the whole import, so that the cache size set for
	// it can be put back once the transaction ends.
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return ImportResult{}, fmt.Errorf("begin import: %w", err)
	}
	defer conn.Close()
	defer conn.ExecContext(context.Background(), "PRAGMA cache_size = -2000")
	// The importer itself rejects a row whose school or cluster is not
	// stored or imported. So SQLite's own check of those references, which
	// cost about 0.7 s of CPU time for 1,000,000 enrollments, is turned off
	// on this connection while the import runs.
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return ImportResult{}, fmt.Errorf("begin import: %w", err)
	}
	defer conn.ExecContext(context.Background(), "PRAGMA foreign_keys = ON")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return ImportResult{}, fmt.Errorf("begin import: %w", err)
	}
	defer tx.Rollback()

	im, err := newImporter(ctx, tx)
	if err != nil {
		return ImportResult{}, err
	}
	im.progress = newProgress(sources, opt.Progress)
	for _, src := range sources {
		if err := im.importSource(src); err != nil {
			return ImportResult{}, err
		}
	}
	if err := im.checkTeacherFTE(); err != nil {
		return ImportResult{}, err
	}

	problems.merge(im.reports)
	if problems.errorCount() > 0 {
		return ImportResult{}, problems.importError()
	}
	if err := im.finish(); err != nil {
		return ImportResult{}, err
	}
	if err := tx.Commit(); err != nil {
		return ImportResult{}, fmt.Errorf("commit import: %w", err)
	}
	return ImportResult{Files: im.results, Warnings: problems.warnings()}, nil
}
