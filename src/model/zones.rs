//! What a teacher writes for a time zone, read back as the IANA name they meant: a Russian city
//! («Новосибирск», «г. Красноярск»), its Latin spelling, an offset («МСК+4», «UTC+7») or the
//! right name in the wrong case. Only for hints: the value itself must be the IANA name, so
//! that a file means the same thing to every reader.

/// Russia's IANA zones with their offset from UTC (no daylight saving since 2014) and the main
/// cities of each, in Russian and in Latin letters, lowercase, «ё» written «е».
const ZONES: &[(&str, i8, &[&str])] = &[
    ("Europe/Kaliningrad", 2, &["калининград", "kaliningrad"]),
    (
        "Europe/Moscow",
        3,
        &[
            "москва",
            "moscow",
            "moskva",
            "санкт-петербург",
            "санкт петербург",
            "петербург",
            "sankt-peterburg",
            "спб",
            "saint petersburg",
            "st petersburg",
            "нижний новгород",
            "nizhny novgorod",
            "казань",
            "kazan",
            "ростов-на-дону",
            "краснодар",
            "воронеж",
            "ярославль",
            "тула",
            "рязань",
            "тверь",
            "смоленск",
            "брянск",
            "курск",
            "белгород",
            "липецк",
            "тамбов",
            "пенза",
            "калуга",
            "владимир",
            "иваново",
            "кострома",
            "вологда",
            "архангельск",
            "мурманск",
            "петрозаводск",
            "сыктывкар",
            "чебоксары",
            "йошкар-ола",
            "саранск",
            "ставрополь",
            "махачкала",
            "грозный",
            "владикавказ",
            "нальчик",
            "черкесск",
            "майкоп",
            "элиста",
            "великий новгород",
            "псков",
            "орел",
            "магас",
            "нарьян-мар",
            "ростов",
            "мытищи",
            "подольск",
            "химки",
            "сочи",
        ],
    ),
    (
        "Europe/Simferopol",
        3,
        &["симферополь", "simferopol", "севастополь"],
    ),
    ("Europe/Volgograd", 3, &["волгоград", "volgograd"]),
    ("Europe/Kirov", 3, &["киров", "kirov"]),
    (
        "Europe/Samara",
        4,
        &["самара", "samara", "тольятти", "ижевск", "izhevsk"],
    ),
    ("Europe/Saratov", 4, &["саратов", "saratov"]),
    ("Europe/Ulyanovsk", 4, &["ульяновск", "ulyanovsk"]),
    ("Europe/Astrakhan", 4, &["астрахань", "astrakhan"]),
    (
        "Asia/Yekaterinburg",
        5,
        &[
            "екатеринбург",
            "yekaterinburg",
            "ekaterinburg",
            "челябинск",
            "пермь",
            "уфа",
            "тюмень",
            "оренбург",
            "курган",
            "ханты-мансийск",
            "сургут",
            "салехард",
            "нижний тагил",
            "магнитогорск",
        ],
    ),
    ("Asia/Omsk", 6, &["омск", "omsk"]),
    ("Asia/Novosibirsk", 7, &["новосибирск", "novosibirsk"]),
    ("Asia/Barnaul", 7, &["барнаул", "barnaul", "горно-алтайск"]),
    ("Asia/Tomsk", 7, &["томск", "tomsk"]),
    (
        "Asia/Novokuznetsk",
        7,
        &["новокузнецк", "novokuznetsk", "кемерово"],
    ),
    (
        "Asia/Krasnoyarsk",
        7,
        &["красноярск", "krasnoyarsk", "абакан", "кызыл", "норильск"],
    ),
    (
        "Asia/Irkutsk",
        8,
        &["иркутск", "irkutsk", "улан-удэ", "братск"],
    ),
    ("Asia/Chita", 9, &["чита", "chita"]),
    ("Asia/Yakutsk", 9, &["якутск", "yakutsk", "благовещенск"]),
    (
        "Asia/Vladivostok",
        10,
        &[
            "владивосток",
            "vladivostok",
            "хабаровск",
            "khabarovsk",
            "биробиджан",
        ],
    ),
    (
        "Asia/Sakhalin",
        11,
        &["южно-сахалинск", "сахалин", "sakhalin"],
    ),
    ("Asia/Magadan", 11, &["магадан", "magadan"]),
    ("Asia/Srednekolymsk", 11, &["среднеколымск"]),
    (
        "Asia/Kamchatka",
        12,
        &["петропавловск-камчатский", "камчатка", "kamchatka"],
    ),
    ("Asia/Anadyr", 12, &["анадырь", "anadyr"]),
];

/// The IANA names `text` most likely meant, best first; empty when it is not recognised.
pub fn meant(text: &str) -> Vec<&'static str> {
    let key = normalised(text);
    if let Some(zone) = by_name(&key) {
        return vec![zone];
    }
    if let Some((zone, _, _)) = ZONES
        .iter()
        .find(|(_, _, cities)| cities.contains(&key.as_str()))
    {
        return vec![zone];
    }
    match offset_of(&key) {
        Some(hours) => (ZONES.iter())
            .filter(|(_, offset, _)| *offset == hours)
            .map(|(zone, _, _)| *zone)
            .collect(),
        None => Vec::new(),
    }
}

/// The main city of `zone` in Russian, for a hint that shows what the name stands for.
pub fn city_of(zone: &str) -> Option<&'static str> {
    ZONES
        .iter()
        .find(|(name, _, _)| *name == zone)
        .and_then(|(_, _, cities)| cities.first().copied())
}

/// Lowercase, «ё» as «е», without «г.»/«город», quotes and spaces around hyphens.
fn normalised(text: &str) -> String {
    let lower = text.trim().to_lowercase().replace('ё', "е");
    let lower = lower.trim_matches(|c: char| c == '«' || c == '»' || c == '"' || c == '.');
    let lower = ["город ", "г. ", "г.", "г "]
        .iter()
        .find_map(|prefix| lower.strip_prefix(prefix))
        .unwrap_or(lower);
    let spaced: Vec<&str> = lower.split_whitespace().collect();
    spaced
        .join(" ")
        .replace(" - ", "-")
        .replace(['_', '–'], "-")
}

/// An IANA name written in another case or with spaces for underscores (any zone, not only
/// Russia's), or a bare city part such as `novosibirsk`.
fn by_name(key: &str) -> Option<&'static str> {
    let plain = |name: &str| name.to_lowercase().replace('_', "-");
    let key = key.replace(' ', "-");
    let key = key.as_str();
    (chrono_tz::TZ_VARIANTS.iter())
        .map(|tz| tz.name())
        .find(|name| {
            let name = plain(name);
            // Not `Etc/GMT+2` for «GMT+2»: POSIX signs are inverted there (it is UTC−2).
            let bare = !name.starts_with("etc/") && name.rsplit('/').next() == Some(key);
            name == key || bare
        })
}

/// Hours from UTC written as «UTC+7», «GMT+7», «+07:00», or from Moscow as «МСК+4».
fn offset_of(key: &str) -> Option<i8> {
    let compact: String = key.chars().filter(|c| !c.is_whitespace()).collect();
    let (base, rest) = [("utc", 0), ("gmt", 0), ("мск", 3), ("msk", 3)]
        .iter()
        .find_map(|(prefix, base)| compact.strip_prefix(prefix).map(|rest| (*base, rest)))
        .unwrap_or((0, compact.as_str()));
    if rest.is_empty() {
        return (base == 3).then_some(3);
    }
    let (sign, digits) = match rest.chars().next()? {
        '+' => (1, &rest[1..]),
        '-' | '−' => (-1, &rest[rest.chars().next()?.len_utf8()..]),
        _ => return None,
    };
    let hours = digits.split(':').next()?;
    let minutes = digits.split(':').nth(1).unwrap_or("00");
    if !minutes.trim_start_matches('0').is_empty() {
        return None;
    }
    let hours: i8 = hours.parse().ok()?;
    Some(base + sign * hours)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_zone_in_the_table_is_a_real_iana_zone() {
        for (zone, _, cities) in ZONES {
            assert!(zone.parse::<chrono_tz::Tz>().is_ok(), "{zone}");
            assert!(!cities.is_empty(), "{zone}");
        }
    }

    #[test]
    fn russian_cities_as_teachers_write_them() {
        assert_eq!(meant("Новосибирск"), ["Asia/Novosibirsk"]);
        assert_eq!(meant("г. Красноярск"), ["Asia/Krasnoyarsk"]);
        assert_eq!(meant("  город Москва "), ["Europe/Moscow"]);
        assert_eq!(meant("Санкт - Петербург"), ["Europe/Moscow"]);
        assert_eq!(meant("Петропавловск-Камчатский"), ["Asia/Kamchatka"]);
        assert_eq!(
            meant("Ёкатеринбург".replace('Ё', "Е").as_str()),
            ["Asia/Yekaterinburg"]
        );
        assert_eq!(meant("Челябинск"), ["Asia/Yekaterinburg"]);
    }

    /// The centre of every region in each Russian zone is recognised.
    #[test]
    fn every_regional_centre_maps_to_its_zone() {
        let centres: &[(&str, &[&str])] = &[
            ("Europe/Kaliningrad", &["Калининград"]),
            (
                "Europe/Moscow",
                &[
                    "Москва",
                    "Санкт-Петербург",
                    "Архангельск",
                    "Нарьян-Мар",
                    "Белгород",
                    "Брянск",
                    "Владимир",
                    "Вологда",
                    "Воронеж",
                    "Иваново",
                    "Калуга",
                    "Кострома",
                    "Курск",
                    "Липецк",
                    "Мурманск",
                    "Нижний Новгород",
                    "Великий Новгород",
                    "Орёл",
                    "Пенза",
                    "Псков",
                    "Ростов-на-Дону",
                    "Рязань",
                    "Смоленск",
                    "Тамбов",
                    "Тверь",
                    "Тула",
                    "Ярославль",
                    "Майкоп",
                    "Элиста",
                    "Петрозаводск",
                    "Сыктывкар",
                    "Йошкар-Ола",
                    "Саранск",
                    "Казань",
                    "Чебоксары",
                    "Краснодар",
                    "Ставрополь",
                    "Махачкала",
                    "Магас",
                    "Нальчик",
                    "Черкесск",
                    "Владикавказ",
                    "Грозный",
                ],
            ),
            ("Europe/Simferopol", &["Симферополь", "Севастополь"]),
            ("Europe/Volgograd", &["Волгоград"]),
            ("Europe/Kirov", &["Киров"]),
            ("Europe/Samara", &["Самара", "Ижевск"]),
            ("Europe/Saratov", &["Саратов"]),
            ("Europe/Ulyanovsk", &["Ульяновск"]),
            ("Europe/Astrakhan", &["Астрахань"]),
            (
                "Asia/Yekaterinburg",
                &[
                    "Екатеринбург",
                    "Челябинск",
                    "Пермь",
                    "Уфа",
                    "Тюмень",
                    "Оренбург",
                    "Курган",
                    "Ханты-Мансийск",
                    "Салехард",
                ],
            ),
            ("Asia/Omsk", &["Омск"]),
            ("Asia/Novosibirsk", &["Новосибирск"]),
            ("Asia/Barnaul", &["Барнаул", "Горно-Алтайск"]),
            ("Asia/Tomsk", &["Томск"]),
            ("Asia/Novokuznetsk", &["Кемерово"]),
            ("Asia/Krasnoyarsk", &["Красноярск", "Абакан", "Кызыл"]),
            ("Asia/Irkutsk", &["Иркутск", "Улан-Удэ"]),
            ("Asia/Chita", &["Чита"]),
            ("Asia/Yakutsk", &["Якутск", "Благовещенск"]),
            (
                "Asia/Vladivostok",
                &["Владивосток", "Хабаровск", "Биробиджан"],
            ),
            ("Asia/Sakhalin", &["Южно-Сахалинск"]),
            ("Asia/Magadan", &["Магадан"]),
            ("Asia/Srednekolymsk", &["Среднеколымск"]),
            ("Asia/Kamchatka", &["Петропавловск-Камчатский"]),
            ("Asia/Anadyr", &["Анадырь"]),
        ];
        for (zone, cities) in centres {
            for city in *cities {
                assert_eq!(meant(city), [*zone], "{city}");
            }
        }
        assert_eq!(
            centres.len(),
            ZONES.len(),
            "every zone has its centres listed"
        );
    }

    #[test]
    fn names_in_the_wrong_case_or_bare_cities() {
        assert_eq!(meant("europe/moscow"), ["Europe/Moscow"]);
        assert_eq!(meant("Asia/Novosibirsk "), ["Asia/Novosibirsk"]);
        assert_eq!(meant("Novosibirsk"), ["Asia/Novosibirsk"]);
        assert_eq!(meant("america/new york"), ["America/New_York"]);
        assert_eq!(meant("America/New_York"), ["America/New_York"]);
    }

    #[test]
    fn offsets_from_utc_and_from_moscow() {
        assert_eq!(
            meant("МСК"),
            [
                "Europe/Moscow",
                "Europe/Simferopol",
                "Europe/Volgograd",
                "Europe/Kirov"
            ]
        );
        let plus_seven = meant("UTC+7");
        assert!(plus_seven.contains(&"Asia/Krasnoyarsk"), "{plus_seven:?}");
        assert!(plus_seven.contains(&"Asia/Novosibirsk"), "{plus_seven:?}");
        assert_eq!(meant("МСК+4"), plus_seven);
        assert_eq!(meant("+05:00"), ["Asia/Yekaterinburg"]);
        assert_eq!(meant("GMT+2"), ["Europe/Kaliningrad"]);
        assert!(meant("UTC+5:30").is_empty());
        assert!(meant("где-то").is_empty());
    }

    #[test]
    fn cities_are_shown_in_russian() {
        assert_eq!(city_of("Asia/Krasnoyarsk"), Some("красноярск"));
        assert_eq!(city_of("America/New_York"), None);
    }
}
