// Package assets contains the files that ship inside the Readiness executable.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:generate go run ./gen

//go:embed icon.png
var iconPNG []byte

// Icon is the application icon: a 512 px PNG of three rising bars on a blue
// tile. FyneApp.toml names the same file for `fyne package`.
var Icon fyne.Resource = &fyne.StaticResource{StaticName: "icon.png", StaticContent: iconPNG}
