//! Start links: one item each, in its own partition keyed by the token's hash (the
//! token itself is never stored), removed by DynamoDB's TTL when it expires.

use async_trait::async_trait;
use litmos_domain::keys::KeyHash;
use litmos_domain::ports::{StartLinkStore, StoreError};
use litmos_domain::start_links::StartLink;
use tracing::instrument;

use super::DynamoStore;
use super::layout::*;

impl DynamoStore {
    /// The start links (in their own partitions) that these reference items name: what
    /// forgetting a caller or deleting a tenant removes beside the references.
    pub(crate) fn start_links_of(refs: &[Item]) -> Vec<Item> {
        refs.iter()
            .filter_map(|r| opt_s(r, SK))
            .filter_map(|sk| sk.strip_prefix(START_REF_PREFIX).and_then(|rest| rest.rsplit_once('#')).map(|(_, hash)| hash.to_string()))
            .map(|hash| key(start_link_pk(&KeyHash(hash)), START_SK))
            .collect()
    }
}

#[async_trait]
impl StartLinkStore for DynamoStore {
    #[instrument(skip_all, fields(count = links.len()))]
    async fn put_start_links(&self, links: &[StartLink]) -> Result<(), StoreError> {
        use aws_sdk_dynamodb::types::{PutRequest, WriteRequest};
        let refs = links.iter().map(|l| {
            let mut item = key(tenant_pk(&l.tenant_id), start_ref_sk(&l.caller_sys_id, &l.hash));
            item.insert(CALLER_SYS_ID.into(), s(l.caller_sys_id.clone()));
            item.insert(TTL.into(), n(l.expires_at));
            WriteRequest::builder().put_request(PutRequest::builder().set_item(Some(item)).build().expect("item set")).build()
        });
        let requests = links
            .iter()
            .map(|l| {
                let mut item = key(start_link_pk(&l.hash), START_SK);
                item.insert(TENANT_ID.into(), s(l.tenant_id.clone()));
                item.insert(TENANT_GENERATION.into(), s(l.generation.clone()));
                item.insert(LEARNER_ID.into(), s(l.learner_id.clone()));
                item.insert(COURSE_ID.into(), s(l.course_id.clone()));
                item.insert(CALLER_SYS_ID.into(), s(l.caller_sys_id.clone()));
                item.insert(ISSUED_AT.into(), n(l.issued_at));
                item.insert(TTL.into(), n(l.expires_at));
                WriteRequest::builder().put_request(PutRequest::builder().set_item(Some(item)).build().expect("item set")).build()
            })
            .chain(refs)
            .collect();
        self.batch_write(requests).await
    }

    #[instrument(skip_all)]
    async fn get_start_link(&self, hash: &KeyHash) -> Result<Option<StartLink>, StoreError> {
        let Some(item) = self.get_item(key(start_link_pk(hash), START_SK)).await? else { return Ok(None) };
        Ok(Some(StartLink {
            hash: hash.clone(),
            tenant_id: get_s(&item, TENANT_ID)?,
            generation: opt_s(&item, TENANT_GENERATION).unwrap_or_default(),
            learner_id: get_s(&item, LEARNER_ID)?,
            course_id: get_s(&item, COURSE_ID)?,
            caller_sys_id: get_s(&item, CALLER_SYS_ID)?,
            issued_at: get_n(&item, ISSUED_AT)?,
            expires_at: get_n(&item, TTL)?,
        }))
    }
}
