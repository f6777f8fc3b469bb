package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"readiness/charts"
)

// Theme names as stored in the preferences.
const (
	ThemeLight        = "light"
	ThemeDark         = "dark"
	ThemeHighContrast = "high contrast"
)

// themeNames are the choices of the preferences dialog, in order.
var themeNames = []string{ThemeLight, ThemeDark, ThemeHighContrast}

// appTheme is Fyne's default theme with a fixed variant, optionally high
// contrast, with text sizes multiplied by textScale (1 for the main window).
type appTheme struct {
	variant      fyne.ThemeVariant
	highContrast bool
	textScale    float32
}

// newAppTheme returns the theme of a preference name; an unknown name is light.
func newAppTheme(name string) *appTheme {
	switch name {
	case ThemeDark:
		return &appTheme{variant: theme.VariantDark, textScale: 1}
	case ThemeHighContrast:
		return &appTheme{variant: theme.VariantLight, highContrast: true, textScale: 1}
	}
	return &appTheme{variant: theme.VariantLight, textScale: 1}
}

// meetingTheme is the projected screen's theme: high contrast, large type.
func meetingTheme() *appTheme {
	return &appTheme{variant: theme.VariantLight, highContrast: true, textScale: 2}
}

// chartTheme returns the chart colours that match the theme.
func (t *appTheme) chartTheme() charts.Theme {
	switch {
	case t.highContrast:
		return charts.HighContrast
	case t.variant == theme.VariantDark:
		return charts.Dark
	}
	return charts.Light
}

// The high-contrast colours: black on white, as the charts' high-contrast
// palette draws, which also projects well in a lit room.
var (
	contrastBackground = color.White
	contrastForeground = color.Black
	contrastAccent     = color.NRGBA{R: 0x00, G: 0x44, B: 0x88, A: 0xff} // dark blue
	contrastSurface    = color.NRGBA{R: 0xe6, G: 0xe6, B: 0xe6, A: 0xff}
	contrastHover      = color.NRGBA{R: 0xc8, G: 0xc8, B: 0xc8, A: 0xff}
	contrastSelection  = color.NRGBA{R: 0x99, G: 0xbb, B: 0xdd, A: 0xff}
)

func (t *appTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if t.highContrast {
		switch n {
		case theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameOverlayBackground, theme.ColorNameMenuBackground:
			return contrastBackground
		case theme.ColorNameForeground, theme.ColorNameInputBorder, theme.ColorNameSeparator, theme.ColorNamePlaceHolder, theme.ColorNameDisabled, theme.ColorNameScrollBar:
			return contrastForeground
		case theme.ColorNamePrimary, theme.ColorNameFocus, theme.ColorNameHyperlink:
			return contrastAccent
		case theme.ColorNameForegroundOnPrimary:
			return contrastBackground
		case theme.ColorNameButton, theme.ColorNameHeaderBackground, theme.ColorNameDisabledButton:
			return contrastSurface
		case theme.ColorNameHover, theme.ColorNamePressed:
			return contrastHover
		case theme.ColorNameSelection:
			return contrastSelection
		case theme.ColorNameShadow:
			return color.Transparent
		}
	}
	return theme.DefaultTheme().Color(n, t.variant)
}

func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *appTheme) Size(n fyne.ThemeSizeName) float32 {
	size := theme.DefaultTheme().Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText, theme.SizeNameCaptionText, theme.SizeNameInlineIcon:
		return size * t.textScale
	}
	return size
}
