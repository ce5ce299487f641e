"""Parse report pages with the standard library to check structure and safety."""
from __future__ import annotations

from html.parser import HTMLParser

VOID = {"meta", "link", "br", "img", "input", "hr", "area", "base", "col", "embed", "source", "track", "wbr"}


class Page(HTMLParser):
    """Collects tags, headings and scripts; ``body`` is the visible text with
    the small label badges (class "tag") left out, and ``struck[i]`` says
    whether character i of ``body`` lies inside insertion markup
    (``<del class="... ev-insertion ...">``)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[int] = []
        self.scripts: list[str] = []
        self.labels: list[str] = []  # text of the badges
        self._body: list[str] = []
        self.struck: list[bool] = []
        self._stack: list[tuple[str, bool, bool]] = []  # (tag, is insertion del, is badge)
        self._in_script = False
        self.feed(html)
        self.close()
        self.body = "".join(self._body)

    def _inside(self, which: int) -> bool:
        return any(t[which] for t in self._stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag in VOID:
            return
        cls = (a.get("class") or "").split()
        self._stack.append((tag, tag == "del" and "ev-insertion" in cls, "tag" in cls))
        if "tag" in cls:
            self.labels.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
            return
        if self._inside(2):
            self.labels[-1] += data
            return
        self._body.append(data)
        self.struck.extend([self._inside(1)] * len(data))

    def is_struck(self, s: str) -> bool:
        """True if ``s`` occurs in the visible text and every character of it is struck through."""
        i = self.body.find(s)
        return i >= 0 and all(self.struck[i : i + len(s)])
