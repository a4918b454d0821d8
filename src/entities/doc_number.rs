//! Document numbers in article text ("57-NQ/TW", "04/CTr-UBND", "30/2020/NĐ-CP", "91/2015/QH13"):
//! finds them in any common spelling, gives each one canonical form and an ASCII lookup key,
//! tells a passage that introduces a document from one that merely cites it, and resolves short
//! references ("Chỉ thị số 24") within one article. The indexer takes [`DocMention`]s from
//! [`article_doc_numbers`]; the query parser takes a [`DocNumber`] from [`parse_doc_number`].
//!
//! Three written shapes, each stored in one canonical form:
//! - party documents `NUMBER-TYPE/ISSUER` ("57-NQ/TW", "367-QĐ/TWĐTN-VP");
//! - state documents `NUMBER/TYPE-ISSUER` ("04/CTr-UBND", "977/QĐ-TTg"), and official
//!   dispatches `NUMBER/ISSUER-UNIT` without a type code ("526/UBND-TNMT", "152/TTg-CN"),
//!   read as Công văn only when that is safe (see [`find_doc_numbers`]);
//! - legal documents `NUMBER/YEAR/TYPE-ISSUER` ("30/2020/NĐ-CP"), laws `NUMBER/YEAR/QHnn`, and
//!   resolutions of the National Assembly Standing Committee `NUMBER/YEAR/UBTVQHnn`.
//!
//! The scanner is hand-written rather than a regex: it only wakes at an ASCII digit run followed
//! by a separator byte, which keeps it cheap enough to run on every passage at index time, and
//! the decisions a regex cannot make alone (which separator style a number takes, where an issuer
//! ends, the NFD horn of "TƯ") stay in one place.

use std::collections::HashSet;
use std::ops::Range;

use serde::Serialize;

use crate::analysis::fold::fold;
use crate::analysis::normalize::normalize_word;

/// One document number in canonical form.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct DocNumber {
    /// "57-NQ/TW", "341-KH/TU", "04/CTr-UBND", "30/2020/NĐ-CP", "91/2015/QH13".
    pub canonical: String,
    /// The canonical form folded to ASCII lower case: "57-nq/tw", "137-qd/tw", "12-da/tu".
    pub key: String,
    /// The number as written, leading zeros kept: "57", "01".
    pub number: String,
    /// Type code in canonical spelling: "NQ", "QĐ", "CTr", "ĐA"; "QH" for laws; "NQ" for
    /// "333/2017/UBTVQH14"; "CV" for a dispatch without a type code ("526/UBND-TNMT").
    pub code: String,
    /// What the code names: "Nghị quyết", "Kế hoạch"; "Luật" for laws.
    pub kind: &'static str,
    /// Issuing body, upper case except "TTg" (and a dispatch's units as written, "GDTrH"): "TW",
    /// "TU", "UBND", "VPCP-BNV", "QH13", "UBTVQH14", "UBND-TNMT".
    pub issuer: String,
    /// The year, when the number carries it (30/2020/NĐ-CP → 2020).
    pub year: Option<u16>,
}

/// One citation of a document in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocMention {
    /// Byte range in the text as written (NFC or NFD alike): the number itself for a full
    /// number, the name and number ("Chỉ thị số 24") for a short reference.
    pub range: Range<usize>,
    pub doc: DocNumber,
    /// The passage introduces the document rather than citing it in passing; see
    /// [`find_doc_numbers`] for the rule.
    pub defining: bool,
    /// Resolved from a short reference ("Chỉ thị số 24") to a full number cited elsewhere.
    pub short: bool,
}

/// Full document numbers in one text, in order.
///
/// A dispatch without a type code (`NUMBER/ISSUER-UNIT`: "526/UBND-TNMT", "152/TTg-CN") counts
/// only when written as acronyms (capitals, or one lower-case letter after two capitals as in
/// "TTg") with at least one unit, and when its issuer is a known issuing body (UBND, VPCP, TTg,
/// the ministries, ...) or "công văn", "văn bản", "số" or "CV" stands within three words before
/// it ("mẫu số" numbers a form and does not count). Dates, scores, "F0/F1", "TP/HCM", "km/h"
/// never qualify.
///
/// A mention is `defining` when the passage introduces the document:
/// 1. the nearest cue among the (up to) four words before the document's name — or before
///    "số", or the number, when no name is written — decides: a verb of issuing ("ban hành",
///    "thông qua", "phê duyệt", "ký", or "ra" right before the name) makes it defining, a
///    citing word ("theo", "căn cứ", "thực hiện", "triển khai", "quán triệt", "tại",
///    "sửa đổi", "bổ sung", "sơ kết", "tổng kết"; "điều", "khoản", "điểm" when an article of
///    it is cited) makes it a passing mention. The window stops at sentence or clause
///    punctuation, not at commas;
/// 2. without a cue, it is defining when the number is followed by its date and subject
///    (", ngày 12/6/2025 [của ...] về/để/nhằm ...") or by "về" and a quoted title;
/// 3. anything else is a passing mention.
pub fn find_doc_numbers(text: &str) -> Vec<DocMention> {
    full_mentions(text).into_iter().map(|(m, _)| m).collect()
}

/// The documents cited by each passage of one article, with short references ("Chỉ thị số 24
/// ngày 7/8/2023", "Nghị quyết số 04 của Thành ủy") resolved to the full number cited elsewhere
/// in the same article when that is unambiguous (exactly one full number of that type and number).
///
/// A short reference is a document name and a bare number, "số" optional ("Chỉ thị số 24",
/// "Nghị quyết 57"); it matches the full numbers whose code the name stands for, or that the
/// article wrote after the same name. One that matches no full number, or several ("Nghị quyết
/// số 15" next to both 15-NQ/TU and 15-NQ/TW), is left out: a number is never invented. Its
/// `defining` follows the rule of [`find_doc_numbers`].
pub fn article_doc_numbers(passages: &[&str]) -> Vec<Vec<DocMention>> {
    let mut found: Vec<Vec<(DocMention, Option<&'static ShortName>)>> =
        passages.iter().map(|p| full_mentions(p)).collect();

    // Every distinct full number of the article, with the names it was written after: a short
    // reference may repeat the name the article used ("Chương trình số 01-CT/TU" ... "Chương
    // trình số 01") even when the code says otherwise.
    let mut known: Vec<(DocNumber, Vec<&'static str>)> = Vec::new();
    for (mention, name) in found.iter().flatten() {
        let index = match known
            .iter()
            .position(|(d, _)| d.canonical == mention.doc.canonical)
        {
            Some(index) => index,
            None => {
                known.push((mention.doc.clone(), Vec::new()));
                known.len() - 1
            }
        };
        if let Some(name) = name {
            known[index].1.push(name.name);
        }
    }
    if !known.is_empty() {
        let numbers: HashSet<&str> = known
            .iter()
            .map(|(d, _)| without_leading_zeros(&d.number))
            .collect();
        for (passage, mentions) in passages.iter().zip(found.iter_mut()) {
            let taken: Vec<Range<usize>> = mentions.iter().map(|(m, _)| m.range.clone()).collect();
            for (range, number, lead) in short_references(passage, Some(&numbers), &taken) {
                let Some(name) = lead.name else { continue };
                let mut matching = known.iter().filter(|(doc, names)| {
                    without_leading_zeros(&doc.number) == number
                        && (name.codes.contains(&doc.code.as_str()) || names.contains(&name.name))
                });
                if let (Some((doc, _)), None) = (matching.next(), matching.next()) {
                    let defining = is_defining(passage, &lead, range.end);
                    let mention = DocMention {
                        range,
                        doc: doc.clone(),
                        defining,
                        short: true,
                    };
                    mentions.push((mention, None));
                }
            }
            mentions.sort_by_key(|(m, _)| m.range.start);
        }
    }
    found
        .into_iter()
        .map(|ms| ms.into_iter().map(|(m, _)| m).collect())
        .collect()
}

/// A short reference the article itself does not resolve ("Nghị quyết 57" in an article that
/// never writes 57-NQ/TW in full), for the indexer to resolve against the whole corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShortReference {
    /// Byte range from the document name to the number, in the text as written.
    pub range: Range<usize>,
    /// [`short_key`]s of the documents it may stand for, one per code its name stands for.
    pub keys: Vec<String>,
}

/// The key that joins a short reference to full numbers: folded code and number without
/// leading zeros ("nq:57" for both "Nghị quyết 57" and 57-NQ/TW).
pub fn short_key(code: &str, number: &str) -> String {
    format!(
        "{}:{}",
        fold(&code.to_lowercase()),
        without_leading_zeros(number)
    )
}

/// Per passage, the short references left unresolved by [`article_doc_numbers`] (whose result
/// for the same passages is `resolved`). Year-like numbers ("Kế hoạch 2025") are left out.
pub fn unresolved_short_references(
    passages: &[&str],
    resolved: &[Vec<DocMention>],
) -> Vec<Vec<ShortReference>> {
    passages
        .iter()
        .zip(resolved)
        .map(|(passage, mentions)| {
            let taken: Vec<Range<usize>> = mentions.iter().map(|m| m.range.clone()).collect();
            short_references(passage, None, &taken)
                .into_iter()
                .filter(|(_, number, _)| !is_year(number))
                .filter_map(|(range, number, lead)| {
                    let name = lead.name?;
                    let keys = name
                        .codes
                        .iter()
                        .map(|code| short_key(code, number))
                        .collect();
                    Some(ShortReference { range, keys })
                })
                .collect()
        })
        .collect()
}

fn is_year(number: &str) -> bool {
    number.len() == 4 && ("1900".."2100").contains(&number)
}

/// A number as a user types it, in any spelling ("57-nq/tw", "57 NQ-TW", "57/NQ-TW",
/// "137-QD/TW", "Nghị quyết 57-NQ/TW", "nghi quyet so 57-nq/tw", "KH 341/TU") → the
/// [`DocNumber`], or `None` when the input is not exactly one document number.
pub fn parse_doc_number(input: &str) -> Option<DocNumber> {
    let words: Vec<&str> = input.split_whitespace().collect();
    let joined = words.join(" ");
    let trimmed =
        joined.trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':' | '"' | '“' | '”'));
    let body = strip_leading_name(trimmed);
    if let Some(doc) = parse_whole(body) {
        return Some(doc);
    }
    // "KH 341/TU": the code typed before the number.
    let (code, rest) = body.split_once(' ')?;
    doc_type(&upper_code(code)?)?;
    let digits_end = rest.find(|c: char| !c.is_ascii_digit())?;
    let (number, issuer) = rest.split_at(digits_end);
    let issuer = issuer.trim_start_matches(|c: char| c == '/' || c == ' ' || is_hyphen(c));
    parse_whole(&format!("{number} {code}/{issuer}"))
}

// ---------------------------------------------------------------------------------------------
// Type codes and names
// ---------------------------------------------------------------------------------------------

/// One type code: canonical spelling, what it names, and how it may be written once upper-cased
/// with every d-with-stroke read as Đ.
struct DocType {
    code: &'static str,
    kind: &'static str,
    spellings: &'static [&'static str],
}

/// Type codes. A code typed with plain D gets its Đ back (QD → QĐ, ND → NĐ), except DA, which
/// is its own type (Dự án): "DA" stays DA and only "ĐA" is Đề án. Both fold to the lookup key
/// "da" by design, like every key, so a user typing without accents finds either.
#[rustfmt::skip]
const DOC_TYPES: &[DocType] = &[
    DocType { code: "NQ", kind: "Nghị quyết", spellings: &["NQ"] },
    // "QDD", "NDD": Telex typing that never turned DD into Đ ("2551/QDD-TTg").
    DocType { code: "QĐ", kind: "Quyết định", spellings: &["QĐ", "QD", "QDD"] },
    DocType { code: "QĐi", kind: "Quy định", spellings: &["QĐI", "QDI"] },
    // Party personnel decisions ("79-QĐNS/TW").
    DocType { code: "QĐNS", kind: "Quyết định", spellings: &["QĐNS", "QDNS"] },
    DocType { code: "CT", kind: "Chỉ thị", spellings: &["CT"] },
    DocType { code: "KL", kind: "Kết luận", spellings: &["KL"] },
    DocType { code: "KH", kind: "Kế hoạch", spellings: &["KH"] },
    DocType { code: "CTr", kind: "Chương trình", spellings: &["CTR"] },
    DocType { code: "HD", kind: "Hướng dẫn", spellings: &["HD"] },
    DocType { code: "QC", kind: "Quy chế", spellings: &["QC"] },
    DocType { code: "ĐA", kind: "Đề án", spellings: &["ĐA"] },
    DocType { code: "DA", kind: "Dự án", spellings: &["DA"] },
    DocType { code: "TB", kind: "Thông báo", spellings: &["TB"] },
    DocType { code: "TT", kind: "Thông tư", spellings: &["TT"] },
    DocType { code: "TTLT", kind: "Thông tư liên tịch", spellings: &["TTLT"] },
    DocType { code: "NQLT", kind: "Nghị quyết liên tịch", spellings: &["NQLT"] },
    DocType { code: "KHLT", kind: "Kế hoạch liên tịch", spellings: &["KHLT"] },
    DocType { code: "NĐ", kind: "Nghị định", spellings: &["NĐ", "ND", "NDD"] },
    DocType { code: "BC", kind: "Báo cáo", spellings: &["BC"] },
    DocType { code: "TTr", kind: "Tờ trình", spellings: &["TTR"] },
    DocType { code: "CV", kind: "Công văn", spellings: &["CV"] },
    DocType { code: "PA", kind: "Phương án", spellings: &["PA"] },
    DocType { code: "CĐ", kind: "Công điện", spellings: &["CĐ", "CD"] },
    DocType { code: "PL", kind: "Pháp lệnh", spellings: &["PL"] },
    DocType { code: "GP", kind: "Giấy phép", spellings: &["GP"] },
    DocType { code: "VBHN", kind: "Văn bản hợp nhất", spellings: &["VBHN"] },
    DocType { code: "L", kind: "Lệnh", spellings: &["L"] },
];

/// Laws carry the legislature and its term instead of a type code: "91/2015/QH13".
const LAW_CODE: &str = "QH";
const LAW_KIND: &str = "Luật";
/// Resolutions of the National Assembly Standing Committee carry it and its term instead of a
/// type code: "333/2017/UBTVQH14". Its ordinances are numbered alike; short references still
/// resolve through the name the article writes ("Pháp lệnh số 02/2022/UBTVQH15").
const STANDING_COMMITTEE: &str = "UBTVQH";
const STANDING_COMMITTEE_CODE: &str = "NQ";
const STANDING_COMMITTEE_KIND: &str = "Nghị quyết";
/// Official dispatches carry the issuer and the drafting unit instead of a type code:
/// "526/UBND-TNMT", "152/TTg-CN".
const DISPATCH_CODE: &str = "CV";
const DISPATCH_KIND: &str = "Công văn";
/// Party documents coded TT are directives (Thông tri), state ones circulars (Thông tư).
const PARTY_TT_KIND: &str = "Thông tri";

/// The longest code spelling, in letters.
const MAX_CODE_LETTERS: usize = 4;

fn doc_type(upper: &str) -> Option<&'static DocType> {
    DOC_TYPES.iter().find(|t| t.spellings.contains(&upper))
}

/// A name that introduces a document in text ("Chỉ thị", "Quy chế làm việc"), lower case NFC,
/// with the codes a short reference under that name may stand for.
struct ShortName {
    name: &'static str,
    codes: &'static [&'static str],
}

#[rustfmt::skip]
const SHORT_NAMES: &[ShortName] = &[
    ShortName { name: "nghị quyết", codes: &["NQ"] },
    ShortName { name: "nghị quyết liên tịch", codes: &["NQLT"] },
    ShortName { name: "quyết định", codes: &["QĐ", "QĐNS"] },
    // Party rules were long numbered QĐ ("137-QĐ/TW" is a Quy định), newer ones QĐi.
    ShortName { name: "quy định", codes: &["QĐi", "QĐ"] },
    ShortName { name: "chỉ thị", codes: &["CT"] },
    ShortName { name: "kết luận", codes: &["KL"] },
    ShortName { name: "thông báo kết luận", codes: &["TB", "KL"] },
    ShortName { name: "kế hoạch", codes: &["KH"] },
    ShortName { name: "kế hoạch liên tịch", codes: &["KHLT"] },
    ShortName { name: "chương trình", codes: &["CTr"] },
    ShortName { name: "chương trình hành động", codes: &["CTr"] },
    ShortName { name: "hướng dẫn", codes: &["HD"] },
    ShortName { name: "quy chế", codes: &["QC"] },
    ShortName { name: "quy chế làm việc", codes: &["QC"] },
    ShortName { name: "đề án", codes: &["ĐA"] },
    ShortName { name: "dự án", codes: &["DA"] },
    ShortName { name: "thông báo", codes: &["TB"] },
    ShortName { name: "thông tư", codes: &["TT"] },
    ShortName { name: "thông tri", codes: &["TT"] },
    ShortName { name: "thông tư liên tịch", codes: &["TTLT"] },
    ShortName { name: "nghị định", codes: &["NĐ"] },
    ShortName { name: "báo cáo", codes: &["BC"] },
    ShortName { name: "tờ trình", codes: &["TTr"] },
    ShortName { name: "công văn", codes: &["CV"] },
    ShortName { name: "phương án", codes: &["PA"] },
    ShortName { name: "công điện", codes: &["CĐ"] },
    ShortName { name: "pháp lệnh", codes: &["PL"] },
    ShortName { name: "giấy phép", codes: &["GP"] },
    ShortName { name: "văn bản hợp nhất", codes: &["VBHN"] },
    ShortName { name: "luật", codes: &[LAW_CODE] },
    ShortName { name: "lệnh", codes: &["L"] },
];

/// Most words in a name of [`SHORT_NAMES`].
const MAX_NAME_WORDS: usize = 4;

/// Issuers spelled with Đ that pages also type with D, upper-cased; and "TTg", the one issuer
/// with a lower-case letter.
const ISSUER_SPELLINGS: &[(&str, &str)] = &[
    ("HDND", "HĐND"),
    ("TWDTN", "TWĐTN"),
    ("DU", "ĐU"),
    ("DUK", "ĐUK"),
    ("BCSD", "BCSĐ"),
    ("BGDDT", "BGDĐT"),
    ("SGDDT", "SGDĐT"),
    ("BKHDT", "BKHĐT"),
    ("SKHDT", "SKHĐT"),
    ("TTG", "TTg"),
];

/// Bodies that issue official dispatches (`NUMBER/ISSUER-UNIT`), as [`acronym_part`] spells
/// them: a dispatch of one of these needs no cue before it. Ministries (B…), provincial
/// departments (S…), the Government and its Office, the Prime Minister, people's committees and
/// councils, and the central agencies that write the most dispatches.
#[rustfmt::skip]
const DISPATCH_ISSUERS: &[&str] = &[
    "UBND", "HĐND", "VPCP", "TTg", "CP", "VPQH", "VPCTN", "TTCP", "KTNN", "NHNN", "TANDTC",
    "BTC", "BCT", "BNV", "BYT", "BGDĐT", "BTNMT", "BXD", "BGTVT", "BKHĐT", "BNNPTNT", "BLĐTBXH",
    "BCA", "BQP", "BNG", "BTP", "BTTTT", "BVHTTDL", "BKHCN", "BDTTG", "UBDT",
    "TCT", "TCHQ", "TCTK", "KBNN", "BHXH", "UBCKNN",
    "SXD", "STNMT", "STC", "SCT", "SNV", "SYT", "SGDĐT", "SKHĐT", "SGTVT", "SNNPTNT",
    "SLĐTBXH", "STP", "STTTT", "SVHTTDL", "SKHCN", "SNGV", "CAT", "CATP",
];
/// Words that announce a dispatch number without a type code ("Văn bản số 526/UBND-TNMT").
const DISPATCH_CUES: &[&str] = &["công văn", "văn bản", "số", "cv"];
/// Words before the number searched for one of [`DISPATCH_CUES`].
const DISPATCH_CUE_WORDS: usize = 3;
/// Letters in one acronym of a dispatch number.
const MIN_ACRONYM_LETTERS: usize = 2;
const MAX_ACRONYM_LETTERS: usize = 8;

/// Endings of party bodies (Tỉnh/Thành ủy, Huyện ủy, Quận ủy, Đảng ủy, Đảng ủy khối, Ban cán sự
/// đảng, Đảng đoàn, Đoàn thanh niên); any issuer containing TW (Trung ương) is one too.
const PARTY_ISSUER_ENDINGS: &[&str] = &["TU", "HU", "QU", "ĐU", "ĐUK", "BCSĐ", "ĐĐ", "ĐTN"];

fn is_party_issuer(issuer: &str) -> bool {
    let first = issuer.split('-').next().unwrap_or(issuer);
    first.contains("TW") || PARTY_ISSUER_ENDINGS.iter().any(|e| first.ends_with(e))
}

// ---------------------------------------------------------------------------------------------
// Scanning full numbers
// ---------------------------------------------------------------------------------------------

/// Where the text comes from: running text must look like a document number in context; a
/// user's query may take liberties (a bare space after the number, whatever the issuer).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Text,
    Query,
}

/// What separates the number from the type code.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sep {
    Hyphen,
    Slash,
    Space,
}

/// Longest number a document carries; longer digit runs are phone numbers and the like.
const MAX_NUMBER_DIGITS: usize = 5;
/// Spaces tolerated on each side of a separator ("367 - QĐ/TWĐTN").
const MAX_SPACES: usize = 2;
/// Letters in one issuer part ("TBTCPV", "VKSNDTC").
const MAX_ISSUER_LETTERS: usize = 12;
/// Hyphenated parts after the first issuer part ("TTLT-VPCP-BNV").
const MAX_ISSUER_SUFFIXES: usize = 3;
/// Plausible years in a legal number.
const YEARS: std::ops::RangeInclusive<u16> = 1945..=2100;

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{00A0}'
}

/// Combining marks of NFD text: they continue the letter before them.
fn is_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// A character that cannot directly follow the end of a number, code or issuer.
fn continues_word(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

fn peek(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

fn skip_spaces(text: &str, mut pos: usize) -> usize {
    for _ in 0..MAX_SPACES {
        match peek(text, pos) {
            Some(c) if is_space(c) => pos += c.len_utf8(),
            _ => break,
        }
    }
    pos
}

/// A separator at `pos`: a hyphen or slash with up to two spaces either side, or bare spaces.
fn separator(text: &str, pos: usize) -> Option<(Sep, usize)> {
    let after_spaces = skip_spaces(text, pos);
    match peek(text, after_spaces) {
        Some(c) if is_hyphen(c) => {
            Some((Sep::Hyphen, skip_spaces(text, after_spaces + c.len_utf8())))
        }
        Some('/') => Some((Sep::Slash, skip_spaces(text, after_spaces + 1))),
        _ if after_spaces > pos => Some((Sep::Space, after_spaces)),
        _ => None,
    }
}

/// End of a run of 1..=`max` ASCII digits at `pos` that is not followed by another digit.
fn digit_run(text: &str, pos: usize, max: usize) -> Option<usize> {
    let len = text
        .as_bytes()
        .get(pos..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    (1..=max).contains(&len).then_some(pos + len)
}

/// The letters of a type code at `pos`, upper-cased with any d-with-stroke (Đ, đ, Eth Ð, ð) as
/// Đ; whether the first was upper case; and where they end.
fn code_letters(text: &str, pos: usize) -> Option<(String, bool, usize)> {
    let mut end = pos;
    let mut count = 0;
    for c in text.get(pos..)?.chars() {
        if !(c.is_ascii_alphabetic() || matches!(c, 'Đ' | 'đ' | 'Ð' | 'ð')) {
            break;
        }
        count += 1;
        if count > MAX_CODE_LETTERS {
            return None;
        }
        end += c.len_utf8();
    }
    let first = text.get(pos..end)?.chars().next()?;
    Some((upper_code(&text[pos..end])?, first.is_uppercase(), end))
}

/// A code as written, upper-cased with any d-with-stroke as Đ; `None` if it holds anything else.
fn upper_code(written: &str) -> Option<String> {
    written
        .chars()
        .map(|c| match c {
            'Đ' | 'đ' | 'Ð' | 'ð' => Some('Đ'),
            c if c.is_ascii_alphabetic() => Some(c.to_ascii_uppercase()),
            _ => None,
        })
        .collect()
}

/// One issuer part at `pos`: 1..=12 letters, then up to two digits ("QH13", "UBTVQH15"), ending
/// where a word may end. Returns it canonical (upper case, Đ restored, Ư as W so "TƯ" reads
/// "TW", also when NFD writes Ư as U + combining horn), whether it started upper case, and its end.
fn issuer_part(text: &str, pos: usize) -> Option<(String, bool, usize)> {
    let rest = text.get(pos..)?;
    let mut part = String::new();
    let mut letters = 0;
    let mut end = pos;
    let mut first_upper = None;
    for c in rest.chars() {
        let letter = match c {
            'Đ' | 'đ' | 'Ð' | 'ð' => 'Đ',
            'Ư' | 'ư' => 'W',
            '\u{031B}' if part.ends_with('U') => {
                part.pop();
                'W'
            }
            c if c.is_ascii_alphabetic() => c.to_ascii_uppercase(),
            _ => break,
        };
        if c != '\u{031B}' {
            letters += 1;
            first_upper.get_or_insert(c.is_uppercase());
        }
        if letters > MAX_ISSUER_LETTERS {
            return None;
        }
        part.push(letter);
        end += c.len_utf8();
    }
    let first_upper = first_upper?;
    let digits = text.as_bytes()[end..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits > 2 {
        return None;
    }
    part.push_str(&text[end..end + digits]);
    end += digits;
    if peek(text, end).is_some_and(continues_word) {
        return None;
    }
    if let Some((_, fixed)) = ISSUER_SPELLINGS.iter().find(|(typed, _)| *typed == part) {
        part = (*fixed).to_string();
    }
    Some((part, first_upper, end))
}

/// The issuer at `pos`: a first part and hyphenated further parts ("VPCP-BNV", "TWĐTN-VP").
/// A trailing hyphen that starts no valid part is left out ("57-NQ/TW-ngày" ends at TW).
fn issuer(text: &str, pos: usize) -> Option<(String, bool, usize)> {
    let (mut issuer, first_upper, mut end) = issuer_part(text, pos)?;
    for _ in 0..MAX_ISSUER_SUFFIXES {
        if peek(text, end) != Some('-') {
            break;
        }
        let Some((part, _, part_end)) = issuer_part(text, end + 1) else {
            break;
        };
        issuer.push('-');
        issuer.push_str(&part);
        end = part_end;
    }
    Some((issuer, first_upper, end))
}

/// Whether a document number may start at the digit at `pos`: not inside a word, a decimal
/// ("16.765/16.765"), a hyphenated name ("COVID-19") or a slashed pair ("F0/F1").
fn may_start_number(text: &str, pos: usize) -> bool {
    let mut before = text[..pos].chars().rev();
    match before.next() {
        None => true,
        Some(c) if continues_word(c) || is_hyphen(c) => false,
        Some('/' | '_' | '+' | '@' | '#' | '&' | '%' | '\\') => false,
        Some('.' | ',') => !before.next().is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    }
}

/// One lower-case letter glued to a number right before its separator: "30a/2008/NQ-CP".
fn lettered_number(text: &str, number_end: usize) -> bool {
    let mut after = text[number_end..].chars();
    after.next().is_some_and(|c| c.is_ascii_lowercase())
        && after.next().is_some_and(|c| c == '/' || is_hyphen(c))
}

/// The document number starting with the digit at `start`, and where it ends.
fn parse_at(text: &str, start: usize, mode: Mode) -> Option<(DocNumber, usize)> {
    let mut number_end = digit_run(text, start, MAX_NUMBER_DIGITS)?;
    if lettered_number(text, number_end) {
        number_end += 1;
    }
    let number = &text[start..number_end];
    let (sep, mut pos) = separator(text, number_end)?;

    // The year of a legal number, also when a hyphen stands for a slash ("19-2016/NQ-CP",
    // "134/2016-NĐ-CP").
    let mut year = None;
    if sep != Sep::Space {
        if let Some(year_end) = digit_run(text, pos, 4).filter(|end| end - pos == 4) {
            let value: u16 = text[pos..year_end].parse().ok()?;
            if let Some((Sep::Slash | Sep::Hyphen, after)) = separator(text, year_end) {
                if YEARS.contains(&value) {
                    year = Some(value);
                    pos = after;
                }
            }
        }
    }

    let numbered_like_law = sep == Sep::Slash || year.is_some();
    if numbered_like_law {
        if let Some(found) = standing_committee(text, number, year, pos) {
            return Some(found);
        }
    }
    let Some((code, code_upper, code_end)) = code_letters(text, pos) else {
        return dispatch_after(text, start, number, sep, year, pos, mode);
    };
    if code == LAW_CODE && numbered_like_law {
        if let Some(found) = law(text, number, year, code_end) {
            return Some(found);
        }
    }
    let Some(doc_type) = doc_type(&code) else {
        return dispatch_after(text, start, number, sep, year, pos, mode);
    };
    let (sep2, issuer_start) = separator(text, code_end)?;
    if sep2 == Sep::Space {
        return None;
    }
    let (issuer, issuer_upper, end) = issuer(text, issuer_start)?;

    let party = match (year, sep) {
        (Some(_), _) => false,
        (None, Sep::Hyphen) => true,
        (None, Sep::Slash) => is_party_issuer(&issuer),
        // "84 QĐ/TWĐTN": in running text only for party bodies, written in capitals, since
        // "5 KH/DN" and "4 GB/ROM" read as counts.
        (None, Sep::Space) => {
            let party = is_party_issuer(&issuer);
            if mode == Mode::Text && !(party && code_upper && issuer_upper) {
                return None;
            }
            party
        }
    };
    let canonical = match (year, party) {
        (Some(year), _) => format!("{number}/{year}/{}-{issuer}", doc_type.code),
        (None, true) => format!("{number}-{}/{issuer}", doc_type.code),
        (None, false) => format!("{number}/{}-{issuer}", doc_type.code),
    };
    let kind = if party && doc_type.code == "TT" {
        PARTY_TT_KIND
    } else {
        doc_type.kind
    };
    let doc = DocNumber {
        key: key(&canonical),
        canonical,
        number: number.to_string(),
        code: doc_type.code.to_string(),
        kind,
        issuer,
        year,
    };
    Some((doc, end))
}

/// A law ("91/2015/QH13", also "38/QH12" without the year), `code_end` just after "QH".
fn law(text: &str, number: &str, year: Option<u16>, code_end: usize) -> Option<(DocNumber, usize)> {
    let end = digit_run(text, code_end, 2).filter(|end| end - code_end == 2)?;
    if peek(text, end).is_some_and(continues_word) {
        return None;
    }
    let issuer = format!("{LAW_CODE}{}", &text[code_end..end]);
    let canonical = match year {
        Some(year) => format!("{number}/{year}/{issuer}"),
        None => format!("{number}/{issuer}"),
    };
    let doc = DocNumber {
        key: key(&canonical),
        canonical,
        number: number.to_string(),
        code: LAW_CODE.to_string(),
        kind: LAW_KIND,
        issuer,
        year,
    };
    Some((doc, end))
}

/// A resolution (or ordinance) of the National Assembly Standing Committee, numbered like a law
/// with the committee and its term in place of the type code: "333/2017/UBTVQH14", also
/// "97/UBTVQH13" without the year. `pos` is where the committee's letters would start.
fn standing_committee(
    text: &str,
    number: &str,
    year: Option<u16>,
    pos: usize,
) -> Option<(DocNumber, usize)> {
    let letters_end = pos + STANDING_COMMITTEE.len();
    let written = text.get(pos..letters_end)?;
    if !written.eq_ignore_ascii_case(STANDING_COMMITTEE) {
        return None;
    }
    let end = digit_run(text, letters_end, 2).filter(|end| end - letters_end == 2)?;
    // "97/UBTVQH14-CTĐB" is a dispatch of the committee's office, not a resolution.
    let mut after = text[end..].chars();
    match after.next() {
        Some(c) if continues_word(c) => return None,
        Some(c) if is_hyphen(c) && after.next().is_some_and(continues_word) => return None,
        _ => {}
    }
    let issuer = format!("{STANDING_COMMITTEE}{}", &text[letters_end..end]);
    let canonical = match year {
        Some(year) => format!("{number}/{year}/{issuer}"),
        None => format!("{number}/{issuer}"),
    };
    let doc = DocNumber {
        key: key(&canonical),
        canonical,
        number: number.to_string(),
        code: STANDING_COMMITTEE_CODE.to_string(),
        kind: STANDING_COMMITTEE_KIND,
        issuer,
        year,
    };
    Some((doc, end))
}

/// One acronym of a dispatch number at `pos`: the issuer ("UBND", "TTg") or, with `unit`, a
/// unit ("TNMT", "GDTrH", up to two digits after the letters: "XD1"), ending where a word may
/// end. Returns it canonical, whether it is written as an acronym, and its end.
///
/// An acronym is written in capitals, or in capitals but for one lower-case letter after at least
/// two capitals ("TTg", "GDTrH"); that spelling is kept. Any other spelling (only a query may use
/// one) is upper-cased, and an issuer of [`ISSUER_SPELLINGS`] gets its Đ or "TTg" back.
fn acronym_part(text: &str, pos: usize, unit: bool) -> Option<(String, bool, usize)> {
    let mut part = String::new();
    let (mut letters, mut lower, mut upper_before_lower) = (0, 0, 0);
    let mut end = pos;
    for c in text.get(pos..)?.chars() {
        let letter = match c {
            'Đ' | 'Ð' => 'Đ',
            'đ' | 'ð' => 'đ',
            c if c.is_ascii_alphabetic() => c,
            _ => break,
        };
        letters += 1;
        if letters > MAX_ACRONYM_LETTERS {
            return None;
        }
        if letter.is_lowercase() {
            lower += 1;
        } else if lower == 0 {
            upper_before_lower += 1;
        }
        part.push(letter);
        end += c.len_utf8();
    }
    if letters < MIN_ACRONYM_LETTERS {
        return None;
    }
    let digit_count = if unit {
        text.as_bytes()[end..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    } else {
        0
    };
    if digit_count > 2 {
        return None;
    }
    part.push_str(&text[end..end + digit_count]);
    end += digit_count;
    if peek(text, end).is_some_and(continues_word) {
        return None;
    }
    let acronym = lower == 0 || (lower == 1 && upper_before_lower >= 2);
    if lower > 0 && !acronym {
        part = part.to_uppercase();
    }
    if !unit && (lower == 0 || !acronym) {
        if let Some((_, fixed)) = ISSUER_SPELLINGS.iter().find(|(typed, _)| *typed == part) {
            part = (*fixed).to_string();
        }
    }
    Some((part, acronym, end))
}

/// An official dispatch numbered `NUMBER/ISSUER-UNIT` without a type code ("526/UBND-TNMT",
/// "152/TTg-CN", "11701/VPCP-CN"), `pos` just after the slash. In running text it must be
/// written as acronyms, and the issuer be a known issuing body or the number follow a dispatch
/// cue ("công văn", "văn bản", "số", "CV"; not "mẫu số", which numbers a form) within three
/// words: "5 KH/DN", "F0/F1" and "TP/HCM" never qualify.
fn dispatch_after(
    text: &str,
    start: usize,
    number: &str,
    sep: Sep,
    year: Option<u16>,
    pos: usize,
    mode: Mode,
) -> Option<(DocNumber, usize)> {
    if sep != Sep::Slash || year.is_some() {
        return None;
    }
    let (first, first_acronym, mut end) = acronym_part(text, pos, false)?;
    if mode == Mode::Text && !first_acronym {
        return None;
    }
    let mut issuer = first.clone();
    for unit in 0..MAX_ISSUER_SUFFIXES {
        let Some(hyphen) = peek(text, end).filter(|c| is_hyphen(*c)) else {
            break;
        };
        let mut unit_start = end + hyphen.len_utf8();
        // "1333/UBND- TNMT": one space may follow the first hyphen.
        if unit == 0 && peek(text, unit_start).is_some_and(is_space) {
            unit_start = skip_one_space(text, unit_start);
        }
        let Some((part, acronym, part_end)) = acronym_part(text, unit_start, true) else {
            break;
        };
        // "422/UBND-GD&ĐT": a unit cut at '&' is not the whole unit.
        if (mode == Mode::Text && !acronym) || peek(text, part_end) == Some('&') {
            break;
        }
        issuer.push('-');
        issuer.push_str(&part);
        end = part_end;
    }
    if issuer.len() == first.len() {
        return None;
    }
    if mode == Mode::Text
        && !DISPATCH_ISSUERS.contains(&first.as_str())
        && !dispatch_cue_before(text, start)
    {
        return None;
    }
    let canonical = format!("{number}/{issuer}");
    let doc = DocNumber {
        key: key(&canonical),
        canonical,
        number: number.to_string(),
        code: DISPATCH_CODE.to_string(),
        kind: DISPATCH_KIND,
        issuer,
        year: None,
    };
    Some((doc, end))
}

fn skip_one_space(text: &str, pos: usize) -> usize {
    match peek(text, pos) {
        Some(c) if is_space(c) => pos + c.len_utf8(),
        _ => pos,
    }
}

/// A dispatch cue among the [`DISPATCH_CUE_WORDS`] words before `start`, not crossing clause
/// punctuation.
fn dispatch_cue_before(text: &str, start: usize) -> bool {
    let toks = tokenize(text, before_range(text, start));
    let mut seen = 0;
    for i in (0..toks.len()).rev() {
        let w = match &toks[i].1 {
            Tok::Word(w) => w.as_str(),
            Tok::Comma => continue,
            Tok::Stop(_) => break,
        };
        let pair = i
            .checked_sub(1)
            .and_then(|j| word(toks.get(j)))
            .map(|prev| format!("{prev} {w}"));
        if DISPATCH_CUES.contains(&w) || pair.is_some_and(|p| DISPATCH_CUES.contains(&p.as_str())) {
            // "mẫu số 02/KK-TNCN" numbers a form, not a document.
            return !(w == "số" && word(i.checked_sub(1).and_then(|j| toks.get(j))) == Some("mẫu"));
        }
        seen += 1;
        if seen == DISPATCH_CUE_WORDS {
            break;
        }
    }
    false
}

fn key(canonical: &str) -> String {
    fold(canonical).to_ascii_lowercase()
}

/// Every full number in running text, with its range.
fn scan(text: &str) -> Vec<(Range<usize>, DocNumber)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        if !bytes[pos].is_ascii_digit() {
            pos += 1;
            continue;
        }
        let run_end = pos
            + bytes[pos..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
        // Cheap pre-check before any parsing: a separator's first byte right after the digits
        // (space, '-', '/', NBSP's 0xC2, the dashes' 0xE2).
        let separator_next = matches!(bytes.get(run_end), Some(b' ' | b'-' | b'/' | 0xC2 | 0xE2))
            || lettered_number(text, run_end);
        if separator_next && run_end - pos <= MAX_NUMBER_DIGITS && may_start_number(text, pos) {
            if let Some((doc, end)) = parse_at(text, pos, Mode::Text) {
                found.push((pos..end, doc));
                pos = end;
                continue;
            }
        }
        pos = run_end;
    }
    found
}

/// The whole of `text` as one number, in query mode.
fn parse_whole(text: &str) -> Option<DocNumber> {
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (doc, end) = parse_at(text, 0, Mode::Query)?;
    (end == text.len()).then_some(doc)
}

/// A query without a leading "Nghị quyết" / "nghi quyet so" and the like.
fn strip_leading_name(query: &str) -> &str {
    let words: Vec<(usize, &str)> = query
        .split(' ')
        .scan(0, |offset, word| {
            let start = *offset;
            *offset += word.len() + 1;
            Some((start, word))
        })
        .collect();
    let folded = |w: &str| fold(&normalize_word(w)).into_owned();
    let mut skip = 0;
    for count in (1..=MAX_NAME_WORDS.min(words.len().saturating_sub(1))).rev() {
        let typed: Vec<String> = words[..count].iter().map(|(_, w)| folded(w)).collect();
        let typed = typed.join(" ");
        if SHORT_NAMES.iter().any(|n| fold(n.name) == typed.as_str()) {
            skip = count;
            break;
        }
    }
    if words.get(skip).is_some_and(|(_, w)| folded(w) == "so") && skip + 1 < words.len() {
        skip += 1;
    }
    words.get(skip).map_or(query, |(start, _)| &query[*start..])
}

// ---------------------------------------------------------------------------------------------
// Context: names, cues, dates
// ---------------------------------------------------------------------------------------------

/// A word of context, normalized (NFC, lower case, Ð as đ), or a punctuation mark.
enum Tok {
    Word(String),
    Comma,
    /// Clause punctuation, quotes, brackets, dashes and line breaks.
    Stop(char),
}

/// Bytes of context read before a number (a name, "số" and four words, NFD included) and after
/// it (a date, "của" and a body's name, "về" and a quote).
const BEFORE_BYTES: usize = 160;
const AFTER_BYTES: usize = 200;
/// Words before the name searched for a cue.
const CUE_WORDS: usize = 4;
/// Words of a body's name between "của" and "về".
const MAX_BODY_WORDS: usize = 12;

const ISSUING_CUES: &[&str] = &["ban hành", "thông qua", "phê duyệt", "ký"];
/// Counts as issuing only right before the name ("ra Nghị quyết"): elsewhere it is "diễn ra".
const ISSUING_NEXT_TO_NAME: &str = "ra";
const CITING_CUES: &[&str] = &[
    "theo",
    "căn cứ",
    "thực hiện",
    "triển khai",
    "quán triệt",
    "tại",
    "sửa đổi",
    "bổ sung",
    "sơ kết",
    "tổng kết",
    // "Điều 18 Nghị định số 59/2015/NĐ-CP": an article of it is cited.
    "điều",
    "khoản",
    "điểm",
];
const SUBJECT_WORDS: &[&str] = &["về", "để", "nhằm"];
const OPENING_QUOTES: &[char] = &['“', '"', '«', '‘', '\''];

fn is_leading_punct(c: char) -> bool {
    matches!(c, '“' | '"' | '«' | '‘' | '\'' | '(' | '[')
}

fn is_trailing_punct(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | ';' | ':' | '!' | '?' | '…' | '”' | '"' | '»' | '’' | '\'' | ')' | ']'
    ) || is_hyphen(c)
        || c == '—'
}

fn punct(c: char) -> Tok {
    if c == ',' {
        Tok::Comma
    } else {
        Tok::Stop(c)
    }
}

/// The words and punctuation of `text[range]`, with their byte ranges.
fn tokenize(text: &str, range: Range<usize>) -> Vec<(Range<usize>, Tok)> {
    let mut toks = Vec::new();
    let mut chunk_start = None;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        if c.is_whitespace() {
            if let Some(start) = chunk_start.take() {
                push_chunk(text, start..at, &mut toks);
            }
            if c == '\n' {
                toks.push((at..at + 1, Tok::Stop('\n')));
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(at);
        }
    }
    if let Some(start) = chunk_start {
        push_chunk(text, start..range.end, &mut toks);
    }
    toks
}

/// One whitespace-delimited chunk: leading quotes and brackets, the word, trailing punctuation.
fn push_chunk(text: &str, chunk: Range<usize>, toks: &mut Vec<(Range<usize>, Tok)>) {
    let (start, end) = (chunk.start, chunk.end);
    let core_start = end - text[chunk].trim_start_matches(is_leading_punct).len();
    for (i, c) in text[start..core_start].char_indices() {
        toks.push((start + i..start + i + c.len_utf8(), punct(c)));
    }
    let core_end = core_start
        + text[core_start..end]
            .trim_end_matches(is_trailing_punct)
            .len();
    if core_end > core_start {
        let word = normalize_word(&text[core_start..core_end]).into_owned();
        toks.push((core_start..core_end, Tok::Word(word)));
    }
    for (i, c) in text[core_end..end].char_indices() {
        toks.push((core_end + i..core_end + i + c.len_utf8(), punct(c)));
    }
}

/// Context before `end`, starting at a whitespace so no word is cut.
fn before_range(text: &str, end: usize) -> Range<usize> {
    let mut start = end.saturating_sub(BEFORE_BYTES);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    if start > 0 {
        start = text[start..end]
            .find(char::is_whitespace)
            .map_or(end, |i| start + i);
    }
    start..end
}

/// Context after `start`, ending at a whitespace so no word is cut.
fn after_range(text: &str, start: usize) -> Range<usize> {
    let mut end = (start + AFTER_BYTES).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end < text.len() {
        end = text[start..end]
            .rfind(char::is_whitespace)
            .map_or(start, |i| start + i);
    }
    start..end
}

/// What the words before a number say about it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cue {
    Issuing,
    Citing,
    None,
}

/// The name written before a number ("Kế hoạch số"), where that lead starts, and the cue before it.
struct Lead {
    start: usize,
    name: Option<&'static ShortName>,
    cue: Cue,
}

fn word(tok: Option<&(Range<usize>, Tok)>) -> Option<&str> {
    match tok {
        Some((_, Tok::Word(w))) => Some(w),
        _ => None,
    }
}

fn lead_before(text: &str, start: usize) -> Lead {
    let toks = tokenize(text, before_range(text, start));
    let mut n = toks.len();
    let mut lead_start = start;
    if n > 0 && word(toks.get(n - 1)) == Some("số") {
        n -= 1;
        lead_start = toks[n].0.start;
    }
    let mut name = None;
    for count in (1..=MAX_NAME_WORDS.min(n)).rev() {
        let words: Option<Vec<&str>> = toks[n - count..n].iter().map(|t| word(Some(t))).collect();
        let Some(words) = words else { continue };
        let written = words.join(" ");
        if let Some(found) = SHORT_NAMES.iter().find(|s| s.name == written) {
            name = Some(found);
            n -= count;
            lead_start = toks[n].0.start;
            break;
        }
    }
    Lead {
        start: lead_start,
        name,
        cue: cue_before(&toks[..n]),
    }
}

/// The nearest cue among the last [`CUE_WORDS`] words, not crossing clause punctuation.
fn cue_before(toks: &[(Range<usize>, Tok)]) -> Cue {
    let mut seen = 0;
    for i in (0..toks.len()).rev() {
        let w = match &toks[i].1 {
            Tok::Word(w) => w.as_str(),
            Tok::Comma => continue,
            Tok::Stop(_) => break,
        };
        let pair = i
            .checked_sub(1)
            .and_then(|j| word(toks.get(j)))
            .map(|prev| format!("{prev} {w}"));
        let is =
            |cues: &[&str]| cues.contains(&w) || pair.as_deref().is_some_and(|p| cues.contains(&p));
        if (seen == 0 && w == ISSUING_NEXT_TO_NAME) || is(ISSUING_CUES) {
            return Cue::Issuing;
        }
        if is(CITING_CUES) {
            return Cue::Citing;
        }
        seen += 1;
        if seen == CUE_WORDS {
            break;
        }
    }
    Cue::None
}

/// "12/6/2025", "15-5-2016", "24.6.2025", "26/6".
fn is_date(w: &str) -> bool {
    let parts: Vec<&str> = w.split(['/', '.', '-']).collect();
    (2..=3).contains(&parts.len())
        && parts[0].len() <= 2
        && parts
            .iter()
            .all(|p| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

fn is_number(w: Option<&str>) -> bool {
    w.is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
}

/// Rule 2 of [`find_doc_numbers`]: the number at `end` is followed by its date and subject, or by
/// "về" and a quoted title.
fn introduced_after(text: &str, end: usize) -> bool {
    let toks = tokenize(text, after_range(text, end));
    let at = |i: usize| word(toks.get(i));
    let mut i = 0;
    if matches!(toks.first(), Some((_, Tok::Comma))) {
        i += 1;
    }
    let mut dated = false;
    if at(i) == Some("ngày") {
        if at(i + 1).is_some_and(is_date) {
            i += 2;
            dated = true;
        } else if is_number(at(i + 1)) && at(i + 2) == Some("tháng") && is_number(at(i + 3)) {
            i += 4;
            if at(i) == Some("năm") && is_number(at(i + 1)) {
                i += 2;
            }
            dated = true;
        }
    }
    if matches!(toks.get(i), Some((_, Tok::Comma))) {
        i += 1;
    }
    if at(i) == Some("của") {
        i += 1;
        let mut body = 0;
        while let Some(w) = at(i) {
            if SUBJECT_WORDS.contains(&w) || body == MAX_BODY_WORDS {
                break;
            }
            i += 1;
            body += 1;
        }
    }
    match at(i) {
        Some("về") if !dated => {
            if at(i + 1) == Some("việc") {
                i += 1;
            }
            matches!(toks.get(i + 1), Some((_, Tok::Stop(c))) if OPENING_QUOTES.contains(c))
        }
        Some(w) => dated && SUBJECT_WORDS.contains(&w),
        None => false,
    }
}

fn is_defining(text: &str, lead: &Lead, end: usize) -> bool {
    match lead.cue {
        Cue::Issuing => true,
        Cue::Citing => false,
        Cue::None => introduced_after(text, end),
    }
}

/// Full numbers of one text, each with the name written before it.
fn full_mentions(text: &str) -> Vec<(DocMention, Option<&'static ShortName>)> {
    scan(text)
        .into_iter()
        .map(|(range, doc)| {
            let lead = lead_before(text, range.start);
            let defining = is_defining(text, &lead, range.end);
            let mention = DocMention {
                range,
                doc,
                defining,
                short: false,
            };
            (mention, lead.name)
        })
        .collect()
}

fn without_leading_zeros(number: &str) -> &str {
    let trimmed = number.trim_start_matches('0');
    if trimmed.is_empty() {
        "0"
    } else {
        trimmed
    }
}

/// Bare numbers after a document name ("Chỉ thị số 24", "Nghị quyết 57") outside the full numbers
/// `taken`, limited to `numbers` the article cites in full: (range from the name, number, lead).
fn short_references<'t>(
    text: &'t str,
    numbers: Option<&HashSet<&str>>,
    taken: &[Range<usize>],
) -> Vec<(Range<usize>, &'t str, Lead)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        if !bytes[pos].is_ascii_digit() {
            pos += 1;
            continue;
        }
        let start = pos;
        let end = start
            + bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
        pos = end;
        let number = without_leading_zeros(&text[start..end]);
        let wanted = numbers.is_none_or(|numbers| numbers.contains(number));
        if !wanted || taken.iter().any(|r| r.start <= start && start < r.end) {
            continue;
        }
        if !text[..start].chars().next_back().is_some_and(is_space) {
            continue;
        }
        // "24/7/2023", "24-CT", "24.5": not a bare number.
        let mut after = text[end..].chars();
        let glued = match after.next() {
            Some(c) if continues_word(c) => true,
            Some(c) if c == '/' || c == '.' || c == ',' || is_hyphen(c) => {
                after.next().is_some_and(continues_word)
            }
            _ => false,
        };
        if glued {
            continue;
        }
        if !may_end_lead(text, start) {
            continue;
        }
        let lead = lead_before(text, start);
        if lead.name.is_some() {
            found.push((lead.start..end, number, lead));
        }
    }
    found
}

/// Whether the word right before `start` can end a lead: "số" or the last word of a name. Most
/// bare numbers (dates, amounts) fail this, and [`lead_before`] costs far more.
fn may_end_lead(text: &str, start: usize) -> bool {
    let chunk = text[..start]
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    let word = normalize_word(chunk.trim_start_matches(is_leading_punct));
    word == "số" || ends_a_short_name(&word)
}

/// Whether `word` is the last word of a name of [`SHORT_NAMES`] ("thị" of "chỉ thị"). Asked of
/// the word before every bare number of every passage, so it splits no name.
fn ends_a_short_name(word: &str) -> bool {
    SHORT_NAMES.iter().any(|s| {
        s.name
            .strip_suffix(word)
            .is_some_and(|head| head.is_empty() || head.ends_with(' '))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    use crate::seeds::SEEDS;

    #[test]
    fn the_last_word_of_a_short_name_is_whole() {
        for word in ["thị", "quyết", "luật", "lệnh", "tịch", "nhất"] {
            assert!(ends_a_short_name(word), "{word}");
        }
        // "hị" ends "chỉ thị" but is not its last word; "chỉ" is its first.
        for word in ["hị", "chỉ", "", "số", "ngày", "tháng"] {
            assert!(!ends_a_short_name(word), "{word}");
        }
    }

    #[test]
    fn short_references_left_for_the_corpus() {
        let passages = [
            "Thực hiện Nghị quyết 57 về đột phá phát triển khoa học, công nghệ; Kế hoạch 2025.",
            "Chỉ thị số 24-CT/TU ngày 7/8/2023 và Chỉ thị số 24 được quán triệt.",
        ];
        let resolved = article_doc_numbers(&passages);
        let left = unresolved_short_references(&passages, &resolved);
        let covered: Vec<&str> = left[0]
            .iter()
            .map(|r| &passages[0][r.range.clone()])
            .collect();
        assert_eq!(covered, ["Nghị quyết 57"]);
        assert_eq!(left[0][0].keys, ["nq:57"]);
        assert!(left[1].is_empty(), "resolved in the article: {:?}", left[1]);
        assert_eq!(short_key("QĐ", "0137"), "qd:137");
    }

    /// One expected mention: the text its range covers, its canonical number, defining, short.
    type Expected<'a> = (&'a str, &'a str, bool, bool);

    /// Checks the mentions found in one text (or the passages of one article, `short` included):
    /// what each range covers, the canonical number, `defining` and `short`; and that every range
    /// slices the text on char boundaries.
    fn check(passages: &[&str], expected: &[Expected]) {
        let found = article_doc_numbers(passages);
        assert_eq!(found.len(), passages.len());
        let mut got = Vec::new();
        for (passage, mentions) in passages.iter().zip(&found) {
            for m in mentions {
                let written = passage
                    .get(m.range.clone())
                    .unwrap_or_else(|| panic!("range {:?} slices {passage:?}", m.range));
                assert_eq!(m.doc.key, key(&m.doc.canonical));
                got.push((written, m.doc.canonical.as_str(), m.defining, m.short));
            }
        }
        assert_eq!(got, expected, "in {passages:?}");
        if let [text] = passages {
            let full: Vec<DocMention> = found[0].iter().filter(|m| !m.short).cloned().collect();
            assert_eq!(find_doc_numbers(text), full, "find_doc_numbers({text:?})");
        }
    }

    fn seed(name: &str) -> Vec<&'static str> {
        let (_, text) = SEEDS
            .iter()
            .find(|(n, _)| *n == name)
            .expect("a seed of that name");
        text.lines().collect()
    }

    /// The distinct numbers each seed cites, as `article_doc_numbers` must find them.
    const SEED_NUMBERS: [(&str, &[&str]); 5] = [
        (
            "000",
            &[
                "341-KH/TU",
                "57-NQ/TW",
                "01-KL/TBTCPV",
                "242-KH/TU",
                "10-HD/TU",
                "45-CT/TW",
                "329-KH/TU",
            ],
        ),
        (
            "001",
            &["01-CT/TU", "15-NQ/TU", "12-ĐA/TU", "24-CT/TU", "15-NQ/TW"],
        ),
        ("002", &["24-CT/TU", "171-KH/TU", "137-QĐ/TW"]),
        ("003", &[]),
        (
            "004",
            &[
                "09-QC/TU",
                "7799-QĐ/TU",
                "341-KH/TU",
                "04/CTr-UBND",
                "03/CT-UBND",
                "04/CT-UBND",
            ],
        ),
    ];

    #[test]
    fn finds_exactly_the_numbers_of_each_seed() {
        let mut all = HashSet::new();
        for (name, expected) in SEED_NUMBERS {
            let found: HashSet<String> = article_doc_numbers(&seed(name))
                .into_iter()
                .flatten()
                .map(|m| m.doc.canonical)
                .collect();
            let expected: HashSet<String> = expected.iter().map(|s| s.to_string()).collect();
            assert_eq!(found, expected, "seed {name}");
            all.extend(found);
        }
        assert_eq!(all.len(), 19, "distinct numbers over the seeds: {all:?}");
    }

    #[test]
    fn seed_000_mentions_and_defining() {
        let lines = seed("000");
        let find = |needle: &str| {
            let line = lines
                .iter()
                .find(|l| l.contains(needle))
                .expect("seed line");
            find_doc_numbers(line)
                .into_iter()
                .map(|m| (m.doc.canonical, m.defining))
                .collect::<Vec<_>>()
        };
        let owned = |v: &[(&str, bool)]| {
            v.iter()
                .map(|(c, d)| (c.to_string(), *d))
                .collect::<Vec<_>>()
        };
        assert_eq!(find("341-KH/TU"), owned(&[("341-KH/TU", true)]));
        assert_eq!(find("57-NQ/TW"), owned(&[("57-NQ/TW", false)]));
        assert_eq!(
            find("01-KL/TBTCPV"),
            owned(&[("01-KL/TBTCPV", false), ("242-KH/TU", true)])
        );
        assert_eq!(find("10-HD/TU"), owned(&[("10-HD/TU", true)]));
        assert_eq!(
            find("45-CT/TW"),
            owned(&[("45-CT/TW", false), ("329-KH/TU", false)])
        );
    }

    #[test]
    fn seed_004_kế_hoạch_341_is_defining() {
        let line = seed("004")
            .into_iter()
            .find(|l| l.contains("341-KH/TU"))
            .expect("seed line");
        check(&[line], &[("341-KH/TU", "341-KH/TU", true, false)]);
    }

    #[test]
    fn seed_004_state_numbers() {
        let line = seed("004")
            .into_iter()
            .find(|l| l.contains("04/CTr-UBND"))
            .expect("seed line");
        check(
            &[line],
            &[
                ("04/CTr-UBND", "04/CTr-UBND", false, false),
                ("03/CT-UBND", "03/CT-UBND", false, false),
                ("04/CT-UBND", "04/CT-UBND", false, false),
            ],
        );
        let line = seed("004")
            .into_iter()
            .find(|l| l.contains("09-QC/TU"))
            .expect("seed line");
        check(
            &[line],
            &[
                ("09-QC/TU", "09-QC/TU", false, false),
                ("7799-QĐ/TU", "7799-QĐ/TU", false, false),
            ],
        );
    }

    #[test]
    fn seed_001_defining_and_passing() {
        let lines = seed("001");
        let expected: &[(&str, &[Expected])] = &[
            ("01-CT/TU", &[("01-CT/TU", "01-CT/TU", true, false)]),
            (
                "15-NQ/TU ngày",
                &[
                    ("15-NQ/TU", "15-NQ/TU", false, false),
                    ("15-NQ/TU", "15-NQ/TU", false, false),
                ],
            ),
            ("12-ĐA/TU", &[("12-ĐA/TU", "12-ĐA/TU", false, false)]),
            ("24-CT/TU", &[("24-CT/TU", "24-CT/TU", false, false)]),
            ("15-NQ/TW", &[("15-NQ/TW", "15-NQ/TW", false, false)]),
        ];
        for (needle, mentions) in expected {
            let line = lines
                .iter()
                .find(|l| l.contains(needle))
                .expect("seed line");
            check(&[line], mentions);
        }
    }

    #[test]
    fn fifteen_tu_and_fifteen_tw_stay_two_documents() {
        let found: Vec<DocNumber> = article_doc_numbers(&seed("001"))
            .into_iter()
            .flatten()
            .map(|m| m.doc)
            .filter(|d| d.number == "15")
            .collect();
        let keys: HashSet<&str> = found.iter().map(|d| d.key.as_str()).collect();
        assert_eq!(keys, HashSet::from(["15-nq/tu", "15-nq/tw"]));
    }

    #[test]
    fn resolves_short_references_in_seed_002() {
        let lines = seed("002");
        let found = article_doc_numbers(&lines);
        let short: Vec<(&str, &str, bool)> = lines
            .iter()
            .zip(&found)
            .flat_map(|(line, ms)| {
                ms.iter()
                    .filter(|m| m.short)
                    .map(move |m| (&line[m.range.clone()], m.doc.canonical.as_str(), m.defining))
            })
            .collect();
        // "Chương trình số 01" and "Nghị quyết số 04 của Thành ủy" have no full form in the
        // article and stay unresolved.
        assert_eq!(short, [("Chỉ thị số 24", "24-CT/TU", false)]);

        let line = lines
            .iter()
            .find(|l| l.contains("Kế hoạch số 171"))
            .expect("seed line");
        check(
            &[line],
            &[
                ("24-CT/TU", "24-CT/TU", true, false),
                ("171-KH/TU", "171-KH/TU", true, false),
                ("24-CT/TU", "24-CT/TU", false, false),
            ],
        );
        let line = lines
            .iter()
            .find(|l| l.contains("137-QĐ/TW"))
            .expect("seed line");
        check(&[line], &[("137-QĐ/TW", "137-QĐ/TW", true, false)]);
    }

    #[test]
    fn short_references_across_seed_001_passages() {
        let mut lines = seed("001");
        // Unambiguous: one 24-CT/TU in the article, cited before or after.
        lines.insert(
            0,
            "Sau một năm thực hiện Chỉ thị số 24 ngày 7/8/2023, TP đạt kết quả.",
        );
        // Ambiguous: 15-NQ/TU and 15-NQ/TW are both cited.
        lines.push("Tiếp tục thực hiện Nghị quyết số 15 của Thành ủy.");
        // The name written with the full number counts too: "Chương trình số 01-CT/TU".
        lines.push("Ban Thường vụ Thành ủy đã ban hành Chương trình số 01 năm 2021.");
        let found = article_doc_numbers(&lines);
        let start = lines[0].find("Chỉ thị số 24").expect("the reference");
        assert_eq!(
            found[0],
            [DocMention {
                range: start..start + "Chỉ thị số 24".len(),
                doc: parse_doc_number("24-CT/TU").expect("a number"),
                defining: false,
                short: true,
            }]
        );
        assert!(found[found.len() - 2].is_empty());
        let last = &found[found.len() - 1];
        assert_eq!(last.len(), 1);
        assert_eq!(last[0].doc.canonical, "01-CT/TU");
        assert!(last[0].short && last[0].defining);
        assert_eq!(
            &lines[lines.len() - 1][last[0].range.clone()],
            "Chương trình số 01"
        );
    }

    #[test]
    fn short_reference_needs_a_name_and_a_bare_number() {
        let full = "Bộ Chính trị ban hành Nghị quyết số 57-NQ/TW ngày 22/12/2024.";
        check(
            &[
                full,
                "Theo Nghị quyết 57, đến năm 2030 ...",
                "Có 57 đại biểu; ngày 57/12 không có.",
            ],
            &[
                ("57-NQ/TW", "57-NQ/TW", true, false),
                ("Nghị quyết 57", "57-NQ/TW", false, true),
            ],
        );
        // A Chỉ thị 57 is not the Nghị quyết 57.
        check(
            &[full, "Thực hiện Chỉ thị số 57 của Thành ủy."],
            &[("57-NQ/TW", "57-NQ/TW", true, false)],
        );
    }

    #[test]
    fn spellings_of_party_numbers() {
        for (text, written, canonical) in [
            ("số 57-NQ/TW", "57-NQ/TW", "57-NQ/TW"),
            ("số 57 - NQ / TW", "57 - NQ / TW", "57-NQ/TW"),
            ("số 57-NQ-TW ngày", "57-NQ-TW", "57-NQ/TW"),
            ("số 57/NQ-TW ngày", "57/NQ-TW", "57-NQ/TW"),
            ("số 57-nq/tw.", "57-nq/tw", "57-NQ/TW"),
            ("số 57–NQ/TW", "57–NQ/TW", "57-NQ/TW"),
            ("số 57-NQ/TƯ về", "57-NQ/TƯ", "57-NQ/TW"),
            ("số 137-QD/TW", "137-QD/TW", "137-QĐ/TW"),
            ("số 137-QÐ/TW", "137-QÐ/TW", "137-QĐ/TW"),
            (
                "Quyết định 367 - QĐ/TWĐTN-VP",
                "367 - QĐ/TWĐTN-VP",
                "367-QĐ/TWĐTN-VP",
            ),
            ("Quyết định 84 QĐ/TWĐTN.", "84 QĐ/TWĐTN", "84-QĐ/TWĐTN"),
            ("Quyết định số 646/QĐ/QUTW", "646/QĐ/QUTW", "646-QĐ/QUTW"),
            ("số 01-KL/TBTCPV", "01-KL/TBTCPV", "01-KL/TBTCPV"),
            ("số 12-ĐA/TU", "12-ĐA/TU", "12-ĐA/TU"),
            ("số 12-DA/TU", "12-DA/TU", "12-DA/TU"),
            ("số 12-ÐA/TU", "12-ÐA/TU", "12-ĐA/TU"),
            ("số 79-QĐNS/TW", "79-QĐNS/TW", "79-QĐNS/TW"),
            ("số 05-QĐi/TW", "05-QĐi/TW", "05-QĐi/TW"),
            ("số 3-TTr/BCSĐ", "3-TTr/BCSĐ", "3-TTr/BCSĐ"),
            ("số 9-NQ/HDND", "9-NQ/HDND", "9-NQ/HĐND"),
            ("(57-NQ/TW)", "57-NQ/TW", "57-NQ/TW"),
            ("57-NQ/TW-ngày", "57-NQ/TW", "57-NQ/TW"),
        ] {
            check(&[text], &[(written, canonical, false, false)]);
        }
    }

    #[test]
    fn spellings_of_state_and_legal_numbers() {
        for (text, written, canonical) in [
            ("số 04/CTr-UBND", "04/CTr-UBND", "04/CTr-UBND"),
            ("số 04/ctr-ubnd", "04/ctr-ubnd", "04/CTr-UBND"),
            ("số 977/QĐ-TTg", "977/QĐ-TTg", "977/QĐ-TTg"),
            ("số 977/QD-TTG", "977/QD-TTG", "977/QĐ-TTg"),
            ("số 977/QĐ/TTg", "977/QĐ/TTg", "977/QĐ-TTg"),
            ("số 25/BC/UBND,", "25/BC/UBND", "25/BC-UBND"),
            ("số 35/NQ-CP", "35/NQ-CP", "35/NQ-CP"),
            ("số 12/NQ-HÐND", "12/NQ-HÐND", "12/NQ-HĐND"),
            (
                "số 4446/QĐ-UBND-NC về",
                "4446/QĐ-UBND-NC",
                "4446/QĐ-UBND-NC",
            ),
            ("số 30/2020/NĐ-CP", "30/2020/NĐ-CP", "30/2020/NĐ-CP"),
            ("số 30/2020/ND-CP", "30/2020/ND-CP", "30/2020/NĐ-CP"),
            (
                "số 30 / 2020 / NĐ - CP",
                "30 / 2020 / NĐ - CP",
                "30/2020/NĐ-CP",
            ),
            (
                "số 02/2011/TTLT-VPCP-BNV",
                "02/2011/TTLT-VPCP-BNV",
                "02/2011/TTLT-VPCP-BNV",
            ),
            ("số 32/2013/TT/BTC", "32/2013/TT/BTC", "32/2013/TT-BTC"),
            ("Luật số 91/2015/QH13.", "91/2015/QH13", "91/2015/QH13"),
            ("Luật số 38/QH12 và", "38/QH12", "38/QH12"),
            (
                "số 26/2005/PL-UBTVQH11",
                "26/2005/PL-UBTVQH11",
                "26/2005/PL-UBTVQH11",
            ),
            ("số 88/VBHN-BQP", "88/VBHN-BQP", "88/VBHN-BQP"),
            ("số 30a/2008/NQ-CP", "30a/2008/NQ-CP", "30a/2008/NQ-CP"),
            ("số 30a/2008/NQ- CP", "30a/2008/NQ- CP", "30a/2008/NQ-CP"),
            ("Nghị quyết 19-2016/NQ-CP", "19-2016/NQ-CP", "19/2016/NQ-CP"),
            (
                "Nghị định 134/2016-NĐ-CP",
                "134/2016-NĐ-CP",
                "134/2016/NĐ-CP",
            ),
        ] {
            check(&[text], &[(written, canonical, false, false)]);
        }
    }

    #[test]
    fn standing_committee_resolutions() {
        for (text, written, canonical) in [
            (
                "Nghị quyết số 333/2017/UBTVQH14 ngày 11/1/2017",
                "333/2017/UBTVQH14",
                "333/2017/UBTVQH14",
            ),
            (
                "Pháp lệnh số 04/2012/UBTVQH13 sửa đổi",
                "04/2012/UBTVQH13",
                "04/2012/UBTVQH13",
            ),
            (
                "Nghị quyết 379/2017/ubtvqh14.",
                "379/2017/ubtvqh14",
                "379/2017/UBTVQH14",
            ),
            (
                "Nghị quyết 1003/UBTVQH13 và",
                "1003/UBTVQH13",
                "1003/UBTVQH13",
            ),
            // The ordinance shape with the type code is a state number as before.
            (
                "số 26/2005/PL-UBTVQH11",
                "26/2005/PL-UBTVQH11",
                "26/2005/PL-UBTVQH11",
            ),
        ] {
            check(&[text], &[(written, canonical, false, false)]);
        }
        let doc = find_doc_numbers("Nghị quyết số 333/2017/UBTVQH14")
            .remove(0)
            .doc;
        assert_eq!(
            doc,
            DocNumber {
                canonical: "333/2017/UBTVQH14".into(),
                key: "333/2017/ubtvqh14".into(),
                number: "333".into(),
                code: "NQ".into(),
                kind: "Nghị quyết",
                issuer: "UBTVQH14".into(),
                year: Some(2017),
            }
        );
        for input in [
            "333/2017/UBTVQH14",
            "333/2017/ubtvqh14",
            "Nghị quyết số 333/2017/UBTVQH14",
        ] {
            assert_eq!(parse_doc_number(input).as_ref(), Some(&doc), "{input:?}");
        }
        for text in [
            "số 333/2017/UBTVQH",
            "số 333/2017/UBTVQH145",
            "số 333/2017/UBTVQH14A",
            "số 97/UBTVQH14-CTĐB",
            "số 333 UBTVQH14",
        ] {
            check(&[text], &[]);
        }
        // A short reference finds it by the code NQ.
        check(
            &[
                "Nghị quyết số 333/2017/UBTVQH14 ban hành Quy chế phối hợp.",
                "Theo Nghị quyết số 333, các cơ quan phối hợp.",
            ],
            &[
                ("333/2017/UBTVQH14", "333/2017/UBTVQH14", false, false),
                ("Nghị quyết số 333", "333/2017/UBTVQH14", false, true),
            ],
        );
    }

    #[test]
    fn dispatches_without_a_type_code() {
        for (text, written, canonical) in [
            // A cue within three words: "văn bản", "công văn", "số", "CV".
            (
                "Trong Văn bản số 526/UBND-TNMT gửi UBND tỉnh",
                "526/UBND-TNMT",
                "526/UBND-TNMT",
            ),
            (
                "tại Văn bản số 1333/UBND- TNMT gửi Sở",
                "1333/UBND- TNMT",
                "1333/UBND-TNMT",
            ),
            (
                "Giấy giới thiệu số 45/TCMT-GGT cấp",
                "45/TCMT-GGT",
                "45/TCMT-GGT",
            ),
            (
                "công văn hỏa tốc 3841/CHCN-TT gửi",
                "3841/CHCN-TT",
                "3841/CHCN-TT",
            ),
            ("CV 12/BQLDA-KH gửi", "12/BQLDA-KH", "12/BQLDA-KH"),
            (
                "văn bản số 301/ BGDĐT-GDMN gửi",
                "301/ BGDĐT-GDMN",
                "301/BGDĐT-GDMN",
            ),
            (
                "số 1286/BTCDTW-TD1 gửi",
                "1286/BTCDTW-TD1",
                "1286/BTCDTW-TD1",
            ),
            // A known issuer needs no cue.
            (
                "theo chỉ đạo tại 11701/VPCP-CN của",
                "11701/VPCP-CN",
                "11701/VPCP-CN",
            ),
            ("đồng ý (152/TTg-CN) với", "152/TTg-CN", "152/TTg-CN"),
            ("và 152/TTG-CN", "152/TTG-CN", "152/TTg-CN"),
            ("gửi 5320/UBND-SXD.", "5320/UBND-SXD", "5320/UBND-SXD"),
            (
                "có 322/BGDĐT-GDTrH về",
                "322/BGDĐT-GDTrH",
                "322/BGDĐT-GDTrH",
            ),
            (
                "có 322/BGDDT-GDTrH về",
                "322/BGDDT-GDTrH",
                "322/BGDĐT-GDTrH",
            ),
            (
                "có 02/VPCP-KTTH-NC về",
                "02/VPCP-KTTH-NC",
                "02/VPCP-KTTH-NC",
            ),
            // A type code typed in Telex without its Đ is no dispatch.
            (
                "Quyết định số 2551/QDD-TTg của",
                "2551/QDD-TTg",
                "2551/QĐ-TTg",
            ),
        ] {
            check(&[text], &[(written, canonical, false, false)]);
        }
        check(
            &[
                "Cục Cứu hộ, Cứu nạn ban hành Công văn số 3841/CHCN-TT về việc thành lập sở chỉ huy.",
                "Thực hiện Công văn số 3841, các đơn vị đã trực ban.",
            ],
            &[
                ("3841/CHCN-TT", "3841/CHCN-TT", true, false),
                ("Công văn số 3841", "3841/CHCN-TT", false, true),
            ],
        );
        check(
            &["tại Giấy giới thiệu số 45/TCMT-GGT và số 46/TCMT-GGT, do ông"],
            &[
                ("45/TCMT-GGT", "45/TCMT-GGT", false, false),
                ("46/TCMT-GGT", "46/TCMT-GGT", false, false),
            ],
        );
        let doc = find_doc_numbers("văn bản số 152/TTg-CN").remove(0).doc;
        assert_eq!(
            doc,
            DocNumber {
                canonical: "152/TTg-CN".into(),
                key: "152/ttg-cn".into(),
                number: "152".into(),
                code: "CV".into(),
                kind: "Công văn",
                issuer: "TTg-CN".into(),
                year: None,
            }
        );
        for input in [
            "152/TTg-CN",
            "152/ttg-cn",
            "152/TTG-CN",
            "công văn 152/TTg-CN",
            "Công văn số 152/TTg-CN",
        ] {
            assert_eq!(parse_doc_number(input).as_ref(), Some(&doc), "{input:?}");
        }
        let doc = parse_doc_number("526/ubnd-tnmt").expect("a number");
        assert_eq!(
            (doc.canonical.as_str(), doc.key.as_str()),
            ("526/UBND-TNMT", "526/ubnd-tnmt")
        );
    }

    #[test]
    fn dispatch_traps_are_not_numbers() {
        for text in [
            // No cue and no known issuer.
            "quận 3/TP-HCM, lớp 10/CN-TH, khu 5/KCN-BD",
            // Not written as acronyms, or too short, too long, or without a unit.
            "số 12/Ban-Tổ chức, số 5/Ca-NB, số 12/A-B, số 7/UB-nd, số 8/Ubnd-VP",
            "số 9/ABCDEFGHI-VP, số 9/VP-ABCDEFGHI, số 14/UBND, số 14/UBND-, số 3/UBND-X",
            "số 12/VPCP-V.I, văn bản số 422/UBND-GD&ĐT, số 4/UBND-123",
            // Forms, dates, scores, ratios, years.
            "mẫu số 02/KK-TNCN, 05/KK-TNCN",
            "ngày 12/6/2025, tỷ số 14/14, 1/2, số 123/2017/HSST, số 45/2017/UBND-VP",
            "COVID-19/UBND-VP, F0/F1-F2, TP/HCM-HN, 60 km/h, km/h-VP, A/B-C",
            "5 UBND/TNMT-VP, số 5 / UBND - TNMT, 5-UBND/TNMT",
            // Glued to a word.
            "số 12/UBND-TNMTxy, số 12/UBND-TNMTé, số 12/UBNDé-TNMT, số 12/UBND-TN123",
        ] {
            check(&[text], &[]);
        }
        for input in [
            "F0/F1",
            "TP/HCM",
            "km/h",
            "A/B",
            "14/UBND",
            "12/A-B",
            "5 UBND-TNMT",
        ] {
            assert_eq!(parse_doc_number(input), None, "{input:?}");
        }
    }

    #[test]
    fn fields_of_each_shape() {
        let doc = |s: &str| find_doc_numbers(s).remove(0).doc;
        assert_eq!(
            doc("số 30/2020/NĐ-CP"),
            DocNumber {
                canonical: "30/2020/NĐ-CP".into(),
                key: "30/2020/nd-cp".into(),
                number: "30".into(),
                code: "NĐ".into(),
                kind: "Nghị định",
                issuer: "CP".into(),
                year: Some(2020),
            }
        );
        let law = doc("Luật số 91/2015/QH13");
        assert_eq!(
            (law.code.as_str(), law.kind, law.issuer.as_str()),
            ("QH", "Luật", "QH13")
        );
        assert_eq!(law.year, Some(2015));
        let party = doc("số 367 - QĐ/TWĐTN-VP");
        assert_eq!((party.number.as_str(), party.code.as_str()), ("367", "QĐ"));
        assert_eq!(
            (party.kind, party.issuer.as_str(), party.year),
            ("Quyết định", "TWĐTN-VP", None)
        );
        assert_eq!(doc("số 01-KL/TBTCPV").key, "01-kl/tbtcpv");
        assert_eq!(doc("số 12-ĐA/TU").kind, "Đề án");
        assert_eq!(doc("số 12-DA/TU").kind, "Dự án");
        // Đề án and Dự án share the ASCII key by design.
        assert_eq!(doc("số 12-ĐA/TU").key, doc("số 12-DA/TU").key);
        assert_eq!(doc("số 05-TT/TW").kind, "Thông tri");
        assert_eq!(doc("số 05/2020/TT-BTC").kind, "Thông tư");
    }

    #[test]
    fn traps_are_not_numbers() {
        for text in [
            "ngày 12/6/2025 và 7/8/2023, giai đoạn 2020-2025, nhiệm kỳ 2025 -2030",
            "từ ngày 20 - 26/6/2025; (2/9/1945 - 2/9/2025)",
            "14/14 chỉ tiêu, 186/186 Đảng bộ và 16.765/16.765 chi bộ; 1.221/1.238 chi",
            "8 đảng bộ/50 đảng bộ; tỷ lệ 1/2; tăng 7,63%; lúc 10:30; 15h30",
            "gọi 0243-123-4567 hoặc 1900-1234",
            "COVID-19, F0/F1, COVID-19/F0",
            "Metro số 2, Metro số 5 (Văn Cao - Hòa Lạc), QL1A, QL1A/QL5",
            "TP/HCM, Văn hiến - Văn minh - Hiện đại, A/B, NQ/TW, KH/TU",
            "85.360 USD/BTC, RAM 4 GB/ROM 32 GB, 2 VND/USD, 61 RTA/FTA, 5 KH/DN",
            "Đề án 06 về chuyển đổi số; Thành ủy - HÐND - UBND; 23 Ban Chấp hành",
            "15 QĐ/VKS – P2, 3 CT/ngày, 2 TB/năm",
            "57-XY/TW, 57-NQ, 57-NQ/, 123456-NQ/TW, 57-NQ/ABCDEFGHIJKLM, 30ab/NQ-CP, 5a NQ/TW",
            "giai đoạn 2021-2025/2030, năm 2020-2025 - TP",
        ] {
            check(&[text], &[]);
        }
    }

    #[test]
    fn parses_user_spellings() {
        for input in [
            "57-NQ/TW",
            "57-nq/tw",
            "57 NQ-TW",
            "57/NQ-TW",
            "57 - NQ / TW",
            "Nghị quyết 57-NQ/TW",
            "Nghị quyết số 57-NQ/TW",
            "nghi quyet so 57-nq/tw",
            "  57-NQ/TƯ. ",
        ] {
            let doc = parse_doc_number(input).unwrap_or_else(|| panic!("{input:?} parses"));
            assert_eq!(
                (doc.canonical.as_str(), doc.key.as_str()),
                ("57-NQ/TW", "57-nq/tw"),
                "{input:?}"
            );
        }
        let doc = parse_doc_number("137-QD/TW").expect("a number");
        assert_eq!(
            (doc.canonical.as_str(), doc.key.as_str()),
            ("137-QĐ/TW", "137-qd/tw")
        );
        let doc = parse_doc_number("KH 341/TU").expect("a number");
        assert_eq!(doc.canonical, "341-KH/TU");
        let doc = parse_doc_number("QĐ 977/TTg").expect("a number");
        assert_eq!(doc.canonical, "977/QĐ-TTg");
        let doc = parse_doc_number("977 qd-ttg").expect("a number");
        assert_eq!(doc.canonical, "977/QĐ-TTg");
        let doc = parse_doc_number("30/2020/nd-cp").expect("a number");
        assert_eq!(
            (doc.canonical.as_str(), doc.year),
            ("30/2020/NĐ-CP", Some(2020))
        );
        let doc = parse_doc_number("Luật 91/2015/QH13").expect("a number");
        assert_eq!(doc.kind, "Luật");
        for input in [
            "",
            "57",
            "nghị quyết",
            "12/6/2025",
            "14/14",
            "COVID-19",
            "F0/F1",
            "TP/HCM",
            "QL1A",
            "57-NQ/TW của Bộ Chính trị",
            "57-NQ/TW 58-NQ/TW",
            "Metro số 2",
            "57 nq tw/",
        ] {
            assert_eq!(parse_doc_number(input), None, "{input:?}");
        }
    }

    #[test]
    fn ranges_point_into_nfd_text() {
        for (_, text) in SEEDS {
            for line in text.lines() {
                let nfd: String = line.nfd().collect();
                let nfc = find_doc_numbers(line);
                let decomposed = find_doc_numbers(&nfd);
                assert_eq!(nfc.len(), decomposed.len(), "{line:?}");
                for (a, b) in nfc.iter().zip(&decomposed) {
                    assert_eq!(a.doc, b.doc);
                    assert_eq!(a.defining, b.defining, "{line:?}");
                    assert_eq!(&line[a.range.clone()], &nfd[b.range.clone()]);
                }
            }
        }
        let nfd: String = "Ban Thường vụ đã ban hành Chỉ thị số 24-CT/TƯ ngày 7/8/2023"
            .nfd()
            .collect();
        let found = find_doc_numbers(&nfd);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].doc.canonical, "24-CT/TW");
        assert!(found[0].defining);
        assert_eq!(&nfd[found[0].range.clone()], "24-CT/TU\u{31B}");
    }

    #[test]
    fn defining_rule() {
        let defining = |text: &str| find_doc_numbers(text).first().map(|m| m.defining);
        for text in [
            "Bộ Chính trị vừa ban hành Nghị quyết số 57-NQ/TW.",
            "Thủ tướng đã ký Quyết định số 977/QĐ-TTg.",
            "Quốc hội thông qua Luật số 91/2015/QH13.",
            "UBND TP phê duyệt Đề án số 12-ĐA/TU.",
            "Bộ Chính trị ra Nghị quyết 57-NQ/TW.",
            "Kế hoạch số 341-KH/TU, ngày 12/6/2025 để vận hành thử nghiệm",
            "Hướng dẫn số 10-HD/TU ngày 26 tháng 6 năm 2025 về xây dựng văn kiện",
            "Nghị quyết 57-NQ/TW về “đột phá phát triển khoa học”",
            "Nghị quyết 57-NQ/TW của Bộ Chính trị về việc “đột phá”",
        ] {
            assert_eq!(defining(text), Some(true), "{text:?}");
        }
        for text in [
            "Theo Nghị quyết số 57-NQ/TW, đến năm 2030",
            "thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 về đột phá",
            "Căn cứ Kết luận số 01-KL/TBTCPV ngày 3/5/2024 của Tiểu ban về việc phân công",
            "Hội nghị diễn ra theo Kế hoạch số 341-KH/TU ngày 12/6/2025 để",
            "Nghị quyết số 15-NQ/TU ngày 4/7/2017 của Ban Thường vụ Thành ủy.",
            "Nghị quyết 57-NQ/TW về đột phá phát triển khoa học",
            "đã ban hành. Nghị quyết số 57-NQ/TW là",
            "Điều 18 Nghị định số 59/2015/NĐ-CP ngày 18/6/2015 của Chính phủ về",
        ] {
            assert_eq!(defining(text), Some(false), "{text:?}");
        }
    }

    /// Text made of the pieces document numbers and their traps are built of.
    fn doc_like_text() -> impl Strategy<Value = String> {
        let pieces = vec![
            "57",
            "2020",
            "1",
            " ",
            "  ",
            "-",
            "–",
            "/",
            ".",
            ",",
            "NQ",
            "nq",
            "QĐ",
            "QÐ",
            "ĐA",
            "CTr",
            "TW",
            "TU",
            "TƯ",
            "TU\u{31B}",
            "UBND",
            "QH",
            "13",
            "VP",
            "số ",
            "Nghị quyết ",
            "Chỉ thị số ",
            "ban hành ",
            "ngày 12/6/2025 ",
            "về “",
            "của ",
            "\n",
            "é",
            "e\u{301}",
            "\u{31B}",
            "Ư",
            "đ",
            "TTg",
            "ttg",
            "GDTrH",
            "UBTVQH",
            "công văn ",
            "mẫu ",
        ];
        prop::collection::vec(prop::sample::select(pieces), 0..24).prop_map(|p| p.concat())
    }

    fn assert_ranges_on_boundaries(passages: &[&str]) {
        for (text, mentions) in passages.iter().zip(article_doc_numbers(passages)) {
            for m in mentions {
                assert!(m.range.start < m.range.end, "{:?} in {text:?}", m.range);
                assert!(
                    text.get(m.range.clone()).is_some(),
                    "{:?} in {text:?}",
                    m.range
                );
            }
        }
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(a in any::<String>(), b in any::<String>()) {
            assert_ranges_on_boundaries(&[&a, &b]);
            let _ = parse_doc_number(&a);
        }

        #[test]
        fn never_panics_on_doc_like_text(a in doc_like_text(), b in doc_like_text()) {
            assert_ranges_on_boundaries(&[&a, &b]);
            if let Some(doc) = parse_doc_number(&a) {
                prop_assert_eq!(parse_doc_number(&doc.canonical), Some(doc.clone()));
            }
        }
    }
}
