package data

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// openTestDB opens a new database file in a temporary folder.
func openTestDB(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

func TestOpenCreatesLatestSchema(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()

	v, err := db.SchemaVersion(ctx)
	require.NoError(t, err)
	assert.Equal(t, latestVersion(), v)

	var clusters int
	require.NoError(t, db.sql.QueryRow("SELECT count(*) FROM clusters").Scan(&clusters))
	assert.Equal(t, 30, clusters)

	key, err := db.meta(ctx, "hmac_key")
	require.NoError(t, err)
	assert.Len(t, key, 64)

	s, err := db.Settings(ctx)
	require.NoError(t, err)
	assert.Equal(t, DefaultSettings, s)
}

func TestOpenRejectsNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newer.db")
	raw, err := sql.Open("sqlite3", path)
	require.NoError(t, err)
	_, err = raw.Exec("PRAGMA user_version = 999")
	require.NoError(t, err)
	require.NoError(t, raw.Close())

	_, err = Open(context.Background(), path)
	require.ErrorIs(t, err, ErrNewerSchema)
	assert.Contains(t, err.Error(), "schema version 999")
}

func TestOpenReadOnlyRejectsWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ro.db")
	db, err := Open(context.Background(), path)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	ro, err := OpenReadOnly(context.Background(), path)
	require.NoError(t, err)
	defer ro.Close()
	_, err = ro.sql.Exec("INSERT INTO meta (key, value) VALUES ('x', 'y')")
	assert.Error(t, err)
}

func TestOpenPathWithSpacesAndAccents(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "José", "Mis documentos")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	db, err := Open(context.Background(), filepath.Join(dir, "district #1.db"))
	require.NoError(t, err)
	defer db.Close()
	assert.FileExists(t, filepath.Join(dir, "district #1.db"))
}
