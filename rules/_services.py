"""The directory of services and their official numbers (`data/services.yaml`), for NL404.

A service is named in a sentence by one of its phrases; its numbers are the ones to give for
it, and its other lines (textphone, Relay UK, Welsh-language) are official too. Matching a
written number to the directory is by digits, with Damerau–Levenshtein distance (jellyfish), so
two swapped digits count as one slip, as a missing or wrong digit does.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

_NON_DIGIT = re.compile(r"\D")


class Service(NamedTuple):
    name: str
    pattern: re.Pattern[str]  # any of its names, as whole words, not after a `not-after` word
    numbers: tuple[str, ...]  # official forms; the first is the main one
    also: tuple[str, ...]
    flagged: str = ""
    fine: str = ""
    names: tuple[str, ...] = ()  # what `pattern` matches, before the guards

    @property
    def all_digits(self) -> frozenset[str]:
        return frozenset(digits(n) for n in (*self.numbers, *self.also))


def digits(text: str) -> str:
    return _NON_DIGIT.sub("", text)


def _pattern(names: list[str], not_after: list[str]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    guards = "".join(f"(?<!{re.escape(w)})(?<!{re.escape(w)} )" for w in not_after)
    if guards:
        # a name first: the guards would look back at every place the search tries, and only
        # where a name starts can they matter (the emergency services' 14: 50 µs an article)
        guards = f"(?=(?:{alternation})){guards}"
    return re.compile(rf"{guards}(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def directory() -> tuple[Service, ...]:
    import yaml

    source = resources.files("newslint.rules") / "data" / "services.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it
    entries = yaml.load(source.read_text(encoding="utf-8"), Loader=loader)
    return tuple(
        Service(
            entry["service"],
            _pattern(entry["names"], entry.get("not-after", [])),
            tuple(entry["numbers"]),
            tuple(entry.get("also", [])),
            entry.get("flagged", ""),
            entry.get("fine", ""),
            tuple(entry["names"]),
        )
        for entry in entries
    )


def with_known_numbers(known: dict[str, str]) -> tuple[Service, ...]:
    """The directory, plus a service for each `known-numbers` entry (name -> number) that it
    does not already hold; a known number given for a directory name replaces its main number."""
    services = list(directory())
    for name, form in known.items():
        match = next((i for i, s in enumerate(services) if s.pattern.fullmatch(name)), None)
        if match is None:
            services.append(Service(name, _pattern([name], []), (form,), (), names=(name,)))
        elif digits(form) not in services[match].all_digits:
            old = services[match]
            services[match] = old._replace(numbers=(form, *old.numbers[1:]))
    return tuple(services)


def distance(a: str, b: str) -> int:
    """Damerau–Levenshtein distance between two digit strings (a swap of neighbours is 1)."""
    import jellyfish

    return jellyfish.damerau_levenshtein_distance(a, b)


def reversed_last_group(written: str, official: str) -> bool:
    """ "0300 123 0402" for 0300 123 2040: the final group of the official form, reversed."""
    last = official.split()[-1]
    got, want = digits(written), digits(official)
    k = len(last)
    return (
        len(got) == len(want)
        and got != want
        and got[:-k] == want[:-k]
        and got[-k:] == last[::-1]
        and last != last[::-1]
    )
