package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"readiness/charts"
	"readiness/data/indicator"
)

// smallSchool is a dashboard with one cluster under the minimum n.
func smallSchool() *Dashboard {
	return &Dashboard{
		Selection: Selection{SchoolID: "S1", Year: 2025},
		Place:     "North High",
		Rows: rows("S1", 2025,
			count(indicator.CTEParticipants, indicator.All, 64),
			count(indicator.CTEParticipants, "Construction", 60),
			count(indicator.CTEParticipants, "Education", 4),
			count(indicator.CTEConcentrators, indicator.All, 30),
			count(indicator.CTEConcentrators, "Construction", 27),
			count(indicator.CTEConcentrators, "Education", 3),
		),
	}
}

func TestExportTableCSVAndXLSX(t *testing.T) {
	table := charts.TableOf(charts.Enrollment, smallSchool().Input(10))
	require.NotEmpty(t, table.Rows)

	var csvOut bytes.Buffer
	require.NoError(t, WriteTableCSV(&csvOut, table))
	records, err := csv.NewReader(&csvOut).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, table.Header, records[0])
	assert.Equal(t, table.Rows, records[1:])
	assert.NotContains(t, csvOut.String(), ",4,", "hidden counts never reach an export")

	var xlsxOut bytes.Buffer
	require.NoError(t, WriteTableXLSX(&xlsxOut, table))
	f, err := excelize.OpenReader(&xlsxOut)
	require.NoError(t, err)
	defer f.Close()
	sheets := f.GetSheetList()
	require.Len(t, sheets, 1)
	got, err := f.GetRows(sheets[0])
	require.NoError(t, err)
	assert.Equal(t, table.Header, got[0])
	assert.Equal(t, len(table.Rows), len(got)-1)
	assert.Contains(t, flatten(got), "<10", "the hidden count keeps its mask")

	var numberCells, textValues int
	for i, line := range table.Rows {
		for j := 1; j < len(line); j++ {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			kind, err := f.GetCellType(sheets[0], cell)
			require.NoError(t, err)
			// A number cell carries no type attribute, which excelize
			// reads as CellTypeUnset; text is a shared string.
			isText := kind == excelize.CellTypeSharedString || kind == excelize.CellTypeInlineString
			if isPlainNumber(line[j]) {
				assert.False(t, isText, "%s holds %q", cell, line[j])
				numberCells++
			} else {
				assert.True(t, isText, "%s holds %q", cell, line[j])
				textValues++
			}
		}
	}
	assert.Positive(t, numberCells)
	assert.Positive(t, textValues)
}

func TestIsPlainNumber(t *testing.T) {
	for _, s := range []string{"0", "76", "0.25", "-3", "1610"} {
		assert.True(t, isPlainNumber(s), s)
	}
	for _, s := range []string{"", "<10", "*", "33%", "1e3", "NaN", "+5", "1.2.3", "-", "Inf"} {
		assert.False(t, isPlainNumber(s), s)
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

func TestSheetNameFitsExcel(t *testing.T) {
	assert.Equal(t, "Table", sheetName(""))
	assert.Equal(t, "Enrollment- North High-Cedar", sheetName("Enrollment: North High/Cedar"))
	assert.Len(t, []rune(sheetName(strings.Repeat("é", 40))), 31)
}

func TestExportChartPNG(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, WriteChartPNG(&out, smallSchool(), charts.Enrollment, 10))
	img, err := png.Decode(&out)
	require.NoError(t, err)
	assert.Equal(t, exportStyle.Width, img.Bounds().Dx())
	assert.Equal(t, exportStyle.Height, img.Bounds().Dy())

	var svg bytes.Buffer
	require.NoError(t, WriteChartSVG(&svg, smallSchool(), charts.Enrollment, 10))
	assert.Contains(t, svg.String(), "<svg")
}

func TestExportDashboardPDF(t *testing.T) {
	c, info := openController(t, demoDB(t))
	d, err := c.Load(context.Background(), Selection{SchoolID: info.Schools[0].ID, Year: info.Years[0]})
	require.NoError(t, err)

	var out bytes.Buffer
	require.NoError(t, WriteDashboardPDF(&out, d, 10, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)))
	if path := os.Getenv("READINESS_PDF_OUT"); path != "" {
		require.NoError(t, os.WriteFile(path, out.Bytes(), 0o644))
	}
	pdf := out.String()
	assert.True(t, strings.HasPrefix(pdf, "%PDF-"))
	assert.Equal(t, 1, strings.Count(pdf, "/Type /Page\n"), "one page")
	assert.Equal(t, len(charts.Kinds), strings.Count(pdf, "/Subtype /Image")-strings.Count(pdf, "/SMask"),
		"the four charts are embedded")
}

func TestPDFKeepsMinusSign(t *testing.T) {
	assert.Equal(t, "-0.6 since 2023-24", pdfSafe("−0.6 since 2023-24"))
	assert.Equal(t, "+33 since 2023-24", pdfSafe("+33 since 2023-24"))
}
