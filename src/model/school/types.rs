//! The validated school's types: what the views, the schedule and the feeds read. Validation
//! from the raw serde types is in the parent module.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::diagnostic::ParseError;
use crate::locale::t;
use crate::model::base_url::BaseUrl;
use crate::model::platform::Platform;
use crate::model::response::Response;
use crate::model::terms::Terms;
use crate::model::text::shown;
use crate::model::types::{Audience, Email, Gender, Language, Phone, TimeRange, WebUrl};
use crate::model::weekdays::Weekdays;

#[derive(Debug, Clone)]
pub struct School {
    pub slug: String,
    pub language: Language,
    pub identity: Identity,
    pub document: Document,
    pub platform: Arc<Platform>,
    pub consultants: Vec<Consultant>,
    pub helpers: Vec<Helper>,
    pub help: Help,
    pub staff: Option<AudienceHelp>,
    pub parents: Option<AudienceHelp>,
    /// Who may turn to the vendor's support service themselves in an emergency.
    pub escalation: Vec<Audience>,
    pub schedule: Schedule,
    pub rules: Rules,
    /// In order, none overlapping: `[school_year]`, or every `[[school_years]]`.
    #[allow(
        clippy::struct_field_names,
        reason = "named as its key in school.toml, which the README documents"
    )]
    pub school_years: Vec<SchoolYear>,
    pub events: Vec<Event>,
}

/// The school year: office hours run from `start` to `end`, except in vacations and on rest days.
#[derive(Debug, Clone)]
pub struct SchoolYear {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub working_weekends: WorkingWeekendRule,
    pub terms: Vec<Period>,
    pub vacations: Vec<Period>,
    /// The weekly slots (indexes into `Schedule::slots`) held in this year; `None`: all of them.
    pub slots: Option<Vec<usize>>,
    /// Day of the year (days since `start`) -> the first vacation holding it: the calendar asks
    /// for every slot and week, and a scan of the vacations each time made that quadratic.
    vacation_days: Vec<Option<usize>>,
}

impl SchoolYear {
    pub fn new(
        (start, end): (NaiveDate, NaiveDate),
        working_weekends: WorkingWeekendRule,
        terms: Vec<Period>,
        vacations: Vec<Period>,
    ) -> SchoolYear {
        let days = usize::try_from((end - start).num_days() + 1).unwrap_or(0);
        let mut vacation_days = vec![None; days];
        for (i, vacation) in vacations.iter().enumerate() {
            let from = vacation.start.max(start);
            let to = vacation.end.min(end);
            for day in from.iter_days().take_while(|d| *d <= to) {
                let offset = usize::try_from((day - start).num_days()).ok();
                if let Some(slot) = offset.and_then(|o| vacation_days.get_mut(o)) {
                    slot.get_or_insert(i);
                }
            }
        }
        SchoolYear {
            start,
            end,
            working_weekends,
            terms,
            vacations,
            slots: None,
            vacation_days,
        }
    }

    /// The vacation `date` falls in, if any (a date outside the year is looked for in the list).
    pub fn vacation(&self, date: NaiveDate) -> Option<&Period> {
        let offset = usize::try_from((date - self.start).num_days()).ok();
        match offset.and_then(|o| self.vacation_days.get(o)) {
            Some(index) => index.and_then(|i| self.vacations.get(i)),
            None => self.vacations.iter().find(|v| v.contains(date)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    pub fn contains(&self, date: NaiveDate) -> bool {
        (self.start..=self.end).contains(&date)
    }
}

/// What a Saturday or Sunday made a working day by the production calendar means for office hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkingWeekendRule {
    /// No office hours: the day stays a day without consultations.
    Skip,
    /// The office hours of the weekday whose rest was moved take place on the working weekend.
    ReplacedDay,
}

/// A one-off event.
#[derive(Debug, Clone)]
pub struct Event {
    /// Stable identity for calendars: given, or made from the date and the order on that date.
    pub id: String,
    pub title: String,
    pub kind: EventKind,
    pub date: NaiveDate,
    pub time: TimeRange,
    pub place: String,
    pub audiences: Vec<Audience>,
    pub consultant: Option<usize>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    Seminar,
    Training,
    ParentMeeting,
    Consultation,
}

impl EventKind {
    const NAMES: [(&'static str, EventKind); 4] = [
        ("seminar", EventKind::Seminar),
        ("training", EventKind::Training),
        ("parent_meeting", EventKind::ParentMeeting),
        ("consultation", EventKind::Consultation),
    ];

    pub fn key(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, kind)| *kind == self)
            .map_or("consultation", |(name, _)| name)
    }

    pub(crate) fn parse(text: &str) -> Result<Self, ParseError> {
        Self::NAMES
            .iter()
            .find(|(name, _)| *name == text)
            .map(|(_, kind)| *kind)
            .ok_or_else(|| ParseError {
                message: t!("event-kind", text = shown(text)),
                hint: t!(
                    "write-one-of",
                    known = Self::NAMES.map(|(name, _)| name).join(", ")
                ),
            })
    }
}

/// A change to one session of a weekly slot.
#[derive(Debug, Clone)]
pub struct Exception {
    /// Index into `Schedule::slots`.
    pub slot: usize,
    pub date: NaiveDate,
    pub change: Change,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Cancelled,
    Moved {
        date: Option<NaiveDate>,
        time: Option<TimeRange>,
        place: Option<String>,
    },
}

#[derive(Debug, Clone)]
pub struct Identity {
    pub full_name: String,
    pub full_name_genitive: Option<String>,
    pub short_name: String,
    pub address: Option<String>,
    pub timezone: Tz,
    pub website: Option<WebUrl>,
    /// The public address of the school's folder (`base_url`).
    pub base_url: Option<BaseUrl>,
    pub phones: Vec<LabelledPhone>,
    pub emails: Vec<Email>,
}

#[derive(Debug, Clone)]
pub struct LabelledPhone {
    pub phone: Phone,
    pub label: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub title: Option<String>,
    pub intro: Option<String>,
    pub terms: Terms,
    pub appendix: Option<Appendix>,
    pub approvals: Vec<Approval>,
}

/// «Приложение N к приказу «…» № … от …».
#[derive(Debug, Clone)]
pub struct Appendix {
    pub number: Option<String>,
    pub order: String,
    pub order_number: Option<String>,
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct Approval {
    pub kind: ApprovalKind,
    pub by: String,
    pub person: Option<String>,
    pub date: Option<NaiveDate>,
    pub protocol: Option<String>,
}

/// СОГЛАСОВАНО / УТВЕРЖДАЮ / РАССМОТРЕНО.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApprovalKind {
    Agreed,
    Approved,
    Reviewed,
}

impl ApprovalKind {
    pub fn key(self) -> &'static str {
        match self {
            ApprovalKind::Agreed => "agreed",
            ApprovalKind::Approved => "approved",
            ApprovalKind::Reviewed => "reviewed",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Consultant {
    pub id: String,
    pub name: Option<String>,
    pub role: String,
    /// What tables, cards and calendars call a consultant without a name: `title`, or the role
    /// up to its first comma («сотрудник ОО» of «сотрудник ОО, ответственный за …»).
    pub title: String,
    pub gender: Option<Gender>,
    pub appointed_by: Option<String>,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
}

#[derive(Debug, Clone)]
pub struct Helper {
    pub who: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Help {
    /// Deadline for training a new employee, in working days.
    pub training_days: Option<u32>,
    pub topics: Vec<Topic>,
    pub for_parents: bool,
}

/// A consultation topic: the standard ones of the regulation or the school's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Topic {
    Standard(&'static str),
    Custom(String),
}

pub const STANDARD_TOPICS: [&str; 6] = [
    "schedule",
    "grades",
    "attendance",
    "lesson_planning",
    "lessons",
    "timely_entry",
];

#[derive(Debug, Clone)]
pub struct AudienceHelp {
    pub response: Option<Response>,
    /// «Ответ должен быть дан в течение минимально возможного срока».
    pub asap: bool,
    pub channels: Vec<Channel>,
}

#[derive(Debug, Clone)]
pub struct Channel {
    pub kind: ChannelKind,
    pub contact: Option<Contact>,
    pub note: Option<String>,
    pub response: Option<Response>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelKind {
    InPerson,
    ParentMeeting,
    Seminar,
    Phone,
    Email,
    Website,
    Chat,
    OnlineCall,
    Other,
}

impl ChannelKind {
    const NAMES: [(&'static str, ChannelKind); 9] = [
        ("in_person", ChannelKind::InPerson),
        ("parent_meeting", ChannelKind::ParentMeeting),
        ("seminar", ChannelKind::Seminar),
        ("phone", ChannelKind::Phone),
        ("email", ChannelKind::Email),
        ("website", ChannelKind::Website),
        ("chat", ChannelKind::Chat),
        ("online_call", ChannelKind::OnlineCall),
        ("other", ChannelKind::Other),
    ];

    pub(super) fn parse(text: &str) -> Result<Self, ParseError> {
        Self::NAMES
            .iter()
            .find(|(name, _)| *name == text)
            .map(|(_, kind)| *kind)
            .ok_or_else(|| ParseError {
                message: t!("channel-kind", text = shown(text)),
                hint: t!(
                    "write-one-of",
                    known = Self::NAMES.map(|(name, _)| name).join(", ")
                ),
            })
    }

    pub fn key(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, kind)| *kind == self)
            .map_or("other", |(name, _)| name)
    }
}

#[derive(Debug, Clone)]
pub enum Contact {
    Phone(Phone),
    Email(Email),
    Web(WebUrl),
}

#[derive(Debug, Clone)]
pub struct Schedule {
    /// Where the schedule is posted («на информационном стенде ОО», «на сайте ОО»); empty: the
    /// regulation's standard places, worded with the school's term.
    pub posted: Vec<String>,
    pub note: Option<String>,
    pub slots: Vec<Slot>,
    pub exceptions: Vec<Exception>,
    /// (slot, date) -> index into `exceptions`: the calendar asks once per slot and week.
    exception_index: HashMap<(usize, NaiveDate), usize>,
    /// Consultant index -> indexes of their slots, in schedule order.
    by_consultant: HashMap<usize, Vec<usize>>,
}

impl Schedule {
    pub(super) fn new(posted: Vec<String>, note: Option<String>, slots: Vec<Slot>) -> Schedule {
        let mut by_consultant: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, slot) in slots.iter().enumerate() {
            by_consultant.entry(slot.consultant).or_default().push(i);
        }
        Schedule {
            posted,
            note,
            slots,
            exceptions: Vec::new(),
            exception_index: HashMap::new(),
            by_consultant,
        }
    }

    pub(super) fn with_exceptions(mut self, exceptions: Vec<Exception>) -> Schedule {
        self.exception_index = exceptions
            .iter()
            .enumerate()
            .map(|(i, e)| ((e.slot, e.date), i))
            .collect();
        self.exceptions = exceptions;
        self
    }

    /// The change to slot `slot`'s session on `date`, if any.
    pub fn exception(&self, slot: usize, date: NaiveDate) -> Option<&Exception> {
        let index = self.exception_index.get(&(slot, date))?;
        self.exceptions.get(*index)
    }
}

/// One weekly consultation slot, held on one or more days of the week.
#[derive(Debug, Clone)]
pub struct Slot {
    /// Stable identity for calendars: given, or made from the days, the consultant and the order.
    pub id: String,
    pub weekdays: Weekdays,
    pub time: TimeRange,
    /// `None` when the regulation names no place: the pages say where to ask instead.
    pub place: Option<String>,
    /// Index into `School::consultants`.
    pub consultant: usize,
    /// Empty means everyone.
    pub audiences: Vec<Audience>,
}

#[derive(Debug, Clone)]
pub struct Rules {
    pub clear_request: Rule,
    pub emergency: Rule,
    pub etiquette: Rule,
    pub reference_materials: Rule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    Standard,
    Off,
    Custom(String),
}

impl School {
    pub fn consultant(&self, slot: &Slot) -> &Consultant {
        &self.consultants[slot.consultant]
    }

    /// The weekly office hours a consultant keeps, in schedule order.
    pub fn slots_of<'a>(&'a self, consultant: &'a Consultant) -> impl Iterator<Item = &'a Slot> {
        let index = self.consultant_index(consultant);
        let slots = index.and_then(|i| self.schedule.by_consultant.get(&i));
        slots
            .into_iter()
            .flatten()
            .filter_map(|i| self.schedule.slots.get(*i))
    }

    /// The index of a consultant of this school: from its address when it is an element of
    /// `consultants` (callers loop over them, so a search by id would make that loop quadratic).
    fn consultant_index(&self, consultant: &Consultant) -> Option<usize> {
        let offset = (std::ptr::from_ref::<Consultant>(consultant) as usize)
            .wrapping_sub(self.consultants.as_ptr() as usize)
            / std::mem::size_of::<Consultant>().max(1);
        match self.consultants.get(offset) {
            Some(found) if std::ptr::eq(found, consultant) => Some(offset),
            _ => self.consultants.iter().position(|c| c.id == consultant.id),
        }
    }

    pub fn audience_help(&self, audience: Audience) -> Option<&AudienceHelp> {
        match audience {
            Audience::Staff => self.staff.as_ref(),
            Audience::Parents => self.parents.as_ref(),
        }
    }
}
