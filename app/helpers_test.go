package app

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"readiness/data"
)

// smallDemo is a demo district small enough to generate in each test that
// needs data, with some clusters under the minimum n.
var smallDemo = data.DemoOptions{Schools: 3, Students: 900, Years: 3, Seed: 7}

var (
	demoOnce sync.Once
	demoDir  string // removed by TestMain
	demoPath string
	demoErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if demoDir != "" {
		os.RemoveAll(demoDir)
	}
	os.Exit(code)
}

// demoDB returns the path of a copy of the small demo district in a new
// temporary folder. The demo is generated once per test run.
func demoDB(t *testing.T) string {
	t.Helper()
	demoOnce.Do(func() {
		demoDir, demoErr = os.MkdirTemp("", "readiness-app-demo")
		if demoErr != nil {
			return
		}
		demoPath = filepath.Join(demoDir, "demo.db")
		demoErr = data.GenerateDemo(context.Background(), demoPath, smallDemo)
	})
	require.NoError(t, demoErr)
	path := filepath.Join(t.TempDir(), "demo.db")
	require.NoError(t, copyFile(demoPath, path))
	return path
}

// openController opens path in a new controller closed at the end of the test.
func openController(t *testing.T, path string) (*Controller, Info) {
	t.Helper()
	c := NewController()
	info, err := c.Open(context.Background(), path)
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	return c, info
}

// newTestUI returns the app's window on a headless test app, with path open
// when it is not "".
func newTestUI(t *testing.T, path string) *UI {
	t.Helper()
	// The test app's storage root is os.TempDir: give each test its own.
	t.Setenv("TMPDIR", t.TempDir())
	a := test.NewTempApp(t)
	u := New(a)
	u.bg.queue = make(chan func(), 1024)
	u.demo = smallDemo
	u.w.Resize(u.w.Canvas().Size().Max(defaultWindowSize))
	if path != "" {
		u.Start(path)
		u.bg.wait()
	}
	t.Cleanup(func() {
		u.bg.wait()
		u.ctrl.Close()
	})
	return u
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}
