package data

import (
	"database/sql"
	"fmt"
	"strings"
)

// stageBatch is how many rows one INSERT into a staging table carries: one
// call into SQLite per batch instead of per row.
const stageBatch = 64

// stager buffers the rows of one kind for its staging table.
type stager struct {
	args       []any
	rows       int
	one, batch *sql.Stmt
}

// write writes a row of w at once for a direct kind, else adds it to the
// kind's staging table, created on first use. It reports false for a row
// that ifMissing kept out because its school is stored already.
func (im *importer) write(w kindWriter, args []any, ifMissing bool) (bool, error) {
	if ifMissing || w.direct != "" {
		query := w.direct
		if ifMissing {
			query = insertSchoolIfMissing
		}
		s, err := im.stmt(query)
		if err != nil {
			return false, err
		}
		result, err := s.ExecContext(im.ctx, args...)
		if err != nil {
			return false, err
		}
		n, err := result.RowsAffected()
		return n > 0 || !ifMissing, err
	}

	if w.table == "cte_enrollments" {
		im.enroll.add(args)
		if len(im.enroll.rows) < maxBufferedEnrollments {
			return true, nil
		}
		return true, im.writeEnrollments()
	}
	st, err := im.stager(w)
	if err != nil {
		return false, err
	}
	return true, im.stage(st, args...)
}

// stage adds a row to the staging table of st.
func (im *importer) stage(st *stager, args ...any) error {
	st.args = append(st.args, args...)
	st.rows++
	if st.rows < stageBatch {
		return nil
	}
	_, err := st.batch.ExecContext(im.ctx, st.args...)
	st.args, st.rows = st.args[:0], 0
	return err
}

func (im *importer) stager(w kindWriter) (*stager, error) {
	if st, ok := im.staged[w.table]; ok {
		return st, nil
	}
	create, insert, _ := w.stageSQL()
	if _, err := im.tx.ExecContext(im.ctx, create); err != nil {
		return nil, fmt.Errorf("stage %s rows: %w", w.table, err)
	}
	row := ", (?" + strings.Repeat(", ?", len(w.columns)-1) + ")"
	st := &stager{}
	var err error
	if st.one, err = im.stmt(insert); err != nil {
		return nil, err
	}
	if st.batch, err = im.stmt(insert + strings.Repeat(row, stageBatch-1)); err != nil {
		return nil, err
	}
	im.staged[w.table] = st
	return st, nil
}

// drain writes the rows st still buffers, one at a time.
func (im *importer) drain(st *stager) error {
	width := len(st.args) / max(st.rows, 1)
	for i := 0; i < st.rows; i++ {
		if _, err := st.one.ExecContext(im.ctx, st.args[i*width:(i+1)*width]...); err != nil {
			return err
		}
	}
	st.args, st.rows = st.args[:0], 0
	return nil
}

// flush writes the staged rows of every kind into the stored tables in key
// order and empties the staging tables and the buffer of enrollments.
func (im *importer) flush() error {
	if err := im.writeEnrollments(); err != nil {
		return err
	}
	im.enroll.release()
	for _, k := range fileKinds {
		if k.name == KindCTEEnrollments {
			continue // written above
		}
		if err := im.copyStaged(writers[k.name], true); err != nil {
			return err
		}
	}
	return nil
}

// copyStaged copies the staged rows of w into its stored table and empties
// the staging table. sort orders them by key; without it they are copied in
// the order they were staged.
func (im *importer) copyStaged(w kindWriter, sort bool) error {
	st, ok := im.staged[w.table]
	if !ok {
		return nil
	}
	if err := im.drain(st); err != nil {
		return fmt.Errorf("stage %s rows: %w", w.table, err)
	}
	_, _, flush := w.stageSQL()
	if !sort {
		flush, _, _ = strings.Cut(flush, " ORDER BY ")
	}
	if _, err := im.tx.ExecContext(im.ctx, flush); err != nil {
		return fmt.Errorf("write %s rows: %w", w.table, err)
	}
	if _, err := im.tx.ExecContext(im.ctx, "DELETE FROM "+w.stageTable()); err != nil {
		return fmt.Errorf("clear staged %s rows: %w", w.table, err)
	}
	return nil
}
