//! Cached blobs (course catalog, agent lookups, team courses, learner progress). A blob
//! larger than one item is split into chunks written under a fresh generation before
//! the head item points at them, so a reader never sees half a blob.

use std::collections::HashMap;

use async_trait::async_trait;
use aws_sdk_dynamodb::primitives::Blob;
use aws_sdk_dynamodb::types::{AttributeValue, KeysAndAttributes, PutRequest, WriteRequest};
use litmos_domain::ports::{BlobRead, CacheStore, CachedBlob, StoreError};
use litmos_domain::time::Timestamp;
use tracing::instrument;

use super::layout::*;
use super::{DynamoStore, unavailable};

/// Below DynamoDB's 400 KB item limit with room for keys and attributes.
const CHUNK_BYTES: usize = 300_000;
/// Blobs up to this size live in their head item. Small, because warm containers
/// re-read the head item to check its generation, and a read costs by item size.
const INLINE_BYTES: usize = 8 * 1024;

impl DynamoStore {
    /// Items by key, read consistently, 100 keys a request.
    pub(crate) async fn batch_get(&self, keys: Vec<Item>) -> Result<Vec<Item>, StoreError> {
        let mut found = Vec::new();
        for chunk in keys.chunks(100) {
            let mut pending = Some(KeysAndAttributes::builder().set_keys(Some(chunk.to_vec())).consistent_read(true).build().expect("keys"));
            for round in 0..8 {
                let Some(req) = pending.take() else { break };
                let out = self.client.batch_get_item().request_items(&self.table, req).send().await.map_err(|e| unavailable("batch_get_item", e))?;
                found.extend(out.responses.and_then(|mut r| r.remove(&self.table)).unwrap_or_default());
                pending = out.unprocessed_keys.and_then(|mut u| u.remove(&self.table)).filter(|k| !k.keys().is_empty());
                if pending.is_some() {
                    tokio::time::sleep(std::time::Duration::from_millis(25 << round)).await;
                }
            }
            if pending.is_some() {
                return Err(StoreError::Unavailable("dynamodb batch_get_item left keys unprocessed".into()));
            }
        }
        Ok(found)
    }
}

#[async_trait]
impl CacheStore for DynamoStore {
    #[instrument(skip_all, fields(tenant, cache = name))]
    async fn get_blob(&self, tenant: &str, name: &str) -> Result<Option<CachedBlob>, StoreError> {
        let head = self.get_item(key(tenant_pk(tenant), cache_head_sk(name))).await?;
        let Some(head) = head else { return Ok(None) };
        self.read_chunks(tenant, name, &head).await
    }

    #[instrument(skip_all, fields(tenant, cache = name))]
    async fn get_blob_unless(&self, tenant: &str, name: &str, known: &str) -> Result<BlobRead, StoreError> {
        let Some(head) = self.get_item(key(tenant_pk(tenant), cache_head_sk(name))).await? else { return Ok(BlobRead::Absent) };
        if get_s(&head, GENERATION)? == known {
            return Ok(BlobRead::Unchanged { fetched_at: get_n(&head, FETCHED_AT)? });
        }
        Ok(self.read_chunks(tenant, name, &head).await?.map_or(BlobRead::Absent, BlobRead::Changed))
    }

    #[instrument(skip_all, fields(tenant, cache = name, bytes = bytes.len()))]
    async fn put_blob(&self, tenant: &str, name: &str, bytes: &[u8], now: Timestamp, ttl: i64) -> Result<(), StoreError> {
        self.write_blob(tenant, name, bytes, now, ttl).await
    }

    #[instrument(skip_all, fields(tenant, cache = name))]
    async fn lease_refresh(&self, tenant: &str, name: &str, owner: &str, now: Timestamp, until: Timestamp) -> Result<bool, StoreError> {
        self.take_refresh(tenant, name, owner, now, until).await
    }

    #[instrument(skip_all, fields(tenant, cache = name))]
    async fn end_refresh(&self, tenant: &str, name: &str, owner: &str) -> Result<(), StoreError> {
        self.end_refresh_lease(tenant, name, owner).await
    }
}

impl DynamoStore {
    /// The blob the head item holds itself, or the chunks it names, joined; `None`
    /// when a chunk expired under us.
    async fn read_chunks(&self, tenant: &str, name: &str, head: &Item) -> Result<Option<CachedBlob>, StoreError> {
        let (generation, chunks, fetched_at) = (get_s(head, GENERATION)?, get_n(head, CHUNKS)? as usize, get_n(head, FETCHED_AT)?);
        if let Some(AttributeValue::B(inline)) = head.get(DATA) {
            return Ok(Some(CachedBlob { bytes: inline.clone().into_inner(), fetched_at, generation }));
        }
        let keys: Vec<Item> = (0..chunks).map(|i| key(tenant_pk(tenant), cache_chunk_sk(name, &generation, i))).collect();
        let mut parts: HashMap<String, Vec<u8>> = HashMap::new();
        for item in self.batch_get(keys).await? {
            if let (Some(sk), Some(AttributeValue::B(b))) = (opt_s(&item, SK), item.get(DATA)) {
                parts.insert(sk, b.clone().into_inner());
            }
        }
        let mut bytes = Vec::new();
        for i in 0..chunks {
            match parts.remove(&cache_chunk_sk(name, &generation, i)) {
                Some(p) => bytes.extend(p),
                // A chunk expired under us: treat the blob as absent.
                None => return Ok(None),
            }
        }
        Ok(Some(CachedBlob { bytes, fetched_at, generation }))
    }

    async fn write_blob(&self, tenant: &str, name: &str, bytes: &[u8], now: Timestamp, ttl: i64) -> Result<(), StoreError> {
        let generation = format!("{now:x}{:08x}", rand::random::<u32>());
        // Kept well past freshness, so a stale copy can still answer when Litmos fails.
        let expires_at = now + ttl.max(60) * 4 + 3_600;
        // A small blob (an agent, a team, a learner's progress) lives in its head item:
        // one read instead of two, and no chunk writes.
        let inline = bytes.len() <= INLINE_BYTES;
        let chunks: Vec<&[u8]> = if inline { Vec::new() } else { bytes.chunks(CHUNK_BYTES).collect() };
        let items: Vec<Item> = chunks
            .iter()
            .enumerate()
            .map(|(i, part)| {
                let mut item = key(tenant_pk(tenant), cache_chunk_sk(name, &generation, i));
                item.insert(DATA.into(), AttributeValue::B(Blob::new(part.to_vec())));
                item.insert(TTL.into(), n(expires_at));
                item
            })
            .collect();
        let puts = items.into_iter().map(|i| WriteRequest::builder().put_request(PutRequest::builder().set_item(Some(i)).build().expect("item")).build()).collect();
        // No chunks for an inline blob: nothing is sent.
        self.batch_write(puts).await?;
        let mut head = key(tenant_pk(tenant), cache_head_sk(name));
        if inline {
            head.insert(DATA.into(), AttributeValue::B(Blob::new(bytes.to_vec())));
        }
        head.insert(GENERATION.into(), s(generation.clone()));
        head.insert(CHUNKS.into(), n(chunks.len() as i64));
        head.insert(FETCHED_AT.into(), n(now));
        head.insert(TTL.into(), n(expires_at));
        let old = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(head))
            .return_values(aws_sdk_dynamodb::types::ReturnValue::AllOld)
            .send()
            .await
            .map_err(|e| unavailable("put_item", e))?
            .attributes;
        // The previous generation is unreachable now; remove it rather than wait for TTL.
        if let Some(old) = old
            && let (Some(g), Some(c)) = (opt_s(&old, GENERATION), opt_n(&old, CHUNKS))
            && g != generation
        {
            let stale = (0..c as usize).map(|i| key(tenant_pk(tenant), cache_chunk_sk(name, &g, i))).collect();
            if let Err(e) = self.delete_keys(stale).await {
                tracing::warn!(error = %e, "could not delete an old cache generation; TTL removes it");
            }
        }
        Ok(())
    }
}
