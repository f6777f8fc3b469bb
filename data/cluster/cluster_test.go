package cluster

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMatchSpellings(t *testing.T) {
	set := NewSet()
	cases := map[string]string{
		"Digital Technology":                               "Digital Technology",
		"  digital   technology ":                          "Digital Technology",
		"060100":                                           "Digital Technology",
		"Arts, Entertainment, & Design":                    "Arts, Entertainment & Design",
		"Arts Entertainment and Design":                    "Arts, Entertainment & Design",
		"Hospitality, Events, & Tourism":                   "Hospitality, Events & Tourism",
		"HEALTHCARE AND HUMAN SERVICES":                    "Healthcare & Human Services",
		"Law, Public Safety, Corrections and Security":     "Law, Public Safety, Corrections & Security",
		"Marketing, Sales and Service":                     "Marketing",
		"Science, Technology, Engineering and Mathematics": "Science, Technology, Engineering & Mathematics",
	}
	for input, want := range cases {
		t.Run(input, func(t *testing.T) {
			c, ok := set.Match(input)
			require.True(t, ok)
			assert.Equal(t, want, c.Name)
		})
	}
}

func TestLegacyNameStaysLegacy(t *testing.T) {
	c, ok := NewSet().Match("Information Technology")
	require.True(t, ok)
	assert.Equal(t, FrameworkNational, c.Framework)
	assert.Equal(t, "Information Technology", c.Name)
}

func TestUnknownNameHasClosest(t *testing.T) {
	set := NewSet()
	_, ok := set.Match("Helth Science")
	assert.False(t, ok)
	assert.Equal(t, "Health Science", set.Closest("Helth Science", 3)[0])
}

func TestCodeOnlyMatchesExactly(t *testing.T) {
	_, ok := NewSet().Match("0601")
	assert.False(t, ok)
}

func TestLocalCluster(t *testing.T) {
	set := NewSet(Cluster{Name: "Maritime Trades"})
	c, ok := set.Match("maritime trades")
	require.True(t, ok)
	assert.Equal(t, FrameworkLocal, c.Framework)
	assert.Len(t, set.All(), 31)
}

func TestFrameworkSizes(t *testing.T) {
	assert.Len(t, Clusters2024, 14)
	assert.Len(t, ClustersNational, 16)
	assert.Len(t, NewSet().All(), 30)
}
