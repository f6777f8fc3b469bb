package data

import (
	"context"
	"errors"
)

// DemoOptions size the synthetic demo district.
type DemoOptions struct {
	Schools  int   // high schools; a skills center is added
	Students int   // students over all years
	Years    int   // school years, ending with the latest
	Seed     int64 // the same seed and options give the same data
}

// DefaultDemo is the demo district the app opens on the first run.
var DefaultDemo = DemoOptions{Schools: 6, Students: 6000, Years: 5, Seed: 1}

// GenerateDemo writes a synthetic district into a new database at path and
// marks it synthetic.
func GenerateDemo(ctx context.Context, path string, opt DemoOptions) error {
	return errors.New("demo is not built yet")
}
