package booktest

import (
	"errors"
	"testing"
)

type total struct{ n, sum int }

type result struct {
	N   int `json:"n"`
	Sum int `json:"sum"`
}

func (a *total) Add(v int) error {
	if v < 0 {
		return errors.New("negative")
	}
	a.n++
	a.sum += v
	return nil
}

func (a *total) Merge(o *total) error { a.n += o.n; a.sum += o.sum; return nil }

func (a *total) Result() result { return result{a.n, a.sum} }

func TestCheckMerge(t *testing.T) {
	CheckMerge(t, 1, 20, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, func() *total { return &total{} })
	CheckMerge(t, 2, 5, nil, func() *total { return &total{} })
}
