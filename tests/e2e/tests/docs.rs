//! The docs against the code (no stack needed): README.md and docs/*.md link only to
//! files and headings that exist, name only make targets the Makefile has and routes
//! `ROUTES` has, and docs/api.md names every route of `ROUTES`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use litmos_api::routes::{ROUTES, matches};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// README.md and every page of docs/.
fn pages() -> Vec<(PathBuf, String)> {
    let mut paths = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs")).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "md")).collect();
    docs.sort();
    paths.extend(docs);
    paths.into_iter().map(|p| (p.clone(), std::fs::read_to_string(&p).unwrap())).collect()
}

fn name(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

/// The page without its fenced code blocks (links there are not links).
fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// Targets of inline Markdown links and images: `[text](target)`.
fn link_targets(text: &str) -> Vec<String> {
    let prose = prose(text);
    let mut out = Vec::new();
    let mut rest = prose.as_str();
    while let Some(i) = rest.find("](") {
        rest = &rest[i + 2..];
        if let Some(end) = rest.find(')') {
            let target = rest[..end].split_whitespace().next().unwrap_or("").to_string();
            out.push(target);
            rest = &rest[end..];
        }
    }
    out
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Every anchor a Markdown file offers (repeated headings get -1, -2, ... as on GitHub).
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for line in prose(text).lines() {
        let t = line.trim_start();
        if !t.starts_with('#') {
            continue;
        }
        let heading = t.trim_start_matches('#');
        if !heading.starts_with(' ') {
            continue;
        }
        let base = slug(heading);
        let mut s = base.clone();
        let mut n = 0;
        while seen.contains(&s) {
            n += 1;
            s = format!("{base}-{n}");
        }
        seen.insert(s);
    }
    seen
}

#[test]
fn relative_links_lead_to_files_and_headings_that_exist() {
    let mut dead = Vec::new();
    let mut checked = 0;
    for (path, text) in pages() {
        let dir = path.parent().unwrap();
        for target in link_targets(&text) {
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            checked += 1;
            let (file, anchor) = match target.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (target.as_str(), None),
            };
            let linked = if file.is_empty() { path.clone() } else { dir.join(file) };
            if !linked.exists() {
                dead.push(format!("{}: {target} (no such file)", name(&path)));
                continue;
            }
            if let Some(anchor) = anchor
                && linked.extension().is_some_and(|x| x == "md")
                && !anchors(&std::fs::read_to_string(&linked).unwrap()).contains(anchor)
            {
                dead.push(format!("{}: {target} (no such heading in {})", name(&path), name(&linked)));
            }
        }
    }
    assert!(checked > 20, "the pages link to each other ({checked} links seen)");
    assert!(dead.is_empty(), "dead links:\n{}", dead.join("\n"));
}

/// The Makefile's targets: `name:` at the start of a line.
fn make_targets() -> BTreeSet<String> {
    std::fs::read_to_string(root().join("Makefile"))
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once(':').map(|(t, _)| t))
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'))
        .map(str::to_string)
        .collect()
}

/// `make <target>` wherever a page names one: inline code that is a make command
/// (`make test`), and a code block's line that starts with one.
fn named_make_targets(text: &str) -> Vec<String> {
    let target = |w: &str| {
        let t = w.trim_end_matches([',', ';', ')', '.']);
        (!t.is_empty() && t.chars().all(|c| c.is_ascii_lowercase() || c == '-' || c == '_')).then(|| t.to_string())
    };
    let mut out = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            if let Some(t) = line.trim_start().strip_prefix("make ").and_then(|rest| rest.split_whitespace().next()).and_then(target) {
                out.push(t);
            }
            continue;
        }
        for span in line.split('`').skip(1).step_by(2) {
            out.extend(span.trim_start().strip_prefix("make ").and_then(|rest| rest.split_whitespace().next()).and_then(target));
        }
    }
    out
}

#[test]
fn every_make_target_the_docs_name_exists() {
    let targets = make_targets();
    assert!(targets.contains("test") && targets.contains("dev"), "{targets:?}");
    let mut missing = Vec::new();
    let mut named = BTreeSet::new();
    for (path, text) in pages() {
        for t in named_make_targets(&text) {
            if !targets.contains(&t) {
                missing.push(format!("{}: make {t}", name(&path)));
            }
            named.insert(t);
        }
    }
    assert!(missing.is_empty(), "make targets the Makefile does not have:\n{}", missing.join("\n"));
    // CI calls `make test`; the README must keep saying so.
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(readme.contains("make test") && readme.contains("make dev"), "the README names the two commands");
    assert!(named.contains("screenshot"), "the console's pictures say how they are retaken");
}

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "DELETE", "PATCH"];

/// `METHOD /path` wherever a page writes one of this API's paths (`/v1/...`, `/admin`),
/// the query cut off; Litmos' own paths (`GET /v1.svc/achievements`) are not ours.
fn named_routes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == '`' || c == '|' || c == '"' || c == '(').filter(|w| !w.is_empty()).collect();
    for w in words.windows(2) {
        if METHODS.contains(&w[0]) {
            let path = w[1].split('?').next().unwrap().trim_end_matches([',', ';', ')', '.', ':']);
            if path.starts_with("/v1/") || path == "/admin" || path.starts_with("/admin/") {
                out.push((w[0].to_string(), path.to_string()));
            }
        }
    }
    out
}

#[test]
fn every_route_the_docs_name_exists() {
    let mut unknown = Vec::new();
    for (path, text) in pages() {
        for (method, route) in named_routes(&text) {
            let known = ROUTES.iter().any(|(m, p, _)| *m == method && (*p == route || matches(p, &route)));
            if !known {
                unknown.push(format!("{}: {method} {route}", name(&path)));
            }
        }
    }
    assert!(unknown.is_empty(), "routes the code does not have:\n{}", unknown.join("\n"));
}

#[test]
fn api_md_names_every_route() {
    let api = std::fs::read_to_string(root().join("docs/api.md")).unwrap();
    let named: BTreeSet<(String, String)> = named_routes(&api).into_iter().collect();
    let missing: Vec<String> = ROUTES.iter().filter(|(m, p, _)| !named.contains(&(m.to_string(), p.to_string()))).map(|(m, p, _)| format!("{m} {p}")).collect();
    assert!(missing.is_empty(), "routes missing from docs/api.md:\n{}", missing.join("\n"));
}

#[test]
fn the_checks_themselves_find_what_they_look_for() {
    assert_eq!(slug("4. Rotate the key"), "4-rotate-the-key");
    assert_eq!(slug("Admin API (the Litmos Account Owner's side): `Authorization: Bearer $ADMIN`"), "admin-api-the-litmos-account-owners-side-authorization-bearer-admin");
    assert_eq!(link_targets("see [a](b.md#c) and ![x](i.png)\n```\n[no](link)\n```"), ["b.md#c", "i.png"]);
    assert_eq!(named_routes("| `GET /v1/admin/tenants?limit=` | x | GET /achievements"), [("GET".to_string(), "/v1/admin/tenants".to_string())]);
    assert_eq!(named_make_targets("run `make test`, then\n```sh\nmake dev   # x\n```"), ["test", "dev"]);
    assert!(named_make_targets("make the double send, `Please make sure`").is_empty(), "prose is not a target");
}
