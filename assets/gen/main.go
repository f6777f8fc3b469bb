// Command gen draws the Readiness icon and writes assets/icon.png (512 px,
// the icon FyneApp.toml names) and assets/icon.ico (the sizes Windows shows,
// each drawn at its own size). Run it from the assets folder with
// `go generate`, and commit both files.
package main

import (
	"fmt"
	"image"
	"image/png"
	"os"

	"readiness/assets/internal/icondraw"
)

// icoSizes are the sizes Windows picks from for Explorer, the taskbar and
// the title bar. Each is a multiple of the 16-unit drawing grid, so every
// edge lands on a whole pixel.
var icoSizes = []int{16, 32, 48, 64, 128, 256}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run() error {
	if err := writeFile("icon.png", func(f *os.File) error {
		return png.Encode(f, icondraw.Draw(512))
	}); err != nil {
		return err
	}

	var imgs []*image.NRGBA
	for _, size := range icoSizes {
		imgs = append(imgs, icondraw.Draw(size))
	}
	return writeFile("icon.ico", func(f *os.File) error {
		return icondraw.EncodeICO(f, imgs)
	})
}

func writeFile(name string, encode func(*os.File) error) error {
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("create %s: %w", name, err)
	}
	if err := encode(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	return f.Close()
}
