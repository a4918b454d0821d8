//! Bands of topic weight, indexed as terms ("quoc-phong-an-ninh/048"): a topic's most weighted
//! passages are found by reading its top bands' posting lists, not the weight of every passage
//! tagged with it (a broad topic tags nearly a tenth of the index).
//!
//! A band only ever rises with the weight, so every passage of a lower band weighs less than
//! every passage of a higher one. Four bands per doubling of the weight keep the top bands
//! short: within a band the highest weight is at most 1.25 times the lowest.

/// Between a topic's slug and its band: slugs hold only letters, digits and '-'.
const SEPARATOR: char = '/';

/// The band term of topic `slug` for a passage of `weight` (as kept in the `topic_weight`
/// field: the weight × `TOPIC_WEIGHT_SCALE`). Bands are three digits, so that the terms of a
/// topic sort as their bands do.
pub fn band_term(slug: &str, weight: u64) -> String {
    format!("{slug}{SEPARATOR}{:03}", band(weight))
}

/// What every band term of topic `slug` starts with.
pub fn band_prefix(slug: &str) -> String {
    format!("{slug}{SEPARATOR}")
}

/// Four bands per doubling: the position of the highest bit and the two bits after it (the
/// weights 0 to 2 have a band each).
fn band(weight: u64) -> u32 {
    let value = weight.saturating_add(1);
    let high = value.ilog2();
    if high < 2 {
        // 1, 2 or 3: bands 0, 1 and 2, under the 8 of the value 4.
        return u32::try_from(value - 1).unwrap_or(0);
    }
    let next_two = u32::try_from((value >> (high - 2)) & 3).unwrap_or(0);
    high * 4 + next_two
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_never_fall_as_the_weight_rises() {
        let mut last = band(0);
        for weight in 1..200_000 {
            let now = band(weight);
            assert!(now >= last, "{weight}: {now} after {last}");
            last = now;
        }
        assert_eq!(band(u64::MAX), 255);
        assert!(band(u64::MAX) >= band(u64::from(u32::MAX)));
    }

    #[test]
    fn four_bands_per_doubling() {
        // Weights 2.047 to 4.094 (× 1000, plus one: 2048 to 4095) span four bands, a quarter
        // each; 4.095 starts the next four.
        let weights = [2047, 2558, 2559, 3070, 3071, 3582, 3583, 4094, 4095];
        let bands: Vec<u32> = weights.into_iter().map(band).collect();
        assert_eq!(bands, [44, 44, 45, 45, 46, 46, 47, 47, 48]);
        assert_eq!([0, 1, 2, 3].map(band), [0, 1, 2, 8]);
    }

    #[test]
    fn terms_sort_as_their_bands() {
        let slug = "quoc-phong-an-ninh";
        assert_eq!(band_term(slug, 4500), "quoc-phong-an-ninh/048");
        assert!(band_term(slug, 999).starts_with(&band_prefix(slug)));
        let mut weights = [0u64, 7, 40, 999, 1000, 45_000, 9_999_999];
        weights.reverse();
        let terms: Vec<String> = weights.iter().map(|&w| band_term(slug, w)).collect();
        let mut sorted = terms.clone();
        sorted.sort();
        sorted.reverse();
        assert_eq!(terms, sorted);
    }
}
