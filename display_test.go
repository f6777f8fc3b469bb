package main

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCheckDisplayWithoutDisplay(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("Windows and macOS always have a display")
	}
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	assert.ErrorIs(t, checkDisplay(), errNoDisplay)

	t.Setenv("DISPLAY", ":0")
	assert.NoError(t, checkDisplay())
}

func TestGUIWithoutDisplayExitsCleanly(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("Windows and macOS always have a display")
	}
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	assert.Equal(t, 1, run(nil))
}
