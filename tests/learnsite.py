"""A small synthetic news site for the learning tests: four pages that share a
menu, a dated line of one shape and a footer, and the rule file learned from them
(tests/golden/learned-news.example.com.toml)."""

from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden" / "learned-news.example.com.toml"

HEADER = ["Home", "News", "Sports", "Weather"]
FOOTER = ["Subscribe to our newsletter", "© 2024 Example Media. All rights reserved."]
STORIES = [
    (
        "Rain returns to the valley",
        [
            "The valley saw its first rain in months on Tuesday, farmers said.",
            "Reservoirs are still low, and the council asked people to save water.",
        ],
    ),
    (
        "Council approves the new bridge",
        [
            "The council voted for the bridge across the river after a long debate.",
            "Specifications",
            "Work starts in spring and should take two years to finish.",
        ],
    ),
    (
        "Local team wins the cup",
        [
            "The town's football team won the regional cup final on Saturday evening.",
            "Specifications",
            "Fans filled the square to greet the players when they came home.",
        ],
    ),
    (
        "Library opens late on Fridays",
        [
            "The central library will stay open until ten on Fridays from next month.",
            "Readers had asked for longer hours in a survey held last winter.",
        ],
    ),
]
DATES = [
    "Posted on March 3, 2024",
    "Posted on April 12, 2024",
    "Posted on May 20, 2024",
    "Posted on June 1, 2024",
]


def site_page(k: int) -> str:
    """Page k of a small news site: menu, headline, story, date line, footer."""
    title, body = STORIES[k]
    return "\n".join([*HEADER, title, *body, DATES[k], *FOOTER]) + "\n"


def write_site(folder: Path, host: str = "news.example.com", pages: int = 4) -> Path:
    site = folder / host
    site.mkdir(parents=True)
    for k in range(pages):
        (site / f"page{k}.txt").write_text(site_page(k), encoding="utf-8")
    return site


def removed_texts(site, text: str) -> set[str]:
    """The lines of `text` that the rules of a learned site (learn.LearnedSite) remove."""
    import regex

    from cleaner import rules
    from cleaner.text.segment import segment

    found = set()
    for rule in site.rules:
        pattern = regex.compile("|".join(f"(?:{p})" for p in rule.patterns), rules.FLAGS)
        found |= {line.stripped for line in segment(text) if pattern.fullmatch(line.stripped)}
    return found
