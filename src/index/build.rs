//! Builds the index from a corpus folder: read → clean → passages → analyzed documents, in one
//! commit, so a failure part-way leaves the previous index as it was.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use tantivy::{doc, Index, IndexWriter, TantivyDocument, TantivyError};

use super::open::{has_index, index_state, payload, IndexState};
use super::schema::{schema, Fields, LABEL_SEPARATOR, TOPIC_WEIGHT_SCALE};
use crate::analysis;
use crate::corpus::{corpus_files, read_articles, Article, CorpusFile, Furniture, ReadObserver};
use crate::entities::topic::Taxonomy;
use crate::entities::{article_entities, PassageEntities};
use crate::error::{Error, Result};
use crate::passage::passages;

/// Memory for tantivy's indexing threads, shared between them.
const WRITER_MEMORY: usize = 256 * 1024 * 1024;

/// What building reports along the way, for a progress bar and warnings.
pub trait BuildObserver: ReadObserver {
    /// About to read `files`, `total_bytes` in all.
    fn started(&self, _files: usize, _total_bytes: u64) {}
    /// A whole file was skipped.
    fn file_skipped(&self, error: &Error) {
        self.skipped(error);
    }
    /// Reading is done; the index is being committed.
    fn committing(&self) {}
}

/// How to build.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// Extract persons, document numbers and topics (off only to measure what extraction
    /// costs).
    pub entities: bool,
    /// The taxonomy passages are tagged with; kept with the index.
    pub taxonomy: Arc<Taxonomy>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            entities: true,
            taxonomy: Arc::new(Taxonomy::builtin()),
        }
    }
}

/// Figures of one build.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct BuildStats {
    pub files: usize,
    pub skipped_files: usize,
    pub skipped_records: usize,
    pub articles: usize,
    pub passages: usize,
    pub seconds: f64,
}

/// Indexes every article under `corpus` into the index at `index_dir`, replacing what it held.
pub fn build_index(
    corpus: &Path,
    index_dir: &Path,
    options: BuildOptions,
    observer: &dyn BuildObserver,
) -> Result<BuildStats> {
    let started = Instant::now();
    let counting = Counting::new(observer);
    let files = corpus_files(corpus, |e| counting.skipped(&e))?;
    if files.is_empty() {
        return Err(Error::Malformed {
            path: corpus.to_path_buf(),
            message: "no article files found (looked for .txt, .json, .jsonl, .ndjson, .jsonl.gz)"
                .into(),
        });
    }
    let index = prepare_index(index_dir)?;
    let fields = Fields::of(&index.schema())?;
    let mut writer: IndexWriter = index
        .writer(WRITER_MEMORY)
        .map_err(|e| locked_or(e, index_dir))?;
    writer.delete_all_documents()?;

    observer.started(files.len(), files.iter().map(|f| f.size).sum());
    let mut stats = BuildStats {
        files: files.len(),
        ..BuildStats::default()
    };
    let furniture = Furniture::builtin();
    for file in &files {
        let target = Target {
            fields: &fields,
            writer: &writer,
            options: &options,
        };
        index_file(file, &furniture, &target, &counting, &mut stats)?;
    }
    if stats.articles == 0 {
        // Dropping the writer uncommitted keeps the previous index whole.
        return Err(Error::NothingRead {
            path: corpus.to_path_buf(),
            files: stats.files,
        });
    }
    observer.committing();
    let mut commit = writer.prepare_commit()?;
    commit.set_payload(&payload(&options.taxonomy));
    commit.commit()?;
    writer.wait_merging_threads()?;
    stats.skipped_records = counting.records.get();
    stats.seconds = started.elapsed().as_secs_f64();
    Ok(stats)
}

/// Where and how articles are added.
struct Target<'a> {
    fields: &'a Fields,
    writer: &'a IndexWriter,
    options: &'a BuildOptions,
}

fn index_file(
    file: &CorpusFile,
    furniture: &Furniture,
    target: &Target,
    observer: &Counting,
    stats: &mut BuildStats,
) -> Result<()> {
    let mut failure = None;
    let read = read_articles(file, furniture, observer, &mut |article| {
        if failure.is_none() {
            match add_article(&article, target) {
                Ok(count) => {
                    stats.articles += 1;
                    stats.passages += count;
                }
                Err(err) => failure = Some(err),
            }
        }
    });
    if let Some(err) = failure {
        return Err(err);
    }
    if let Err(err) = read {
        stats.skipped_files += 1;
        observer.inner.file_skipped(&err);
    }
    Ok(())
}

/// Adds one document per passage of `article`; returns how many.
fn add_article(article: &Article, target: &Target) -> Result<usize> {
    let fields = target.fields;
    let texts = passages(article);
    let entities = if target.options.entities {
        article_entities(&texts)
    } else {
        vec![PassageEntities::default(); texts.len()]
    };
    let mut first_seen = FirstSeen::default();
    let day = article.date.as_deref().and_then(day_number);
    for (number, (text, found)) in texts.iter().zip(&entities).enumerate() {
        let mut document: TantivyDocument = doc!(
            fields.article => article.id.as_str(),
            fields.passage => (number + 1) as u64,
            fields.text => text.as_str(),
            fields.text_folded => text.as_str(),
            fields.title => article.title.as_str(),
            fields.title_folded => article.title.as_str(),
        );
        let optional = [
            (fields.date, &article.date),
            (fields.source, &article.source),
            (fields.url, &article.url),
        ];
        for (field, value) in optional {
            if let Some(value) = value {
                document.add_text(field, value);
            }
        }
        if let Some(source) = &article.source {
            document.add_text(fields.source_folded, source);
        }
        if let Some(day) = day {
            document.add_u64(fields.day, day);
        }
        add_entities(&mut document, fields, found, &mut first_seen);
        if target.options.entities {
            add_topics(
                &mut document,
                fields,
                &target.options.taxonomy,
                text,
                &mut first_seen,
            );
        }
        target.writer.add_document(document)?;
    }
    Ok(texts.len())
}

/// Keys already seen in earlier passages of the article, so that `*_first` marks one
/// passage per article.
#[derive(Default)]
struct FirstSeen {
    persons: HashSet<String>,
    docs: HashSet<String>,
    topics: HashSet<usize>,
}

/// The passage's topics: slugs, the first passage of the article with each, and weights.
fn add_topics(
    document: &mut TantivyDocument,
    fields: &Fields,
    taxonomy: &Taxonomy,
    text: &str,
    seen: &mut FirstSeen,
) {
    // The words go on to the tokenizers: the passage is analyzed once for topics and index.
    let words = analysis::analyze_for_indexing(text);
    for found in taxonomy.tag_words(&words) {
        let slug = &taxonomy.topics()[found.topic].slug;
        document.add_text(fields.topic, slug);
        if seen.topics.insert(found.topic) {
            document.add_text(fields.topic_first, slug);
        }
        let weight = (found.weight * TOPIC_WEIGHT_SCALE).round() as u64;
        document.add_u64(
            fields.topic_weight,
            (found.topic as u64) << 32 | weight.min(u32::MAX as u64),
        );
    }
}

/// The day of an RFC 3339 or plain date ("2025-08-07T22:00:00+07:00", "2025-08-07") as the
/// number 20250807; None when the text does not start with a valid date.
pub fn day_number(date: &str) -> Option<u64> {
    let head = date.get(..10)?;
    let mut parts = head.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let (year, month, day): (u64, u64, u64) =
        (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    let valid = (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day);
    valid.then_some(year * 10_000 + month * 100 + day)
}

/// Days in a month of the Gregorian calendar.
pub fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn add_entities(
    document: &mut TantivyDocument,
    fields: &Fields,
    found: &PassageEntities,
    seen: &mut FirstSeen,
) {
    for (key, name, strong, acting) in found.person_summary() {
        document.add_text(fields.person, &key);
        document.add_text(fields.person_label, format!("{key}{LABEL_SEPARATOR}{name}"));
        if strong {
            document.add_text(fields.person_strong, &key);
        }
        if acting {
            document.add_text(fields.person_acting, &key);
        }
        if seen.persons.insert(key.clone()) {
            document.add_text(fields.person_first, &key);
        }
    }
    let mut roles: HashSet<(&str, &str)> = HashSet::new();
    for mention in &found.persons {
        for role in &mention.roles {
            if roles.insert((&mention.key, role)) {
                document.add_text(
                    fields.person_role,
                    format!("{}{LABEL_SEPARATOR}{role}", mention.key),
                );
            }
        }
    }
    for (key, canonical, short, defining) in found.doc_summary() {
        document.add_text(fields.doc, &key);
        document.add_text(
            fields.doc_short_label,
            format!("{short}{LABEL_SEPARATOR}{key}"),
        );
        document.add_text(
            fields.doc_label,
            format!("{key}{LABEL_SEPARATOR}{canonical}"),
        );
        if defining {
            document.add_text(fields.doc_defining, &key);
        }
        if seen.docs.insert(key.clone()) {
            document.add_text(fields.doc_first, &key);
        }
    }
    for reference in &found.short_refs {
        for short in &reference.keys {
            document.add_text(fields.doc_short, short);
        }
    }
}

/// Opens the index at `dir` for rewriting, or creates it; an index of another format or a
/// damaged one is cleared first (it cannot be queried anyway).
fn prepare_index(dir: &Path) -> Result<Index> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    if let IndexState::Unusable(_) = index_state(dir) {
        remove_index_files(dir)?;
    }
    let index = if has_index(dir) {
        Index::open_in_dir(dir)?
    } else {
        Index::create_in_dir(dir, schema())?
    };
    analysis::register(&index);
    Ok(index)
}

/// Removes the files tantivy keeps in `dir`, and nothing else.
fn remove_index_files(dir: &Path) -> Result<()> {
    const SEGMENT_EXTENSIONS: &[&str] =
        &["idx", "pos", "term", "store", "fast", "fieldnorm", "del"];
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let extension = Path::new(&name)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        let owned = name == "meta.json"
            || name == ".managed.json"
            || name.starts_with(".tantivy")
            || SEGMENT_EXTENSIONS.contains(&extension);
        if owned {
            std::fs::remove_file(entry.path()).map_err(|source| Error::Read {
                path: entry.path(),
                source,
            })?;
        }
    }
    Ok(())
}

fn locked_or(error: TantivyError, dir: &Path) -> Error {
    match error {
        TantivyError::LockFailure(..) => Error::IndexLocked(dir.to_path_buf()),
        other => Error::Tantivy(other),
    }
}

/// Passes reports on to the caller's observer, counting skipped records.
struct Counting<'a> {
    inner: &'a dyn BuildObserver,
    records: std::cell::Cell<usize>,
}

impl<'a> Counting<'a> {
    fn new(inner: &'a dyn BuildObserver) -> Self {
        Counting {
            inner,
            records: std::cell::Cell::new(0),
        }
    }
}

impl ReadObserver for Counting<'_> {
    fn bytes_read(&self, n: u64) {
        self.inner.bytes_read(n);
    }
    fn skipped(&self, error: &Error) {
        self.records.set(self.records.get() + 1);
        self.inner.skipped(error);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_numbers_only_for_real_dates() {
        assert_eq!(day_number("2025-08-07T22:00:00+07:00"), Some(20250807));
        assert_eq!(day_number("2024-02-29"), Some(20240229));
        assert_eq!(day_number("2025-02-29"), None);
        assert_eq!(day_number("2025-13-01"), None);
        assert_eq!(day_number("7/8/2025"), None);
        assert_eq!(day_number(""), None);
        assert_eq!(day_number("2025-08-0"), None);
    }
}
