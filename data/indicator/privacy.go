package indicator

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// Suppressed is the text of a derived value hidden because it comes from too
// few students.
const Suppressed = "*"

// Protect returns a copy of rows with Hidden and Text set for privacy with
// minimum n minN:
//   - a Count whose Students is 1 to minN-1 becomes "<minN" (0 stays "0");
//   - a Derived value computed from 1 to minN-1 students becomes "*";
//   - in an Additive breakdown (the rows of one school, year and indicator
//     whose dimensions sum to the "all" row), when exactly one dimension is
//     hidden and the "all" row is shown, the smallest shown non-zero
//     dimension is hidden too, or the "all" row when there is none, so that
//     no hidden value can be worked out by subtraction;
//   - Staff values are never hidden.
//
// Pass every row of a school, year and indicator in one call, since
// complementary suppression needs the whole breakdown.
//
// With privacy off (minN 0), nothing is hidden and Text is the formatted
// value. A row with a Source (reported by a publisher) that the publisher
// masked keeps its Hidden and Text, so its mask such as ">95%" shows. An
// unmasked reported row meets the same minimum n as a computed one, because
// a publisher's small count would identify students on a projected screen
// just the same. Protect does not change rows.
func Protect(rows []Row, minN int) []Row {
	out := append([]Row(nil), rows...)
	for i := range out {
		r := &out[i]
		if r.Source != "" && r.Hidden {
			if r.Text == "" {
				r.Text = Suppressed
			}
			continue
		}
		r.Hidden = minN > 0 && tooFew(*r, minN)
		r.Text = FormatValue(r.Value, r.HasValue)
		if r.Hidden {
			r.Text = hiddenText(*r, minN)
		}
	}
	if minN > 0 {
		suppressComplements(out, minN)
	}
	return out
}

// tooFew reports whether privacy hides r on its own.
func tooFew(r Row, minN int) bool {
	if r.Privacy == Staff || !r.HasValue {
		return false
	}
	return r.Students >= 1 && r.Students < minN
}

func hiddenText(r Row, minN int) string {
	if r.Privacy == Count {
		return "<" + strconv.Itoa(minN)
	}
	return Suppressed
}

// breakdownKey names one additive breakdown: the rows of one school, school
// year and indicator.
type breakdownKey struct {
	school    string
	year      int
	indicator string
}

// suppressComplements applies complementary suppression to the additive
// breakdowns of rows, in place.
func suppressComplements(rows []Row, minN int) {
	groups := map[breakdownKey][]int{}
	for i, r := range rows {
		if r.Additive && r.Source == "" && r.Privacy != Staff {
			k := breakdownKey{r.SchoolID, r.Year, r.Indicator}
			groups[k] = append(groups[k], i)
		}
	}
	for _, members := range groups {
		total := -1
		var cells []int
		hidden := 0
		for _, i := range members {
			if rows[i].Dimension == All {
				total = i
				continue
			}
			cells = append(cells, i)
			if rows[i].Hidden {
				hidden++
			}
		}
		if total < 0 || rows[total].Hidden || hidden != 1 {
			continue
		}
		hide(&rows[smallestShown(rows, cells, total)], minN)
	}
}

// smallestShown returns the index of the smallest shown cell with a value
// above zero, or total when there is none. Ties go to the first dimension
// in name order, so the choice does not depend on the order of rows.
func smallestShown(rows []Row, cells []int, total int) int {
	sort.Slice(cells, func(a, b int) bool {
		ra, rb := rows[cells[a]], rows[cells[b]]
		if ra.Value != rb.Value {
			return ra.Value < rb.Value
		}
		return ra.Dimension < rb.Dimension
	})
	for _, i := range cells {
		if !rows[i].Hidden && rows[i].HasValue && rows[i].Value > 0 {
			return i
		}
	}
	return total
}

func hide(r *Row, minN int) {
	r.Hidden = true
	r.Text = hiddenText(*r, minN)
}

// FormatValue writes a value as every output shows it: whole numbers without
// decimals, other numbers rounded to at most 4 decimals with trailing zeros
// trimmed, and "" when there is no value.
func FormatValue(v float64, ok bool) string {
	if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	v = math.Round(v*1e4) / 1e4
	if v == 0 {
		return "0" // also turns -0 into 0
	}
	s := strconv.FormatFloat(v, 'f', 4, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
