//! Facets of a result set: the persons, document numbers, topics and sources that dominate the
//! *whole* set of matching passages (not only the hits shown), counted with tantivy's terms
//! aggregation over fast fields, so no stored document is read.

use serde::Serialize;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::AggregationCollector;
use tantivy::collector::Count;
use tantivy::query::Query;
use tantivy::Searcher;

use super::catalog::{display_name, doc_canonical};
use super::KnownPersons;
use crate::entities::topic::Taxonomy;
use crate::error::{Error, Result};
use crate::index::schema::{DOC, PERSON, SOURCE, TOPIC};
use crate::index::Fields;

/// Values shown per facet.
pub const FACET_SIZE: usize = 10;
/// Person keys fetched before candidates never seen as persons are dropped.
const PERSON_FETCH: usize = 60;

/// Counts over a result set.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Facets {
    /// Passages in the result set.
    pub passages: u64,
    pub persons: Vec<FacetCount>,
    pub docs: Vec<FacetCount>,
    pub topics: Vec<FacetCount>,
    pub sources: Vec<FacetCount>,
}

/// One value of a facet and the number of passages of the result set with it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FacetCount {
    /// Name, canonical number, topic name or source as written.
    pub value: String,
    /// Lookup key: person key, document key, topic slug, source.
    pub key: String,
    pub count: u64,
}

/// The facets of the passages matching `query`.
pub fn facets(
    searcher: &Searcher,
    fields: &Fields,
    taxonomy: &Taxonomy,
    query: &dyn Query,
) -> Result<Facets> {
    let request = serde_json::json!({
        "persons": {"terms": {"field": PERSON, "size": PERSON_FETCH}},
        "docs": {"terms": {"field": DOC, "size": FACET_SIZE}},
        "topics": {"terms": {"field": TOPIC, "size": taxonomy.topics().len().max(1)}},
        "sources": {"terms": {"field": SOURCE, "size": FACET_SIZE}},
    });
    let aggregations: Aggregations = serde_json::from_value(request)
        .map_err(|e| Error::Tantivy(tantivy::TantivyError::InvalidArgument(e.to_string())))?;
    let collector = AggregationCollector::from_aggs(aggregations, Default::default());
    let (passages, results) = searcher.search(query, &(Count, collector))?;
    let results = serde_json::to_value(results)
        .map_err(|e| Error::Tantivy(tantivy::TantivyError::InternalError(e.to_string())))?;
    let buckets = |name: &str| -> Vec<(String, u64)> {
        results[name]["buckets"]
            .as_array()
            .map(|buckets| {
                buckets
                    .iter()
                    .filter_map(|b| {
                        Some((b["key"].as_str()?.to_string(), b["doc_count"].as_u64()?))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut persons = Vec::new();
    let mut known = KnownPersons::new(searcher, fields.person_strong);
    for (key, count) in buckets("persons") {
        if known.knows(&key)? && persons.len() < FACET_SIZE {
            persons.push(FacetCount {
                value: display_name(searcher, fields, &key)?,
                key,
                count,
            });
        }
    }
    let docs = buckets("docs")
        .into_iter()
        .map(|(key, count)| {
            Ok(FacetCount {
                value: doc_canonical(searcher, fields, &key)?,
                key,
                count,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let topics = buckets("topics")
        .into_iter()
        .map(|(slug, count)| FacetCount {
            value: taxonomy
                .topics()
                .iter()
                .find(|t| t.slug == slug)
                .map_or_else(|| slug.clone(), |t| t.name.clone()),
            key: slug,
            count,
        })
        .take(FACET_SIZE)
        .collect();
    let sources = buckets("sources")
        .into_iter()
        .map(|(source, count)| FacetCount {
            value: source.clone(),
            key: source,
            count,
        })
        .collect();
    Ok(Facets {
        passages: passages as u64,
        persons,
        docs,
        topics,
        sources,
    })
}
