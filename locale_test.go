package main

import (
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCUTF8LocaleQuiet starts this test binary again under LANG=C.UTF-8, the
// default of Debian containers, and checks that Fyne's package init logs no
// locale error, which it did before package localeenv set LANGUAGE.
func TestCUTF8LocaleQuiet(t *testing.T) {
	if os.Getenv("READINESS_LOCALE_CHILD") == "1" {
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestCUTF8LocaleQuiet$")
	cmd.Env = append(os.Environ(), "READINESS_LOCALE_CHILD=1", "LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	assert.NotContains(t, string(out), "Error parsing user locale")
}
