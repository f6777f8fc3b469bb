package main

import (
	"fmt"
	"os"
)

// runImport is not built yet.
func runImport(args []string) int {
	fmt.Fprintln(os.Stderr, "readiness: this command is not available yet")
	return 1
}

// runCheck is not built yet.
func runCheck(args []string) int {
	fmt.Fprintln(os.Stderr, "readiness: this command is not available yet")
	return 1
}
