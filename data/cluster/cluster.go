// Package cluster lists the Career Clusters of the two national frameworks and
// matches the many ways exports spell them.
package cluster

import (
	"sort"
	"strings"
	"unicode"
)

// Framework names a set of Career Clusters.
type Framework string

const (
	// Framework2024 is the Advance CTE Career Clusters Framework of October 2024
	// (14 clusters), the default.
	Framework2024 Framework = "2024"
	// FrameworkNational is the National Career Clusters Framework (16 clusters)
	// used until 2024.
	FrameworkNational Framework = "national"
	// FrameworkLocal is a cluster a district declares in clusters.csv.
	FrameworkLocal Framework = "local"
)

// Cluster is one Career Cluster.
type Cluster struct {
	Name      string // canonical name, as stored and shown
	Framework Framework
	Code      string // O*NET code of a 2024 cluster, such as "060100"; empty otherwise
	Short     string // abbreviation for tight chart axes, such as "Digital Tech"
}

// Clusters2024 are the 14 clusters of the 2024 framework in code order.
var Clusters2024 = []Cluster{
	{"Advanced Manufacturing", Framework2024, "010100", "Adv. Manufacturing"},
	{"Construction", Framework2024, "010200", "Construction"},
	{"Supply Chain & Transportation", Framework2024, "010300", "Supply Chain & Transp."},
	{"Arts, Entertainment & Design", Framework2024, "020100", "Arts, Ent. & Design"},
	{"Hospitality, Events & Tourism", Framework2024, "020200", "Hospitality & Tourism"},
	{"Financial Services", Framework2024, "030100", "Financial Services"},
	{"Education", Framework2024, "040100", "Education"},
	{"Healthcare & Human Services", Framework2024, "040200", "Healthcare & Human Svcs."},
	{"Public Service & Safety", Framework2024, "040300", "Public Service & Safety"},
	{"Agriculture", Framework2024, "050100", "Agriculture"},
	{"Energy & Natural Resources", Framework2024, "050200", "Energy & Nat. Resources"},
	{"Digital Technology", Framework2024, "060100", "Digital Technology"},
	{"Management & Entrepreneurship", Framework2024, "060200", "Mgmt. & Entrepreneurship"},
	{"Marketing & Sales", Framework2024, "060300", "Marketing & Sales"},
}

// ClustersNational are the 16 clusters of the National Career Clusters Framework.
var ClustersNational = []Cluster{
	{"Agriculture, Food & Natural Resources", FrameworkNational, "", "Ag., Food & Nat. Res."},
	{"Architecture & Construction", FrameworkNational, "", "Arch. & Construction"},
	{"Arts, A/V Technology & Communications", FrameworkNational, "", "Arts, A/V Tech & Comm."},
	{"Business Management & Administration", FrameworkNational, "", "Business Mgmt. & Admin."},
	{"Education & Training", FrameworkNational, "", "Education & Training"},
	{"Finance", FrameworkNational, "", "Finance"},
	{"Government & Public Administration", FrameworkNational, "", "Govt. & Public Admin."},
	{"Health Science", FrameworkNational, "", "Health Science"},
	{"Hospitality & Tourism", FrameworkNational, "", "Hospitality & Tourism"},
	{"Human Services", FrameworkNational, "", "Human Services"},
	{"Information Technology", FrameworkNational, "", "Information Technology"},
	{"Law, Public Safety, Corrections & Security", FrameworkNational, "", "Law & Public Safety"},
	{"Manufacturing", FrameworkNational, "", "Manufacturing"},
	{"Marketing", FrameworkNational, "", "Marketing"},
	{"Science, Technology, Engineering & Mathematics", FrameworkNational, "", "STEM"},
	{"Transportation, Distribution & Logistics", FrameworkNational, "", "Transp., Distr. & Logistics"},
}

// extraSpellings are other names sources use for a cluster, keyed by the
// canonical name. Normal spelling differences ("and" for "&", commas, case)
// need no entry here because Normalize folds them.
var extraSpellings = map[string][]string{
	"Marketing": {"Marketing, Sales and Service", "Marketing, Sales & Services"},
}

// Normalize folds a cluster name for matching: lower case, "&" and "and"
// alike, punctuation and extra spaces ignored.
func Normalize(name string) string {
	name = strings.ToLower(strings.ReplaceAll(name, "&", " and "))
	var words []string
	for _, w := range strings.FieldsFunc(name, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if w == "and" {
			continue
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// Set matches cluster names against the two frameworks and any local clusters.
// A Set is safe for concurrent reads once built.
type Set struct {
	byKey map[string]Cluster
	all   []Cluster
}

// NewSet returns a set of the 30 framework clusters plus the local clusters given.
func NewSet(local ...Cluster) *Set {
	s := &Set{byKey: map[string]Cluster{}}
	for _, c := range Clusters2024 {
		s.Add(c)
		s.byKey[c.Code] = c
	}
	for _, c := range ClustersNational {
		s.Add(c)
	}
	for canonical, others := range extraSpellings {
		c, _ := s.Match(canonical)
		for _, o := range others {
			s.byKey[Normalize(o)] = c
		}
	}
	for _, c := range local {
		s.Add(c)
	}
	return s
}

// Add registers a cluster under its normalized name. A local cluster whose name
// folds to a framework cluster's is not added again.
func (s *Set) Add(c Cluster) {
	key := Normalize(c.Name)
	if _, ok := s.byKey[key]; ok {
		return
	}
	if c.Framework == "" {
		c.Framework = FrameworkLocal
	}
	s.byKey[key] = c
	s.all = append(s.all, c)
}

// Match returns the cluster a name or 2024 O*NET code stands for.
func (s *Set) Match(name string) (Cluster, bool) {
	name = strings.TrimSpace(name)
	if c, ok := s.byKey[name]; ok && c.Code == name {
		return c, true
	}
	c, ok := s.byKey[Normalize(name)]
	return c, ok
}

// All returns every cluster of the set: the 2024 clusters, then the national
// ones, then local ones in the order added.
func (s *Set) All() []Cluster {
	return append([]Cluster(nil), s.all...)
}

// Closest returns up to n known cluster names nearest to name by edit distance
// of their normalized forms, for "did you mean" hints.
func (s *Set) Closest(name string, n int) []string {
	key := Normalize(name)
	type scored struct {
		name string
		dist int
	}
	var list []scored
	for _, c := range s.all {
		list = append(list, scored{c.Name, distance(key, Normalize(c.Name))})
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].dist < list[j].dist })
	var out []string
	for i := 0; i < len(list) && i < n; i++ {
		out = append(out, list[i].name)
	}
	return out
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Lookup returns the framework cluster with the canonical name given, for
// code that already holds a stored name.
func Lookup(name string) (Cluster, bool) {
	return defaultSet.Match(name)
}

var defaultSet = NewSet()
