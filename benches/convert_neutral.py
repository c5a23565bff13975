#!/usr/bin/env python3
"""Convert the neutral benchmark corpus into a Spravka project folder.

    python3 benches/convert_neutral.py NEUTRAL_DIR OUT_PROJECT

NEUTRAL_DIR is the `neutral/` folder written by `gen_corpus.py` (../shared/bench/). OUT_PROJECT
receives:

    content/platforms/, content/calendar/   copied from this repository's content/
    content/faq/<slug>.md                   the neutral shared articles
    schools/<slug>/school.toml              each school's record, in Spravka's format
    schools/<slug>/faq/<slug>.md            each school's own articles

Mapping (see README.md of the repository for Spravka's format):

- school: full_name = short_name = name, address, timezone, phones = [phone], emails = [email];
  platform preset "dnevnik-ru"; one consultant per distinct office-hours `who` (ids c1, c2, … in
  first-seen order, role = who), with name/phone/email of the first contact of the same role;
  help.training_days = 5; [staff] and [parents] each with in_person / phone / email channels;
  schedule slots from office_hours; school_year from term_start/term_end (no vacations).
  city, phone_tel, intro and escalation have no place in Spravka's format and are dropped.
- articles: title, description, weight and updated are kept; audience parents -> ["parents"],
  teachers -> ["staff"], students -> [] (everyone); topic -> [label from site.toml [topics]].
  Links `../<slug>/` (optionally with `#anchor`) become `@/faq/<slug>` so Spravka checks them. A
  link whose target the article's readers cannot see (a shared article pointing at an article not
  every school has, or a missing one) is turned into plain text, with a warning on stderr.

Standard library only. OUT_PROJECT must not exist, be empty, or have been written by this script
(it then is replaced).
"""

import re
import shutil
import sys
import tomllib
from pathlib import Path

MARKER = ".convert_neutral"
REPO_CONTENT = Path(__file__).resolve().parent.parent / "content"

AUDIENCE_MAP = {"parents": ["parents"], "teachers": ["staff"], "students": []}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A Markdown link target to a sibling article: ](../<slug>/) or ](../<slug>/#anchor).
SIBLING_LINK_RE = re.compile(r"\[([^\]\n]*)\]\(\.\./([a-z0-9-]+)/?(#[^)\s]*)?\)")


# ---------------------------------------------------------------------------------------------
# TOML writing
# ---------------------------------------------------------------------------------------------

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
            "\r": "\\r"}


def toml_str(s):
    """A TOML basic string: escapes quote, backslash and every control character but none else."""
    if not isinstance(s, str):
        raise TypeError("expected a string, got {!r}".format(s))
    out = ['"']
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\u{:04X}".format(ord(ch)))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return toml_str(v)
    if hasattr(v, "isoformat"):  # datetime.date / datetime.datetime from tomllib
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    raise TypeError("cannot write {!r} as TOML".format(v))


def kv(key, value):
    return "{} = {}".format(key, toml_value(value))


# ---------------------------------------------------------------------------------------------
# Schools
# ---------------------------------------------------------------------------------------------

def school_toml(rec, where):
    for key in ("name", "timezone", "phone", "email", "term_start", "term_end"):
        if key not in rec:
            sys.exit("{}: missing key `{}`".format(where, key))
    name, phone, email = rec["name"], rec["phone"], rec["email"]

    consultants = []  # [{id, role, name?, phone?, email?}]
    by_who = {}
    for h in rec.get("office_hours", []):
        who = h["who"]
        if who in by_who:
            continue
        c = {"id": "c{}".format(len(consultants) + 1), "role": who}
        for contact in rec.get("contacts", []):
            if contact.get("role") == who:
                for k in ("name", "phone", "email"):
                    if contact.get(k):
                        c[k] = contact[k]
                break
        by_who[who] = c
        consultants.append(c)

    out = ["# Converted from the neutral benchmark corpus by benches/convert_neutral.py.", "",
           "[school]", kv("full_name", name), kv("short_name", name)]
    if rec.get("address"):
        out.append(kv("address", rec["address"]))
    out += [kv("timezone", rec["timezone"]), kv("phones", [phone]), kv("emails", [email]), "",
            "[platform]", kv("preset", "dnevnik-ru")]
    for c in consultants:
        out += ["", "[[consultants]]"] + [kv(k, c[k]) for k in ("id", "name", "role", "phone",
                                                                 "email") if k in c]
    out += ["", "[help]", kv("training_days", 5)]
    for audience in ("staff", "parents"):
        out += ["", "[{}]".format(audience),
                "", "[[{}.channels]]".format(audience), kv("kind", "in_person"),
                kv("note", "в приёмные часы"),
                "", "[[{}.channels]]".format(audience), kv("kind", "phone"), kv("phone", phone),
                "", "[[{}.channels]]".format(audience), kv("kind", "email"), kv("email", email)]
    if consultants:
        out += ["", "[schedule]"]
        seen_ids = set()
        for h in rec["office_hours"]:
            cid = by_who[h["who"]]["id"]
            out += ["", "[[schedule.slots]]"]
            # Spravka's default slot id is "<weekday>-<consultant>"; give an explicit one only
            # when two slots of one consultant fall on the same day.
            default_id = "{}-{}".format(h["day"], cid)
            if default_id in seen_ids:
                n = 2
                while "{}-{}".format(default_id, n) in seen_ids:
                    n += 1
                slot_id = "{}-{}".format(default_id, n)
                out.append(kv("id", slot_id))
                seen_ids.add(slot_id)
            else:
                seen_ids.add(default_id)
            out += [kv("weekday", h["day"]), kv("time", "{}-{}".format(h["start"], h["end"])),
                    kv("place", h["room"]), kv("consultant", cid)]
    out += ["", "[school_year]", kv("start", rec["term_start"]), kv("end", rec["term_end"])]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# Articles
# ---------------------------------------------------------------------------------------------

def split_article(text, where):
    lines = text.split("\n")
    if not lines or lines[0].strip() != "+++":
        sys.exit("{}: no `+++` front matter".format(where))
    for i in range(1, len(lines)):
        if lines[i].strip() == "+++":
            return "\n".join(lines[1:i]) + "\n", "\n".join(lines[i + 1:])
    sys.exit("{}: front matter is not closed".format(where))


class Converter:
    def __init__(self, topics):
        self.topics = topics
        self.warnings = 0

    def front_matter(self, fm, where):
        if "title" not in fm:
            sys.exit("{}: no title".format(where))
        out = [kv("title", fm["title"])]
        if fm.get("description"):
            out.append(kv("description", fm["description"]))
        audience = fm.get("audience")
        if audience is not None:
            if audience not in AUDIENCE_MAP:
                sys.exit("{}: unknown audience {!r}".format(where, audience))
            out.append(kv("audiences", AUDIENCE_MAP[audience]))
        topic = fm.get("topic")
        if topic is not None:
            if topic not in self.topics:
                sys.exit("{}: topic {!r} is not in site.toml [topics]".format(where, topic))
            out.append(kv("topics", [self.topics[topic]]))
        if "weight" in fm:
            out.append(kv("weight", int(fm["weight"])))
        if "updated" in fm:
            out.append(kv("updated", fm["updated"]))
        return "\n".join(out) + "\n"

    def body(self, body, visible, where):
        def repl(m):
            text, slug, anchor = m.group(1), m.group(2), m.group(3) or ""
            if slug in visible:
                return "[{}](@/faq/{}{})".format(text, slug, anchor)
            self.warnings += 1
            print("warning: {}: link to `../{}/` has no target every reader can see; "
                  "kept as plain text".format(where, slug), file=sys.stderr)
            return text

        return SIBLING_LINK_RE.sub(repl, body)

    def article(self, src, dst, visible):
        text = src.read_text(encoding="utf-8")
        fm_text, body = split_article(text, src)
        try:
            fm = tomllib.loads(fm_text)
        except tomllib.TOMLDecodeError as e:
            sys.exit("{}: front matter: {}".format(src, e))
        dst.parent.mkdir(parents=True, exist_ok=True)
        with open(dst, "w", encoding="utf-8", newline="\n") as f:
            f.write("+++\n" + self.front_matter(fm, src) + "+++\n" + self.body(body, visible, src))


# ---------------------------------------------------------------------------------------------

def prepare_out(out):
    if out.exists():
        if any(out.iterdir()):
            if not (out / MARKER).exists():
                sys.exit("refusing to overwrite {}: not empty and not written by this script "
                         "(no {} in it)".format(out, MARKER))
            shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("written by benches/convert_neutral.py; safe to delete\n")


def md_files(d):
    return sorted(p for p in d.glob("*.md") if p.is_file()) if d.is_dir() else []


def main(argv):
    if len(argv) != 3 or argv[1] in ("-h", "--help"):
        print("usage: python3 {} NEUTRAL_DIR OUT_PROJECT".format(argv[0]), file=sys.stderr)
        return 2
    src, out = Path(argv[1]), Path(argv[2])
    if not (src / "site.toml").is_file() or not (src / "schools").is_dir():
        print("error: {} is not a neutral corpus (no site.toml or schools/)".format(src),
              file=sys.stderr)
        return 2
    for sub in ("platforms", "calendar"):
        if not (REPO_CONTENT / sub).is_dir():
            print("error: {} is missing".format(REPO_CONTENT / sub), file=sys.stderr)
            return 2

    site = tomllib.loads((src / "site.toml").read_text(encoding="utf-8"))
    conv = Converter(site.get("topics", {}))

    school_dirs = sorted(d for d in (src / "schools").iterdir() if (d / "school.toml").is_file())
    shared = md_files(src / "content" / "faq")
    shared_slugs = {p.stem for p in shared}
    own = {d.name: {p.stem for p in md_files(d / "faq")} for d in school_dirs}
    # A shared article is shown on every school, so it may link to shared articles and to those
    # that every school has.
    common = set.intersection(*own.values()) if own else set()
    for slug in sorted(shared_slugs) + sorted(s for v in own.values() for s in v) + list(own):
        if not SLUG_RE.match(slug):
            print("error: `{}` is not a valid Spravka name (small Latin letters, digits and "
                  "hyphens)".format(slug), file=sys.stderr)
            return 1

    prepare_out(out)
    for sub in ("platforms", "calendar"):
        shutil.copytree(REPO_CONTENT / sub, out / "content" / sub)
    (out / "content" / "faq").mkdir(parents=True, exist_ok=True)
    for p in shared:
        conv.article(p, out / "content" / "faq" / p.name, shared_slugs | common)

    articles = len(shared)
    for d in school_dirs:
        where = d / "school.toml"
        try:
            rec = tomllib.loads(where.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            sys.exit("{}: {}".format(where, e))
        dst = out / "schools" / d.name
        dst.mkdir(parents=True, exist_ok=True)
        (dst / "faq").mkdir(exist_ok=True)
        with open(dst / "school.toml", "w", encoding="utf-8", newline="\n") as f:
            f.write(school_toml(rec, where))
        for p in md_files(d / "faq"):
            conv.article(p, dst / "faq" / p.name, shared_slugs | own[d.name])
            articles += 1

    print("converted {} schools, {} article files ({} shared), {} link warnings -> {}".format(
        len(school_dirs), articles, len(shared), conv.warnings, out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
