//! `--topic NAME`: a topic of the index's taxonomy (by name or slug, accents optional) ranks
//! the passages tagged with it by how much they are about it; any other words are a topic
//! description, matched as "any of these words, the more the better".

use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::query::{Mode, QueryPlan, Spelling};
use super::topic_rank::RankedTopic;
use crate::entities::topic::Taxonomy;
use crate::error::{Error, Result};
use crate::index::schema::TOPIC_WEIGHT_SCALE;
use crate::index::Fields;

/// A topic weight at which a keyword score is doubled when words and a topic are combined.
pub const TOPIC_SCALE: f32 = 3.0;

/// What `--topic` resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TopicTarget {
    /// A topic of the taxonomy: its position, slug and name.
    Taxonomy {
        position: usize,
        slug: String,
        name: String,
    },
    /// Free words describing a topic.
    Words(QueryPlan),
}

/// Resolves what the user typed against the index's taxonomy.
pub fn resolve_topic(taxonomy: &Taxonomy, typed: &str) -> Result<TopicTarget> {
    if let Some(position) = taxonomy.find(typed) {
        let topic = &taxonomy.topics()[position];
        return Ok(TopicTarget::Taxonomy {
            position,
            slug: topic.slug.clone(),
            name: topic.name.clone(),
        });
    }
    let plan = QueryPlan::parse(typed);
    if plan.is_empty() {
        return Err(Error::EmptyQuery);
    }
    Ok(TopicTarget::Words(plan))
}

impl TopicTarget {
    /// The passages of the topic.
    pub fn query(&self, fields: &Fields) -> Box<dyn Query> {
        match self {
            TopicTarget::Taxonomy { slug, .. } => Box::new(TermQuery::new(
                Term::from_field_text(fields.topic, slug),
                IndexRecordOption::Basic,
            )),
            TopicTarget::Words(plan) => plan.to_query(fields, Mode::Any, Spelling::AnyMarks),
        }
    }

    /// The taxonomy topic whose weights rank the passages, if any.
    pub(crate) fn ranked(&self) -> Option<RankedTopic<'_>> {
        match self {
            TopicTarget::Taxonomy { position, slug, .. } => Some(RankedTopic {
                slug,
                position: *position,
            }),
            TopicTarget::Words(_) => None,
        }
    }

    /// The taxonomy position whose weights rank the passages, if any.
    pub fn position(&self) -> Option<usize> {
        match self {
            TopicTarget::Taxonomy { position, .. } => Some(*position),
            TopicTarget::Words(_) => None,
        }
    }
}

/// The weight of topic `position` among a passage's `topic_weight` values (0 when absent).
pub fn weight_of(values: impl Iterator<Item = u64>, position: usize) -> f32 {
    values
        .filter(|v| (v >> 32) as usize == position)
        .map(|v| (v & u64::from(u32::MAX)) as f32 / TOPIC_WEIGHT_SCALE)
        .next()
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taxonomy_topics_and_free_words() {
        let taxonomy = Taxonomy::builtin();
        match resolve_topic(&taxonomy, "chuyen doi so").unwrap() {
            TopicTarget::Taxonomy { slug, .. } => assert_eq!(slug, "chuyen-doi-so"),
            other => panic!("{other:?}"),
        }
        match resolve_topic(&taxonomy, "biển đảo chủ quyền").unwrap() {
            TopicTarget::Words(plan) => assert_eq!(plan.groups.len(), 4),
            other => panic!("{other:?}"),
        }
        assert!(resolve_topic(&taxonomy, " , ").is_err());
    }

    #[test]
    fn weights_are_read_back_for_their_topic_only() {
        let values = [(3u64 << 32) | 4500, (7u64 << 32) | 1200];
        assert_eq!(weight_of(values.into_iter(), 3), 4.5);
        assert_eq!(weight_of(values.into_iter(), 7), 1.2);
        assert_eq!(weight_of(values.into_iter(), 0), 0.0);
    }
}
