package app

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"readiness/charts"
	"readiness/data"
)

// ncFiles returns North Carolina's published CTE files, from shared/real-data
// in a folder above the working directory, or skips the test without them.
func ncFiles(t *testing.T) []data.ImportFile {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		matches, _ := filepath.Glob(filepath.Join(dir, "shared", "real-data", "nc_dpi_src_cte_*.csv"))
		if len(matches) > 0 {
			directory := filepath.Join(dir, "shared", "real-data", "nc_dpi_src_location_directory_for_cte_agencies.csv")
			files := []data.ImportFile{{Path: directory}}
			for _, m := range matches {
				files = append(files, data.ImportFile{Path: m})
			}
			return files
		}
	}
	t.Skip("shared/real-data not found above the working directory: the published files are not here")
	return nil
}

// ncController returns a controller on a new database holding North
// Carolina's published CTE files.
func ncController(t *testing.T) *Controller {
	t.Helper()
	ctx := context.Background()
	c := NewController()
	t.Cleanup(func() { c.Close() })
	_, err := c.Create(ctx, filepath.Join(t.TempDir(), "nc.db"))
	require.NoError(t, err)
	_, err = c.Import(ctx, ncFiles(t), nil)
	require.NoError(t, err)
	return c
}

// TestNorthCarolinaDashboard opens Apex High (Wake County Schools) in
// 2021-22 after importing the published files, which hold reported values
// only: concentrators per cluster, CTE enrollment and credentials earned.
func TestNorthCarolinaDashboard(t *testing.T) {
	ctx := context.Background()
	c := ncController(t)

	d, err := c.Load(ctx, Selection{DistrictID: "920LEA", SchoolID: "920316", Year: 2022})
	require.NoError(t, err)
	assert.Equal(t, "Apex High", d.Place)

	h := d.Headlines(10)
	require.Len(t, h, 6)
	assert.Equal(t, "1,610", h[0].Value, "CTE enrollment, 2021-22, as published")
	assert.Equal(t, "Reported: NC DPI School Report Card", h[0].Detail)
	assert.Equal(t, "District unknown (masked)", h[0].District,
		"a Wake school's enrollment is masked, so the sum is not known")
	assert.Equal(t, notReportedText, h[1].Value, "concentrators come per cluster, with no total")
	assert.Equal(t, "Only per cluster: see the chart", h[1].Detail)
	for _, i := range []int{2, 3, 4, 5} {
		assert.Equal(t, notReportedText, h[i].Value, h[i].Label)
		assert.Empty(t, h[i].Change, h[i].Label)
		assert.Empty(t, h[i].District, h[i].Label)
	}

	in := d.Input(10)
	enrollment := charts.TableOf(charts.Enrollment, in)
	assert.Contains(t, enrollment.Rows, []string{"Health Science", "", "23"})
	assert.Contains(t, enrollment.Rows, []string{"Business Management & Administration", "", "<10"})
	credentials := charts.TableOf(charts.Credentials, in)
	assert.Contains(t, credentials.Rows, []string{"All credentials", "965"})
	assert.NotContains(t, credentials.Rows, []string{"Credential rate, Apex High", ""},
		"no rate is reported, so none is compared")
}

// TestNorthCarolinaDistrict checks Wake County Schools as a whole and its
// district overview, whose concentrators NCDPI reports per cluster only.
func TestNorthCarolinaDistrict(t *testing.T) {
	ctx := context.Background()
	c := ncController(t)

	d, err := c.Load(ctx, Selection{DistrictID: "920LEA", SchoolID: "ALL", Year: 2022})
	require.NoError(t, err)
	h := d.Headlines(10)
	assert.Equal(t, "Unknown", h[0].Value, "a Wake school's CTE enrollment is masked, so the sum is not known")
	assert.Equal(t, "Not summed: a school's figure is masked", h[0].Detail)

	o, err := c.LoadOverview(ctx, "920LEA", 2022)
	require.NoError(t, err)
	tab := o.Table("cte_concentrators", 10)
	assert.NotContains(t, tab.Dimensions, "all", "no total is reported, and no zero stands in for one")
	require.Contains(t, tab.Dimensions, "Health Science")
	assert.Equal(t, "701", tab.District.Cells[slices.Index(tab.Dimensions, "Health Science")].Text,
		"Wake's Health Science concentrators, 2021-22, as published")
}
