package data

// fileReport collects the errors and warnings of one file or sheet.
type fileReport struct {
	file, sheet string
	errors      []Problem
	more        int // errors beyond maxErrorsPerFile
	warnings    []Problem
}

func (r *fileReport) problem(line int, column, value, message string) Problem {
	return Problem{File: r.file, Sheet: r.sheet, Line: line, Column: column, Value: value, Message: message}
}

// fail records an error, keeping the first maxErrorsPerFile and counting
// the rest.
func (r *fileReport) fail(line int, column, value, message string) {
	if len(r.errors) >= maxErrorsPerFile {
		r.more++
		return
	}
	r.errors = append(r.errors, r.problem(line, column, value, message))
}

func (r *fileReport) warn(line int, column, value, message string) {
	r.warnings = append(r.warnings, r.problem(line, column, value, message))
}

func (r *fileReport) errorCount() int { return len(r.errors) + r.more }

// reportList is the reports of every file of one import.
type reportList []*fileReport

func (l *reportList) merge(other reportList) { *l = append(*l, other...) }

func (l reportList) errorCount() int {
	n := 0
	for _, r := range l {
		n += r.errorCount()
	}
	return n
}

func (l reportList) warnings() []Problem {
	var list []Problem
	for _, r := range l {
		list = append(list, r.warnings...)
	}
	return list
}

func (l reportList) importError() *ImportError {
	e := &ImportError{Warnings: l.warnings()}
	for _, r := range l {
		e.Problems = append(e.Problems, r.errors...)
		e.More += r.more
	}
	return e
}
