package app

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"readiness/charts"
	"readiness/data/indicator"
)

// exportName is a file name for an export of the dashboard.
func (u *UI) exportName(what, ext string) string {
	name := fmt.Sprintf("%s %s %s", u.dash.Place, indicator.FormatYear(u.dash.Year), what)
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, name)
	return strings.TrimSpace(name) + "." + ext
}

// saveAs shows a save dialog and writes the chosen file with write on a
// goroutine. A failed
// export leaves no file behind.
func (u *UI) saveAs(name string, write func(io.Writer) error) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(fmt.Errorf("choose export file: %w", err))
			return
		}
		if w == nil {
			return
		}
		u.bg.run(func() func() {
			path := w.URI().Path()
			err := writeExport(w, write)
			return func() {
				if err != nil {
					os.Remove(path)
					u.showError(fmt.Errorf("export %s: %w", path, err))
					return
				}
				u.setStatus("Saved " + path + " (privacy applied).")
			}
		})
	}, u.w)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{filepath.Ext(name)}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// writeExport renders into memory first, so that an error leaves w empty,
// then writes and closes w.
func writeExport(w io.WriteCloser, write func(io.Writer) error) error {
	var buf bytes.Buffer
	err := write(&buf)
	if err == nil {
		_, err = w.Write(buf.Bytes())
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}

// hasDashboard reports whether a dashboard is loaded for export, and shows
// an error when none is.
func (u *UI) hasDashboard() bool {
	if u.dash == nil {
		u.showError(fmt.Errorf("export: no school dashboard is loaded; open a database and pick a school first"))
		return false
	}
	return true
}

func (u *UI) onExportChart(format string) {
	if !u.hasDashboard() {
		return
	}
	d, kind, minN := u.dash, u.current, u.exportMinN()
	name := u.exportName(chartLabels[kind], format)
	u.saveAs(name, func(w io.Writer) error {
		if format == "svg" {
			return WriteChartSVG(w, d, kind, minN)
		}
		return WriteChartPNG(w, d, kind, minN)
	})
}

func (u *UI) onExportTable(kind charts.Kind, format string) {
	if !u.hasDashboard() {
		return
	}
	t := charts.TableOf(kind, u.dash.Input(u.exportMinN()))
	name := u.exportName(chartLabels[kind]+" table", format)
	u.saveAs(name, func(w io.Writer) error {
		if format == "xlsx" {
			return WriteTableXLSX(w, t)
		}
		return WriteTableCSV(w, t)
	})
}

func (u *UI) onExportPDF() {
	if !u.hasDashboard() {
		return
	}
	d, minN := u.dash, u.exportMinN()
	u.saveAs(u.exportName("dashboard", "pdf"), func(w io.Writer) error {
		return WriteDashboardPDF(w, d, minN, time.Now())
	})
}
