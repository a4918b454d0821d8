//! The five sample pages shipped in `corpus/`, embedded once for the unit tests of every stage.

pub const SEED_000: &str = include_str!("../corpus/000_cf7e50b398e10c32.txt");
pub const SEED_001: &str = include_str!("../corpus/001_a5a2cd1b663f6932.txt");
pub const SEED_002: &str = include_str!("../corpus/002_03acd612832708f7.txt");
pub const SEED_003: &str = include_str!("../corpus/003_6adea5c61d0d4444.txt");
pub const SEED_004: &str = include_str!("../corpus/004_6f1bd9507e73d7d4.txt");

/// Every seed with its number ("000" … "004").
pub const SEEDS: [(&str, &str); 5] = [
    ("000", SEED_000),
    ("001", SEED_001),
    ("002", SEED_002),
    ("003", SEED_003),
    ("004", SEED_004),
];
