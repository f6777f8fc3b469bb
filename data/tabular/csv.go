package tabular

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sniffSize is how far ahead the reader looks to decide the encoding (from
// the first byte that is not ASCII) and to find the header line.
const sniffSize = 64 << 10

// ParseError is a CSV syntax error, such as a quote that is never closed.
type ParseError struct {
	Line int // line where the broken record starts
	Err  error
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *ParseError) Unwrap() error { return e.Err }

// ErrMixedEncoding is returned for a line that is not valid UTF-8 in a file
// whose earlier text was UTF-8.
var ErrMixedEncoding = errors.New("text is not valid UTF-8 although earlier lines are: save the whole file as UTF-8")

type csvRows struct {
	file    *os.File
	counter *countingReader
	reader  *csv.Reader
	checker *encodingReader // nil for UTF-16 files, which the decoder validates
	record  []string
	line    int
	err     error
}

func openCSV(path string) (Rows, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	counter := &countingReader{r: f}
	raw := bufio.NewReaderSize(counter, sniffSize)
	text, checker, err := decode(raw)
	if err != nil {
		f.Close()
		return nil, err
	}

	buffered := bufio.NewReaderSize(text, sniffSize)
	head, err := buffered.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		f.Close()
		return nil, err
	}
	r := csv.NewReader(buffered)
	r.Comma = detectDelimiter(head)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	return &csvRows{file: f, counter: counter, reader: r, checker: checker}, nil
}

// decode returns the text of the file as UTF-8. A byte-order mark selects
// UTF-8 or UTF-16; without one, the encodingReader decides between UTF-8
// and Windows-1252.
func decode(raw *bufio.Reader) (io.Reader, *encodingReader, error) {
	bom, err := raw.Peek(3)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, nil, err
	}
	switch {
	case bytes.HasPrefix(bom, []byte{0xEF, 0xBB, 0xBF}):
		raw.Discard(3)
		e := &encodingReader{src: raw, mode: modeUTF8}
		return e, e, nil
	case bytes.HasPrefix(bom, []byte{0xFF, 0xFE}), bytes.HasPrefix(bom, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		return transform.NewReader(raw, dec), nil, nil
	}
	head, err := raw.Peek(binaryProbe)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, nil, err
	}
	if isBinary(head) {
		return nil, nil, ErrBinary
	}
	e := &encodingReader{src: raw}
	return e, e, nil
}

// ErrBinary is returned for a file that is not text, such as a PDF, an
// image or a workbook saved under a .csv name.
var ErrBinary = errors.New("not a CSV or .xlsx file: it contains binary data; export the data as CSV (UTF-8) or .xlsx")

// binaryProbe is how much of a file without byte-order mark is looked at to
// tell text from binary data.
const binaryProbe = 8 << 10

// isBinary reports whether head holds a NUL byte or more than one control
// character in ten. Text exports hold none but tabs, line ends and the odd
// form feed.
func isBinary(head []byte) bool {
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	control := 0
	for _, b := range head {
		if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7f {
			control++
		}
	}
	return control*10 > len(head)
}

// detectDelimiter picks the separator the header line uses most: comma,
// semicolon or tab. Separators inside quotes do not count.
func detectDelimiter(head []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, b := range head {
		if b == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if b == '\n' || b == '\r' {
			break
		}
		counts[b]++
	}
	best := byte(',')
	for _, d := range []byte{';', '\t'} {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return rune(best)
}

func (c *csvRows) Next() bool {
	if c.err != nil {
		return false
	}
	record, err := c.reader.Read()
	if err == io.EOF {
		return false
	}
	if err != nil {
		// FieldPos panics after an error, so the line comes from the error
		// or, for a failure of the decoder, from the last good record.
		line := c.line + 1
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			line, err = pe.StartLine, pe.Err
		}
		c.err = &ParseError{Line: line, Err: err}
		return false
	}
	c.line, _ = c.reader.FieldPos(0)
	if c.checker != nil && c.checker.mode == modeUTF8 {
		for _, field := range record {
			if !utf8.ValidString(field) {
				c.err = &ParseError{Line: c.line, Err: ErrMixedEncoding}
				return false
			}
		}
	}
	c.record = record
	return true
}

func (c *csvRows) Record() []string { return c.record }
func (c *csvRows) Line() int        { return c.line }
func (c *csvRows) Offset() int64    { return c.counter.n }
func (c *csvRows) Err() error       { return c.err }
func (c *csvRows) Close() error     { return c.file.Close() }

const (
	modeUndecided = iota
	modeUTF8
	modeWindows1252
)

// encodingReader passes ASCII through until the first byte above 0x7F. It
// then looks at the next 64 KiB: valid UTF-8 keeps the file UTF-8, anything
// else makes it Windows-1252, the encoding Excel on Windows writes CSV in.
type encodingReader struct {
	src     *bufio.Reader
	mode    int
	decoder io.Reader
}

func (e *encodingReader) Read(p []byte) (int, error) {
	switch e.mode {
	case modeUTF8:
		return e.src.Read(p)
	case modeWindows1252:
		return e.decoder.Read(p)
	}

	ahead, err := e.src.Peek(sniffSize)
	if len(ahead) == 0 {
		return 0, err
	}
	ascii := 0
	for ascii < len(ahead) && ahead[ascii] < utf8.RuneSelf {
		ascii++
	}
	if ascii > 0 {
		n := copy(p, ahead[:ascii])
		e.src.Discard(n)
		return n, nil
	}

	atEOF := err != nil
	if validUTF8Prefix(ahead, atEOF) {
		e.mode = modeUTF8
	} else {
		e.mode = modeWindows1252
		e.decoder = transform.NewReader(e.src, charmap.Windows1252.NewDecoder())
	}
	return e.Read(p)
}

// validUTF8Prefix reports whether b is valid UTF-8, allowing a sequence cut
// off at the end of b unless b is the end of the file.
func validUTF8Prefix(b []byte, atEOF bool) bool {
	if !atEOF {
		for back := 1; back <= utf8.UTFMax && back <= len(b); back++ {
			start := len(b) - back
			if utf8.RuneStart(b[start]) {
				if !utf8.FullRune(b[start:]) {
					b = b[:start]
				}
				break
			}
		}
	}
	return utf8.Valid(b)
}
