//! Renders hits and articles for people: rank, title, where the passage comes from, and the
//! passage with the matched words highlighted (ANSI colour only when asked for).

use std::io::{self, Write};
use std::ops::Range;

use crate::search::{ArticleView, FacetCount, Facets, Hit};

const BOLD: &str = "\x1b[1m";
const MATCH: &str = "\x1b[1;33m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Terminal rendering, with or without colour.
#[derive(Clone, Copy, Debug)]
pub struct Terminal {
    pub color: bool,
}

impl Terminal {
    /// Writes one hit as a few lines followed by a blank line.
    pub fn hit(&self, out: &mut dyn Write, hit: &Hit) -> io::Result<()> {
        let title = if hit.title.is_empty() {
            "(untitled)"
        } else {
            &hit.title
        };
        let title_ranges = if hit.title.is_empty() {
            &[][..]
        } else {
            &hit.title_highlights[..]
        };
        write!(out, "{}{:>2}.{} ", self.on(BOLD), hit.rank, self.off())?;
        self.highlighted(out, title, title_ranges, BOLD)?;
        writeln!(out)?;
        let mut place = vec![format!("{} #{}", hit.article, hit.passage)];
        place.extend(hit.date.as_deref().map(short_date));
        place.extend(hit.source.clone());
        if !hit.topics.is_empty() {
            place.push(hit.topics.join(", "));
        }
        writeln!(
            out,
            "    {}{}{}",
            self.on(DIM),
            place.join(" · "),
            self.off()
        )?;
        self.passage(out, &hit.text, &hit.highlights)?;
        writeln!(out)
    }

    /// Writes the facets of a result set under the hits: one line per facet.
    pub fn facets(&self, out: &mut dyn Write, facets: &Facets) -> io::Result<()> {
        writeln!(
            out,
            "{}{} passages match; most frequent among them:{}",
            self.on(BOLD),
            facets.passages,
            self.off()
        )?;
        let lines: [(&str, &[FacetCount]); 4] = [
            ("persons", &facets.persons),
            ("documents", &facets.docs),
            ("topics", &facets.topics),
            ("sources", &facets.sources),
        ];
        for (label, counts) in lines {
            let values: Vec<String> = counts
                .iter()
                .map(|c| format!("{} ({})", c.value, c.count))
                .collect();
            let values = if values.is_empty() {
                "none".to_string()
            } else {
                values.join(" · ")
            };
            writeln!(out, "  {}{label:<10}{} {values}", self.on(DIM), self.off())?;
        }
        Ok(())
    }

    /// Writes a whole article: title, date and source, then every passage numbered.
    pub fn article(&self, out: &mut dyn Write, article: &ArticleView) -> io::Result<()> {
        writeln!(out, "{}{}{}", self.on(BOLD), article.title, self.off())?;
        let mut about = vec![article.article.clone()];
        about.extend(article.date.as_deref().map(short_date));
        about.extend(article.source.clone());
        about.extend(article.url.clone());
        writeln!(out, "{}{}{}", self.on(DIM), about.join(" · "), self.off())?;
        for passage in &article.passages {
            writeln!(out)?;
            writeln!(out, "{}#{}{}", self.on(DIM), passage.passage, self.off())?;
            self.passage(out, &passage.text, &[])?;
        }
        Ok(())
    }

    fn passage(&self, out: &mut dyn Write, text: &str, ranges: &[Range<usize>]) -> io::Result<()> {
        write!(out, "    ")?;
        let indented = text.replace('\n', "\n    ");
        let shifted = shift_ranges(text, ranges);
        self.highlighted(out, &indented, &shifted, "")?;
        writeln!(out)
    }

    /// Writes `text` with `ranges` in the match colour, `base` style elsewhere.
    fn highlighted(
        &self,
        out: &mut dyn Write,
        text: &str,
        ranges: &[Range<usize>],
        base: &str,
    ) -> io::Result<()> {
        let mut at = 0;
        write!(out, "{}", self.on(base))?;
        for range in ranges {
            let (Some(before), Some(matched)) =
                (text.get(at..range.start), text.get(range.clone()))
            else {
                continue;
            };
            write!(
                out,
                "{before}{}{matched}{}{}",
                self.on(MATCH),
                self.off(),
                self.on(base)
            )?;
            at = range.end;
        }
        write!(
            out,
            "{}{}",
            &text[at..],
            if base.is_empty() { "" } else { self.off() }
        )
    }

    fn on<'a>(&self, style: &'a str) -> &'a str {
        if self.color {
            style
        } else {
            ""
        }
    }

    fn off(&self) -> &'static str {
        if self.color {
            RESET
        } else {
            ""
        }
    }
}

/// Ranges into `text` moved to where they fall once every newline is followed by an indent.
fn shift_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let shift = |at: usize| Some(at + 4 * text.get(..at)?.matches('\n').count());
    ranges
        .iter()
        .filter_map(|r| Some(shift(r.start)?..shift(r.end)?))
        .collect()
}

/// "2025-08-07T22:00:00+07:00" → "2025-08-07"; anything else as given.
fn short_date(date: &str) -> String {
    match date.get(..10) {
        Some(day) if date.len() > 10 && date.as_bytes().get(10) == Some(&b'T') => day.to_string(),
        _ => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit() -> Hit {
        Hit {
            rank: 1,
            score: 1.5,
            article: "a.txt".into(),
            passage: 2,
            title: "Hà Nội".into(),
            text: "Thành ủy Hà Nội\nhọp".into(),
            highlights: std::iter::once(12..21).collect(),
            title_highlights: std::iter::once(0..9).collect(),
            date: Some("2025-08-07T22:00:00+07:00".into()),
            source: Some("VnExpress".into()),
            url: None,
            persons: vec!["Tô Lâm".into()],
            docs: vec!["57-NQ/TW".into()],
            topics: vec!["chuyen-doi-so".into()],
        }
    }

    fn render(color: bool) -> String {
        let mut out = Vec::new();
        Terminal { color }.hit(&mut out, &hit()).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn plain_output_has_no_escape_codes() {
        assert_eq!(
            render(false),
            " 1. Hà Nội\n    a.txt #2 · 2025-08-07 · VnExpress · chuyen-doi-so\n    Thành ủy Hà Nội\n    họp\n\n"
        );
    }

    #[test]
    fn colour_output_marks_the_matches() {
        let out = render(true);
        assert!(out.contains(&format!("{MATCH}Hà Nội{RESET}")), "{out:?}");
    }
}
