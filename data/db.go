// Package data is the Readiness store: the SQLite schema and its migrations,
// the import of district exports, and the queries behind every indicator.
// It returns plain structs and errors and never logs.
package data

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver

	"readiness/data/cluster"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// ErrNewerSchema is returned by Open for a database written by a newer
// version of Readiness.
var ErrNewerSchema = errors.New("database was written by a newer version of Readiness")

// DB is an open Readiness database. It is safe for concurrent use.
type DB struct {
	sql      *sql.DB
	path     string
	readOnly bool
}

// Open opens the database at path for reading and writing, creating it when
// it does not exist and migrating an older schema in one transaction.
func Open(ctx context.Context, path string) (*DB, error) {
	return open(ctx, path, false)
}

// OpenReadOnly opens an existing database for viewing. It neither creates
// nor migrates. A database with an older schema is rejected with an error
// that asks the user to open it for writing once.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	return open(ctx, path, true)
}

func open(ctx context.Context, path string, readOnly bool) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database %q: %w", path, err)
	}
	sqldb, err := sql.Open("sqlite3", dsn(abs, readOnly))
	if err != nil {
		return nil, fmt.Errorf("open database %q: %w", path, err)
	}
	db := &DB{sql: sqldb, path: abs, readOnly: readOnly}
	if err := db.prepare(ctx); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("open database %q: %w", path, err)
	}
	return db, nil
}

// dsn builds the connection string. Pragmas that must hold on every pooled
// connection go here rather than in a one-off Exec.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "5000")
	q.Set("_synchronous", "NORMAL")
	if readOnly {
		q.Set("mode", "ro")
	} else {
		q.Set("_journal_mode", "WAL")
		q.Set("_txlock", "immediate")
	}
	u := url.URL{Scheme: "file", Opaque: (&url.URL{Path: filepath.ToSlash(path)}).EscapedPath(), RawQuery: q.Encode()}
	return u.String()
}

func (db *DB) prepare(ctx context.Context) error {
	if err := db.sql.PingContext(ctx); err != nil {
		return err
	}
	version, err := db.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("read schema version (is this a SQLite database?): %w", err)
	}
	latest := latestVersion()
	switch {
	case version > latest:
		return fmt.Errorf("%w: schema version %d, this program knows up to %d; install the newer Readiness to open it", ErrNewerSchema, version, latest)
	case version < latest && db.readOnly:
		return fmt.Errorf("schema version %d is older than %d: open the file once for writing (for example with `readiness check`) to migrate it", version, latest)
	case version < latest:
		return db.migrate(ctx, version)
	}
	return nil
}

// Path returns the absolute path of the database file.
func (db *DB) Path() string { return db.path }

// Close closes the database.
func (db *DB) Close() error { return db.sql.Close() }

// SchemaVersion returns PRAGMA user_version: 0 for a new file.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.sql.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() []migration {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		panic(err) // embedded at build time: cannot fail
	}
	var list []migration
	for _, e := range entries {
		prefix, _, _ := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(prefix)
		if err != nil {
			panic(fmt.Sprintf("migration %s lacks a numeric prefix", e.Name()))
		}
		body, _ := migrationFiles.ReadFile("migrations/" + e.Name())
		list = append(list, migration{v, e.Name(), string(body)})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].version < list[j].version })
	return list
}

func latestVersion() int {
	list := migrations()
	return list[len(list)-1].version
}

// migrate applies every migration above from in one transaction, so a failure
// leaves the file at its old version.
func (db *DB) migrate(ctx context.Context, from int) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin migration: %w", err)
	}
	defer tx.Rollback()

	for _, m := range migrations() {
		if m.version <= from {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("apply migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			return fmt.Errorf("set schema version %d: %w", m.version, err)
		}
	}
	if from == 0 {
		if err := seed(ctx, tx); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// seed writes what a new database starts with: the framework clusters and a
// random key for hashing student numbers.
func seed(ctx context.Context, tx *sql.Tx) error {
	for _, list := range [][]cluster.Cluster{cluster.Clusters2024, cluster.ClustersNational} {
		for _, c := range list {
			if _, err := tx.ExecContext(ctx, "INSERT INTO clusters (name, framework, code) VALUES (?, ?, ?)", c.Name, string(c.Framework), c.Code); err != nil {
				return fmt.Errorf("seed cluster %q: %w", c.Name, err)
			}
		}
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return fmt.Errorf("generate student hashing key: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO meta (key, value) VALUES ('hmac_key', ?)", hex.EncodeToString(key)); err != nil {
		return fmt.Errorf("store student hashing key: %w", err)
	}
	return nil
}
