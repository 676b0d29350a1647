//! The DynamoDB store and Secrets Manager adapter with the real AWS SDK against moto.

use litmos_adapters::{DynamoStore, SecretsManager};
use litmos_domain::keys;
use litmos_domain::model::LitmosSettings;
use litmos_domain::ports::{KeyStore, SecretStore, TenantStore};

async fn store() -> DynamoStore {
    let sdk = testkit::sdk_config().await;
    let table = testkit::fresh_table(&sdk).await;
    DynamoStore::new(aws_sdk_dynamodb::Client::new(&sdk), table)
}

fn settings() -> LitmosSettings {
    LitmosSettings { base_url: "https://api.litmos.com/v1.svc".into(), source: "sn".into() }
}

#[tokio::test]
async fn put_tenant_creates_then_updates_without_touching_servicenow_state() {
    let s = store().await;
    assert!(s.put_tenant_profile("acme", "Acme", &settings(), 100).await.unwrap());
    let h = keys::hash(&keys::generate());
    assert!(s.enable("acme", &h, 110).await.unwrap());
    assert!(!s.put_tenant_profile("acme", "Acme Corp", &settings(), 120).await.unwrap());
    let t = s.get_tenant("acme").await.unwrap().unwrap();
    assert_eq!((t.name.as_str(), t.created_at, t.updated_at), ("Acme Corp", 100, 120));
    assert!(t.servicenow.enabled);
    assert_eq!(t.servicenow.current_key, Some(h));
    assert!(s.get_tenant("nobody").await.unwrap().is_none());
}

#[tokio::test]
async fn enable_is_won_once_under_concurrency() {
    let s = std::sync::Arc::new(store().await);
    s.put_tenant_profile("acme", "Acme", &settings(), 100).await.unwrap();
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let s = s.clone();
        tasks.push(tokio::spawn(async move { s.enable("acme", &keys::hash(&keys::generate()), 101).await.unwrap() }));
    }
    let mut wins = 0;
    for t in tasks {
        wins += usize::from(t.await.unwrap());
    }
    assert_eq!(wins, 1);
    let t = s.get_tenant("acme").await.unwrap().unwrap();
    assert_eq!(t.servicenow.live_keys.len(), 1);
    let rec = s.get_key(&t.servicenow.current_key.unwrap()).await.unwrap().unwrap();
    assert_eq!(rec.tenant_id, "acme");
}

#[tokio::test]
async fn rotate_needs_the_current_key_and_sets_the_old_expiry() {
    let s = store().await;
    s.put_tenant_profile("acme", "Acme", &settings(), 100).await.unwrap();
    let (k1, k2, k3) = (keys::hash("k1"), keys::hash("k2"), keys::hash("k3"));
    s.enable("acme", &k1, 100).await.unwrap();
    assert!(s.rotate("acme", &k1, &k2, 200, 150, &[k1.clone(), k2.clone()]).await.unwrap());
    assert!(!s.rotate("acme", &k1, &k3, 200, 150, &[k1.clone(), k3.clone()]).await.unwrap(), "k1 is no longer current");
    assert!(s.get_key(&k3).await.unwrap().is_none(), "a failed rotation writes nothing");
    let old = s.get_key(&k1).await.unwrap().unwrap();
    assert_eq!(old.expires_at, Some(200));
    assert!(old.is_live(199) && !old.is_live(200));
    // Zero grace removes the old key outright.
    assert!(s.rotate("acme", &k2, &k3, 150, 150, &[k1.clone(), k3.clone()]).await.unwrap());
    assert!(s.get_key(&k2).await.unwrap().is_none());
}

#[tokio::test]
async fn disable_and_delete_remove_every_key_and_item() {
    let s = store().await;
    s.put_tenant_profile("acme", "Acme", &settings(), 100).await.unwrap();
    s.put_tenant_profile("other", "Other", &settings(), 100).await.unwrap();
    let (k1, k2, ko) = (keys::hash("k1"), keys::hash("k2"), keys::hash("ko"));
    s.enable("acme", &k1, 100).await.unwrap();
    s.enable("other", &ko, 100).await.unwrap();
    s.rotate("acme", &k1, &k2, 10_000, 150, &[k1.clone(), k2.clone()]).await.unwrap();
    let t = s.get_tenant("acme").await.unwrap().unwrap();
    s.disable(&t, 160).await.unwrap();
    assert!(s.get_key(&k1).await.unwrap().is_none() && s.get_key(&k2).await.unwrap().is_none());
    let t = s.get_tenant("acme").await.unwrap().unwrap();
    assert!(!t.servicenow.enabled && t.servicenow.live_keys.is_empty() && t.servicenow.current_key.is_none());

    s.enable("acme", &k1, 170).await.unwrap();
    s.record_activation("acme", "https://acme.service-now.com", 171).await.unwrap();
    let t = s.get_tenant("acme").await.unwrap().unwrap();
    s.delete_tenant(&t).await.unwrap();
    assert!(s.get_tenant("acme").await.unwrap().is_none());
    assert!(s.get_key(&k1).await.unwrap().is_none());
    assert!(s.get_key(&ko).await.unwrap().is_some(), "another tenant's key is untouched");
    assert!(s.get_tenant("other").await.unwrap().is_some());
}

#[tokio::test]
async fn keys_are_stored_only_as_hashes() {
    let sdk = testkit::sdk_config().await;
    let table = testkit::fresh_table(&sdk).await;
    let client = aws_sdk_dynamodb::Client::new(&sdk);
    let s = DynamoStore::new(client.clone(), table.clone());
    s.put_tenant_profile("acme", "Acme", &settings(), 100).await.unwrap();
    let key = keys::generate();
    s.enable("acme", &keys::hash(&key), 100).await.unwrap();
    let dump = format!("{:?}", client.scan().table_name(&table).send().await.unwrap().items());
    assert!(!dump.contains(&key) && !dump.contains(&key[4..20]), "plaintext key found in the table");
    assert!(dump.contains(&keys::hash(&key).0));
}

#[tokio::test]
async fn secrets_round_trip() {
    let sdk = testkit::sdk_config().await;
    let sm = SecretsManager::new(aws_sdk_secretsmanager::Client::new(&sdk));
    let name = format!("test/{:x}/litmos-api-key", rand::random::<u64>());
    assert_eq!(sm.get_secret(&name).await.unwrap(), None);
    sm.put_secret(&name, "v1").await.unwrap();
    sm.put_secret(&name, "v2").await.unwrap();
    assert_eq!(sm.get_secret(&name).await.unwrap().as_deref(), Some("v2"));
    sm.delete_secret(&name).await.unwrap();
    sm.delete_secret(&name).await.unwrap();
    assert_eq!(sm.get_secret(&name).await.unwrap(), None);
}

#[tokio::test]
async fn an_unreachable_store_is_unavailable_not_a_panic() {
    let sdk = testkit::sdk_config_at(&testkit::closed_endpoint()).await;
    let s = DynamoStore::new(aws_sdk_dynamodb::Client::new(&sdk), "t");
    let err = s.get_tenant("acme").await.unwrap_err();
    assert!(matches!(err, litmos_domain::ports::StoreError::Unavailable(_)), "{err:?}");
}
