package app

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"readiness/data"
	"readiness/data/indicator"
)

func TestLoadSchoolAndDistrict(t *testing.T) {
	c, info := openController(t, demoDB(t))
	require.GreaterOrEqual(t, len(info.Schools), 2)
	require.GreaterOrEqual(t, len(info.Years), 2)
	assert.True(t, info.Synthetic)

	sel := Selection{SchoolID: info.Schools[0].ID, Year: info.Years[0]}
	d, err := c.Load(context.Background(), sel)
	require.NoError(t, err)
	assert.Equal(t, info.Schools[0].Name, d.Place)
	assert.NotEmpty(t, d.Rows)
	assert.NotEmpty(t, d.District)
	assert.NotNil(t, d.Previous(), "the year before the newest has data")
	for _, r := range d.Rows {
		assert.Equal(t, sel.SchoolID, r.SchoolID)
		assert.Equal(t, sel.Year, r.Year)
	}
	for _, r := range d.District {
		assert.Equal(t, indicator.AllSchools, r.SchoolID)
	}
}

func TestOpenRejectsBadFiles(t *testing.T) {
	dir := t.TempDir()
	newer := filepath.Join(dir, "newer.db")
	raw, err := sql.Open("sqlite3", newer)
	require.NoError(t, err)
	_, err = raw.Exec("PRAGMA user_version = 999")
	require.NoError(t, err)
	require.NoError(t, raw.Close())

	corrupt := filepath.Join(dir, "corrupt.db")
	require.NoError(t, os.WriteFile(corrupt, []byte("this is not a SQLite database, just text in a file"), 0o644))

	tests := []struct {
		name, path, want string
	}{
		{"newer schema", newer, "newer version of Readiness"},
		{"corrupt file", corrupt, "corrupt.db"},
		{"missing file", filepath.Join(dir, "missing.db"), "missing.db\": no such file; check the path, or use File > New database…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewController()
			_, err := c.Open(context.Background(), tt.path)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			_, err = c.Load(context.Background(), Selection{SchoolID: "x", Year: 2025})
			assert.ErrorIs(t, err, ErrNoDatabase)
		})
	}
}

func TestCreateKeepsExistingData(t *testing.T) {
	path := demoDB(t)
	_, err := NewController().Create(context.Background(), path)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the file exists")

	empty := filepath.Join(t.TempDir(), "new.db")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	c := NewController()
	info, err := c.Create(context.Background(), empty)
	require.NoError(t, err)
	defer c.Close()
	assert.Empty(t, info.Schools)
	assert.False(t, info.Synthetic)
}

// rows builds indicator rows of one school and year.
func rows(school string, year int, list ...indicator.Row) []indicator.Row {
	for i := range list {
		list[i].SchoolID, list[i].Year = school, year
		list[i].HasValue = true
	}
	return list
}

func count(ind, dim string, v float64) indicator.Row {
	return indicator.Row{Indicator: ind, Dimension: dim, Value: v, Students: int(v), Privacy: indicator.Count}
}

func TestHeadlinesApplyPrivacy(t *testing.T) {
	d := &Dashboard{
		Selection: Selection{SchoolID: "S1", Year: 2025},
		Rows: rows("S1", 2025,
			count(indicator.CTEParticipants, indicator.All, 140),
			count(indicator.CTEConcentrators, indicator.All, 4),
			indicator.Row{Indicator: indicator.CredentialRate, Dimension: indicator.All, Value: 0.5, Students: 4, Privacy: indicator.Derived},
			indicator.Row{Indicator: indicator.TeacherFTE, Dimension: indicator.All, Value: 3.5, Privacy: indicator.Staff},
			indicator.Row{Indicator: indicator.SingleTeacherCluster, Dimension: "Construction", Value: 1, Privacy: indicator.Staff},
		),
		District: rows(indicator.AllSchools, 2025,
			count(indicator.CTEParticipants, indicator.All, 1500),
			count(indicator.CTEConcentrators, indicator.All, 600),
		),
		History: map[int][]indicator.Row{2024: rows("S1", 2024,
			count(indicator.CTEParticipants, indicator.All, 128),
			count(indicator.CTEConcentrators, indicator.All, 12),
		)},
	}

	on := d.Headlines(10)
	require.Len(t, on, 6)
	assert.Equal(t, "140", on[0].Value)
	assert.Equal(t, "+12 since 2023-24", on[0].Change)
	assert.Equal(t, "District 1,500", on[0].District)
	assert.Equal(t, "<10", on[1].Value, "4 concentrators are hidden")
	assert.Empty(t, on[1].Change, "a change would reveal the hidden count")
	assert.Equal(t, "*", on[2].Value, "a rate over 4 students is hidden")
	assert.Equal(t, "0", on[3].Value, "no internship rows means no hours")
	assert.Equal(t, "3.5", on[4].Value, "staff figures are never hidden")
	assert.Equal(t, "1", on[5].Value)
	assert.Equal(t, "Construction", on[5].Detail)
	assert.Equal(t, "No district figure", on[5].District, "a district-wide count is not comparable")

	off := d.Headlines(0)
	assert.Equal(t, "4", off[1].Value)
	assert.Equal(t, "−8 since 2023-24", off[1].Change)
	assert.Equal(t, "50.0%", off[2].Value)
}

func TestOverviewSortHidesOrderOfHidden(t *testing.T) {
	o := &Overview{
		Year:     2025,
		District: "Test District",
		Schools:  []data.School{{ID: "A", Name: "Alder"}, {ID: "B", Name: "Birch"}, {ID: "C", Name: "Cedar"}, {ID: "D", Name: "Dogwood"}},
		rows: map[string][]indicator.Row{
			"A":                  rows("A", 2025, count(indicator.CTEParticipants, indicator.All, 40)),
			"B":                  rows("B", 2025, count(indicator.CTEParticipants, indicator.All, 7)),
			"C":                  rows("C", 2025, count(indicator.CTEParticipants, indicator.All, 90)),
			"D":                  rows("D", 2025, count(indicator.CTEParticipants, indicator.All, 3)),
			indicator.AllSchools: rows(indicator.AllSchools, 2025, count(indicator.CTEParticipants, indicator.All, 140)),
		},
	}
	tab := o.Table(indicator.CTEParticipants, 10)
	require.Equal(t, []string{indicator.All}, tab.Dimensions)
	assert.Equal(t, "140", tab.District.Cells[0].Text)

	names := func() []string {
		var list []string
		for _, r := range tab.Schools {
			list = append(list, r.School+"="+r.Cells[0].Text)
		}
		return list
	}
	tab.SortBy(1, true)
	assert.Equal(t, []string{"Cedar=90", "Alder=40", "Birch=<10", "Dogwood=<10"}, names())
	tab.SortBy(1, false)
	assert.Equal(t, []string{"Alder=40", "Cedar=90", "Birch=<10", "Dogwood=<10"}, names(),
		"hidden values stay below and in name order, whatever their true values")
	tab.SortBy(0, true)
	assert.Equal(t, []string{"Dogwood=<10", "Cedar=90", "Birch=<10", "Alder=40"}, names())
}

func TestDisplayValueFormats(t *testing.T) {
	assert.Equal(t, "25.0%", displayValue(indicator.CredentialRate, 0.25))
	assert.Equal(t, "4,572", displayValue(indicator.CTEParticipants, 4572))
	assert.Equal(t, "12.5", displayValue(indicator.WBLMedianHours, 12.5))
	assert.Equal(t, "0.3333", displayValue(indicator.StudentsPerFTE, 1.0/3))
}

func TestDefaultSelectionPicksLargestDistrict(t *testing.T) {
	info := Info{
		Districts: []data.District{{ID: "298LEA", Name: ""}, {ID: "920LEA", Name: "Wake County Schools"}},
		Schools: []data.School{
			{ID: "298", DistrictID: "298LEA"},
			{ID: "920316", Name: "Apex High", DistrictID: "920LEA"},
			{ID: "920317", Name: "Cary High", DistrictID: "920LEA"},
		},
		Years:       []int{2022, 2021},
		DefaultYear: 2022,
	}
	sel := defaultSelection(info, Selection{})
	assert.Equal(t, Selection{DistrictID: "920LEA", SchoolID: "920316", Year: 2022}, sel)

	kept := defaultSelection(info, Selection{DistrictID: "298LEA", SchoolID: "298", Year: 2021})
	assert.Equal(t, Selection{DistrictID: "298LEA", SchoolID: "298", Year: 2021}, kept, "a selection the database has is kept")
}

func TestOpenLockedDatabaseFails(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for SQLite's 5 s busy timeout")
	}
	path := demoDB(t)
	raw, err := sql.Open("sqlite3", path+"?_locking_mode=EXCLUSIVE")
	require.NoError(t, err)
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	tx, err := raw.Begin()
	require.NoError(t, err)
	defer tx.Rollback()
	_, err = tx.Exec("INSERT INTO meta (key, value) VALUES ('lock', 'held')")
	require.NoError(t, err)

	c := NewController()
	_, err = c.Open(context.Background(), path)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "locked")
}

func TestOpenReadOnlyFileForViewing(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write any file")
	}
	path := demoDB(t)
	require.NoError(t, os.Chmod(path, 0o444))
	c, info := openController(t, path)
	assert.NotEmpty(t, info.Schools)
	_, err := c.Import(context.Background(), []data.ImportFile{{Path: filepath.Join("testdata", "bad", "schools.csv")}}, nil)
	assert.Error(t, err, "a read-only file takes no import")
}
