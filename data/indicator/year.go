package indicator

import (
	"fmt"
	"strconv"
	"strings"
)

// FormatYear writes a school year stored by its ending calendar year in the
// form school leaders use: 2025 becomes "2024-25".
func FormatYear(end int) string {
	return fmt.Sprintf("%d-%02d", end-1, end%100)
}

// ParseYear reads a school year written as "2024-25", "2024-2025" or "2025"
// and returns its ending calendar year. Any other form, such as "2024-26",
// "25" or "FY25", is an error.
func ParseYear(s string) (int, error) {
	s = strings.TrimSpace(s)
	start, end, hasDash := strings.Cut(s, "-")
	if !hasDash {
		y, err := parseFourDigits(s)
		if err != nil {
			return 0, fmt.Errorf("invalid school year %q: expected 2024-25, 2024-2025 or 2025", s)
		}
		return y, nil
	}

	first, err := parseFourDigits(start)
	if err != nil {
		return 0, fmt.Errorf("invalid school year %q: expected 2024-25, 2024-2025 or 2025", s)
	}
	switch len(end) {
	case 2:
		n, err := strconv.Atoi(end)
		if err == nil && n == (first+1)%100 && isDigits(end) {
			return first + 1, nil
		}
	case 4:
		n, err := parseFourDigits(end)
		if err == nil && n == first+1 {
			return n, nil
		}
	}
	return 0, fmt.Errorf("invalid school year %q: the second year must follow the first, as in 2024-25", s)
}

func parseFourDigits(s string) (int, error) {
	if len(s) != 4 || !isDigits(s) {
		return 0, fmt.Errorf("not a four-digit year: %q", s)
	}
	n, _ := strconv.Atoi(s)
	if n < 1900 || n > 2200 {
		return 0, fmt.Errorf("year out of range: %q", s)
	}
	return n, nil
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
