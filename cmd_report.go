package main

import (
	"fmt"
	"os"
)

// runReport is not built yet.
func runReport(args []string) int {
	fmt.Fprintln(os.Stderr, "readiness: this command is not available yet")
	return 1
}

// runDemo is not built yet.
func runDemo(args []string) int {
	fmt.Fprintln(os.Stderr, "readiness: this command is not available yet")
	return 1
}
