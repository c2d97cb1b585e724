package model

import (
	"bytes"
	"encoding/json"
)

// This file walks the members and elements of JSON text that json.Valid has
// accepted, giving the byte offset of every key and value, so that ReadJSON
// can check field names exactly and report positions without decoding the
// file twice. The functions assume valid JSON; on anything else they stop
// at the end of the input rather than panic.

// skipWS returns the offset of the first byte at or after i that is not
// JSON white space.
func skipWS(raw []byte, i int) int {
	for i < len(raw) {
		switch raw[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns the offset just after the string that starts at i.
func skipString(raw []byte, i int) int {
	for i++; i < len(raw); i++ {
		switch raw[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(raw)
}

// skipValue returns the offset just after the value that starts at i.
func skipValue(raw []byte, i int) int {
	if i >= len(raw) {
		return len(raw)
	}
	switch raw[i] {
	case '"':
		return skipString(raw, i)
	case '{', '[':
		depth := 0
		for i < len(raw) {
			switch raw[i] {
			case '"':
				i = skipString(raw, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return len(raw)
	}
	for i < len(raw) { // number, true, false, null
		switch raw[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}

// eachMember calls fn for each member of the object that starts at i, with
// the key and the offsets of the key and of the value's first and past-last
// bytes, until fn returns false.
// The key is only valid during the call.
func eachMember(raw []byte, i int, fn func(key []byte, keyAt, valAt, valEnd int) bool) {
	i = skipWS(raw, i+1) // past '{'
	for i < len(raw) && raw[i] == '"' {
		keyAt := i
		i = skipString(raw, i)
		key := jsonString(raw[keyAt:i])
		i = skipWS(raw, i)
		i = skipWS(raw, i+1) // past ':'
		valAt := i
		i = skipValue(raw, i)
		if !fn(key, keyAt, valAt, i) {
			return
		}
		i = skipWS(raw, i)
		if i < len(raw) && raw[i] == ',' {
			i = skipWS(raw, i+1)
		}
	}
}

// eachElement calls fn for each element of the array that starts at i, with
// the offsets of its first and past-last bytes.
func eachElement(raw []byte, i int, fn func(at, end int)) {
	i = skipWS(raw, i+1) // past '['
	for i < len(raw) && raw[i] != ']' {
		at := i
		i = skipValue(raw, i)
		fn(at, i)
		i = skipWS(raw, i)
		if i < len(raw) && raw[i] == ',' {
			i = skipWS(raw, i+1)
		}
	}
}

// jsonString returns the text of a JSON string literal given with its
// quotes; without escapes, it is a sub-slice of lit.
func jsonString(lit []byte) []byte {
	if len(lit) >= 2 && bytes.IndexByte(lit, '\\') < 0 {
		return lit[1 : len(lit)-1]
	}
	var s string
	if json.Unmarshal(lit, &s) != nil {
		return lit
	}
	return []byte(s)
}

// containsKey reports whether key is one of names, without allocating.
func containsKey(names []string, key []byte) bool {
	for _, n := range names {
		if n == string(key) {
			return true
		}
	}
	return false
}
