//! What a page's template sees of the page itself besides the school (`page`, `nav`, `poster`,
//! `article`; `page` and `nav` alone in the header and footer) and what the index of all
//! schools sees of each school: the view types `render_school` and `render_root_index` fill.

use serde::Serialize;

use crate::render::i18n::Translations;
use crate::render::views::ArticleSummary;
use crate::render::{PAGES, RenderContext, escape, qr};

/// What the poster adds to the school's view: the site's address and its QR code, when the
/// build knows the public address (`--base-url`).
#[derive(Debug, Serialize)]
pub(crate) struct PosterView {
    pub(crate) url: Option<String>,
    /// The address as printed under the QR code: without the scheme, escaped, and allowed to
    /// break after each `/` (a narrow column would otherwise split it anywhere).
    pub(crate) url_html: Option<String>,
    pub(crate) qr: Option<String>,
}

impl PosterView {
    pub(crate) fn new(url: Option<String>, t: &Translations) -> PosterView {
        let qr = url
            .as_deref()
            .and_then(|url| qr::svg(url, &t.format("poster.qr_label", &[("url", url)])));
        let url_html = url.as_deref().map(|url| {
            let shown = url.split_once("://").map_or(url, |(_, rest)| rest);
            escape::escape_attribute(shown).replace('/', "/<wbr>")
        });
        PosterView { url, url_html, qr }
    }
}

/// A link of the site's navigation as a page's template sees it (`nav`): ready to print, so
/// that the template does no lookups and string building of its own for the links of every page
/// (done in the template, the navigation cost a sixth of a build).
#[derive(Debug, Serialize)]
pub(crate) struct NavLink<'a> {
    pub(crate) href: String,
    pub(crate) label: &'a str,
    pub(crate) current: bool,
}

/// The navigation of a school's site: the fixed pages' keys, paths and translated names.
#[derive(Debug)]
pub(crate) struct Nav(Vec<(&'static str, &'static str, String)>);

impl Nav {
    pub(crate) fn new(t: &Translations) -> Nav {
        Nav(PAGES
            .iter()
            .map(|&(key, _, path)| (key, path, t.text(&format!("page.{key}"))))
            .collect())
    }

    pub(crate) fn for_page(&self, page: &PageView) -> Vec<NavLink<'_>> {
        (self.0.iter())
            .map(|(key, path, label)| NavLink {
                href: format!("{}{path}", page.root),
                label,
                current: *key == page.key,
            })
            .collect()
    }
}

/// The page itself (`page`): its kind (a key of `PAGES`, "faq" for an article, "poster"), title,
/// way back to the school's folder and its public address.
#[derive(Debug, Serialize)]
pub(crate) struct PageView<'a> {
    pub(crate) key: &'a str,
    pub(crate) title: String,
    /// From this page to the school's root folder: "", "../", "../../".
    pub(crate) root: String,
    pub(crate) canonical: Option<String>,
    /// From this page to the index of all schools, when there is one.
    pub(crate) site_index: Option<String>,
}

/// The article an article page shows (`article`).
#[derive(Debug, Serialize)]
pub(crate) struct ArticleView<'a> {
    pub(crate) summary: &'a ArticleSummary,
    pub(crate) html: &'a str,
    /// The article's `FAQPage` JSON-LD, when it has a description.
    pub(crate) schema: Option<String>,
}

/// The view of the page at `path` (relative to the school's folder), of kind `key`.
pub(crate) fn page<'a>(
    (ctx, site_url): (&RenderContext, Option<&str>),
    key: &'a str,
    title: String,
    path: &str,
) -> PageView<'a> {
    let root = "../".repeat(path.matches('/').count());
    PageView {
        key,
        title,
        canonical: site_url.map(|site| format!("{site}{}", path.trim_end_matches("index.html"))),
        site_index: ctx.with_root_index.then(|| format!("{root}../index.html")),
        root,
    }
}

/// What `header.html` and `footer.html` see of a page: its kind and place, not its title, so
/// that one rendering serves every page of that kind and place.
#[derive(Debug, Serialize)]
pub(crate) struct PartialPage<'a> {
    pub(crate) key: &'a str,
    pub(crate) root: &'a str,
    pub(crate) site_index: Option<&'a str>,
}

/// A school as the index of all schools lists it (`schools`).
#[derive(Debug, Serialize)]
pub(crate) struct SchoolLink<'a> {
    pub(crate) href: String,
    /// Names as pages print them («№ 27» kept together); the entries keep them as written.
    pub(crate) short_name: String,
    pub(crate) full_name: String,
    pub(crate) platform: &'a str,
}
