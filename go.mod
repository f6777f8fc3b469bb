module readiness

go 1.26.8

require (
	fyne.io/fyne/v2 v2.7.2
	github.com/mattn/go-sqlite3 v1.14.53
	github.com/stretchr/testify v1.12.1
)

require go.yaml.in/yaml/v3 v3.0.5 // indirect
