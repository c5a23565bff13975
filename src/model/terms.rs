//! The terms of the generated regulation: how it names the school, its head and the person
//! responsible for consultations, and where it defines the school's term.

use super::check_texts;
use crate::data::school::{RawDocument, RawTerms};
use crate::diagnostic::{Collector, FieldPath};
use crate::locale::t;

/// The template's own term for the school, defined in point 2 as the seeds do:
/// «Сотрудник общеобразовательной организации (далее — ОО)».
pub const DEFAULT_SCHOOL: &str = "ОО";

#[derive(Debug, Clone)]
pub struct Terms {
    pub school: SchoolTerm,
    /// `None`: «руководитель» and the school's term («руководителя ОО»).
    pub head: Option<HeadTerm>,
    /// `None`: «сотрудник» and the school's term («сотрудник ОО»).
    pub responsible: Option<ResponsibleTerm>,
    pub defined_in: Definition,
}

/// The school's term after its definition, in the cases the template needs.
#[derive(Debug, Clone)]
pub struct SchoolTerm {
    /// «Учреждение», as in «(далее — Учреждение)».
    pub name: String,
    /// «сотрудники Учреждения».
    pub genitive: String,
    /// «в Учреждении».
    pub prepositional: String,
}

#[derive(Debug, Clone)]
pub struct HeadTerm {
    /// «приказом директора».
    pub genitive: String,
    /// «совместно с директором».
    pub instrumental: String,
}

#[derive(Debug, Clone)]
pub struct ResponsibleTerm {
    /// «администратор».
    pub name: String,
    /// «функциональные обязанности администратора».
    pub genitive: String,
}

/// Where the regulation defines the school's term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Definition {
    /// In point 2, inside «Сотрудник общеобразовательной организации (далее — ОО)»: the template's
    /// words, kept while the school and the responsible person keep the template's terms.
    PointTwo,
    /// In point 1: the standard intro adds «(далее — …)» after the school's name; a school's own
    /// intro must say it (checked).
    Intro,
}

impl Terms {
    /// The template's terms, for a school without `[document.terms]`.
    pub fn standard() -> Terms {
        Terms {
            school: SchoolTerm {
                name: DEFAULT_SCHOOL.into(),
                genitive: DEFAULT_SCHOOL.into(),
                prepositional: DEFAULT_SCHOOL.into(),
            },
            head: None,
            responsible: None,
            defined_in: Definition::PointTwo,
        }
    }
}

/// `[document.terms]`, checked against the school's own intro; `at` is `document`.
pub fn validate_terms(raw: &RawDocument, at: &FieldPath, report: &mut Collector) -> Option<Terms> {
    let Some(terms) = &raw.terms else {
        return Some(Terms::standard());
    };
    let texts = check_term_texts(terms, &at.key("terms"), report);
    let school = terms.school.as_ref().map(|s| SchoolTerm {
        name: s.name.clone(),
        genitive: s.genitive.clone().unwrap_or_else(|| s.name.clone()),
        prepositional: s.prepositional.clone().unwrap_or_else(|| s.name.clone()),
    });
    let defined_in = if school.is_some() || terms.responsible.is_some() {
        Definition::Intro
    } else {
        Definition::PointTwo
    };
    let school = school.unwrap_or_else(|| Terms::standard().school);
    texts?;
    if defined_in == Definition::Intro {
        check_intro_defines(raw.intro.as_deref(), &school.name, at, report)?;
    }
    Some(Terms {
        school,
        head: terms.head.as_ref().map(|h| HeadTerm {
            genitive: h.genitive.clone(),
            instrumental: h.instrumental.clone(),
        }),
        responsible: terms.responsible.as_ref().map(|r| ResponsibleTerm {
            name: r.name.clone(),
            genitive: r.genitive.clone(),
        }),
        defined_in,
    })
}

fn check_term_texts(terms: &RawTerms, at: &FieldPath, report: &mut Collector) -> Option<()> {
    let mut valid = true;
    if let Some(school) = &terms.school {
        let lines = [
            ("name", Some(school.name.as_str())),
            ("genitive", school.genitive.as_deref()),
            ("prepositional", school.prepositional.as_deref()),
        ];
        valid &= check_texts(report, &at.key("school"), &lines, &[]).is_some();
    }
    if let Some(head) = &terms.head {
        let lines = [
            ("genitive", Some(head.genitive.as_str())),
            ("instrumental", Some(head.instrumental.as_str())),
        ];
        valid &= check_texts(report, &at.key("head"), &lines, &[]).is_some();
    }
    if let Some(responsible) = &terms.responsible {
        let lines = [
            ("name", Some(responsible.name.as_str())),
            ("genitive", Some(responsible.genitive.as_str())),
        ];
        valid &= check_texts(report, &at.key("responsible"), &lines, &[]).is_some();
    }
    valid.then_some(())
}

/// A school's own intro that replaces the standard one must define the term the rest uses.
fn check_intro_defines(
    intro: Option<&str>,
    name: &str,
    at: &FieldPath,
    report: &mut Collector,
) -> Option<()> {
    let Some(intro) = intro else { return Some(()) };
    if defines(intro, name) {
        return Some(());
    }
    report.report(
        &at.key("intro"),
        t!("terms-undefined", name = name),
        t!(
            "terms-undefined-hint",
            name = name,
            default = DEFAULT_SCHOOL
        ),
    );
    None
}

/// Whether `text` says «далее — term» (any dash, or none: «далее ББЖ», «далее-ОО»).
pub fn defines(text: &str, term: &str) -> bool {
    text.match_indices("далее").any(|(at, word)| {
        let rest = &text[at + word.len()..];
        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "—–-:".contains(c));
        rest.starts_with(term)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_are_found_whatever_the_dash() {
        assert!(defines(
            "учреждения «Школа № 1» (далее — Учреждение)",
            "Учреждение"
        ));
        assert!(defines("журналов (далее-ББЖ), а также", "ББЖ"));
        assert!(defines("журналов (далее ББЖ)", "ББЖ"));
        assert!(!defines("сотрудникам Учреждения при работе", "Учреждение"));
        assert!(!defines("далее — ОО", "Учреждение"));
    }
}
