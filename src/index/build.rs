//! Brings the index up to date with the corpus folder: new files are added, changed files
//! replaced, JSON Lines files that grew by appending extended with their new records, deleted
//! files removed, and unchanged files skipped after a stat (or a hash when only their time
//! changed) — all in one commit. The manifest of what each file was when indexed is written
//! before the commit that names it, so a run that fails or is killed at any moment leaves the
//! index of the last commit, and the next run finishes the work. `rebuild` starts from scratch.

use std::path::Path;
use std::sync::Arc;
use std::thread;
use std::time::Instant;

use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{Index, IndexSettings, IndexWriter, TantivyError, Term};

use super::document::{Preparers, Target};
use super::manifest::{
    content_hash, manifest_name, remove_other_manifests, stat, FileState, Manifest,
};
use super::merge::SizeAwareMerges;
use super::open::{has_index, index_state, read_payload, refuse_a_file, IndexState, Payload};
use super::schema::{schema, Fields};
use crate::analysis;
use crate::corpus::{
    articles_from_bytes, check_readable, corpus_files, read_file, CorpusFile, Format, Furniture,
    ReadFrom, ReadObserver,
};
use crate::entities::topic::Taxonomy;
use crate::error::{Error, Result};

/// Memory for tantivy's indexing threads, shared between them. Each thread writes a segment
/// when its share is full: on two cores about 290,000 passages of news, large enough that a
/// bulk load needs no merging (see [`SizeAwareMerges`]).
const WRITER_MEMORY: usize = 512 * 1024 * 1024;

/// What building reports along the way, for a progress bar and warnings.
pub trait BuildObserver: ReadObserver {
    /// About to read `files`, `total_bytes` in all (files unchanged since the last run are not
    /// read).
    fn started(&self, _files: usize, _total_bytes: u64) {}
    /// A whole file was skipped.
    fn file_skipped(&self, error: &Error) {
        self.skipped(error);
    }
    /// Reading is done; the index is being committed.
    fn committing(&self) {}
}

impl BuildObserver for crate::corpus::Quiet {}

/// How to build.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// Extract persons and document numbers (off only to measure what extraction costs).
    pub entities: bool,
    /// Tag passages with topics (off only to measure what tagging costs).
    pub topics: bool,
    /// The taxonomy passages are tagged with; kept with the index. None keeps the index's own
    /// (the built-in one for a new index); another taxonomy than the index's rebuilds it.
    pub taxonomy: Option<Arc<Taxonomy>>,
    /// Start from an empty index instead of updating.
    pub rebuild: bool,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            entities: true,
            topics: true,
            taxonomy: None,
            rebuild: false,
        }
    }
}

/// Figures of one run.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct BuildStats {
    /// Corpus files found.
    pub scanned: usize,
    /// Files new to the index.
    pub added: usize,
    /// Files whose passages were replaced, or extended (appended JSON Lines).
    pub updated: usize,
    /// Of the updated files, those that only grew by appending.
    pub appended: usize,
    /// Files gone from the corpus whose passages were removed.
    pub removed: usize,
    /// Files unchanged since the last run.
    pub unchanged: usize,
    /// Files skipped with an error (each named on stderr and in `skipped`).
    pub skipped_files: usize,
    /// Records (JSON lines, array items) skipped with an error.
    pub skipped_records: usize,
    /// What was skipped and why, one line each.
    pub skipped: Vec<String>,
    /// Articles read in this run.
    pub articles: usize,
    /// Passages in the index after the run.
    pub passages: u64,
    /// The index was built from scratch (asked for, a new index, another format or taxonomy).
    pub rebuilt: bool,
    pub seconds: f64,
    /// Same as `scanned` (kept for scripts written against earlier versions).
    pub files: usize,
}

/// Brings the index at `index_dir` up to date with every article file under `corpus`.
pub fn build_index(
    corpus: &Path,
    index_dir: &Path,
    options: BuildOptions,
    observer: &dyn BuildObserver,
) -> Result<BuildStats> {
    let started = Instant::now();
    let counting = Counting::new(observer);
    let files = corpus_files(corpus, |e| counting.file_skipped(&e))?;
    if files.is_empty() {
        return Err(Error::Malformed {
            path: corpus.to_path_buf(),
            message: "no article files found (looked for .txt, .json, .jsonl, .ndjson, .jsonl.gz)"
                .into(),
        });
    }
    let index = prepare_index(index_dir, options.rebuild)?;
    let fields = Fields::of(&index.schema())?;
    // The lock first: what the index holds is read only once no other run can change it.
    let mut writer: IndexWriter = index
        .writer(WRITER_MEMORY)
        .map_err(|e| locked_or(e, index_dir))?;
    writer.set_merge_policy(Box::new(SizeAwareMerges::new()));
    let found = read_payload(&index).ok();
    let taxonomy = match &options.taxonomy {
        Some(taxonomy) => Arc::clone(taxonomy),
        None => Arc::new(
            found
                .as_ref()
                .and_then(|p| Taxonomy::parse(&p.taxonomy, &index_dir.join("meta.json")).ok())
                .unwrap_or_else(Taxonomy::builtin),
        ),
    };
    let previous = found.filter(|p| !options.rebuild && p.taxonomy == taxonomy.source());
    let old = previous
        .as_ref()
        .and_then(|p| Manifest::load(index_dir, &p.manifest).ok());
    let mut stats = BuildStats {
        scanned: files.len(),
        files: files.len(),
        rebuilt: old.is_none(),
        ..BuildStats::default()
    };
    if stats.rebuilt {
        writer.delete_all_documents()?;
    }
    let old = old.unwrap_or_default();
    let plans = plan(&files, &old);
    observer.started(
        files.len(),
        plans.iter().filter(|p| p.read).map(|p| p.file.size).sum(),
    );
    let target = Target {
        fields: &fields,
        writer: &writer,
        entities: options.entities,
        topics: options.topics,
        taxonomy: &taxonomy,
    };
    let furniture = Furniture::builtin();
    let mut new = Manifest::default();
    let mut changed = stats.rebuilt;
    // Workers prepare documents while this thread reads; all are joined before the commit.
    thread::scope(|scope| -> Result<()> {
        let preparers = Preparers::start(scope, &target);
        let reader = Reader {
            preparers: &preparers,
            furniture: &furniture,
            observer: &counting,
        };
        for plan in &plans {
            changed |= update_file(plan, &reader, &target, &mut new, &mut stats)?;
        }
        preparers.finish()
    })?;
    for gone in old.files.keys().filter(|k| !new.files.contains_key(*k)) {
        if !files.iter().any(|f| &f.relative == gone) {
            writer.delete_term(Term::from_field_text(fields.file, gone));
            stats.removed += 1;
            changed = true;
        }
    }
    stats.skipped_records = counting.records.get();
    stats.skipped_files = counting.files.get();
    stats.skipped = counting.names.take();
    if stats.rebuilt && stats.articles == 0 {
        // Dropping the writer uncommitted keeps the previous index whole.
        return Err(Error::NothingRead {
            path: corpus.to_path_buf(),
            files: stats.scanned,
        });
    }
    if changed || new != old {
        observer.committing();
        let generation = previous.map_or(1, |p| p.generation + 1);
        let name = manifest_name(generation);
        new.save(index_dir, &name)?;
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&Payload::new(generation, &name, &taxonomy, corpus).to_json());
        commit.commit()?;
        remove_other_manifests(index_dir, &name);
        writer.wait_merging_threads()?;
    }
    stats.passages = index.reader()?.searcher().num_docs();
    stats.seconds = started.elapsed().as_secs_f64();
    Ok(stats)
}

/// What to do with one corpus file.
struct Plan<'a> {
    file: &'a CorpusFile,
    /// Its state at the last run, if it was indexed.
    old: Option<&'a FileState>,
    /// Modification time now.
    modified: u64,
    /// Whether it must be read (new, or its size or time changed).
    read: bool,
}

/// Stats every file and compares it with the manifest.
fn plan<'a>(files: &'a [CorpusFile], old: &'a Manifest) -> Vec<Plan<'a>> {
    files
        .iter()
        .map(|file| {
            let (size, modified) = stat(&file.path).unwrap_or((file.size, 0));
            let old = old.files.get(&file.relative);
            let read =
                old.is_none_or(|o| o.size != size || o.modified != modified || modified == 0);
            Plan {
                file,
                old,
                modified,
                read,
            }
        })
        .collect()
}

/// Brings one file's passages up to date; records its new state in `new`. Returns whether
/// the index changed.
fn update_file(
    plan: &Plan,
    reader: &Reader,
    target: &Target,
    new: &mut Manifest,
    stats: &mut BuildStats,
) -> Result<bool> {
    let observer = reader.observer;
    let file = plan.file;
    let keep_old = |new: &mut Manifest| {
        if let Some(old) = plan.old {
            new.files.insert(file.relative.clone(), old.clone());
        }
    };
    if !plan.read {
        keep_old(new);
        stats.unchanged += 1;
        return Ok(false);
    }
    // A file that cannot be read now keeps what was indexed from it.
    let bytes = match read_file(file, observer).and_then(|b| {
        check_readable(&b, file)?;
        Ok(b)
    }) {
        Ok(bytes) => bytes,
        Err(err) => {
            observer.file_skipped(&err);
            keep_old(new);
            return Ok(false);
        }
    };
    let hash = content_hash(&bytes);
    if let Some(old) = plan.old.filter(|o| o.hash == hash) {
        new.files.insert(
            file.relative.clone(),
            FileState {
                modified: plan.modified,
                ..old.clone()
            },
        );
        stats.unchanged += 1;
        return Ok(false);
    }
    let appended = plan
        .old
        .filter(|o| grew_by_appending(o, &bytes, file.format));
    let from = appended.map_or(ReadFrom::default(), |o| ReadFrom {
        offset: o.size,
        lines_before: o.lines,
    });
    if plan.old.is_some() && appended.is_none() {
        target
            .writer
            .delete_term(Term::from_field_text(target.fields.file, &file.relative));
    }
    let mut failure = None;
    let name: Arc<str> = Arc::from(file.relative.as_str());
    let read = articles_from_bytes(
        &bytes,
        from,
        file,
        reader.furniture,
        observer,
        &mut |article| {
            if failure.is_none() {
                match reader.preparers.add(article, &name) {
                    Ok(()) => stats.articles += 1,
                    Err(err) => failure = Some(err),
                }
            }
        },
    );
    if let Some(err) = failure {
        return Err(err);
    }
    let outcome = match read {
        Ok(outcome) => outcome,
        Err(err) => {
            // Broken part-way (a JSON array with a bad item): what was read stays, and the
            // file is read again next time.
            observer.file_skipped(&err);
            return Ok(true);
        }
    };
    if outcome.articles == 0 && appended.is_none() {
        observer.file_skipped(&Error::Malformed {
            path: file.path.clone(),
            message: "no article found in it".into(),
        });
    }
    new.files.insert(
        file.relative.clone(),
        FileState {
            size: bytes.len() as u64,
            modified: plan.modified,
            hash,
            lines: outcome.lines,
            ends_with_newline: outcome.ends_with_newline,
        },
    );
    match (plan.old, appended) {
        (None, _) => stats.added += 1,
        (Some(_), Some(_)) => {
            stats.updated += 1;
            stats.appended += 1;
        }
        (Some(_), None) => stats.updated += 1,
    }
    Ok(true)
}

/// What reads a file, and where its articles go.
struct Reader<'a> {
    preparers: &'a Preparers<'a>,
    furniture: &'a Furniture,
    observer: &'a Counting<'a>,
}

/// Whether a JSON Lines file only grew: its old bytes are all there, unchanged, and they
/// ended a line.
fn grew_by_appending(old: &FileState, bytes: &[u8], format: Format) -> bool {
    let json_lines = matches!(format, Format::JsonLines | Format::JsonLinesGz);
    let Ok(old_size) = usize::try_from(old.size) else {
        return false;
    };
    json_lines
        && old.ends_with_newline
        && bytes.len() > old_size
        && content_hash(&bytes[..old_size]) == old.hash
}

/// Opens the index at `dir` for updating, or creates it. An index of another format is
/// cleared first (it cannot be queried anyway); a damaged one only with `rebuild`.
fn prepare_index(dir: &Path, rebuild: bool) -> Result<Index> {
    refuse_a_file(dir)?;
    std::fs::create_dir_all(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    match index_state(dir) {
        IndexState::Old(_) => remove_index_files(dir)?,
        IndexState::Damaged(_) if rebuild => remove_index_files(dir)?,
        IndexState::Damaged(reason) => {
            return Err(Error::DamagedIndex {
                path: dir.to_path_buf(),
                reason,
            })
        }
        IndexState::Missing | IndexState::Current => {}
    }
    let index = if has_index(dir) {
        Index::open_in_dir(dir)?
    } else {
        Index::builder()
            .schema(schema())
            .settings(settings())
            .create_in_dir(dir)?
    };
    analysis::register(&index);
    Ok(index)
}

/// Stored passages are compressed with zstd in blocks of 16 KB (tantivy's default size):
/// Vietnamese text takes a third less room than with tantivy's default lz4. Blocks of 32 KB
/// would store 6% less, but every hit read from disk decompresses its whole block, and a search
/// reads ten: at 1.2 million passages the 16 KB blocks read its hits with 28% fewer
/// instructions. Level 1, not zstd's default 3: tantivy makes a compressor for every block,
/// and level 3's larger tables cost a build 2.7% more instructions for stored passages 6%
/// smaller.
fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(1),
        }),
        docstore_blocksize: 16_384,
        ..IndexSettings::default()
    }
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

/// Passes reports on to the caller's observer, counting and naming what was skipped.
struct Counting<'a> {
    inner: &'a dyn BuildObserver,
    records: std::cell::Cell<usize>,
    files: std::cell::Cell<usize>,
    names: std::cell::RefCell<Vec<String>>,
}

impl<'a> Counting<'a> {
    fn new(inner: &'a dyn BuildObserver) -> Self {
        Counting {
            inner,
            records: std::cell::Cell::new(0),
            files: std::cell::Cell::new(0),
            names: std::cell::RefCell::new(Vec::new()),
        }
    }

    fn file_skipped(&self, error: &Error) {
        self.files.set(self.files.get() + 1);
        self.names.borrow_mut().push(error.to_string());
        self.inner.file_skipped(error);
    }
}

impl ReadObserver for Counting<'_> {
    fn bytes_read(&self, n: u64) {
        self.inner.bytes_read(n);
    }
    fn skipped(&self, error: &Error) {
        self.records.set(self.records.get() + 1);
        self.names.borrow_mut().push(error.to_string());
        self.inner.skipped(error);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Changes the corpus once the files are listed, as a user might while indexing runs.
    struct Meddler<F: Fn()>(F);
    impl<F: Fn()> ReadObserver for Meddler<F> {}
    impl<F: Fn()> BuildObserver for Meddler<F> {
        fn started(&self, _files: usize, _total_bytes: u64) {
            (self.0)();
        }
    }

    fn passage_count(index: &Path) -> u64 {
        let opened = crate::index::open_index(index).unwrap();
        opened.index.reader().unwrap().searcher().num_docs()
    }

    #[test]
    fn a_file_removed_or_rewritten_while_indexing() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        let index = dir.path().join("index");
        std::fs::create_dir(&corpus).unwrap();
        let line = |id: u32| {
            format!("{{\"id\":\"{id}\",\"title\":\"Tin {id}\",\"summary\":\"Thành ủy Hà Nội họp phiên {id}.\"}}\n")
        };
        std::fs::write(corpus.join("gone.jsonl"), line(1)).unwrap();
        std::fs::write(corpus.join("moving.jsonl"), line(2)).unwrap();
        let meddle = Meddler(|| {
            std::fs::remove_file(corpus.join("gone.jsonl")).unwrap();
            std::fs::write(corpus.join("moving.jsonl"), line(3) + &line(4)).unwrap();
        });
        let stats = build_index(&corpus, &index, BuildOptions::default(), &meddle).unwrap();
        // The removed file is named and skipped; the rewritten one indexed as it was read.
        assert_eq!(stats.skipped_files, 1, "{stats:?}");
        assert!(stats.skipped[0].contains("gone.jsonl"), "{stats:?}");
        assert_eq!(stats.passages, 2);
        // The next run sees the rewrite's new time, finds the same bytes, and changes nothing.
        let again = build_index(&corpus, &index, BuildOptions::default(), &Meddler(|| {})).unwrap();
        assert_eq!(
            (again.added, again.updated, again.unchanged),
            (0, 0, 1),
            "{again:?}"
        );
        assert_eq!(passage_count(&index), 2);
    }
}
