package indicator

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
)

// ReportHeader is the header row of the long report form.
var ReportHeader = []string{"school_id", "school_year", "indicator", "dimension", "value"}

// reportRecord is one row of the long report form as JSON writes it.
type reportRecord struct {
	SchoolID   string `json:"school_id"`
	SchoolYear string `json:"school_year"`
	Indicator  string `json:"indicator"`
	Dimension  string `json:"dimension"`
	Value      string `json:"value"`
}

func recordOf(r Row) reportRecord {
	return reportRecord{r.SchoolID, FormatYear(r.Year), r.Indicator, r.Dimension, r.Text}
}

// WriteCSV writes rows in the long report form, header first, in the order
// given. The value column is each row's Text, so pass rows through Protect
// first.
func WriteCSV(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ReportHeader); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	for _, r := range rows {
		rec := recordOf(r)
		if err := cw.Write([]string{rec.SchoolID, rec.SchoolYear, rec.Indicator, rec.Dimension, rec.Value}); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// WriteJSON writes rows as a JSON array of objects with the keys of the
// long report form. Each value is a string, as in the CSV form, since a
// hidden value reads "<10" or "*" and a missing one "".
func WriteJSON(w io.Writer, rows []Row) error {
	records := make([]reportRecord, 0, len(rows))
	for _, r := range rows {
		records = append(records, recordOf(r))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(records); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}
