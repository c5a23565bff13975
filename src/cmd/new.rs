//! `spravka new SLUG --platform ID`: scaffold a school from the template regulation.

use crate::cli::NewArgs;
use crate::data::Layout;
use crate::error::Error;
use crate::fs;
use crate::links::is_slug;
use crate::locale::{self, Lang, t};

/// The scaffold: the Дневник.ру template regulation (seed 000) as data, blanks marked for `check`;
/// its comments in the messages' language (the data is the same in both).
const TEMPLATE_EN: &str = include_str!("scaffold.en.toml");
const TEMPLATE_RU: &str = include_str!("scaffold.ru.toml");

fn template() -> &'static str {
    match locale::current() {
        Lang::En => TEMPLATE_EN,
        Lang::Ru => TEMPLATE_RU,
    }
}

pub fn run(args: &NewArgs) -> Result<String, Error> {
    let layout = Layout::new(&args.root);
    if !is_slug(&args.slug) {
        return Err(Error::usage(
            t!("new-bad-slug", slug = args.slug.as_str()),
            t!("new-bad-slug-hint"),
        ));
    }
    let preset = layout.platforms().join(format!("{}.toml", args.platform));
    if !preset.is_file() {
        return Err(Error::usage(
            t!("new-unknown-platform", platform = args.platform.as_str()),
            t!("new-known-platforms", platforms = known_platforms(&layout)?),
        ));
    }
    let dir = layout.schools().join(&args.slug);
    if dir.exists() {
        return Err(Error::usage(
            t!("new-exists", path = dir.display().to_string()),
            t!("new-exists-hint"),
        ));
    }
    fs::create_dir_all(&dir.join("faq"))?;
    let path = dir.join("school.toml");
    fs::write(
        &path,
        template().replace("{platform}", &args.platform).as_bytes(),
    )?;
    let path = layout.display_path(&path).display().to_string();
    Ok(t!("new-created", path = path) + "\n")
}

fn known_platforms(layout: &Layout) -> Result<String, Error> {
    let dir = layout.platforms();
    if !dir.is_dir() {
        return Ok(t!("new-no-platforms"));
    }
    let names: Vec<String> = fs::sorted_entries(&dir)?
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    Ok(names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines of a template with every comment line blanked.
    fn data(template: &str) -> Vec<&str> {
        (template.lines())
            .map(|line| if line.starts_with('#') { "#" } else { line })
            .collect()
    }

    #[test]
    fn both_templates_hold_the_same_data_on_the_same_lines() {
        assert_eq!(data(TEMPLATE_RU), data(TEMPLATE_EN));
        assert_ne!(TEMPLATE_RU, TEMPLATE_EN, "the comments are translated");
    }

    #[test]
    fn the_template_follows_the_language() {
        assert!(locale::with(Lang::Ru, template).starts_with("# Новая школа"));
        assert!(locale::with(Lang::En, template).starts_with("# A new school"));
    }
}
