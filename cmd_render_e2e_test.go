package main

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"readiness/data"
)

func TestRenderDemoDistrict(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	require.NoError(t, data.GenerateDemo(context.Background(), db, data.DemoOptions{Schools: 2, Students: 600, Years: 3, Seed: 7}))

	for _, school := range []string{"ALL", "HS0001"} {
		out := filepath.Join(dir, school)
		code := runRender([]string{"-db", db, "-school", school, "-year", "2024-25", "-out", out, "-width", "960", "-height", "540"})
		require.Equal(t, 0, code, school)
		for _, kind := range []string{"enrollment", "credentials", "internships", "capacity", "trend"} {
			f, err := os.Open(filepath.Join(out, kind+".png"))
			require.NoError(t, err)
			img, err := png.Decode(f)
			f.Close()
			require.NoError(t, err, kind)
			assert.Equal(t, 960, img.Bounds().Dx(), kind)
			assert.Equal(t, 540, img.Bounds().Dy(), kind)
		}
	}

	out := filepath.Join(dir, "svg")
	require.Equal(t, 0, runRender([]string{"-db", db, "-school", "HS0001", "-year", "2025", "-out", out, "-format", "svg"}))
	svg, err := os.ReadFile(filepath.Join(out, "enrollment.svg"))
	require.NoError(t, err)
	assert.Contains(t, string(svg), "Career Cluster enrollment, ")
	assert.Contains(t, string(svg), "Synthetic demo data")
	assert.True(t, strings.HasPrefix(string(svg), "<svg "))

	assert.Equal(t, 1, runRender([]string{"-db", db, "-school", "NOPE", "-year", "2025", "-out", out}))
}
