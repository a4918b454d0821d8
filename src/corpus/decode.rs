//! A file's bytes → UTF-8 text: UTF-8 (a BOM dropped), UTF-16 with a BOM, or Windows-1258 (the
//! legacy Vietnamese code page, which writes tones as combining marks) when the bytes are not
//! UTF-8 and read as Vietnamese in it. Empty and binary files are refused with a reason.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1258};

/// Bytes looked at for a NUL, the mark of a binary file.
const SNIFF: usize = 8192;

/// The text of `bytes`, or why it is not text.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        if encoding == UTF_16LE || encoding == UTF_16BE {
            let (text, had_errors) = encoding.decode_without_bom_handling(body);
            if had_errors {
                return Err(format!("not valid {} text", encoding.name()));
            }
            return non_empty(Cow::Owned(text.into_owned()));
        }
        return match simdutf8::basic::from_utf8(body) {
            Ok(text) => non_empty(Cow::Borrowed(text)),
            Err(_) => Err("not valid UTF-8 text after its UTF-8 byte-order mark".into()),
        };
    }
    if bytes[..bytes.len().min(SNIFF)].contains(&0) {
        return Err("a binary file, not text".into());
    }
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => non_empty(Cow::Borrowed(text)),
        Err(_) => windows_1258(bytes).map(Cow::Owned).ok_or_else(|| {
            "not text in UTF-8, UTF-16 (with a byte-order mark) or Windows-1258".to_string()
        }),
    }
}

fn non_empty(text: Cow<'_, str>) -> Result<Cow<'_, str>, String> {
    if text.trim().is_empty() {
        Err("an empty file".into())
    } else {
        Ok(text)
    }
}

/// The bytes read as Windows-1258, when that gives Vietnamese text: no undefined byte, no
/// control character, and some letter or tone mark only Vietnamese uses.
fn windows_1258(bytes: &[u8]) -> Option<String> {
    let (text, had_errors) = WINDOWS_1258.decode_without_bom_handling(bytes);
    let controls = text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    let vietnamese = text.chars().any(|c| {
        matches!(
            c,
            'ă' | 'Ă'
                | 'â'
                | 'Â'
                | 'đ'
                | 'Đ'
                | 'ê'
                | 'Ê'
                | 'ô'
                | 'Ô'
                | 'ơ'
                | 'Ơ'
                | 'ư'
                | 'Ư'
                | '\u{300}'
                | '\u{301}'
                | '\u{303}'
                | '\u{309}'
                | '\u{323}'
        )
    });
    (!had_errors && !controls && vietnamese && !text.trim().is_empty()).then(|| text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Tổng Bí thư Tô Lâm chỉ đạo Thành ủy Hà Nội";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(SAMPLE.as_bytes()).unwrap(), SAMPLE);
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), SAMPLE.as_bytes()].concat();
        assert_eq!(decode(&with_bom).unwrap(), SAMPLE);
    }

    #[test]
    fn utf16_with_a_bom() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(SAMPLE.encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(SAMPLE.encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(&le).unwrap(), SAMPLE);
        assert_eq!(decode(&be).unwrap(), SAMPLE);
    }

    #[test]
    fn windows_1258_with_combining_tones() {
        use unicode_normalization::UnicodeNormalization;
        // Windows-1258 has precomposed â ô đ and writes tones as combining marks after them.
        let written = "Ha\u{300} N\u{f4}\u{323}i: \u{110}a\u{309}ng u\u{309}y ho\u{323}p";
        let (bytes, _, unmappable) = WINDOWS_1258.encode(written);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err());
        let text = decode(&bytes).unwrap();
        assert_eq!(text.nfc().collect::<String>(), "Hà Nội: Đảng ủy họp");
    }

    #[test]
    fn empty_binary_and_unknown_bytes_are_refused() {
        assert!(decode(b"").unwrap_err().contains("empty"));
        assert!(decode(b" \n\t").unwrap_err().contains("empty"));
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
            .unwrap_err()
            .contains("binary"));
        // Latin-1 French is not Vietnamese.
        assert!(decode(b"caf\xe9 cr\xe8me").is_err());
    }
}
