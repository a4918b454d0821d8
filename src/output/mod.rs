//! Output: hits and articles for a terminal or as JSON Lines. Rendering never queries the index.

pub mod json;
mod terminal;

pub use terminal::Terminal;
