package data

import (
	"context"
	"fmt"
)

// School is one row of schools.csv.
type School struct {
	ID           string
	Name         string
	DistrictID   string
	DistrictName string
	NCESID       string
	GradeLow     string
	GradeHigh    string
	Type         string
}

// District is a district (LEA) that has at least one school.
type District struct {
	ID   string
	Name string
}

// Districts returns the districts of the database by name. A database of one
// district without district_id has one District with an empty ID.
func (db *DB) Districts(ctx context.Context) ([]District, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT district_id, max(district_name) FROM schools
		GROUP BY district_id ORDER BY max(district_name), district_id`)
	if err != nil {
		return nil, fmt.Errorf("list districts: %w", err)
	}
	defer rows.Close()
	var list []District
	for rows.Next() {
		var d District
		if err := rows.Scan(&d.ID, &d.Name); err != nil {
			return nil, fmt.Errorf("list districts: %w", err)
		}
		list = append(list, d)
	}
	return list, rows.Err()
}

// Schools returns the schools of one district by name, or of every district
// when districtID is "".
func (db *DB) Schools(ctx context.Context, districtID string) ([]School, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT school_id, school_name, district_id, district_name, nces_id, grade_low, grade_high, school_type
		FROM schools WHERE ? = '' OR district_id = ? ORDER BY school_name, school_id`, districtID, districtID)
	if err != nil {
		return nil, fmt.Errorf("list schools of district %q: %w", districtID, err)
	}
	defer rows.Close()
	var list []School
	for rows.Next() {
		var s School
		if err := rows.Scan(&s.ID, &s.Name, &s.DistrictID, &s.DistrictName, &s.NCESID, &s.GradeLow, &s.GradeHigh, &s.Type); err != nil {
			return nil, fmt.Errorf("list schools: %w", err)
		}
		list = append(list, s)
	}
	return list, rows.Err()
}

// Years returns every school year (by ending calendar year) that has data of
// any kind, newest first.
func (db *DB) Years(ctx context.Context) ([]int, error) {
	// The years of cte_enrollments are found by stepping down its
	// year-first index from the latest, one seek per year, instead of
	// reading every row.
	rows, err := db.sql.QueryContext(ctx, `
		WITH RECURSIVE enrollment_years (year) AS (
			SELECT max(school_year) FROM cte_enrollments
			UNION ALL
			SELECT (SELECT max(school_year) FROM cte_enrollments WHERE school_year < year)
			FROM enrollment_years WHERE year IS NOT NULL
		)
		SELECT year FROM enrollment_years WHERE year IS NOT NULL
		UNION SELECT school_year FROM credentials
		UNION SELECT school_year FROM work_based_learning
		UNION SELECT school_year FROM teachers
		UNION SELECT school_year FROM sections
		UNION SELECT graduation_year FROM postsecondary
		UNION SELECT school_year FROM reported_indicators
		ORDER BY 1 DESC`)
	if err != nil {
		return nil, fmt.Errorf("list school years: %w", err)
	}
	defer rows.Close()
	var list []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, fmt.Errorf("list school years: %w", err)
		}
		list = append(list, y)
	}
	return list, rows.Err()
}
