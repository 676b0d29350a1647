//! Which Litmos base URLs a tenant may use (SPEC 3.5). The URL is parsed, never
//! prefix-matched: `https` on one of Litmos' API hosts by default, plus whatever the
//! deployment allows in `LITMOS_ALLOWED_HOSTS`. Link-local, metadata and private
//! addresses are refused even when listed; loopback only through an explicit entry.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use url::{Host, Url};

use crate::Error;

/// Litmos' API hosts: US, EU and APAC.
pub const LITMOS_HOSTS: [&str; 3] = ["api.litmos.com", "api.litmoseu.com", "api.litmos.com.au"];
const API_PATH: &str = "/v1.svc";
const FIELD_HINT: &str = "must be https://api.litmos.com/v1.svc, https://api.litmoseu.com/v1.svc or https://api.litmos.com.au/v1.svc";

/// Host names that name a cloud metadata service.
const METADATA_NAMES: [&str; 3] = ["metadata.google.internal", "metadata", "instance-data"];

#[derive(Clone, Debug, PartialEq, Eq)]
enum Port {
    /// The scheme's default port, written or not.
    Default,
    Exact(u16),
    Any,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Allowed {
    scheme: String,
    host: String,
    port: Port,
}

/// The allow-list of Litmos API origins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LitmosHosts {
    allowed: Vec<Allowed>,
}

impl Default for LitmosHosts {
    fn default() -> Self {
        let allowed = LITMOS_HOSTS.iter().map(|h| Allowed { scheme: "https".into(), host: (*h).into(), port: Port::Default }).collect();
        LitmosHosts { allowed }
    }
}

impl LitmosHosts {
    /// Litmos' own hosts plus `extra`: comma-separated `scheme://host[:port]` entries,
    /// `*` as the port for any port. The error says which entry is wrong and why.
    pub fn with_extra(extra: &str) -> Result<Self, String> {
        let mut hosts = LitmosHosts::default();
        for entry in extra.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            hosts.allowed.push(parse_entry(entry)?);
        }
        Ok(hosts)
    }

    /// The canonical base URL (`scheme://host[:port]/v1.svc`) when `v` is allowed;
    /// otherwise a 400 naming `field`. Nothing is resolved or called.
    pub fn check(&self, field: &str, v: &str) -> Result<String, Error> {
        let refuse = |why: &str| Error::invalid(field, format!("{FIELD_HINT} ({why})"));
        let v = v.trim();
        if v.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(refuse("no spaces or control characters"));
        }
        let url = Url::parse(v).map_err(|_| refuse("not a URL"))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(refuse("no user information"));
        }
        if url.query().is_some() || v.contains('?') {
            return Err(refuse("no query"));
        }
        if url.fragment().is_some() || v.contains('#') {
            return Err(refuse("no fragment"));
        }
        if url.path().trim_end_matches('/') != API_PATH {
            return Err(refuse("the path must be /v1.svc"));
        }
        let host = url.host().ok_or_else(|| refuse("no host"))?;
        let (host_text, ip) = match &host {
            Host::Domain(d) => (d.to_ascii_lowercase(), None),
            Host::Ipv4(a) => (a.to_string(), Some(IpAddr::V4(*a))),
            Host::Ipv6(a) => (format!("[{a}]"), Some(IpAddr::V6(*a))),
        };
        if let Some(ip) = ip
            && never_allowed(ip)
        {
            return Err(refuse("a link-local, metadata or private address is never allowed"));
        }
        if METADATA_NAMES.contains(&host_text.as_str()) {
            return Err(refuse("a metadata host is never allowed"));
        }
        let scheme = url.scheme();
        let port = url.port();
        let allowed = self.allowed.iter().any(|a| {
            a.scheme == scheme
                && a.host == host_text
                && match a.port {
                    Port::Any => true,
                    Port::Default => port.is_none(),
                    Port::Exact(p) => url.port_or_known_default() == Some(p),
                }
        });
        if !allowed {
            return Err(refuse("this host is not allowed"));
        }
        Ok(match port {
            Some(p) => format!("{scheme}://{host_text}:{p}{API_PATH}"),
            None => format!("{scheme}://{host_text}{API_PATH}"),
        })
    }
}

fn parse_entry(entry: &str) -> Result<Allowed, String> {
    let bad = |why: &str| format!("'{entry}': {why}; expected scheme://host[:port] with port a number or *");
    let (written, any_port) = match entry.strip_suffix(":*") {
        Some(rest) => (rest, true),
        None => (entry, false),
    };
    // Parsed the way a base URL's host is parsed, so the two compare equal.
    let url = Url::parse(written).map_err(|_| bad("not a URL origin"))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(bad("the scheme must be http or https"));
    }
    if url.path() != "/" || written.ends_with('/') || !url.username().is_empty() || url.password().is_some() || url.query().is_some() || url.fragment().is_some() {
        return Err(bad("only a scheme, a host and a port"));
    }
    let host = match url.host().ok_or_else(|| bad("no host"))? {
        Host::Domain(d) => {
            let d = d.to_ascii_lowercase();
            if METADATA_NAMES.contains(&d.as_str()) {
                return Err(bad("a metadata host is never allowed"));
            }
            d
        }
        Host::Ipv4(a) if never_allowed(IpAddr::V4(a)) => return Err(bad("a link-local, metadata or private address is never allowed")),
        Host::Ipv6(a) if never_allowed(IpAddr::V6(a)) => return Err(bad("a link-local, metadata or private address is never allowed")),
        Host::Ipv4(a) => a.to_string(),
        Host::Ipv6(a) => format!("[{a}]"),
    };
    let port = match (any_port, url.port()) {
        (true, _) => Port::Any,
        (false, Some(p)) => Port::Exact(p),
        (false, None) => Port::Default,
    };
    Ok(Allowed { scheme: url.scheme().to_string(), host, port })
}

/// Addresses no Litmos base URL may name, whatever the deployment allows: unspecified,
/// link-local (and so every cloud metadata address), private, shared (CGNAT),
/// unique-local, multicast, broadcast and documentation ranges. Loopback is not here:
/// it is allowed only by an explicit `LITMOS_ALLOWED_HOSTS` entry.
pub fn never_allowed(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(a) => v4_never(a),
        IpAddr::V6(a) => {
            if let Some(v4) = a.to_ipv4_mapped() {
                return v4_never(v4);
            }
            let s = a.segments();
            a.is_unspecified()
                || a.is_multicast()
                || (s[0] & 0xffc0) == 0xfe80 // link-local fe80::/10
                || (s[0] & 0xfe00) == 0xfc00 // unique local fc00::/7 (incl. AWS fd00:ec2::254)
                || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
                || (s[0] == 0x0064 && s[1] == 0xff9b) // NAT64 of any IPv4
        }
    }
}

fn v4_never(a: Ipv4Addr) -> bool {
    let o = a.octets();
    a.is_unspecified()
        || a.is_private()
        || a.is_link_local()
        || a.is_broadcast()
        || a.is_multicast()
        || a.is_documentation()
        || o[0] == 0
        || (o[0] == 100 && (o[1] & 0xc0) == 64) // shared address space 100.64.0.0/10
        || (o[0] == 192 && o[1] == 0 && o[2] == 0) // IETF protocol assignments
        || o[0] >= 240 // reserved
}

/// Loopback, for callers that want to say so in a message.
pub fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(a) => a.is_loopback(),
        IpAddr::V6(a) => a == Ipv6Addr::LOCALHOST || a.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local() -> LitmosHosts {
        LitmosHosts::with_extra("http://127.0.0.1:*").unwrap()
    }

    #[test]
    fn litmos_hosts_are_allowed_by_default() {
        let h = LitmosHosts::default();
        assert_eq!(h.check("u", "https://api.litmos.com/v1.svc/").unwrap(), "https://api.litmos.com/v1.svc");
        assert_eq!(h.check("u", "https://API.litmoseu.com/v1.svc").unwrap(), "https://api.litmoseu.com/v1.svc");
        assert_eq!(h.check("u", "https://api.litmos.com.au:443/v1.svc").unwrap(), "https://api.litmos.com.au/v1.svc");
    }

    #[test]
    fn everything_else_is_refused_naming_the_field() {
        let h = local();
        for bad in [
            "http://api.litmos.com/v1.svc",
            "https://api.litmos.com:8443/v1.svc",
            "https://api.litmos.com/v1.svc?x=1",
            "https://api.litmos.com/v1.svc?",
            "https://api.litmos.com/v1.svc#frag",
            "https://api.litmos.com/v2.svc",
            "https://api.litmos.com/",
            "https://api.litmos.com/v1.svc/users",
            "https://user:pw@api.litmos.com/v1.svc",
            "http://localhost@169.254.169.254/v1.svc",
            "https://api.litmos.com@evil.example/v1.svc",
            "https://api.litmos.com.evil.example/v1.svc",
            "https://evil.example/v1.svc",
            "ftp://api.litmos.com/v1.svc",
            "file:///v1.svc",
            "http://localhost:9100/v1.svc",
            "http://[::1]:9100/v1.svc",
            "https://127.0.0.1/v1.svc",
            "api.litmos.com/v1.svc",
            "https://api.litmos.com/v1 .svc",
            "",
        ] {
            match h.check("litmos.base_url", bad) {
                Err(Error::Invalid { field, .. }) => assert_eq!(field, "litmos.base_url", "{bad}"),
                other => panic!("{bad:?} was not refused: {other:?}"),
            }
        }
    }

    #[test]
    fn the_local_entry_allows_loopback_on_any_port_only() {
        let h = local();
        assert_eq!(h.check("u", "http://127.0.0.1:9100/v1.svc").unwrap(), "http://127.0.0.1:9100/v1.svc");
        assert!(h.check("u", "http://127.0.0.1/v1.svc").is_ok());
        assert!(h.check("u", "http://127.0.0.2:9100/v1.svc").is_err());
        // Without the entry, loopback is refused like any other host.
        assert!(LitmosHosts::default().check("u", "http://127.0.0.1:9100/v1.svc").is_err());
        // Other spellings of an address are parsed, not prefix-matched.
        assert_eq!(h.check("u", "http://2130706433:9100/v1.svc").unwrap(), "http://127.0.0.1:9100/v1.svc");
    }

    #[test]
    fn exact_ports_and_default_ports() {
        let h = LitmosHosts::with_extra("https://litmos.internal.example:8443, https://proxy.example").unwrap();
        assert!(h.check("u", "https://litmos.internal.example:8443/v1.svc").is_ok());
        assert!(h.check("u", "https://litmos.internal.example/v1.svc").is_err());
        assert!(h.check("u", "https://proxy.example/v1.svc").is_ok());
        assert!(h.check("u", "https://proxy.example:444/v1.svc").is_err());
        assert!(h.check("u", "http://proxy.example/v1.svc").is_err());
    }

    #[test]
    fn private_link_local_and_metadata_addresses_are_never_allowed() {
        for entry in [
            "http://169.254.169.254",
            "http://169.254.170.2:*",
            "http://10.0.0.5:*",
            "http://172.16.1.1",
            "http://172.31.255.255",
            "http://192.168.0.1:8080",
            "http://100.64.0.1",
            "http://0.0.0.0:*",
            "http://[fe80::1]:*",
            "http://[fd00:ec2::254]",
            "http://[::ffff:169.254.169.254]",
            "http://metadata.google.internal",
            "http://224.0.0.1",
        ] {
            assert!(LitmosHosts::with_extra(entry).is_err(), "{entry} was accepted as an allowed host");
        }
        // Even a hostname entry cannot let a URL through that names such an address.
        let h = local();
        for bad in ["http://169.254.169.254/v1.svc", "http://10.1.2.3:80/v1.svc", "http://[fe80::1]/v1.svc", "http://0251.0376.0251.0376/v1.svc"] {
            assert!(h.check("u", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_ranges() {
        for ip in [
            "169.254.169.254",
            "10.255.0.1",
            "172.16.0.1",
            "192.168.1.1",
            "100.100.100.200",
            "0.0.0.0",
            "255.255.255.255",
            "fe80::1",
            "fc00::1",
            "fd00:ec2::254",
            "::",
            "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe",
        ] {
            assert!(never_allowed(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["127.0.0.1", "::1", "8.8.8.8", "52.1.2.3", "172.32.0.1", "2600:1f18::1"] {
            assert!(!never_allowed(ip.parse().unwrap()), "{ip}");
        }
        assert!(is_loopback("127.0.0.1".parse().unwrap()) && is_loopback("::1".parse().unwrap()));
    }

    #[test]
    fn malformed_entries_say_which() {
        let err = LitmosHosts::with_extra("https://ok.example, 127.0.0.1:9100").unwrap_err();
        assert!(err.contains("127.0.0.1:9100"), "{err}");
        assert!(LitmosHosts::with_extra("https://x.example:port").is_err());
        assert!(LitmosHosts::with_extra("https://x.example/path").is_err());
        assert_eq!(LitmosHosts::with_extra(" ").unwrap(), LitmosHosts::default());
    }
}
