//! The generated regulation says what the school's terms and its vendor's preset say: a regional
//! platform in Yekaterinburg time with no email, a school that calls itself «Учреждение», and the
//! example internat-11 still saying what seed 001 says.

use std::sync::OnceLock;

use crate::support::{Edit, Project, copy_dir, repo};

const FIXTURE: &str = "tests/fixtures/regulations/regional";
const SCHOOL: &str = "schools/shkola-5/school.toml";
const PRESET: &str = "content/platforms/eshkola-ural.toml";

/// The shared content of the repository with the regional fixture on top.
fn regional() -> Project {
    let project = Project::empty();
    copy_dir(&repo().join("content"), &project.path().join("content"));
    copy_dir(&repo().join(FIXTURE), project.path());
    project
}

/// The regional fixture, built once for the tests that only read it.
fn built() -> &'static Project {
    static BUILT: OnceLock<Project> = OnceLock::new();
    BUILT.get_or_init(|| {
        let project = regional();
        project.run(&["build"]).success();
        project
    })
}

fn page(name: &str) -> String {
    built().page_text(&format!("public/shkola-5/{name}"))
}

/// The regional fixture with `from` replaced by `to` in one of its files.
fn regional_with(file: &str, from: &str, to: &str) -> Project {
    let project = regional();
    let text = project.read(file);
    assert!(text.contains(from), "{file} lacks {from:?}");
    project.write(file, &text.edit(from, to));
    project
}

#[track_caller]
fn assert_says(text: &str, parts: &[&str]) {
    let missing: Vec<&&str> = parts.iter().filter(|p| !text.contains(**p)).collect();
    assert!(missing.is_empty(), "missing {missing:#?} in:\n{text}");
}

/// `check`'s report with its box drawing and line wrapping taken out.
fn flat(report: &str) -> String {
    report
        .replace(['│', '×'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[track_caller]
fn assert_never_says(text: &str, parts: &[&str]) {
    let found: Vec<&&str> = parts.iter().filter(|p| text.contains(**p)).collect();
    assert!(found.is_empty(), "unexpected {found:#?} in:\n{text}");
}

/// Whether `word` occurs in `text` as a word of its own (not inside «ООО» or «ТОО»).
fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w == word)
}

#[test]
fn regulation_uses_the_school_s_own_terms() {
    let text = page("regulation.html");
    assert_says(
        &text,
        &[
            "сотрудникам муниципального автономного общеобразовательного учреждения «Средняя общеобразовательная школа № 5» (далее — Учреждение) при работе",
            "2. Функциональные обязанности администратора, ответственного за консультирование",
            "Администратор, ответственный за консультирование по вопросам работы в РИС «Электронная школа» при переходе Учреждения на ББЖ, назначается приказом директора.",
            "Администратор составляет график оказания помощи при работе в РИС «Электронная школа», утверждает его совместно с директором",
            "обучение новых сотрудников Учреждения работе",
            "должен быть размещен на информационном стенде Учреждения и на сайте Учреждения",
            "3. Оказание помощи сотрудникам Учреждения при работе",
            "Сотрудники Учреждения проводят консультации",
            "на сайте Учреждения и информационном стенде в Учреждении",
            "если администратор, ответственный за консультирование по работе в РИС «Электронная школа», не может",
        ],
    );
    for word in ["ОО", "ОУ"] {
        assert!(!has_word(&text, word), "«{word}» in:\n{text}");
    }
    assert_never_says(
        &text,
        &[
            "руководителя ОО",
            "руководителем",
            "приказом руководителя",
            "общеобразовательной организации (далее",
        ],
    );
}

#[test]
fn every_abbreviation_is_defined_before_its_first_use() {
    let text = page("regulation.html");
    let body = &text[text.find("1. Общие положения").expect("point 1")..];
    for (term, definition) in [
        ("Учреждени", "(далее — Учреждение)"),
        ("ББЖ", "(далее — ББЖ)"),
        (
            "РИС «Электронная школа»",
            "(далее — РИС «Электронная школа»)",
        ),
    ] {
        let defined = body
            .find(definition)
            .unwrap_or_else(|| panic!("{definition}"));
        let first = body.find(term).expect(term);
        assert!(
            first >= defined,
            "«{term}» is used before «{definition}»:\n{body}"
        );
    }
    assert_says(
        &text,
        &[
            "Регламент оказания помощи при работе в региональной информационной системе «Электронная школа»",
        ],
    );
}

#[test]
fn vendor_hours_are_worded_in_the_vendor_s_zone() {
    let text = page("regulation.html");
    assert_says(
        &text,
        &[
            "Регистрация телефонных обращений осуществляется по рабочим дням, кроме выходных и праздничных дней с 09:00 до 18:00 по времени МСК+2 (UTC+5).",
            "Обработка обращений по телефону и в группе в социальной сети осуществляется",
        ],
    );
    assert_never_says(&text, &["московск"]);
    let emergency = page("escalation.html");
    assert_says(
        &emergency,
        &[
            "Время службы поддержки (МСК+2, UTC+5)",
            "Обработка обращений по телефону и в группе в социальной сети",
        ],
    );
}

#[test]
fn social_group_is_named_in_the_emergency_point_and_page() {
    let text = page("regulation.html");
    assert_says(
        &text,
        &[
            "необходимо самостоятельно обратиться за консультационной поддержкой в Службу поддержки РИС «Электронная школа» по телефону: 8 (343) 300-00-05 (звонок бесплатный) или через группу в «В Контакте» vk.com/eshkola_support_test.",
        ],
    );
    assert_never_says(&text, &["электронной почте", "eshkola.example"]);
    let html = built().read("public/shkola-5/escalation.html");
    let how = &html[html.find("Как обратиться").expect("how")..];
    let other = how.find("Другие способы связи").expect("other contacts");
    let group = how
        .find(r#"href="https://vk.com/eshkola_support_test""#)
        .expect("the group's link");
    let form = how.find("eshkola.example/obrashchenie").expect("the form");
    assert!(group < other && other < form, "{how}");
}

#[test]
fn template_footnotes_and_notices_are_left_out_where_the_preset_does_not_have_them() {
    let text = page("regulation.html");
    assert_never_says(
        &text,
        &[
            "не могут быть изменены",
            "Пункты 5 и 6",
            "голосовое сообщение",
        ],
    );
    let emergency = page("escalation.html");
    assert_never_says(&emergency, &["не могут быть изменены школой", "голосовое"]);
    assert_says(
        &emergency,
        &[
            "Сведения о службе поддержки взяты из документа от 30.08.2024: Регламент работы службы технической поддержки РИС «Электронная школа».",
        ],
    );
}

#[test]
fn response_times_and_channels_read_as_the_school_wrote_them() {
    let regulation = page("regulation.html");
    assert_says(
        &regulation,
        &[
            "Обращения должны быть рассмотрены в течение одного дня.",
            "Обращения должны быть рассмотрены в течение двух рабочих дней.",
            "Обращение за помощью производится лично в кабинете администратора либо с использованием коммуникационных средств: по телефону: +7 343 300-05-05.",
            "при личном обращении;",
        ],
    );
    assert_never_says(&regulation, &["средств: лично", "; лично"]);
    let contacts = page("contacts.html");
    assert_says(
        &contacts,
        &["Лично в кабинете администратора", "При личном обращении"],
    );
    assert_never_says(&contacts, &["Лично при личном", "в течение 1 дня"]);
    let home = page("index.html");
    assert_says(
        &home,
        &["обучающихся при работе в РИС «Электронная школа»."],
    );
    assert_never_says(&home, &["в работе в РИС"]);
}

#[test]
fn upper_first_keeps_the_rest_of_a_role_as_written() {
    let text = page("regulation.html");
    assert_says(
        &text,
        &["Администратор РИС «Электронная школа» — Петрова Наталья Викторовна"],
    );
    assert_never_says(&text, &["рис «электронная школа»"]);
}

#[test]
fn an_own_intro_without_bbzh_leaves_the_abbreviation_out() {
    let intro = "[document]\nintro = \"Настоящий регламент определяет условия оказания помощи сотрудникам муниципального автономного общеобразовательного учреждения «Средняя общеобразовательная школа № 5» (далее — Учреждение) в работе с РИС «Электронная школа».\"\n\n[document.terms.school]";
    let project = regional_with(SCHOOL, "[document.terms.school]", intro);
    project.run(&["build"]).success();
    let text = project.page_text("public/shkola-5/regulation.html");
    assert_says(
        &text,
        &[
            "Администратор, ответственный за консультирование по вопросам работы в региональной информационной системе «Электронная школа» (далее — РИС «Электронная школа»), назначается приказом директора.",
        ],
    );
    assert_never_says(&text, &["ББЖ"]);
}

#[test]
fn an_own_intro_must_define_the_school_s_term() {
    let intro = "[document]\nintro = \"Настоящий регламент определяет условия оказания помощи сотрудникам МАОУ СОШ № 5.\"\n\n[document.terms.school]";
    let project = regional_with(SCHOOL, "[document.terms.school]", intro);
    let stderr = flat(&project.run(&["check"]).fails_with(1));
    assert_says(
        &stderr,
        &[
            "schools/shkola-5/school.toml:11:9",
            "`document.intro`: the regulation calls the school «Учреждение», but this intro never",
            "write «(далее — Учреждение)» after the school's name",
        ],
    );
}

#[test]
fn a_preset_promising_email_registration_without_an_address_is_a_problem() {
    let project = regional_with(
        PRESET,
        "voicemail = false\n",
        "voicemail = false\nemail_registration = \"24x7\"\n",
    );
    let stderr = flat(&project.run(&["check"]).fails_with(1));
    assert_says(
        &stderr,
        &[
            "content/platforms/eshkola-ural.toml:18:22",
            "`support.email_registration`: the pages would promise email registration, but the preset has no email address",
            "add [[support.emails]] with an address, or remove `email_registration`",
        ],
    );
}

#[test]
fn hours_naming_a_channel_the_preset_lacks_are_a_problem() {
    let project = regional_with(
        PRESET,
        r#"channels = ["phone", "social"]"#,
        r#"channels = ["email", "social"]"#,
    );
    let stderr = flat(&project.run(&["check"]).fails_with(1));
    assert_says(
        &stderr,
        &[
            "content/platforms/eshkola-ural.toml:19:",
            "`support.processing.channels[0]`: the preset has no `email` contact for these hours",
        ],
    );
}

#[test]
fn a_social_group_needs_its_address() {
    let project = regional_with(
        PRESET,
        "url = \"https://vk.com/eshkola_support_test\"\n",
        "",
    );
    let stderr = flat(&project.run(&["check"]).fails_with(1));
    assert_says(
        &stderr,
        &[
            "a `social` support channel needs its address",
            "add url = \"https://…\"",
        ],
    );
}

#[test]
fn internat_11_still_says_what_seed_001_says() {
    let project = Project::examples();
    project.run(&["build"]).success();
    let text = project.page_text("public/internat-11/regulation.html");
    assert_says(
        &text,
        &[
            "при работе в информационной системе «Дневник.ру» (далее — ИС «Дневник.ру») при переходе на безбумажный вариант ведения журналов успеваемости обучающихся (далее — ББЖ)",
            "Сотрудник общеобразовательной организации (далее — ОО), ответственный за консультирование по вопросам работы в ИС «Дневник.ру» при переходе ОО на ББЖ, назначается приказом руководителя общеобразовательной организации.",
            "Сотрудник ОО составляет график оказания помощи при работе в ИС «Дневник.ру», утверждает его совместно с руководителем ОО",
            "по электронной почте team@company.dnevnik.ru или по телефону: 8 (812) 490-70-33 (звонок платный).",
            "Регистрация телефонных обращений осуществляется ежедневно с 09:00 до 21:00 по московскому времени.",
            "Обработка обращений по электронной почте и по телефону осуществляется ежедневно с 09:00 до 21:00 по московскому времени.",
            "Пункты 5 и 6 настоящего Регламента не могут быть изменены общеобразовательной организацией",
        ],
    );
    assert_never_says(&text, &["Сотрудник оо", "в ис «дневник.ру»"]);
    let contacts = project.page_text("public/internat-11/contacts.html");
    assert_never_says(
        &contacts,
        &["Лично при личном обращении", "Онлайн-звонок звонок"],
    );
    let home = project.page_text("public/internat-11/index.html");
    assert_never_says(&home, &["Назначен: назначается", "в работе в ИС"]);
}

#[test]
fn a_preset_must_mark_a_contact_for_emergencies() {
    let project = regional();
    let preset = project.read(PRESET).edit_all("escalation = true\n", "");
    project.write(PRESET, &preset);
    let stderr = flat(&project.run(&["check"]).fails_with(1));
    assert_says(
        &stderr,
        &[
            "`support`: no support contact is marked escalation = true",
            "mark the contacts the regulation's emergency point names",
        ],
    );
}

#[test]
fn hours_around_the_clock_have_no_time() {
    let project = regional_with(
        PRESET,
        r#"phone_registration = { days = "workdays", time = "9:00-18:00" }"#,
        r#"phone_registration = { days = "24x7", time = "9:00-18:00" }"#,
    );
    let stderr = flat(&project.run(&["check"]).fails_with(1));
    assert_says(
        &stderr,
        &[
            "content/platforms/eshkola-ural.toml:18:",
            "hours around the clock have no `time`",
        ],
    );
}

#[test]
fn the_shared_emergency_article_names_the_vendors_group_as_the_regulation_does() {
    let text = page("faq/nestatnaya-situatsiya.html");
    assert!(text.contains("8 (343) 300-00-05"), "{text}");
    assert!(
        text.contains("через группу в «В Контакте»: vk.com/eshkola_support_test"),
        "{text}"
    );
    assert!(
        !text.contains("eshkola.example/obrashchenie"),
        "the form is not for emergencies: {text}"
    );
}
