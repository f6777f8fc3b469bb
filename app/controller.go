package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"

	"readiness/data"
	"readiness/data/indicator"
)

// Info describes the open database: what the pickers offer.
type Info struct {
	Path      string
	Synthetic bool
	Districts []data.District
	Schools   []data.School // every school, by name
	Years     []int         // newest first
	// DefaultYear is the school year shown first: the latest with CTE
	// enrollments, or with any data; 0 for an empty database.
	DefaultYear int
	Settings    data.Settings
}

// SchoolsOf returns the schools of one district, or every school for "".
func (in Info) SchoolsOf(districtID string) []data.School {
	if districtID == "" {
		return in.Schools
	}
	var list []data.School
	for _, s := range in.Schools {
		if s.DistrictID == districtID {
			list = append(list, s)
		}
	}
	return list
}

// SchoolName returns the name of a school, or of the district for
// indicator.AllSchools.
func (in Info) SchoolName(districtID, schoolID string) string {
	if schoolID == indicator.AllSchools {
		return in.DistrictName(districtID)
	}
	for _, s := range in.Schools {
		if s.ID == schoolID {
			return s.Name
		}
	}
	return schoolID
}

// DistrictName returns a district's name, falling back to its ID, or "All
// schools" when the database holds no district names.
func (in Info) DistrictName(districtID string) string {
	for _, d := range in.Districts {
		if d.ID == districtID && d.Name != "" {
			return d.Name
		}
	}
	if districtID != "" {
		return districtID
	}
	if len(in.Districts) == 1 && in.Districts[0].Name != "" {
		return in.Districts[0].Name
	}
	return "All schools"
}

// Selection is the school dashboard's choice of one school (or the district,
// with indicator.AllSchools) and one school year.
type Selection struct {
	DistrictID string
	SchoolID   string
	Year       int
}

// Controller holds the open database and runs the queries behind the
// screens. It does not import Fyne, so every method can be tested and
// benchmarked directly. It is safe for concurrent use: loads hold a read lock,
// and opening or closing a database waits for them.
type Controller struct {
	mu   sync.RWMutex
	db   *data.DB
	info Info

	cacheMu sync.Mutex
	// districtRows caches the district-wide rows by filter, since switching
	// school keeps the district and year.
	districtRows map[data.Filter][]indicator.Row
}

// NewController returns a controller with no database open.
func NewController() *Controller {
	return &Controller{districtRows: map[data.Filter][]indicator.Row{}}
}

// ErrNoDatabase is returned by loads when no database is open.
var ErrNoDatabase = errors.New("no database is open: open one with File > Open database")

// Open opens an existing database file and returns what it holds. The
// database open before stays open when this fails.
func (c *Controller) Open(ctx context.Context, path string) (Info, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return Info{}, fmt.Errorf("open database %q: no such file; check the path, or use File > New database… to create one: %w", path, err)
	} else if err != nil {
		return Info{}, fmt.Errorf("open database %q: %w", path, err)
	}
	open := data.Open
	if f, err := os.OpenFile(path, os.O_RDWR, 0); errors.Is(err, fs.ErrPermission) {
		// A file the user may only read still opens for viewing.
		open = data.OpenReadOnly
	} else if err == nil {
		f.Close()
	}
	db, err := open(ctx, path)
	if err != nil {
		return Info{}, err
	}
	return c.use(ctx, db)
}

// Create creates a new, empty database at path. It fails when a non-empty
// file exists there, so that no data is overwritten; an empty file, as a
// save dialog leaves, becomes the database.
func (c *Controller) Create(ctx context.Context, path string) (Info, error) {
	if st, err := os.Stat(path); err == nil && st.Size() > 0 {
		return Info{}, fmt.Errorf("create database %q: the file exists; open it instead or choose another name", path)
	}
	db, err := data.Open(ctx, path)
	if err != nil {
		return Info{}, err
	}
	return c.use(ctx, db)
}

// OpenDemo opens the demo district at path, generating it with opt first
// when the file does not exist.
func (c *Controller) OpenDemo(ctx context.Context, path string, opt data.DemoOptions) (Info, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := data.GenerateDemo(ctx, path, opt); err != nil {
			os.Remove(path) // a half-written demo would be opened next time
			return Info{}, fmt.Errorf("create demo district at %q: %w", path, err)
		}
	}
	return c.Open(ctx, path)
}

// use reads what db holds and makes it the open database, closing the
// previous one.
func (c *Controller) use(ctx context.Context, db *data.DB) (Info, error) {
	info, err := readInfo(ctx, db)
	if err != nil {
		db.Close()
		return Info{}, err
	}

	c.mu.Lock()
	old := c.db
	c.db, c.info = db, info
	c.mu.Unlock()
	c.clearCache()
	if old != nil {
		old.Close()
	}
	return info, nil
}

func readInfo(ctx context.Context, db *data.DB) (Info, error) {
	info := Info{Path: db.Path()}
	var err error
	if info.Synthetic, err = db.IsSynthetic(ctx); err != nil {
		return info, err
	}
	if info.Districts, err = db.Districts(ctx); err != nil {
		return info, err
	}
	if info.Schools, err = db.Schools(ctx, ""); err != nil {
		return info, err
	}
	if info.Years, err = db.Years(ctx); err != nil {
		return info, err
	}
	if info.DefaultYear, err = db.DefaultYear(ctx); err != nil {
		return info, err
	}
	if info.Settings, err = db.Settings(ctx); err != nil {
		return info, err
	}
	return info, nil
}

// Refresh rereads what the open database holds, after an import.
func (c *Controller) Refresh(ctx context.Context) (Info, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.db == nil {
		return Info{}, ErrNoDatabase
	}
	info, err := readInfo(ctx, c.db)
	if err != nil {
		return Info{}, err
	}
	c.info = info
	c.clearCache()
	return info, nil
}

// Info returns what the open database holds; the zero Info when none is open.
func (c *Controller) Info() Info {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.info
}

// Close closes the open database, if any.
func (c *Controller) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.db == nil {
		return nil
	}
	err := c.db.Close()
	c.db, c.info = nil, Info{}
	c.clearCache()
	return err
}

func (c *Controller) clearCache() {
	c.cacheMu.Lock()
	c.districtRows = map[data.Filter][]indicator.Row{}
	c.cacheMu.Unlock()
}

// Import imports files into the open database in one transaction and
// rereads what it holds. On error nothing was written; a validation error is
// a *data.ImportError.
func (c *Controller) Import(ctx context.Context, files []data.ImportFile, progress func(done, total int64)) (data.ImportResult, error) {
	c.mu.RLock()
	db := c.db
	c.mu.RUnlock()
	if db == nil {
		return data.ImportResult{}, ErrNoDatabase
	}
	res, err := db.Import(ctx, files, data.ImportOptions{Progress: progress})
	if err != nil {
		return res, err
	}
	if _, err := c.Refresh(ctx); err != nil {
		return res, fmt.Errorf("reread database after import: %w", err)
	}
	return res, nil
}

// indicators runs one indicator query; callers hold c.mu for reading.
func (c *Controller) indicators(ctx context.Context, f data.Filter) ([]indicator.Row, error) {
	rows, err := c.db.Indicators(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("compute indicators of %s for %s: %w", f.SchoolID, indicator.FormatYear(f.Year), err)
	}
	return rows, nil
}

// districtIndicators is indicators for the district-wide filter, cached.
func (c *Controller) districtIndicators(ctx context.Context, f data.Filter) ([]indicator.Row, error) {
	c.cacheMu.Lock()
	rows, ok := c.districtRows[f]
	c.cacheMu.Unlock()
	if ok {
		return rows, nil
	}
	rows, err := c.indicators(ctx, f)
	if err != nil {
		return nil, err
	}
	c.cacheMu.Lock()
	c.districtRows[f] = rows
	c.cacheMu.Unlock()
	return rows, nil
}

// hasYear reports whether year is one of the database's school years.
func (in Info) hasYear(year int) bool {
	for _, y := range in.Years {
		if y == year {
			return true
		}
	}
	return false
}
