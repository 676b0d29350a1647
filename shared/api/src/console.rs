//! `GET /admin` and `GET /admin/{asset}`: the admin console (issue 10), a page that uses
//! only the admin API. Its files (the page, its style sheet and its script as a few ES
//! modules, loaded with no build step) are compiled in; nothing is fetched at run time,
//! and the headers keep the page to its own origin: no inline script or style, no
//! framing, no referrer.

use lambda_http::http::{Method, StatusCode};
use lambda_http::{Body, Request, Response};

use crate::http::raw_path;
use crate::openapi::refuse_unless_plain_get;
use crate::problem::problem;

/// Path, content type, bytes.
pub const ASSETS: &[(&str, &str, &[u8])] = &[
    ("/admin", "text/html; charset=utf-8", include_bytes!("../console/index.html")),
    ("/admin/console.js", "text/javascript; charset=utf-8", include_bytes!("../console/console.js")),
    ("/admin/api.js", "text/javascript; charset=utf-8", include_bytes!("../console/api.js")),
    ("/admin/ui.js", "text/javascript; charset=utf-8", include_bytes!("../console/ui.js")),
    ("/admin/tenants.js", "text/javascript; charset=utf-8", include_bytes!("../console/tenants.js")),
    ("/admin/keys.js", "text/javascript; charset=utf-8", include_bytes!("../console/keys.js")),
    ("/admin/report.js", "text/javascript; charset=utf-8", include_bytes!("../console/report.js")),
    ("/admin/chart.js", "text/javascript; charset=utf-8", include_bytes!("../console/chart.js")),
    ("/admin/recommend.js", "text/javascript; charset=utf-8", include_bytes!("../console/recommend.js")),
    ("/admin/rules.js", "text/javascript; charset=utf-8", include_bytes!("../console/rules.js")),
    ("/admin/console.css", "text/css; charset=utf-8", include_bytes!("../console/console.css")),
];

pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

pub async fn serve<S>(_state: S, req: Request) -> Response<Body> {
    if let Some(refused) = refuse_unless_plain_get(&req) {
        return refused;
    }
    let path = raw_path(&req).trim_end_matches('/');
    let Some((_, content_type, bytes)) = ASSETS.iter().find(|(p, _, _)| *p == path) else {
        return problem(StatusCode::NOT_FOUND, "not-found", "Not found", "No such file in the admin console.", None);
    };
    let body = if req.method() == Method::HEAD { Body::Empty } else { Body::Binary(bytes.to_vec()) };
    Response::builder()
        .status(StatusCode::OK)
        .header("content-type", *content_type)
        .header("content-security-policy", CONTENT_SECURITY_POLICY)
        .header("x-content-type-options", "nosniff")
        .header("referrer-policy", "no-referrer")
        .header("x-frame-options", "DENY")
        // The files change with each deployment: revalidate rather than serve a stale page.
        .header("cache-control", "no-cache")
        .body(body)
        .expect("static response parts")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(path: &str) -> Request {
        lambda_http::http::Request::builder().method("GET").uri(path).body(Body::Empty).unwrap()
    }

    #[tokio::test]
    async fn the_page_and_its_assets_are_served_with_strict_headers() {
        for (path, content_type, bytes) in ASSETS {
            let r = serve((), get(path)).await;
            assert_eq!(r.status(), 200, "{path}");
            assert_eq!(r.headers()["content-type"], *content_type);
            let csp = r.headers()["content-security-policy"].to_str().unwrap();
            assert!(csp.starts_with("default-src 'self'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), "{csp}");
            assert_eq!(r.headers()["x-content-type-options"], "nosniff");
            assert_eq!(r.headers()["referrer-policy"], "no-referrer");
            assert_eq!(r.body().as_ref(), *bytes);
        }
    }

    #[tokio::test]
    async fn unknown_files_are_404_and_other_methods_405() {
        assert_eq!(serve((), get("/admin/secrets.txt")).await.status(), 404);
        assert_eq!(serve((), get("/admin/../v1/openapi.json")).await.status(), 404);
        let post = lambda_http::http::Request::builder().method("POST").uri("/admin").body(Body::Empty).unwrap();
        assert_eq!(serve((), post).await.status(), 405);
        assert_eq!(serve((), get("/admin?token=x")).await.status(), 400);
    }

    #[test]
    fn the_page_loads_no_inline_script_and_nothing_from_another_host() {
        let html = std::str::from_utf8(ASSETS[0].2).unwrap();
        for inline in ["<script>", "onclick=", "style=\"", "<style"] {
            assert!(!html.contains(inline), "index.html has {inline}");
        }
        for external in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "@import"] {
            assert!(!html.contains(external), "index.html loads from another host: {external}");
        }
    }

    /// Every `import ... from './x.js'` of a module names a file served here, as a
    /// relative path on this origin; every module served is imported by another.
    #[test]
    fn every_module_imports_only_served_modules_of_this_origin() {
        let modules: Vec<(&str, &str)> = ASSETS
            .iter()
            .filter(|(p, _, _)| p.ends_with(".js"))
            .map(|(p, t, b)| {
                assert!(t.starts_with("text/javascript"), "{p} is served as {t}");
                (*p, std::str::from_utf8(b).unwrap())
            })
            .collect();
        let mut imported = std::collections::BTreeSet::from(["/admin/console.js".to_string()]);
        for (path, text) in &modules {
            assert!(!text.contains("import("), "{path}: no dynamic import");
            for line in text.lines().filter(|l| l.starts_with("import ")) {
                let spec = line.rsplit("from ").next().unwrap().trim().trim_matches('\'');
                let name = spec.strip_prefix("./").unwrap_or_else(|| panic!("{path} imports {spec}: only ./name.js of this folder"));
                assert!(!name.contains('/'), "{path} imports {spec}");
                let served = format!("/admin/{name}");
                assert!(modules.iter().any(|(p, _)| *p == served), "{path} imports {spec}, which is not served");
                imported.insert(served);
            }
        }
        let served: std::collections::BTreeSet<String> = modules.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(imported, served, "a served module nobody imports");
    }
}
