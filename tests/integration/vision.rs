//! The version for the visually impaired: on every page a toggle and a panel of real buttons,
//! and the script that applies the reader's settings loaded in <head> without `defer`, so that
//! they apply before the first paint. Its behaviour in a browser (every scheme and size through
//! axe-core, persistence, file://) is tests/browser/vision.mjs, run by `.ci/test`.

use crate::support::Project;

const SETTINGS: [(&str, &[&str]); 6] = [
    ("size", &["100", "150", "200"]),
    ("scheme", &["normal", "bw", "wb", "blue", "brown"]),
    ("images", &["on", "off"]),
    ("letters", &["normal", "large", "largest"]),
    ("lines", &["normal", "large", "largest"]),
    ("font", &["sans", "serif"]),
];

#[test]
fn every_page_offers_the_panel_and_applies_settings_before_paint() {
    let project = Project::examples();
    project.run(&["build"]).success();
    let script = project.read("public/osh/assets/vision.js");
    for (name, values) in SETTINGS {
        let listed = format!(
            "{name}: [{}]",
            values
                .iter()
                .map(|v| format!("'{v}'"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        assert!(script.contains(&listed), "vision.js knows {listed}");
    }
    // The panel's words, from the theme's translations, in every language of the theme.
    for words in [
        r#""size_200":"Очень крупный""#,
        r#""normal":"Обычная версия""#,
        r#""scheme_wb":"White on black""#,
    ] {
        assert!(script.contains(words), "vision.js has {words}");
    }
    assert!(!script.contains("spravka: the [vision] translations"));
    for page in [
        "osh/index.html",
        "osh/schedule.html",
        "osh/faq/pravila-obshcheniya.html",
        "mytishchi-27/regulation.html",
    ] {
        let html = project.read(&format!("public/{page}"));
        let head = &html[..html.find("</head>").expect("a head")];
        assert!(
            head.contains("assets/vision.js\"></script>"),
            "{page}: vision.js in <head>, not deferred"
        );
        assert!(
            html.contains(
                "class=\"vision-toggle\" aria-expanded=\"false\" aria-controls=\"vision-panel\""
            ),
            "{page}"
        );
        assert!(html.contains("Версия для слабовидящих"), "{page}");
        // The panel is built by the script: its buttons work only with it, and the markup
        // would be sent again with every page.
        for absent in ["id=\"vision-panel\"", "data-vision=", "Обычная версия"] {
            assert!(!html.contains(absent), "{page}: {absent} is in the page");
        }
    }
    let nested = project.read("public/osh/faq/pravila-obshcheniya.html");
    assert!(
        nested.contains("src=\"../assets/vision.js\""),
        "relative from a sub-folder"
    );
}
