//! Every recorded real Litmos response in `tests/fixtures/litmos/recorded/` parses
//! with the client's wire types, and the client's requests match the recorded ones.

use std::path::PathBuf;
use std::time::Duration;

use litmos_adapters::LitmosClient;
use litmos_adapters::litmos::{WireCourse, WireTeam, WireUser};
use litmos_domain::model::{LitmosAccount, NewUser};
use litmos_domain::ports::Litmos;
use serde::Deserialize;

#[derive(Deserialize)]
struct Cassette {
    interactions: Vec<Interaction>,
}

#[derive(Deserialize)]
struct Interaction {
    request: Req,
    response: Resp,
}

#[derive(Deserialize)]
struct Req {
    method: String,
    uri: String,
    body: Option<String>,
}

#[derive(Deserialize)]
struct Resp {
    status: Status,
    body: RespBody,
}

#[derive(Deserialize)]
struct Status {
    code: u16,
}

#[derive(Deserialize)]
struct RespBody {
    string: String,
}

fn fixtures_dir() -> PathBuf {
    // Kept in the repository (with its licence), never read from beside it.
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/litmos/recorded")
}

fn interactions() -> Vec<(String, Interaction)> {
    let mut all = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(fixtures_dir()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "yml")).collect();
    files.sort();
    for f in files {
        let c: Cassette = serde_yaml_ng::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap_or_else(|e| panic!("{f:?}: {e}"));
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        all.extend(c.interactions.into_iter().map(|i| (name.clone(), i)));
    }
    all
}

fn path_of(uri: &str) -> &str {
    let path = uri.split("/v1.svc").nth(1).unwrap_or("");
    path.split('?').next().unwrap()
}

/// Parses each JSON body with the wire type for its path; returns how many parsed.
#[test]
fn every_recorded_json_response_parses() {
    let mut parsed = 0;
    for (file, i) in interactions() {
        let body = i.response.body.string.trim();
        if !(body.starts_with('{') || body.starts_with('[')) || i.response.status.code >= 400 {
            continue;
        }
        let path = path_of(&i.request.uri);
        let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
        let ok = match segs.as_slice() {
            ["users"] | ["users", _] | ["teams", _, "users"] | ["teams", _, "leaders", ..] => {
                if body.starts_with('[') {
                    serde_json::from_str::<Vec<WireUser>>(body).map(|_| ()).map_err(|e| e.to_string())
                } else {
                    serde_json::from_str::<WireUser>(body).map(|_| ()).map_err(|e| e.to_string())
                }
            }
            ["teams"] | ["teams", _] | ["teams", _, "teams"] | ["users", _, "teams"] => {
                if body.starts_with('[') {
                    serde_json::from_str::<Vec<WireTeam>>(body).map(|_| ()).map_err(|e| e.to_string())
                } else {
                    serde_json::from_str::<WireTeam>(body).map(|_| ()).map_err(|e| e.to_string())
                }
            }
            ["courses", _] => serde_json::from_str::<WireCourse>(body).map(|_| ()).map_err(|e| e.to_string()),
            // Modules and results are not used by this product; they must still be JSON.
            _ => serde_json::from_str::<serde_json::Value>(body).map(|_| ()).map_err(|e| e.to_string()),
        };
        ok.unwrap_or_else(|e| panic!("{file} {} {}: {e}\n{body}", i.request.method, i.request.uri));
        parsed += 1;
    }
    assert!(parsed >= 45, "only {parsed} JSON responses found");
}

#[test]
fn the_recorded_409_is_read_as_exists() {
    let (_, i) = interactions().into_iter().find(|(f, _)| f == "create-user-already-exists.yml").unwrap();
    assert_eq!(i.response.status.code, 409);
    let v: serde_json::Value = serde_json::from_str(&i.response.body.string).unwrap();
    assert_eq!(v["Detail"], "UserName already exists");
}

fn query_pairs(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|s| !s.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (k.to_string(), v.replace("%40", "@"))
        })
        .collect()
}

/// The client's search and create requests carry what the recorded ones carried.
#[tokio::test]
async fn requests_match_the_recorded_ones() {
    let (addr, double) = litmos_double::spawn(litmos_double::Config::default()).await;
    let acct = LitmosAccount { base_url: format!("http://{addr}/v1.svc"), api_key: "demo-litmos-key".into(), source: "app-name12345".into() };
    let client = LitmosClient::new(Duration::from_secs(2), litmos_domain::litmos_url::LitmosHosts::with_extra("http://127.0.0.1:*").unwrap());

    let (_, search) = interactions().into_iter().find(|(f, _)| f == "search-users.yml").unwrap();
    let recorded_query = search.request.uri.split_once('?').unwrap().1.to_string();
    client.search_users(&acct, "charlie.smith@pieshop.net").await.unwrap();
    let sent = double.requests().pop().unwrap();
    assert_eq!(sent.path, "/v1.svc/users");
    let ours = query_pairs(&sent.query);
    for pair in query_pairs(&recorded_query) {
        assert!(ours.contains(&pair), "recorded {pair:?} missing from {ours:?}");
    }

    let (_, create) = interactions().into_iter().find(|(f, _)| f == "users-create.yml").unwrap();
    let recorded: serde_json::Value = serde_json::from_str(create.request.body.as_deref().unwrap()).unwrap();
    let user = NewUser { user_name: "jobaba@pieshop.net".into(), first_name: "Jo".into(), last_name: "Baba".into(), email: "jobaba@pieshop.net".into(), send_message: false };
    client.create_user(&acct, &user).await.unwrap();
    let sent = double.requests().pop().unwrap();
    assert_eq!((sent.method.as_str(), sent.path.as_str()), ("POST", "/v1.svc/users"));
    let ours: serde_json::Value = serde_json::from_str(&sent.body).unwrap();
    for (k, v) in ours.as_object().unwrap() {
        let rec = recorded.get(k).unwrap_or_else(|| panic!("we send {k}, which Litmos' recorded create did not"));
        if ["UserName", "FirstName", "LastName", "Email", "AccessLevel", "DisableMessages", "Active", "SkipFirstLogin", "TimeZone", "Id"].contains(&k.as_str()) {
            assert_eq!(v, rec, "{k}");
        }
    }
}
