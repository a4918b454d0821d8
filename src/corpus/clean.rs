//! Page cleaning: takes one scraped article page and removes the page furniture described as
//! data in `furniture.toml` (site chrome, reader widgets, teasers of other articles, repeated
//! captions, the byline). It hands the title, the source and the article's own lines, in order,
//! to the passage builder.
//!
//! Lines come back as written, only trimmed. Unicode normalisation is the analyzer's job. Only
//! comparisons use a normalised key, so NFD pages, no-break spaces and the Ð/Đ look-alike
//! still match the furniture.

use std::collections::HashSet;
use std::iter;
use std::ops::RangeInclusive;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

/// The furniture shipped with vnsearch; its schema is documented at the top of the file.
const BUILTIN_FURNITURE: &str = include_str!("furniture.toml");

/// Longest headline, in characters. Kinhtedothi headlines run from 40 to 130.
const TITLE_MAX_CHARS: usize = 200;
/// Shortest headline, in words; shorter lines are labels.
const TITLE_MIN_WORDS: usize = 3;
/// Endings of sentences, cut-off sapos ("…") and labels. A headline ends in a word, a
/// quotation mark, `?`, `!` or `)`.
const NON_TITLE_ENDINGS: &[char] = &['.', '…', ',', ';', ':'];
/// A byline is a short run of capitalised words ("Hoàng Phúc").
const BYLINE_WORDS: RangeInclusive<usize> = 2..=4;

/// Page furniture as data: what to drop from a scraped page. Loaded from TOML.
///
/// A `[generic]` section applies to every page. Each `[[site]]` applies only to pages it is
/// detected on. See `furniture.toml` for the schema.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Furniture {
    #[serde(default)]
    generic: Rules,
    #[serde(default, rename = "site")]
    sites: Vec<Site>,
}

/// One section's line patterns, by what happens to a line that matches.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Rules {
    /// Chrome, removed wherever it stands.
    #[serde(default)]
    drop: Vec<LinePattern>,
    /// Start of the after-article area. The article ends before the first one.
    #[serde(default)]
    cut: Vec<LinePattern>,
    /// Lines that stay in the article but are never its headline (photo captions).
    #[serde(default)]
    not_title: Vec<LinePattern>,
}

/// One news site's furniture.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Site {
    /// Reported as [`CleanPage::source`].
    name: String,
    /// A page with any line matching one of these is from this site.
    #[serde(default)]
    detect: Vec<LinePattern>,
    /// Prefixes the site writes before the first paragraph. They also detect the site.
    #[serde(default)]
    lead: Vec<Lead>,
    #[serde(default)]
    rules: Rules,
}

/// What a line pattern is used for.
#[derive(Debug, Clone, Copy)]
enum Role {
    Drop,
    Cut,
    NotTitle,
}

/// A whole-line pattern. The text is stored as a [`line_key`], so it compares with line keys.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "PatternSpec")]
enum LinePattern {
    Exact(String),
    Prefix(String),
    /// The text alone, or followed by a space and a number ("Trích dẫn 1").
    Numbered(String),
}

/// A line pattern as written in TOML: `{ exact = "…" }`, `{ prefix = "…" }`, `{ numbered = "…" }`.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum PatternSpec {
    Exact(String),
    Prefix(String),
    Numbered(String),
}

/// A site's lead prefix ("Kinhtedothi - "), stored as a [`line_key`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
struct Lead(String);

/// What [`clean_page`] keeps of a page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CleanPage {
    /// The headline, when the page starts with one.
    pub title: Option<String>,
    /// The name of the site the page was detected to come from, e.g. "Kinh tế & Đô thị".
    pub source: Option<String>,
    /// The article's own lines, in order, trimmed, furniture removed, title not repeated.
    pub paragraphs: Vec<String>,
}

impl Furniture {
    /// The furniture shipped in `furniture.toml`.
    pub fn builtin() -> Furniture {
        Self::from_toml(BUILTIN_FURNITURE)
            .expect("the embedded furniture.toml parses; see the test builtin_furniture_parses")
    }

    /// Reads furniture from TOML text.
    pub fn from_toml(text: &str) -> Result<Furniture, toml::de::Error> {
        toml::from_str(text)
    }
}

impl Rules {
    fn patterns(&self, role: Role) -> &[LinePattern] {
        match role {
            Role::Drop => &self.drop,
            Role::Cut => &self.cut,
            Role::NotTitle => &self.not_title,
        }
    }
}

impl Site {
    fn detected(&self, lines: &[Line<'_>]) -> bool {
        lines.iter().any(|line| {
            self.detect.iter().any(|pattern| pattern.matches(&line.key))
                || self.lead.iter().any(|lead| line.key.starts_with(&lead.0))
        })
    }
}

impl LinePattern {
    fn matches(&self, key: &str) -> bool {
        match self {
            LinePattern::Exact(text) => key == text,
            LinePattern::Prefix(text) => key.starts_with(text.as_str()),
            LinePattern::Numbered(text) => key.strip_prefix(text.as_str()).is_some_and(|rest| {
                rest.is_empty()
                    || rest.strip_prefix(' ').is_some_and(|number| {
                        !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
                    })
            }),
        }
    }
}

impl TryFrom<PatternSpec> for LinePattern {
    type Error = &'static str;

    fn try_from(spec: PatternSpec) -> Result<Self, Self::Error> {
        let pattern = match spec {
            PatternSpec::Exact(text) => LinePattern::Exact(line_key(&text)),
            // A trailing space in a prefix is meaningful: "Tin " is not "Tinh".
            PatternSpec::Prefix(text) => {
                let mut key = line_key(&text);
                if text.ends_with(char::is_whitespace) && !key.is_empty() {
                    key.push(' ');
                }
                LinePattern::Prefix(key)
            }
            PatternSpec::Numbered(text) => LinePattern::Numbered(line_key(&text)),
        };
        match &pattern {
            LinePattern::Exact(text) | LinePattern::Prefix(text) | LinePattern::Numbered(text)
                if text.is_empty() =>
            {
                Err("a line pattern must not be empty: it would match every line")
            }
            _ => Ok(pattern),
        }
    }
}

impl TryFrom<String> for Lead {
    type Error = &'static str;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        let key = line_key(&text);
        if key.is_empty() {
            return Err("a lead prefix must not be empty: it would detect the site everywhere");
        }
        Ok(Lead(key))
    }
}

/// One non-blank line of the page: as written (trimmed) and as compared.
struct Line<'a> {
    text: &'a str,
    key: String,
}

/// The furniture in force on one page: the generic rules plus those of the detected sites.
struct Active<'f> {
    sites: Vec<&'f Site>,
    rules: Vec<&'f Rules>,
}

impl<'f> Active<'f> {
    fn detect(furniture: &'f Furniture, lines: &[Line<'_>]) -> Self {
        let sites: Vec<&Site> = furniture
            .sites
            .iter()
            .filter(|site| site.detected(lines))
            .collect();
        let rules = iter::once(&furniture.generic)
            .chain(sites.iter().map(|site| &site.rules))
            .collect();
        Active { sites, rules }
    }

    fn matches(&self, role: Role, key: &str) -> bool {
        self.rules
            .iter()
            .any(|rules| rules.patterns(role).iter().any(|p| p.matches(key)))
    }

    fn leads(&self) -> impl Iterator<Item = &'f Lead> + '_ {
        self.sites.iter().flat_map(|site| site.lead.iter())
    }

    fn source(&self) -> Option<&'f str> {
        self.sites.first().map(|site| site.name.as_str())
    }
}

/// Cleans one scraped page. Never panics, whatever the input.
pub fn clean_page(raw: &str, furniture: &Furniture) -> CleanPage {
    let lines = page_lines(raw);
    let active = Active::detect(furniture, &lines);
    let mut body = article_lines(lines, &active);
    let title = take_title(&mut body, &active);
    let body = drop_byline(drop_repeats(body, title.as_ref()));
    CleanPage {
        title: title.map(|line| line.text.to_owned()),
        source: active.source().map(str::to_owned),
        paragraphs: paragraphs(body, &active),
    }
}

/// The page's non-blank lines, trimmed, without a leading BOM; `\r\n` counts as `\n`.
fn page_lines(raw: &str) -> Vec<Line<'_>> {
    let raw = raw.strip_prefix('\u{FEFF}').unwrap_or(raw);
    raw.lines()
        .map(str::trim)
        .map(|text| Line {
            text,
            key: line_key(text),
        })
        .filter(|line| !line.key.is_empty())
        .collect()
}

/// What lines are compared by: NFC, Ð/ð read as Đ/đ, zero-width characters removed, white
/// space trimmed and each inner run of it made one space.
fn line_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.nfc() {
        match c {
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            c if c.is_whitespace() => gap = !key.is_empty(),
            c => {
                if gap {
                    key.push(' ');
                    gap = false;
                }
                key.push(match c {
                    '\u{D0}' => '\u{110}',
                    '\u{F0}' => '\u{111}',
                    c => c,
                });
            }
        }
    }
    key
}

/// Drops chrome and ends the article at the first cut line. A cut line before any article
/// text (a navigation bar) is only dropped, so it cannot empty the page.
fn article_lines<'a>(lines: Vec<Line<'a>>, active: &Active<'_>) -> Vec<Line<'a>> {
    let mut body = Vec::new();
    for line in lines {
        if active.matches(Role::Drop, &line.key) {
            continue;
        }
        if active.matches(Role::Cut, &line.key) {
            if body.is_empty() {
                continue;
            }
            break;
        }
        body.push(line);
    }
    body
}

/// Takes the first article line as the title if it is shaped like a headline.
///
/// Only the first line is considered. Scrapers put the headline first. When it was not
/// scraped, the first line is a sapo or a photo caption, and the next headline-shaped line is
/// a subheading or a caption. Returning no title is better than returning a wrong one.
fn take_title<'a>(body: &mut Vec<Line<'a>>, active: &Active<'_>) -> Option<Line<'a>> {
    let first = body.first()?;
    if is_headline(&first.key, active) {
        Some(body.remove(0))
    } else {
        None
    }
}

/// A headline is 3 or more words and at most 200 characters. It does not end like a sentence,
/// a cut-off sapo ("…") or a label. It is neither a lead paragraph nor a photo caption
/// (`not_title`).
fn is_headline(key: &str, active: &Active<'_>) -> bool {
    key.chars().count() <= TITLE_MAX_CHARS
        && key.split(' ').count() >= TITLE_MIN_WORDS
        && !key.ends_with(NON_TITLE_ENDINGS)
        && !active.leads().any(|lead| key.starts_with(&lead.0))
        && !active.matches(Role::NotTitle, key)
}

/// Drops what a page repeats. A line printed twice in a row is a teaser card for another
/// article (link text, then image text), so both copies go. Copies of the title go (some pages
/// print the title above every photo caption). Any line already seen goes too.
fn drop_repeats<'a>(body: Vec<Line<'a>>, title: Option<&Line<'_>>) -> Vec<Line<'a>> {
    let doubled: Vec<bool> = (0..body.len()).map(|i| in_doubled_run(&body, i)).collect();
    let mut seen: HashSet<String> = title.iter().map(|line| line.key.clone()).collect();
    body.into_iter()
        .zip(doubled)
        .filter(|(line, doubled)| !doubled && seen.insert(line.key.clone()))
        .map(|(line, _)| line)
        .collect()
}

fn in_doubled_run(body: &[Line<'_>], i: usize) -> bool {
    let same = |j: Option<usize>| {
        let other = j.and_then(|j| body.get(j));
        other.zip(body.get(i)).is_some_and(|(a, b)| a.key == b.key)
    };
    same(i.checked_sub(1)) || same(i.checked_add(1))
}

/// Drops a trailing byline.
fn drop_byline(mut body: Vec<Line<'_>>) -> Vec<Line<'_>> {
    if body.last().is_some_and(|line| is_byline(&line.key)) {
        body.pop();
    }
    body
}

/// 2 to 4 words, each a capitalised run of letters, with no punctuation ("Hoàng Phúc").
fn is_byline(key: &str) -> bool {
    let words: Vec<&str> = key.split(' ').collect();
    BYLINE_WORDS.contains(&words.len())
        && words.iter().all(|word| {
            word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().all(char::is_alphabetic)
        })
}

/// The remaining lines as owned text, with the site's lead stripped from the first line that
/// carries one.
fn paragraphs(body: Vec<Line<'_>>, active: &Active<'_>) -> Vec<String> {
    let mut lead_seen = false;
    body.into_iter()
        .filter_map(|line| {
            let mut text = line.text;
            if !lead_seen {
                if let Some(rest) = active.leads().find_map(|lead| without_lead(&line, lead)) {
                    lead_seen = true;
                    text = rest;
                }
            }
            (!text.is_empty()).then(|| text.to_owned())
        })
        .collect()
}

/// The line as written after `lead`, or None if it does not start with it. The cut point is
/// found in the written text, which may differ from the key (NFD, extra spaces).
fn without_lead<'a>(line: &Line<'a>, lead: &Lead) -> Option<&'a str> {
    if !line.key.starts_with(&lead.0) {
        return None;
    }
    let text = line.text;
    let ends = text
        .char_indices()
        .map(|(i, _)| i)
        .skip(1)
        .chain(iter::once(text.len()));
    let mut cut = None;
    for end in ends {
        let head = line_key(text.get(..end)?);
        if head == lead.0 {
            cut = Some(end);
        } else if head.len() > lead.0.len() + 8 {
            // Slack for NFC composition; past it the prefix keys only grow.
            break;
        }
    }
    text.get(cut?..).map(str::trim_start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use crate::seeds::{SEED_000, SEED_001, SEED_002, SEED_003, SEED_004};

    const KTDT: &str = "Kinh tế & Đô thị";

    /// Widgets and chrome that must not survive on any page.
    const WIDGETS: &[&str] = &[
        "Việt Nam vươn mình trong kỷ nguyên mới",
        "Logo",
        "Đăng nhập",
        "Trích dẫn",
        "Dòng sự kiện",
        "Đọc nhiều",
        "HỎI ĐÁP THÔNG MINH",
        "CẢM NHẬN",
        "Rất hay",
        "BÌNH LUẬN",
        "Đừng bỏ lỡ",
        "Tin mới",
        "VIDEO",
        "Tin Tài Trợ",
        "Kinhtedothi",
    ];

    /// What one page must clean to.
    struct Want<'a> {
        title: Option<&'a str>,
        source: Option<&'a str>,
        first: &'a str,
        last: &'a str,
        /// Text that must be in some paragraph.
        kept: &'a [&'a str],
        /// Text that must be in no paragraph (besides [`WIDGETS`]).
        gone: &'a [&'a str],
    }

    /// Cleans `raw` with the built-in furniture and checks it against `want`.
    fn assert_clean(raw: &str, want: &Want<'_>) -> CleanPage {
        let page = clean_page(raw, &Furniture::builtin());
        let paragraphs = &page.paragraphs;
        assert_eq!(page.title.as_deref(), want.title, "title");
        assert_eq!(page.source.as_deref(), want.source, "source");
        assert_eq!(paragraphs.first().map(String::as_str), Some(want.first));
        assert_eq!(paragraphs.last().map(String::as_str), Some(want.last));
        for text in want.kept {
            assert!(paragraphs.iter().any(|p| p.contains(text)), "lost {text:?}");
        }
        for text in WIDGETS.iter().chain(want.gone) {
            let hit = paragraphs.iter().find(|p| p.contains(text));
            assert!(hit.is_none(), "{text:?} survived in {hit:?}");
        }
        for p in paragraphs {
            assert_eq!(p.trim(), p, "not trimmed");
            assert!(!p.is_empty(), "empty paragraph");
            assert_ne!(Some(p), page.title.as_ref(), "title repeated");
        }
        let distinct: HashSet<&String> = paragraphs.iter().collect();
        assert_eq!(distinct.len(), paragraphs.len(), "duplicate paragraph");
        page
    }

    #[test]
    fn builtin_furniture_parses() {
        let furniture = Furniture::from_toml(BUILTIN_FURNITURE);
        assert!(furniture.is_ok(), "{furniture:?}");
    }

    #[test]
    fn seed_000_chrome_widgets_and_teasers_go() {
        let page = assert_clean(
            SEED_000,
            &Want {
                title: Some(
                    "Hà Nội đạt nhiều kết quả đáng khích lệ, toàn diện về công tác xây dựng Đảng",
                ),
                source: Some(KTDT),
                first: "Theo báo cáo của Thành ủy Hà Nội được trình tại Hội nghị lần thứ 23 Ban \
                        Chấp hành Đảng bộ TP Hà Nội khóa XVII, diễn ra sáng 15/7, công tác xây \
                        dựng Đảng, hệ thống chính trị của TP 6 tháng đầu năm 2025 đạt nhiều kết \
                        quả đáng khích lệ, đồng bộ và toàn diện từ TP đến cơ sở…",
                last: "Đặc biệt, Thành ủy cũng lãnh đạo, chỉ đạo chính quyền các cấp tổ chức tốt \
                       các sự kiện văn hóa, thể thao trên địa bàn nhân dịp các ngày kỷ niệm lớn \
                       của đất nước, nhất là hoạt động kỷ niệm 80 năm Cách mạng Tháng Tám \
                       (19/8/1945 - 19/8/2025) và Quốc khánh nước Cộng hoà xã hội chủ nghĩa Việt \
                       Nam (2/9/1945 - 2/9/2025).",
                kept: &[
                    "Quang cảnh hội nghị.",
                    "Kế hoạch số 341-KH/TU",
                    "Thành ủy - HÐND - UBND",
                    "Sau sắp xếp, tổ chức bộ máy",
                ],
                gone: &[
                    "Phú Thọ: huy động hơn 2.000 đoàn viên",
                    "tế bào đô thị",
                    "Bí thư Thành ủy Hà Nội: phát huy vai trò nêu gương",
                    "15 Jul",
                ],
            },
        );
        assert_eq!(page.paragraphs.len(), 22);
    }

    #[test]
    fn seed_001_without_headline_has_no_title() {
        assert_clean(
            SEED_001,
            &Want {
                title: None,
                source: None,
                first: "Đây là những nhân tố quan trọng giúp TP hoàn thành xuất sắc các nhiệm vụ \
                        chính trị và đưa Thủ đô phát triển…",
                last: "Qua đó, để Thủ đô Hà Nội thực hiện thắng lợi Nghị quyết Đại hội lần thứ \
                       XIII của Đảng, Nghị quyết số 15-NQ/TW ngày 5/5/2022 của Bộ Chính trị và \
                       Nghị quyết Đại hội Đảng bộ TP lần thứ XVII. Đồng thời, tiếp tục phát huy \
                       tốt hơn nữa vai trò, vị thế của Thủ đô để xây dựng Hà Nội là TP “Văn \
                       hiến - Văn minh - Hiện đại”.",
                kept: &[
                    "14/14 chỉ tiêu đạt và vượt so với kế hoạch",
                    "Nghị quyết số 15-NQ/TW",
                    "Địa phương đi đầu cả nước trên nhiều lĩnh vực",
                ],
                gone: &[],
            },
        );
    }

    #[test]
    fn seed_002_repeated_title_and_byline_go() {
        let page = assert_clean(
            SEED_002,
            &Want {
                title: Some(
                    "Hà Nội: Triển khai tốt phương án sắp xếp đơn vị hành chính cấp huyện, cấp xã",
                ),
                source: None,
                first: "Phó Bí thư Thường trực Thành ủy Hà Nội Nguyễn Thị Tuyến đề nghị, ngành \
                        Tổ chức xây dựng Đảng Thành phố cần tiếp tục tham mưu Thành ủy chỉ đạo, \
                        triển khai tốt công tác đổi mới, sắp xếp tổ chức bộ máy của Đảng và hệ \
                        thống chính trị Thành phố tinh gọn, hoạt động hiệu lực, hiệu quả, giảm \
                        đầu mối trung gian và tinh giản biên chế; trọng tâm là triển khai tốt \
                        phương án sắp xếp đơn vị hành chính cấp huyện, cấp xã trên địa bàn thành \
                        phố giai đoạn 2023-2025.",
                last: "Ban Tổ chức Thành ủy tặng Giấy khen cho 20 tập thể và 49 cá nhân hoàn \
                       thành tốt công tác tổ chức xây dựng Đảng năm 2023.",
                kept: &["Quang cảnh Hội nghị", "Quy định số 137-QĐ/TW"],
                gone: &["Hoàng Phúc"],
            },
        );
        assert_eq!(page.paragraphs.len(), 30);
    }

    #[test]
    fn seed_003_related_teasers_go() {
        assert_clean(
            SEED_003,
            &Want {
                title: Some(
                    "Hoàn thiện thể chế để bảo đảm mô hình bộ máy mới hoạt động thông suốt, \
                     đồng bộ",
                ),
                source: Some(KTDT),
                first: "Sáng 8/12, Ban Tổ chức Trung ương tổ chức Hội nghị toàn quốc tổng kết \
                        công tác tổ chức xây dựng Đảng năm 2025, triển khai nhiệm vụ năm 2026. \
                        Hội nghị tổ chức trực tiếp và kết nối trực tuyến tới các điểm cầu Thành \
                        ủy, Tỉnh ủy trên cả nước.",
                last: "“Ngành Tổ chức xây dựng Đảng kịp thời rà soát, bổ sung, hoàn thiện và \
                       thực hiện tốt chức năng, nhiệm vụ, quyền hạn, trách nhiệm, mối liên hệ \
                       công tác của các loại hình tổ chức cơ sở Đảng. Xây dựng hệ thống chính \
                       trị cơ sở vững mạnh toàn diện, tiếp tục đổi mới và nâng cao chất lượng \
                       sinh hoạt chi bộ, nâng cao chất lượng đội ngũ cán bộ, đảng viên, chất \
                       lượng công tác kết nạp Đảng, công tác quản lý đảng viên và tiếp tục tăng \
                       cường công tác bảo vệ chính trị nội bộ, gắn công tác bảo vệ chính trị nội \
                       bộ với công tác quản lý cán bộ, đảng viên” - Thường trực Ban Bí thư nhấn \
                       mạnh.",
                kept: &[
                    "Tinh gọn tổ chức bộ máy tổng thể, triệt để, đồng bộ",
                    "146.847 người (chiếm 99,99%)",
                ],
                gone: &[
                    "Hà Nội: xây dựng Đảng gắn với chuyển đổi số",
                    "Đẩy mạnh kiểm tra, giám sát – động lực",
                    "Đan Phượng",
                    "Thanh Hóa",
                    "08 Dec",
                ],
            },
        );
    }

    #[test]
    fn seed_004_caption_first_has_no_title() {
        assert_clean(
            SEED_004,
            &Want {
                title: None,
                source: None,
                first: "Quang cảnh Hội nghị lần thứ 23, Ban Chấp hành Đảng bộ Thành phố khóa XVII",
                last: "Đặc biệt, đẩy nhanh tiến độ các công trình hạ tầng giao thông quan trọng; \
                       tập trung vào các dự án giao thông trọng điểm như: Vành đai 4, tuyến \
                       đường sắt đô thị Metro số 2 (đoạn Nam Thăng Long - Trần Hưng Đạo), Metro \
                       số 5 (Văn Cao - Hòa Lạc) và 6 cây cầu gồm: Hồng Hà, Mễ Sở, cầu Thượng \
                       Cát, Ngọc Hồi, Trần Hưng Đạo, Vân Phúc… Cùng với đó, đẩy nhanh tiến độ \
                       các dự án hạ tầng và bảo vệ môi trường; ưu tiên nguồn lực và tháo gỡ \
                       vướng mắc để hoàn thành các dự án xử lý rác thải, nước thải; tăng cường \
                       kiểm soát ô nhiễm môi trường.",
                kept: &["Hồng Hà, Mễ Sở", "Quyết định số 7799-QĐ/TU"],
                gone: &[],
            },
        );
    }

    #[test]
    fn crlf_bom_and_nfd_clean_like_the_original() {
        let nfc = |text: &str| text.nfc().collect::<String>();
        let mangled =
            format!("\u{FEFF}{}", SEED_000.nfd().collect::<String>()).replace('\n', "\r\n");
        let furniture = Furniture::builtin();
        let want = clean_page(SEED_000, &furniture);
        let got = clean_page(&mangled, &furniture);
        assert_eq!(got.title.as_deref().map(nfc), want.title);
        assert_eq!(got.source, want.source);
        let got: Vec<String> = got.paragraphs.iter().map(|p| nfc(p)).collect();
        assert_eq!(got, want.paragraphs);
    }

    #[test]
    fn new_site_is_a_data_change_only() {
        let furniture = Furniture::from_toml(
            r#"
            [[site]]
            name = "Báo Mẫu"
            detect = [{ exact = "BÁO MẪU ĐIỆN TỬ" }]
            lead = ["(BM) - "]
            [site.rules]
            drop = [{ exact = "BÁO MẪU ĐIỆN TỬ" }, { numbered = "Quảng cáo" }]
            cut = [{ prefix = "Xem thêm:" }]
            "#,
        );
        let furniture = furniture.expect("the test TOML parses");
        let raw = "BÁO MẪU ĐIỆN TỬ\n\
                   Quốc hội thông qua Luật Thủ đô sửa đổi\n\
                   (BM) - Sáng 28/6, Quốc hội biểu quyết thông qua Luật Thủ đô.\n\
                   Quảng cáo 2\n\
                   Luật có hiệu lực từ ngày 1/1/2025.\n\
                   Xem thêm: các tin khác\n\
                   Tin khác không thuộc bài viết";
        let page = clean_page(raw, &furniture);
        assert_eq!(
            page.title.as_deref(),
            Some("Quốc hội thông qua Luật Thủ đô sửa đổi")
        );
        assert_eq!(page.source.as_deref(), Some("Báo Mẫu"));
        assert_eq!(
            page.paragraphs,
            [
                "Sáng 28/6, Quốc hội biểu quyết thông qua Luật Thủ đô.",
                "Luật có hiệu lực từ ngày 1/1/2025.",
            ]
        );
        // The built-in furniture knows nothing of this site.
        let builtin = clean_page(raw, &Furniture::builtin());
        assert_eq!(builtin.source, None);
        assert!(builtin.paragraphs.iter().any(|p| p == "Quảng cáo 2"));
    }

    #[test]
    fn site_rules_wait_for_detection() {
        let raw = "Việt Nam vươn mình trong kỷ nguyên mới\nTrích dẫn\nVIDEO\nNội dung bài.";
        let page = clean_page(raw, &Furniture::builtin());
        assert_eq!(page.source, None);
        assert_eq!(
            page.title.as_deref(),
            Some("Việt Nam vươn mình trong kỷ nguyên mới")
        );
        assert_eq!(page.paragraphs, ["Trích dẫn", "VIDEO", "Nội dung bài."]);
    }

    #[test]
    fn furniture_words_inside_prose_are_kept() {
        let raw = "Tiêu đề bài viết về Hà Nội\n\
                   Tin mới nhất cho thấy Logo của thành phố được giữ.\n\
                   Trích dẫn báo cáo của Thành ủy, Đừng bỏ lỡ cơ hội.\n\
                   Trích dẫn 1a";
        let page = clean_page(raw, &Furniture::builtin());
        assert_eq!(page.paragraphs.len(), 3, "{page:?}");
    }

    #[test]
    fn cut_line_before_the_article_is_only_dropped() {
        let raw =
            "Tin mới\nĐọc nhiều\nHà Nội khởi công cầu Trần Hưng Đạo\nNội dung.\nTin mới\nTeaser";
        let page = clean_page(raw, &Furniture::builtin());
        assert_eq!(
            page.title.as_deref(),
            Some("Hà Nội khởi công cầu Trần Hưng Đạo")
        );
        assert_eq!(page.paragraphs, ["Nội dung."]);
    }

    #[test]
    fn lead_written_in_nfd_with_odd_spacing_is_stripped() {
        let furniture = Furniture::from_toml("[[site]]\nname = \"Đô\"\nlead = [\"Hà Nội - \"]\n");
        let furniture = furniture.expect("the test TOML parses");
        let raw = "Ha\u{300} \u{A0}Nội  -  Sáng nay.";
        let page = clean_page(raw, &furniture);
        assert_eq!(page.source.as_deref(), Some("Đô"));
        assert_eq!(page.paragraphs, ["Sáng nay."]);
    }

    #[test]
    fn malformed_toml_is_an_error() {
        let bad = [
            "[generic\ndrop = []",
            "[generic]\ndrop = [{ exact = \"a\" ",
            "[generic]\ndorp = []",
            "[generic]\ndrop = [{ regex = \"a.*\" }]",
            "[generic]\ndrop = [{ exact = \"a\", prefix = \"b\" }]",
            "[generic]\ndrop = [{ prefix = \"  \" }]",
            "[generic]\ndrop = [\"Logo\"]",
            "[[site]]\ndetect = []",
            "[[site]]\nname = \"x\"\nlead = [\"\"]",
        ];
        for text in bad {
            assert!(Furniture::from_toml(text).is_err(), "accepted {text:?}");
        }
    }

    #[test]
    fn odd_pages_do_not_panic() {
        let furniture = Furniture::builtin();
        for raw in [
            "",
            "\u{FEFF}",
            " \r\n\t\n\u{A0}",
            "\u{200B}\n\u{FEFF}\u{FEFF}",
            "Kinhtedothi -",
            "Kinhtedothi - \nKinhtedothi - ",
            "Logo\nĐừng bỏ lỡ\nTin mới",
            "a\na\na",
            "\r\r\r",
            "Hoàng Phúc",
        ] {
            let page = clean_page(raw, &furniture);
            assert!(page.paragraphs.iter().all(|p| !p.is_empty()), "{raw:?}");
        }
    }

    proptest! {
        #[test]
        fn never_panics(raw in "\\PC*") {
            clean_page(&raw, &Furniture::builtin());
        }

        #[test]
        fn never_panics_on_furniture_soup(parts in prop::collection::vec(prop::sample::select(vec![
            "Kinhtedothi - ", "Kinhtedothi", "Logo", "Đừng bỏ lỡ", "Trích dẫn", " 1", "\n", "\r\n",
            "\u{FEFF}", "a\u{300}", "Ð", "…", ".", " ", "\u{A0}", "Hà Nội", "Đăng ký ấn phẩm|Đăng nhập",
        ]), 0..40)) {
            let page = clean_page(&parts.concat(), &Furniture::builtin());
            prop_assert!(page.paragraphs.iter().all(|p| !p.is_empty()));
        }
    }
}
