package indicator

// Protect returns a copy of rows with Hidden and Text set for privacy with
// minimum n minN: counts from 1 to minN-1 become "<minN", derived values from
// 1 to minN-1 students become "*", complementary suppression hides a second
// cell of an additive breakdown, and staff values stay shown. With privacy
// off (minN 0), Text is the formatted value and nothing is hidden.
func Protect(rows []Row, minN int) []Row {
	out := append([]Row(nil), rows...)
	// TODO: privacy rules are not applied yet.
	return out
}
