//! The fuzzy finder over country names.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::gazetteer::{gazetteer, normalise};

/// One finder result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    /// Position in the finder's list (`CountryIndex::entries` for an index).
    pub entry: usize,
    /// Index into `gazetteer().countries()`.
    pub country: usize,
    pub score: i64,
    /// The name that matched best (the display name for an empty query).
    pub name: &'static str,
    /// Char indices into `name` of the matched characters, ascending.
    pub indices: Vec<usize>,
}

/// Larger is better: (exact name, fuzzy score, prefix of the name, shortness).
type RankKey = (bool, i64, bool, usize);

struct FinderName {
    name: &'static str,
    normalised: String,
    /// Per char of `normalised`, the char of `name` it came from.
    from: Vec<usize>,
}

struct Candidate {
    country: usize,
    names: Vec<FinderName>,
}

/// Fuzzy search over countries' names, case- and accent-insensitive.
/// Names are normalised once here, so a keystroke costs only the matching.
pub struct Finder {
    candidates: Vec<Candidate>,
    matcher: SkimMatcherV2,
}

impl Finder {
    pub fn new(countries: impl IntoIterator<Item = usize>) -> Finder {
        // The gazetteer is built on first use.
        let candidates = countries
            .into_iter()
            .filter_map(|c| {
                let country = gazetteer().countries.get(c)?;
                let mut names: Vec<FinderName> = Vec::new();
                for name in country.names() {
                    let (normalised, from) = normalise(name);
                    if names.iter().all(|n| n.normalised != normalised) {
                        names.push(FinderName {
                            name,
                            normalised,
                            from,
                        });
                    }
                }
                Some(Candidate { country: c, names })
            })
            .collect();
        Finder {
            candidates,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// A finder over the whole gazetteer, in gazetteer order.
    pub fn all() -> Finder {
        Finder::new(0..gazetteer().countries.len())
    }

    /// Best first: an exact name, then the fuzzy score, then a prefix match,
    /// then the shorter name, then list order. An empty query lists all.
    pub fn rank(&self, query: &str) -> Vec<Ranked> {
        let (query, _) = normalise(query.trim());
        if query.is_empty() {
            return self
                .candidates
                .iter()
                .enumerate()
                .map(|(entry, c)| Ranked {
                    entry,
                    country: c.country,
                    score: 0,
                    name: c.names.first().map_or("", |n| n.name),
                    indices: Vec::new(),
                })
                .collect();
        }
        // (sort key, entry, best name)
        let mut hits: Vec<(RankKey, usize, &FinderName)> = Vec::new();
        for (entry, c) in self.candidates.iter().enumerate() {
            let best = c
                .names
                .iter()
                .filter_map(|n| {
                    let score = self.matcher.fuzzy_match(&n.normalised, &query)?;
                    let key = (
                        n.normalised == query,
                        score,
                        n.normalised.starts_with(&query),
                        usize::MAX - n.from.len(),
                    );
                    Some((key, n))
                })
                .max_by_key(|(key, _)| *key);
            if let Some((key, n)) = best {
                hits.push((key, entry, n));
            }
        }
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        hits.into_iter()
            .map(|((_, score, _, _), entry, n)| {
                let mut indices: Vec<usize> = self
                    .matcher
                    .fuzzy_indices(&n.normalised, &query)
                    .map(|(_, idx)| idx.iter().filter_map(|&i| n.from.get(i).copied()).collect())
                    .unwrap_or_default();
                indices.dedup();
                Ranked {
                    entry,
                    country: self.candidates[entry].country,
                    score,
                    name: n.name,
                    indices,
                }
            })
            .collect()
    }
}
