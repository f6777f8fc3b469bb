package published

import (
	"strconv"
	"strings"
)

var ncDirectoryColumns = []string{"year", "agency_code", "agency_level", "name", "lea_code", "grade_span", "school_type"}

// ncDirectory reads rcd_location, NCDPI's directory of schools and LEAs.
type ncDirectory struct{ h header }

func newNCDirectory(h header) Format { return &ncDirectory{h} }

func (f *ncDirectory) Name() string {
	return "NC DPI school directory"
}

// Translate returns a schools row for a school (agency_level SCH) and no
// row for an LEA or the state (LEA, SEA): those are not schools, and an
// LEA's name comes from ncLEANames. Addresses, phone numbers and web sites
// are not schools columns and are left out.
func (f *ncDirectory) Translate(record map[string]string) ([]Row, error) {
	level, col := f.h.cell(record, "agency_level")
	switch strings.ToUpper(level) {
	case "LEA", "SEA":
		return nil, nil
	case "SCH":
	default:
		return nil, &FieldError{Column: col, Value: level, Expected: "SCH, LEA or SEA"}
	}

	code, codeCol := f.h.cell(record, "agency_code")
	if code == "" {
		return nil, &FieldError{Column: codeCol, Expected: "an NCDPI school code such as 010324"}
	}
	name, col := f.h.cell(record, "name")
	if name == "" {
		return nil, &FieldError{Column: col, Expected: "the school's name"}
	}
	district, _ := f.h.cell(record, "lea_code")
	if district == "" {
		district = ncDistrictOfCode(code)
	}
	span, _ := f.h.cell(record, "grade_span")
	low, high := ncGradeSpan(span)
	// NOTE: NCDPI cuts school_type at 18 characters ("Alternative Educat");
	// it is stored as published.
	schoolType, _ := f.h.cell(record, "school_type")

	s := directorySchool{code, name, district, ncDistrictName(district), low, high, schoolType}
	return []Row{s.row(codeCol)}, nil
}

// ncGradeSpan splits an NCDPI grade span such as "09:12" or "0K:08" into
// its lowest and highest grade, written as the Washington directory and most
// exports write grades: PK, K, 1 to 13.
func ncGradeSpan(span string) (low, high string) {
	first, last, ok := strings.Cut(span, ":")
	if !ok {
		return "", ""
	}
	return ncGrade(first), ncGrade(last)
}

func ncGrade(g string) string {
	g = strings.ToUpper(strings.TrimSpace(g))
	switch g {
	case "0K", "KG", "K":
		return "K"
	}
	if n, err := strconv.Atoi(g); err == nil && n >= 0 {
		return strconv.Itoa(n)
	}
	return g
}

var waDirectoryColumns = []string{"schoolcode", "schoolname", "leacode", "leaname", "lowestgrade", "highestgrade", "aypcodedescription"}

// waDirectory reads OSPI's "Washington State Public Schools" directory.
type waDirectory struct{ h header }

func newWADirectory(h header) Format { return &waDirectory{h} }

func (f *waDirectory) Name() string {
	return "OSPI Washington State Public Schools directory"
}

// Translate returns the school's schools row. The directory gives no NCES
// id. Coordinates, addresses and the phone number are not schools columns
// and are left out.
func (f *waDirectory) Translate(record map[string]string) ([]Row, error) {
	code, codeCol := f.h.cell(record, "schoolcode")
	if code == "" {
		return nil, &FieldError{Column: codeCol, Expected: "the OSPI school code, such as 2083"}
	}
	name, col := f.h.cell(record, "schoolname")
	if name == "" {
		return nil, &FieldError{Column: col, Expected: "the school's name"}
	}
	district, _ := f.h.cell(record, "leacode")
	districtName, _ := f.h.cell(record, "leaname")
	low, _ := f.h.cell(record, "lowestgrade")
	high, _ := f.h.cell(record, "highestgrade")
	schoolType, _ := f.h.cell(record, "aypcodedescription")

	s := directorySchool{code, name, district, districtName, low, high, schoolType}
	return []Row{s.row(codeCol)}, nil
}

// directorySchool is one school of a directory, in the schools columns.
type directorySchool struct {
	id, name, districtID, districtName, gradeLow, gradeHigh, schoolType string
}

// row returns the schools row, which replaces a stored row of the school.
func (s directorySchool) row(column string) Row {
	return Row{
		Kind: KindSchools,
		Fields: map[string]string{
			"school_id":     s.id,
			"school_name":   s.name,
			"district_id":   s.districtID,
			"district_name": s.districtName,
			"grade_low":     s.gradeLow,
			"grade_high":    s.gradeHigh,
			"school_type":   s.schoolType,
		},
		Column: column,
	}
}
