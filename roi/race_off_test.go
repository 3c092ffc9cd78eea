//go:build !race

package roi

const raceEnabled = false
