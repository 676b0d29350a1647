//! Automatic-training rules and their firings: a rule is one item holding it as JSON; a
//! firing is a claimed slot like an assignment's (pending with a lease, then done); a
//! deferred firing is kept aside as JSON until a sync runs it.

use async_trait::async_trait;
use aws_sdk_dynamodb::types::ReturnValue;
use litmos_domain::ports::{Claim, RuleStore, StoreError};
use litmos_domain::rules::{DeferredFiring, Rule};
use litmos_domain::time::Timestamp;
use tracing::instrument;

use super::claims::{Take, pending};
use super::layout::*;
use super::{DynamoStore, unavailable};

#[async_trait]
impl RuleStore for DynamoStore {
    #[instrument(skip_all, fields(tenant, rule = %rule.id))]
    async fn put_rule(&self, tenant: &str, rule: &Rule) -> Result<bool, StoreError> {
        let mut item = key(tenant_pk(tenant), rule_sk(&rule.id));
        item.insert(RULE_JSON.into(), json_s(rule));
        let out = self.client.put_item().table_name(&self.table).set_item(Some(item)).return_values(ReturnValue::AllOld).send().await.map_err(|e| unavailable("put_item", e))?;
        Ok(out.attributes.is_none_or(|a| a.is_empty()))
    }

    #[instrument(skip_all, fields(tenant))]
    async fn rules(&self, tenant: &str) -> Result<Vec<Rule>, StoreError> {
        self.query_partition(&tenant_pk(tenant), RULE_PREFIX, false).await?.iter().map(|i| from_json_s(i, RULE_JSON)).collect()
    }

    #[instrument(skip_all, fields(tenant, rule = id))]
    async fn delete_rule(&self, tenant: &str, id: &str) -> Result<bool, StoreError> {
        let out = self
            .client
            .delete_item()
            .table_name(&self.table)
            .set_key(Some(key(tenant_pk(tenant), rule_sk(id))))
            .return_values(ReturnValue::AllOld)
            .send()
            .await
            .map_err(|e| unavailable("delete_item", e))?;
        Ok(out.attributes.is_some_and(|a| !a.is_empty()))
    }

    #[instrument(skip_all, fields(tenant, rule))]
    async fn claim_firing(&self, tenant: &str, record: &str, rule: &str, caller_sys_id: &str, owner: &str, now: Timestamp, lease_until: Timestamp) -> Result<Claim<()>, StoreError> {
        let mut item = pending(tenant_pk(tenant), rule_fire_sk(record, rule), owner, lease_until);
        // Named, so forgetting the caller removes it.
        item.insert(CALLER_SYS_ID.into(), s(caller_sys_id));
        match self.take(item, now, None).await? {
            Take::Taken => Ok(Claim::Won),
            Take::Held(held) if opt_s(&held, STATE).as_deref() == Some(DONE) => Ok(Claim::Existing(())),
            Take::Held(_) => Ok(Claim::Pending),
        }
    }

    #[instrument(skip_all, fields(tenant, rule))]
    async fn finish_firing(&self, tenant: &str, record: &str, rule: &str, owner: &str) -> Result<(), StoreError> {
        let pk = tenant_pk(tenant);
        self.client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(pk.clone(), rule_fire_sk(record, rule))))
            .condition_expression("#owner = :owner")
            .update_expression("SET #state = :done REMOVE #lease")
            .expression_attribute_names("#owner", OWNER)
            .expression_attribute_names("#state", STATE)
            .expression_attribute_names("#lease", LEASE_UNTIL)
            .expression_attribute_values(":owner", s(owner))
            .expression_attribute_values(":done", s(DONE))
            .send()
            .await
            .map_err(|e| unavailable("update_item", e))?;
        // Done first: a crash here leaves a deferred copy whose retry finds it done.
        self.delete_keys(vec![key(pk, rule_wait_sk(record, rule))]).await
    }

    #[instrument(skip_all, fields(tenant, rule))]
    async fn release_firing(&self, tenant: &str, record: &str, rule: &str, owner: &str) -> Result<(), StoreError> {
        self.release(tenant_pk(tenant), rule_fire_sk(record, rule), owner).await
    }

    #[instrument(skip_all, fields(tenant, rule = %firing.rule_id))]
    async fn keep_aside(&self, tenant: &str, firing: &DeferredFiring) -> Result<(), StoreError> {
        let mut item = key(tenant_pk(tenant), rule_wait_sk(&firing.record.sys_id, &firing.rule_id));
        item.insert(FIRING_JSON.into(), json_s(firing));
        item.insert(CALLER_SYS_ID.into(), s(firing.record.caller_sys_id.clone()));
        self.client.put_item().table_name(&self.table).set_item(Some(item)).send().await.map_err(|e| unavailable("put_item", e))?;
        Ok(())
    }

    #[instrument(skip_all, fields(tenant, rule = %firing.rule_id))]
    async fn defer_firing(&self, tenant: &str, owner: &str, firing: &DeferredFiring) -> Result<(), StoreError> {
        self.keep_aside(tenant, firing).await?;
        // Kept aside first: a crash before the release leaves a claim whose lease ends.
        self.release(tenant_pk(tenant), rule_fire_sk(&firing.record.sys_id, &firing.rule_id), owner).await
    }

    #[instrument(skip_all, fields(tenant))]
    async fn deferred_firings(&self, tenant: &str, limit: usize) -> Result<Vec<DeferredFiring>, StoreError> {
        let lo = RULE_WAIT_PREFIX.to_string();
        let hi = format!("{RULE_WAIT_PREFIX}~");
        self.query_between(&tenant_pk(tenant), &lo, &hi, Some(limit)).await?.iter().map(|i| from_json_s(i, FIRING_JSON)).collect()
    }

    #[instrument(skip_all, fields(tenant, rule))]
    async fn drop_deferred(&self, tenant: &str, record: &str, rule: &str) -> Result<(), StoreError> {
        self.delete_keys(vec![key(tenant_pk(tenant), rule_wait_sk(record, rule))]).await
    }
}
