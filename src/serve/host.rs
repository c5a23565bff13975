//! Which host names the preview answers to. A browser sends the name in its address bar as
//! `Host`; a page of another site can point its own name at 127.0.0.1 (DNS rebinding) and then
//! read the preview, build problems included, as a page of its own. So a request is answered
//! only when it names this computer by `localhost`, a loopback address or the address the
//! server was bound to, with the server's port. Bound to every address (`--address 0.0.0.0` or
//! `::`), any IP address is accepted, since other devices reach the preview by this computer's
//! address; a name other than `localhost` never is (open the preview by address).

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

/// The names and port a request must carry.
#[derive(Debug, Clone, Copy)]
pub struct Hosts {
    bound: IpAddr,
    port: u16,
}

impl Hosts {
    /// For a server listening on `bound` (the port actually bound, not 0).
    pub fn new(bound: SocketAddr) -> Hosts {
        Hosts {
            bound: bound.ip(),
            port: bound.port(),
        }
    }

    /// Whether `authority` (a `Host` value, or the authority of an absolute request target)
    /// names this server. Without a port it means port 80, as in a browser.
    pub fn allows(&self, authority: &str) -> bool {
        let Some((name, port)) = split(authority) else {
            return false;
        };
        if port.unwrap_or(80) != self.port {
            return false;
        }
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        match name.parse::<IpAddr>() {
            Ok(ip) => ip.is_loopback() || ip == self.bound || self.bound.is_unspecified(),
            Err(_) => false,
        }
    }
}

/// The name (an IPv6 address without its brackets) and port of `host[:port]`; `None` if it is
/// not of that form.
fn split(authority: &str) -> Option<(&str, Option<u16>)> {
    let (name, rest) = match authority.strip_prefix('[') {
        Some(bracketed) => {
            let (ip, rest) = bracketed.split_once(']')?;
            ip.parse::<Ipv6Addr>().ok()?;
            (ip, rest)
        }
        None => authority.split_at(authority.find(':').unwrap_or(authority.len())),
    };
    let port = if rest.is_empty() {
        None
    } else {
        let digits = rest.strip_prefix(':')?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(digits.parse().ok()?)
    };
    (!name.is_empty()).then_some((name, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(bound: &str) -> Hosts {
        Hosts::new(bound.parse().unwrap())
    }

    #[test]
    fn loopback_names_with_the_port_are_allowed() {
        let hosts = hosts("127.0.0.1:8080");
        for host in [
            "127.0.0.1:8080",
            "localhost:8080",
            "LOCALHOST:8080",
            "[::1]:8080",
        ] {
            assert!(hosts.allows(host), "{host}");
        }
    }

    #[test]
    fn other_names_ports_and_malformed_hosts_are_refused() {
        let hosts = hosts("127.0.0.1:8080");
        for host in [
            "evil.example:8080",
            "evil.example",
            "127.0.0.1.evil.example:8080",
            "localhost.evil.example:8080",
            "localhost:8081",
            "localhost",
            "127.0.0.1",
            "127.0.0.1:8080@evil.example",
            "127.0.0.1:+8080",
            "127.0.0.1:",
            "[localhost]:8080",
            "[::1:8080",
            "::1:8080",
            ":8080",
            "192.168.1.20:8080",
            "",
        ] {
            assert!(!hosts.allows(host), "{host}");
        }
    }

    #[test]
    fn the_bound_address_is_allowed_and_every_address_when_bound_to_all() {
        assert!(hosts("192.168.1.20:8080").allows("192.168.1.20:8080"));
        assert!(!hosts("192.168.1.20:8080").allows("192.168.1.21:8080"));
        let all = hosts("0.0.0.0:8080");
        assert!(all.allows("192.168.1.21:8080") && all.allows("[fe80::1]:8080"));
        assert!(!all.allows("my-laptop.local:8080") && !all.allows("192.168.1.21:80"));
        assert!(hosts("127.0.0.1:80").allows("localhost"));
    }
}
