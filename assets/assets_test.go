package assets

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"readiness/assets/internal/icondraw"
)

func TestIconResource(t *testing.T) {
	assert.Equal(t, "icon.png", Icon.Name())

	img, err := png.Decode(bytes.NewReader(Icon.Content()))
	require.NoError(t, err)
	assert.Equal(t, image.Pt(512, 512), img.Bounds().Size())
}

// The committed PNG must be what the generator draws today, so a change to the
// drawing cannot ship without running `go generate` in assets.
func TestIconPNGIsCurrent(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(iconPNG))
	require.NoError(t, err)

	assertSamePixels(t, icondraw.Draw(512), img)
}

func TestIconICOIsCurrent(t *testing.T) {
	raw, err := os.ReadFile("icon.ico")
	require.NoError(t, err)

	imgs := decodeICO(t, raw)
	var sizes []int
	for _, img := range imgs {
		sizes = append(sizes, img.Bounds().Dx())
	}
	assert.Equal(t, []int{16, 32, 48, 64, 128, 256}, sizes)

	for _, img := range imgs {
		assertSamePixels(t, icondraw.Draw(img.Bounds().Dx()), img)
	}
}

// At 16 px each bar must stand out from the tile behind it. WCAG 2.1 requires
// a contrast of 3:1 for graphical objects.
func TestIcon16pxContrast(t *testing.T) {
	img := icondraw.Draw(16)
	tile := img.NRGBAAt(2, 14)
	bars := map[string]image.Point{"short bar": {4, 9}, "middle bar": {7, 7}, "tall bar": {10, 4}, "baseline": {12, 11}}

	assert.Equal(t, uint8(0xFF), tile.A, "tile pixel is opaque")
	for name, at := range bars {
		bar := img.NRGBAAt(at.X, at.Y)
		assert.Equal(t, uint8(0xFF), bar.A, "%s pixel is opaque", name)
		assert.GreaterOrEqual(t, contrastRatio(bar, tile), 3.0, "%s against the tile", name)
	}
}

// Every bar edge lies on the 16-unit grid, so at 16 px the pixels inside the
// tile are either bar or tile color, never a blend of the two.
func TestIcon16pxSharpEdges(t *testing.T) {
	img := icondraw.Draw(16)
	white := color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	amber := color.NRGBA{0xFF, 0xC2, 0x1A, 0xFF}

	// Row 10 crosses all three bars and the gaps between them.
	for x := 3; x <= 12; x++ {
		c := img.NRGBAAt(x, 10)
		isBar := c == white || c == amber
		isTile := c.B > c.R && c.A == 0xFF
		assert.True(t, isBar || isTile, "pixel (%d, 10) is %v, a blend", x, c)
	}
}

// The corner pixel lies outside the tile's rounded corner but for a sliver:
// at 16 px the 3 px radius still covers a few per cent of it.
func TestIconCornersTransparent(t *testing.T) {
	for _, size := range []int{16, 512} {
		img := icondraw.Draw(size)
		last := size - 1
		for _, p := range []image.Point{{0, 0}, {last, 0}, {0, last}, {last, last}} {
			assert.Less(t, img.NRGBAAt(p.X, p.Y).A, uint8(16), "%d px corner %v", size, p)
		}
	}
}

func TestEncodeICORejectsNonSquare(t *testing.T) {
	var buf bytes.Buffer
	err := icondraw.EncodeICO(&buf, []*image.NRGBA{image.NewNRGBA(image.Rect(0, 0, 16, 32))})
	assert.ErrorContains(t, err, "square")
}

func assertSamePixels(t *testing.T, want *image.NRGBA, got image.Image) {
	t.Helper()
	require.Equal(t, want.Bounds(), got.Bounds())
	diffs := 0
	for y := 0; y < want.Bounds().Dy(); y++ {
		for x := 0; x < want.Bounds().Dx(); x++ {
			if color.NRGBAModel.Convert(got.At(x, y)) != want.NRGBAAt(x, y) {
				diffs++
			}
		}
	}
	assert.Zero(t, diffs, "%d px image: pixels that differ from the drawing; run `go generate` in assets", want.Bounds().Dx())
}

// decodeICO reads an icon file as EncodeICO writes it: PNG entries and
// 32-bit bottom-up bitmaps.
func decodeICO(t *testing.T, raw []byte) []image.Image {
	t.Helper()
	le := binary.LittleEndian
	require.GreaterOrEqual(t, len(raw), 6)
	require.Equal(t, uint16(1), le.Uint16(raw[2:]), "type is icon")
	count := int(le.Uint16(raw[4:]))

	var imgs []image.Image
	for i := 0; i < count; i++ {
		entry := raw[6+16*i:]
		size := int(entry[0])
		if size == 0 {
			size = 256
		}
		length := le.Uint32(entry[8:])
		offset := le.Uint32(entry[12:])
		data := raw[offset : offset+length]

		if bytes.HasPrefix(data, []byte("\x89PNG")) {
			img, err := png.Decode(bytes.NewReader(data))
			require.NoError(t, err)
			require.Equal(t, size, img.Bounds().Dx(), "directory size of entry %d", i)
			imgs = append(imgs, img)
			continue
		}

		require.Equal(t, uint32(40), le.Uint32(data), "bitmap header size of entry %d", i)
		require.Equal(t, uint32(size), le.Uint32(data[4:]), "bitmap width of entry %d", i)
		require.Equal(t, uint32(2*size), le.Uint32(data[8:]), "bitmap height (color and mask) of entry %d", i)
		require.Equal(t, uint16(32), le.Uint16(data[14:]), "bits per pixel of entry %d", i)
		img := image.NewNRGBA(image.Rect(0, 0, size, size))
		pixels := data[40:]
		for y := 0; y < size; y++ {
			for x := 0; x < size; x++ {
				p := pixels[4*((size-1-y)*size+x):]
				img.SetNRGBA(x, y, color.NRGBA{p[2], p[1], p[0], p[3]})
			}
		}
		imgs = append(imgs, img)
	}
	return imgs
}

// contrastRatio is the WCAG 2 contrast ratio of two opaque colors.
func contrastRatio(a, b color.NRGBA) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.NRGBA) float64 {
	channel := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(c.R) + 0.7152*channel(c.G) + 0.0722*channel(c.B)
}
