#!/usr/bin/env python3
"""Compile every django.po catalogue to .mo with polib, so a fresh machine needs no GNU gettext.

Exits non-zero if a catalogue has an untranslated or fuzzy entry: both languages must be whole.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ["locale", "onlinetalk/locale"]


def main():
    problems = []
    count = 0
    for base in CATALOGUES:
        for po_path in sorted((ROOT / base).glob("*/LC_MESSAGES/django.po")):
            catalogue = polib.pofile(str(po_path))
            untranslated = catalogue.untranslated_entries()
            fuzzy = catalogue.fuzzy_entries()
            if untranslated or fuzzy:
                problems.append(
                    f"{po_path.relative_to(ROOT)}: {len(untranslated)} untranslated, "
                    f"{len(fuzzy)} fuzzy (first: {(untranslated or fuzzy)[0].msgid!r})"
                )
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
            count += 1
    print(f"compiled {count} catalogue(s)")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
