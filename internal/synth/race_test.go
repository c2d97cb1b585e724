//go:build race

package synth_test

func init() { raceEnabled = true }
