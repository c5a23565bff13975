# Spravka's own messages in English. Each id must also be in ../ru/spravka.ftl with the same
# variables (a unit test of src/locale.rs checks it). Field names, TOML and commands stay as
# they are in every language.

## The error of a whole command (src/error.rs)

error-line = error: { $message }
hint-line = hint: { $hint }
error-problems-found = { $n } problem(s) found
error-io = cannot { $action } { $path }: { $source }
error-render = cannot render { $page } of school `{ $school }`: { $message }
error-render-hint = check the template named last; header.html and footer.html are made once for all pages of a kind and see only `school`, `t`, `doc`, `calendar`, `nav` and `page.key`, `page.root`, `page.site_index` (README, Themes)
error-busy = another build is writing into { $out }
error-busy-hint = wait until it ends (a running `spravka serve` rebuilds into its output folder), or build into another folder with --out DIR
error-interrupted = interrupted; the output folder was left as it was
error-nothing-written = error: { $counted }; nothing was written
count-problems-found = { $n ->
    [one] { $n } problem found
   *[other] { $n } problems found
    }
count-warnings-denied = { $n ->
    [one] { $n } warning found (--deny-warnings)
   *[other] { $n } warnings found (--deny-warnings)
    }
count-problems-and-warnings = { $n ->
    [one] { $n } problem
   *[other] { $n } problems
    } and { $warnings ->
    [one] { $warnings } warning
   *[other] { $warnings } warnings
    } found

io-read = read
io-write = write
io-create-folder = create folder
io-remove-folder = remove folder
io-remove = remove
io-move = move
io-list-folder = list folder
io-open-folder = open folder
io-find = find
io-lock = lock
io-watch = watch
io-zip = zip
io-start-server = start the preview server for
io-install-handler = install the handler of
io-complete-journal = complete the interrupted build recorded in
count-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
    }

## Problems drawn (src/diagnostic.rs)

diag-warning = warning: { $headline }
diag-here = here
diag-help = help
diag-advice = Advice

## Commands (src/cmd/)

check-no-problems = checked { $schools } school(s) and { $articles } article page(s): no problems found
check-no-errors = checked { $schools } school(s) and { $articles } article page(s): no errors
count-warnings = { $n ->
    [one] { $n } warning
   *[other] { $n } warnings
    }
new-bad-slug = `{ $slug }` cannot be a school's folder name
new-bad-slug-hint = use small Latin letters, digits and hyphens, such as school-27
new-unknown-platform = unknown platform `{ $platform }`
new-known-platforms = known platforms: { $platforms }
new-no-platforms = none (content/platforms/ is missing)
new-exists = { $path } already exists
new-exists-hint = choose another name, or edit the existing school.toml
new-created = created { $path }
    fill in every value marked ЗАПОЛНИТЕ, then run `spravka check` to see what is left

## Warnings of a valid school (src/model/lints.rs)

list-and = { $first } and { $last }
lint-next-year-hint = describe the next school year as soon as it is approved (a [[school_years]] entry with start, end, terms and vacations, README), and build the site again
lint-year-ended = the school year ended on { $end }; the site has no current office hours
lint-year-ending = the school year ends on { $end } ({ $days } from { $today }) and no next school year is described
lint-no-calendar = there is no production calendar for { $year }: only Saturdays and Sundays are taken as days off, so office hours on its public holidays are shown as held
lint-no-calendar-hint = add content/calendar/ru-{ $year }.toml with the holidays, days off and working weekends of { $year } from the government's decree (see the README, «The production calendar»)
lint-slot-is-here = slot { $slot } is here
lint-overlap = this slot of `{ $who }` ({ $time }) overlaps slot { $other } ({ $other_time }) on a common day: one person cannot hold both
lint-overlap-hint = change the time or the days of one of them, or give one to another consultant
lint-more-overlaps = { $n } more slots overlap an earlier slot of the same consultant
lint-more-overlaps-hint = fix the overlaps shown first, then check again
lint-slot-hours = the slot { $time } is outside { $earliest }–{ $latest }
lint-slot-hours-hint = check the time: write hours from 0 to 23, such as 15:00-16:00 for 3 to 4 pm
lint-slot-short = the slot { $time } lasts { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
    }
lint-slot-short-hint = check the end time: office hours last at least { $n } minutes, such as 15:00-16:00
lint-parents-without-contacts = the school helps parents, but the site shows them no phone or email to reach it
lint-parents-without-contacts-hint = add a channel to [parents] such as [[parents.channels]] kind = "phone", phone = "…", or the school's phones or emails in [school]; if the school does not help parents, write parents = false in [help]
lint-no-consent = the { $what } of consultant `{ $id }` { $n ->
    [one] is
   *[other] are
    } published without a recorded consent (152-ФЗ, ст. 10.1)
lint-no-consent-hint = record the person's written consent to publish them: consent = 2026-08-28 (its date) or consent = "согласие № 12 от 28.08.2026"; or leave them out and keep the role
lint-consent-name = name
lint-consent-phone = phone
lint-consent-email = email
lint-consent-empty = the consent is empty
lint-consent-empty-hint = write the date of the written consent, such as consent = 2026-08-28, or the document, such as consent = "согласие № 12 от 28.08.2026"
lint-unshown-article = no school shows the article `{ $id }`: none uses its platforms
lint-unshown-article-hint = list in `platforms` the platform of a school that should show it, or delete the file

## Values (src/model/types.rs)

value-not-weekday = `{ $text }` is not a day of the week
value-not-weekday-hint = write monday … sunday (or пн, вт, ср, чт, пт, сб, вс)
value-not-gender = `{ $text }` is not a gender
value-not-gender-hint = write "f" (назначена) or "m" (назначен), or leave `gender` out
value-not-time = `{ $text }` is not a time of day
value-not-time-hint = write hours and minutes, such as 9:00 or 14:30
value-not-time-range = `{ $text }` is not a time range
value-not-time-range-hint = write a start and an end with a dash, such as 14:00-16:00 (or с 14.00 до 16.00)
value-range-backwards = the range `{ $text }` ends before it starts
value-range-backwards-hint = put the earlier time first, such as 14:00-16:00
value-not-phone = `{ $text }` is not a phone number
value-not-phone-hint = write digits with optional spaces, dashes and brackets, such as 8 (812) 490-70-33 or +7 495 582 69 00
value-not-email = `{ $text }` is not an email address
value-not-email-hint = { $hint }; an email address looks like name@school.ru
email-one-at = an address has exactly one `@`
email-mixed-scripts = `{ $text }` mixes scripts: { $letters }; a look-alike letter makes another address, so retype it in the Latin layout
email-local-non-ascii = the part before `@` has `{ $c }`: write it in Latin letters, digits and . _ - +
email-local-length = the part before `@` has 1 to 64 characters
email-local-char = the part before `@` cannot hold `{ $c }`: use Latin letters, digits and . _ - +
email-local-dots = a dot in the part before `@` goes between letters, never twice in a row
domain-no-dot = `{ $text }` is not a domain name with a dot, such as school.ru
domain-numeric = `{ $text }` is not a domain name: write the site's name, not a numeric address
domain-label-length = each part of a domain between dots has 1 to 63 characters
domain-char = a domain holds letters, digits, hyphens and dots, not `{ $c }`
domain-hyphen = a part of a domain cannot start or end with a hyphen: `{ $text }`
domain-mixed-scripts = the domain part `{ $text }` mixes scripts: { $letters } — a look-alike letter leads to another site; retype it
url-not-web-address = `{ $text }` is not a web address
url-example = write the address of the site, such as https://school.ru or www.school.ru
url-scheme = only http:// and https:// addresses can be links here, not `{ $scheme }:`; { $example }
url-slashes = write two slashes after `{ $scheme }:`, such as { $scheme }://school.ru
url-a-space = a space
url-char = a web address cannot hold { $c }; { $example }
url-user = remove `{ $user }@`: a browser ignores everything before `@` in an address and opens `{ $host }`
url-port = `{ $port }` is not a port number (1 to 65535)
value-not-audience = `{ $text }` is not an audience
value-not-audience-hint = write "staff" or "parents"
value-not-language = `{ $text }` is not a supported language
value-not-language-hint = write "ru" or "en"
value-not-zone = `{ $text }` is not an IANA time zone
zone-hint-examples = write a zone name such as Europe/Moscow, Asia/Krasnoyarsk or Asia/Yekaterinburg (the zone of the school's city)
zone-hint-one = write the zone's name exactly: { $zone }
zone-hint-several = write the name of the school's zone, one of { $zones }

## Hints for what teachers type (src/data/hints.rs)

hint-close-quote = close the quote: the text ends with { $quote } on the same line, such as { $example } (for text of several lines, write """ before and after it)
hint-date-order = write the date as year-month-day: { $example }
hint-quote-text = put text in quotes: { $example }

## The parser's messages, said again (src/data/foreign.rs); English shows the parser's own text

toml-other = { $message }
toml-missing-field = missing field `{ $key }`
toml-unknown-field = unknown field `{ $key }`, expected { $known }
toml-unknown-variant = unknown variant `{ $value }`, expected { $known }
toml-nothing-known = nothing here
toml-invalid-type = invalid type: { $actual }, expected { $expected }
toml-accepted-forms = accepted forms: { $forms }
toml-duplicate-key = duplicate key
toml-unquoted-string = string values must be quoted
toml-open-quote = invalid string: the quote is not closed
toml-leading-zero = unexpected leading zero
toml-table-header = invalid table header
toml-no-value = key with no value
toml-expected-newline = expected a new line
toml-invalid-date = invalid date
kind-string = string
kind-integer = integer
kind-float = floating point
kind-boolean = boolean
kind-text-in-quotes = text in quotes
kind-table = a table
kind-date = a date
kind-whole-number = a whole number
kind-true-or-false = true or false
kind-list = a list
kind-number = a number
forms-rule = true (the standard wording), false (the rule is left out), or the school's own text in quotes
forms-hours = "24x7", or a table with `days` ("daily" or "workdays"), `time` and an optional `channels`, {"{"} days = "daily", time = "9:00-21:00", channels = ["email", "phone"] {"}"}
forms-phone = a phone number in quotes, "8 (495) 582-69-00", or a table with `number` and an optional `label`, {"{"} number = "582-69-00", label = "тел/факс" {"}"}
forms-consent = the date of the consent, such as 2026-08-28, or the document in quotes, such as "согласие от 28.08.2026 № 12"
forms-response = the school's words in quotes, "в течение одного дня", or a table with one of `hours`, `days`, `working_days` (a whole number) and an optional `words = true`, {"{"} days = 7 {"}"}

## Structure of a TOML file (src/data/lenient.rs)

written-string = text in "quotes"
written-table = a table: a [name] header with `key = value` lines under it
written-date = a date without quotes, such as 2026-09-01
written-integer = a whole number without quotes, such as 3
written-boolean = true or false, without quotes
written-list = a list in [brackets], such as ["a", "b"]
written-float = a number without quotes, such as 1.5
lenient-too-many = the check of this file's structure stopped after { $n } problems; more may follow
lenient-write = write { $what }
lenient-too-many-hint = fix the problems listed and run `spravka check` again
lenient-date-unquote = write { $value } without quotes: a date is year-month-day
lenient-unquote = remove the quotes: write { $value }
lenient-did-you-mean = did you mean `{ $key }`? If not, check the spelling of the key; the README lists every key (section «{ $section }»)
lenient-missing-table = add the missing table `[{ $table }]` with its keys; the README shows a complete example (section «{ $section }»)
lenient-missing-key-top = add the missing key `{ $key }` ({ $written }) at the top of the file, before the first [table]; the README shows a complete example (section «{ $section }»)
lenient-missing-key = add the missing key `{ $key }` ({ $written }) to `{ $table }`; the README shows a complete example (section «{ $section }»)

## Hints for TOML files (src/data/mod.rs)

toml-hint-unknown-field = check the spelling of the key; the README lists every key (section «{ $section }»)
toml-hint-missing-field = add the missing key; the README shows a complete example (section «{ $section }»)
toml-hint-forms = write the value in one of these forms; the README shows each (section «{ $section }»)
toml-hint-variant = see the README for the forms this value can take (section «{ $section }»)
toml-hint-duplicate-key = this key is given twice in the same table: keep one of the two lines
toml-hint-invalid-type = check the quotes and brackets: text goes in "quotes", lists in [brackets]
toml-hint-syntax = check the TOML syntax near this place: quotes, brackets, `key = value`

## School years (src/model/school/school_year.rs)

year-both-forms = both [school_year] and [[school_years]] are given
year-both-forms-hint = keep one form: move [school_year] into a [[school_years]] entry, or remove [[school_years]]
year-missing = the school has weekly office hours but no school year: the calendar would have no sessions
year-missing-hint = add [school_year] with `start` and `end`, such as start = 2026-09-01 and end = 2027-05-25 (see «school.toml» in the README)
year-too-many = { $n } school years are more than { $max }
year-too-many-hint = keep the school year in progress and the next one; remove the years that ended
slot-add-first = add the slot under [[schedule.slots]] first
slot-write-id = write the id of a slot: { $ids }
slot-unknown = unknown slot `{ $id }`
year-out-of-order = school year { $year } is listed after { $before }, which starts later
year-overlaps = school year { $year } starts ({ $start }) before { $before } ends ({ $end })
year-order-hint = list the school years in order, each starting after the previous one ends
year-weekend-rule = `{ $text }` is not a rule for working weekends
year-weekend-rule-hint = write "skip" (no office hours that day) or "replaced_day" (hold the office hours of the weekday it replaces)
year-backwards = the school year ends ({ $end }) before it starts ({ $start })
year-backwards-hint = put the last day of the school year in `end`
year-too-long = the school year from { $start } to { $end } is longer than a year
year-too-long-hint = describe one school year: its first and last day, such as 2025-09-01 and 2026-05-26
period-backwards = `{ $name }` ends ({ $end }) before it starts ({ $start })
period-backwards-hint = put the later date in `end`
audience-all-hint = write "all", "staff" or "parents"
consultant-add = add a [[consultants]] entry with this id
consultant-write-id = write one of the ids in [[consultants]]: { $ids }
consultant-unknown = unknown consultant `{ $id }`
id-bad = `{ $id }` cannot be used as an id
id-bad-hint = use small Latin letters, digits and hyphens, such as tuesday-lab
exception-twice = the session of slot `{ $slot }` on { $date } already has an exception
exception-twice-hint = keep one exception per session: merge the two into one

## Exceptions (src/model/school/school_year.rs)

exception-not-day = { $date } is not a { $day } of slot `{ $slot }`
exception-not-days = { $date } is a { $day }, not a day of slot `{ $slot }` ({ $days })
exception-date-hint = give the date of the session that changes
exception-outside-years = { $date } is outside the school years that hold slot `{ $slot }`
exception-outside-years-hint = give a date within a school year ([school_year] or [[school_years]]) that holds the slot
exception-moved-empty = a moved session needs a new `date`, `time` or `place`
exception-moved-empty-hint = write, for example, moved = {"{"} time = "15:00-16:00" {"}"}
exception-kind = an exception is either `cancelled = true` or `moved = {"{"} … {"}"}`
exception-kind-hint = write cancelled = true, or moved = {"{"} date = …, time = "…", place = "…" {"}"}
weekday-monday = monday
weekday-tuesday = tuesday
weekday-wednesday = wednesday
weekday-thursday = thursday
weekday-friday = friday
weekday-saturday = saturday
weekday-sunday = sunday

## Articles (src/model/article.rs)

platform-unknown = unknown platform `{ $id }`
write-one-of = write one of: { $known }
article-empty-title = the title must not be empty
article-empty-title-hint = write the article's title between the quotes
article-broken-link = the link `@/{ $target }` points to no page
article-broken-link-hint = link to @/ (home), @/{ $pages }, or @/faq/<article file name without .md>
article-contact-shared = the article names the { $kind } `{ $text }`, which the data of a school showing it does not have
article-contact-shared-hint = school `{ $slug }` is one; { $hint }
article-contact = the article names the { $kind } `{ $text }`, which the data of school `{ $slug }` does not have
article-contact-hint = if it is the school's or the vendor's contact, add it to school.toml or the preset; otherwise let the article say it through a shortcode such as {"{{"} school_contacts {"}}"} or {"{{"} escalation_contacts {"}}"} (README, FAQ articles)
article-more-refused = { $n } more links, images or heading attributes that cannot be used (only the first { $max } are listed)
article-more-refused-hint = fix the ones listed above and run `spravka check` again
article-bad-file-name = the file name `{ $id }.md` cannot be used in a web address
article-bad-file-name-hint = name the file with small Latin letters, digits and hyphens, such as kak-sostavit-obrashchenie.md

## Dates (src/model/mod.rs)

value-not-date = `{ $text }` is not a date
value-not-date-hint = write a date without quotes as year-month-day, such as 2025-09-01

## What an article names (src/model/mentions.rs)

mention-phone = phone
mention-email = email address
mention-channel = channel

## Days of the week (src/model/weekdays.rs)

days-how = write monday … sunday (or понедельник … воскресенье, пн … вс), a range from the earlier day to the later one such as пн-пт, or a list such as пн, ср, пт
days-twice = { $day } is written twice in `{ $text }`
days-once-hint = name each day once
days-already = { $day } is already in the list
days-none = no day of the week is given
days-none-in = `{ $text }` names no day of the week
days-backwards = the range `{ $text }` runs backwards
days-backwards-hint = write the earlier day first (пн-пт); days across Sunday are two ranges, such as пт-вс, пн
days-in-context = { $message } (in `{ $text }`)

## Blanks of the scaffold (src/data/blanks.rs)

blank-unfilled = this blank has not been filled in
blank-hint = replace the blank with the school's value
blank-hint-what = replace the blank with: { $what }

## build (src/cmd/build.rs)

build-summary = built { $schools } school(s) into { $out } ({ $fresh } up to date): { $written } file(s) written, { $unchanged } unchanged, { $removed } removed; { $pages } page(s), { $feeds } feed(s) in { $seconds } s
build-platform-hint = write the name of a file in content/platforms/ (without .toml)
epoch-hint = unset it, or set it to a Unix time such as 1756684800
epoch-not-a-number = SOURCE_DATE_EPOCH=`{ $text }` is not a number of seconds
epoch-out-of-range = SOURCE_DATE_EPOCH=`{ $text }` is out of range
build-kept = kept { $path }: Spravka did not write it
build-kept-more = kept { $n } more file(s) Spravka did not write

## package (src/cmd/package.rs)

package-since-one = --since compares with the last upload of one school
package-since-one-hint = name that school with --school SLUG
package-bad-manifest = cannot use { $path } with --since: { $error }
package-bad-manifest-hint = give the manifest.json of the school's folder as it was last uploaded
package-manifest-large = { $path } is too large for a manifest
package-manifest-large-hint = give the manifest.json of the school's folder
package-summary = packaged { $n } school(s) into { $dist }
package-size = { $n } file(s), { $kib } KiB
package-wrote = wrote { $zip } ({ $size })
package-wrote-delta = wrote { $zip } ({ $size }: { $changed } changed since the last upload, and manifest.json); delete { $deleted } file(s) on the server, listed in { $list }

## serve (src/cmd/serve.rs, src/serve/)

serve-open = warning: listening on { $address }: any device that can reach this port can read the preview and the build's problems
serve-serving = serving { $out } at http://{ $address }/ (Ctrl+C to stop); watching { $watched } for changes
serve-changed = { $what } changed
serve-rebuilt = rebuilt in { $ms } ms: { $summary }

## The preview's server (src/serve/)

serve-cannot-listen = cannot listen on { $address }: { $error }
serve-cannot-listen-hint = choose another port with --port
serve-overlay-title = The build failed: this page shows the last good build
serve-overlay-hide = Hide

## Watching (src/serve/watch.rs)

serve-watch-failed = warning: watching the project: { $error }
serve-editor-file = an editor's file
serve-and-more = { $first } and { $n } more

## A school's data (src/model/school.rs)

text-empty = this text must not be empty
text-empty-hint = write the value between the quotes
text-empty-or-omit-hint = write the value between the quotes, or leave the key out: { $without }
approval-kind = `{ $text }` is not a kind of approval
approval-kind-hint = write "agreed" (СОГЛАСОВАНО), "approved" (УТВЕРЖДАЮ) or "reviewed" (РАССМОТРЕНО)
platform-unknown-hint = write one of: { $known } (files in content/platforms/)
consultant-twice = the consultant id `{ $id }` is used twice
consultant-twice-hint = give every consultant its own id
consultant-title-default = the title is then the role up to its first comma
training-days = { $days } is not a number of working days
training-days-hint = write a whole number from 1 to 365
topic-unknown = `{ $topic }` is not a standard topic
topic-unknown-hint = write one of: { $known }; put your own topics in `custom_topics`

## Channels and slots (src/model/school.rs)

channel-stray = a `{ $kind }` channel has no `{ $key }`
channel-stray-hint = remove `{ $key }`, or set kind = "{ $key }"
channel-needs = a `{ $kind }` channel needs `{ $key }`
channel-needs-hint = add { $key } = "…", or a `note` that says how to reach it
slot-twice = the slot id `{ $id }` is used twice
slot-twice-hint = give every slot its own id
slot-place-default = the pages then say where to ask for the place
slot-both-days = a slot has `weekday` and `weekdays`
slot-both-days-hint = keep one of them: weekdays = "пн-пт" or weekday = "пн"
slot-no-days = a slot needs its days
slot-no-days-hint = add weekday = "пн", or weekdays = "пн-пт" for several days

## Platform presets (src/model/platform.rs)

support-kind = `{ $text }` is not a kind of support channel
support-kind-hint = write one of: { $known } (emails and phones go in [[support.emails]] and [[support.phones]])
support-needs-url = a `{ $kind }` support channel needs its address
support-needs-url-hint = add url = "https://…": the pages show it and the regulation names it
support-needs-via = an `other` support channel marked escalation = true needs `via`
support-needs-via-hint = write how the regulation names it, such as via = "через мессенджер «…»"
support-promise-email = email registration, but the preset has no email address
support-promise-email-what = [[support.emails]] with an address
support-promise-phone = phone registration, but the preset has no phone number
support-promise-phone-what = [[support.phones]] with a number
support-promise = the pages would promise { $promise }
support-promise-hint = add { $what }, or remove `{ $key }`
support-own-channel = `{ $key }` applies to its own channel only
support-own-channel-hint = list the channels of shared hours under `processing`
support-no-contact = the preset has no `{ $channel }` contact for these hours
support-no-contact-hint = add the contact to [support], or remove it from `channels`
support-not-channel = `{ $name }` is not a channel
support-not-channel-hint = write "email", "phone" or a kind of [[support.channels]]: social, web_form, chat, online_call, other
support-no-escalation = no support contact is marked escalation = true
support-no-escalation-hint = mark the contacts the regulation's emergency point names with escalation = true
call-cost = `{ $text }` is not a call cost
call-cost-hint = write "free" or "paid"
hours-word = `{ $text }` is not a working-hours value
hours-word-hint = write "24x7", or a table such as {"{"} days = "daily", time = "9:00-21:00" {"}"}
hours-always-time = hours around the clock have no `time`
hours-always-time-hint = remove `time`, or write days = "daily"
hours-days = `{ $text }` is not a set of days
hours-days-hint = write "daily" (every day), "workdays" (Monday to Friday, except holidays) or "24x7"
hours-need-time = working hours need a `time`
hours-need-time-hint = add time = "9:00-18:00"

## Kinds (src/model/school/types.rs)

event-kind = `{ $text }` is not a kind of event
channel-kind = `{ $text }` is not a kind of channel

## Response times (src/model/response.rs)

response-one-key = a response time needs exactly one of `hours`, `days`, `working_days`
response-one-key-hint = write, for example, {"{"} days = 7 {"}"}, {"{"} working_days = 1 {"}"} or "в течение одного дня"
response-number = { $n } is not a response time
response-number-hint = write a whole number from 1 to 1000
response-words = { $n } is spelt in words only up to { $max }
response-words-hint = remove `words`, or write the time as the regulation does: "в течение …"
response-text = `{ $text }` is not a response time Spravka can read
response-text-hint = write «в течение» with a number (digits or одного … десяти) and дня/дней, рабочего дня/рабочих дней, часа/часов or суток, such as "в течение одного дня"; or a table such as {"{"} days = 1 {"}"}

## The production calendar (src/model/production_calendar.rs)

calendar-year = { $year } is not a year of the production calendar
calendar-year-hint = write the year the file is for, from { $from } to { $to }
calendar-working-days = the dates give { $counted } working days in { $year }, not { $expected }
calendar-working-days-hint = check the holidays, days off and working weekends against the decree
calendar-date-year = { $date } is not in { $year }
calendar-date-year-hint = each file holds the dates of its own year

## Published addresses (src/model/base_url.rs)

base-url-hint = write the address where the folder is published, with https:// or http://, such as https://school.ru/help/
base-url-scheme = `{ $text }` is not an address that starts with https://
base-url-char = the address of a folder cannot hold `{ $c }`
base-url-char-hint = remove `{ $c }` and what follows; { $hint }

## Terms of the regulation (src/model/terms.rs)

terms-undefined = the regulation calls the school «{ $name }», but this intro never defines the term
terms-undefined-hint = write «(далее — { $name })» after the school's name in the intro, or leave out [document.terms.school] and [document.terms.responsible] to keep «{ $default }» defined in point 2

## Input files (src/data/mod.rs)

input-special = this is { $kind }, not a regular file, and is not read
input-special-hint = replace it with an ordinary file, or remove it (README, Input files)
input-folder = this is a folder where a file belongs
input-folder-hint = remove or rename the folder: an input is a file, such as faq/NAME.md
input-link-outside = this symbolic link leads out of { $root }, and nothing outside it is read
input-link-on-way-outside = the symbolic link `{ $link }` on its way leads out of { $root }, and nothing outside it is read
input-link-outside-hint = copy the file into { $root }, or make the link point inside it (README, Input files)
input-link-broken = this symbolic link leads to nothing that can be read: a missing file, or a loop of links
input-link-broken-hint = fix the link or remove it
input-too-large = the file is larger than { $mib } MiB, the most read for a file of its kind
input-too-large-hint = split it into smaller files; the limits are listed in the README (Input files)
root-project = the project folder
special-fifo = a named pipe (FIFO)
special-socket = a socket
special-device = a device
input-utf16 = the file is saved as UTF-16, not UTF-8 text
input-not-utf8 = the file is not valid UTF-8 text (line { $line }, byte { $byte })
input-save-as-utf8 = save the file with the UTF-8 encoding (in Notepad: Save as… → Encoding: UTF-8)
article-no-front-matter = the article has no front matter
article-no-front-matter-hint = start the file with a `+++` line, the TOML keys (title = "…" and others), and a closing `+++` line
no-schools-folder = there is no `schools` folder in { $root }
no-schools-folder-hint = run spravka in the project folder, pass --root, or create a school with `spravka new SLUG --platform ID`
no-such-school = there is no school `{ $slug }` in { $dir }
known-schools = known schools: { $known }
bad-folder-name = the folder name `{ $slug }` cannot be used in a web address
bad-folder-name-hint = rename the folder with small Latin letters, digits and hyphens, such as school-27
no-school-toml = the school folder has no school.toml
no-school-toml-hint = create { $path } (see the README), or run `spravka new { $slug } --platform dnevnik-ru`

## Characters in values (src/model/text.rs)

char-nul = NUL
char-bell = bell
char-backspace = backspace
char-tab = tab
char-line-feed = line feed, a line break
char-carriage-return = carriage return, a line break
char-escape = escape, starts terminal sequences
char-delete = delete
char-next-line = next line, a line break
char-nbsp = no-break space
char-soft-hyphen = soft hyphen
char-zwsp = zero-width space
char-zwnj = zero-width non-joiner
char-zwj = zero-width joiner
char-direction-mark = direction mark
char-line-separator = line separator
char-paragraph-separator = paragraph separator
char-direction-control = text direction control
char-bom = byte order mark
char-control = control character
char-invisible = invisible character
text-invisible = the { $what } `{ $text }` contains { $char } at character { $at }
what-weekday = day of the week
what-email = email address
what-days = list of days
what-phone = phone number
what-time-range = time range
what-zone = time zone
what-time = time
what-url = web address
what-text = text
text-retype = retype the value by hand: invisible characters come with text copied from documents, messengers or web pages
text-one-line = write the text on one line, without invisible characters
script-latin = Latin
script-cyrillic = Cyrillic
script-greek = Greek
script-other = non-Latin
text-foreign-letter = character { $at } `{ $c }` is { $script } ({ $code })
list-and-more = … and { $n } more

## The regulation (src/model/regulation.rs)

regulation-empty = the regulation's text is empty
regulation-empty-hint = paste the school's approved text into regulation.md, or delete the file to have the regulation generated from school.toml
regulation-title = a school with regulation.md needs `document.title`, the title its document has
regulation-title-hint = add title = "…" to [document], word for word as the approved document writes it (README, «The regulation word for word»)
regulation-key = this key words the generated regulation, and regulation.md replaces that text
regulation-key-hint = remove the key: the regulation page shows regulation.md as it is (README, «The regulation word for word»)

## The cross-check of the regulation (src/model/regulation/crosscheck.rs)

cross-differs = the regulation says `{ $text }`, but { $place } (`{ $field }`) says `{ $data }`
cross-differs-hint = make the two say the same: correct the regulation's text, or the value in { $path } (README, «The cross-check»)
cross-data-says = the data says `{ $data }`
cross-site-shows-none = the site shows no { $kind }
cross-site-shows = the site shows { $values }
cross-not-shown = the regulation names the { $kind } `{ $text }`, which no page of the site shows; { $shown }
cross-readme = { $hint } (README, «The cross-check»)
cross-names-here = the regulation names `{ $text }` here
cross-names-other = { $place } names `{ $text }` but not this one
cross-names-none = { $path } names no { $kind }
cross-not-in-text = the site shows the { $kind } `{ $data }`, which the regulation's text does not have: { $where_text }
cross-not-in-text-hint = write it into { $path } where the regulation lists the ways to get help, or remove it here if the regulation no longer names it (README, «The cross-check»)
cross-kind-phone = phone number
cross-kind-email = e-mail address
cross-kind-web = web address
cross-kind-time = time
cross-kind-response = response time
cross-kind-training = training deadline
cross-add-contact = correct the text, or add the contact to school.toml (a channel of [staff] or [parents], [school] or a consultant) or to the platform preset
cross-add-hours = correct the text, or add the hours to school.toml ([[schedule.slots]] or [[events]]); the support service's hours come from the platform preset
cross-add-response = correct the text, or set `response` of [staff] or [parents] in school.toml, such as {"{"} days = 7 {"}"} or {"{"} working_days = 1 {"}"}
cross-add-training = correct the text, or set `help.training_days` in school.toml

## Articles' Markdown (src/markdown.rs)

md-heading-hint = a heading may carry only an anchor and classes in Latin letters, digits, `-` and `_`, such as {"{"}#chto-ukazat .vazhno{"}"}; delete the rest from the braces
md-link-hint = link to a web page (https://…), an e-mail (mailto:…), a phone (tel:…), a page of this site (@/contacts) or a relative address
md-image-hint = an article may show only pictures that are files of the site, by a relative address such as ../assets/shema.png (a theme's static/ folder); make a picture from elsewhere a link instead: [подпись](https://…)
md-depth-hint = no page needs quotes, lists or emphasis nested so deep; remove the extra `>`, list indents or marks
md-too-deep = blocks and marks nested more than { $max } deep
md-heading-anchor = the heading anchor `#{ $id }`
md-heading-class = the heading class `.{ $class }`
md-heading-attribute = the heading attribute `{ $key }`
md-not-allowed = { $what } is not allowed
md-link = the link to `{ $url }` is not allowed
md-image = the image `{ $url }` is not a file of this site and would be loaded from elsewhere

## Shortcodes (src/markdown/shortcodes.rs)

sc-private-use = this private-use character is reserved by Spravka
sc-private-use-hint = delete it: characters U+F0000 to U+FFFFD cannot be used in an article
sc-not-closed = `{ $open }` is not closed on its line
sc-not-closed-hint = close it with `{ $close }` on the same line, or write `\{ $open }` for the braces themselves
sc-too-many = more than { $max } shortcodes in one article
sc-too-many-hint = split the article
sc-second-else = a second `{"{%"} else {"%}"}` in one `{"{%"} if {"%}"}`
sc-second-else-hint = keep one `{"{%"} else {"%}"}` between `{"{%"} if … {"%}"}` and `{"{%"} end {"%}"}`
sc-else-alone = `{"{%"} else {"%}"}` without `{"{%"} if … {"%}"}` before it
sc-end-alone = `{"{%"} end {"%}"}` without `{"{%"} if … {"%}"}` before it
sc-if-open = `{"{%"} if … {"%}"}` is never closed
sc-if-open-hint = end the part it shows or hides with `{"{%"} end {"%}"}`
sc-unknown-filter = unknown filter `{ $filter }`
sc-unknown-filter-hint = the only filter is `{ $filter }`: {"{{"} { $name } | { $filter } {"}}"}
sc-flag-printed = `{ $name }` is a condition and has nothing to print
sc-flag-printed-hint = use it as {"{%"} if { $name } {"%}"} … {"{%"} end {"%}"}
sc-bad-statement = `{"{%"} { $inner } {"%}"}` is not a shortcode
sc-bad-statement-hint = write {"{%"} if name {"%}"}, {"{%"} if not name {"%}"}, {"{%"} else {"%}"} or {"{%"} end {"%}"}
sc-unknown = unknown shortcode `{ $name }`
sc-names-hint = the names are, as words: { $words }; as lists: { $lists }; as conditions only: { $flags } (see README, FAQ articles, for the names and how to use them)
sc-open-hint = open the part to show or hide with {"{%"} if name {"%}"}, or delete this one

## Where shortcodes stand (src/markdown/slots.rs)

slot-misplaced = this shortcode cannot be used here
slot-misplaced-hint = a shortcode may stand in text, a heading, a list item or a table cell, not in a link's address or title, an image's description or a heading's {"{"}#anchor{"}"}
slot-list-inline = `{ $name }` is a list: it cannot stand within a sentence
slot-list-inline-hint = put it on a line of its own, with an empty line before and after
slot-cond-mixed = this `{"{%"} if … {"%}"}` does not enclose whole blocks or a part of one paragraph
slot-cond-mixed-hint = put `{"{%"} if … {"%}"}`, `{"{%"} else {"%}"}` and `{"{%"} end {"%}"}` each on a line of its own around whole paragraphs, lists or headings, or all three within one paragraph

## Themes (src/render/theme.rs)

theme-compile = the theme's templates do not compile: { $error }
theme-compile-hint = fix the Tera syntax at the place named (Tera 2 syntax: README, Themes)
theme-static-generated = the theme's file static/{ $path } has the name of a file that the build writes for each school (assets/{ $path }), and would replace it
theme-static-generated-hint = rename the file (and the links to it in your templates)

## The output folder (src/output/folder.rs)

out-is-input = the output folder { $out } { $relation ->
    [is] is
    [holds] holds
   *[inside] is inside
    } { $name ->
    [project] the project folder
    [schools] the project's `schools` folder
    [content] the project's `content` folder
   *[theme] the --theme folder
    }, whose files a build would replace
out-is-input-hint = write the sites into a folder of their own with --out DIR, such as `public` (the default) or a folder outside the project
out-not-a-folder = it is not a folder
out-foreign-files = it holds files and no { $marker }
out-not-ours = { $out } is not an output folder of Spravka ({ $why }); nothing was written
out-not-ours-hint = build into a new or empty folder with --out DIR, or delete this folder's contents if they are an old build you no longer need

## Days as serde expects them (src/data/school.rs)

kind-days = days as a string, such as "пн-пт", or a list, such as ["пн", "ср"]

## Input folders (src/data/mod.rs)

root-theme = the theme folder
special-other = not a regular file

## The command line (src/cli.rs)

cli-bad-shard = `{ $text }` is not a shard: write I/N with 1 <= I <= N, such as 2/8

## The command line's help (src/cli/help.rs)

cli-about = Spravka builds a help site for each school that moves to an electronic gradebook: office hours, contacts, escalation to the vendor's support, FAQ and the regulation itself.
cli-long-about = Spravka builds a help site for each school that moves to an electronic gradebook: office hours, contacts, escalation to the vendor's support, FAQ and the regulation itself.

    Exit codes: 0 success; 1 the input has problems (each is listed); 2 wrong command line; 3 a file could not be read, rendered or written, or another build holds the output folder; 130 stopped by SIGINT, SIGTERM or SIGHUP.
cli-lang = The language of messages: `en` or `ru` (default: from LC_ALL, LC_MESSAGES or LANG, else the system's language; Russian for a `ru` locale such as ru_RU.UTF-8, English otherwise)
cli-build = Build every school's site (or the chosen ones) into the output folder
cli-check = Check every file and list all problems, without writing anything
cli-new = Create a new school from the template regulation, with blanks for `check` to list
cli-serve = Build, then serve the sites on this computer for a preview; every change to the project rebuilds what it affects, and open pages reload themselves
cli-package = Write one zip per school, ready to upload through a hosting control panel; each school's site is complete alone (no link to pages outside its folder)
cli-root = The project folder (it holds `schools/` and `content/`)
cli-school = Only this school (the name of its folder in `schools/`); repeat for several
cli-theme = A theme folder whose templates/, static/ and i18n/ files replace the built-in ones
cli-deny-warnings = Treat warnings as errors: the command fails (exit 1) and writes nothing
cli-format = How problems are written: `text` (drawn with the source line, on stderr) or `json` (one JSON object per problem and line on stdout, the summary on stderr; see the README)
cli-out = Where to write the sites (default: `public` in the project folder)
cli-base-url = The public address of the output folder, such as https://example.ru/help (for absolute links)
cli-shard = Build only the I-th of N slices of the schools (by a hash of the slug), such as 2/8; the shards of one project together give the same files as one build. Shard 1 writes the index
cli-force = Render every school even when nothing it depends on changed since the last build
cli-port = The port to listen on (0 lets the system choose)
cli-address = The address to listen on; the default serves this computer only. Requests must name `localhost`, a loopback address or this one (with 0.0.0.0 or ::, any IP address), never another host name, so that no other site's page can read the preview (DNS rebinding)
cli-package-out = Where to write the zips, one `<school>.zip` each (default: `dist` in the project folder)
cli-package-since = The `manifest.json` of the school's last upload: the zip then holds only the files that changed since, and `<school>.delete.txt` lists the files to delete on the server. Needs exactly one `--school`
cli-package-site = The built sites (default: `public` in the project folder), read only for the feeds' previous events, so that a changed event's SEQUENCE grows as in a build
cli-package-base-url = The public address of the folder that holds the schools' folders (as for `build`)
cli-new-slug = The new school's folder name: small Latin letters, digits and hyphens
cli-new-platform = The platform preset (a file name in content/platforms/ without .toml)
cli-new-root = The project folder
cli-help = Print help
cli-version = Print version
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-heading-commands = Commands
cli-help-template = {"{"}about-with-newline{"}"}
    {"{"}usage-heading{"}"} {"{"}usage{"}"}

    {"{"}all-args{"}"}{"{"}after-help{"}"}

## The progress bar (src/progress.rs)

progress-template = {"{"}prefix{"}"} [{"{"}bar:30{"}"}] {"{"}pos{"}"}/{"{"}len{"}"} schools, {"{"}eta{"}"} left
progress-building = building
cli-default = default: { $value }
cli-values = possible values: { $values }


## Manifests of uploads (src/archive.rs)

manifest-unreadable = it is not a manifest.json that Spravka wrote ({ $why })
manifest-algorithm = it lists digests of the `{ $kind }` kind; this Spravka reads xxh3-128 and sha256

# A mistake on the command line (clap finds it; English output is clap's own words).
cli-error = error: { $what }
cli-error-unknown-argument = unexpected argument `{ $arg }` found
cli-error-unknown-command = unrecognized subcommand `{ $command }`
cli-error-invalid-value = invalid value `{ $value }` for `{ $arg }` (possible values: { $valid })
cli-error-missing = the following required arguments were not provided: { $args }
cli-error-conflict = the argument `{ $arg }` cannot be used with `{ $other }`
cli-error-suggested = tip: perhaps you meant `{ $suggested }`
cli-error-more = For more information, try '--help'.
cli-error-usage = Usage:
