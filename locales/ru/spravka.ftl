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
error-nothing-written = ошибка: { $counted }; ничего не записано
count-problems-found = { $n ->
    [one] найдена { $n } ошибка
    [few] найдено { $n } ошибки
   *[many] найдено { $n } ошибок
    }
count-warnings-denied = { $n ->
    [one] найдено { $n } предупреждение (--deny-warnings)
    [few] найдено { $n } предупреждения (--deny-warnings)
   *[many] найдено { $n } предупреждений (--deny-warnings)
    }
count-problems-and-warnings = найдено: { $n ->
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
io-start-server = запустить сервер предпросмотра на
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
    [one] проверена { $schools } школа
    [few] проверено { $schools } школы
   *[many] проверено { $schools } школ
    } и { $articles ->
    [one] { $articles } страница статей
    [few] { $articles } страницы статей
   *[many] { $articles } страниц статей
    }: замечаний нет
check-no-errors = { $schools ->
    [one] проверена { $schools } школа
    [few] проверено { $schools } школы
   *[many] проверено { $schools } школ
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
