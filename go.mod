module readiness

go 1.26.8

require (
	fyne.io/fyne/v2 v2.7.2
	github.com/golang/freetype v0.0.0-20170609003504-e2365dfdc4a0
	github.com/mattn/go-sqlite3 v1.14.53
	github.com/stretchr/testify v1.12.1
	github.com/wcharczuk/go-chart/v2 v2.1.2
	golang.org/x/image v0.24.0
)

require go.yaml.in/yaml/v3 v3.0.5 // indirect
