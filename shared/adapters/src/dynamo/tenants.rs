use async_trait::async_trait;
use aws_sdk_dynamodb::types::builders::UpdateBuilder;
use aws_sdk_dynamodb::types::{Delete, Put, TransactWriteItem, Update};
use litmos_domain::keys::KeyHash;
use litmos_domain::model::*;
use litmos_domain::ports::{KeyStore, StoreError, TenantStore};
use litmos_domain::time::Timestamp;
use tracing::instrument;

use super::layout::*;
use super::{DynamoStore, TxOutcome, unavailable};

const PROFILE_WRITE_ATTEMPTS: usize = 4;

/// How an update sets a profile (the tenant's, or a key's copy): `with_profile` binds it.
const PROFILE_SET: &str = "#base = :base, #source = :source, #welcome = :welcome, #links = :links, #ver = :ver, #gen = :gen";

fn with_profile(mut update: UpdateBuilder, profile: &KeyProfile) -> UpdateBuilder {
    for (placeholder, (attr, value)) in ["#base", "#source", "#welcome", "#links", "#ver", "#gen"].into_iter().zip(profile_attributes(profile)) {
        update = update.expression_attribute_names(placeholder, attr).expression_attribute_values(placeholder.replace('#', ":"), value);
    }
    update
}

/// The condition that the tenant's profile version is still `read`, with what it names.
fn version_guard(update: UpdateBuilder, read: Option<i64>) -> (UpdateBuilder, &'static str) {
    let update = update.expression_attribute_names("#ver", PROFILE_VERSION);
    match read {
        Some(v) => (update.expression_attribute_values(":read", n(v)), "#ver = :read"),
        None => (update, "attribute_not_exists(#ver)"),
    }
}

impl DynamoStore {
    /// Before a tenant is created: whatever a deleted tenant of the same id left behind
    /// (items work still in flight wrote after the delete swept the partition) goes, so
    /// the new tenant reads nothing of the old one. One Query, nothing else, when clean.
    async fn sweep_leftovers(&self, id: &str) -> Result<(), StoreError> {
        let leftovers = self.query_partition(&tenant_pk(id), "", true).await?;
        if !leftovers.is_empty() {
            tracing::warn!(tenant = id, items = leftovers.len(), "removing a deleted tenant's leftovers before creating it again");
            self.delete_keys(leftovers).await?;
        }
        Ok(())
    }

    /// The tenant's profile for a new key, and its version attribute as read (None:
    /// the tenant has none yet). None: no tenant.
    async fn key_profile(&self, tenant_id: &str) -> Result<Option<(KeyProfile, Option<i64>)>, StoreError> {
        let Some(item) = self.get_item(key(tenant_pk(tenant_id), META)).await? else { return Ok(None) };
        let tenant = tenant_from(&item)?;
        Ok(Some((KeyProfile { litmos: tenant.litmos, version: tenant.profile_version, generation: tenant.generation }, opt_n(&item, PROFILE_VERSION))))
    }

    async fn update_meta(&self, id: &str, expr: &str, values: Vec<(&str, aws_sdk_dynamodb::types::AttributeValue)>) -> Result<bool, StoreError> {
        let mut req = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(tenant_pk(id), META)))
            .update_expression(expr)
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", PK);
        for (k, v) in values {
            req = req.expression_attribute_values(k, v);
        }
        match req.send().await {
            Ok(_) => Ok(true),
            Err(e) if e.as_service_error().is_some_and(|s| s.is_conditional_check_failed_exception()) => Ok(false),
            Err(e) => Err(unavailable("update_item", e)),
        }
    }
}

#[async_trait]
impl TenantStore for DynamoStore {
    #[instrument(skip_all, fields(tenant = id))]
    async fn get_tenant(&self, id: &str) -> Result<Option<Tenant>, StoreError> {
        self.get_item(key(tenant_pk(id), META)).await?.as_ref().map(tenant_from).transpose()
    }

    /// The profile goes onto the tenant and, in the same transaction, onto each of its
    /// keys (what auth reads), with the version moved by one. Only while the tenant's
    /// key list and version are what was read: a racing enable, rotation or disable
    /// sends it round again, so no key keeps an old profile.
    #[instrument(skip_all, fields(tenant = id))]
    async fn put_tenant_profile(&self, id: &str, name: &str, litmos: &LitmosSettings, min_sample: u32, now: Timestamp) -> Result<bool, StoreError> {
        for _ in 0..PROFILE_WRITE_ATTEMPTS {
            let meta = self.get_item(key(tenant_pk(id), META)).await?;
            let read_version = meta.as_ref().and_then(|m| opt_n(m, PROFILE_VERSION));
            let live = meta.as_ref().and_then(|m| m.get(SN_LIVE_KEYS)).cloned();
            let hashes: Vec<String> = live.as_ref().and_then(|l| l.as_l().ok()).map(|l| l.iter().filter_map(|v| v.as_s().ok().cloned()).collect()).unwrap_or_default();
            // Keys DynamoDB's TTL already removed are not recreated by the update.
            let keys: Vec<Item> = if hashes.is_empty() { Vec::new() } else { self.batch_get(hashes.iter().map(|h| key(key_pk(&KeyHash(h.clone())), KEY_SK)).collect()).await? };
            // A new tenant gets a generation of its own; an old one without any (made
            // before tenants had one) gets one now.
            let generation = meta.as_ref().and_then(|m| opt_s(m, TENANT_GENERATION)).unwrap_or_else(new_generation);
            if meta.is_none() {
                self.sweep_leftovers(id).await?;
            }
            let profile = KeyProfile { litmos: litmos.clone(), version: read_version.unwrap_or(0) + 1, generation };
            // Start links switched on (again): the ones made before stay cut.
            let links_were_on = meta.as_ref().and_then(|m| opt_n(m, START_LINK_DAYS)).unwrap_or(0) > 0;
            let links_switched_on = !links_were_on && litmos.start_link_days > 0;

            let mut update = Update::builder()
                .table_name(&self.table)
                .set_key(Some(key(tenant_pk(id), META)))
                .update_expression(format!(
                    "SET #name = :name, #updated = :now, #created = if_not_exists(#created, :now), #minsample = :minsample, {PROFILE_SET}{}{}",
                    if links_switched_on { ", #lsince = :now" } else { "" },
                    // A new tenant has no records the report's rollups miss.
                    if meta.is_none() { ", #ready = :ready" } else { "" }
                ))
                .expression_attribute_names("#minsample", MIN_SAMPLE)
                .expression_attribute_values(":minsample", n(i64::from(min_sample)))
                .expression_attribute_names("#pk", PK)
                .expression_attribute_names("#name", NAME)
                .expression_attribute_names("#updated", UPDATED_AT)
                .expression_attribute_names("#created", CREATED_AT)
                .expression_attribute_names("#live", SN_LIVE_KEYS)
                .expression_attribute_values(":name", s(name))
                .expression_attribute_values(":now", n(now));
            update = with_profile(update, &profile);
            if links_switched_on {
                update = update.expression_attribute_names("#lsince", LINKS_SINCE);
            }
            if meta.is_none() {
                update = update.expression_attribute_names("#ready", ROLLUPS_READY).expression_attribute_values(":ready", aws_sdk_dynamodb::types::AttributeValue::Bool(true));
            }
            let (guarded, same_version) = version_guard(update, read_version);
            update = guarded;
            let same_keys = match live {
                Some(l) => {
                    update = update.expression_attribute_values(":live", l);
                    "#live = :live"
                }
                None => "attribute_not_exists(#live)",
            };
            let exists = if meta.is_some() { "attribute_exists(#pk)" } else { "attribute_not_exists(#pk)" };
            update = update.condition_expression(format!("{exists} AND {same_version} AND {same_keys}"));
            let mut items = vec![TransactWriteItem::builder().update(update.build().expect("update")).build()];
            for k in &keys {
                let copy = Update::builder()
                    .table_name(&self.table)
                    .set_key(Some(key(get_s(k, PK)?, KEY_SK)))
                    .condition_expression("attribute_exists(#pk)")
                    .update_expression(format!("SET {PROFILE_SET}"))
                    .expression_attribute_names("#pk", PK);
                let copy = with_profile(copy, &profile);
                items.push(TransactWriteItem::builder().update(copy.build().expect("update")).build());
            }
            // The registry the scheduled sync and the tenant list walk.
            let mut entry = key(TENANTS_PK.to_string(), id);
            entry.insert(NAME_LC.into(), s(name.to_lowercase()));
            items.push(TransactWriteItem::builder().put(Put::builder().table_name(&self.table).set_item(Some(entry)).build().expect("put")).build());
            if let TxOutcome::Committed = self.transact(items, "the tenant's profile").await? {
                return Ok(meta.is_none_or(|m| !m.contains_key(CREATED_AT)));
            }
        }
        Err(StoreError::Contended("the tenant's profile"))
    }

    /// One Query over the registry (one id more than asked, to know whether more
    /// follow) and one BatchGet of the tenants. Ids are `[a-z0-9-]`, so `"0"`..`"~"`
    /// spans them all and `after + "\0"` is the first key past `after`.
    #[instrument(skip_all)]
    async fn list_tenants(&self, after: Option<&str>, limit: usize, search: Option<&str>) -> Result<(Vec<Tenant>, Option<String>), StoreError> {
        let lo = after.map_or_else(|| "0".to_string(), |a| format!("{a}\0"));
        let mut ids: Vec<String> = match search {
            None => self.query_between(TENANTS_PK, &lo, "~", Some(limit + 1)).await?.iter().filter_map(|i| opt_s(i, SK)).collect(),
            // The registry holds each tenant's id and lowercased name in small items: a
            // search reads them all (1,000 tenants are one Query page) and the page's
            // tenants only.
            Some(q) => self
                .query_between(TENANTS_PK, &lo, "~", None)
                .await?
                .iter()
                .filter(|i| opt_s(i, SK).is_some_and(|id| id.starts_with(q)) || opt_s(i, NAME_LC).is_some_and(|n| n.contains(q)))
                .filter_map(|i| opt_s(i, SK))
                .take(limit + 1)
                .collect(),
        };
        let more = ids.len() > limit;
        ids.truncate(limit);
        // A tenant deleted between the two reads is simply not in the page.
        let next = ids.last().filter(|_| more).cloned();
        let items = if ids.is_empty() { Vec::new() } else { self.batch_get(ids.iter().map(|id| key(tenant_pk(id), META)).collect()).await? };
        let mut tenants = items.iter().map(tenant_from).collect::<Result<Vec<_>, _>>()?;
        tenants.sort_by(|a, b| a.id.cmp(&b.id));
        Ok((tenants, next))
    }

    #[instrument(skip_all, fields(tenant = %tenant.id))]
    async fn delete_tenant(&self, tenant: &Tenant) -> Result<(), StoreError> {
        self.delete_keys(tenant.servicenow.live_keys.iter().map(|h| key(key_pk(h), KEY_SK)).collect()).await?;
        let mut items = self.query_partition(&tenant_pk(&tenant.id), "", true).await?;
        // Start links live in partitions of their own, named by references here.
        let links = DynamoStore::start_links_of(&items);
        self.delete_keys(links).await?;
        // The tenant item goes last: if anything fails before, the tenant is still
        // there to be deleted again.
        items.sort_by_key(|k| opt_s(k, SK).as_deref() == Some(META));
        self.delete_keys(items).await?;
        self.delete_keys(vec![key(TENANTS_PK.to_string(), tenant.id.clone())]).await
    }

    #[instrument(skip_all, fields(tenant = id))]
    async fn record_activation(&self, id: &str, instance_url: &str, now: Timestamp) -> Result<(), StoreError> {
        let set = format!("SET {SN_ACTIVATED_AT} = :now, {SN_INSTANCE_URL} = :url");
        self.update_meta(id, &set, vec![(":now", n(now)), (":url", s(instance_url))]).await?;
        Ok(())
    }

    #[instrument(skip_all, fields(tenant = id, outcome = %record.outcome))]
    async fn record_sync(&self, id: &str, record: &SyncRecord) -> Result<(), StoreError> {
        let mut values = vec![(":at", n(record.at)), (":outcome", s(record.outcome.clone()))];
        let expr = match &record.error_kind {
            Some(kind) => {
                values.push((":err", s(kind.clone())));
                format!("SET {LAST_SYNC_AT} = :at, {LAST_SYNC_OUTCOME} = :outcome, {LAST_SYNC_ERROR} = :err")
            }
            None => format!("SET {LAST_SYNC_AT} = :at, {LAST_SYNC_OUTCOME} = :outcome REMOVE {LAST_SYNC_ERROR}"),
        };
        self.update_meta(id, &expr, values).await?;
        Ok(())
    }

    #[instrument(skip_all, fields(tenant = id))]
    async fn touch_last_used(&self, id: &str, now: Timestamp) -> Result<(), StoreError> {
        self.update_meta(id, &format!("SET {SN_LAST_USED_AT} = :now"), vec![(":now", n(now))]).await?;
        Ok(())
    }
}

#[async_trait]
impl KeyStore for DynamoStore {
    #[instrument(skip_all, fields(key_id = hash.key_id()))]
    async fn get_key(&self, hash: &KeyHash) -> Result<Option<KeyRecord>, StoreError> {
        self.get_item(key(key_pk(hash), KEY_SK)).await?.as_ref().map(key_from).transpose()
    }

    #[instrument(skip_all, fields(tenant = tenant_id, key_id = hash.key_id()))]
    async fn enable(&self, tenant_id: &str, hash: &KeyHash, webhook: &KeyHash, now: Timestamp) -> Result<bool, StoreError> {
        let Some((profile, read)) = self.key_profile(tenant_id).await? else { return Ok(false) };
        let (meta, same_version) = version_guard(Update::builder(), read);
        let meta = meta
            .table_name(&self.table)
            .set_key(Some(key(tenant_pk(tenant_id), META)))
            .condition_expression(format!("attribute_exists(#pk) AND (attribute_not_exists(#en) OR #en = :false) AND {same_version}"))
            .update_expression("SET #en = :true, #enat = :now, #key = :hash, #kat = :now, #live = :live, #upd = :now, #wh = :wh REMOVE #whp, #whpu, #whps")
            .expression_attribute_names("#enat", SN_ENABLED_AT)
            .expression_attribute_names("#whps", SN_WEBHOOK_PREVS)
            .expression_attribute_names("#wh", SN_WEBHOOK)
            .expression_attribute_names("#whp", SN_WEBHOOK_PREV)
            .expression_attribute_names("#whpu", SN_WEBHOOK_PREV_UNTIL)
            .expression_attribute_values(":wh", s(webhook.0.clone()))
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#en", SN_ENABLED)
            .expression_attribute_names("#key", SN_KEY)
            .expression_attribute_names("#kat", SN_KEY_CREATED_AT)
            .expression_attribute_names("#live", SN_LIVE_KEYS)
            .expression_attribute_names("#upd", UPDATED_AT)
            .expression_attribute_values(":false", aws_sdk_dynamodb::types::AttributeValue::Bool(false))
            .expression_attribute_values(":true", aws_sdk_dynamodb::types::AttributeValue::Bool(true))
            .expression_attribute_values(":hash", s(hash.0.clone()))
            .expression_attribute_values(":now", n(now))
            .expression_attribute_values(":live", hash_list(std::slice::from_ref(hash)))
            .build()
            .expect("update");
        let put = Put::builder()
            .table_name(&self.table)
            .set_item(Some(key_item(tenant_id, hash, &profile, now)))
            .condition_expression("attribute_not_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .build()
            .expect("put");
        let items = vec![TransactWriteItem::builder().update(meta).build(), TransactWriteItem::builder().put(put).build()];
        Ok(matches!(self.transact(items, "the tenant's ServiceNow key").await?, TxOutcome::Committed))
    }

    #[instrument(skip_all, fields(tenant = tenant_id, old = old.key_id(), new = new.key_id()))]
    async fn rotate(
        &self,
        tenant_id: &str,
        old: &KeyHash,
        new: &KeyHash,
        new_webhook: &KeyHash,
        old_expires_at: Timestamp,
        now: Timestamp,
        live_keys: &[KeyHash],
        previous_webhooks: &[(KeyHash, Timestamp)],
    ) -> Result<bool, StoreError> {
        let Some((profile, read)) = self.key_profile(tenant_id).await? else { return Ok(false) };
        let (meta, same_version) = version_guard(Update::builder(), read);
        let meta = meta
            .table_name(&self.table)
            .set_key(Some(key(tenant_pk(tenant_id), META)))
            .condition_expression(format!("#en = :true AND #key = :old AND {same_version}"))
            .update_expression("SET #key = :new, #kat = :now, #live = :live, #upd = :now, #wh = :wh, #whps = :whps REMOVE #whp, #whpu")
            .expression_attribute_names("#whps", SN_WEBHOOK_PREVS)
            .expression_attribute_values(":whps", webhook_list(previous_webhooks))
            .expression_attribute_names("#wh", SN_WEBHOOK)
            .expression_attribute_names("#whp", SN_WEBHOOK_PREV)
            .expression_attribute_names("#whpu", SN_WEBHOOK_PREV_UNTIL)
            .expression_attribute_values(":wh", s(new_webhook.0.clone()))
            .expression_attribute_names("#en", SN_ENABLED)
            .expression_attribute_names("#key", SN_KEY)
            .expression_attribute_names("#kat", SN_KEY_CREATED_AT)
            .expression_attribute_names("#live", SN_LIVE_KEYS)
            .expression_attribute_names("#upd", UPDATED_AT)
            .expression_attribute_values(":true", aws_sdk_dynamodb::types::AttributeValue::Bool(true))
            .expression_attribute_values(":old", s(old.0.clone()))
            .expression_attribute_values(":new", s(new.0.clone()))
            .expression_attribute_values(":now", n(now))
            .expression_attribute_values(":live", hash_list(live_keys));
        let meta = meta.build().expect("update");
        let retire = if old_expires_at <= now {
            TransactWriteItem::builder().delete(Delete::builder().table_name(&self.table).set_key(Some(key(key_pk(old), KEY_SK))).build().expect("delete")).build()
        } else {
            TransactWriteItem::builder()
                .update(
                    Update::builder()
                        .table_name(&self.table)
                        .set_key(Some(key(key_pk(old), KEY_SK)))
                        .condition_expression("attribute_exists(#pk)")
                        .update_expression("SET #kexp = :exp, #ttl = :exp")
                        .expression_attribute_names("#pk", PK)
                        .expression_attribute_names("#kexp", KEY_EXPIRES_AT)
                        .expression_attribute_names("#ttl", TTL)
                        .expression_attribute_values(":exp", n(old_expires_at))
                        .build()
                        .expect("update"),
                )
                .build()
        };
        let put = Put::builder()
            .table_name(&self.table)
            .set_item(Some(key_item(tenant_id, new, &profile, now)))
            .condition_expression("attribute_not_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .build()
            .expect("put");
        let items = vec![TransactWriteItem::builder().update(meta).build(), retire, TransactWriteItem::builder().put(put).build()];
        Ok(matches!(self.transact(items, "the tenant's ServiceNow key").await?, TxOutcome::Committed))
    }

    #[instrument(skip_all, fields(tenant = %tenant.id, current = current.key_id()))]
    async fn revoke_previous(&self, tenant: &Tenant, current: &KeyHash) -> Result<bool, StoreError> {
        let previous: Vec<Item> = tenant.servicenow.live_keys.iter().filter(|k| *k != current).map(|h| key(key_pk(h), KEY_SK)).collect();
        self.delete_keys(previous).await?;
        let res = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(tenant_pk(&tenant.id), META)))
            .condition_expression("#en = :true AND #key = :cur")
            .update_expression("SET #live = :live REMOVE #whp, #whpu, #whps")
            .expression_attribute_names("#en", SN_ENABLED)
            .expression_attribute_names("#key", SN_KEY)
            .expression_attribute_names("#live", SN_LIVE_KEYS)
            .expression_attribute_names("#whp", SN_WEBHOOK_PREV)
            .expression_attribute_names("#whpu", SN_WEBHOOK_PREV_UNTIL)
            .expression_attribute_names("#whps", SN_WEBHOOK_PREVS)
            .expression_attribute_values(":true", aws_sdk_dynamodb::types::AttributeValue::Bool(true))
            .expression_attribute_values(":cur", s(current.0.clone()))
            .expression_attribute_values(":live", hash_list(std::slice::from_ref(current)))
            .send()
            .await;
        match res {
            Ok(_) => Ok(true),
            // A rotation or disable slipped in: the caller reads the tenant again.
            Err(e) if e.as_service_error().is_some_and(|s| s.is_conditional_check_failed_exception()) => Ok(false),
            Err(e) => Err(unavailable("update_item", e)),
        }
    }

    #[instrument(skip_all, fields(tenant = %tenant.id))]
    async fn disable(&self, tenant: &Tenant, now: Timestamp) -> Result<Vec<KeyHash>, StoreError> {
        let mut current = tenant.clone();
        let mut removed: Vec<KeyHash> = Vec::new();
        for _ in 0..4 {
            self.delete_keys(current.servicenow.live_keys.iter().map(|h| key(key_pk(h), KEY_SK)).collect()).await?;
            for h in current.servicenow.live_keys.iter().chain(current.servicenow.current_key.iter()) {
                if !removed.contains(h) {
                    removed.push(h.clone());
                }
            }
            // Only while no rotation slipped in between our read and now; else go again
            // with the fresh list so that no key survives a disable.
            let guard = match &current.servicenow.current_key {
                Some(h) => ("#key = :cur", s(h.0.clone())),
                None => ("attribute_not_exists(#key) OR #key = :cur", s("")),
            };
            let res = self
                .client
                .update_item()
                .table_name(&self.table)
                .set_key(Some(key(tenant_pk(&current.id), META)))
                .condition_expression(format!("attribute_exists(#pk) AND ({})", guard.0))
                .update_expression("SET #en = :false, #live = :empty, #upd = :now REMOVE #key, #kat, #wh, #whp, #whpu, #whps")
                .expression_attribute_names("#whps", SN_WEBHOOK_PREVS)
                .expression_attribute_names("#wh", SN_WEBHOOK)
                .expression_attribute_names("#whp", SN_WEBHOOK_PREV)
                .expression_attribute_names("#whpu", SN_WEBHOOK_PREV_UNTIL)
                .expression_attribute_names("#pk", PK)
                .expression_attribute_names("#en", SN_ENABLED)
                .expression_attribute_names("#key", SN_KEY)
                .expression_attribute_names("#kat", SN_KEY_CREATED_AT)
                .expression_attribute_names("#live", SN_LIVE_KEYS)
                .expression_attribute_names("#upd", UPDATED_AT)
                .expression_attribute_values(":false", aws_sdk_dynamodb::types::AttributeValue::Bool(false))
                .expression_attribute_values(":empty", hash_list(&[]))
                .expression_attribute_values(":now", n(now))
                .expression_attribute_values(":cur", guard.1)
                .send()
                .await;
            match res {
                Ok(_) => return Ok(removed),
                Err(e) if e.as_service_error().is_some_and(|s| s.is_conditional_check_failed_exception()) => match self.get_tenant(&current.id).await? {
                    Some(t) => current = t,
                    None => return Ok(removed),
                },
                Err(e) => return Err(unavailable("update_item", e)),
            }
        }
        Err(StoreError::Contended("the tenant's ServiceNow keys"))
    }
}
