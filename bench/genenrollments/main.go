// Command genenrollments writes a synthetic district for the import
// benchmark: schools.csv and a cte_enrollments.csv of the size asked, with
// made-up student numbers. Its columns follow the order of the
// cte_enrollments table, so the sqlite3 CLI can .import the same file.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"readiness/data/cluster"
)

func main() {
	rows := flag.Int("rows", 1_000_000, "enrollment rows to write")
	dir := flag.String("out", ".", "`DIR` to write schools.csv and cte_enrollments.csv into")
	flag.Parse()
	if err := write(*dir, *rows); err != nil {
		log.Fatal(err)
	}
}

const schools = 12

func write(dir string, rows int) error {
	if err := writeFile(filepath.Join(dir, "schools.csv"), func(w *bufio.Writer) {
		fmt.Fprintln(w, "school_id,school_name,district_id,district_name")
		for s := 1; s <= schools; s++ {
			fmt.Fprintf(w, "%d,Synthetic High School %d,BENCH,Benchmark Unified\n", 1000+s, s)
		}
	}); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "cte_enrollments.csv"), func(w *bufio.Writer) {
		fmt.Fprintln(w, "student_id,school_id,school_year,course_id,section_id,term,career_cluster,course_name,pathway")
		for i := 0; i < rows; i++ {
			student := i / 4
			c := cluster.Clusters2024[(student+i%2)%len(cluster.Clusters2024)]
			year := 2021 + (i/2)%4
			course := (student*7+i)%60 + 100
			fmt.Fprintf(w, "%08d,%d,%d-%02d,C%d,C%d-%d,S%d,%s,\"Course %d of %s\",Pathway %d\n",
				10_000_000+student, 1001+student%schools, year, (year+1)%100, course, course, i%5, i%2+1,
				quote(c.Name), course, c.Short, course%3)
		}
	})
}

func quote(s string) string { return `"` + s + `"` }

func writeFile(path string, fill func(w *bufio.Writer)) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fill(w)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
