//go:build race

package roi

const raceEnabled = true
