package indicator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseYearAcceptedForms(t *testing.T) {
	for _, s := range []string{"2024-25", "2024-2025", "2025", " 2025 "} {
		y, err := ParseYear(s)
		require.NoError(t, err, s)
		assert.Equal(t, 2025, y, s)
	}
	y, err := ParseYear("1999-00")
	require.NoError(t, err)
	assert.Equal(t, 2000, y)
}

func TestParseYearRejectedForms(t *testing.T) {
	for _, s := range []string{"2024-26", "25", "FY25", "2024-2026", "", "2024/25", "20245", "2024-", "-25", "2024-+5", "２０２５"} {
		_, err := ParseYear(s)
		assert.Error(t, err, s)
	}
}

func TestFormatYear(t *testing.T) {
	assert.Equal(t, "2024-25", FormatYear(2025))
	assert.Equal(t, "1999-00", FormatYear(2000))
}
