//! `template.yaml` against the workspace: one function per package, the same routes as
//! the local router, least privilege, and the table's safety settings.

use std::collections::BTreeSet;
use std::path::PathBuf;

use litmos_api::permissions::{PERMISSIONS, Resource};
use litmos_api::routes::{METHOD_NOT_ALLOWED, ROUTES, SCHEDULED};
use serde_yaml_ng::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn template() -> Value {
    serde_yaml_ng::from_str(&std::fs::read_to_string(root().join("template.yaml")).unwrap()).unwrap()
}

fn functions(t: &Value) -> Vec<(String, Value)> {
    t["Resources"].as_mapping().unwrap().iter().filter(|(_, r)| r["Type"] == "AWS::Serverless::Function").map(|(k, r)| (k.as_str().unwrap().to_string(), r.clone())).collect()
}

fn tagless(v: &Value) -> String {
    match v {
        Value::Tagged(t) => tagless(&t.value),
        Value::String(s) => s.clone(),
        other => format!("{other:?}"),
    }
}

/// The local router's routes for every undeclared path (API Gateway: `$default`).
const CATCH_ALL: [&str; 2] = ["/", "/{*path}"];

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "DELETE", "PATCH"];

/// `ROUTES`, plus every other method of a known path answered by the 405 function.
fn expected_routes() -> BTreeSet<(String, String, String)> {
    let mut all: BTreeSet<_> = ROUTES.iter().map(|(m, p, f)| (m.to_string(), p.to_string(), f.to_string())).collect();
    for (_, path, _) in ROUTES {
        for m in METHODS {
            if !ROUTES.iter().any(|(rm, rp, _)| *rm == m && rp == path) {
                all.insert((m.to_string(), path.to_string(), METHOD_NOT_ALLOWED.to_string()));
            }
        }
    }
    all
}

#[test]
fn one_function_per_package_with_the_routes_of_the_local_router() {
    let t = template();
    let packages: BTreeSet<String> = std::fs::read_dir(root().join("functions")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    let cargo: toml::Table = std::fs::read_to_string(root().join("Cargo.toml")).unwrap().parse().unwrap();
    let router = cargo["workspace"]["metadata"]["lambda"]["watch"]["router"].as_table().unwrap();
    let mut local = BTreeSet::new();
    for (path, routes) in router {
        if CATCH_ALL.contains(&path.as_str()) {
            assert!(routes.as_array().unwrap().iter().all(|r| r["function"].as_str() == Some(METHOD_NOT_ALLOWED)), "the catch-all is the 404 answer");
            continue;
        }
        for r in routes.as_array().unwrap() {
            local.insert((r["method"].as_str().unwrap().to_string(), path.clone(), r["function"].as_str().unwrap().to_string()));
        }
    }
    assert_eq!(local, expected_routes(), "cargo lambda watch routes every method of every path");

    let mut deployed = BTreeSet::new();
    let mut names = BTreeSet::new();
    for (_, f) in functions(&t) {
        let binary = f["Metadata"]["BuildProperties"]["Binary"].as_str().unwrap().to_string();
        assert_eq!(f["Metadata"]["BuildMethod"], "rust-cargolambda");
        assert_eq!(f["Properties"]["CodeUri"].as_str().unwrap(), format!("functions/{binary}"), "one name everywhere");
        for (_, ev) in f["Properties"]["Events"].as_mapping().unwrap() {
            if ev["Type"] != "HttpApi" {
                assert!(SCHEDULED.contains(&binary.as_str()), "{binary}: only scheduled functions have other events");
                continue;
            }
            let ev = &ev["Properties"];
            if ev.get("Path").is_none() && ev.get("Method").is_none() {
                assert_eq!(binary, METHOD_NOT_ALLOWED, "only the 404 answer serves $default");
                continue;
            }
            let (method, path) = (ev["Method"].as_str().unwrap(), ev["Path"].as_str().unwrap().to_string());
            // API Gateway prefers a route's own method over ANY, so ANY means "the rest".
            let methods: Vec<&str> = if method == "ANY" { METHODS.to_vec() } else { vec![method] };
            for m in methods {
                if method != "ANY" || !ROUTES.iter().any(|(rm, rp, _)| *rm == m && *rp == path) {
                    deployed.insert((m.to_string(), path.clone(), binary.clone()));
                }
            }
        }
        names.insert(binary);
    }
    assert_eq!(names, packages, "every package under functions/ is deployed, and nothing else");
    assert_eq!(deployed, expected_routes(), "API Gateway routes equal the local router");
    let g = &t["Globals"]["Function"];
    assert_eq!(g["Runtime"], "provided.al2023");
    assert_eq!(g["Architectures"][0], "arm64");
    assert_eq!(g["LoggingConfig"]["LogFormat"], "JSON");
    assert!(g["Timeout"].as_u64().unwrap() < 30, "inside API Gateway's 30 s");
}

#[test]
fn policies_are_least_privilege() {
    let t = template();
    for (name, f) in functions(&t) {
        let method = f["Properties"]["Events"]["Route"]["Properties"]["Method"].as_str().unwrap_or("ANY").to_string();
        for p in f["Properties"]["Policies"].as_sequence().into_iter().flatten() {
            if p.get("DynamoDBCrudPolicy").is_some() {
                assert_ne!(method, "GET", "{name}: a read route must not get CRUD");
            }
            for st in p["Statement"].as_sequence().into_iter().flatten() {
                let actions: Vec<String> = st["Action"].as_sequence().unwrap().iter().map(tagless).collect();
                for a in &actions {
                    assert!(!a.contains('*'), "{name}: wildcard action {a}");
                }
                let res = tagless(&st["Resource"]);
                assert!(!res.is_empty() && res != "*", "{name}: wildcard resource");
                if actions.iter().any(|a| a.starts_with("secretsmanager:")) {
                    assert!(res.contains("${SecretPrefix}/") || res == "AdminTokenSecret" || res == "CursorSecret", "{name}: secrets outside the prefix: {res}");
                }
            }
        }
    }
    let table = &t["Resources"]["Table"]["Properties"];
    assert_eq!(table["BillingMode"], "PAY_PER_REQUEST");
    assert_eq!(table["TimeToLiveSpecification"]["AttributeName"], "expires_at");
    assert_eq!(table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"], true);
    assert!(t["Resources"]["AdminTokenSecret"]["Properties"]["GenerateSecretString"].is_mapping());
    // Nothing a stack update or delete does can drop the data or the secrets.
    assert_eq!(table["DeletionProtectionEnabled"], true);
    for resource in ["Table", "AdminTokenSecret", "CursorSecret"] {
        assert_eq!(t["Resources"][resource]["DeletionPolicy"], "Retain", "{resource}");
        assert_eq!(t["Resources"][resource]["UpdateReplacePolicy"], "Retain", "{resource}");
    }
}

fn resource_of(function: &str, raw: &str) -> Resource {
    match raw {
        "Table.Arn" => Resource::Table,
        "AdminTokenSecret" => Resource::AdminToken,
        "CursorSecret" => Resource::CursorSecret,
        "SyncQueue.Arn" => Resource::SyncQueue,
        r if r.ends_with(":secret:${SecretPrefix}/tenants/*/litmos-api-key*") => Resource::LitmosKeys,
        r if r.ends_with(":secret:${SecretPrefix}/tenants/*/servicenow/*") => Resource::ServiceNowKeys,
        other => panic!("{function}: a grant on an unknown resource: {other}"),
    }
}

/// Issue 7.5: each function's policy grants exactly the actions listed beside its code
/// (`shared/api/src/permissions.rs`): nothing outside the list, nothing missing.
#[test]
fn policies_grant_exactly_the_listed_actions() {
    let t = template();
    let mut seen = BTreeSet::new();
    for (_, f) in functions(&t) {
        let binary = f["Metadata"]["BuildProperties"]["Binary"].as_str().unwrap().to_string();
        let mut granted = BTreeSet::new();
        for p in f["Properties"]["Policies"].as_sequence().into_iter().flatten() {
            assert!(p.get("Statement").is_some(), "{binary}: only explicit statements (no policy templates)");
            for st in p["Statement"].as_sequence().unwrap() {
                assert_eq!(st["Effect"], "Allow");
                let res = resource_of(&binary, &tagless(&st["Resource"]));
                for a in st["Action"].as_sequence().unwrap() {
                    granted.insert((res, tagless(a)));
                }
            }
        }
        let listed: BTreeSet<(Resource, String)> = litmos_api::permissions::grants(&binary)
            .unwrap_or_else(|| panic!("{binary} has no entry in permissions.rs"))
            .iter()
            .flat_map(|(r, actions)| actions.iter().map(move |a| (*r, a.to_string())))
            .collect();
        let extra: Vec<_> = granted.difference(&listed).collect();
        let missing: Vec<_> = listed.difference(&granted).collect();
        assert!(extra.is_empty() && missing.is_empty(), "{binary}: granted but not listed {extra:?}; listed but not granted {missing:?}");
        seen.insert(binary);
    }
    let listed: BTreeSet<String> = PERMISSIONS.iter().map(|(f, _)| f.to_string()).filter(|f| root().join("functions").join(f).exists()).collect();
    assert_eq!(seen, listed, "every function has a list and every list a function");
}

/// The secret patterns the policies grant match the names the code gives secrets.
#[test]
fn secret_names_fall_under_the_granted_patterns() {
    let names = litmos_domain::ports::SecretNames { prefix: "P".into() };
    let glob = |pattern: &str, name: &str| {
        let (head, tail) = pattern.split_once('*').unwrap();
        let (mid, rest) = tail.split_once('*').unwrap_or((tail, ""));
        name.starts_with(head) && name[head.len()..].contains(mid) && (rest.is_empty() || name.ends_with(rest))
    };
    assert!(glob("P/tenants/*/litmos-api-key*", &names.litmos_key("acme")));
    let key = litmos_domain::keys::hash(&litmos_domain::keys::generate());
    assert!(glob("P/tenants/*/servicenow/*", &names.servicenow_key("acme", &key)));
    assert!(!glob("P/tenants/*/servicenow/*", &names.litmos_key("acme")));
}

/// Issue 8.6: what an operator needs: tracing, bounded log retention for every
/// function, an errors and a throttles alarm for every function, a 5xx-rate and a
/// Litmos-failure alarm, all notifying the topic parameter.
#[test]
fn operations_are_in_the_template() {
    let t = template();
    assert_eq!(t["Globals"]["Function"]["Tracing"], "Active");
    let resources = t["Resources"].as_mapping().unwrap();
    let kind = |name: &str| resources.get(name).map(|r| r["Type"].as_str().unwrap_or("").to_string());
    for (name, _) in functions(&t) {
        let base = name.trim_end_matches("Function");
        assert_eq!(kind(&format!("{base}Logs")).as_deref(), Some("AWS::Logs::LogGroup"), "{name}: log group");
        assert_eq!(kind(&format!("{base}ErrorsAlarm")).as_deref(), Some("AWS::CloudWatch::Alarm"), "{name}: errors alarm");
        assert_eq!(kind(&format!("{base}ThrottlesAlarm")).as_deref(), Some("AWS::CloudWatch::Alarm"), "{name}: throttles alarm");
        let group = &t["Resources"][format!("{base}Logs").as_str()]["Properties"];
        let binary = f_binary(&t, &name);
        assert!(tagless(&group["LogGroupName"]).ends_with(&format!("-{binary}")), "{name}: the group Lambda writes to");
        assert_eq!(tagless(&group["RetentionInDays"]), "LogRetentionDays", "{name}: retention from the parameter");
    }
    assert_eq!(t["Resources"]["SyncProgressFunction"]["Properties"]["ReservedConcurrentExecutions"], 1, "one sync run at a time");
    for alarm in ["Api5xxAlarm", "LitmosErrorsAlarm", "LitmosBudgetSpentAlarm"] {
        assert_eq!(kind(alarm).as_deref(), Some("AWS::CloudWatch::Alarm"), "{alarm}");
    }
    for (name, r) in resources {
        if r["Type"] == "AWS::CloudWatch::Alarm" {
            assert!(!r["Properties"]["AlarmActions"].is_null(), "{name:?} notifies the topic");
        }
    }
}

fn f_binary(t: &Value, resource: &str) -> String {
    t["Resources"][resource]["Metadata"]["BuildProperties"]["Binary"].as_str().unwrap().to_string()
}

/// Issue 19.2: each ServiceNow key and each client address has its own share at the
/// edge, the API refuses what did not pass the edge, and the webhook and the sync worker
/// have reserved (so capped) concurrency.
#[test]
fn the_edge_gives_each_key_and_address_its_own_share() {
    let t = template();
    let r = &t["Resources"];
    let rules = r["EdgeWebAcl"]["Properties"]["Rules"].as_sequence().expect("the web ACL's rules");
    let keyed = |rule: &Value| {
        let s = &rule["Statement"]["RateBasedStatement"];
        (tagless(&s["AggregateKeyType"]), s["CustomKeys"][0]["Header"]["Name"].as_str().map(str::to_string), s["EvaluationWindowSec"].as_u64().unwrap_or(0).to_string())
    };
    assert_eq!(keyed(&rules[0]), ("CUSTOM_KEYS".into(), Some("authorization".into()), "60".into()), "one share per ServiceNow key");
    assert_eq!(keyed(&rules[1]), ("IP".into(), None, "60".into()), "one share per client address");
    assert!(rules[2]["Statement"]["RateBasedStatement"]["CustomKeys"][0]["UriPath"].is_mapping(), "one share per webhook URL (Litmos sends every tenant's from the same addresses)");
    for rule in rules {
        assert_eq!(rule["Action"]["Block"]["CustomResponse"]["ResponseCode"].as_u64(), Some(429));
    }
    // The web ACL for stacks outside us-east-1 has the same rules.
    let separate: Value = serde_yaml_ng::from_str(&std::fs::read_to_string(root().join("infra/edge-waf.yaml")).unwrap()).unwrap();
    assert_eq!(separate["Resources"]["EdgeWebAcl"]["Properties"]["Rules"], r["EdgeWebAcl"]["Properties"]["Rules"], "infra/edge-waf.yaml and template.yaml must keep the same rules");
    // CloudFront sends the origin secret; every function checks it (Globals).
    let origin = &r["Edge"]["Properties"]["DistributionConfig"]["Origins"][0];
    assert_eq!(origin["OriginCustomHeaders"][0]["HeaderName"].as_str(), Some("X-Origin-Verify"));
    assert!(tagless(&t["Globals"]["Function"]["Environment"]["Variables"]["ORIGIN_VERIFY"]).contains("OriginVerifySecret"));
    let behaviour = &r["Edge"]["Properties"]["DistributionConfig"]["DefaultCacheBehavior"];
    assert_eq!(behaviour["CachePolicyId"].as_str(), Some("4135ea2d-6df8-44a3-9df3-4b5a84be39ad"), "nothing is cached at the edge");
    // Concurrency per class: the webhook and the sync worker are reserved and capped.
    assert!(tagless(&r["ReceiveLitmosWebhookFunction"]["Properties"]["ReservedConcurrentExecutions"]).contains("WebhookConcurrency"));
    assert!(tagless(&r["SyncWorkerFunction"]["Properties"]["ReservedConcurrentExecutions"]).contains("SyncMaxConcurrency"));
}
