//! From article to tantivy documents: one per passage, with its entities and topics. Articles
//! are prepared on worker threads ([`Preparers`]) while the calling thread reads the next ones,
//! and each goes to the index writer, whose own threads build the segments.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, Scope, ScopedJoinHandle};

use crossbeam_channel::{bounded, Receiver, Sender};
use tantivy::{doc, IndexWriter, TantivyDocument};

use super::schema::{Fields, LABEL_SEPARATOR, NO_DAY, TOPIC_WEIGHT_SCALE};
use super::topic_band;
use crate::analysis;
use crate::corpus::Article;
use crate::entities::topic::Taxonomy;
use crate::entities::{article_entities, PassageEntities};
use crate::error::{Error, Result};
use crate::passage::passages;

/// Articles waiting for a worker; enough to keep them busy while the reader works on a file.
const QUEUE: usize = 64;

/// One article to prepare, and the corpus file it comes from.
type Job = (Article, Arc<str>);

/// Worker threads that turn articles into documents and add them to the writer.
pub(super) struct Preparers<'scope> {
    jobs: Sender<Job>,
    workers: Vec<ScopedJoinHandle<'scope, ()>>,
    failed: Arc<AtomicBool>,
    failure: Arc<Mutex<Option<Error>>>,
}

impl<'scope> Preparers<'scope> {
    /// Starts one worker per core in `scope`. Dropped without [`Preparers::finish`] (on an
    /// error), the workers end with the scope, once the queue is empty.
    pub fn start(scope: &'scope Scope<'scope, '_>, target: &'scope Target) -> Preparers<'scope> {
        let (jobs, queue) = bounded::<Job>(QUEUE);
        let failed = Arc::new(AtomicBool::new(false));
        let failure = Arc::new(Mutex::new(None));
        let count = thread::available_parallelism().map_or(1, usize::from);
        let workers = (0..count)
            .map(|_| {
                let queue = queue.clone();
                let (failed, failure) = (Arc::clone(&failed), Arc::clone(&failure));
                scope.spawn(move || prepare(&queue, target, &failed, &failure))
            })
            .collect();
        Preparers {
            jobs,
            workers,
            failed,
            failure,
        }
    }

    /// Closes the queue, waits for the workers to prepare what is left, and returns the first
    /// error they met.
    pub fn finish(self) -> Result<()> {
        drop(self.jobs);
        let mut panicked = false;
        for worker in self.workers {
            panicked |= worker.join().is_err();
        }
        if panicked {
            self.failed.store(true, Ordering::Relaxed);
        }
        first_failure(&self.failed, &self.failure)
    }

    /// Queues `article` of corpus file `file`.
    pub fn add(&self, article: Article, file: &Arc<str>) -> Result<()> {
        self.check()?;
        self.jobs
            .send((article, Arc::clone(file)))
            .map_err(|_| Error::Indexing("the threads preparing documents stopped".into()))
    }

    /// The first error a worker met, if any.
    fn check(&self) -> Result<()> {
        first_failure(&self.failed, &self.failure)
    }
}

fn first_failure(failed: &AtomicBool, failure: &Mutex<Option<Error>>) -> Result<()> {
    if !failed.load(Ordering::Relaxed) {
        return Ok(());
    }
    match failure.lock().ok().and_then(|mut f| f.take()) {
        Some(err) => Err(err),
        None => Err(Error::Indexing(
            "a thread preparing documents failed".into(),
        )),
    }
}

/// A worker: prepares and adds articles until the queue closes; after a failure it only drains.
fn prepare(
    queue: &Receiver<Job>,
    target: &Target,
    failed: &AtomicBool,
    failure: &Mutex<Option<Error>>,
) {
    for (article, file) in queue {
        if failed.load(Ordering::Relaxed) {
            continue;
        }
        if let Err(err) = add_article(&article, &file, target) {
            if let Ok(mut first) = failure.lock() {
                first.get_or_insert(err);
            }
            failed.store(true, Ordering::Relaxed);
        }
    }
}

/// Where and how articles are added.
pub(super) struct Target<'a> {
    pub fields: &'a Fields,
    pub writer: &'a IndexWriter,
    pub entities: bool,
    pub topics: bool,
    pub taxonomy: &'a Taxonomy,
}

/// Adds one document per passage of `article`, from corpus file `file`; returns how many.
pub(super) fn add_article(article: &Article, file: &str, target: &Target) -> Result<usize> {
    let fields = target.fields;
    let texts = passages(article);
    let entities = if target.entities {
        article_entities(&texts)
    } else {
        vec![PassageEntities::default(); texts.len()]
    };
    let mut first_seen = FirstSeen::default();
    let day = article.date.as_deref().and_then(day_number);
    for (number, (text, found)) in texts.iter().zip(&entities).enumerate() {
        let mut document: TantivyDocument = doc!(
            fields.article => article.id.as_str(),
            fields.file => file,
            fields.passage => (number + 1) as u64,
            fields.text => text.as_str(),
            fields.text_folded => text.as_str(),
            fields.text_pairs => text.as_str(),
        );
        if !article.title.is_empty() {
            document.add_text(fields.text, &article.title);
            document.add_text(fields.text_folded, &article.title);
            document.add_text(fields.text_pairs, &article.title);
        }
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
        document.add_u64(fields.day, day.unwrap_or(NO_DAY));
        add_entities(&mut document, fields, found, &mut first_seen);
        if target.topics {
            add_topics(
                &mut document,
                fields,
                target.taxonomy,
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
        let weight = ((found.weight * TOPIC_WEIGHT_SCALE).round() as u64).min(u32::MAX as u64);
        document.add_u64(fields.topic_weight, (found.topic as u64) << 32 | weight);
        document.add_text(fields.topic_band, topic_band::band_term(slug, weight));
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
    for person in found.person_summary() {
        let key = person.key.as_str();
        document.add_text(fields.person, key);
        document.add_text(
            fields.person_label,
            format!("{key}{LABEL_SEPARATOR}{}", person.name),
        );
        let marks = [
            (person.strong, fields.person_strong),
            (person.acting, fields.person_acting),
            (person.full, fields.person_full),
        ];
        for (_, field) in marks.into_iter().filter(|(set, _)| *set) {
            document.add_text(field, key);
        }
        if seen.persons.insert(person.key.clone()) {
            document.add_text(fields.person_first, key);
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
