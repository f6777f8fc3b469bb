// Package localeenv sets LANGUAGE=en before Fyne reads the user's locale,
// where the locale is C.UTF-8 (the default of Debian containers) and
// LANGUAGE is unset. Fyne 2.7.2 takes the language from LC_ALL, LC_MESSAGES
// or LANG in the init function of its lang package, cannot parse "C.UTF-8",
// and logs "Error parsing user locale C" at the start of every command.
// LANGUAGE only picks message translations and changes no formatting.
//
// It is a module of its own only so that its import path sorts before
// "fyne.io/": Go initializes packages in import-path order among those whose
// imports are ready, so this init runs before Fyne's. Import it for its
// side effect from package main.
package localeenv

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		value := os.Getenv(name)
		if value == "" {
			continue
		}
		if strings.HasPrefix(value, "C.") {
			os.Setenv("LANGUAGE", "en")
		}
		return
	}
}
