//! The regulation's text against the data: every phone, address, time and deadline the text
//! names must be one the site's pages show, and every contact of a channel the regulation
//! governs must be in the text. A mismatch names both places, `file:line:column` in each.

use std::ops::Range;
use std::sync::Arc;

use super::Data;
use super::facts::{Fact, Kind, Value, phone_key, web_key};
use crate::data::school::RawPhone;
use crate::diagnostic::{FieldPath, Problem, SourceFile};
use crate::locale::t;
use crate::model::platform::Hours;
use crate::model::school::{AudienceHelp, Contact};
use crate::model::types::TimeRange;

/// A value one of the site's pages shows, and where the data says it.
#[derive(Debug, Clone)]
struct Stated {
    value: Value,
    file: Arc<SourceFile>,
    field: FieldPath,
    must_be_in_text: Governed,
}

/// Whether the text must name a value the pages show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Governed {
    /// A contact of the school's channels, a response time, the training deadline.
    Always,
    /// An escalation contact of the vendor: when the text names the vendor's support at all
    /// (by one of its contacts), it must name every escalation contact.
    WhenVendorNamed,
    /// Shown, but not something the regulation must say (office hours, the school's phones).
    Never,
}

/// Check the facts of the text against the data, pushing a problem for each mismatch.
pub fn check(text: &Arc<SourceFile>, facts: &[Fact], data: Data, problems: &mut Vec<Problem>) {
    let stated = stated(data);
    let contact = |kind| matches!(kind, Kind::Phone | Kind::Email | Kind::Web);
    let vendor_named = facts.iter().any(|fact| {
        (stated.iter())
            .filter(|s| is_vendor(s, data) && contact(s.value.kind()))
            .any(|s| fact.value.matches(&s.value))
    });
    let unknown: Vec<&Fact> = (facts.iter())
        .filter(|fact| !stated.iter().any(|s| fact.value.matches(&s.value)))
        .collect();
    let missing: Vec<&Stated> = (stated.iter())
        .filter(|s| match s.must_be_in_text {
            Governed::Always => true,
            Governed::WhenVendorNamed => vendor_named,
            Governed::Never => false,
        })
        .filter(|s| !facts.iter().any(|fact| fact.value.matches(&s.value)))
        .collect();
    for kind in KINDS {
        let unknown: Vec<&Fact> = unknown
            .iter()
            .copied()
            .filter(|f| f.value.kind() == kind)
            .collect();
        let mut missing = missing.iter().copied().filter(|s| s.value.kind() == kind);
        for fact in &unknown {
            let problem = match missing.next() {
                Some(data) => differs(text, fact, data),
                None => not_shown(text, fact, &stated),
            };
            problems.push(problem);
        }
        for data in missing {
            problems.push(not_in_text(text, facts, data));
        }
    }
}

const KINDS: [Kind; 6] = [
    Kind::Phone,
    Kind::Email,
    Kind::Web,
    Kind::Time,
    Kind::Response,
    Kind::Training,
];

fn is_vendor(stated: &Stated, data: Data) -> bool {
    data.platform_file
        .is_some_and(|file| Arc::ptr_eq(file, &stated.file))
}

/// The text says one value, the data another where the text's value was expected.
fn differs(text: &Arc<SourceFile>, fact: &Fact, data: &Stated) -> Problem {
    Problem::new(t!(
        "cross-differs",
        text = written(text, &fact.span),
        place = place(&data.file, data.file.span_of(&data.field)),
        field = data.field.to_string(),
        data = stated_text(data)
    ))
    .in_file(text)
    .with_span(Some(fact.span.clone()))
    .with_hint(t!(
        "cross-differs-hint",
        path = data.file.path.display().to_string()
    ))
    .with_related(
        Problem::new(t!("cross-data-says", data = stated_text(data)))
            .in_file(&data.file)
            .with_span(data.file.span_of(&data.field))
            .with_field(data.field.to_string()),
    )
}

/// The text names a value that no page shows.
fn not_shown(text: &Arc<SourceFile>, fact: &Fact, stated: &[Stated]) -> Problem {
    let kind = fact.value.kind();
    let same: Vec<String> = (stated.iter())
        .filter(|s| s.value.kind() == kind)
        .take(3)
        .map(|s| {
            let at = place(&s.file, s.file.span_of(&s.field));
            format!("`{}` ({at})", stated_text(s))
        })
        .collect();
    let shown = if same.is_empty() {
        t!("cross-site-shows-none", kind = name(kind))
    } else {
        t!("cross-site-shows", values = same.join(", "))
    };
    Problem::new(t!(
        "cross-not-shown",
        kind = name(kind),
        text = written(text, &fact.span),
        shown = shown
    ))
    .in_file(text)
    .with_span(Some(fact.span.clone()))
    .with_hint(t!("cross-readme", hint = add_hint(kind)))
}

/// The pages show a contact (or a deadline) of a channel the regulation governs, and the text
/// does not have it.
fn not_in_text(text: &Arc<SourceFile>, facts: &[Fact], data: &Stated) -> Problem {
    let kind = data.value.kind();
    let nearest = facts.iter().find(|fact| fact.value.kind() == kind);
    let related = nearest.map(|fact| {
        Problem::new(t!("cross-names-here", text = written(text, &fact.span)))
            .in_file(text)
            .with_span(Some(fact.span.clone()))
    });
    let where_text = match nearest {
        Some(fact) => t!(
            "cross-names-other",
            place = place(text, Some(fact.span.clone())),
            text = written(text, &fact.span)
        ),
        None => t!(
            "cross-names-none",
            path = text.path.display().to_string(),
            kind = name(kind)
        ),
    };
    let problem = Problem::new(t!(
        "cross-not-in-text",
        kind = name(kind),
        data = stated_text(data),
        where_text = where_text
    ))
    .in_file(&data.file)
    .with_span(data.file.span_of(&data.field))
    .with_field(data.field.to_string())
    .with_hint(t!(
        "cross-not-in-text-hint",
        path = text.path.display().to_string()
    ));
    match related {
        Some(related) => problem.with_related(related),
        None => problem,
    }
}

fn name(kind: Kind) -> String {
    match kind {
        Kind::Phone => t!("cross-kind-phone"),
        Kind::Email => t!("cross-kind-email"),
        Kind::Web => t!("cross-kind-web"),
        Kind::Time => t!("cross-kind-time"),
        Kind::Response => t!("cross-kind-response"),
        Kind::Training => t!("cross-kind-training"),
    }
}

fn add_hint(kind: Kind) -> String {
    match kind {
        Kind::Phone | Kind::Email | Kind::Web => t!("cross-add-contact"),
        Kind::Time => t!("cross-add-hours"),
        Kind::Response => t!("cross-add-response"),
        Kind::Training => t!("cross-add-training"),
    }
}

/// `file:line:column` of a span, or the file alone.
fn place(file: &SourceFile, span: Option<Range<usize>>) -> String {
    match span {
        Some(span) => {
            let (line, column) = file.line_column(span.start);
            format!("{}:{line}:{column}", file.path.display())
        }
        None => file.path.display().to_string(),
    }
}

/// The text at `span`, on one line.
fn written(file: &SourceFile, span: &Range<usize>) -> String {
    let text = file.text.get(span.clone()).unwrap_or_default();
    crate::model::text::shown(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The value as its data file writes it.
fn stated_text(stated: &Stated) -> String {
    match stated.file.span_of(&stated.field) {
        Some(span) => {
            let text = written(&stated.file, &span);
            let unquoted = text.strip_prefix('"').and_then(|t| t.strip_suffix('"'));
            unquoted.map_or(text.clone(), str::to_owned)
        }
        None => format!("{:?}", stated.value),
    }
}

/// Every value the pages show that the text could name, with its place in the data.
fn stated(data: Data) -> Vec<Stated> {
    let mut out = Vec::new();
    let mut school = |field, value, governed| {
        out.push(Stated::new(data.school_file, field, value, governed));
    };
    identity(data, &mut school);
    channels(data, &mut school);
    times(data, &mut school);
    if let Some(preset) = data.platform_file {
        vendor(data, &mut |field, value, governed| {
            out.push(Stated::new(preset, field, value, governed));
        });
    }
    out
}

impl Stated {
    fn new(file: &Arc<SourceFile>, field: FieldPath, value: Value, governed: Governed) -> Self {
        Stated {
            value,
            file: Arc::clone(file),
            field,
            must_be_in_text: governed,
        }
    }
}

/// Adds one value the pages show, at `field` of its file.
type Add<'a> = dyn FnMut(FieldPath, Value, Governed) + 'a;

/// The school's own phones, emails and website, and its consultants': shown, not governed.
fn identity(data: Data, add: &mut Add) {
    let at = FieldPath::root().key("school");
    for (i, phone) in data.raw.school.phones.iter().enumerate() {
        let (field, number) = match phone {
            RawPhone::Plain(number) => (at.key("phones").index(i), number),
            RawPhone::Labelled(l) => (at.key("phones").index(i).key("number"), &l.number),
        };
        add(field, Value::Phone(phone_key(number)), Governed::Never);
    }
    let identity = &data.school.identity;
    for (i, email) in identity.emails.iter().enumerate() {
        let value = email_value(email.as_str());
        add(at.key("emails").index(i), value, Governed::Never);
    }
    if let Some(site) = &identity.website {
        let value = Value::Web(web_key(site.href()));
        add(at.key("website"), value, Governed::Never);
    }
    for (i, consultant) in data.school.consultants.iter().enumerate() {
        let at = FieldPath::root().key("consultants").index(i);
        if let Some(phone) = &consultant.phone {
            let value = Value::Phone(phone_key(phone.display()));
            add(at.key("phone"), value, Governed::Never);
        }
        if let Some(email) = &consultant.email {
            add(
                at.key("email"),
                email_value(email.as_str()),
                Governed::Never,
            );
        }
    }
}

/// The contacts and response times of the staff's and parents' channels, and the training
/// deadline: what the regulation governs.
fn channels(data: Data, add: &mut Add) {
    let school = data.school;
    for (key, help) in [("staff", &school.staff), ("parents", &school.parents)] {
        if let Some(help) = help {
            audience(help, &FieldPath::root().key(key), &mut |field, value| {
                add(field, value, Governed::Always);
            });
        }
    }
    if let Some(days) = school.help.training_days {
        let field = FieldPath::root().key("help").key("training_days");
        add(field, Value::Training(days), Governed::Always);
    }
}

/// The times of the office hours and events, as written in `school.toml`.
fn times(data: Data, add: &mut Add) {
    let root = FieldPath::root();
    for (i, slot) in data.raw.schedule.slots.iter().enumerate() {
        if let Ok(range) = TimeRange::parse(&slot.time) {
            let field = root.key("schedule").key("slots").index(i).key("time");
            add(field, Value::Window(range), Governed::Never);
        }
    }
    for (i, event) in data.raw.events.iter().enumerate() {
        if let Ok(range) = TimeRange::parse(&event.time) {
            let field = root.key("events").index(i).key("time");
            add(field, Value::Window(range), Governed::Never);
        }
    }
}

fn email_value(address: &str) -> Value {
    Value::Email(address.to_lowercase())
}

/// The contacts and response times of the school's channels for one audience.
fn audience(help: &AudienceHelp, at: &FieldPath, add: &mut dyn FnMut(FieldPath, Value)) {
    if let Some(response) = &help.response {
        add(at.key("response"), Value::Response(response.time));
    }
    for (i, channel) in help.channels.iter().enumerate() {
        let at = at.key("channels").index(i);
        match &channel.contact {
            Some(Contact::Phone(phone)) => {
                add(at.key("phone"), Value::Phone(phone_key(phone.display())));
            }
            Some(Contact::Email(email)) => add(at.key("email"), email_value(email.as_str())),
            Some(Contact::Web(url)) => add(at.key("url"), Value::Web(web_key(url.href()))),
            None => {}
        }
        if let Some(response) = &channel.response {
            add(at.key("response"), Value::Response(response.time));
        }
    }
}

/// The vendor's contacts and hours, from the platform preset.
fn vendor(data: Data, add: &mut Add) {
    let support = &data.platform.support;
    let at = FieldPath::root().key("support");
    let governed = |escalation: bool| {
        if escalation && !data.school.escalation.is_empty() {
            Governed::WhenVendorNamed
        } else {
            Governed::Never
        }
    };
    for (i, email) in support.emails.iter().enumerate() {
        let field = at.key("emails").index(i).key("address");
        add(
            field,
            email_value(email.address.as_str()),
            governed(email.escalation),
        );
    }
    for (i, phone) in support.phones.iter().enumerate() {
        let field = at.key("phones").index(i).key("number");
        let value = Value::Phone(phone_key(phone.number.display()));
        add(field, value, governed(phone.escalation));
    }
    for (i, channel) in support.channels.iter().enumerate() {
        if let Some(url) = &channel.url {
            let field = at.key("channels").index(i).key("url");
            // An escalation channel (a social-network group) is a contact of the emergency point.
            let value = Value::Web(web_key(url.href()));
            add(field, value, governed(channel.escalation));
        }
    }
    for (key, hours) in support.hours_by_key() {
        if let Some(Hours::Window { time, .. }) = hours {
            add(
                at.key(key).key("time"),
                Value::Window(time),
                Governed::Never,
            );
        }
    }
}
