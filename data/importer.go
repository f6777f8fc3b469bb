package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/maphash"
	"strconv"
	"time"

	"readiness/data/cluster"
)

// importer holds the state of one import inside its transaction.
type importer struct {
	ctx      context.Context
	tx       *sql.Tx
	settings Settings
	student  *studentHasher
	schools  map[string]bool
	clusters *cluster.Set
	// matched caches clusters.Match by the value as written, since a
	// large file repeats a few names a million times.
	matched map[string]string
	stmts   map[string]*sql.Stmt
	seed    maphash.Seed

	fte    map[teacherYear][]ftePlace
	staged map[string]*stager // table -> its staged rows
	enroll *enrollBuffer      // cte_enrollments rows not written yet
	// enrollments records whether any cte_enrollments row was written, and
	// enrollmentsWereEmpty whether the table had no rows before.
	enrollments, enrollmentsWereEmpty bool
	enrollmentRuns                    int // sorted runs of enrollments written
	// concentrators holds concentrator_since as the first run of
	// enrollments gives it, when the table was empty before.
	concentrators []concentration

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

// ftePlace is a row of this import that gave a teacher FTE in a year. A sum
// over 1.0 is reported on the last such row, naming the others.
type ftePlace struct {
	report *fileReport
	line   int
	column string
	value  string  // the cell as written
	fte    float64 // the value read
	slot   string  // school_id and Career Cluster: the rest of the row's key
}

// addFTE notes a row that gave a teacher FTE. A later row with the same
// key replaces the earlier one, as it does in the table.
func (im *importer) addFTE(ty teacherYear, p ftePlace) {
	places := im.fte[ty]
	for i, q := range places {
		if q.slot == p.slot {
			places = append(places[:i], places[i+1:]...)
			break
		}
	}
	im.fte[ty] = append(places, p)
}

func newImporter(ctx context.Context, tx *sql.Tx) (*importer, error) {
	im := &importer{
		ctx: ctx, tx: tx,
		schools: map[string]bool{}, staged: map[string]*stager{}, stmts: map[string]*sql.Stmt{},
		enroll: newEnrollBuffer(), matched: map[string]string{},
		seed: maphash.MakeSeed(),
		fte:  map[teacherYear][]ftePlace{}, hashes: map[string]string{},
		when: time.Now().UTC().Format(time.RFC3339),
	}
	// A cache of 24 MiB (the default is 2 MiB) keeps the hot index pages of a
	// large import in memory instead of spilling them to the WAL and reading
	// them back. SQLite's sorter takes as much again. For 1,000,000
	// enrollments, 48 MiB was no faster.
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
	im.student, err = newStudentHasher(keyHex)
	return err
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
