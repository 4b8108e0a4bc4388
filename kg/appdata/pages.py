"""The app's pages, in one registry: the navigation, every link between pages and the tests read it.

``app/Home.py`` builds its ``st.navigation`` from :data:`PAGES` (in this order, the sidebar's); a
link to a page names the page's entry here (``pages.CLAIMS``), never its address as a string, so a
page renamed or moved is renamed here once; the tests that visit every page list them from here.
The registry is data (no Streamlit), so the data layer can say which page opens an item too.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """One page: its script (under ``app/``), the sidebar's title, its address and the overview's words for it."""

    key: str  #: a short name for code and tests ("claims")
    script: str  #: the page's file, relative to ``app/``
    title: str  #: in the sidebar
    url_path: str  #: the page's address after ``/`` ("" for the overview)
    icon: str
    label: str = ""  #: the overview's link text ("" for the overview itself)
    what: str = ""  #: the overview's line about it

    @property
    def address(self) -> str:
        """The page's address relative to the app's root, for an ``href``: ``./Claims``, or ``./`` for the overview."""
        return f"./{self.url_path}"


OVERVIEW = Page("overview", "screens/Overview.py", "Home", "", ":material/home:")
SEARCH = Page(
    "search",
    "screens/0_Search.py",
    "Search",
    "Search",
    ":material/search:",
    "Search",
    "every claim, figure, interview excerpt, study, endnote, cited work and flag, best match first",
)
CLAIMS = Page(
    "claims",
    "screens/1_Claims.py",
    "Claims",
    "Claims",
    ":material/format_quote:",
    "Claims",
    "search the reports' statements, filter by report, by the kind of source they rest on (news, research, "
    "interviews …) or by flag, and open one to see its quote in its paragraph and every source behind it",
)
STATISTICS = Page(
    "statistics",
    "screens/2_Statistics.py",
    "Statistics",
    "Statistics",
    ":material/bar_chart:",
    "Statistics",
    "every figure, sortable; open one to follow its chain of sources",
)
COMPARE = Page(
    "compare",
    "screens/3_Compare.py",
    "Compare",
    "Compare",
    ":material/compare_arrows:",
    "Compare reports",
    "what two reports agree and disagree on, both quotes side by side with what each rests on, and their figures",
)
FLAGS = Page(
    "flags",
    "screens/3_Flags.py",
    "Flags",
    "Flags",
    ":material/flag:",
    "Quality flags",
    "every warning a careful reader would give: dates that disagree, news as evidence, sources not given",
)
SOURCES = Page(
    "sources",
    "screens/3_Sources.py",
    "Sources",
    "Sources",
    ":material/menu_book:",
    "Sources",
    "the bibliography, with what rests on each work and its warning signs",
)
STUDIES = Page(
    "studies",
    "screens/3_Studies.py",
    "Studies",
    "Studies",
    ":material/science:",
    "Studies",
    "the research behind the claims: method, sample, period, and the claims resting on each study",
)
ENTITIES = Page(
    "entities",
    "screens/4_Platforms_and_agencies.py",
    "Platforms and agencies",
    "Platforms_and_agencies",
    ":material/apartment:",
    "Platforms and agencies",
    "the sites, apps, agencies and organisations the reports name, and what each report says about them",
)
GRAPH = Page(
    "graph",
    "screens/5_Graph.py",
    "Graph",
    "Graph",
    ":material/hub:",
    "Graph",
    "the neighbourhood of a claim, work or platform, drawn",
)
SPARQL = Page(
    "sparql",
    "screens/6_SPARQL.py",
    "SPARQL",
    "SPARQL",
    ":material/terminal:",
    "SPARQL",
    "the canned queries, or your own",
)

#: Every page, in the sidebar's order; the first is the overview, the app's default page.
PAGES: tuple[Page, ...] = (
    OVERVIEW,
    SEARCH,
    CLAIMS,
    STATISTICS,
    COMPARE,
    FLAGS,
    SOURCES,
    STUDIES,
    ENTITIES,
    GRAPH,
    SPARQL,
)

#: The overview's "Where to start", in its order (the pages a newcomer begins with first).
START: tuple[Page, ...] = (SEARCH, CLAIMS, STATISTICS, SOURCES, STUDIES, ENTITIES, COMPARE, FLAGS, GRAPH, SPARQL)

BY_KEY = {page.key: page for page in PAGES}
BY_URL = {page.url_path: page for page in PAGES}


def page_at(url_path: str) -> Page:
    """The registered page with this address; a ``KeyError`` for any other (a link must name a real page)."""
    return BY_URL[url_path]
