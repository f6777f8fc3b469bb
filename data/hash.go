package data

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
)

// studentHashSize is how many bytes of HMAC-SHA-256 identify a student.
// 16 bytes make a collision among even a state's students negligible.
const studentHashSize = 16

// studentHasher turns student numbers into the keyed hashes stored in every
// student column. It is not safe for concurrent use.
type studentHasher struct {
	mac hash.Hash
}

// hashStudent returns a hasher keyed with the database's own key, so that a
// student number hashes the same way in every import into this file.
func (db *DB) hashStudent(ctx context.Context) (*studentHasher, error) {
	keyHex, err := db.meta(ctx, "hmac_key")
	if err != nil {
		return nil, err
	}
	return newStudentHasher(keyHex)
}

// newStudentHasher returns a hasher for the hex key stored in meta.hmac_key.
func newStudentHasher(keyHex string) (*studentHasher, error) {
	key, err := hex.DecodeString(keyHex)
	if err != nil || len(key) == 0 {
		return nil, fmt.Errorf("read student hashing key: the database has no valid key in meta.hmac_key, so it is damaged; create the file again with `readiness import`")
	}
	return &studentHasher{mac: hmac.New(sha256.New, key)}, nil
}

// Hash returns the first 16 bytes of HMAC-SHA-256(key, id) in a new slice.
func (h *studentHasher) Hash(id string) []byte {
	h.mac.Reset()
	h.mac.Write([]byte(id))
	var sum [sha256.Size]byte
	return append([]byte(nil), h.mac.Sum(sum[:0])[:studentHashSize]...)
}
