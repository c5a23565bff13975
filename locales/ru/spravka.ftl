# Сообщения Spravka на русском. Каждый id есть и в ../en/spravka.ftl, с теми же переменными
# (это проверяет модульный тест src/locale.rs). Имена полей, TOML и команды не переводятся.

## Ошибка команды целиком (src/error.rs)

error-line = ошибка: { $message }
hint-line = подсказка: { $hint }
error-problems-found = { $n ->
    [one] найдена { $n } ошибка
    [few] найдено { $n } ошибки
   *[many] найдено { $n } ошибок
    }
error-io = не удалось { $action } { $path }: { $source }
error-render = не удалось построить страницу { $page } школы `{ $school }`: { $message }
error-render-hint = проверьте шаблон, названный последним; header.html и footer.html строятся один раз для всех страниц одного вида и видят только `school`, `t`, `doc`, `calendar`, `nav` и `page.key`, `page.root`, `page.site_index` (README, раздел «Themes»)
error-busy = в папку { $out } сейчас пишет другая сборка
error-busy-hint = дождитесь её окончания (запущенный `spravka serve` пересобирает сайты в свою папку) или соберите в другую папку: --out ПАПКА
error-interrupted = прервано; папка с сайтами осталась прежней
error-nothing-written = { $counted }; ничего не записано
count-problems-found = { $n ->
    [one] Найдена { $n } ошибка
    [few] Найдено { $n } ошибки
   *[many] Найдено { $n } ошибок
    }
count-warnings-denied = { $n ->
    [one] Найдено { $n } предупреждение (--deny-warnings)
    [few] Найдено { $n } предупреждения (--deny-warnings)
   *[many] Найдено { $n } предупреждений (--deny-warnings)
    }
count-problems-and-warnings = Найдено: { $n ->
    [one] { $n } ошибка
    [few] { $n } ошибки
   *[many] { $n } ошибок
    } и { $warnings ->
    [one] { $warnings } предупреждение
    [few] { $warnings } предупреждения
   *[many] { $warnings } предупреждений
    }

io-read = прочитать
io-write = записать
io-create-folder = создать папку
io-remove-folder = удалить папку
io-remove = удалить
io-move = переместить
io-list-folder = прочитать содержимое папки
io-open-folder = открыть папку
io-find = найти
io-lock = заблокировать
io-watch = следить за
io-zip = упаковать в zip
io-start-server = запустить сервер предпросмотра для
io-install-handler = установить обработчик
io-complete-journal = завершить прерванную сборку, записанную в
count-days = { $n ->
    [one] { $n } день
    [few] { $n } дня
   *[many] { $n } дней
    }

## Проблемы, как они показаны (src/diagnostic.rs)

diag-warning = предупреждение: { $headline }
diag-here = здесь
diag-help = подсказка
diag-advice = См. также

## Команды (src/cmd/)

check-no-problems = { $schools ->
    [one] Проверена { $schools } школа
    [few] Проверено { $schools } школы
   *[many] Проверено { $schools } школ
    } и { $articles ->
    [one] { $articles } страница статей
    [few] { $articles } страницы статей
   *[many] { $articles } страниц статей
    }: замечаний нет
check-no-errors = { $schools ->
    [one] Проверена { $schools } школа
    [few] Проверено { $schools } школы
   *[many] Проверено { $schools } школ
    } и { $articles ->
    [one] { $articles } страница статей
    [few] { $articles } страницы статей
   *[many] { $articles } страниц статей
    }: ошибок нет
count-warnings = { $n ->
    [one] { $n } предупреждение
    [few] { $n } предупреждения
   *[many] { $n } предупреждений
    }
new-bad-slug = `{ $slug }` не подходит для имени папки школы
new-bad-slug-hint = используйте строчные латинские буквы, цифры и дефисы, например school-27
new-unknown-platform = неизвестная платформа `{ $platform }`
new-known-platforms = известные платформы: { $platforms }
new-no-platforms = ни одной (нет папки content/platforms/)
new-exists = { $path } уже существует
new-exists-hint = выберите другое имя или отредактируйте существующий school.toml
new-created = создан { $path }
    заполните все значения с пометкой ЗАПОЛНИТЕ, затем запустите `spravka check` — он покажет, что осталось

## Предупреждения о правильных данных школы (src/model/lints.rs)

list-and = { $first } и { $last }
lint-next-year-hint = опишите следующий учебный год, как только его утвердят (запись [[school_years]] с start, end, terms и vacations, см. README), и соберите сайт заново
lint-year-ended = учебный год закончился { $end }; текущих часов консультаций на сайте нет
lint-year-ending = учебный год заканчивается { $end } (через { $days } после { $today }), а следующий учебный год не описан
lint-no-calendar = нет производственного календаря на { $year } год: выходными считаются только субботы и воскресенья, поэтому консультации в государственные праздники показаны как обычно
lint-no-calendar-hint = добавьте файл content/calendar/ru-{ $year }.toml с праздниками, выходными и рабочими субботами { $year } года по постановлению Правительства (см. раздел README «The production calendar»)
lint-slot-is-here = приём { $slot } — здесь
lint-overlap = этот приём консультанта `{ $who }` ({ $time }) пересекается с приёмом { $other } ({ $other_time }) в один и тот же день: один человек не может вести оба
lint-overlap-hint = измените время или дни одного из них либо передайте один другому консультанту
lint-more-overlaps = { $n ->
    [one] ещё { $n } приём пересекается
    [few] ещё { $n } приёма пересекаются
   *[many] ещё { $n } приёмов пересекаются
    } с более ранним приёмом того же консультанта
lint-more-overlaps-hint = сначала исправьте показанные пересечения, затем проверьте снова
lint-slot-hours = приём { $time } выходит за пределы { $earliest }–{ $latest }
lint-slot-hours-hint = проверьте время: часы пишутся от 0 до 23, например 15:00-16:00 — с трёх до четырёх часов дня
lint-slot-short = приём { $time } длится { $n ->
    [one] { $n } минуту
    [few] { $n } минуты
   *[many] { $n } минут
    }
lint-slot-short-hint = проверьте время окончания: консультация длится не меньше { $n ->
    [one] { $n } минуты
   *[other] { $n } минут
    }, например 15:00-16:00
lint-parents-without-contacts = школа помогает родителям, но сайт не показывает им ни телефона, ни электронной почты для связи
lint-parents-without-contacts-hint = добавьте канал в [parents], например [[parents.channels]] kind = "phone", phone = "…", или телефоны либо адреса почты школы в [school]; если школа не помогает родителям, напишите parents = false в [help]
lint-no-consent = { $what } консультанта `{ $id }` { $n ->
    [one] публикуется
   *[other] публикуются
    } без записанного согласия (152-ФЗ, ст. 10.1)
lint-no-consent-hint = запишите письменное согласие человека на публикацию: consent = 2026-08-28 (его дата) или consent = "согласие № 12 от 28.08.2026"; либо уберите эти данные и оставьте только должность
lint-consent-name = имя
lint-consent-phone = телефон
lint-consent-email = адрес почты
lint-consent-empty = согласие не заполнено
lint-consent-empty-hint = напишите дату письменного согласия, например consent = 2026-08-28, или документ, например consent = "согласие № 12 от 28.08.2026"
lint-unshown-article = статью `{ $id }` не показывает ни одна школа: ни одна не использует её платформы
lint-unshown-article-hint = укажите в `platforms` платформу школы, которая должна её показывать, или удалите файл

## Значения (src/model/types.rs)

value-not-weekday = `{ $text }` — не день недели
value-not-weekday-hint = напишите понедельник … воскресенье (или пн, вт, ср, чт, пт, сб, вс; можно и по-английски: monday … sunday)
value-not-gender = `{ $text }` — не обозначение пола
value-not-gender-hint = напишите "f" (назначена) или "m" (назначен) либо уберите `gender`
value-not-time = `{ $text }` — не время суток
value-not-time-hint = напишите часы и минуты, например 9:00 или 14:30
value-not-time-range = `{ $text }` — не промежуток времени
value-not-time-range-hint = напишите начало и конец через дефис, например 14:00-16:00 (или с 14.00 до 16.00)
value-range-backwards = промежуток `{ $text }` заканчивается раньше, чем начинается
value-range-backwards-hint = сначала напишите более раннее время, например 14:00-16:00
value-not-phone = `{ $text }` — не номер телефона
value-not-phone-hint = напишите цифры, при желании с пробелами, дефисами и скобками, например 8 (812) 490-70-33 или +7 495 582 69 00
value-not-email = `{ $text }` — не адрес электронной почты
value-not-email-hint = { $hint }; адрес почты выглядит так: name@school.ru
email-one-at = в адресе ровно один знак `@`
email-mixed-scripts = в `{ $text }` смешаны алфавиты: { $letters }; похожая буква даёт другой адрес, поэтому наберите его заново в латинской раскладке
email-local-non-ascii = в части до `@` есть `{ $c }`: пишите её латинскими буквами, цифрами и знаками . _ - +
email-local-length = в части до `@` от 1 до 64 знаков
email-local-char = в части до `@` не может быть `{ $c }`: используйте латинские буквы, цифры и знаки . _ - +
email-local-dots = точка в части до `@` стоит между буквами и никогда не дважды подряд
domain-no-dot = `{ $text }` — не доменное имя с точкой вроде school.ru
domain-numeric = `{ $text }` — не доменное имя: напишите имя сайта, а не числовой адрес
domain-label-length = каждая часть домена между точками — от 1 до 63 знаков
domain-char = в домене бывают буквы, цифры, дефисы и точки, но не `{ $c }`
domain-hyphen = часть домена не может начинаться или заканчиваться дефисом: `{ $text }`
domain-mixed-scripts = в части домена `{ $text }` смешаны алфавиты: { $letters } — похожая буква ведёт на другой сайт; наберите её заново
url-not-web-address = `{ $text }` — не адрес сайта
url-example = напишите адрес сайта, например https://school.ru или www.school.ru
url-scheme = ссылками здесь могут быть только адреса http:// и https://, но не `{ $scheme }:`; { $example }
url-slashes = после `{ $scheme }:` поставьте две косые черты, например { $scheme }://school.ru
url-a-space = пробела
url-char = в адресе сайта не может быть { $c }; { $example }
url-user = уберите `{ $user }@`: браузер не смотрит на всё, что стоит в адресе до `@`, и откроет `{ $host }`
url-port = `{ $port }` — не номер порта (от 1 до 65535)
value-not-audience = `{ $text }` — не аудитория
value-not-audience-hint = напишите "staff" (сотрудники) или "parents" (родители)
value-not-language = язык `{ $text }` не поддерживается
value-not-language-hint = напишите "ru" или "en"
value-not-zone = `{ $text }` — не часовой пояс IANA
zone-hint-examples = напишите название пояса, например Europe/Moscow, Asia/Krasnoyarsk или Asia/Yekaterinburg (пояс города, где находится школа)
zone-hint-one = напишите точное название пояса: { $zone }
zone-hint-several = напишите название пояса школы, одно из: { $zones }

## Подсказки к тому, что обычно пишут (src/data/hints.rs)

hint-close-quote = закройте кавычку: текст заканчивается знаком { $quote } на той же строке, например { $example } (текст в несколько строк берут в """ с обеих сторон)
hint-date-order = напишите дату как год-месяц-день: { $example }
hint-quote-text = возьмите текст в кавычки: { $example }

## Сообщения разбора TOML, сказанные по-русски (src/data/foreign.rs)

toml-other = ошибка в записи TOML (разбор сообщил: «{ $message }»)
toml-missing-field = нет обязательного ключа `{ $key }`
toml-unknown-field = неизвестный ключ `{ $key }`; возможные ключи: { $known }
toml-unknown-variant = неизвестное значение `{ $value }`; возможные значения: { $known }
toml-nothing-known = здесь ключей нет
toml-invalid-type = неверный вид значения: { $actual }; ожидается { $expected }
toml-accepted-forms = значение можно записать так: { $forms }
toml-duplicate-key = ключ повторяется
toml-unquoted-string = текст нужно взять в кавычки
toml-open-quote = текст в кавычках не закрыт
toml-leading-zero = лишний ноль в начале числа: число или дата без кавычек записаны неверно
toml-table-header = неверный заголовок таблицы
toml-no-value = у ключа нет значения
toml-expected-newline = здесь должна начинаться новая строка
toml-invalid-date = неверная дата
kind-string = строка
kind-integer = число
kind-float = дробное число
kind-boolean = логическое значение
kind-text-in-quotes = текст в кавычках
kind-table = таблица
kind-date = дата
kind-whole-number = целое число
kind-true-or-false = true или false
kind-list = список
kind-number = число
forms-rule = true (стандартная формулировка), false (правило не включается) или собственный текст школы в кавычках
forms-hours = "24x7" или таблица с `days` ("daily" — ежедневно, "workdays" — по рабочим дням), `time` и необязательным `channels`, {"{"} days = "daily", time = "9:00-21:00", channels = ["email", "phone"] {"}"}
forms-phone = номер телефона в кавычках, "8 (495) 582-69-00", или таблица с `number` и необязательным `label`, {"{"} number = "582-69-00", label = "тел/факс" {"}"}
forms-consent = дата согласия, например 2026-08-28, или документ в кавычках, например "согласие от 28.08.2026 № 12"
forms-response = слова школы в кавычках, "в течение одного дня", или таблица с одним из ключей `hours`, `days`, `working_days` (целое число) и необязательным `words = true`, {"{"} days = 7 {"}"}

## Структура файла TOML (src/data/lenient.rs)

written-string = текст в "кавычках"
written-table = таблицу: заголовок [имя] и под ним строки `ключ = значение`
written-date = дату без кавычек, например 2026-09-01
written-integer = целое число без кавычек, например 3
written-boolean = true или false, без кавычек
written-list = список в [квадратных скобках], например ["a", "b"]
written-float = число без кавычек, например 1.5
lenient-too-many = проверка структуры этого файла остановилась после { $n } ошибок; дальше могут быть ещё
lenient-write = напишите { $what }
lenient-too-many-hint = исправьте перечисленные ошибки и снова запустите `spravka check`
lenient-date-unquote = напишите { $value } без кавычек: дата пишется как год-месяц-день
lenient-unquote = уберите кавычки: напишите { $value }
lenient-did-you-mean = может быть, имелся в виду `{ $key }`? Если нет, проверьте, как написан ключ; все ключи перечислены в README (раздел «{ $section }»)
lenient-missing-table = добавьте недостающую таблицу `[{ $table }]` с её ключами; полный пример есть в README (раздел «{ $section }»)
lenient-missing-key-top = добавьте недостающий ключ `{ $key }` ({ $written }) в начало файла, до первой [таблицы]; полный пример есть в README (раздел «{ $section }»)
lenient-missing-key = добавьте недостающий ключ `{ $key }` ({ $written }) в `{ $table }`; полный пример есть в README (раздел «{ $section }»)

## Подсказки к файлам TOML (src/data/mod.rs)

toml-hint-unknown-field = проверьте, как написан ключ; все ключи перечислены в README (раздел «{ $section }»)
toml-hint-missing-field = добавьте недостающий ключ; полный пример есть в README (раздел «{ $section }»)
toml-hint-forms = запишите значение в одном из этих видов; каждый показан в README (раздел «{ $section }»)
toml-hint-variant = какие значения возможны, сказано в README (раздел «{ $section }»)
toml-hint-duplicate-key = этот ключ дважды указан в одной таблице: оставьте одну из двух строк
toml-hint-invalid-type = проверьте кавычки и скобки: текст пишется в "кавычках", списки — в [квадратных скобках]
toml-hint-syntax = проверьте запись TOML рядом с этим местом: кавычки, скобки, `ключ = значение`

## Учебные годы (src/model/school/school_year.rs)

year-both-forms = указаны и [school_year], и [[school_years]]
year-both-forms-hint = оставьте одну запись: перенесите [school_year] в запись [[school_years]] или уберите [[school_years]]
year-missing = у школы есть еженедельные часы консультаций, но не указан учебный год: в календаре не было бы ни одной консультации
year-missing-hint = добавьте [school_year] с `start` и `end`, например start = 2026-09-01 и end = 2027-05-25 (см. «school.toml» в README)
year-too-many = { $n ->
    [one] { $n } учебный год
    [few] { $n } учебных года
   *[many] { $n } учебных лет
    } — больше, чем { $max }
year-too-many-hint = оставьте текущий учебный год и следующий; закончившиеся годы уберите
slot-add-first = сначала добавьте приём в [[schedule.slots]]
slot-write-id = напишите id приёма: { $ids }
slot-unknown = неизвестный приём `{ $id }`
year-out-of-order = учебный год { $year } указан после { $before }, который начинается позже
year-overlaps = учебный год { $year } начинается ({ $start }) раньше, чем заканчивается { $before } ({ $end })
year-order-hint = перечислите учебные годы по порядку: каждый начинается после окончания предыдущего
year-weekend-rule = `{ $text }` — не правило для рабочих суббот и воскресений
year-weekend-rule-hint = напишите "skip" (в этот день консультаций нет) или "replaced_day" (консультации как в тот будний день, который он заменяет)
year-backwards = учебный год заканчивается ({ $end }) раньше, чем начинается ({ $start })
year-backwards-hint = укажите в `end` последний день учебного года
year-too-long = учебный год с { $start } по { $end } длиннее года
year-too-long-hint = опишите один учебный год: его первый и последний день, например 2025-09-01 и 2026-05-26
period-backwards = «{ $name }» заканчивается ({ $end }) раньше, чем начинается ({ $start })
period-backwards-hint = укажите в `end` более позднюю дату
audience-all-hint = напишите "all" (все), "staff" (сотрудники) или "parents" (родители)
consultant-add = добавьте запись [[consultants]] с этим id
consultant-write-id = напишите один из id в [[consultants]]: { $ids }
consultant-unknown = неизвестный консультант `{ $id }`
id-bad = `{ $id }` не подходит для id
id-bad-hint = используйте строчные латинские буквы, цифры и дефисы, например tuesday-lab
exception-twice = у консультации приёма `{ $slot }` { $date } уже есть исключение
exception-twice-hint = оставьте одно исключение на консультацию: объедините два в одно

## Исключения (src/model/school/school_year.rs)

exception-not-day = { $date } — не { $day }: в этот день приёма `{ $slot }` нет
exception-not-days = { $date } — { $day }, а приём `{ $slot }` бывает в другие дни ({ $days })
exception-date-hint = укажите дату той консультации, которая меняется
exception-outside-years = { $date } не входит в учебные годы, в которых есть приём `{ $slot }`
exception-outside-years-hint = укажите дату внутри учебного года ([school_year] или [[school_years]]), в котором есть этот приём
exception-moved-empty = для перенесённой консультации нужны новые `date`, `time` или `place`
exception-moved-empty-hint = напишите, например, moved = {"{"} time = "15:00-16:00" {"}"}
exception-kind = исключение — это либо `cancelled = true`, либо `moved = {"{"} … {"}"}`
exception-kind-hint = напишите cancelled = true или moved = {"{"} date = …, time = "…", place = "…" {"}"}
weekday-monday = понедельник
weekday-tuesday = вторник
weekday-wednesday = среда
weekday-thursday = четверг
weekday-friday = пятница
weekday-saturday = суббота
weekday-sunday = воскресенье

## Статьи (src/model/article.rs)

platform-unknown = неизвестная платформа `{ $id }`
write-one-of = напишите одно из: { $known }
article-empty-title = заголовок не может быть пустым
article-empty-title-hint = напишите заголовок статьи между кавычками
article-broken-link = ссылка `@/{ $target }` не ведёт ни на одну страницу
article-broken-link-hint = ссылайтесь на @/ (главная), @/{ $pages } или @/faq/<имя файла статьи без .md>
article-contact-shared = в статье есть { $kind } `{ $text }`, которого нет в данных одной из школ, где она показана
article-contact-shared-hint = например, школы `{ $slug }`; { $hint }
article-contact = в статье есть { $kind } `{ $text }`, которого нет в данных школы `{ $slug }`
article-contact-hint = если это контакт школы или разработчика платформы, добавьте его в school.toml или в описание платформы; иначе пусть статья называет его через шорткод, например {"{{"} school_contacts {"}}"} или {"{{"} escalation_contacts {"}}"} (README, раздел «FAQ articles»)
article-more-refused = ещё ссылок, изображений или атрибутов заголовков, которые нельзя использовать: { $n } (перечислены только первые { $max })
article-more-refused-hint = исправьте перечисленные выше и снова запустите `spravka check`
article-bad-file-name = имя файла `{ $id }.md` нельзя использовать в адресе страницы
article-bad-file-name-hint = назовите файл строчными латинскими буквами, цифрами и дефисами, например kak-sostavit-obrashchenie.md

## Даты (src/model/mod.rs)

value-not-date = `{ $text }` — не дата
value-not-date-hint = напишите дату без кавычек как год-месяц-день, например 2025-09-01

## Что называет статья (src/model/mentions.rs)

mention-phone = телефон
mention-email = адрес почты
mention-channel = канал связи

## Дни недели (src/model/weekdays.rs)

days-how = напишите понедельник … воскресенье (или пн … вс, или monday … sunday), промежуток от более раннего дня к более позднему, например пн-пт, или список, например пн, ср, пт
days-twice = день «{ $day }» указан в `{ $text }` дважды
days-once-hint = называйте каждый день один раз
days-already = день «{ $day }» уже есть в списке
days-none = не указан ни один день недели
days-none-in = в `{ $text }` нет ни одного дня недели
days-backwards = промежуток `{ $text }` идёт в обратную сторону
days-backwards-hint = сначала напишите более ранний день (пн-пт); дни через воскресенье — это два промежутка, например пт-вс, пн
days-in-context = { $message } (в `{ $text }`)

## Пропуски шаблона (src/data/blanks.rs)

blank-unfilled = этот пропуск не заполнен
blank-hint = замените пропуск значением школы
blank-hint-what = замените пропуск: { $what }

## Сборка (src/cmd/build.rs)

build-summary = Собрано { $schools ->
    [one] { $schools } школа
    [few] { $schools } школы
   *[many] { $schools } школ
    } в { $out } (без изменений с прошлой сборки: { $fresh }): файлов записано — { $written }, не изменилось — { $unchanged }, удалено — { $removed }; страниц — { $pages }, календарей — { $feeds }; за { $seconds } с
build-platform-hint = напишите имя файла из content/platforms/ (без .toml)
epoch-hint = уберите переменную или задайте время Unix, например 1756684800
epoch-not-a-number = SOURCE_DATE_EPOCH=`{ $text }` — не число секунд
epoch-out-of-range = SOURCE_DATE_EPOCH=`{ $text }` — вне допустимого диапазона
build-kept = оставлен { $path }: его записала не Spravka
build-kept-more = оставлено ещё файлов, записанных не Spravka: { $n }

## Упаковка (src/cmd/package.rs)

package-since-one = --since сравнивает с последней выгрузкой одной школы
package-since-one-hint = укажите эту школу: --school SLUG
package-bad-manifest = нельзя использовать { $path } с --since: { $error }
package-bad-manifest-hint = укажите manifest.json из папки школы в том виде, в каком её выгрузили в последний раз
package-manifest-large = { $path } слишком велик для manifest.json
package-manifest-large-hint = укажите manifest.json из папки школы
package-summary = Упаковано { $n ->
    [one] { $n } школа
    [few] { $n } школы
   *[many] { $n } школ
    } в { $dist }
package-size = { $n ->
    [one] { $n } файл
    [few] { $n } файла
   *[many] { $n } файлов
    }, { $kib } КиБ
package-wrote = записан { $zip } ({ $size })
package-wrote-delta = записан { $zip } ({ $size }: изменились с последней выгрузки — { $changed }, и manifest.json); на сервере удалите файлы по списку из { $list } (их { $deleted })

## Предпросмотр (src/cmd/serve.rs, src/serve/)

serve-open = предупреждение: сервер слушает { $address }: любое устройство, которое достаёт до этого порта, может читать предпросмотр и ошибки сборки
serve-serving = предпросмотр { $out } на http://{ $address }/ (Ctrl+C — остановить); слежу за изменениями в { $watched }
serve-changed = изменено: { $what }
serve-rebuilt = пересобрано за { $ms } мс: { $summary }

## Сервер предпросмотра (src/serve/)

serve-cannot-listen = не удалось открыть { $address }: { $error }
serve-cannot-listen-hint = выберите другой порт: --port
serve-overlay-title = Сборка не удалась: на странице — последняя удачная сборка
serve-overlay-hide = Скрыть

## Наблюдение за файлами (src/serve/watch.rs)

serve-watch-failed = предупреждение: не удаётся следить за проектом: { $error }
serve-editor-file = служебный файл редактора
serve-and-more = { $first } и ещё { $n }

## Данные школы (src/model/school.rs)

text-empty = этот текст не может быть пустым
text-empty-hint = напишите значение между кавычками
text-empty-or-omit-hint = напишите значение между кавычками или уберите ключ: { $without }
approval-kind = `{ $text }` — не вид грифа
approval-kind-hint = напишите "agreed" (СОГЛАСОВАНО), "approved" (УТВЕРЖДАЮ) или "reviewed" (РАССМОТРЕНО)
platform-unknown-hint = напишите одно из: { $known } (файлы в content/platforms/)
consultant-twice = id консультанта `{ $id }` встречается дважды
consultant-twice-hint = дайте каждому консультанту свой id
consultant-title-default = тогда в заголовке будет должность до первой запятой
training-days = { $days } — не число рабочих дней
training-days-hint = напишите целое число от 1 до 365
topic-unknown = `{ $topic }` — не стандартная тема
topic-unknown-hint = напишите одно из: { $known }; свои темы укажите в `custom_topics`

## Каналы и приёмы (src/model/school.rs)

channel-stray = у канала `{ $kind }` не бывает `{ $key }`
channel-stray-hint = уберите `{ $key }` или напишите kind = "{ $key }"
channel-needs = каналу `{ $kind }` нужен `{ $key }`
channel-needs-hint = добавьте { $key } = "…" или `note` с тем, как связаться
slot-twice = id приёма `{ $id }` встречается дважды
slot-twice-hint = дайте каждому приёму свой id
slot-place-default = тогда страницы подскажут, где узнать место
slot-both-days = у приёма указаны и `weekday`, и `weekdays`
slot-both-days-hint = оставьте что-то одно: weekdays = "пн-пт" или weekday = "пн"
slot-no-days = у приёма должны быть указаны дни
slot-no-days-hint = добавьте weekday = "пн" или, для нескольких дней, weekdays = "пн-пт"

## Описания платформ (src/model/platform.rs)

support-kind = `{ $text }` — не вид канала поддержки
support-kind-hint = напишите одно из: { $known } (адреса почты и телефоны указываются в [[support.emails]] и [[support.phones]])
support-needs-url = каналу поддержки `{ $kind }` нужен адрес
support-needs-url-hint = добавьте url = "https://…": его покажут страницы и назовёт положение
support-needs-via = каналу поддержки `other` с escalation = true нужен `via`
support-needs-via-hint = напишите, как его называет положение, например via = "через мессенджер «…»"
support-promise-email = приём обращений по почте, но в описании платформы нет адреса почты
support-promise-email-what = [[support.emails]] с адресом
support-promise-phone = приём обращений по телефону, но в описании платформы нет номера телефона
support-promise-phone-what = [[support.phones]] с номером
support-promise = страницы обещали бы { $promise }
support-promise-hint = добавьте { $what } или уберите `{ $key }`
support-own-channel = `{ $key }` относится только к своему каналу
support-own-channel-hint = каналы с общими часами перечислите в `processing`
support-no-contact = в описании платформы нет контакта `{ $channel }` для этих часов
support-no-contact-hint = добавьте контакт в [support] или уберите его из `channels`
support-not-channel = `{ $name }` — не канал связи
support-not-channel-hint = напишите "email", "phone" или вид из [[support.channels]]: social, web_form, chat, online_call, other
support-no-escalation = ни один контакт поддержки не отмечен escalation = true
support-no-escalation-hint = отметьте escalation = true контакты, которые называет пункт положения о срочных случаях
call-cost = `{ $text }` — не стоимость звонка
call-cost-hint = напишите "free" (бесплатно) или "paid" (платно)
hours-word = `{ $text }` — не часы работы
hours-word-hint = напишите "24x7" или таблицу, например {"{"} days = "daily", time = "9:00-21:00" {"}"}
hours-always-time = у круглосуточной работы нет `time`
hours-always-time-hint = уберите `time` или напишите days = "daily"
hours-days = `{ $text }` — не набор дней
hours-days-hint = напишите "daily" (каждый день), "workdays" (с понедельника по пятницу, кроме праздников) или "24x7"
hours-need-time = для часов работы нужен `time`
hours-need-time-hint = добавьте time = "9:00-18:00"

## Виды (src/model/school/types.rs)

event-kind = `{ $text }` — не вид события
channel-kind = `{ $text }` — не вид канала связи

## Сроки ответа (src/model/response.rs)

response-one-key = в сроке ответа нужен ровно один из ключей `hours`, `days`, `working_days`
response-one-key-hint = напишите, например, {"{"} days = 7 {"}"}, {"{"} working_days = 1 {"}"} или "в течение одного дня"
response-number = { $n } — не срок ответа
response-number-hint = напишите целое число от 1 до 1000
response-words = словами пишутся только числа до { $max }, а не { $n }
response-words-hint = уберите `words` или напишите срок, как в положении: "в течение …"
response-text = `{ $text }` — срок ответа, который Spravka не может прочитать
response-text-hint = напишите «в течение» с числом (цифрами или словами одного … десяти) и словом дня/дней, рабочего дня/рабочих дней, часа/часов или суток, например "в течение одного дня"; или таблицу, например {"{"} days = 1 {"}"}

## Производственный календарь (src/model/production_calendar.rs)

calendar-year = { $year } — не год производственного календаря
calendar-year-hint = напишите год, к которому относится файл, от { $from } до { $to }
calendar-working-days = по датам в { $year } году выходит рабочих дней: { $counted }, а не { $expected }
calendar-working-days-hint = сверьте праздники, выходные и рабочие субботы с постановлением
calendar-date-year = { $date } — не в { $year } году
calendar-date-year-hint = в каждом файле — даты только его года

## Адреса публикации (src/model/base_url.rs)

base-url-hint = напишите адрес, по которому опубликована папка, с https:// или http://, например https://school.ru/help/
base-url-scheme = `{ $text }` — не адрес, начинающийся с https://
base-url-char = в адресе папки не может быть `{ $c }`
base-url-char-hint = уберите `{ $c }` и всё, что после него; { $hint }

## Термины положения (src/model/terms.rs)

terms-undefined = положение называет школу «{ $name }», но во вступлении это сокращение нигде не введено
terms-undefined-hint = напишите «(далее — { $name })» после наименования школы во вступлении или уберите [document.terms.school] и [document.terms.responsible], чтобы осталось «{ $default }», введённое в пункте 2

## Входные файлы (src/data/mod.rs)

input-special = это { $kind }, а не обычный файл, и он не читается
input-special-hint = замените его обычным файлом или удалите (README, раздел «Input files»)
input-folder = здесь папка, а должен быть файл
input-folder-hint = удалите или переименуйте папку: входные данные — это файлы, например faq/ИМЯ.md
input-link-outside = эта символическая ссылка ведёт за пределы { $root }, а вне её ничего не читается
input-link-on-way-outside = символическая ссылка `{ $link }` по пути ведёт за пределы { $root }, а вне её ничего не читается
input-link-outside-hint = скопируйте файл внутрь { $root } или направьте ссылку внутрь неё (README, раздел «Input files»)
input-link-broken = эта символическая ссылка не ведёт ни к чему, что можно прочитать: файла нет или ссылки замкнуты в кольцо
input-link-broken-hint = исправьте ссылку или удалите её
input-too-large = файл больше { $mib } МиБ — предела для файлов этого вида
input-too-large-hint = разделите его на файлы поменьше; пределы перечислены в README (раздел «Input files»)
root-project = папки проекта
special-fifo = именованный канал (FIFO)
special-socket = сокет
special-device = устройство
input-utf16 = файл сохранён в кодировке UTF-16, а не как текст UTF-8
input-not-utf8 = файл — не текст в кодировке UTF-8 (ошибка в строке { $line }, байт { $byte })
input-save-as-utf8 = сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как…» → «Кодировка: UTF-8»)
article-no-front-matter = у статьи нет заголовочного блока (front matter)
article-no-front-matter-hint = начните файл строкой `+++`, затем ключи TOML (title = "…" и другие) и закрывающая строка `+++`
no-schools-folder = в { $root } нет папки `schools`
no-schools-folder-hint = запустите spravka в папке проекта, укажите --root или создайте школу: `spravka new SLUG --platform ID`
no-such-school = в { $dir } нет школы `{ $slug }`
known-schools = известные школы: { $known }
bad-folder-name = имя папки `{ $slug }` нельзя использовать в адресе страницы
bad-folder-name-hint = переименуйте папку строчными латинскими буквами, цифрами и дефисами, например school-27
no-school-toml = в папке школы нет school.toml
no-school-toml-hint = создайте { $path } (см. README) или запустите `spravka new { $slug } --platform dnevnik-ru`

## Символы в значениях (src/model/text.rs)

char-nul = NUL
char-bell = звонок
char-backspace = возврат на шаг
char-tab = табуляция
char-line-feed = перевод строки, разрыв строки
char-carriage-return = возврат каретки, разрыв строки
char-escape = escape, начинает управляющие последовательности терминала
char-delete = delete
char-next-line = следующая строка, разрыв строки
char-nbsp = неразрывный пробел
char-soft-hyphen = мягкий перенос
char-zwsp = пробел нулевой ширины
char-zwnj = разъединитель нулевой ширины
char-zwj = соединитель нулевой ширины
char-direction-mark = знак направления текста
char-line-separator = разделитель строк
char-paragraph-separator = разделитель абзацев
char-direction-control = управление направлением текста
char-bom = метка порядка байтов
char-control = управляющий символ
char-invisible = невидимый символ
text-invisible = { $what } `{ $text }` содержит { $char } на { $at }-м месте
what-weekday = день недели
what-email = адрес почты
what-days = список дней
what-phone = номер телефона
what-time-range = промежуток времени
what-zone = часовой пояс
what-time = время
what-url = адрес сайта
what-text = текст
text-retype = наберите значение вручную: невидимые символы попадают в текст, скопированный из документов, мессенджеров или с веб-страниц
text-one-line = напишите текст в одну строку, без невидимых символов
script-latin = из латиницы
script-cyrillic = из кириллицы
script-greek = из греческого алфавита
script-other = не из латиницы
text-foreign-letter = { $at }-й знак `{ $c }` — { $script } ({ $code })
list-and-more = … и ещё { $n }

## Положение (src/model/regulation.rs)

regulation-empty = текст положения пуст
regulation-empty-hint = вставьте в regulation.md утверждённый текст школы или удалите файл, чтобы положение строилось по school.toml
regulation-title = школе с regulation.md нужен `document.title` — заголовок её документа
regulation-title-hint = добавьте title = "…" в [document] слово в слово, как в утверждённом документе (README, раздел «The regulation word for word»)
regulation-key = этот ключ задаёт формулировки построенного положения, а regulation.md заменяет этот текст
regulation-key-hint = уберите ключ: страница положения показывает regulation.md как есть (README, раздел «The regulation word for word»)

## Сверка положения с данными (src/model/regulation/crosscheck.rs)

cross-differs = в положении сказано `{ $text }`, а в { $place } (`{ $field }`) — `{ $data }`
cross-differs-hint = сделайте так, чтобы они совпадали: исправьте текст положения или значение в { $path } (README, раздел «The cross-check»)
cross-data-says = в данных — `{ $data }`
cross-site-shows-none = на сайте нет ни одного значения вида «{ $kind }»
cross-site-shows = на сайте есть { $values }
cross-not-shown = положение называет { $kind } `{ $text }`, которого нет ни на одной странице сайта; { $shown }
cross-readme = { $hint } (README, раздел «The cross-check»)
cross-names-here = здесь положение называет `{ $text }`
cross-names-other = в { $place } названо `{ $text }`, но не это
cross-names-none = в { $path } нет ни одного значения вида «{ $kind }»
cross-not-in-text = сайт показывает { $kind } `{ $data }`, которого нет в тексте положения: { $where_text }
cross-not-in-text-hint = впишите его в { $path } там, где положение перечисляет способы получить помощь, или уберите его здесь, если положение его больше не называет (README, раздел «The cross-check»)
cross-kind-phone = номер телефона
cross-kind-email = адрес электронной почты
cross-kind-web = адрес сайта
cross-kind-time = время
cross-kind-response = срок ответа
cross-kind-training = срок обучения
cross-add-contact = исправьте текст или добавьте контакт в school.toml (канал в [staff] или [parents], в [school] или консультанту) либо в описание платформы
cross-add-hours = исправьте текст или добавьте часы в school.toml ([[schedule.slots]] или [[events]]); часы службы поддержки берутся из описания платформы
cross-add-response = исправьте текст или задайте `response` в [staff] или [parents] в school.toml, например {"{"} days = 7 {"}"} или {"{"} working_days = 1 {"}"}
cross-add-training = исправьте текст или задайте `help.training_days` в school.toml

## Markdown статей (src/markdown.rs)

md-heading-hint = у заголовка могут быть только якорь и классы из латинских букв, цифр, `-` и `_`, например {"{"}#chto-ukazat .vazhno{"}"}; остальное из фигурных скобок удалите
md-link-hint = ссылайтесь на веб-страницу (https://…), адрес почты (mailto:…), телефон (tel:…), страницу этого сайта (@/contacts) или относительный адрес
md-image-hint = статья может показывать только картинки из файлов сайта по относительному адресу, например ../assets/shema.png (папка static/ темы); на картинку с другого сайта сделайте ссылку: [подпись](https://…)
md-depth-hint = ни одной странице не нужны цитаты, списки или выделения такой глубины; уберите лишние `>`, отступы списков или знаки выделения
md-too-deep = блоки и выделения вложены глубже { $max } уровней
md-heading-anchor = якорь заголовка `#{ $id }`
md-heading-class = класс заголовка `.{ $class }`
md-heading-attribute = атрибут заголовка `{ $key }`
md-not-allowed = { $what } — не допускается
md-link = ссылка на `{ $url }` не допускается
md-image = изображение `{ $url }` — не файл этого сайта и загружалось бы с другого

## Шорткоды (src/markdown/shortcodes.rs)

sc-private-use = этот символ из области для частного использования занят Spravka
sc-private-use-hint = удалите его: символы от U+F0000 до U+FFFFD в статье использовать нельзя
sc-not-closed = `{ $open }` не закрыт на своей строке
sc-not-closed-hint = закройте его знаками `{ $close }` на той же строке или напишите `\{ $open }`, если нужны сами скобки
sc-too-many = в одной статье больше { $max } шорткодов
sc-too-many-hint = разделите статью на несколько
sc-second-else = второй `{"{%"} else {"%}"}` в одном `{"{%"} if {"%}"}`
sc-second-else-hint = оставьте один `{"{%"} else {"%}"}` между `{"{%"} if … {"%}"}` и `{"{%"} end {"%}"}`
sc-else-alone = `{"{%"} else {"%}"}` без `{"{%"} if … {"%}"}` перед ним
sc-end-alone = `{"{%"} end {"%}"}` без `{"{%"} if … {"%}"}` перед ним
sc-if-open = `{"{%"} if … {"%}"}` нигде не закрыт
sc-if-open-hint = закончите показываемую или скрываемую часть знаком `{"{%"} end {"%}"}`
sc-unknown-filter = неизвестный фильтр `{ $filter }`
sc-unknown-filter-hint = фильтр только один — `{ $filter }`: {"{{"} { $name } | { $filter } {"}}"}
sc-flag-printed = `{ $name }` — условие, печатать в нём нечего
sc-flag-printed-hint = используйте его так: {"{%"} if { $name } {"%}"} … {"{%"} end {"%}"}
sc-bad-statement = `{"{%"} { $inner } {"%}"}` — не шорткод
sc-bad-statement-hint = напишите {"{%"} if имя {"%}"}, {"{%"} if not имя {"%}"}, {"{%"} else {"%}"} или {"{%"} end {"%}"}
sc-unknown = неизвестный шорткод `{ $name }`
sc-names-hint = возможные имена — для слов: { $words }; для списков: { $lists }; только для условий: { $flags } (имена и как ими пользоваться — в README, раздел «FAQ articles»)
sc-open-hint = начните показываемую или скрываемую часть с {"{%"} if имя {"%}"} или удалите этот

## Где стоят шорткоды (src/markdown/slots.rs)

slot-misplaced = этот шорткод здесь использовать нельзя
slot-misplaced-hint = шорткод может стоять в тексте, заголовке, пункте списка или ячейке таблицы, но не в адресе или подсказке ссылки, описании картинки или {"{"}#якоре{"}"} заголовка
slot-list-inline = `{ $name }` — список: он не может стоять внутри предложения
slot-list-inline-hint = поставьте его на отдельную строку, с пустой строкой до и после
slot-cond-mixed = этот `{"{%"} if … {"%}"}` охватывает не целые блоки и не часть одного абзаца
slot-cond-mixed-hint = поставьте `{"{%"} if … {"%}"}`, `{"{%"} else {"%}"}` и `{"{%"} end {"%}"}` каждый на отдельную строку вокруг целых абзацев, списков или заголовков либо все три внутри одного абзаца

## Темы (src/render/theme.rs)

theme-compile = шаблоны темы не компилируются: { $error }
theme-compile-hint = исправьте запись Tera в указанном месте (синтаксис Tera 2: README, раздел «Themes»)
theme-static-generated = файл темы static/{ $path } назван так же, как файл, который сборка пишет для каждой школы (assets/{ $path }), и заменил бы его
theme-static-generated-hint = переименуйте файл (и ссылки на него в своих шаблонах)

## Папка для сайтов (src/output/folder.rs)

out-is-input = папка для сайтов { $out } и { $name ->
    [project] папка проекта
    [schools] папка `schools` проекта
    [content] папка `content` проекта
   *[theme] папка --theme
    }: { $relation ->
    [is] это одна и та же папка
    [holds] первая содержит вторую
   *[inside] первая лежит внутри второй
    }, а сборка заменила бы файлы второй
out-is-input-hint = пишите сайты в отдельную папку: --out ПАПКА, например `public` (по умолчанию) или папку вне проекта
out-not-a-folder = это не папка
out-foreign-files = в ней есть файлы, но нет { $marker }
out-not-ours = { $out } — не папка, в которую собирает Spravka ({ $why }); ничего не записано
out-not-ours-hint = собирайте в новую или пустую папку: --out ПАПКА, или удалите содержимое этой папки, если это старая ненужная сборка

## Дни, как их ждёт разбор (src/data/school.rs)

kind-days = дни строкой, например "пн-пт", или списком, например ["пн", "ср"]

## Папки входных данных (src/data/mod.rs)

root-theme = папки темы
special-other = не обычный файл

## Командная строка (src/cli.rs)

cli-bad-shard = `{ $text }` — не часть сборки: напишите I/N, где 1 <= I <= N, например 2/8

## Справка командной строки (src/cli/help.rs)

cli-about = Spravka строит справочный сайт для каждой школы, которая переходит на электронный журнал: часы консультаций, контакты, обращение в службу поддержки платформы, ответы на вопросы и само положение.
cli-long-about = Spravka строит справочный сайт для каждой школы, которая переходит на электронный журнал: часы консультаций, контакты, обращение в службу поддержки платформы, ответы на вопросы и само положение.

    Коды завершения: 0 — успех; 1 — во входных данных есть ошибки (все перечислены); 2 — неверная командная строка; 3 — файл не удалось прочитать, построить или записать либо папку для сайтов занимает другая сборка; 130 — остановлено сигналом SIGINT, SIGTERM или SIGHUP.
cli-lang = Язык сообщений: `en` или `ru` (по умолчанию — по LC_ALL, LC_MESSAGES или LANG, иначе по языку системы: русский для локали `ru`, например ru_RU.UTF-8, иначе английский)
cli-build = Собрать сайты всех школ (или выбранных) в папку для сайтов
cli-check = Проверить все файлы и перечислить все ошибки, ничего не записывая
cli-new = Создать новую школу по типовому положению, с пропусками, которые покажет `check`
cli-serve = Собрать и показать сайты на этом компьютере для предпросмотра; каждое изменение проекта пересобирает то, что оно затрагивает, а открытые страницы обновляются сами
cli-package = Записать по zip-архиву на школу, готовому к загрузке через панель управления хостингом; сайт каждой школы полон сам по себе (без ссылок на страницы вне его папки)
cli-root = Папка проекта (в ней `schools/` и `content/`)
cli-school = Только эта школа (имя её папки в `schools/`); для нескольких школ повторите
cli-theme = Папка темы, чьи файлы templates/, static/ и i18n/ заменяют встроенные
cli-deny-warnings = Считать предупреждения ошибками: команда завершается с кодом 1 и ничего не записывает
cli-format = Как выводить ошибки: `text` (с исходной строкой, в stderr) или `json` (по объекту JSON на ошибку и строку в stdout, итог — в stderr; см. README)
cli-out = Куда записать сайты (по умолчанию — `public` в папке проекта)
cli-base-url = Публичный адрес папки для сайтов, например https://example.ru/help (для абсолютных ссылок)
cli-shard = Собрать только I-ю из N частей школ (по хешу имени папки), например 2/8; все части одного проекта вместе дают те же файлы, что одна сборка. Часть 1 записывает общий список школ
cli-force = Построить каждую школу, даже если с прошлой сборки ничего из того, от чего она зависит, не изменилось
cli-port = Порт сервера (0 — выбирает система)
cli-address = Адрес сервера; по умолчанию предпросмотр виден только с этого компьютера. Запросы должны называть `localhost`, адрес обратной петли или этот адрес (при 0.0.0.0 или :: — любой IP-адрес), но никогда другое имя хоста, чтобы ни одна страница другого сайта не могла читать предпросмотр (DNS rebinding)
cli-package-out = Куда записать архивы, по одному `<школа>.zip` (по умолчанию — `dist` в папке проекта)
cli-package-since = `manifest.json` последней выгрузки школы: тогда в архиве только файлы, изменившиеся с тех пор, а `<школа>.delete.txt` перечисляет файлы, которые нужно удалить на сервере. Нужен ровно один `--school`
cli-package-site = Собранные сайты (по умолчанию — `public` в папке проекта); из них читаются только прежние события календарей, чтобы SEQUENCE изменённого события росла, как при сборке
cli-package-base-url = Публичный адрес папки, в которой лежат папки школ (как для `build`)
cli-new-slug = Имя папки новой школы: строчные латинские буквы, цифры и дефисы
cli-new-platform = Описание платформы (имя файла в content/platforms/ без .toml)
cli-new-root = Папка проекта
cli-help = Показать справку
cli-version = Показать версию
cli-heading-options = Параметры
cli-heading-arguments = Аргументы
cli-heading-commands = Команды
cli-help-template = {"{"}about-with-newline{"}"}
    Использование: {"{"}usage{"}"}

    {"{"}all-args{"}"}{"{"}after-help{"}"}

## Индикатор хода сборки (src/progress.rs)

progress-template = {"{"}prefix{"}"} [{"{"}bar:30{"}"}] {"{"}pos{"}"}/{"{"}len{"}"} школ, осталось {"{"}eta{"}"}
progress-building = сборка
cli-default = по умолчанию: { $value }
cli-values = возможные значения: { $values }


## Манифесты выгрузок (src/archive.rs)

manifest-unreadable = это не manifest.json, записанный Spravka ({ $why })
manifest-algorithm = в нём хеши вида `{ $kind }`, а эта версия Spravka читает xxh3-128 и sha256

# A mistake on the command line (clap finds it; English output is clap's own words).
cli-error = ошибка: { $what }
cli-error-unknown-argument = неизвестный параметр `{ $arg }`
cli-error-unknown-command = неизвестная команда `{ $command }`
cli-error-invalid-value = недопустимое значение `{ $value }` у `{ $arg }` (допустимы: { $valid })
cli-error-missing = не указаны обязательные параметры: { $args }
cli-error-conflict = параметр `{ $arg }` нельзя указывать вместе с `{ $other }`
cli-error-suggested = подсказка: возможно, имелось в виду `{ $suggested }`
cli-error-more = Подробнее: --help.
cli-error-usage = Использование:
