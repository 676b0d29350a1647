//! One version for a release: the workspace, the ServiceNow app, the OpenAPI document and
//! the template's Serverless Application Repository metadata agree, and the changelog
//! has an entry for it (issue 21.4).

use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_backend_the_app_the_openapi_document_and_the_template_share_one_version() {
    let cargo: toml::Table = read("Cargo.toml").parse().unwrap();
    let version = cargo["workspace"]["package"]["version"].as_str().unwrap().to_string();
    assert_eq!(env!("CARGO_PKG_VERSION"), version, "this crate takes the workspace's version");
    let app: serde_json::Value = serde_json::from_str(&read("servicenow/package.json")).unwrap();
    assert_eq!(app["version"].as_str(), Some(version.as_str()), "servicenow/package.json");
    let openapi: serde_json::Value = serde_json::from_str(&read("shared/api/openapi.json")).unwrap();
    assert_eq!(openapi["info"]["version"].as_str(), Some(version.as_str()), "shared/api/openapi.json");
    let template: serde_yaml_ng::Value = serde_yaml_ng::from_str(&read("template.yaml")).unwrap();
    let sar = &template["Metadata"]["AWS::ServerlessRepo::Application"];
    assert_eq!(sar["SemanticVersion"].as_str(), Some(version.as_str()), "template.yaml");
    for field in ["Name", "Description", "Author", "ReadmeUrl"] {
        assert!(sar[field].as_str().is_some_and(|v| !v.is_empty()), "template.yaml: {field}");
    }
    assert!(root().join(sar["ReadmeUrl"].as_str().unwrap()).is_file(), "the readme it names exists");
    let changelog = read("CHANGELOG.md");
    assert!(changelog.lines().any(|l| l.starts_with(&format!("## {version} "))), "CHANGELOG.md has no entry for {version}");
}
