package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// bulkBatch is how many rows one INSERT statement of a bulkInserter writes.
// Fewer, larger statements cut the per-call cost of the driver. 100 rows of
// up to 10 columns stay far below SQLite's default limit of 32,766 parameters.
const bulkBatch = 100

// bulkInserter writes many rows into one table inside a transaction with
// prepared multi-row INSERT statements. It is not safe for concurrent use.
type bulkInserter struct {
	ctx   context.Context
	tx    *sql.Tx
	verb  string // INSERT, or INSERT OR REPLACE and the like
	table string
	cols  []string
	full  *sql.Stmt // INSERT of bulkBatch rows
	args  []any
}

func newBulkInserter(ctx context.Context, tx *sql.Tx, table string, cols ...string) (*bulkInserter, error) {
	return newBulkWriter(ctx, tx, "INSERT", table, cols...)
}

// newBulkWriter is newBulkInserter with another verb than INSERT, such as
// INSERT OR REPLACE.
func newBulkWriter(ctx context.Context, tx *sql.Tx, verb, table string, cols ...string) (*bulkInserter, error) {
	b := &bulkInserter{ctx: ctx, tx: tx, verb: verb, table: table, cols: cols}
	stmt, err := tx.PrepareContext(ctx, b.insertSQL(bulkBatch))
	if err != nil {
		return nil, fmt.Errorf("prepare insert into %s: %w", table, err)
	}
	b.full = stmt
	b.args = make([]any, 0, bulkBatch*len(cols))
	return b, nil
}

func (b *bulkInserter) insertSQL(rows int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", len(b.cols)), ",") + ")"
	return fmt.Sprintf("%s INTO %s (%s) VALUES %s", b.verb, b.table, strings.Join(b.cols, ", "),
		strings.TrimSuffix(strings.Repeat(row+",", rows), ","))
}

// Add queues one row, whose values follow the column order, and writes a
// batch when it is full.
func (b *bulkInserter) Add(values ...any) error {
	if len(values) != len(b.cols) {
		return fmt.Errorf("insert into %s: %d values for %d columns", b.table, len(values), len(b.cols))
	}
	b.args = append(b.args, values...)
	if len(b.args) == cap(b.args) {
		if _, err := b.full.ExecContext(b.ctx, b.args...); err != nil {
			return fmt.Errorf("insert into %s: %w", b.table, err)
		}
		b.args = b.args[:0]
	}
	return nil
}

// Close writes the rows still queued and releases the statement.
func (b *bulkInserter) Close() error {
	defer b.full.Close()
	if len(b.args) == 0 {
		return nil
	}
	rows := len(b.args) / len(b.cols)
	if _, err := b.tx.ExecContext(b.ctx, b.insertSQL(rows), b.args...); err != nil {
		return fmt.Errorf("insert into %s: %w", b.table, err)
	}
	b.args = b.args[:0]
	return nil
}
