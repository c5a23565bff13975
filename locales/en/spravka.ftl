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
