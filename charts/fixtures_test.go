package charts

import (
	"math"
	"strconv"

	"readiness/data/cluster"
	"readiness/data/indicator"
)

// row builds a shown row as indicator.Protect leaves it with privacy off.
func row(ind, dim string, v float64) indicator.Row {
	text := strconv.FormatFloat(v, 'f', -1, 64)
	return indicator.Row{SchoolID: "LHS", Year: 2025, Indicator: ind, Dimension: dim,
		Value: v, HasValue: true, Students: int(v), Text: text}
}

// hidden builds a row that privacy hid. Its Value stays set, as Protect
// leaves it, so a chart that reads Value of a hidden row gets caught.
func hidden(ind, dim string, v float64, text string) indicator.Row {
	r := row(ind, dim, v)
	r.Hidden, r.Text = true, text
	return r
}

// lincolnHigh is a school with all 14 clusters, a hidden concentrator count
// (Value 7, shown as "<10"), hidden hours and a single-teacher cluster.
// Hand-worked: participants run 40, 55, ..., 235 in code order; the
// concentrators are a third of each (rounded down), except Education's.
func lincolnHigh() Input {
	var rows []indicator.Row
	for i, c := range cluster.Clusters2024 {
		part := float64(40 + 15*i)
		rows = append(rows, row(indicator.CTEParticipants, c.Name, part))
		if c.Name == "Education" {
			rows = append(rows, hidden(indicator.CTEConcentrators, c.Name, 7, "<10"))
		} else {
			rows = append(rows, row(indicator.CTEConcentrators, c.Name, float64(int(part/3))))
		}
		rows = append(rows,
			row(indicator.CredentialsEarned, c.Name, float64((i*7)%23)),
			row(indicator.SectionSeats, c.Name, float64(60+20*(i%5))),
			row(indicator.SectionEnrolled, c.Name, float64(45+19*(i%5))),
			row(indicator.UnmetRequests, c.Name, float64((i%4)*6)),
			row(indicator.TeacherFTE, c.Name, 0.5+float64(i%3)*0.75),
		)
		single := 0.0
		if i%4 == 1 {
			single = 1
		}
		rows = append(rows, row(indicator.SingleTeacherCluster, c.Name, single))
	}
	rows = append(rows,
		row(indicator.CTEParticipants, indicator.All, 1650),
		row(indicator.CTEConcentrators, indicator.All, 520),
		row(indicator.CredentialsEarned, indicator.Unassigned, 12),
		row(indicator.CredentialsEarned, indicator.All, 155),
		row(indicator.CredentialRate, indicator.All, 0.4231),
		row(indicator.WBLHours, "internship", 4820.5),
		row(indicator.WBLStudents, "internship", 61),
		row(indicator.WBLHours, "clinical", 2210),
		row(indicator.WBLStudents, "clinical", 34),
		row(indicator.WBLHours, "job_shadow", 312),
		row(indicator.WBLStudents, "job_shadow", 104),
		hidden(indicator.WBLHours, "apprenticeship", 900, "*"),
		hidden(indicator.WBLStudents, "apprenticeship", 4, "<10"),
		row(indicator.WBLHours, "school_based_enterprise", 655),
		row(indicator.WBLStudents, "school_based_enterprise", 22),
		row(indicator.WBLHours, indicator.All, 8897.5),
	)
	district := []indicator.Row{row(indicator.CredentialRate, indicator.All, 0.3812)}
	district[0].SchoolID = indicator.AllSchools
	history := map[int][]indicator.Row{}
	for y, v := range map[int]float64{2021: 1210, 2022: 1395, 2023: 1480, 2024: 1562} {
		history[y] = []indicator.Row{row(indicator.CTEParticipants, indicator.All, v)}
	}
	return Input{Place: "Lincoln High", Year: 2025, Rows: rows, District: district,
		History: history, MinN: 10}
}

// edgeCases are inputs that must each draw a clear chart.
func edgeCases() map[string]Input {
	one := []indicator.Row{
		row(indicator.CTEParticipants, "Digital Technology", 25),
		row(indicator.CTEConcentrators, "Digital Technology", 12),
		row(indicator.CredentialsEarned, "Digital Technology", 3),
		row(indicator.WBLHours, "internship", 120),
		row(indicator.WBLStudents, "internship", 1),
		row(indicator.SectionSeats, "Digital Technology", 30),
		row(indicator.SectionEnrolled, "Digital Technology", 25),
		row(indicator.UnmetRequests, "Digital Technology", 0),
		row(indicator.TeacherFTE, "Digital Technology", 1),
		row(indicator.SingleTeacherCluster, "Digital Technology", 1),
	}
	var zeros, huge, allHidden, long []indicator.Row
	for _, r := range lincolnHigh().Rows {
		z := r
		z.Value, z.Text, z.Students, z.Hidden = 0, "0", 0, false
		zeros = append(zeros, z)
		h := r
		h.Value *= 1e7
		if !h.Hidden {
			h.Text = strconv.FormatFloat(h.Value, 'f', -1, 64)
		}
		huge = append(huge, h)
		switch r.Indicator {
		case indicator.SectionSeats, indicator.TeacherFTE, indicator.SingleTeacherCluster:
			allHidden = append(allHidden, r) // staff values are never hidden
		default:
			allHidden = append(allHidden, hidden(r.Indicator, r.Dimension, 4, "<10"))
		}
	}
	for i, name := range []string{
		"Advanced Manufacturing, Mechatronics, Robotics and Industrial Maintenance Technology Academy of the Greater Metropolitan Region",
		"Supercalifragilisticexpialidociousprogramwithoutanyspacesatallinitsverylongname",
		"Digital Technology",
	} {
		long = append(long,
			row(indicator.CTEParticipants, name, float64(100*(i+1))),
			row(indicator.CTEConcentrators, name, float64(30*(i+1))),
			row(indicator.CredentialsEarned, name, float64(5*(i+1))),
			row(indicator.SectionSeats, name, 90),
			row(indicator.SectionEnrolled, name, 80),
			row(indicator.TeacherFTE, name, 1),
			row(indicator.WBLHours, "school_based_enterprise", 10),
		)
	}
	place := func(rows []indicator.Row) Input {
		return Input{Place: "Lincoln High", Year: 2025, Rows: rows, MinN: 10}
	}
	longIn := place(long)
	longIn.Place = "Abraham Lincoln Memorial Early College and Career Technical High School of the Eastern Valley"
	return map[string]Input{
		"empty":      {Place: "Lincoln High", Year: 2025},
		"one bar":    place(one),
		"all zeros":  place(zeros),
		"huge":       place(huge),
		"long names": longIn,
		"all hidden": place(allHidden),
		"odd values": place([]indicator.Row{
			row(indicator.CTEParticipants, "Construction", -5),
			row(indicator.CTEConcentrators, "Construction", math.NaN()),
			row(indicator.CTEParticipants, "Education", math.Inf(1)),
			row(indicator.CredentialsEarned, "Education", -3),
			row(indicator.CredentialRate, indicator.All, math.NaN()),
			row(indicator.WBLHours, "internship", math.Inf(1)),
			row(indicator.SectionSeats, "Education", -10),
			row(indicator.SectionEnrolled, "Education", math.NaN()),
			row(indicator.CTEParticipants, indicator.All, -1),
		}),
	}
}
