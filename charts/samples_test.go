package charts

import (
	"flag"
	"image"
	"image/color"
	imagedraw "image/draw"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

var samples = flag.String("samples", "", "write sample PNGs of every chart at 1280x720 into this directory")

// TestWriteSamples writes the charts of the test school for people to look
// at, such as into docs/img. It runs only with -samples DIR.
func TestWriteSamples(t *testing.T) {
	if *samples == "" {
		t.Skip("run with -samples DIR to write sample images")
	}
	require.NoError(t, os.MkdirAll(*samples, 0o755))
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	write := func(name string, kind Kind, in Input, st Style) {
		img, err := Render(kind, in, st)
		require.NoError(t, err)
		f, err := os.Create(filepath.Join(*samples, name+".png"))
		require.NoError(t, err)
		require.NoError(t, enc.Encode(f, paletted(img)))
		require.NoError(t, f.Close())
	}
	in := lincolnHigh()
	for _, kind := range allKinds {
		write(string(kind), kind, in, Style{Width: 1280, Height: 720})
	}
	write("enrollment-dark", Enrollment, in, Style{Width: 1280, Height: 720, Theme: Dark})
	write("capacity-contrast", Capacity, in, Style{Width: 1280, Height: 720, Theme: HighContrast})
	write("internships-empty", Internships, edgeCases()["empty"], Style{Width: 1280, Height: 720})
}

// paletted reduces img to its 256 most frequent colours, which keeps sample
// files small; edge pixels of text take the nearest of them.
func paletted(img *image.RGBA) *image.Paletted {
	freq := map[color.RGBA]int{}
	for i := 0; i+3 < len(img.Pix); i += 4 {
		freq[color.RGBA{img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3]}]++
	}
	colors := make([]color.RGBA, 0, len(freq))
	for c := range freq {
		colors = append(colors, c)
	}
	sort.Slice(colors, func(i, j int) bool { return freq[colors[i]] > freq[colors[j]] })
	var pal color.Palette
	for i := 0; i < len(colors) && i < 256; i++ {
		pal = append(pal, colors[i])
	}
	out := image.NewPaletted(img.Bounds(), pal)
	imagedraw.Draw(out, img.Bounds(), img, image.Point{}, imagedraw.Src)
	return out
}
