//! Topics of a passage: a taxonomy of weighted key phrases (data: `topics.toml`, or a user's
//! file) matched on analyzed words gives each passage its topics and how much it is about each.
//!
//! A phrase matches word by word on the accented form (so "hoà"/"hòa", NFD and Ð do not
//! matter), or on the folded form when either side is written without any accent. For each
//! topic the leftmost longest phrase wins at each word, so "ô nhiễm môi trường" counts once,
//! not also as "ô nhiễm" and "môi trường"; a phrase of weight 0 ("Sở Tài nguyên và Môi
//! trường", a name) hides the key words inside it. A topic's raw score adds each distinct phrase's
//! weight once and its repeats a little more (`weight × (1 + ln count)`); the passage has the
//! topic when the raw score reaches [`TAG_THRESHOLD`]. Its *weight*, which ranks passages by
//! topic, is the raw score damped by length, so a short passage all about the topic ranks with
//! a long one that mentions it as often.

use std::collections::BTreeMap;
use std::hash::BuildHasher;
use std::path::Path;

use compact_str::CompactString;
use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::Deserialize;

use crate::analysis::fold::fold;
use crate::analysis::{analyze, Word};
use crate::error::{Error, Result};

/// The taxonomy built into the binary.
pub const DEFAULT_TAXONOMY: &str = include_str!("topics.toml");

/// Raw score from which a passage has a topic: one strong phrase (weight 2 or 3), or two
/// supporting ones.
pub const TAG_THRESHOLD: f32 = 2.0;

/// Words of a passage at which the length damping is 1.
const REFERENCE_WORDS: f32 = 60.0;

/// One topic of the taxonomy.
#[derive(Clone, Debug)]
pub struct Topic {
    pub name: String,
    pub slug: String,
    phrases: Vec<Phrase>,
}

#[derive(Clone, Debug)]
struct Phrase {
    words: Vec<PhraseWord>,
    weight: f32,
}

#[derive(Clone, Debug)]
struct PhraseWord {
    accented: CompactString,
    folded: CompactString,
}

/// A topic of a passage with its weight (see the module documentation).
#[derive(Clone, Debug, PartialEq)]
pub struct TopicWeight {
    /// Position of the topic in the taxonomy.
    pub topic: usize,
    pub weight: f32,
}

/// A parsed taxonomy, ready to tag passages.
#[derive(Clone, Debug)]
pub struct Taxonomy {
    topics: Vec<Topic>,
    /// The file it was parsed from, kept with the index.
    source: String,
    /// Where each phrase may start: (topic, phrase) by the key of its first words.
    starts: Starts,
}

/// The phrases that may start at a word, found by hashing, never by comparing strings: a
/// phrase of one word by the hash of its folded form, a longer one by the hash of its first two
/// folded words. A collision only costs one comparison more, since a candidate is matched word
/// by word. Each list keeps the taxonomy's order, so a topic's longest phrase comes first.
#[derive(Clone, Debug, Default)]
struct Starts {
    one_word: FxHashMap<u64, Vec<(usize, usize)>>,
    two_words: FxHashMap<u64, Vec<(usize, usize)>>,
}

impl Starts {
    fn new(topics: &[Topic]) -> Starts {
        let mut starts = Starts::default();
        for (t, topic) in topics.iter().enumerate() {
            for (p, phrase) in topic.phrases.iter().enumerate() {
                let first = word_hash(&phrase.words[0].folded);
                let (map, key) = match phrase.words.get(1) {
                    None => (&mut starts.one_word, first),
                    Some(second) => (
                        &mut starts.two_words,
                        pair_hash(first, word_hash(&second.folded)),
                    ),
                };
                map.entry(key).or_default().push((t, p));
            }
        }
        starts
    }

    /// The candidates at a word whose folded hash is `first`, followed by a word whose folded
    /// hash is `second`: longer phrases before one-word ones.
    fn at(&self, first: u64, second: Option<u64>) -> impl Iterator<Item = &(usize, usize)> {
        let longer = second.and_then(|second| self.two_words.get(&pair_hash(first, second)));
        let single = self.one_word.get(&first);
        longer.into_iter().chain(single).flatten()
    }
}

fn word_hash(folded: &str) -> u64 {
    FxBuildHasher.hash_one(folded)
}

fn pair_hash(first: u64, second: u64) -> u64 {
    FxBuildHasher.hash_one((first, second))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    topic: Vec<TopicData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicData {
    name: String,
    slug: String,
    /// Ordered, so that equal phrases ("kiểm tra, giám sát", "kiểm tra giám sát") resolve
    /// alike on every run.
    phrases: BTreeMap<String, f32>,
}

impl Taxonomy {
    /// The taxonomy built into the binary.
    pub fn builtin() -> Taxonomy {
        Taxonomy::parse(DEFAULT_TAXONOMY, Path::new("topics.toml"))
            .expect("src/entities/topics.toml is valid (checked by a unit test)")
    }

    /// Reads a taxonomy file.
    pub fn from_file(path: &Path) -> Result<Taxonomy> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Taxonomy::parse(&text, path)
    }

    /// Parses a taxonomy; `path` only names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Taxonomy> {
        let bad = |message: String| Error::Malformed {
            path: path.to_path_buf(),
            message,
        };
        let file: File = toml::from_str(text).map_err(|e| bad(e.message().to_string()))?;
        let mut topics: Vec<Topic> = Vec::new();
        for data in file.topic {
            check_topic(&data, &topics).map_err(bad)?;
            let mut phrases: Vec<Phrase> = data
                .phrases
                .iter()
                .map(|(text, &weight)| Phrase {
                    words: analyze(text)
                        .into_iter()
                        .map(|w| PhraseWord {
                            accented: w.accented,
                            folded: w.folded,
                        })
                        .collect(),
                    weight,
                })
                .filter(|p| !p.words.is_empty())
                .collect();
            // Longest first, so the first match at a word is the longest.
            phrases.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
            topics.push(Topic {
                name: data.name,
                slug: data.slug,
                phrases,
            });
        }
        if topics.is_empty() {
            return Err(bad("no [[topic]] defined".into()));
        }
        Ok(Taxonomy {
            starts: Starts::new(&topics),
            topics,
            source: text.to_string(),
        })
    }

    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// The file the taxonomy was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The topic a user named, by slug or name, accents and case optional ("moi truong",
    /// "Môi trường", "chuyen-doi-so"); also a name's first part before a comma ("chuyển đổi
    /// số" for "Chuyển đổi số, khoa học công nghệ").
    pub fn find(&self, typed: &str) -> Option<usize> {
        let wanted = loose_key(typed);
        if wanted.is_empty() {
            return None;
        }
        let exact = self
            .topics
            .iter()
            .position(|t| loose_key(&t.slug) == wanted || loose_key(&t.name) == wanted);
        exact.or_else(|| {
            self.topics.iter().position(|t| {
                t.name
                    .split([',', ';'])
                    .any(|part| loose_key(part) == wanted)
            })
        })
    }

    /// The topics of a passage, in taxonomy order.
    pub fn tag(&self, text: &str) -> Vec<TopicWeight> {
        self.tag_words(&analyze(text))
    }

    /// The topics of a passage already analyzed into `words`.
    pub fn tag_words(&self, words: &[Word]) -> Vec<TopicWeight> {
        let raw = self.raw_scores(words);
        let damping = ((words.len() as f32 + 20.0) / REFERENCE_WORDS).sqrt();
        raw.into_iter()
            .enumerate()
            .filter(|&(_, score)| score >= TAG_THRESHOLD)
            .map(|(topic, score)| TopicWeight {
                topic,
                weight: score / damping,
            })
            .collect()
    }

    /// Raw score of every topic for the words of a passage.
    fn raw_scores(&self, words: &[Word]) -> Vec<f32> {
        let mut scores = vec![0.0f32; self.topics.len()];
        for ((t, p), count) in self.phrase_counts(words) {
            let weight = self.topics[t].phrases[p].weight;
            scores[t] += weight * (1.0 + (count as f32).ln());
        }
        scores
    }

    /// How often each (topic, phrase) matches the words of a passage.
    fn phrase_counts(&self, words: &[Word]) -> FxHashMap<(usize, usize), u32> {
        let mut counts: FxHashMap<(usize, usize), u32> = FxHashMap::default();
        // Per topic, the first word not yet inside one of its matched phrases.
        let mut free_from = vec![0usize; self.topics.len()];
        let hashes: Vec<u64> = words.iter().map(|w| word_hash(&w.folded)).collect();
        for i in 0..words.len() {
            for &(t, p) in self.starts.at(hashes[i], hashes.get(i + 1).copied()) {
                if i < free_from[t] {
                    continue;
                }
                let phrase = &self.topics[t].phrases[p];
                if matches_at(&phrase.words, &words[i..]) {
                    *counts.entry((t, p)).or_default() += 1;
                    free_from[t] = i + phrase.words.len();
                }
            }
        }
        counts
    }
}

/// Whether the phrase's words begin `words`.
fn matches_at(phrase: &[PhraseWord], words: &[Word]) -> bool {
    phrase.len() <= words.len()
        && phrase.iter().zip(words).all(|(p, w)| {
            p.accented == w.accented
                || ((!w.is_marked() || p.accented == p.folded) && p.folded == w.folded)
        })
}

/// Folded words joined by single spaces: the form names and slugs are compared in.
fn loose_key(text: &str) -> String {
    analyze(&text.replace('-', " "))
        .into_iter()
        .map(|w| fold(&w.folded).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_topic(data: &TopicData, earlier: &[Topic]) -> std::result::Result<(), String> {
    let slug_ok = !data.slug.is_empty()
        && data
            .slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !slug_ok {
        return Err(format!(
            "topic {:?}: slug {:?} must be lower-case ASCII letters, digits and '-'",
            data.name, data.slug
        ));
    }
    if data.name.trim().is_empty() {
        return Err(format!("topic {:?} has no name", data.slug));
    }
    if earlier.iter().any(|t| t.slug == data.slug) {
        return Err(format!("slug {:?} is used twice", data.slug));
    }
    if data.phrases.is_empty() {
        return Err(format!("topic {:?} has no phrases", data.slug));
    }
    if let Some((phrase, weight)) = data
        .phrases
        .iter()
        .find(|(_, w)| !(w.is_finite() && **w >= 0.0))
    {
        return Err(format!(
            "topic {:?}: phrase {phrase:?} has weight {weight}; weights are numbers from 0 up",
            data.slug
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seeds::{SEED_000, SEED_004};

    fn slugs(taxonomy: &Taxonomy, text: &str) -> Vec<String> {
        taxonomy
            .tag(text)
            .into_iter()
            .map(|t| taxonomy.topics()[t.topic].slug.clone())
            .collect()
    }

    /// Every phrase of every topic tried at every word, in the taxonomy's order.
    fn counts_by_trying_every_phrase(
        taxonomy: &Taxonomy,
        words: &[Word],
    ) -> BTreeMap<(usize, usize), u32> {
        let topics = taxonomy.topics();
        let mut counts = BTreeMap::new();
        let mut free_from = vec![0usize; topics.len()];
        for i in 0..words.len() {
            for (t, topic) in topics.iter().enumerate() {
                for (p, phrase) in topic.phrases.iter().enumerate() {
                    if i >= free_from[t] && matches_at(&phrase.words, &words[i..]) {
                        *counts.entry((t, p)).or_default() += 1;
                        free_from[t] = i + phrase.words.len();
                    }
                }
            }
        }
        counts
    }

    #[test]
    fn phrases_found_by_hash_match_as_trying_every_phrase() {
        let taxonomy = Taxonomy::builtin();
        // Every phrase of the taxonomy back to back (so phrases overlap and nest), as written
        // and without accents, and the sample articles.
        let phrases: Vec<String> = taxonomy
            .topics()
            .iter()
            .flat_map(|t| t.phrases.iter())
            .map(|p| {
                let words: Vec<&str> = p.words.iter().map(|w| w.accented.as_str()).collect();
                words.join(" ")
            })
            .collect();
        let all = phrases.join(" ");
        let mut texts = vec![all.clone(), fold(&all).into_owned(), phrases.join(". ")];
        texts.extend(crate::seeds::SEEDS.iter().map(|(_, text)| text.to_string()));
        let mut tagged = 0;
        for text in &texts {
            let words = analyze(text);
            let counts: BTreeMap<_, _> = taxonomy.phrase_counts(&words).into_iter().collect();
            assert_eq!(counts, counts_by_trying_every_phrase(&taxonomy, &words));
            tagged += taxonomy.tag_words(&words).len();
        }
        assert!(
            tagged > 2 * taxonomy.topics().len(),
            "{tagged} topics found"
        );
    }

    #[test]
    fn the_default_taxonomy_parses_and_covers_the_issue_list() {
        let taxonomy = Taxonomy::builtin();
        assert!(taxonomy.topics().len() >= 19);
        for name in [
            "xây dựng Đảng",
            "chuyển đổi số",
            "phòng chống tham nhũng, tiêu cực",
            "đối ngoại",
            "y tế",
            "văn hóa, xã hội",
            "môi trường",
            "Đầu tư và FDI",
        ] {
            assert!(taxonomy.find(name).is_some(), "{name}");
        }
    }

    #[test]
    fn topics_are_found_by_slug_or_name_with_or_without_accents() {
        let taxonomy = Taxonomy::builtin();
        let digital = taxonomy.find("chuyen-doi-so").expect("slug");
        assert_eq!(taxonomy.find("Chuyển đổi số"), Some(digital));
        assert_eq!(taxonomy.find("chuyen doi so"), Some(digital));
        assert_eq!(taxonomy.find("MÔI TRƯỜNG"), taxonomy.find("moi-truong"));
        assert_eq!(taxonomy.find("biến đổi gen"), None);
        assert_eq!(taxonomy.find(""), None);
    }

    #[test]
    fn one_passing_word_is_not_a_topic_but_a_defining_phrase_is() {
        let taxonomy = Taxonomy::builtin();
        assert!(slugs(&taxonomy, "Ông đi công tác ở nước ngoài bằng máy bay.").is_empty());
        // "môi trường" alone is a supporting word.
        assert!(
            !slugs(&taxonomy, "Tạo môi trường thuận lợi cho thanh niên.")
                .contains(&"moi-truong".to_string())
        );
        assert!(
            slugs(&taxonomy, "Thành phố đẩy mạnh chuyển đổi số trong năm nay.")
                .contains(&"chuyen-doi-so".to_string())
        );
    }

    #[test]
    fn spelling_variants_and_unaccented_text_match() {
        let taxonomy = Taxonomy::builtin();
        let nfd: String =
            unicode_normalization::UnicodeNormalization::nfd("Đẩy mạnh phòng, chống tham nhũng")
                .collect();
        for text in [
            "Đẩy mạnh phòng, chống tham nhũng",
            nfd.as_str(),
            "day manh phong, chong tham nhung",
        ] {
            assert!(
                slugs(&taxonomy, text).contains(&"phong-chong-tham-nhung".to_string()),
                "{text}"
            );
        }
        // Old and new tone placement give one word.
        assert!(slugs(&taxonomy, "Thành phố đạt mục tiêu trung hoà carbon.")
            .contains(&"moi-truong".to_string()));
    }

    #[test]
    fn a_longer_phrase_counts_once() {
        let taxonomy = Taxonomy::builtin();
        let env = taxonomy.find("moi-truong").expect("topic");
        let words = analyze("ô nhiễm môi trường");
        let raw = taxonomy.raw_scores(&words)[env];
        assert!((raw - 3.0).abs() < 1e-6, "{raw}");
    }

    #[test]
    fn a_name_of_weight_zero_hides_the_key_words_inside_it() {
        let taxonomy = Taxonomy::builtin();
        let env = "moi-truong".to_string();
        assert!(!slugs(
            &taxonomy,
            "Giám đốc Sở Tài nguyên và Môi trường tỉnh phát biểu."
        )
        .contains(&env));
        assert!(slugs(&taxonomy, "Tỉnh tăng cường bảo vệ môi trường.").contains(&env));
    }

    #[test]
    fn a_passage_all_about_a_topic_outweighs_a_passing_mention() {
        let taxonomy = Taxonomy::builtin();
        let digital = taxonomy.find("chuyen-doi-so").expect("topic");
        let weight = |text: &str| {
            taxonomy
                .tag(text)
                .into_iter()
                .find(|t| t.topic == digital)
                .map_or(0.0, |t| t.weight)
        };
        let focused = "Chuyển đổi số, phát triển khoa học công nghệ và đổi mới sáng tạo là \
                       đột phá; thành phố xây dựng chính quyền số, kinh tế số và dữ liệu số.";
        let passing = "Hội nghị bàn về ngân sách, đất đai, giải phóng mặt bằng, giáo dục, y tế, \
                       văn hóa và các nhiệm vụ khác của năm, trong đó có chuyển đổi số, cùng \
                       với việc sắp xếp bộ máy, cán bộ và nhiều việc khác của thành phố trong \
                       những tháng cuối năm nay.";
        assert!(weight(focused) > 2.0 * weight(passing));
        assert!(weight(passing) > 0.0);
    }

    #[test]
    fn seeds_are_tagged_with_their_subjects() {
        let taxonomy = Taxonomy::builtin();
        let all = |seed: &str| {
            let mut found: Vec<String> = seed
                .split("\n\n")
                .flat_map(|p| slugs(&taxonomy, p))
                .collect();
            found.sort();
            found.dedup();
            found
        };
        assert!(all(SEED_000).contains(&"xay-dung-dang".to_string()));
        assert!(all(SEED_004).contains(&"moi-truong".to_string()));
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        let path = Path::new("mine.toml");
        let cases = [
            ("", "topic"),
            (
                "[[topic]]\nname = \"A\"\nslug = \"Bad Slug\"\n[topic.phrases]\n\"a\" = 1\n",
                "slug",
            ),
            (
                "[[topic]]\nname = \"A\"\nslug = \"a\"\n[topic.phrases]\n\"a\" = -1\n",
                "weight",
            ),
            (
                "[[topic]]\nname = \"A\"\nslug = \"a\"\n[topic.phrases]\n",
                "no phrases",
            ),
        ];
        for (text, needle) in cases {
            let err = Taxonomy::parse(text, path).expect_err(text).to_string();
            assert!(err.contains(needle), "{err}");
            assert!(err.contains("mine.toml"), "{err}");
        }
    }
}
