//! What makes a school's site findable when its public address is known: `sitemap.xml`,
//! `robots.txt` pointing to it, and schema.org `FAQPage` data for the FAQ pages.

use serde::Serialize;

use super::OutputFile;
use super::escape::{escape_attribute, script_json};
use super::views::ArticleSummary;

/// `sitemap.xml` listing `pages` (paths relative to the school's folder) under `site_url`, and
/// `robots.txt` naming it. No `lastmod`: the build date is not when a page changed.
pub fn sitemap_and_robots(site_url: &str, pages: &[&str]) -> [OutputFile; 2] {
    let urls = pages
        .iter()
        .map(|page| format!("{site_url}{}", page.trim_end_matches("index.html")));
    sitemap_files(site_url, "urlset", "url", urls)
}

/// The root's `sitemap.xml` of a build of many schools: a sitemap index of each school's
/// `sitemap.xml` (`schools` are their folders' addresses under `root_url`), so that a region
/// submits one address to search engines; and `robots.txt` naming it.
pub fn sitemap_index_and_robots(root_url: &str, schools: &[String]) -> [OutputFile; 2] {
    let sitemaps = schools.iter().map(|school| format!("{school}sitemap.xml"));
    sitemap_files(root_url, "sitemapindex", "sitemap", sitemaps)
}

/// `sitemap.xml` of `kind` (urlset or sitemapindex) with one `<item><loc>` per address, and
/// `robots.txt` naming it, for the folder at `folder_url`.
fn sitemap_files(
    folder_url: &str,
    kind: &str,
    item: &str,
    locations: impl Iterator<Item = String>,
) -> [OutputFile; 2] {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <{kind} xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    );
    for url in locations {
        // The five XML entities are the HTML ones: `&` in an address must be `&amp;`.
        xml.push_str(&format!(
            "<{item}><loc>{}</loc></{item}>\n",
            escape_attribute(&url)
        ));
    }
    xml.push_str(&format!("</{kind}>\n"));
    let robots = format!("User-agent: *\nDisallow:\n\nSitemap: {folder_url}sitemap.xml\n");
    [
        OutputFile {
            path: "sitemap.xml".into(),
            bytes: xml.into_bytes(),
        },
        OutputFile {
            path: "robots.txt".into(),
            bytes: robots.into_bytes(),
        },
    ]
}

#[derive(Debug, Serialize)]
struct FaqPage<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "mainEntity")]
    main_entity: Vec<Question<'a>>,
}

#[derive(Debug, Serialize)]
struct Question<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "acceptedAnswer")]
    accepted_answer: Answer<'a>,
}

#[derive(Debug, Serialize)]
struct Answer<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    /// The article's description: the answer in brief, as the FAQ index shows it.
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// `FAQPage` JSON-LD of `articles`, safe inside `<script type="application/ld+json">`: each
/// article with a description is a question (its title) and its answer in brief, linked to the
/// article when the site's address is known. `None` when no article has a description.
pub fn faq_json_ld(articles: &[&ArticleSummary], site_url: Option<&str>) -> Option<String> {
    let main_entity: Vec<Question> = (articles.iter())
        .filter_map(|article| {
            let text = article.description.as_deref()?;
            Some(Question {
                kind: "Question",
                name: &article.title,
                accepted_answer: Answer {
                    kind: "Answer",
                    text,
                    url: site_url.map(|site| format!("{site}{}", article.path)),
                },
            })
        })
        .collect();
    if main_entity.is_empty() {
        return None;
    }
    let page = FaqPage {
        context: "https://schema.org",
        kind: "FAQPage",
        main_entity,
    };
    // Strings only: serializing cannot fail.
    Some(script_json(&page).expect("FAQ data serializes"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, description: Option<&str>) -> ArticleSummary {
        ArticleSummary {
            id: "vhod".into(),
            title: title.into(),
            description: description.map(Into::into),
            path: "faq/vhod.html".into(),
            updated: None,
            audiences: vec![],
        }
    }

    #[test]
    fn faq_data_survives_script_end_and_quotes() {
        let hostile = article(
            "Как войти? </script><script>alert(1)</script>",
            Some("«Пароль» \"в кавычках\" & </SCRIPT> <!--"),
        );
        let json = faq_json_ld(&[&hostile], Some("https://school.ru/help/")).unwrap();
        assert!(!json.to_ascii_lowercase().contains("</script"), "{json}");
        assert!(!json.contains("<!--"), "{json}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let question = &value["mainEntity"][0];
        assert_eq!(value["@type"], "FAQPage");
        assert_eq!(question["name"], hostile.title.as_str());
        assert_eq!(
            question["acceptedAnswer"]["text"],
            "«Пароль» \"в кавычках\" & </SCRIPT> <!--"
        );
        assert_eq!(
            question["acceptedAnswer"]["url"],
            "https://school.ru/help/faq/vhod.html"
        );
    }

    #[test]
    fn articles_without_a_description_are_left_out() {
        assert_eq!(faq_json_ld(&[&article("Вход", None)], None), None);
    }

    #[test]
    fn a_sitemap_index_lists_each_schools_sitemap() {
        let schools = [
            "https://region.ru/s/a/".to_owned(),
            "https://region.ru/s/b&c/".to_owned(),
        ];
        let [index, robots] = sitemap_index_and_robots("https://region.ru/s/", &schools);
        let xml = String::from_utf8(index.bytes).unwrap();
        assert!(
            xml.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">")
        );
        assert!(xml.contains("<sitemap><loc>https://region.ru/s/a/sitemap.xml</loc></sitemap>"));
        assert!(xml.contains("<loc>https://region.ru/s/b&amp;c/sitemap.xml</loc>"));
        assert!(xml.ends_with("</sitemapindex>\n"));
        let robots = String::from_utf8(robots.bytes).unwrap();
        assert!(robots.ends_with("Sitemap: https://region.ru/s/sitemap.xml\n"));
    }

    #[test]
    fn sitemap_lists_pages_under_the_address_and_robots_names_it() {
        let [sitemap, robots] =
            sitemap_and_robots("https://school.ru/a&b/", &["index.html", "faq/vhod.html"]);
        let xml = String::from_utf8(sitemap.bytes).unwrap();
        assert!(
            xml.contains("<loc>https://school.ru/a&amp;b/</loc>"),
            "{xml}"
        );
        assert!(xml.contains("<loc>https://school.ru/a&amp;b/faq/vhod.html</loc>"));
        let robots = String::from_utf8(robots.bytes).unwrap();
        assert!(robots.ends_with("Sitemap: https://school.ru/a&b/sitemap.xml\n"));
    }
}
