package published

import "fmt"

var pcrnColumns = []string{"state", "year", "education type", "student population", "total number of students"}

// pcrnConcentrators recognises the Perkins V "Customized Enrollment
// (Concentrators) Report": CTE concentrators by Career Cluster per state,
// split by secondary and postsecondary and by student group. It is
// recognised only to reject it with a clear reason.
type pcrnConcentrators struct{}

func newPCRNConcentrators(header) Format { return pcrnConcentrators{} }

func (pcrnConcentrators) Name() string {
	return "Perkins V CTE concentrators by state and Career Cluster"
}

// Translate rejects every record. The report contains state totals only, and
// Readiness stores values per school: stored under a school or a made-up
// state school, the totals would be added to the state's schools whenever a
// report covers every school.
func (pcrnConcentrators) Translate(map[string]string) ([]Row, error) {
	return nil, fmt.Errorf("import Perkins V concentrators report: %w: Readiness stores values per school, so keep this report as a state benchmark", ErrNotPerSchool)
}
