//! A read-only DynamoDB on 127.0.0.1 for `make bench`: GetItem, Query (a key range of
//! one partition, a projection, 1 MB pages counted on whole items as DynamoDB counts
//! them) and BatchGetItem over items held in memory, spoken in DynamoDB's JSON protocol.
//! It lets the real `DynamoStore` and the AWS SDK read a data set too large for moto,
//! so that a bench times what the client does: signing, HTTP, parsing, the domain.
//!
//! Each answer is worked out once and kept (by request, its JSON keys sorted): what is
//! timed after a first run is the client's work and this double's reading of the
//! request, not its finding of items.

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

/// DynamoDB's page of a Query: 1 MiB of whole items, before any projection.
pub const PAGE: usize = 1 << 20;

/// The items, by partition then sort key, in DynamoDB JSON (`{"pk": {"S": ...}, ...}`).
#[derive(Default)]
pub struct Items(pub BTreeMap<String, BTreeMap<String, Map<String, Value>>>);

impl Items {
    pub fn put(&mut self, item: Map<String, Value>) {
        let pk = item["pk"]["S"].as_str().expect("pk").to_string();
        let sk = item["sk"]["S"].as_str().expect("sk").to_string();
        self.0.entry(pk).or_default().insert(sk, item);
    }
}

struct State {
    items: Items,
    answers: Mutex<HashMap<(String, Bytes), Bytes>>,
    /// Requests answered, bytes sent, answers worked out (not found prepared).
    served: Mutex<(usize, usize, usize)>,
}

/// The double, serving until the process ends.
pub struct Wire {
    pub url: String,
    state: Arc<State>,
}

impl Wire {
    pub async fn start(items: Items) -> Wire {
        let state = Arc::new(State { items, answers: Mutex::default(), served: Mutex::default() });
        let app = axum::Router::new().fallback(answer).with_state(state.clone());
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await.expect("a local port");
        let url = format!("http://{}", listener.local_addr().expect("an address"));
        tokio::spawn(async move { axum::serve(listener, app).await.expect("the DynamoDB double serves") });
        Wire { url, state }
    }

    /// Requests answered, bytes sent and answers worked out since the last call.
    pub fn take_served(&self) -> (usize, usize, usize) {
        std::mem::take(&mut *self.state.served.lock().unwrap())
    }

    /// A store reading this double through the AWS SDK.
    pub fn store(&self, table: &str) -> litmos_adapters::DynamoStore {
        let config = aws_sdk_dynamodb::Config::builder()
            .behavior_version(aws_sdk_dynamodb::config::BehaviorVersion::latest())
            .endpoint_url(&self.url)
            .region(aws_sdk_dynamodb::config::Region::new("us-east-1"))
            .credentials_provider(aws_sdk_dynamodb::config::Credentials::new("bench", "bench", None, None, "bench"))
            .build();
        litmos_adapters::DynamoStore::new(aws_sdk_dynamodb::Client::from_conf(config), table)
    }
}

async fn answer(axum::extract::State(state): axum::extract::State<Arc<State>>, headers: HeaderMap, body: Bytes) -> Response {
    let target = headers.get("x-amz-target").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let request: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    };
    // The SDK writes its maps in no set order: the request with its keys sorted
    // (serde_json's maps are) names it.
    let key = (target.clone(), Bytes::from(serde_json::to_vec(&request).expect("JSON")));
    let known = state.answers.lock().unwrap().get(&key).cloned();
    let out = match known {
        Some(out) => out,
        None => {
            let out = match target.rsplit('.').next() {
                Some("GetItem") => get_item(&state.items, &request),
                Some("Query") => query(&state.items, &request),
                Some("BatchGetItem") => batch_get(&state.items, &request),
                _ => {
                    return (StatusCode::BAD_REQUEST, format!("{target} is not served here")).into_response();
                }
            };
            let out = Bytes::from(serde_json::to_vec(&out).expect("JSON"));
            state.answers.lock().unwrap().insert(key, out.clone());
            state.served.lock().unwrap().2 += 1;
            out
        }
    };
    {
        let mut served = state.served.lock().unwrap();
        served.0 += 1;
        served.1 += out.len();
    }
    ([(header::CONTENT_TYPE, "application/x-amz-json-1.0")], out).into_response()
}

/// The attributes a projection names (all when none).
fn projection(request: &Value) -> Option<Vec<String>> {
    let names = request.get("ExpressionAttributeNames").and_then(Value::as_object);
    let expr = request.get("ProjectionExpression")?.as_str()?;
    Some(expr.split(',').map(str::trim).map(|p| names.and_then(|n| n.get(p)).and_then(Value::as_str).unwrap_or(p).to_string()).collect())
}

fn projected(item: &Map<String, Value>, only: &Option<Vec<String>>) -> Value {
    match only {
        None => Value::Object(item.clone()),
        Some(names) => Value::Object(names.iter().filter_map(|n| Some((n.clone(), item.get(n)?.clone()))).collect()),
    }
}

/// DynamoDB's size of an item: names and values (numbers about a byte per two digits).
pub fn size(item: &Map<String, Value>) -> usize {
    item.iter()
        .map(|(name, v)| {
            name.len()
                + match v {
                    Value::Object(o) => o.iter().map(|(t, x)| if t == "N" { x.as_str().map_or(1, |n| n.len() / 2 + 1) } else { x.as_str().map_or(1, str::len) }).sum(),
                    _ => 1,
                }
        })
        .sum()
}

fn key_of(v: &Value) -> (String, String) {
    (v["pk"]["S"].as_str().unwrap_or_default().to_string(), v["sk"]["S"].as_str().unwrap_or_default().to_string())
}

fn get_item(items: &Items, request: &Value) -> Value {
    let (pk, sk) = key_of(&request["Key"]);
    match items.0.get(&pk).and_then(|p| p.get(&sk)) {
        Some(item) => json!({"Item": projected(item, &projection(request))}),
        None => json!({}),
    }
}

/// `#pk = :pk AND #sk BETWEEN :lo AND :hi`, the only key condition the report asks.
fn query(items: &Items, request: &Value) -> Value {
    let values = &request["ExpressionAttributeValues"];
    let s = |name: &str| values[name]["S"].as_str().unwrap_or_default().to_string();
    let (pk, lo, hi) = (s(":pk"), s(":lo"), s(":hi"));
    let after = request.get("ExclusiveStartKey").map(|k| key_of(k).1);
    let only = projection(request);
    let (mut out, mut bytes, mut last, mut last_sk) = (Vec::new(), 0, None, None);
    if let Some(partition) = items.0.get(&pk) {
        for (sk, item) in partition.range(lo..=hi) {
            if after.as_ref().is_some_and(|a| sk <= a) {
                continue;
            }
            if bytes >= PAGE {
                last = Some(json!({"pk": {"S": pk}, "sk": {"S": last_sk}}));
                break;
            }
            bytes += size(item);
            out.push(projected(item, &only));
            last_sk = Some(sk.clone());
        }
    }
    let mut answer = json!({"Count": out.len(), "ScannedCount": out.len(), "Items": out});
    if let Some(last) = last {
        answer["LastEvaluatedKey"] = last;
    }
    answer
}

fn batch_get(items: &Items, request: &Value) -> Value {
    let mut responses = Map::new();
    for (table, wanted) in request["RequestItems"].as_object().into_iter().flatten() {
        let only = projection(wanted);
        let found: Vec<Value> = wanted["Keys"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|k| {
                let (pk, sk) = key_of(k);
                items.0.get(&pk).and_then(|p| p.get(&sk)).map(|item| projected(item, &only))
            })
            .collect();
        responses.insert(table.clone(), Value::Array(found));
    }
    json!({"Responses": responses, "UnprocessedKeys": {}})
}
