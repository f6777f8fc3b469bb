package data

import (
	"context"
	"fmt"
	"strconv"
)

// Settings are the thresholds that states define differently. They are
// stored in the database with the data.
type Settings struct {
	// MinN is the smallest student count shown when privacy is on (3 to 30).
	MinN int
	// ConcentratorCourses is how many distinct courses of a cluster make a
	// participant a concentrator (at least 1).
	ConcentratorCourses int
	// SubstantialInternshipHours is the number of internship hours in a year
	// from which an internship counts as substantial.
	SubstantialInternshipHours float64
}

// DefaultSettings are the values of a new database.
var DefaultSettings = Settings{MinN: 10, ConcentratorCourses: 2, SubstantialInternshipHours: 90}

// Validate reports the first setting out of its allowed range.
func (s Settings) Validate() error {
	if s.MinN < 3 || s.MinN > 30 {
		return fmt.Errorf("invalid minimum n %d: choose a whole number from 3 to 30", s.MinN)
	}
	if s.ConcentratorCourses < 1 || s.ConcentratorCourses > 20 {
		return fmt.Errorf("invalid concentrator course count %d: choose a whole number from 1 to 20", s.ConcentratorCourses)
	}
	if s.SubstantialInternshipHours <= 0 || s.SubstantialInternshipHours > 2000 {
		return fmt.Errorf("invalid substantial internship hours %g: choose a number above 0 and at most 2000", s.SubstantialInternshipHours)
	}
	return nil
}

// Settings returns the stored settings, with defaults for any not stored.
func (db *DB) Settings(ctx context.Context) (Settings, error) {
	s := DefaultSettings
	rows, err := db.sql.QueryContext(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return s, fmt.Errorf("read settings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key, value string
		if err := rows.Scan(&key, &value); err != nil {
			return s, fmt.Errorf("read settings: %w", err)
		}
		switch key {
		case "min_n":
			s.MinN, err = strconv.Atoi(value)
		case "concentrator_courses":
			s.ConcentratorCourses, err = strconv.Atoi(value)
		case "substantial_internship_hours":
			s.SubstantialInternshipHours, err = strconv.ParseFloat(value, 64)
		}
		if err != nil {
			return s, fmt.Errorf("read setting %s = %q: %w", key, value, err)
		}
	}
	return s, rows.Err()
}

// meta returns the value stored under key in the meta table, or "" when none is.
func (db *DB) meta(ctx context.Context, key string) (string, error) {
	var v string
	err := db.sql.QueryRowContext(ctx, "SELECT coalesce((SELECT value FROM meta WHERE key = ?), '')", key).Scan(&v)
	if err != nil {
		return "", fmt.Errorf("read %s from meta: %w", key, err)
	}
	return v, nil
}

// IsSynthetic reports whether the database holds a generated demo district
// rather than real data.
func (db *DB) IsSynthetic(ctx context.Context) (bool, error) {
	v, err := db.meta(ctx, "synthetic")
	return v == "1", err
}

// SetSettings validates s and stores it. When the concentrator course count
// changes, concentrator status is recomputed for every student in the same
// transaction, so no report reads the new count with the old status.
//
// NOTE: the recomputation counts only the courses stored in cte_enrollments,
// so in a demo database it forgets the courses simulated before its first
// school year.
func (db *DB) SetSettings(ctx context.Context, s Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	defer tx.Rollback()

	oldCourses := strconv.Itoa(DefaultSettings.ConcentratorCourses)
	err = tx.QueryRowContext(ctx, "SELECT coalesce((SELECT value FROM settings WHERE key = 'concentrator_courses'), ?)", oldCourses).Scan(&oldCourses)
	if err != nil {
		return fmt.Errorf("read concentrator course count: %w", err)
	}

	values := map[string]string{
		"min_n":                        strconv.Itoa(s.MinN),
		"concentrator_courses":         strconv.Itoa(s.ConcentratorCourses),
		"substantial_internship_hours": strconv.FormatFloat(s.SubstantialInternshipHours, 'f', -1, 64),
	}
	for key, value := range values {
		if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", key, value); err != nil {
			return fmt.Errorf("save setting %s = %s: %w", key, value, err)
		}
	}
	if strconv.Itoa(s.ConcentratorCourses) != oldCourses {
		if err := rebuildConcentrators(ctx, tx, s.ConcentratorCourses, false); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	return nil
}
