//! Hostile input (`tests/fixtures/hostile/`: markup in every text field of a school, its
//! platform preset and an article): it reaches every page as text, the JSON embedded in pages
//! parses back to the data, and what an article may not contain is refused with its position.
//! `tests/browser/xss.mjs` opens the same site in Chromium.

use std::path::Path;

/// The theme's own script files: any other `<script src>` was put there by the data.
const THEME_SCRIPTS: [&str; 4] = [
    "assets/spravka.js",
    "assets/vision.js",
    "assets/search.js",
    "assets/search-index.js",
];

use serde_json::Value;

use crate::support::{Project, copy_dir, repo};

/// The repository's shared content with the hostile school and preset added.
fn hostile() -> Project {
    let project = Project::empty();
    copy_dir(&repo().join("content"), &project.path().join("content"));
    copy_dir(
        &repo().join("tests/fixtures/hostile"),
        &project.path().join("."),
    );
    project
}

/// A string field of the fixture's `school.toml` or preset, by TOML path.
fn field(project: &Project, file: &str, path: &[&str]) -> String {
    let doc: toml::Value = toml::from_str(&project.read(file)).unwrap();
    let mut value = &doc;
    for key in path {
        value = match key.parse::<usize>() {
            Ok(index) => &value[index],
            Err(_) => &value[*key],
        };
    }
    let text = value.as_str().unwrap().to_owned();
    assert!(text.contains("</script>"), "{path:?} holds no payload");
    text
}

fn school(project: &Project, path: &[&str]) -> String {
    field(project, "schools/hostile/school.toml", path)
}

/// The text of the `<script>` element that `opening` starts, checked to be all of it.
fn script_text<'h>(html: &'h str, opening: &str) -> &'h str {
    let start = html.find(opening).unwrap_or_else(|| panic!("no {opening}")) + opening.len();
    let text = &html[start..];
    let end = text.find("</script>").unwrap();
    let text = &text[..end];
    let lower = text.to_ascii_lowercase();
    for bad in [
        "<!--", "<script", "</script", "<", ">", "&", "\u{2028}", "\u{2029}",
    ] {
        assert!(!lower.contains(bad), "{bad:?} in the JSON of {opening}");
    }
    text
}

#[test]
fn json_in_pages_parses_back_to_the_data_and_cannot_end_its_script_element() {
    let project = hostile();
    project.run(&["build"]).success();
    let home = project.read("public/hostile/index.html");
    let ld: Value =
        serde_json::from_str(script_text(&home, r#"<script type="application/ld+json">"#)).unwrap();
    assert_eq!(ld["name"], school(&project, &["school", "full_name"]));
    assert_eq!(
        ld["alternateName"],
        school(&project, &["school", "short_name"])
    );
    assert_eq!(ld["address"], school(&project, &["school", "address"]));
    let named = school(&project, &["consultants", "0", "name"]);
    // A consultant without a name is named by the head of the role, first letter capitalised.
    let role = school(&project, &["consultants", "1", "role"]);
    let head = role.split(',').next().unwrap().trim();
    let unnamed = format!("{}{}", head[..1].to_uppercase(), &head[1..]);
    assert_eq!(ld["contactPoint"][0]["name"], named);
    assert_eq!(ld["contactPoint"][1]["name"], unnamed.as_str());
    // The page goes on after the element: the footer is still there.
    assert!(home.trim_end().ends_with("</html>"), "{home}");
    assert!(home.contains("<footer"), "{home}");

    let schedule = project.read("public/hostile/schedule.html");
    let sessions: Value = serde_json::from_str(script_text(
        &schedule,
        r#"<script type="application/json" id="sessions-data">"#,
    ))
    .unwrap();
    let kinds = sessions["kinds"].as_array().unwrap();
    let has_kind = |key: &str, value: &str| kinds.iter().any(|kind| kind[key] == value);
    assert!(has_kind(
        "title",
        &school(&project, &["events", "0", "title"])
    ));
    assert!(has_kind(
        "place",
        &school(&project, &["events", "0", "place"])
    ));
    assert!(has_kind(
        "place",
        &school(&project, &["schedule", "slots", "0", "place"])
    ));
    let moved = ["schedule", "exceptions", "1", "note"];
    assert!(has_kind("note", &school(&project, &moved)));
    let role = school(&project, &["consultants", "0", "role"]);
    assert!(has_kind("who", &format!("{named}, {role}")));
    assert!(schedule.contains("<footer"));

    let escalation = project.read("public/hostile/escalation.html");
    let support: Value = serde_json::from_str(script_text(
        &escalation,
        r#"<script type="application/json" id="support-data">"#,
    ))
    .unwrap();
    assert!(support["windows"].is_array());
    assert!(escalation.contains("<footer"));
}

/// The tags of a page, each with its attribute names and values (quotes respected).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let name: String = rest
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if name.is_empty() {
            continue;
        }
        let (attributes, after) = attributes(&rest[name.len()..]);
        tags.push((name.to_ascii_lowercase(), attributes));
        rest = after;
    }
    tags
}

fn attributes(mut rest: &str) -> (Vec<(String, String)>, &str) {
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() || rest.starts_with('>') {
            return (attributes, rest.get(1..).unwrap_or(""));
        }
        let name_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>')
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        rest = &rest[name_len..];
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'');
            let end = match quote {
                Some(q) => after[1..].find(q).map_or(after.len(), |i| i + 2),
                None => after
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(after.len()),
            };
            after[..end]
                .trim_matches(['"', '\''])
                .clone_into(&mut value);
            rest = &after[end..];
        }
        attributes.push((name, value));
    }
}

fn html_pages(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "html"))
        .map(|entry| {
            let name = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .display()
                .to_string();
            (name, std::fs::read_to_string(entry.path()).unwrap())
        })
        .collect()
}

/// Attributes whose value a browser may load or follow.
const URL_ATTRIBUTES: [&str; 8] = [
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "data",
    "background",
];

#[test]
fn markup_in_the_data_and_in_articles_stays_text_on_every_page() {
    let project = hostile();
    project.run(&["build"]).success();
    let pages = html_pages(&project.path().join("public"));
    assert!(
        pages
            .iter()
            .any(|(name, _)| name == "hostile/faq/vhod.html")
    );
    for (name, html) in &pages {
        for (tag, attributes) in tags(html) {
            let at = format!("{name}: <{tag} {attributes:?}>");
            assert!(
                !["iframe", "object", "embed", "b"].contains(&tag.as_str()),
                "{at}"
            );
            if tag == "script" {
                let (key, value) = &attributes[0];
                let ours = (key == "src" && THEME_SCRIPTS.iter().any(|own| value.ends_with(own)))
                    || (key == "type" && value.starts_with("application/"));
                assert!(ours, "{at}");
            }
            for (key, value) in &attributes {
                assert!(!key.starts_with("on"), "{at}");
                if URL_ATTRIBUTES.contains(&key.as_str()) {
                    assert!(!value.contains("evil.example"), "{at}");
                    assert!(!value.to_ascii_lowercase().contains("javascript:"), "{at}");
                }
                if tag == "img" && key == "src" {
                    assert_eq!(value, "shema.png", "{at}");
                }
            }
        }
    }
}

#[test]
fn what_an_article_may_not_contain_is_refused_with_its_position() {
    let project = hostile();
    project.write(
        "schools/hostile/faq/opasno.md",
        "+++\ntitle = \"Опасно\"\n+++\n\n\
         ## Как войти {autofocus onfocus=alert(document.domain) tabindex=0}\n\n\
         ## Б {onmouseover=alert(1) style=position:fixed;inset:0}\n\n\
         [ссылка](javascript:alert(1)) [данные](DATA:text/html,x) ![x](http:host/p.png)\n",
    );
    let stderr = project.run(&["check"]).fails_with(1);
    let file = "schools/hostile/faq/opasno.md";
    for expected in [
        format!("{file}:5:15"),
        "the heading attribute `autofocus` is not allowed".to_owned(),
        format!("{file}:5:25"),
        format!("{file}:5:56"),
        format!("{file}:7:7"),
        "the heading attribute `style` is not allowed".to_owned(),
        format!("{file}:9:1"),
        "the link to `javascript:alert(1)` is not allowed".to_owned(),
        "the link to `DATA:text/html,x` is not allowed".to_owned(),
        "the image `http:host/p.png` is not a file of this site".to_owned(),
        "a heading may carry only an anchor and classes".to_owned(),
    ] {
        assert!(
            stderr.contains(&expected),
            "expected {expected:?} in:\n{stderr}"
        );
    }
    project.run(&["build"]).fails_with(1);
    assert!(!project.path().join("public").exists());
}
