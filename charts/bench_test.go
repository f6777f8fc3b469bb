package charts

import (
	"bytes"
	"image/png"
	"testing"
)

// BenchmarkFourCharts draws the four dashboard charts at 1920x1080 through
// the screen path (Render) and through the naive path (PNG encode, then
// decode), side by side in one run.
func BenchmarkFourCharts(b *testing.B) {
	in := lincolnHigh()
	st := Style{Width: 1920, Height: 1080}
	if err := LoadFonts(); err != nil {
		b.Fatal(err)
	}
	b.Run("screen", func(b *testing.B) {
		for b.Loop() {
			for _, kind := range Kinds {
				if _, err := Render(kind, in, st); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("png-roundtrip", func(b *testing.B) {
		var buf bytes.Buffer
		for b.Loop() {
			for _, kind := range Kinds {
				buf.Reset()
				if err := WritePNG(&buf, kind, in, st); err != nil {
					b.Fatal(err)
				}
				if _, err := png.Decode(&buf); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
