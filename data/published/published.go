// Package published translates files that publishers release already
// aggregated per school, such as state report cards, into the standard
// import rows of schools and reported_indicators.
package published

// Row is one standard import row translated from a published file.
type Row struct {
	Kind      string            // a standard kind: "schools" or "reported_indicators"
	Fields    map[string]string // standard column name -> value (reported_indicators may carry "display", the publisher's mask text such as "<10" or ">95%")
	Column    string            // the original column the value came from, for error messages
	IfMissing bool              // for "schools": insert only when the school_id is not stored yet (never overwrite a directory row)
}

// Format translates the records of one published file layout.
type Format interface {
	Name() string // such as "NC DPI CTE concentrators by school and cluster"
	// Translate turns one record, keyed by the file's own header names, into zero or more rows.
	Translate(record map[string]string) ([]Row, error)
}

// Detect returns the Format whose header this is.
func Detect(header []string) (Format, bool) {
	// NOTE: no published layout is known yet, so every header is rejected.
	return nil, false
}
