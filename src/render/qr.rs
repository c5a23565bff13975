//! QR codes as inline SVG, for the printed poster: a phone camera opens the school's site from
//! the information board. The `qrcode` crate encodes; drawing the modules is one SVG path.

use std::fmt::Write;

use qrcode::{Color, EcLevel, QrCode};

/// The four-module margin the QR standard requires around the symbol.
const QUIET_ZONE: usize = 4;

/// An SVG image of `text` as a QR code, labelled `label` for screen readers; `None` when the
/// text is too long for a QR code.
pub fn svg(text: &str, label: &str) -> Option<String> {
    // Level M survives a crumpled or partly covered print, and keeps a site address small.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let size = width + 2 * QUIET_ZONE;
    let mut path = String::new();
    for (index, color) in code.to_colors().into_iter().enumerate() {
        if color == Color::Dark {
            let (x, y) = (index % width + QUIET_ZONE, index / width + QUIET_ZONE);
            let _ = write!(path, "M{x} {y}h1v1h-1z");
        }
    }
    let label = crate::render::escape::escape_attribute(label);
    Some(format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         role=\"img\" aria-label=\"{label}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_symbol_has_its_quiet_zone_and_the_label() {
        let svg = svg("https://school.ru/help/osh/", "QR-код сайта").unwrap();
        // 27 bytes need version 3 at level M (it holds 42): 29 modules, plus 2 × 4 of margin.
        assert!(svg.contains("viewBox=\"0 0 37 37\""), "{svg}");
        assert!(svg.contains("aria-label=\"QR-код сайта\""));
        // Every symbol has its top-left finder pattern starting at the corner of the margin.
        assert!(svg.contains("d=\"M4 4h1v1h-1z"), "{svg}");
    }

    #[test]
    fn the_same_text_gives_the_same_image() {
        assert_eq!(svg("https://a.ru/", "x"), svg("https://a.ru/", "x"));
        assert_ne!(svg("https://a.ru/", "x"), svg("https://b.ru/", "x"));
    }
}
