//! The date a scraped page states for its news, when it states one plainly: the lead's "Sáng
//! 15/7", "Chiều 21-8", "ngày 12/6/2025", with the year written there or, when the lead gives
//! none, the one year the lead mentions. Anything less certain gives no date: an empty date
//! hides an article from `--since`/`--until`, a wrong one would misplace it.

use std::sync::LazyLock;

use regex::Regex;

use crate::index::days_in_month;

/// A time-of-day or day word, then day and month, then maybe the year.
static STATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[^\p{L}])(?:rạng sáng|sáng|trưa|chiều|tối|đêm|ngày|hôm)(?: nay)?[ \u{a0}]*\(?(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{4}))?(?:[^\d/.\-]|$)",
    )
    .expect("the date pattern compiles")
});

/// A year of this or the last century, standing alone.
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d/.\-])((?:19|20)\d\d)(?:[^\d/\-]|$)").expect("the year pattern compiles")
});

/// Paragraphs looked at for the lead: the first one long enough to be prose.
const LEAD_MIN_WORDS: usize = 12;

/// The date the page states, as YYYY-MM-DD.
pub fn stated_date(paragraphs: &[String]) -> Option<String> {
    let lead = paragraphs
        .iter()
        .find(|p| p.split_whitespace().count() >= LEAD_MIN_WORDS)?;
    let found = STATED.captures(lead)?;
    let day: u64 = found.get(1)?.as_str().parse().ok()?;
    let month: u64 = found.get(2)?.as_str().parse().ok()?;
    let year: u64 = match found.get(3) {
        Some(year) => year.as_str().parse().ok()?,
        None => only_year(lead)?,
    };
    let valid = (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day);
    valid.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The one year `text` mentions, if it mentions exactly one.
fn only_year(text: &str) -> Option<u64> {
    let mut years = YEAR
        .captures_iter(text)
        .filter_map(|c| c.get(1)?.as_str().parse::<u64>().ok());
    let first = years.next()?;
    years.all(|y| y == first).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::clean::{clean_page, Furniture};
    use crate::seeds::SEEDS;

    fn date_of(lead: &str) -> Option<String> {
        stated_date(&[lead.to_string()])
    }

    #[test]
    fn a_stated_day_with_the_one_year_of_the_lead() {
        assert_eq!(
            date_of("Theo báo cáo được trình tại Hội nghị diễn ra sáng 15/7, kết quả 6 tháng đầu năm 2025 đạt nhiều kết quả."),
            Some("2025-07-15".into())
        );
        assert_eq!(
            date_of("Chiều 21-8, nhiều nơi trên địa bàn tỉnh có dông, sét và gió giật mạnh trong năm 2025 này."),
            Some("2025-08-21".into())
        );
        assert_eq!(
            date_of("Ngày 12/6/2025, Thành ủy ban hành kế hoạch về việc vận hành thử nghiệm các xã mới."),
            Some("2025-06-12".into())
        );
    }

    #[test]
    fn no_date_rather_than_a_guess() {
        // Two years in the lead: which one is the event's?
        assert_eq!(
            date_of(
                "Sáng 8/12, Ban Tổ chức tổng kết công tác năm 2025, triển khai nhiệm vụ năm 2026."
            ),
            None
        );
        // No year at all.
        assert_eq!(date_of("Sáng 8/12, Ban Tổ chức Trung ương tổ chức Hội nghị toàn quốc tổng kết công tác tổ chức."), None);
        // Not a day and month: a score, a ratio, an impossible date.
        assert_eq!(
            date_of(
                "Thành phố đạt 14/14 chỉ tiêu trong năm 2025, vượt kế hoạch đề ra từ đầu nhiệm kỳ."
            ),
            None
        );
        assert_eq!(
            date_of(
                "Ngày 31/2, Hội nghị tổng kết công tác năm 2025 của toàn thành phố đã diễn ra."
            ),
            None
        );
        assert_eq!(stated_date(&[]), None);
    }

    #[test]
    fn the_seeds_dates() {
        let furniture = Furniture::builtin();
        let dates: Vec<Option<String>> = SEEDS
            .iter()
            .map(|(_, seed)| stated_date(&clean_page(seed, &furniture).paragraphs))
            .collect();
        // Seed 000 states "sáng 15/7" and only 2025 in its lead; seed 003 states "Sáng 8/12"
        // with 2025 and 2026 in its lead; the others state no day in their lead.
        assert_eq!(
            dates,
            [Some("2025-07-15".to_string()), None, None, None, None]
        );
    }
}
