package citemark

import "testing"

func TestMarks(t *testing.T) {
	for _, tc := range []struct {
		in   []int
		want string
	}{
		{nil, ""},
		{[]int{0, -1}, ""},
		{[]int{7}, "[7]"},
		{[]int{2, 1}, "[1,2]"},
		{[]int{3, 1, 2}, "[1–3]"},
		{[]int{2, 9, 5, 6, 8, 11, 13, 14, 15, 16, 17, 2}, "[2,5,6,8,9,11,13–17]"},
		{[]int{4, 4, 4}, "[4]"},
		{[]int{10, 12, 11, 1, 0}, "[1,10–12]"},
	} {
		if got := Marks(tc.in); got != tc.want {
			t.Errorf("Marks(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func BenchmarkMarks(b *testing.B) {
	ns := []int{2, 9, 5, 6, 8, 11, 13, 14, 15, 16, 17, 19, 20, 22, 23, 25, 27, 29, 31, 68}
	for b.Loop() {
		Marks(ns)
	}
}
