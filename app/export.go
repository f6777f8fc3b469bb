package app

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/xuri/excelize/v2"

	"readiness/charts"
	"readiness/data/indicator"
)

// Exports always apply privacy: the callers pass the minimum n in force,
// never 0. Charts are exported in the light theme, which prints well.

// exportStyle is the size of an exported chart image.
var exportStyle = charts.Style{Width: 1200, Height: 700, Scale: 1, Theme: charts.Light}

// WriteChartPNG writes one chart of the dashboard as PNG, privacy applied at
// minimum n minN.
func WriteChartPNG(w io.Writer, d *Dashboard, kind charts.Kind, minN int) error {
	if err := charts.WritePNG(w, kind, d.Input(minN), exportStyle); err != nil {
		return fmt.Errorf("draw %s chart: %w", kind, err)
	}
	return nil
}

// WriteChartSVG writes one chart of the dashboard as SVG, privacy applied at
// minimum n minN.
func WriteChartSVG(w io.Writer, d *Dashboard, kind charts.Kind, minN int) error {
	if err := charts.WriteSVG(w, kind, d.Input(minN), exportStyle); err != nil {
		return fmt.Errorf("draw %s chart: %w", kind, err)
	}
	return nil
}

// WriteTableCSV writes a chart's table as CSV: the header row, then a row
// per line of the table.
func WriteTableCSV(w io.Writer, t charts.Table) error {
	cw := csv.NewWriter(w)
	cw.Write(t.Header)
	cw.WriteAll(t.Rows)
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write table %q as CSV: %w", t.Title, err)
	}
	return nil
}

// WriteTableXLSX writes a chart's table as an .xlsx workbook of one sheet.
// A value that is a plain number becomes a number cell, so it sums and
// sorts in Excel. Every other cell, such as a mask ("<10", "*") or a
// percentage, is text as shown, and so is the first column of row labels.
func WriteTableXLSX(w io.Writer, t charts.Table) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := sheetName(t.Title)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("name sheet %q: %w", sheet, err)
	}
	for i, line := range append([][]string{t.Header}, t.Rows...) {
		cells := make([]any, len(line))
		for j, s := range line {
			cells[j] = s
			if v, err := strconv.ParseFloat(s, 64); err == nil && i > 0 && j > 0 && isPlainNumber(s) {
				cells[j] = v
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &cells); err != nil {
			return fmt.Errorf("write row %d of table %q: %w", i+1, t.Title, err)
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write table %q as .xlsx: %w", t.Title, err)
	}
	return nil
}

// isPlainNumber reports whether s is written only with digits, at most one
// decimal point and a leading minus, so that "1e3", "NaN" or "+5", which
// ParseFloat also takes, stay text.
func isPlainNumber(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '-' && i == 0, r == '.':
		default:
			return false
		}
	}
	return digits > 0 && strings.Count(s, ".") <= 1
}

// sheetName makes a title fit Excel's sheet name rules: at most 31
// characters, none of : \ / ? * [ ].
func sheetName(title string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, title)
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	if strings.TrimSpace(name) == "" {
		return "Table"
	}
	return name
}

// TableTSV writes a table as tab-separated text for the clipboard, header
// first. Tabs and line breaks inside cells become spaces.
func TableTSV(header []string, rows [][]string) string {
	var b strings.Builder
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	for _, line := range append([][]string{header}, rows...) {
		for i, s := range line {
			if i > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(clean.Replace(s))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// Page layout of the dashboard PDF, in millimetres on US Letter landscape.
const (
	pdfMargin       = 10.0
	pdfChartWidthPx = 640 // chart size at scale 1; drawn at scale 2 for print
	pdfChartHeight  = 375
)

// WriteDashboardPDF writes the school dashboard as a one-page PDF for a board
// packet: title, headline figures and the four charts, privacy applied at
// minimum n minN. now is the date printed in the footer.
func WriteDashboardPDF(w io.Writer, d *Dashboard, minN int, now time.Time) error {
	pdf := fpdf.New("L", "mm", "Letter", "")
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	pdf.AddPage()
	toCP1252 := pdf.UnicodeTranslatorFromDescriptor("") // UTF-8 to the core fonts' cp1252
	tr := func(s string) string { return toCP1252(pdfSafe(s)) }
	pageW, pageH := pdf.GetPageSize()
	contentW := pageW - 2*pdfMargin

	pdf.SetFont("Helvetica", "B", 18)
	pdf.CellFormat(contentW, 9, tr(d.Place+" — "+indicator.FormatYear(d.Year)), "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 10)
	sub := "Career and Technical Education readiness"
	if d.SchoolID != indicator.AllSchools {
		sub += ", " + d.DistrictName
	}
	pdf.CellFormat(contentW, 5, tr(sub), "", 1, "L", false, 0, "")
	if d.Synthetic {
		pdf.SetFillColor(255, 221, 87)
		pdf.SetFont("Helvetica", "B", 10)
		pdf.CellFormat(contentW, 6, tr(syntheticBanner), "", 1, "C", true, 0, "")
	}
	pdf.Ln(2)

	writePDFHeadlines(pdf, tr, d.Headlines(minN), contentW)

	if err := writePDFCharts(pdf, d, minN, contentW, pageH-pdf.GetY()-pdfMargin-8); err != nil {
		return err
	}

	pdf.SetXY(pdfMargin, pageH-pdfMargin-5)
	pdf.SetFont("Helvetica", "", 8)
	pdf.SetTextColor(80, 80, 80)
	note := fmt.Sprintf("Privacy applied: student counts under %d are shown as <%d and values derived from fewer than %d students as *. Made with Readiness on %s.",
		minN, minN, minN, now.Format("January 2, 2006"))
	pdf.CellFormat(contentW, 5, tr(note), "", 0, "L", false, 0, "")

	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write dashboard PDF of %s: %w", d.Place, err)
	}
	return nil
}

func writePDFHeadlines(pdf *fpdf.Fpdf, tr func(string) string, list []Headline, contentW float64) {
	boxW := contentW / float64(len(list))
	x, y := pdfMargin, pdf.GetY()
	for i, h := range list {
		left := x + float64(i)*boxW
		pdf.SetDrawColor(200, 200, 200)
		pdf.Rect(left+1, y, boxW-2, 24, "D")
		pdf.SetXY(left+2, y+1)
		pdf.SetFont("Helvetica", "", 8)
		pdf.CellFormat(boxW-4, 4, tr(h.Label), "", 2, "L", false, 0, "")
		pdf.SetFont("Helvetica", "B", 15)
		pdf.CellFormat(boxW-4, 8, tr(h.Value), "", 2, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", 7)
		pdf.CellFormat(boxW-4, 4, tr(h.Change), "", 2, "L", false, 0, "")
		pdf.CellFormat(boxW-4, 4, tr(h.District), "", 2, "L", false, 0, "")
	}
	pdf.SetXY(pdfMargin, y+27)
}

// writePDFCharts draws the four charts in a 2x2 grid filling width by height
// millimetres from the current position.
func writePDFCharts(pdf *fpdf.Fpdf, d *Dashboard, minN int, width, height float64) error {
	in := d.Input(minN)
	st := charts.Style{Width: pdfChartWidthPx, Height: pdfChartHeight, Scale: 2, Theme: charts.Light}
	cellW, cellH := width/2, height/2
	imgW := cellW - 2
	imgH := imgW * pdfChartHeight / pdfChartWidthPx
	if imgH > cellH-2 {
		imgH = cellH - 2
		imgW = imgH * pdfChartWidthPx / pdfChartHeight
	}
	top := pdf.GetY()
	for i, kind := range charts.Kinds {
		var buf bytes.Buffer
		if err := charts.WritePNG(&buf, kind, in, st); err != nil {
			return fmt.Errorf("draw %s chart: %w", kind, err)
		}
		name := "chart-" + string(kind)
		opt := fpdf.ImageOptions{ImageType: "PNG"}
		pdf.RegisterImageOptionsReader(name, opt, &buf)
		x := pdfMargin + float64(i%2)*cellW + (cellW-imgW)/2
		y := top + float64(i/2)*cellH
		pdf.ImageOptions(name, x, y, imgW, imgH, false, opt, 0, "")
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("place %s chart in PDF: %w", kind, err)
		}
	}
	return nil
}

// pdfSafe replaces the minus sign (U+2212) of the headline changes with a
// hyphen-minus. The PDF's core fonts use cp1252, which has no minus sign, so
// the translator would drop it and turn a fall into a rise.
func pdfSafe(s string) string {
	return strings.ReplaceAll(s, "\u2212", "-")
}
