//! Pure rendering: a validated school and the theme in, the school's files (in memory) out.

pub mod article;
pub mod calendar;
pub mod escape;
pub mod filters;
pub mod findable;
pub mod home;
pub mod i18n;
pub mod manifest;
pub mod naming;
pub mod qr;
pub mod schema;
pub mod search;
pub mod theme;
pub mod time;
pub mod vcard;
pub mod views;
pub mod vision;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::error::Error;
use crate::model::base_url::BaseUrl;
use crate::model::types::Language;
use crate::model::{School, SchoolSite};
use calendar::feeds::{FeedContext, PreviousEvents};
use theme::Theme;
use views::ArticleSummary;
use views::page::{ArticleView, Nav, PageView, PartialPage, PosterView, SchoolLink, page};

/// A file of the generated site, path relative to the site's folder with `/` separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What every render needs besides the school.
#[derive(Debug)]
pub struct RenderContext<'a> {
    pub theme: &'a Theme,
    /// Reference day for time-zone conversion (from `SOURCE_DATE_EPOCH` when set).
    pub date: NaiveDate,
    /// The public address of the folder that holds the schools' folders (`--base-url`, else
    /// `base_url` of spravka.toml), for absolute links: canonical, feeds, QR code, sitemap.
    pub base_url: Option<BaseUrl>,
    /// `base_url` came from `--base-url`: it wins over a school's own `base_url`.
    pub base_url_given: bool,
    /// Link each school's pages back to a root index of all schools.
    pub with_root_index: bool,
    /// DTSTAMP of calendar events: `SOURCE_DATE_EPOCH` when set, else each school's own first date.
    pub dtstamp: Option<DateTime<Utc>>,
}

impl RenderContext<'_> {
    /// The public address of `school`'s folder, with a trailing slash, when it is known: from
    /// `--base-url`, else the school's own `base_url`, else the project's.
    #[must_use]
    pub fn site_url(&self, school: &School) -> Option<String> {
        let project = || self.base_url.as_ref().map(|base| base.join(&school.slug));
        let url = match (&school.identity.base_url, self.base_url_given) {
            (Some(own), false) => Some(own.clone()),
            _ => project(),
        };
        url.map(|url| url.folder())
    }
}

/// The fixed pages of a school site: key (navigation and translations), template, output path.
pub const PAGES: [(&str, &str, &str); 6] = [
    ("home", "home.html", "index.html"),
    ("schedule", "schedule.html", "schedule.html"),
    ("contacts", "contacts.html", "contacts.html"),
    ("escalation", "escalation.html", "escalation.html"),
    ("faq", "faq_index.html", "faq.html"),
    ("regulation", "regulation.html", "regulation.html"),
];

/// The regulation page of a school with its own text (`regulation.md`): the verbatim form.
pub const REGULATION_TEXT: &str = "regulation_text.html";

/// The printable A4 announcement of the office hours for the school's information board; linked
/// from the schedule page, not from the navigation.
pub const POSTER: &str = "poster.html";

/// Render every page and asset of one school.
/// `previous` holds the events of the school's last published feed, so SEQUENCE grows on change.
pub fn render_school(
    site: &SchoolSite,
    ctx: &RenderContext,
    previous: &PreviousEvents,
) -> Result<Vec<OutputFile>, Error> {
    let t = ctx.theme.translations(site.school.language);
    let doc = ctx.theme.translations(Language::Russian);
    let view = views::school_view(site, t, doc, ctx.date);
    let site_url = ctx.site_url(&site.school);
    let calendar = calendar::views::calendar_view(site, t, ctx.date, site_url.as_deref());
    // One context for all pages of the school: each page only replaces `page` (and `article`),
    // so the school's view is serialized once instead of cloned per page.
    let mut context = Context::new();
    context.insert("school", &view);
    context.insert("calendar", &calendar);
    context.insert(
        "home",
        &home::home_view(site, &view, &calendar, (t, ctx.date)),
    );
    context.insert("poster", &PosterView::new(site_url.clone(), t));
    context.insert(
        "schema",
        &schema::school_json_ld(site, &t.text("ui.help_site"), ctx.date),
    );
    let all: Vec<&ArticleSummary> = view.articles.iter().collect();
    if let Some(faq) = findable::faq_json_ld(&all, site_url.as_deref()) {
        context.insert("faq_schema", &faq);
    }
    if let Some(regulation) = &site.regulation {
        context.insert("regulation_text", &regulation.html);
    }
    context.insert_value("t", ctx.theme.translation_value(site.school.language));
    context.insert_value("doc", ctx.theme.translation_value(Language::Russian));
    let mut pages = Pages {
        ctx,
        slug: &site.school.slug,
        context,
        nav: Nav::new(t),
        partials: HashMap::new(),
    };
    let mut files = Vec::with_capacity(PAGES.len() + site.articles.len() + ctx.theme.assets.len());
    for (key, template, path) in PAGES {
        let template = match (key, &site.regulation) {
            ("regulation", Some(_)) => REGULATION_TEXT,
            _ => template,
        };
        let title = t.text(&format!("page.{key}")).clone();
        let page = page((ctx, site_url.as_deref()), key, title, path);
        files.push(pages.render(template, path, &page, None)?);
    }
    let title = t.text("poster.page");
    let poster = page((ctx, site_url.as_deref()), "poster", title, POSTER);
    files.push(pages.render("poster.html", POSTER, &poster, None)?);
    let values = article::ArticleValues {
        school: &site.school,
        view: &view,
        doc,
    };
    debug_assert_eq!(article::complete(&values), Ok(()));
    for (article, summary) in site.articles.iter().zip(&view.articles) {
        let page = page(
            (ctx, site_url.as_deref()),
            "faq",
            article.title.clone(),
            &summary.path,
        );
        debug_assert_eq!(page.root, crate::links::ARTICLE_ROOT);
        // Only the slots are filled per school: the Markdown was rendered once, at validation.
        let html = article.html.fill(&|name| values.value(name));
        let article = ArticleView {
            summary,
            html: &html,
            schema: findable::faq_json_ld(&[summary], site_url.as_deref()),
        };
        files.push(pages.render("article.html", &summary.path, &page, Some(article))?);
    }
    files.push(search::school_index(site, &view, &files, t));
    let feed_context = FeedContext {
        dtstamp: ctx.dtstamp.unwrap_or_else(|| default_dtstamp(site)),
        site_url: site_url.as_deref(),
        previous,
    };
    files.extend(calendar::feeds::render_feeds(site, t, &feed_context));
    files.extend(vcard::render_cards(site, t, site_url.as_deref(), ctx.date));
    if let Some(site_url) = &site_url {
        let pages: Vec<&str> = (PAGES.iter().map(|&(_, _, path)| path))
            .chain(view.articles.iter().map(|a| a.path.as_str()))
            .collect();
        files.extend(findable::sitemap_and_robots(site_url, &pages));
    }
    files.extend(ctx.theme.assets.iter().map(|(path, bytes)| OutputFile {
        path: path.clone(),
        bytes: bytes.clone(),
    }));
    files.push(manifest::manifest(&files, &ctx.theme.asset_digests));
    Ok(files)
}

/// The rendered header and footer of one kind of page, as template values (shared, not copied,
/// by every page that shows them).
#[derive(Debug)]
struct Partials {
    header: tera::Value,
    footer: tera::Value,
}

/// Renders the pages of one school. The header and footer are the same on every page of a kind
/// at one depth (all 30 FAQ articles share them), so they are rendered once per kind, as Hugo's
/// `partialCached` does; Tera's variable lookups in them were a fifth of the cost of a page.
struct Pages<'a> {
    ctx: &'a RenderContext<'a>,
    slug: &'a str,
    context: Context,
    nav: Nav,
    /// By page key and root.
    partials: HashMap<(&'a str, String), Partials>,
}

impl std::fmt::Debug for Pages<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("slug", &self.slug)
            .finish_non_exhaustive()
    }
}

impl<'a> Pages<'a> {
    fn render(
        &mut self,
        template: &str,
        path: &str,
        page: &PageView<'a>,
        article: Option<ArticleView>,
    ) -> Result<OutputFile, Error> {
        // The page holds the article's HTML besides what the template writes: room for both at
        // once, not a copy when the buffer grows.
        let extra = article.as_ref().map_or(0, |article| article.html.len());
        let key = (page.key, page.root.clone());
        if !self.partials.contains_key(&key) {
            let partials = self.partials(page, path)?;
            self.partials.insert(key.clone(), partials);
        }
        let partials = &self.partials[&key];
        self.context.insert_value("header", partials.header.clone());
        self.context.insert_value("footer", partials.footer.clone());
        self.context.insert("page", page);
        match article {
            Some(article) => self.context.insert("article", &article),
            None => {
                self.context.remove("article");
            }
        }
        Ok(OutputFile {
            path: path.to_owned(),
            bytes: self.template(template, path, extra)?,
        })
    }

    fn partials(&mut self, page: &PageView, path: &str) -> Result<Partials, Error> {
        self.context.remove("article");
        self.context.insert("nav", &self.nav.for_page(page));
        let partial = PartialPage {
            key: page.key,
            root: &page.root,
            site_index: page.site_index.as_deref(),
        };
        self.context.insert("page", &partial);
        // The line breaks around a partial's markup (after its leading comment, at the end of
        // the file) are not part of the page: base.html places it on a line of its own.
        // std's check of the bytes leaves its ASCII fast path on Cyrillic text; the SIMD one
        // does not (a theme's partial that is not UTF-8 still gets the lossy conversion).
        let text = |bytes: Vec<u8>| {
            let text = match simdutf8::basic::from_utf8(&bytes) {
                Ok(text) => std::borrow::Cow::Borrowed(text),
                Err(_) => String::from_utf8_lossy(&bytes),
            };
            tera::Value::from(text.trim_matches('\n'))
        };
        Ok(Partials {
            header: text(self.template("header.html", path, 0)?),
            footer: text(self.template("footer.html", path, 0)?),
        })
    }

    /// `template` rendered, into a buffer with room for `extra` bytes of the page's own text
    /// besides the template's.
    fn template(&self, template: &str, path: &str, extra: usize) -> Result<Vec<u8>, Error> {
        // render_to writes bytes directly: no second pass to check the page is UTF-8.
        let mut bytes = Vec::with_capacity(16 * 1024 + extra);
        self.ctx
            .theme
            .tera
            .render_to(template, &self.context, &mut bytes)
            .map_err(|error| Error::Render {
                school: self.slug.to_owned(),
                page: path.to_owned(),
                message: theme::describe(&error),
            })?;
        Ok(bytes)
    }
}

/// Without `SOURCE_DATE_EPOCH`, events are stamped with the data's own first date (the school year's
/// start, else the first event), so an unchanged input gives a byte-identical feed.
fn default_dtstamp(site: &SchoolSite) -> DateTime<Utc> {
    let school = &site.school;
    let first = school
        .school_years
        .first()
        .map(|y| y.start)
        .or_else(|| school.events.iter().map(|e| e.date).min());
    let date = first.unwrap_or(NaiveDate::from_ymd_opt(2000, 1, 1).expect("a date"));
    Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight"))
}

/// A school's line in the index of all schools.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    pub slug: String,
    pub short_name: String,
    pub full_name: String,
    /// The platform's name.
    pub platform: String,
    /// The school's `school.toml` gives its own `base_url`: its site is published elsewhere,
    /// not under the project's address.
    #[serde(default)]
    pub own_address: bool,
}

impl IndexEntry {
    pub fn of(site: &SchoolSite) -> IndexEntry {
        let school = &site.school;
        IndexEntry {
            slug: school.slug.clone(),
            short_name: school.identity.short_name.clone(),
            full_name: school.identity.full_name.clone(),
            platform: school.platform.pages.name.clone(),
            own_address: school.identity.base_url.is_some(),
        }
    }
}

/// The files at the output root: `index.html`, listing every school built, and, when the
/// project's address is known, `sitemap.xml` (a sitemap index of the schools' sitemaps under
/// it) and `robots.txt` naming it.
pub fn render_root_files(
    entries: &[IndexEntry],
    ctx: &RenderContext,
) -> Result<Vec<OutputFile>, Error> {
    let mut files = vec![render_root_index(entries, ctx)?];
    if let Some(base) = &ctx.base_url {
        let under: Vec<String> = (entries.iter())
            .filter(|entry| ctx.base_url_given || !entry.own_address)
            .map(|entry| base.join(&entry.slug).folder())
            .collect();
        if !under.is_empty() {
            files.extend(findable::sitemap_index_and_robots(&base.folder(), &under));
        }
    }
    Ok(files)
}

/// `index.html` at the output root, listing every school built.
fn render_root_index(entries: &[IndexEntry], ctx: &RenderContext) -> Result<OutputFile, Error> {
    let t = ctx.theme.translations(Language::Russian);
    let schools: Vec<SchoolLink> = entries
        .iter()
        .map(|entry| SchoolLink {
            href: format!("{}/index.html", entry.slug),
            short_name: filters::nbsp_after_number_sign(&entry.short_name),
            full_name: filters::nbsp_after_number_sign(&entry.full_name),
            platform: &entry.platform,
        })
        .collect();
    let mut context = Context::new();
    context.insert("t", t);
    context.insert("schools", &schools);
    let html = ctx
        .theme
        .tera
        .render("root_index.html", &context)
        .map_err(|error| Error::Render {
            school: String::new(),
            page: "index.html".into(),
            message: theme::describe(&error),
        })?;
    Ok(OutputFile {
        path: "index.html".into(),
        bytes: html.into_bytes(),
    })
}
