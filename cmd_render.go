package main

import (
	"fmt"
	"os"
)

// runRender is not built yet.
func runRender(args []string) int {
	fmt.Fprintln(os.Stderr, "readiness: this command is not available yet")
	return 1
}
