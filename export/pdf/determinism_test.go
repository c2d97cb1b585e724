package pdf

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/statbrief/statbrief/report"
)

func TestDeterministic(t *testing.T) {
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		doc := testDoc(t, lang)
		r := testRenderer(t)
		render := func() []byte {
			var buf bytes.Buffer
			if err := r.Render(context.Background(), &buf, doc); err != nil {
				t.Error(err)
			}
			return buf.Bytes()
		}
		want := render()
		if !bytes.Equal(want, render()) {
			t.Fatalf("%s: two runs differ", lang)
		}
		var wg sync.WaitGroup
		outs := make([][]byte, 8)
		for i := range outs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				outs[i] = render()
			}()
		}
		wg.Wait()
		for i, o := range outs {
			if !bytes.Equal(want, o) {
				t.Errorf("%s: goroutine %d output differs (%d vs %d bytes)", lang, i, len(o), len(want))
			}
		}
	}
}
