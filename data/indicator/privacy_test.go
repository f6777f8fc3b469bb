package indicator

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func countRow(dimension string, n int, additive bool) Row {
	return Row{SchoolID: "HS1", Year: 2025, Indicator: PostsecondaryStudents, Dimension: dimension,
		Value: float64(n), HasValue: true, Students: n, Privacy: Count, Additive: additive}
}

func TestProtectCountsBelowMinN(t *testing.T) {
	for _, minN := range []int{3, 10, 30} {
		for n := 0; n <= minN; n++ {
			t.Run(fmt.Sprintf("n=%d of %d", n, minN), func(t *testing.T) {
				got := Protect([]Row{countRow(All, n, false)}, minN)[0]
				switch {
				case n == 0:
					assert.False(t, got.Hidden)
					assert.Equal(t, "0", got.Text)
				case n < minN:
					assert.True(t, got.Hidden)
					assert.Equal(t, fmt.Sprintf("<%d", minN), got.Text)
				default:
					assert.False(t, got.Hidden)
					assert.Equal(t, fmt.Sprint(n), got.Text)
				}
			})
		}
	}
}

func TestProtectDerivedValues(t *testing.T) {
	rate := Row{Indicator: CredentialRate, Dimension: All, Value: 0.5, HasValue: true, Students: 4, Privacy: Derived}
	median := Row{Indicator: WBLMedianHours, Dimension: All, Value: 120, HasValue: true, Students: 9, Privacy: Derived}
	shown := Row{Indicator: WBLMedianHours, Dimension: All, Value: 62.5, HasValue: true, Students: 10, Privacy: Derived}
	empty := Row{Indicator: CredentialRate, Dimension: All, Students: 0, Privacy: Derived}

	got := Protect([]Row{rate, median, shown, empty}, 10)
	assert.Equal(t, "*", got[0].Text)
	assert.True(t, got[0].Hidden)
	assert.Equal(t, "*", got[1].Text)
	assert.Equal(t, "62.5", got[2].Text)
	assert.False(t, got[2].Hidden)
	assert.Equal(t, "", got[3].Text, "a rate with a zero denominator has no value")
	assert.False(t, got[3].Hidden)
}

func TestProtectNeverHidesStaff(t *testing.T) {
	rows := []Row{
		{Indicator: Teachers, Dimension: "Education", Value: 1, HasValue: true, Privacy: Staff},
		{Indicator: TeacherFTE, Dimension: "Education", Value: 0.4, HasValue: true, Privacy: Staff},
		{Indicator: SectionSeats, Dimension: "Education", Value: 3, HasValue: true, Students: 3, Privacy: Staff},
	}
	for _, r := range Protect(rows, 30) {
		assert.False(t, r.Hidden, r.Indicator)
	}
	got := Protect(rows, 30)
	assert.Equal(t, []string{"1", "0.4", "3"}, []string{got[0].Text, got[1].Text, got[2].Text})
}

func TestProtectHidesComplementaryCell(t *testing.T) {
	rows := []Row{
		countRow("employment", 4, true),
		countRow("military", 12, true),
		countRow("postsecondary_education", 40, true),
		countRow("none", 0, true),
		countRow(All, 56, true),
	}
	got := Protect(rows, 10)

	byDim := map[string]Row{}
	for _, r := range got {
		byDim[r.Dimension] = r
	}
	assert.Equal(t, "<10", byDim["employment"].Text)
	assert.True(t, byDim["military"].Hidden, "the next smallest cell is hidden so employment cannot be worked out from the total")
	assert.Equal(t, "<10", byDim["military"].Text)
	assert.False(t, byDim["postsecondary_education"].Hidden)
	assert.Equal(t, "0", byDim["none"].Text, "a zero cell is no protection")
	assert.False(t, byDim[All].Hidden)
	assert.Equal(t, "56", byDim[All].Text)
	assert.False(t, rows[1].Hidden, "Protect does not change its input")
}

func TestProtectComplementKeepsTwoHiddenCells(t *testing.T) {
	rows := []Row{countRow("a", 4, true), countRow("b", 5, true), countRow("c", 40, true), countRow(All, 49, true)}
	got := Protect(rows, 10)
	assert.True(t, got[0].Hidden)
	assert.True(t, got[1].Hidden)
	assert.False(t, got[2].Hidden, "two hidden cells already protect each other")
}

func TestProtectComplementWithoutOtherCellHidesTotal(t *testing.T) {
	derived := func(dim string, v float64, students int) Row {
		return Row{Indicator: CredentialsEarned, Dimension: dim, Value: v, HasValue: true, Students: students, Privacy: Derived, Additive: true}
	}
	rows := []Row{derived("Education", 3, 3), derived("unassigned", 0, 0), derived(All, 14, 12)}
	got := Protect(rows, 10)
	assert.Equal(t, "*", got[0].Text)
	assert.True(t, got[2].Hidden, "the total would give the hidden cell away")
	assert.Equal(t, "*", got[2].Text)
}

func TestProtectLeavesNonAdditiveBreakdowns(t *testing.T) {
	rows := []Row{countRow("Education", 4, false), countRow("Construction", 30, false), countRow(All, 33, false)}
	got := Protect(rows, 10)
	assert.True(t, got[0].Hidden)
	assert.False(t, got[1].Hidden, "participants in two clusters do not sum to all")
}

func TestProtectOffOnlyFormats(t *testing.T) {
	rows := []Row{countRow(All, 2, true), {Indicator: CredentialRate, Dimension: All, Value: 2.0 / 3, HasValue: true, Students: 3, Privacy: Derived}}
	got := Protect(rows, 0)
	require.Len(t, got, 2)
	assert.Equal(t, "2", got[0].Text)
	assert.Equal(t, "0.6667", got[1].Text)
	assert.False(t, got[0].Hidden || got[1].Hidden)
}

func TestProtectKeepsPublisherMask(t *testing.T) {
	rows := []Row{
		{Indicator: CredentialRate, Dimension: All, Hidden: true, Text: ">95%", Source: "State report card"},
		{Indicator: CTEConcentrators, Dimension: All, Value: 4, HasValue: true, Source: "State report card", Privacy: Staff},
	}
	got := Protect(rows, 10)
	assert.True(t, got[0].Hidden)
	assert.Equal(t, ">95%", got[0].Text)
	assert.Equal(t, "4", got[1].Text)
}

func TestProtectHidesSmallReportedCount(t *testing.T) {
	rows := []Row{
		{Indicator: CTEConcentrators, Dimension: "Finance", Value: 1, HasValue: true, Students: 1, Source: "State report card", Privacy: Count},
		{Indicator: CTEConcentrators, Dimension: "Health Science", Value: 23, HasValue: true, Students: 23, Source: "State report card", Privacy: Count},
	}
	got := Protect(rows, 10)
	assert.True(t, got[0].Hidden)
	assert.Equal(t, "<10", got[0].Text)
	assert.False(t, got[1].Hidden)
	assert.Equal(t, "23", got[1].Text)

	off := Protect(rows, 0)
	assert.False(t, off[0].Hidden)
	assert.Equal(t, "1", off[0].Text)
}

func TestFormatValue(t *testing.T) {
	cases := []struct {
		v    float64
		ok   bool
		want string
	}{
		{0, false, ""},
		{0, true, "0"},
		{12, true, "12"},
		{1234567, true, "1234567"},
		{0.25, true, "0.25"},
		{2.0 / 3, true, "0.6667"},
		{62.5, true, "62.5"},
		{1.9000000000000001, true, "1.9"},
		{0.09375, true, "0.0938"},
		{-0.00001, true, "0"},
		{0.99999, true, "1"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, FormatValue(c.v, c.ok), "%v", c.v)
	}
}
