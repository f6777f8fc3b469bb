package tabular

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readAll(t testing.TB, content []byte) ([][]string, []int, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "table.csv")
	require.NoError(t, os.WriteFile(path, content, 0o644))
	tables, err := Tables(path)
	require.NoError(t, err)
	rows, err := tables[0].Open()
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var records [][]string
	var lines []int
	for rows.Next() {
		records = append(records, append([]string(nil), rows.Record()...))
		lines = append(lines, rows.Line())
	}
	return records, lines, rows.Err()
}

func TestReadQuotedFieldsAndLines(t *testing.T) {
	records, lines, err := readAll(t, []byte("a;b\r\n\"x;1\";\"two\r\nlines\"\r\nz;\"say \"\"hi\"\"\"\r\n"))
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"a", "b"}, {"x;1", "two\nlines"}, {"z", `say "hi"`}}, records)
	assert.Equal(t, []int{1, 2, 4}, lines)
}

func TestReadWindows1252AfterASCII(t *testing.T) {
	content := []byte("name\n")
	for i := 0; i < 20000; i++ {
		content = append(content, "plain\n"...)
	}
	content = append(content, "caf\xe9\n"...)
	records, _, err := readAll(t, content)
	require.NoError(t, err)
	assert.Equal(t, "café", records[len(records)-1][0])
}

func TestReadMixedEncodingRejected(t *testing.T) {
	// The reader decides from the 64 KiB after the first non-ASCII byte, so
	// the stray Windows-1252 byte must come later.
	content := []byte("name\ncafé\n")
	for i := 0; i < 20000; i++ {
		content = append(content, "plain\n"...)
	}
	content = append(content, "caf\xe9\n"...)
	_, _, err := readAll(t, content)
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, 20003, pe.Line)
	assert.ErrorIs(t, err, ErrMixedEncoding)
}

func TestDetectDelimiter(t *testing.T) {
	assert.Equal(t, ';', detectDelimiter([]byte(`"a,b";c;d`+"\nx,y,z,w")))
	assert.Equal(t, ',', detectDelimiter([]byte("a,b,c")))
	assert.Equal(t, '\t', detectDelimiter([]byte("a\tb\tc,d")))
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("a,b\n1,2\n"))
	f.Add([]byte("\xef\xbb\xbfa;b\r\n\"1;\n2\";3\r\n"))
	f.Add([]byte("\xff\xfea\x00,\x00b\x00\n\x00"))
	f.Add([]byte("caf\xe9,x\n\"unclosed\n"))
	f.Fuzz(func(t *testing.T, content []byte) {
		_, lines, err := readAll(t, content)
		if errors.Is(err, ErrBinary) {
			return
		}
		for i := 1; i < len(lines); i++ {
			if lines[i] <= lines[i-1] {
				t.Fatalf("line numbers do not increase: %v", lines)
			}
		}
		if len(lines) > 0 && lines[0] < 1 {
			t.Fatalf("first line %d", lines[0])
		}
	})
}

func TestTablesRejectsOldWorkbooks(t *testing.T) {
	_, err := Tables(filepath.Join(t.TempDir(), "enrollments.xls"))
	assert.ErrorIs(t, err, ErrUnsupportedFormat)
	assert.EqualError(t, err, "unsupported file format .xls: save the workbook as .xlsx or CSV")
}

func TestOpenRejectsBinaryData(t *testing.T) {
	cases := map[string][]byte{
		"NUL bytes":          append([]byte("%PDF-1.7\n"), 0, 1, 2, 3, 'a', 'b'),
		"control characters": []byte("\x01\x02\x03\x04\x05a,b\x06\x07\x08\x0e\x0f"),
		"UTF-16 without BOM": {'i', 0, 'd', 0, '\n', 0},
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "table.csv")
			require.NoError(t, os.WriteFile(path, content, 0o644))
			tables, err := Tables(path)
			require.NoError(t, err)
			_, err = tables[0].Open()
			assert.ErrorIs(t, err, ErrBinary)
		})
	}
	records, _, err := readAll(t, []byte("a\tb\fc\r\n1\t2\t3\r\n"))
	require.NoError(t, err)
	assert.Len(t, records, 2)
}
