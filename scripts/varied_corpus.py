#!/usr/bin/env python3
"""A project of N generated report TEXTS, each different, for build benchmarks (``kg build`` reads them).

``synthetic_corpus.py`` writes a graph directly; this writes what a user has: report texts and a
bibliography, so the whole build (extraction, evidence, pairings, reasoning) runs on them. Unlike
templates repeated with other numbers, each report draws its own sentences: subjects, actions,
places, platforms, agencies, figures and their units, surnames and years vary, and each report
cites works from a shared pool (so reports overlap as real ones do, some more than others) in one
of four styles, with its reference list in that style:

* author-year (APA-like): ``(Smith, 2019)`` in the text, ``Smith, J. (2019). Title. Journal, 3(2), 10-20.``;
* numbered (IEEE-like): ``[3]`` in the text, ``[3] J. Smith, "Title," Journal, vol. 3, pp. 10-20, 2019.``;
* notes (Chicago-like): a note number after the sentence, ``3. John Smith, Title (City: Press, 2019), 12.``;
* author-year in MLA form: ``(Smith 12)``, ``Smith, John. "Title." Journal, vol. 3, 2019, pp. 10-20.``

The same seed and sizes give the same bytes. The texts are written as ``kg add`` would take them:

    python scripts/varied_corpus.py --reports 100 --out /tmp/varied-100   # a project folder (kg init)
    cd /tmp/varied-100 && kg build
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.project.init import init_project  # noqa: E402
from kg.sources.add_many import add_reports  # noqa: E402

SURNAMES = """Mitchell Latonero Musto Boyd Finklea Heil Nichols Farrell Kennedy Dank Reid Fedina Jones Kunze Wells
Smith Garcia Nguyen Okafor Silva Rossi Novak Haddad Kowalski Tanaka Moreau Schmidt Brennan Ortiz Lindqvist Adeyemi
Bauer Castillo Dubois Eriksen Fischer Gupta Hoffman Ivanova Jensen Kaur Larsen Mendez Nakamura Olsen Petrov Quinn
Ramirez Sato Thompson Uddin Varga Walsh Xu Yilmaz Zhang Abbott Barker Chen Delgado""".split()
GIVEN = (
    "Ana Ben Carla David Elena Farid Grace Hiro Ines Jonas Kemi Liam Maya Noor Omar Paula Rosa Sami Tara Umar".split()
)
PLACES = """Ohio Texas Ontario Bavaria Lagos Manila Leeds Oaxaca Gdansk Porto Kyoto Nairobi Quebec Galway Tucson Perth
Bergen Utrecht Cordoba Lyon Durban Busan Tallinn Dakar Malmo Halifax Boise Fresno""".split()
PLATFORMS = """Craigslist Backpage Facebook Instagram Snapchat Twitter MocoSpace Tagged WhatsApp Telegram Reddit TikTok
Kik Grindr Tinder Skype""".split()
AGENCIES = [
    "the FBI",
    "the Department of Justice",
    "Homeland Security Investigations",
    "the Polaris Project",
    "the National Center for Missing and Exploited Children",
    "Interpol",
    "Europol",
    "the UNODC",
]
SUBJECTS = """investigators prosecutors advocates analysts caseworkers detectives outreach-workers moderators
researchers clinicians teachers shelter-staff judges probation-officers nurses librarians""".split()
ACTIONS = [
    "reported",
    "found",
    "observed",
    "documented",
    "estimated",
    "argued",
    "noted",
    "warned",
    "confirmed",
    "questioned",
    "measured",
    "described",
    "disputed",
    "recorded",
]
TOPICS = """recruitment advertising payments housing transport debt coercion grooming screening referrals
subpoenas encryption moderation takedowns displacement outreach training funding interviews hotlines
shelters courts restitution labour visas remittances escrow cryptocurrency webcams livestreams
forums marketplaces classifieds reviews ratings chatrooms ridesharing hostels motels truckstops
festivals tournaments conventions airports borders ports warehouses farms factories kitchens salons""".split()
QUALIFIERS = """rural urban coastal regional cross-border seasonal informal online offline juvenile adult
independent organised small large recent long-standing""".split()
MEASURES = [
    ("of {topic} cases", "%"),
    ("cases involving {topic}", ""),
    ("dollars spent on {topic}", "$"),
    ("days on average before {topic} was reported", "days"),
    ("arrests linked to {topic}", ""),
    ("of respondents citing {topic}", "%"),
    ("months of {topic} investigations", "months"),
    ("years of age at first contact through {topic}", "years"),
]
JOURNALS = """Journal-of-Criminal-Justice Crime-Science Policing Trends-in-Organized-Crime Social-Problems
Child-Abuse-and-Neglect Justice-Quarterly Victims-and-Offenders Law-and-Society-Review""".split()
STYLES = ("apa", "ieee", "chicago", "mla")


def _work(rng: random.Random, number: int) -> dict[str, str]:
    """One work of the shared pool: authors, year, title, venue."""
    authors = [(rng.choice(GIVEN), rng.choice(SURNAMES)) for _ in range(rng.choice((1, 1, 2, 3)))]
    topic, qualifier = rng.choice(TOPICS), rng.choice(QUALIFIERS)
    title = rng.choice(
        [
            f"{qualifier.title()} {topic} and its consequences",
            f"Tracing {topic} in {rng.choice(PLACES)}",
            f"What {rng.choice(SUBJECTS).replace('-', ' ')} know about {topic}",
            f"{topic.title()} after the takedowns",
        ]
    )
    return {
        "given": authors[0][0],
        "family": authors[0][1],
        "others": " and ".join(f for _, f in authors[1:]),
        "year": str(rng.randint(1998, 2024)),
        "title": title,
        "venue": rng.choice(JOURNALS).replace("-", " "),
        "volume": str(rng.randint(1, 40)),
        "first": str(rng.randint(1, 300)),
        "id": str(number),
    }


def _reference(style: str, work: dict[str, str], number: int) -> str:
    first, last = int(work["first"]), int(work["first"]) + 17
    if style == "apa":
        return (
            f"{work['family']}, {work['given'][0]}. ({work['year']}). {work['title']}. "
            f"{work['venue']}, {work['volume']}(2), {first}-{last}."
        )
    if style == "ieee":
        return (
            f'[{number}] {work["given"][0]}. {work["family"]}, "{work["title"]}," {work["venue"]}, '
            f"vol. {work['volume']}, pp. {first}-{last}, {work['year']}."
        )
    if style == "chicago":
        return (
            f"{number}. {work['given']} {work['family']}, {work['title']} (Chicago: University Press, "
            f"{work['year']}), {first}."
        )
    return (
        f'{work["family"]}, {work["given"]}. "{work["title"]}." {work["venue"]}, vol. {work["volume"]}, '
        f"{work['year']}, pp. {first}-{last}."
    )


def _cite(style: str, work: dict[str, str], number: int) -> str:
    if style == "apa":
        return f" ({work['family']}, {work['year']})"
    if style == "ieee":
        return f" [{number}]"
    if style == "mla":
        return f" ({work['family']} {work['first']})"
    return ""  # chicago: the note number follows the sentence's full stop


def _sentence(rng: random.Random) -> str:
    subject = rng.choice(SUBJECTS).replace("-", " ")
    topic, other = rng.sample(TOPICS, 2)
    measure, unit = rng.choice(MEASURES)
    value = rng.choice(
        [str(rng.randint(2, 95)), f"{rng.randint(1, 60)}.{rng.randint(1, 9)}", f"{rng.randint(2, 900):,}"]
    )
    figure = f"${value}" if unit == "$" else f"{value}%" if unit == "%" else value
    place, platform, agency = rng.choice(PLACES), rng.choice(PLATFORMS), rng.choice(AGENCIES)
    qualifier = rng.choice(QUALIFIERS)
    forms = [
        f"In {place}, {subject} {rng.choice(ACTIONS)} {figure} {measure.format(topic=topic)}",
        f"{subject.capitalize()} in {place} {rng.choice(ACTIONS)} that {qualifier} {topic} moved to {platform}",
        f"According to {agency}, {figure} {measure.format(topic=topic)} were recorded in {rng.randint(2005, 2024)}",
        f"{platform} was used for {topic} and {other} by {qualifier} networks, {subject} {rng.choice(ACTIONS)}",
        f"Few {subject} had training on {topic}, and fewer on {other}",
        f"The {qualifier} {topic} we saw in {place} differed from {other} elsewhere",
        f"{agency[0].upper() + agency[1:]} {rng.choice(ACTIONS)} a rise in {topic} on {platform}",
    ]
    return rng.choice(forms)


#: The works every report may cite, and the size of one report's own window of the pool.
COMMON_WORKS, TOPIC_WORKS = 16, 40


def report_text(rng: random.Random, index: int, pool: list[dict[str, str]], rounds: int = 1) -> str:
    """One report: a title, sections of varied sentences citing works of the pool, a reference list.

    Half its citations go to the pool's first works (the field's common references), half to a window of
    the pool (the report's topic), so a report lists about as many works in a corpus of ten as in one of
    a thousand, while reports still share works, the common ones and their neighbours' topics.

    ``rounds`` times the four sections (about 4 KB a round; 13 rounds make the ~50 KB reports of
    issue 19's measure); the first round's headings are plain, later ones numbered."""
    style = STYLES[index % len(STYLES)]
    topic = rng.choice(TOPICS)
    core = pool[:COMMON_WORKS]
    start = rng.randrange(max(1, len(pool) - TOPIC_WORKS + 1))
    topic_works = pool[start : start + TOPIC_WORKS]
    title = f"{rng.choice(QUALIFIERS).title()} {topic} in {rng.choice(PLACES)}: report {index}"
    cited: list[dict[str, str]] = []
    lines = [title, "", f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}", ""]
    headings = [
        f"{section} {round_ + 1}" if round_ else section
        for round_ in range(rounds)
        for section in ("Introduction", "Method", "Findings", "Discussion")
    ]
    for section in headings:
        lines += [section, ""]
        for _ in range(rng.randint(2, 4)):
            sentences = []
            for _ in range(rng.randint(2, 5)):
                sentence = _sentence(rng)
                if rng.random() < 0.45:
                    work = rng.choice(core if rng.random() < 0.5 else topic_works)
                    if work not in cited:
                        cited.append(work)
                    number = cited.index(work) + 1
                    sentence += _cite(style, work, number) + "." + (str(number) if style == "chicago" else "")
                else:
                    sentence += "."
                sentences.append(sentence)
            lines += [" ".join(sentences), ""]
    lines += ["Notes" if style == "chicago" else "References", ""]
    entries = [(_reference(style, w, n), w["family"]) for n, w in enumerate(cited, start=1)]
    if style in ("apa", "mla"):
        entries.sort(key=lambda e: e[1])
    lines += [text for text, _ in entries]
    return "\n".join(lines) + "\n"


def write_corpus(out: Path, reports: int, seed: int = 1, extra: int = 0, rounds: int = 1) -> tuple[Path, list[Path]]:
    """A new project at ``out`` with ``reports`` report texts added (``rounds``: their length, see
    :func:`report_text`); ``extra`` more texts left in ``out/../<name>-extra/`` for adding later.
    Returns the extra files' folder and the files."""
    rng = random.Random(seed)
    pool = [_work(rng, n) for n in range(max(40, 4 * reports))]
    inbox = out.parent / f"{out.name}-texts"
    spare = out.parent / f"{out.name}-extra"
    for folder in (inbox, spare):
        folder.mkdir(parents=True, exist_ok=True)
    for index in range(1, reports + extra + 1):
        folder = inbox if index <= reports else spare
        (folder / f"report{index:04d}.txt").write_text(report_text(rng, index, pool, rounds), encoding="utf-8")
    paths = init_project(out)
    outcome = add_reports(paths, [inbox], progress=lambda _: None)
    if outcome.failed:
        raise SystemExit("\n".join(outcome.failed))
    return spare, sorted(spare.iterdir())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a project of N varied generated report texts.")
    parser.add_argument("--reports", "-n", type=int, required=True)
    parser.add_argument("--out", "-o", required=True, help="the project folder to create (new or empty)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--extra", type=int, default=0, help="texts written beside it, to add later")
    parser.add_argument(
        "--rounds", type=int, default=1, help="length: rounds of four sections, ~4 KB each (13: ~50 KB)"
    )
    args = parser.parse_args(argv)
    write_corpus(Path(args.out), args.reports, args.seed, args.extra, args.rounds)
    print(f"Wrote a project of {args.reports} reports at {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
