package published

import (
	"math/big"
	"sort"
	"strconv"
	"strings"

	"readiness/data/indicator"
)

// NCSource labels every value translated from the North Carolina
// Department of Public Instruction's report-card files.
const NCSource = "NC DPI School Report Card"

// CharterDistrictID is the district of North Carolina's charter schools. NCDPI
// writes lea_code CH for them: each charter is its own LEA, and no LEA total
// of the report-card files includes a charter school.
const CharterDistrictID = "CH"

// charterDistrictName names CharterDistrictID in the district picker.
const charterDistrictName = "Charter schools"

// ncMasks are NCDPI's masking codes and the text its report cards show in
// place of the value.
var ncMasks = map[string]string{
	"1": ">95%",
	"2": "<5%",
	"3": "<10",
	"4": "Insufficient Data",
}

// ncBase holds what every NC report-card Format shares: the header, the
// school codes for which a placeholder schools row was already returned, and
// the keys of the records translated so far.
type ncBase struct {
	h            header
	placeholders map[string]bool
	records      map[string]bool
}

func newNCBase(h header) ncBase {
	return ncBase{h: h, placeholders: map[string]bool{}, records: map[string]bool{}}
}

// repeated reports whether a record with this key was translated before, and
// remembers the key. The first record of a key is kept and later ones are
// left out. The CTE enrollment file repeats two schools in 2021-22:
// 92W000 on two identical lines, and 34H000 once as 37 of 639 students
// (5.79%) and once masked "<5%", which contradicts that count. Left in, the
// second line would make the import reject the whole file as a conflict.
func (b *ncBase) repeated(key ...string) bool {
	k := strings.Join(key, "\x00")
	if b.records[k] {
		return true
	}
	b.records[k] = true
	return false
}

// schoolYear reads the agency_code of record and the school year in
// yearColumn, which NCDPI gives by its ending calendar year ("2022" is
// 2021-22). It returns school "" for a district (LEA) total or the state
// total (NC-SEA): those rows are left out, because Readiness computes a
// district's figures from its schools and would count the publisher's total
// a second time.
func (b *ncBase) schoolYear(record map[string]string, yearColumn string) (school, year string, err error) {
	code, col := b.h.cell(record, "agency_code")
	switch {
	case code == "":
		return "", "", &FieldError{Column: col, Expected: "an NCDPI school code such as 010324"}
	case strings.HasSuffix(strings.ToUpper(code), "LEA"), strings.EqualFold(code, "NC-SEA"):
		return "", "", nil
	}

	v, col := b.h.cell(record, yearColumn)
	y, err := indicator.ParseYear(v)
	if err != nil {
		return "", "", &FieldError{Column: col, Value: v, Expected: "a four-digit ending year such as 2022 (for 2021-22)"}
	}
	return code, strconv.Itoa(y), nil
}

// mask reads the masking column: "" when the value is shown, else the text
// the publisher shows in its place.
func (b *ncBase) mask(record map[string]string) (string, error) {
	code, col := b.h.cell(record, "masking")
	if code == "" {
		return "", nil
	}
	text, ok := ncMasks[code]
	if !ok {
		return "", &FieldError{Column: col, Value: code, Expected: "an NCDPI masking code 1, 2, 3, 4 or blank"}
	}
	return text, nil
}

// placeholder returns, the first time a school code appears, a schools row
// that the import inserts only when the school is not stored yet. The NC
// data files name no schools, and 21 of their codes have no directory row.
// The placeholder lets such a file import on its own, and a directory
// imported before or after gives the school its real name.
func (b *ncBase) placeholder(code string) []Row {
	if b.placeholders[code] {
		return nil
	}
	b.placeholders[code] = true
	district := ncDistrictOfCode(code)
	return []Row{{
		Kind: KindSchools,
		Fields: map[string]string{
			"school_id":     code,
			"school_name":   "School " + code + " (not in the directory)",
			"district_id":   district,
			"district_name": ncDistrictName(district),
		},
		Column:    b.h["agency_code"],
		IfMissing: true,
	}}
}

// ncDistrictOfCode returns the district of a school code that has no
// directory row. A traditional school's code starts with its LEA number
// (010324 is in 010LEA); a charter's code has a letter third (92F000).
func ncDistrictOfCode(code string) string {
	if len(code) < 3 {
		return code
	}
	if c := code[2]; c < '0' || c > '9' {
		return CharterDistrictID
	}
	return code[:3] + "LEA"
}

// ncDistrictName returns the name of an NC district id: the LEA's own name
// from the directory, or the id itself marked unnamed when the directory has
// no LEA row for it.
func ncDistrictName(id string) string {
	if id == CharterDistrictID {
		return charterDistrictName
	}
	if name, ok := ncLEANames[id]; ok {
		return name
	}
	return id + " (unnamed)"
}

// reported is the key of one reported_indicators row.
type reported struct {
	school, year, indicator, dimension string
}

func (r reported) fields() map[string]string {
	return map[string]string{
		"school_id":   r.school,
		"school_year": r.year,
		"indicator":   r.indicator,
		"dimension":   r.dimension,
		"source":      NCSource,
	}
}

// value returns the row of a published value.
func (r reported) value(v, column string) Row {
	f := r.fields()
	f["value"] = v
	f["suppressed"] = "N"
	return Row{Kind: KindReportedIndicators, Fields: f, Column: column}
}

// masked returns the row of a value the publisher withheld: no value, only
// the publisher's own text (which may be "").
func (r reported) masked(display, column string) Row {
	f := r.fields()
	f["value"] = ""
	f["suppressed"] = "Y"
	if display != "" {
		f["display"] = display
	}
	return Row{Kind: KindReportedIndicators, Fields: f, Column: column}
}

// count returns the row of a count cell. A blank cell is a withheld value,
// shown as the record's mask text when it has one: NCDPI leaves a masked
// count blank, and before 2019 it left small counts blank with no code.
func (r reported) count(h header, record map[string]string, column, mask string) (Row, error) {
	v, col := h.cell(record, column)
	if v == "" {
		return r.masked(mask, col), nil
	}
	if !isWholeNumber(v) {
		return Row{}, &FieldError{Column: col, Value: v, Expected: "a whole number of students, 0 or more"}
	}
	return r.value(v, col), nil
}

// rate returns the row of a share cell as a fraction, and false when the
// cell is blank and unmasked. With percent set, the cell is a percentage
// (41.36) rather than a fraction (0.4136). A masked share is never stored as a value:
// with codes 1 and 2 the cell holds the bound (95 or 5), not the share.
func (r reported) rate(h header, record map[string]string, column, mask string, percent bool) (Row, bool, error) {
	v, col := h.cell(record, column)
	if mask != "" {
		return r.masked(mask, col), true, nil
	}
	if v == "" {
		return Row{}, false, nil
	}
	max := "1"
	if percent {
		max = "100"
	}
	share, ok := toFraction(v, percent)
	if !ok {
		return Row{}, false, &FieldError{Column: col, Value: v, Expected: "a number from 0 to " + max}
	}
	return r.value(share, col), true, nil
}

// isWholeNumber reports whether s is written as a whole number of 0 or more.
func isWholeNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// toFraction checks that s is a share (0 to 1, or 0 to 100 when percent) and
// returns it as a fraction written in decimal without rounding: "41.36"
// becomes "0.4136". Exact decimal arithmetic keeps the publisher's digits,
// which a float64 division would not always print back.
func toFraction(s string, percent bool) (string, bool) {
	r, ok := new(big.Rat).SetString(s)
	if !ok || strings.ContainsAny(s, "eE/") || r.Sign() < 0 {
		return "", false
	}
	decimals := 0
	if _, frac, found := strings.Cut(s, "."); found {
		decimals = len(frac)
	}
	if percent {
		r.Quo(r, big.NewRat(100, 1))
		decimals += 2
	}
	if r.Cmp(big.NewRat(1, 1)) > 0 {
		return "", false
	}
	out := r.FloatString(decimals)
	if strings.Contains(out, ".") {
		out = strings.TrimRight(strings.TrimRight(out, "0"), ".")
	}
	return out, true
}

// ncClusterCodes maps NCDPI's Career Cluster codes to the names of the 16
// National Career Clusters. NCDPI's code table also lists CD (Career
// Development), which is not one of the 16 clusters. It appears in no file,
// so it is rejected like any unknown code. GOVT is missing from the code
// table but appears in the 2021-22 data of one school.
var ncClusterCodes = map[string]string{
	"AGNR": "Agriculture, Food & Natural Resources",
	"ARCH": "Architecture & Construction",
	"AAVC": "Arts, A/V Technology & Communications",
	"BMA":  "Business Management & Administration",
	"EDUC": "Education & Training",
	"FINA": "Finance",
	"GOVT": "Government & Public Administration",
	"HLTH": "Health Science",
	"HOSP": "Hospitality & Tourism",
	"HUMA": "Human Services",
	"INFO": "Information Technology",
	"LAW":  "Law, Public Safety, Corrections & Security",
	"MANU": "Manufacturing",
	"MRKT": "Marketing",
	"STEM": "Science, Technology, Engineering & Mathematics",
	"TRAN": "Transportation, Distribution & Logistics",
}

// ncClusterCodeList returns the known codes, sorted, for error messages.
func ncClusterCodeList() string {
	codes := make([]string, 0, len(ncClusterCodes))
	for c := range ncClusterCodes {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return strings.Join(codes, ", ")
}
