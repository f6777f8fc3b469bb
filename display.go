package main

import (
	"errors"
	"os"
	"runtime"
)

// errNoDisplay is returned by checkDisplay where the desktop app cannot open
// a window.
var errNoDisplay = errors.New("no display found: the desktop app needs a graphical session " +
	"(neither DISPLAY nor WAYLAND_DISPLAY is set); the commands demo, import, report, render " +
	"and check work without one")

// checkDisplay reports errNoDisplay on Linux and the BSDs when neither an X11
// nor a Wayland display is set, where GLFW would otherwise panic with
// "The GLFW library is not initialized". Windows and macOS always have one.
func checkDisplay() error {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios":
		return nil
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errNoDisplay
	}
	return nil
}
