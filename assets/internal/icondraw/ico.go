package icondraw

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
	"io"
)

// pngMinSize is the smallest image size that EncodeICO stores as PNG.
const pngMinSize = 64

// EncodeICO writes imgs, in the order given, as one Windows icon file.
// Images under 64 px are stored as
// 32-bit bitmaps with an alpha channel, which every Windows version and icon
// tool reads. Larger ones are stored as PNG, which Windows reads since Vista
// and which keeps the 128 and 256 px images small. Each image must be square
// and at most 256 px.
func EncodeICO(w io.Writer, imgs []*image.NRGBA) error {
	entries := make([][]byte, len(imgs))
	for i, img := range imgs {
		size := img.Bounds().Dx()
		if size != img.Bounds().Dy() || size < 1 || size > 256 {
			return fmt.Errorf("encode icon: image %d is %v, want a square of 1 to 256 px", i, img.Bounds().Size())
		}
		var buf bytes.Buffer
		if size >= pngMinSize {
			if err := png.Encode(&buf, img); err != nil {
				return fmt.Errorf("encode icon: %d px image: %w", size, err)
			}
		} else {
			writeDIB(&buf, img)
		}
		entries[i] = buf.Bytes()
	}

	// ICONDIR, then one 16-byte ICONDIRENTRY per image, then the images.
	var out bytes.Buffer
	le := binary.LittleEndian
	out.Write(le.AppendUint16(nil, 0))
	out.Write(le.AppendUint16(nil, 1)) // type 1: icon
	out.Write(le.AppendUint16(nil, uint16(len(imgs))))
	offset := 6 + 16*len(imgs)
	for i, img := range imgs {
		size := img.Bounds().Dx()
		dim := byte(size) // 0 stands for 256
		out.Write([]byte{dim, dim, 0, 0})
		out.Write(le.AppendUint16(nil, 1))  // color planes
		out.Write(le.AppendUint16(nil, 32)) // bits per pixel
		out.Write(le.AppendUint32(nil, uint32(len(entries[i]))))
		out.Write(le.AppendUint32(nil, uint32(offset)))
		offset += len(entries[i])
	}
	for _, e := range entries {
		out.Write(e)
	}
	_, err := w.Write(out.Bytes())
	return err
}

// writeDIB writes img as an icon bitmap: a BITMAPINFOHEADER whose height
// counts the color rows and the mask rows, the BGRA rows bottom up, then a
// 1-bit AND mask padded to 32-bit rows. The mask marks fully transparent
// pixels, for programs that ignore the alpha channel.
func writeDIB(buf *bytes.Buffer, img *image.NRGBA) {
	le := binary.LittleEndian
	size := img.Bounds().Dx()
	maskStride := (size + 31) / 32 * 4

	buf.Write(le.AppendUint32(nil, 40)) // header size
	buf.Write(le.AppendUint32(nil, uint32(size)))
	buf.Write(le.AppendUint32(nil, uint32(2*size)))
	buf.Write(le.AppendUint16(nil, 1))  // planes
	buf.Write(le.AppendUint16(nil, 32)) // bits per pixel
	buf.Write(le.AppendUint32(nil, 0))  // BI_RGB: no compression
	buf.Write(le.AppendUint32(nil, uint32(size*size*4+size*maskStride)))
	buf.Write(make([]byte, 16)) // resolution and palette counts: unused

	for y := size - 1; y >= 0; y-- {
		for x := 0; x < size; x++ {
			c := img.NRGBAAt(x, y)
			buf.Write([]byte{c.B, c.G, c.R, c.A})
		}
	}
	for y := size - 1; y >= 0; y-- {
		row := make([]byte, maskStride)
		for x := 0; x < size; x++ {
			if img.NRGBAAt(x, y).A == 0 {
				row[x/8] |= 0x80 >> (x % 8)
			}
		}
		buf.Write(row)
	}
}
