//! Which articles a school shows: the shared ones for its platform, a school's own article
//! replacing the shared one of the same id, its other own articles added.

use crate::testing::{SCHOOL, shared_with, site, site_with, try_site_in};

fn ids(site: &crate::model::SchoolSite) -> Vec<String> {
    site.articles.iter().map(|a| a.id.clone()).collect()
}

#[test]
fn an_own_article_replaces_the_shared_one_of_its_id() {
    let shared = site(SCHOOL);
    let own = "+++\ntitle = \"Наш порядок обращений\"\nweight = 10\n+++\n\nПишите нам.\n";
    let merged = site_with(SCHOOL, &[("kak-sostavit-obrashchenie", own)]);
    assert_eq!(ids(&merged).len(), ids(&shared).len(), "{:?}", ids(&merged));
    let replaced: Vec<_> = (merged.articles.iter())
        .filter(|a| a.id == "kak-sostavit-obrashchenie")
        .collect();
    assert_eq!(replaced.len(), 1);
    assert_eq!(replaced[0].title, "Наш порядок обращений");
}

#[test]
fn an_own_article_of_a_new_id_is_added_in_weight_order() {
    let own = "+++\ntitle = \"Свой вопрос школы\"\nweight = 1\n+++\n\nОтвет.\n";
    let merged = site_with(SCHOOL, &[("svoy-vopros", own)]);
    assert_eq!(ids(&merged).len(), ids(&site(SCHOOL)).len() + 1);
    assert_eq!(ids(&merged)[0], "svoy-vopros", "weight 1 comes first");
}

#[test]
fn a_shared_article_for_another_platform_is_left_out() {
    let only_mo = "+++\ntitle = \"Только для Школьного портала\"\nplatforms = [\"shkolnyi-portal-mo\"]\n+++\n\nТекст.\n";
    let shared = shared_with(&[("tolko-mo", only_mo)]);
    let dnevnik = try_site_in(&shared, SCHOOL, &[]).unwrap();
    assert!(!ids(&dnevnik).contains(&"tolko-mo".to_owned()));
    let portal = SCHOOL.replace("preset = \"dnevnik-ru\"", "preset = \"shkolnyi-portal-mo\"");
    let mo = try_site_in(&shared, &portal, &[]).unwrap();
    assert!(ids(&mo).contains(&"tolko-mo".to_owned()), "{:?}", ids(&mo));
}
