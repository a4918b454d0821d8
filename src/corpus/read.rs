//! Reads one corpus file into articles, whatever its format, reporting bytes read for progress
//! and naming every record it has to skip.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;
use serde_json::Value;

use super::clean::{clean_page, Furniture};
use super::decode::decode;
use super::json::{article_from_value, single_article_from_value};
use super::{Article, CorpusFile, Format};
use crate::error::{Error, Result};

/// What reading reports along the way.
pub trait ReadObserver {
    /// `n` more bytes of the file were read from disk.
    fn bytes_read(&self, _n: u64) {}
    /// A record was skipped; the rest of the file goes on.
    fn skipped(&self, _error: &Error) {}
}

/// An observer that ignores everything.
pub struct Quiet;
impl ReadObserver for Quiet {}

/// Where reading a file's bytes starts: at the beginning, or (a JSON Lines file that grew by
/// appending) at `offset`, numbering lines on from `lines_before`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadFrom {
    pub offset: u64,
    pub lines_before: u64,
}

/// What reading found besides the articles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOutcome {
    /// Lines of text read from the start (JSON Lines), counting those before `ReadFrom`.
    pub lines: u64,
    /// The text read ended with a newline.
    pub ends_with_newline: bool,
    pub articles: u64,
}

/// Reads `file`, handing each article to `emit`. A file that cannot be read at all is an
/// error; a malformed record is reported to `observer` and skipped.
pub fn read_articles(
    file: &CorpusFile,
    furniture: &Furniture,
    observer: &dyn ReadObserver,
    emit: &mut dyn FnMut(Article),
) -> Result<()> {
    let bytes = read_file(file, observer)?;
    articles_from_bytes(&bytes, ReadFrom::default(), file, furniture, observer, emit)?;
    Ok(())
}

/// The bytes of `file` as on disk, reporting progress.
pub fn read_file(file: &CorpusFile, observer: &dyn ReadObserver) -> Result<Vec<u8>> {
    let opened = File::open(&file.path).map_err(|source| read_error(&file.path, source))?;
    let mut reader = Counting {
        inner: opened,
        observer,
    };
    let mut bytes = Vec::with_capacity(usize::try_from(file.size).unwrap_or(0));
    reader
        .read_to_end(&mut bytes)
        .map_err(|source| read_error(&file.path, source))?;
    Ok(bytes)
}

/// Checks that `bytes` can be read as `file`'s format (text in a known encoding, a gzip
/// stream), before anything already indexed from the file is replaced.
pub fn check_readable(bytes: &[u8], file: &CorpusFile) -> Result<()> {
    match file.format {
        Format::JsonLinesGz => {
            let mut first = [0u8; 1];
            MultiGzDecoder::new(bytes)
                .read(&mut first)
                .map_err(|e| malformed(&file.path, format!("not a gzip file: {e}")))?;
            Ok(())
        }
        _ => decode(bytes)
            .map(drop)
            .map_err(|m| malformed(&file.path, m)),
    }
}

/// Reads articles from the bytes of `file`, from `from` on.
pub fn articles_from_bytes(
    bytes: &[u8],
    from: ReadFrom,
    file: &CorpusFile,
    furniture: &Furniture,
    observer: &dyn ReadObserver,
    emit: &mut dyn FnMut(Article),
) -> Result<ReadOutcome> {
    let mut articles = 0;
    let mut counted = |article: Article| {
        articles += 1;
        emit(article);
    };
    let tail = bytes
        .get(usize::try_from(from.offset).unwrap_or(usize::MAX)..)
        .unwrap_or_default();
    let mut outcome = match file.format {
        Format::Page => {
            read_page(&text_of(bytes, file)?, file, furniture, &mut counted);
            ReadOutcome::default()
        }
        Format::Json => {
            read_json(&text_of(bytes, file)?, file, &mut counted)?;
            ReadOutcome::default()
        }
        // A whole file may be UTF-16 or Windows-1258; an appended tail is read as UTF-8.
        Format::JsonLines if from.offset == 0 => {
            let text = text_of(bytes, file)?;
            read_json_lines_of_text(&text, from, file, observer, &mut counted)
        }
        Format::JsonLines => read_json_lines(tail, from, file, observer, &mut counted)?,
        Format::JsonLinesGz => {
            let decoder = BufReader::new(MultiGzDecoder::new(tail));
            read_json_lines(decoder, from, file, observer, &mut counted)?
        }
    };
    outcome.articles = articles;
    Ok(outcome)
}

fn text_of<'b>(bytes: &'b [u8], file: &CorpusFile) -> Result<Cow<'b, str>> {
    decode(bytes).map_err(|m| malformed(&file.path, m))
}

fn read_page(text: &str, file: &CorpusFile, furniture: &Furniture, emit: &mut dyn FnMut(Article)) {
    let page = clean_page(text, furniture);
    let title = page.title.unwrap_or_else(|| {
        page.paragraphs
            .first()
            .map(|p| headline_from(p))
            .unwrap_or_default()
    });
    emit(Article {
        id: file.relative.clone(),
        title,
        date: super::date::stated_date(&page.paragraphs),
        source: page.source,
        paragraphs: page.paragraphs,
        ..Article::default()
    });
}

fn read_json(text: &str, file: &CorpusFile, emit: &mut dyn FnMut(Article)) -> Result<()> {
    let value: Value = serde_json::from_str(text).map_err(|e| malformed(&file.path, e))?;
    match value {
        Value::Array(records) => {
            for (index, record) in records.into_iter().enumerate() {
                let article = article_from_value(record, &file.relative, index + 1)
                    .map_err(|m| malformed(&file.path, m))?;
                emit(article);
            }
        }
        record => emit(
            single_article_from_value(record, &file.relative)
                .map_err(|m| malformed(&file.path, m))?,
        ),
    }
    Ok(())
}

fn read_json_lines(
    mut reader: impl BufRead,
    from: ReadFrom,
    file: &CorpusFile,
    observer: &dyn ReadObserver,
    emit: &mut dyn FnMut(Article),
) -> Result<ReadOutcome> {
    let mut lines = JsonLines::new(from, file, observer);
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|source| read_error(&file.path, source))?;
        if n == 0 {
            break;
        }
        let text = simdutf8::basic::from_utf8(&line).map_err(|_| "not valid UTF-8".to_string());
        lines.take(text, line.last() == Some(&b'\n'), emit);
    }
    Ok(lines.outcome)
}

/// [`read_json_lines`] of a text already decoded (so not checked again line by line).
fn read_json_lines_of_text(
    text: &str,
    from: ReadFrom,
    file: &CorpusFile,
    observer: &dyn ReadObserver,
    emit: &mut dyn FnMut(Article),
) -> ReadOutcome {
    let mut lines = JsonLines::new(from, file, observer);
    for line in text.split_inclusive('\n') {
        lines.take(Ok(line), line.ends_with('\n'), emit);
    }
    lines.outcome
}

/// The lines of a JSON Lines file as they are read: counted, parsed, the bad ones reported.
struct JsonLines<'a> {
    outcome: ReadOutcome,
    file: &'a CorpusFile,
    observer: &'a dyn ReadObserver,
}

impl<'a> JsonLines<'a> {
    fn new(from: ReadFrom, file: &'a CorpusFile, observer: &'a dyn ReadObserver) -> Self {
        JsonLines {
            outcome: ReadOutcome {
                lines: from.lines_before,
                ends_with_newline: true,
                articles: 0,
            },
            file,
            observer,
        }
    }

    /// The next line (or why it is not text), and whether a newline ends it.
    fn take(
        &mut self,
        line: std::result::Result<&str, String>,
        ends_with_newline: bool,
        emit: &mut dyn FnMut(Article),
    ) {
        self.outcome.lines += 1;
        self.outcome.ends_with_newline = ends_with_newline;
        let line_number = usize::try_from(self.outcome.lines).unwrap_or(usize::MAX);
        match line.and_then(|text| parse_line(text, &self.file.relative, line_number)) {
            Ok(Some(article)) => emit(article),
            Ok(None) => {}
            Err(message) => self.observer.skipped(&Error::Malformed {
                path: self.file.path.clone(),
                message: format!("line {line_number}: {message}"),
            }),
        }
    }
}

fn parse_line(text: &str, file_id: &str, line_number: usize) -> Result<Option<Article>, String> {
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Ok(None);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    article_from_value(value, file_id, line_number).map(Some)
}

/// Words a title made from the first paragraph keeps, for pages scraped without their headline.
const FALLBACK_TITLE_WORDS: usize = 14;

/// The first words of `paragraph`, with "…" when cut.
fn headline_from(paragraph: &str) -> String {
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    if words.len() <= FALLBACK_TITLE_WORDS {
        return words.join(" ");
    }
    let cut = words[..FALLBACK_TITLE_WORDS].join(" ");
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', '…']))
}

fn read_error(path: &Path, source: std::io::Error) -> Error {
    Error::Read {
        path: path.to_path_buf(),
        source,
    }
}

fn malformed(path: &Path, message: impl ToString) -> Error {
    Error::Malformed {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

/// Counts the bytes read from disk for the progress bar.
struct Counting<'a, R> {
    inner: R,
    observer: &'a dyn ReadObserver,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.observer.bytes_read(n as u64);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::io::Write;

    use super::*;
    use crate::corpus::corpus_files;

    #[derive(Default)]
    struct Recorder {
        bytes: RefCell<u64>,
        skipped: RefCell<Vec<String>>,
    }
    impl ReadObserver for Recorder {
        fn bytes_read(&self, n: u64) {
            *self.bytes.borrow_mut() += n;
        }
        fn skipped(&self, error: &Error) {
            self.skipped.borrow_mut().push(error.to_string());
        }
    }

    fn read_dir(dir: &Path, recorder: &Recorder) -> Vec<std::result::Result<Vec<Article>, String>> {
        let furniture = Furniture::builtin();
        corpus_files(dir, |e| panic!("{e}"))
            .unwrap()
            .iter()
            .map(|file| {
                let mut articles = Vec::new();
                read_articles(file, &furniture, recorder, &mut |a| articles.push(a))
                    .map(|()| articles)
                    .map_err(|e| e.to_string())
            })
            .collect()
    }

    #[test]
    fn reads_every_format_and_skips_bad_lines() {
        let dir = tempfile::tempdir().unwrap();
        let lines = "{\"id\":\"a\",\"title\":\"Một\",\"summary\":\"Tóm tắt một.\"}\nnot json\n\n{\"title\":\"Ba\"}\n";
        std::fs::write(dir.path().join("feed.jsonl"), lines).unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(lines.as_bytes()).unwrap();
        std::fs::write(dir.path().join("feed2.jsonl.gz"), gz.finish().unwrap()).unwrap();
        std::fs::write(
            dir.path().join("one.json"),
            "{\"title\":\"Một bài\",\"body\":\"Nội dung.\"}",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("many.json"),
            "[{\"id\":1,\"title\":\"A\"},{\"title\":\"B\"}]",
        )
        .unwrap();

        let recorder = Recorder::default();
        let results = read_dir(dir.path(), &recorder);
        let ids: Vec<Vec<String>> = results
            .into_iter()
            .map(|r| r.unwrap().into_iter().map(|a| a.id).collect())
            .collect();
        assert_eq!(
            ids,
            [
                vec!["feed.jsonl#a", "feed.jsonl#4"],
                vec!["feed2.jsonl.gz#a", "feed2.jsonl.gz#4"],
                vec!["many.json#1", "many.json#2"],
                vec!["one.json"],
            ]
        );
        let skipped = recorder.skipped.borrow();
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        assert!(skipped[0].contains("feed.jsonl: line 2"), "{}", skipped[0]);
        let total: u64 = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum();
        assert_eq!(*recorder.bytes.borrow(), total);
    }

    #[test]
    fn a_page_without_headline_is_titled_by_its_first_words() {
        assert_eq!(
            headline_from("Quang cảnh Hội nghị lần thứ 23, Ban Chấp hành Đảng bộ Thành phố khóa XVII chủ trì hôm nay"),
            "Quang cảnh Hội nghị lần thứ 23, Ban Chấp hành Đảng bộ Thành phố…"
        );
        assert_eq!(headline_from("Ngắn gọn."), "Ngắn gọn.");
    }

    #[test]
    fn a_broken_json_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bad.json"), "{\"title\": ").unwrap();
        // Not UTF-8, and in Windows-1258 not Vietnamese either.
        std::fs::write(dir.path().join("bad.txt"), [0x41, 0xe9, 0x80, 0x41]).unwrap();
        let results = read_dir(dir.path(), &Recorder::default());
        let errors: Vec<String> = results.into_iter().map(|r| r.unwrap_err()).collect();
        assert!(errors[0].contains("bad.json"), "{}", errors[0]);
        assert!(
            errors[1].contains("bad.txt: not text in UTF-8"),
            "{}",
            errors[1]
        );
    }
}
