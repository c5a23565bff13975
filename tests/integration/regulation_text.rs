//! The verbatim form of the regulation: a school's own `regulation.md` on its regulation page
//! word for word with its own numbers, and the cross-check of that text with the data.

use crate::support::{Edit, Project, copy_dir, repo};

const SLUG: &str = "licey-7";
const TEXT: &str = "schools/licey-7/regulation.md";
const TOML: &str = "schools/licey-7/school.toml";

/// The repository's shared content and the test school «Учреждение» (fixture `uchrezhdenie`).
fn uchrezhdenie() -> Project {
    let project = Project::empty();
    copy_dir(&repo().join("content"), &project.path().join("content"));
    let fixture = repo().join("tests/fixtures/regulations/uchrezhdenie");
    copy_dir(&fixture.join("schools"), &project.path().join("schools"));
    project
}

/// What a reader sees of each line of a Markdown text: the pieces between footnote marks, with
/// the Markdown marks (headings, bullets, emphasis, escapes, links) taken off.
fn statements(markdown: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    for line in markdown.lines() {
        let line = line.trim();
        let line = line.trim_start_matches('#').trim_start();
        let line = line.strip_prefix("- ").unwrap_or(line);
        let line = match line.strip_prefix("[^") {
            Some(definition) => definition.split_once("]:").map_or(line, |(_, text)| text),
            None => line,
        };
        let plain = unlink(&line.replace(['*'], "").replace('\\', ""));
        for piece in plain.split("[^1]") {
            let piece = piece.split_whitespace().collect::<Vec<_>>().join(" ");
            if !piece.is_empty() {
                pieces.push(piece);
            }
        }
    }
    pieces
}

/// `[text](target)` as its text.
fn unlink(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('[').filter(|_| !rest.starts_with("[^")) {
        let Some(close) = rest[open..].find("](").map(|i| open + i) else {
            break;
        };
        let Some(end) = rest[close..].find(')').map(|i| close + i) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Every statement of the school's `regulation.md` is on its built regulation page.
#[track_caller]
fn assert_every_statement(project: &Project, slug: &str) {
    let markdown = project.read(&format!("schools/{slug}/regulation.md"));
    let page = project.page_text(&format!("public/{slug}/regulation.html"));
    let missing: Vec<String> = (statements(&markdown).into_iter())
        .filter(|statement| !page.contains(statement.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "missing from the page: {missing:#?}\n{page}"
    );
}

/// The `line:column` (1-based, in characters) where `needle` first is in `text`.
fn line_column(text: &str, needle: &str) -> String {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in {text}"));
    let line = text[..at].matches('\n').count() + 1;
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    format!("{line}:{}", text[start..at].chars().count() + 1)
}

#[test]
fn every_statement_of_the_text_is_on_the_page_with_its_own_numbers() {
    let project = uchrezhdenie();
    project.run(&["build"]).success();
    assert_every_statement(&project, SLUG);
    let html = project.read("public/licey-7/regulation.html");
    for number in [
        "1. ", "3.1. ", "5.1. ", "5.3. ", "9.4.1. ", "9.4.3. ", "10. ", "11. ",
    ] {
        assert!(
            html.contains(&format!(">{number}")) || html.contains(&format!("\n{number}")),
            "{number}: {html}"
        );
    }
    assert!(
        !html.contains("<ol start="),
        "the browser would number the list: {html}"
    );
    assert!(
        html.contains("в соответствии с пунктом 5.2 или 5.3"),
        "the cross-reference stays"
    );
    assert!(html.contains(r#"<h2 class="doc-title">Регламент оказания помощи пользователям электронного журнала и электронного дневника</h2>"#));
    // «№» keeps its number on the same line (a non-breaking space).
    assert!(html.contains(
        "Приложение №\u{a0}3 к приказу «Об организации работы с электронным журналом» №\u{a0}112-о"
    ));
    assert!(
        html.contains("footnote-definition"),
        "the school's own footnote"
    );
    // The footnote's mark as the text writes it, a link to the note and one back.
    for part in [
        r##"Учреждения<sup class="footnote-reference" id="fnref-1"><a href="#fn-1" title="Сноска 1">1</a></sup>"##,
        r#"<div class="footnote-definition" id="fn-1"><sup class="footnote-definition-label">1</sup>"#,
        r##"<a href="#fnref-1" title="Вернуться к тексту">↩</a>"##,
    ] {
        assert!(html.contains(part), "no {part} in {html}");
    }
}

#[test]
fn a_numbered_list_is_not_renumbered() {
    let project = uchrezhdenie();
    // Points 1, 2 and 4 in one Markdown list: Markdown alone would print 1, 2, 3.
    project.write(
        TEXT,
        "1. Первый пункт.\n2. Второй пункт.\n4. Четвёртый пункт.\n\n5) Пятый.\n",
    );
    let toml = project.read(TOML);
    let without_channels = toml.split("[staff]").next().unwrap().to_owned();
    let without_training = without_channels.edit_all("training_days = 5\n", "");
    project.write(TOML, &without_training);
    project.run(&["build"]).success();
    let text = project.page_text("public/licey-7/regulation.html");
    for point in [
        "1. Первый пункт.",
        "2. Второй пункт.",
        "4. Четвёртый пункт.",
        "5) Пятый.",
    ] {
        assert!(text.contains(point), "{point}: {text}");
    }
    assert!(!text.contains("3. Четвёртый"), "{text}");
}

#[test]
fn none_of_the_templates_words_where_the_school_did_not_use_them() {
    let project = uchrezhdenie();
    project.run(&["build"]).success();
    let page = project.page_text("public/licey-7/regulation.html");
    for word in [
        " ОО",
        "ОО ",
        "ББЖ",
        "руководител",
        "Пункты 5 и 6 настоящего Регламента",
        "не могут быть изменены общеобразовательной организацией",
        "Общие положения",
        "Функциональные обязанности",
        "Формулировка затруднения",
    ] {
        assert!(
            !page.contains(word),
            "`{word}` on the regulation page: {page}"
        );
    }
    // The contacts page shows no rule of the generated text either.
    let contacts = project.page_text("public/licey-7/contacts.html");
    assert!(!contacts.contains("Формулировка затруднения"), "{contacts}");
}

#[test]
fn a_phone_changed_in_school_toml_only_names_both_places() {
    let project = uchrezhdenie();
    let toml = project
        .read(TOML)
        .edit_all("8 (3452) 39-00-17", "8 (3452) 39-00-19");
    project.write(TOML, &toml);
    let stderr = project.run(&["check"]).fails_with(1);
    let text = project.read(TEXT);
    let in_text = format!("{TEXT}:{}", line_column(&text, "8 (3452) 39-00-17"));
    let in_toml = format!("{TOML}:{}", line_column(&toml, "\"8 (3452) 39-00-19\""));
    assert!(stderr.contains(&in_text), "{in_text} not in:\n{stderr}");
    assert!(stderr.contains(&in_toml), "{in_toml} not in:\n{stderr}");
    assert!(stderr.contains("`staff.channels[1].phone`"), "{stderr}");
    // Both source lines are drawn: the text's, and the data's as a related place.
    assert!(
        stderr.contains("5.2. по телефону 8 (3452) 39-00-17;"),
        "{stderr}"
    );
    assert!(stderr.contains("phone = \"8 (3452) 39-00-19\""), "{stderr}");
    assert!(stderr.contains("1 problem found"), "{stderr}");
    // `build` refuses it as well, and writes nothing.
    project.run(&["build"]).fails_with(1);
    assert!(!project.path().join("public/licey-7").exists());
}

#[test]
fn a_contact_the_pages_show_and_the_text_lacks_names_both_places() {
    let project = uchrezhdenie();
    let toml = project.read(TOML).edit_all("[schedule]\n", "[[parents.channels]]\nkind = \"email\"\nemail = \"roditeli@licey7-tmn.ru\"\n\n[schedule]\n");
    project.write(TOML, &toml);
    let stderr = project.run(&["check"]).fails_with(1);
    let text = project.read(TEXT);
    let in_toml = format!(
        "{TOML}:{}",
        line_column(&toml, "\"roditeli@licey7-tmn.ru\"")
    );
    let in_text = format!("{TEXT}:{}", line_column(&text, "konsultant@licey7-tmn.ru"));
    assert!(stderr.contains(&in_toml), "{in_toml} not in:\n{stderr}");
    assert!(stderr.contains(&in_text), "{in_text} not in:\n{stderr}");
    assert!(stderr.contains("`parents.channels[2].email`"), "{stderr}");
    assert!(
        stderr.contains("5.3. по электронной почте konsultant@licey7-tmn.ru."),
        "{stderr}"
    );
}

#[test]
fn a_deadline_or_time_that_no_page_shows_is_a_problem() {
    let project = uchrezhdenie();
    let text = project
        .read(TEXT)
        .edit_all("в течение одного дня", "в течение двух дней")
        .edit_all("с 15.00 до 16.00", "с 15.00 до 17.00")
        .edit_all("не позднее 5 рабочих дней", "не позднее 7 рабочих дней");
    project.write(TEXT, &text);
    let stderr = project.run(&["check"]).fails_with(1);
    for (needle, field) in [
        ("в течение двух дней", "`staff.response`"),
        ("не позднее 7 рабочих дней", "`help.training_days`"),
    ] {
        let place = format!("{TEXT}:{}", line_column(&text, needle));
        assert!(stderr.contains(&place), "{place} not in:\n{stderr}");
        assert!(stderr.contains(field), "{field} not in:\n{stderr}");
    }
    let time = format!("{TEXT}:{}", line_column(&text, "с 15.00 до 17.00"));
    assert!(stderr.contains(&time), "{time} not in:\n{stderr}");
    assert!(stderr.contains("3 problems found"), "{stderr}");
}

#[test]
fn the_vendors_escalation_contacts_must_all_be_in_a_text_that_names_the_vendor() {
    let project = uchrezhdenie();
    let text = project
        .read(TEXT)
        .edit_all(" или по телефону 8 (812) 490-70-33", "");
    project.write(TEXT, &text);
    let stderr = project.run(&["check"]).fails_with(1);
    assert!(
        stderr.contains("content/platforms/dnevnik-ru.toml:"),
        "{stderr}"
    );
    assert!(stderr.contains("`support.phones[0].number`"), "{stderr}");
}

#[test]
fn generated_only_keys_are_refused_beside_regulation_md() {
    let project = uchrezhdenie();
    let toml = project
        .read(TOML)
        .edit_all("[platform]", "[rules]\nclear_request = true\n\n[platform]");
    let toml = toml.edit_all(
        "[document]\n",
        "[document]\nintro = \"Настоящий регламент определяет…\"\n",
    );
    project.write(TOML, &toml);
    let stderr = project.run(&["check"]).fails_with(1);
    assert!(stderr.contains("`document.intro`"), "{stderr}");
    assert!(stderr.contains("`rules.clear_request`"), "{stderr}");
    assert!(stderr.contains("regulation.md replaces that"), "{stderr}");
}

#[test]
fn editing_regulation_md_rebuilds_the_school() {
    let project = uchrezhdenie();
    project.run(&["build"]).success();
    let again = project.run(&["build"]).success().stdout();
    assert!(again.contains("(1 up to date)"), "{again}");
    let text = project
        .read(TEXT)
        .edit_all("11. Изменения", "11. Все изменения");
    project.write(TEXT, &text);
    let rebuilt = project.run(&["build"]).success().stdout();
    assert!(rebuilt.contains("(0 up to date)"), "{rebuilt}");
    let page = project.page_text("public/licey-7/regulation.html");
    assert!(page.contains("11. Все изменения"), "{page}");
    // Without the file the school takes the generated form again.
    std::fs::remove_file(project.path().join(TEXT)).unwrap();
    let generated = project.run(&["build"]).success().stdout();
    assert!(generated.contains("(0 up to date)"), "{generated}");
    let page = project.page_text("public/licey-7/regulation.html");
    assert!(
        page.contains("Общие положения") && !page.contains("11. Все изменения"),
        "{page}"
    );
}

#[test]
fn the_example_schools_show_their_seeds_text_word_for_word() {
    let project = Project::examples();
    project.run(&["build"]).success();
    for slug in ["mytishchi-27", "osh"] {
        assert_every_statement(&project, slug);
        let page = project.page_text(&format!("public/{slug}/regulation.html"));
        assert!(
            !page.contains("Пункты 5 и 6 настоящего Регламента"),
            "{slug}: {page}"
        );
    }
    let osh = project.page_text("public/osh/regulation.html");
    // Its document has no letterhead, and its full name in school.toml is illustrative.
    let html = project.read("public/osh/regulation.html");
    let document = html.split("<article").nth(1).unwrap_or_default();
    let document = document.split("</article>").next().unwrap_or_default();
    assert!(!document.contains("Муниципальное бюджетное"), "{document}");
    let mytishchi = project.page_text("public/mytishchi-27/regulation.html");
    assert!(
        mytishchi.contains("Юбилейная, д. 42, к. 2, тел/факс 582-69-00"),
        "{mytishchi}"
    );
    for word in ["ББЖ", " ОО", "Общие положения", "Службу поддержки"]
    {
        assert!(!osh.contains(word), "osh: `{word}` in {osh}");
    }
}

#[test]
fn the_text_passes_the_checks_of_faq_articles() {
    let project = uchrezhdenie();
    let text = project.read(TEXT).edit_all(
        "11. Изменения",
        "11. Все [изменения](javascript:alert(2)) <script>alert(1)</script>",
    );
    project.write(TEXT, &text);
    let stderr = project.run(&["check"]).fails_with(1);
    let place = format!("{TEXT}:{}", line_column(&text, "[изменения]"));
    assert!(stderr.contains(&place), "{place} not in:\n{stderr}");
    assert!(stderr.contains("is not allowed"), "{stderr}");
    let text = text.edit_all("[изменения](javascript:alert(2))", "изменения");
    project.write(TEXT, &text);
    project.run(&["build"]).success();
    let html = project.read("public/licey-7/regulation.html");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "raw HTML shows as text"
    );
}

#[test]
fn an_empty_text_or_a_missing_title_is_a_problem() {
    let project = uchrezhdenie();
    project.write(TEXT, "\n");
    let toml = project.read(TOML).edit_all("title = \"Регламент оказания помощи пользователям электронного журнала и электронного дневника\"\n", "");
    project.write(TOML, &toml);
    let stderr = project.run(&["check"]).fails_with(1);
    assert!(
        stderr.contains("the regulation's text is empty"),
        "{stderr}"
    );
    assert!(stderr.contains("needs `document.title`"), "{stderr}");
}

#[test]
fn the_texts_problems_come_with_those_of_school_toml() {
    let project = uchrezhdenie();
    let toml = project
        .read(TOML)
        .edit_all("weekday = \"tuesday\"", "weekday = \"funday\"");
    project.write(TOML, &toml);
    let text = project
        .read(TEXT)
        .edit_all("11. Изменения", "11. [Изменения](javascript:x)");
    project.write(TEXT, &text);
    let stderr = project.run(&["check"]).fails_with(1);
    assert!(stderr.contains("is not a day of the week"), "{stderr}");
    assert!(stderr.contains("`javascript:x` is not allowed"), "{stderr}");
    assert!(stderr.contains("2 problems found"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_regulation_md_that_links_out_of_the_project_is_refused() {
    let project = uchrezhdenie();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, "1. Секрет 8 (999) 111-22-33.\n").unwrap();
    std::fs::remove_file(project.path().join(TEXT)).unwrap();
    std::os::unix::fs::symlink(&secret, project.path().join(TEXT)).unwrap();
    let stderr = project.run(&["check"]).fails_with(1);
    assert!(stderr.contains(TEXT), "{stderr}");
    assert!(stderr.contains("leads out of"), "{stderr}");
    assert!(
        !stderr.contains("Секрет"),
        "the target is never read: {stderr}"
    );
}

/// The regional fixture of the generated form (a vendor reached by phone and in a «В Контакте»
/// group, both for emergencies) with a regulation text of its own in `regulation.md`.
fn regional_with_text(emergency_point: &str) -> (Project, String) {
    let project = Project::empty();
    copy_dir(&repo().join("content"), &project.path().join("content"));
    copy_dir(
        &repo().join("tests/fixtures/regulations/regional"),
        project.path(),
    );
    let slug = std::fs::read_dir(project.path().join("schools"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .next()
        .expect("one school");
    let text = format!("1. Общие положения.\n\n2. {emergency_point}\n");
    project.write(&format!("schools/{slug}/regulation.md"), &text);
    (project, slug)
}

#[test]
fn a_vendors_escalation_group_must_be_in_a_text_that_names_the_vendor() {
    let phone_only =
        "При нештатной ситуации обратитесь в службу поддержки по телефону 8 (343) 300-00-05.";
    let (project, slug) = regional_with_text(phone_only);
    let stderr = project.run(&["check"]).fails_with(1);
    let group = "`support.channels[0].url`";
    assert!(stderr.contains(group), "{stderr}");
    assert!(
        stderr.contains(&format!("schools/{slug}/regulation.md")),
        "{stderr}"
    );
    let both = format!("{phone_only} Или через группу https://vk.com/eshkola_support_test.");
    let (project, _) = regional_with_text(&both);
    let stderr = project.run(&["check"]).stderr();
    assert!(
        !stderr.contains(group),
        "the group is in the text now: {stderr}"
    );
}
