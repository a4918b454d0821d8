//! Integration tests: drive the real `vnsearch` binary over temporary corpora.

mod cli;
