"""newslint's built-in rules, one module per family. The registry loads exactly these."""

BUILTIN_MODULES = (
    "newslint.rules.frontmatter",
    "newslint.rules.phones",
    "newslint.rules.links",
    "newslint.rules.online",
    "newslint.rules.dates",
    "newslint.rules.spelling",
    "newslint.rules.emphasis",
    "newslint.rules.worduse",
)
