"""Publication dates and event dates (spec section 4, ``when``).

Two jobs, both pure functions of plain strings:

- :func:`parse_published` reads an article's publication date
  (``"1987-04-08T08:33:47"``, ``"2024-04-08"``, ``"2024-04"``, ``"2024"``) into a
  :class:`PubDate` that remembers how precise it is.
- :func:`resolve_when` turns a time expression tied to an event ("last year",
  "on Tuesday", "late 2020", "March 3") into an ISO 8601 :class:`When` at the
  precision the text supports, resolved against the publication date.

The rules of spec section 4, and the choices this module makes where the spec
is silent:

- Absolute dates keep their own precision: "March 3, 1987" → ``1987-03-03``,
  "November 1986" → ``1986-11``, "1999", "in 1999", "late 2020", "mid-1986",
  "fiscal 1987", "the first quarter of 1988", "the 1986 fourth quarter" → the
  year. Two or more different years ("1985-1986", "1984/85", "between 1982 and
  1985") are a span, not a point → ``None``.
- A month or a month and day without a year takes the year that puts it
  nearest the publication date consistent with the tense: ``past`` → the latest
  one on or before publication, ``future`` → the earliest on or after, no
  tense → the nearest (a tie goes to the past). "last September" is the latest
  September strictly before the publication month, "next March" the earliest
  strictly after. Seasons and quarters without a year work the same way and
  give a year ("last summer", "the fourth quarter").
- Relative expressions: "last year"/"a year ago" → the year before, "next
  year" → after, "this year"/"earlier this year"/"the past year" → the
  publication year; likewise for months ("last month", "this month",
  "earlier this month", "the past month", "next month"). "today",
  "tonight", "this week", "the past week", "earlier this week" → the
  publication day; "yesterday"/"last night" → the day before; "tomorrow" → the
  day after; "a week ago" → seven days before; "last week" and "next week" →
  the month the whole week (Monday to Sunday) falls in, or its year when it
  spans two months; "N days/weeks/months/years ago" → that far back; a weekday
  ("Tuesday", "on Tuesday", "last Tuesday") → the latest such day on or before
  publication (strictly before for "last"; with ``future`` tense or "next", the
  earliest on or after / strictly after); "the weekend" → the Saturday of the
  latest weekend on or before publication.
- A relative expression never claims more precision than the publication date
  has: day-level expressions with a month-precise publication date give its
  month (spec), with a year-precise one its year; month-level expressions with
  a year-precise publication date give its year. With no publication date every
  relative expression → ``None``.
- Not points in time → ``None``: durations and frequencies ("five years",
  "two days", "annual", "quarterly", "the next five years", "the past two
  years", "recent months", "several months"), vague words ("recently", "now",
  "soon"), and expressions anchored to something other than the publication
  date ("a year earlier", "the previous year", "the same day"). The text is
  never defaulted to the publication date.

Everything is done by the regular expressions below (about 0.1 ms a call;
results are cached). ``dateparser`` was tried as a fallback and left out: these
rules already read every DATE entity spaCy found in 1,500 Reuters articles, and
what reached the fallback it mostly misread ("sun 5" → May).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["PubDate", "When", "day_of", "names_a_day", "parse_published", "resolve_when"]

PRECISIONS = ("year", "month", "day")


# --- publication dates ----------------------------------------------------------------------


@dataclass(frozen=True)
class PubDate:
    """An article's publication date, as precise as its source gives it.

    year (int): the year.
    month (int | None): 1-12, or None when only the year is known.
    day (int | None): 1-31, or None when only the year or month is known.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """RETURNS (str): "year", "month" or "day"."""
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    @property
    def iso(self) -> str:
        """RETURNS (str): ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        return _iso(self.year, self.month, self.day)


_PUBLISHED = re.compile(
    r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?)?)?"
)


def parse_published(value: str | None) -> PubDate | None:
    """Read a publication date.

    value (str | None): ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or an ISO 8601
        date-time such as ``1987-04-08T08:33:47`` (the time is ignored).
    RETURNS (PubDate | None): the date at its precision; None for None or "".
    RAISES (ValueError): when the value is not one of those forms or not a real date.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"publication date must be a string, not {type(value).__name__}: {value!r}")
    text = value.strip()
    if not text:
        return None
    match = _PUBLISHED.fullmatch(text)
    if match is None:
        raise ValueError(
            f"publication date {value!r} not understood; expected YYYY, YYYY-MM, YYYY-MM-DD "
            "or an ISO 8601 date-time like 1987-04-08T08:33:47"
        )
    year = int(match["y"])
    month = int(match["m"]) if match["m"] else None
    day = int(match["d"]) if match["d"] else None
    try:
        dt.date(year if year >= 1 else 1, month or 1, day or 1)
    except ValueError as err:
        raise ValueError(f"publication date {value!r} is not a real date ({err})") from None
    if year < 1:
        raise ValueError(f"publication date {value!r} is not a real date (year 0)")
    return PubDate(year, month, day)


# --- resolved event dates -------------------------------------------------------------------


@dataclass(frozen=True)
class When:
    """A resolved event date.

    iso (str): ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    precision (str): "year", "month" or "day".
    text (str): the time expression it was read from.
    """

    iso: str
    precision: str
    text: str


def day_of(value: str | None) -> int | None:
    """RETURNS (int | None): the ordinal day of an ISO date (a month or year: its first day)."""
    if not value:
        return None
    try:
        parts = value[:10].split("-")
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return dt.date(year, month, day).toordinal()
    except (ValueError, IndexError):
        return None


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "several": None, "few": None, "a few": None,
}
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
             "eighteenth", "nineteenth", "twentieth"]
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_DAY_WORDS = {
    **{word: i + 1 for i, word in enumerate(_ORDINALS)},
    **{k: v for k, v in _NUMBER_WORDS.items() if isinstance(v, int) and k not in {"a", "an"}},
    **{f"twenty-{word}": 21 + i for i, word in enumerate(_ORDINALS[:9])},
    **{f"twenty-{word}": 21 + i for i, word in enumerate(_UNITS)},
    "thirtieth": 30, "thirty-first": 31, "thirty-one": 31,
}
_QUARTERS = {"first": 1, "1st": 1, "q1": 1, "second": 2, "2nd": 2, "q2": 2, "third": 3, "3rd": 3, "q3": 3,
             "fourth": 4, "4th": 4, "q4": 4, "final": 4}
_SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}

_MONTH_RE = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
             r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")
_WEEKDAY_RE = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
               r"|mon|tues|tue|wed|thurs|thu|fri|sat|sun)\.?")
_DAYNUM_RE = "(?:[0-3]?\\d(?:st|nd|rd|th)?|" + "|".join(sorted(_DAY_WORDS, key=len, reverse=True)) + ")"
_YEAR_RE = r"(?:1[89]\d\d|20\d\d)"

_M_D_Y = re.compile(rf"\b(?P<m>{_MONTH_RE})\s+(?:the\s+)?(?P<d>{_DAYNUM_RE})\b,?\s*(?:of\s+)?(?P<y>{_YEAR_RE})\b")
_D_M_Y = re.compile(rf"\b(?P<d>{_DAYNUM_RE})\s+(?:of\s+)?(?P<m>{_MONTH_RE})\s*,?\s*(?P<y>{_YEAR_RE})\b")
_M_Y = re.compile(rf"\b(?P<m>{_MONTH_RE})\s*,?\s*(?:of\s+)?(?:'(?P<yy>\d\d)|(?P<y>{_YEAR_RE}))\b")
_M_REL_Y = re.compile(rf"\b(?P<m>{_MONTH_RE})\s+(?:of\s+)?(?P<rel>last|this|next|a)\s+year(?:\s+ago)?\b")
_M_D = re.compile(rf"(?:\b(?P<mod>last|next|this)\s+)?\b(?P<m>{_MONTH_RE})\s+(?:the\s+)?(?P<d>{_DAYNUM_RE})\b(?!\s*(?:pct|percent|per\b|%|mln|billion|million))")
_D_M = re.compile(rf"\b(?:the\s+)?(?P<d>{_DAYNUM_RE})\s+(?:of\s+)?(?P<m>{_MONTH_RE})(?![a-z])")
_MONTH_ONLY = re.compile(rf"(?:\b(?P<mod>last|next|this|past)\s+)?(?<![a-z])(?P<m>{_MONTH_RE})(?![a-z])")
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?\b")
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{2}|\d{4})\b")
_YEAR = re.compile(rf"(?<![\d,.$])(?P<y>{_YEAR_RE})(?![\d,])(?!'?s\b)(?!\s*(?:pct|percent|%|mln|billion|million|dlrs|tonnes|shares))")
_SHORT_YEAR = re.compile(r"(?<![\w'])'(?P<yy>\d\d)\b")
_WEEKDAY = re.compile(rf"(?:\b(?P<mod>last|next|this|past|on|early|late)\s+)?\b(?P<w>{_WEEKDAY_RE})(?![a-z])")
_QUARTER = re.compile(r"\b(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+quarter|\b(?P<qq>q[1-4])\b")
_HALF = re.compile(r"\b(?P<h>first|second|1st|2nd)[\s-]+half\b|\b(?P<hh>h[12])\b")
_SEASON = re.compile(r"(?:\b(?P<mod>last|next|this|past)\s+)?\b(?P<s>spring|summer|autumn|fall|winter)\b")

#: Leading words that add nothing to the point in time ("in 1999", "on Tuesday").
_LEAD = re.compile(
    r"^(?:in|on|at|by|as\s+of|as\s+early\s+as|as\s+late\s+as|since|from|until|till|through|throughout|"
    r"during|over|within|around|about|circa|of|before|after|effective|dated|starting|beginning|sometime|some\s+time|"
    r"as\s+recently\s+as|no\s+later\s+than|not\s+until|back|way\s+back|only|just|also|"
    r"shortly\s+(?:before|after)|sometime\s+(?:in|on|during))\s+"
)
#: Modifiers that keep the point's year, month or day but add nothing to it ("late 2020").
_MODIFIER = re.compile(
    r"^(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle|end|start|beginning|close|turn)(?:\s+of\s+|-|\s+(?!of\b))"
    r"(?!(?:the\s+)?(?:year|month|week|decade|century|quarter)\b)"
)
#: "the end of the year", "year-end", "mid-year": a part of the current year.
_YEAR_PART = re.compile(
    r"^(?:the\s+)?(?P<part>end|close|turn|start|beginning|middle|mid|rest|remainder|balance)(?:\s+of\s+|-)"
    r"(?:the\s+|this\s+)?(?:calendar\s+)?year$|^(?P<part2>year-end|year\s+end|yearend|end-year|mid-year|midyear)$"
)
_MONTH_PART = re.compile(
    r"^(?:the\s+)?(?:end|close|start|beginning|middle|mid|rest|remainder|balance)(?:\s+of\s+|-)"
    r"(?:the\s+|this\s+)?(?P<u>month|week)$|^(?P<u2>month|week)-end$"
)
_TODAY = re.compile(r"^(?:(?:earlier|later|late|early)\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))$")
_YESTERDAY = re.compile(r"^(?:(?:late|early)\s+)?(?:yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night)$")
_TOMORROW = re.compile(r"^(?:(?:late|early)\s+)?tomorrow(?:\s+(?:morning|afternoon|evening|night))?$")


def names_a_day(text: str) -> bool:
    """Whether a time of day names the day it falls on, the publication day or the one before:
    "this morning", "earlier today", "late yesterday", "last night" (the recognizer calls these
    TIME, not DATE); "at 10 a.m." does not.

    text (str): the expression as written.
    RETURNS (bool): whether :func:`resolve_when` reads it as today or yesterday.
    """
    s = " ".join(text.lower().split())
    return bool(_TODAY.match(s) or _YESTERDAY.match(s))
_THIS_WEEK = re.compile(
    r"^(?:(?:earlier|later|early|late)\s+)?(?:this|the\s+past|the\s+last|the\s+current|past|this\s+past)\s+"
    r"(?:week|few\s+days|several\s+days|couple\s+of\s+days)$"
)
_LAST_WEEK = re.compile(r"^(?:(?:earlier|later|early|late)\s+)?(?:last)\s+week$|^(?:one|a)\s+week\s+ago$")
_NEXT_WEEK = re.compile(r"^(?:(?:earlier|later|early|late)\s+)?(?:next|the\s+coming)\s+week$")
_WEEKEND = re.compile(r"^(?:(?:the|this|last|over\s+the|past|the\s+past)\s+)?weekend$")
_THIS_MONTH = re.compile(r"^(?:(?:earlier|later|early|late)\s+)?(?:this|the\s+current|the\s+past|this\s+past|current)\s+month$")
_LAST_MONTH = re.compile(r"^(?:(?:earlier|later|early|late)\s+)?last\s+month$")
_NEXT_MONTH = re.compile(r"^(?:(?:earlier|later|early|late)\s+)?(?:next|the\s+coming)\s+month$")
_THIS_YEAR = re.compile(r"^(?:(?:earlier|later|early|late)\s+)?(?:this|the\s+current|the\s+past|the\s+last|this\s+past|current)\s+(?:calendar\s+)?year$")
_LAST_YEAR = re.compile(r"^(?:(?:earlier|later|early|late)\s+)?last\s+(?:calendar\s+)?year$")
_NEXT_YEAR = re.compile(r"^(?:(?:earlier|later|early|late)\s+)?next\s+(?:calendar\s+)?year$")
_REL_QUARTER = re.compile(r"^(?:this|the\s+current|current|last|the\s+previous|the\s+past|next|the\s+coming)\s+quarter$")
_NUMBER_ALT = (r"\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
               r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty")
_AGO = re.compile(rf"^(?P<n>{_NUMBER_ALT})\s+(?P<u>day|week|fortnight|month|year|decade)s?\s+ago$")
#: Things that are not points in time even though they contain a time word.
_NOT_A_POINT = re.compile(
    r"\b(?:annual|annually|yearly|monthly|weekly|daily|quarterly|seasonal|seasonally|hourly|biannual|"
    r"biennial|year-on-year|year-to-date|to\s+date|per\s+(?:year|month|week|day|annum)|"
    r"each|every|recent|recently|coming|ongoing|"
    r"(?:next|past|last|previous|coming)\s+(?:few|several|many|couple|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|eighteen|twenty|\d+)|"
    r"earlier|previous|prior|before|after|following|same|that|then|year-ago|year-earlier|"
    r"\d+-(?:year|month|week|day|hour)|(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|"
    r"fifteen|twenty|thirty)-(?:year|month|week|day|hour))\b"
)
_DURATION = re.compile(
    r"^(?:(?:the|a|an|for|over|within|about|some|nearly|almost|more\s+than|less\s+than|up\s+to|another|"
    r"additional|full|whole|entire)\s+)*"
    r"(?:(?!(?:1[89]|20)\d\d\b)\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|sixty|ninety|several|few|many|couple\s+of)?"
    r"(?:\s+(?:and\s+a\s+half|more|full|business|calendar|consecutive|straight|working|trading))?"
    r"[\s-]*(?:days?|weeks?|months?|years?|decades?|quarters?|hours?|minutes?|seconds?|fortnights?|"
    r"centur(?:y|ies)|nights?|mornings?|afternoons?|evenings?|periods?|times?|moments?|seasons?|halves|"
    r"half|fiscal\s+years?|full\s+years?)$"
)
_VAGUE = frozenset(
    "now currently soon recently lately later earlier once then today's tonight's past future "
    "nowadays meanwhile ever never already yet formerly previously shortly eventually".split()
)
_SPAN = re.compile(r"\b(?:19|20)\d\d\s*/\s*\d{2,4}\b|\b(?:19|20)\d\d\s*-\s*(?:\d{4}|\d{2})\b")


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _clip_day(year: int, month: int, day: int) -> int | None:
    if not 1 <= month <= 12 or day < 1:
        return None
    return day if day <= calendar.monthrange(year, month)[1] else None


def _day_number(token: str) -> int | None:
    token = token.lower().rstrip(".")
    if token in _DAY_WORDS:
        return _DAY_WORDS[token]
    token = re.sub(r"(?:st|nd|rd|th)$", "", token)
    return int(token) if token.isdigit() else None


def _month_number(token: str) -> int:
    return _MONTHS[token.lower().rstrip(".")]


class _Resolver:
    """One resolution: the expression, the publication date and the tense."""

    def __init__(self, text: str, published: PubDate | None, tense: str | None) -> None:
        self.text = text
        self.pub = published
        self.tense = tense if tense in {"past", "future"} else None

    # -- output helpers ---------------------------------------------------------------------
    def when(self, year: int, month: int | None = None, day: int | None = None) -> When | None:
        if not 1 <= year <= 9999:
            return None
        iso = _iso(year, month, day)
        precision = "year" if month is None else "month" if day is None else "day"
        return When(iso=iso, precision=precision, text=self.text)

    def relative(self, year: int, month: int | None = None, day: int | None = None,
                 needs: str = "day") -> When | None:
        """A date computed from the publication date, cut to what it can support."""
        pub = self.pub
        if pub is None:
            return None
        if needs == "day" and pub.precision != "day":
            return self.when(pub.year, pub.month)
        if needs == "month" and pub.precision == "year":
            return self.when(pub.year)
        return self.when(year, month, day)

    def pub_date(self) -> dt.date | None:
        pub = self.pub
        if pub is None or pub.precision != "day":
            return None
        return dt.date(pub.year, pub.month, pub.day)

    def week_from_pub(self, weeks: int) -> When | None:
        """"last week"/"next week": no single day, so the month (or year) the whole week falls in."""
        base = self.pub_date()
        if base is None:
            return self.relative(0, needs="day")
        try:
            monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=weeks)
        except OverflowError:
            return None
        sunday = monday + dt.timedelta(days=6)
        if (monday.year, monday.month) == (sunday.year, sunday.month):
            return self.when(monday.year, monday.month)
        if monday.year == sunday.year:
            return self.when(monday.year)
        return None

    def days_from_pub(self, days: int) -> When | None:
        base = self.pub_date()
        if base is None:
            return self.relative(0, needs="day")
        try:
            day = base + dt.timedelta(days=days)
        except OverflowError:
            return None
        return self.when(day.year, day.month, day.day)

    def months_from_pub(self, months: int) -> When | None:
        pub = self.pub
        if pub is None:
            return None
        if pub.month is None:
            return self.when(pub.year) if abs(months) < 12 else self.when(pub.year + months // 12)
        year, month = _shift_month(pub.year, pub.month, months)
        return self.when(year, month)

    # -- choosing a year for a month (and day) without one ---------------------------------
    def year_for(self, month: int, day: int | None = None, mode: str | None = None) -> int | None:
        """The year that puts ``month`` (and ``day``) where the wording and tense say.

        mode (str | None): "last" (strictly before), "next" (strictly after),
            "this" (the publication year), or None (by tense, else nearest).
        """
        pub = self.pub
        if pub is None:
            return None
        if pub.month is None or mode == "this":
            return pub.year
        use_day = day is not None and pub.day is not None

        def key(year: int) -> tuple[int, int]:
            return (year * 12 + month, day if use_day else 0)

        ref = (pub.year * 12 + pub.month, pub.day if use_day else 0)
        years = [pub.year - 1, pub.year, pub.year + 1]
        if mode == "last":
            # "last September": the latest September before the publication month
            before = [y for y in years if key(y)[0] < ref[0]]
            return max(before)
        if mode == "next":
            after = [y for y in years if key(y)[0] > ref[0]]
            return min(after)
        if self.tense == "past":
            return max(y for y in years if key(y) <= ref)
        if self.tense == "future":
            return min(y for y in years if key(y) >= ref)

        def distance(year: int) -> tuple[int, int]:
            if use_day:
                try:
                    delta = (dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))
                             - dt.date(pub.year, pub.month, pub.day)).days
                except ValueError:
                    delta = (key(year)[0] - ref[0]) * 30
            else:
                delta = (key(year)[0] - ref[0]) * 30
            return (abs(delta), 0 if delta <= 0 else 1)

        return min(years, key=distance)

    # -- the rules ---------------------------------------------------------------------------
    def resolve(self) -> When | None:
        s = _normalize(self.text)
        if not s or len(s) > 200:
            return None
        for rule in (self._relative_words, self._ago, self._fixed, self._numeric, self._full_date,
                     self._month_year, self._month_day, self._quarter_or_season, self._weekday,
                     self._year, self._month_only):
            found = rule(s)
            if found is not None:
                return found or None
        return None

    def _fixed(self, s: str):
        """Expressions that are no point in time → False (a definite "no")."""
        if s in _VAGUE or _DURATION.match(s) or _NOT_A_POINT.search(s):
            return False
        m = _SPAN.search(s)
        if m:
            second = re.split(r"\s*[/-]\s*", m.group(0))[1]
            if "/" in m.group(0) or len(second) == 4 or int(second) > 12:
                return False  # "1984/85", "1985-1986", "1987-88": a span, not a point
        return None

    def _numeric(self, s: str):
        m = _ISO.search(s)
        if m and 1800 <= int(m["y"]) <= 2099:
            year, month = int(m["y"]), int(m["m"])
            if not 1 <= month <= 12:
                return False
            if m["d"] is None:
                return self.when(year, month)
            day = _clip_day(year, month, int(m["d"]))
            return self.when(year, month, day) if day is not None else False
        m = _NUMERIC.search(s)
        if m:
            # Reuters and US style: month/day/year
            year = int(m["y"])
            if year < 100:
                year += 1900 if year >= 30 else 2000
            month, day = int(m["a"]), int(m["b"])
            if not 1 <= month <= 12:
                month, day = day, month
            if not 1 <= month <= 12 or _clip_day(year, month, day) is None:
                return False
            return self.when(year, month, day)
        return None

    def _full_date(self, s: str):
        for pattern in (_M_D_Y, _D_M_Y):
            m = pattern.search(s)
            if m:
                if len(set(_YEAR.findall(s))) > 1:
                    return False
                year, month = int(m["y"]), _month_number(m["m"])
                day = _day_number(m["d"])
                if day is None or _clip_day(year, month, day) is None:
                    return self.when(year, month)
                return self.when(year, month, day)
        return None

    def _month_year(self, s: str):
        m = _M_REL_Y.search(s)
        if m:
            if self.pub is None:
                return False
            offset = {"last": -1, "a": -1, "this": 0, "next": 1}[m["rel"]]
            return self.when(self.pub.year + offset, _month_number(m["m"]))
        m = _M_Y.search(s)
        if m:
            if len(set(_YEAR.findall(s))) > 1:
                return False
            if m["y"]:
                year = int(m["y"])
            else:
                yy = int(m["yy"])
                year = 1900 + yy if yy >= 30 else 2000 + yy
            return self.when(year, _month_number(m["m"]))
        return None

    def _month_day(self, s: str):
        for pattern in (_M_D, _D_M):
            m = pattern.search(s)
            if not m:
                continue
            if m["m"].rstrip(".") == "may" and pattern is _D_M:
                continue  # "one may", "it may"
            month, day = _month_number(m["m"]), _day_number(m["d"])
            if day is None or not 1 <= day <= 31:
                continue
            mode = {"last": "last", "next": "next", "this": "this"}.get(m.groupdict().get("mod") or "")
            year = self.year_for(month, day, mode)
            if year is None:
                return False
            if _clip_day(year, month, day) is None:
                return self.when(year, month)
            return self.when(year, month, day)
        return None

    def _month_only(self, s: str):
        m = _MONTH_ONLY.search(s)
        if not m:
            return None
        word = m["m"].rstrip(".")
        if word == "may" and (not re.fullmatch(r"(?:(?:last|next|this|past|early|late|mid)[\s-]+)?may", s)
                              or "May" not in self.text and "MAY" not in self.text):
            return None  # "may" the verb
        if len(word) <= 3 and word not in {"may"} and not (s == word or m["m"].endswith(".")):
            return None  # "mar", "dec", "jun" inside other text
        mode = {"last": "last", "past": "last", "next": "next", "this": "this"}.get(m["mod"] or "")
        year = self.year_for(_month_number(word), None, mode)
        if year is None:
            return False
        return self.when(year, _month_number(word))

    def _relative_words(self, s: str):
        pub = self.pub
        if _TODAY.match(s) or _THIS_WEEK.match(s):
            return self.days_from_pub(0)
        if _YESTERDAY.match(s):
            return self.days_from_pub(-1)
        if _TOMORROW.match(s):
            return self.days_from_pub(1)
        if _LAST_WEEK.match(s):
            return self.days_from_pub(-7) if s.endswith("ago") else self.week_from_pub(-1)
        if _NEXT_WEEK.match(s):
            return self.week_from_pub(1)
        if _WEEKEND.match(s):
            base = self.pub_date()
            if base is None:
                return self.relative(0, needs="day") if pub else False
            day = base - dt.timedelta(days=(base.weekday() - 5) % 7)
            return self.when(day.year, day.month, day.day)
        if _THIS_MONTH.match(s):
            return self.months_from_pub(0) or False
        if _LAST_MONTH.match(s):
            return self.months_from_pub(-1) or False
        if _NEXT_MONTH.match(s):
            return self.months_from_pub(1) or False
        if _THIS_YEAR.match(s):
            return self.when(pub.year) if pub else False
        if _LAST_YEAR.match(s):
            return self.when(pub.year - 1) if pub else False
        if _NEXT_YEAR.match(s):
            return self.when(pub.year + 1) if pub else False
        m = _MONTH_PART.match(s)
        if m:
            return self.months_from_pub(0) or False
        m = _YEAR_PART.match(s)
        if m:
            if pub is None:
                return False
            part = m["part"] or m["part2"]
            month = {"end": 12, "close": 12, "turn": 12, "year-end": 12, "year end": 12, "yearend": 12,
                     "end-year": 12, "start": 1, "beginning": 1, "middle": 6, "mid": 6, "mid-year": 6,
                     "midyear": 6}.get(part)
            if month is None or self.tense is None:
                return self.when(pub.year)
            return self.when(self.year_for(month))
        if _REL_QUARTER.match(s):
            if pub is None:
                return False
            if pub.month is None:
                return self.when(pub.year)
            step = -1 if re.match(r"(?:last|the\s+previous|the\s+past)\b", s) else 1 if re.match(r"(?:next|the\s+coming)\b", s) else 0
            year, _ = _shift_month(pub.year, pub.month, 3 * step)
            return self.when(year)
        return None

    def _ago(self, s: str):
        m = _AGO.match(s)
        if not m:
            return None
        n = int(m["n"]) if m["n"].isdigit() else _NUMBER_WORDS.get(m["n"])
        if n is None or n > 1000:
            return False
        unit = m["u"]
        if unit in {"day", "week", "fortnight"}:
            return self.days_from_pub(-n * {"day": 1, "week": 7, "fortnight": 14}[unit])
        if unit == "month":
            return self.months_from_pub(-n) or False
        if self.pub is None:
            return False
        return self.when(self.pub.year - n * (10 if unit == "decade" else 1))

    def _quarter_or_season(self, s: str):
        """Quarters, halves and seasons give a year: their own, or the one the tense picks."""
        month, mode = None, None
        m = _QUARTER.search(s)
        if m:
            month = 3 * _QUARTERS[m["q"] or m["qq"]] - 2
        else:
            m = _HALF.search(s)
            if m:
                month = 1 if (m["h"] or m["hh"]) in {"first", "1st", "h1"} else 7
            else:
                m = _SEASON.search(s)
                if m:
                    month = _SEASONS[m["s"]]
                    mode = {"last": "last", "past": "last", "next": "next", "this": "this"}.get(m["mod"] or "")
        if month is None:
            return None
        years = set(_YEAR.findall(s))
        if len(years) > 1:
            return False
        if years:
            return self.when(int(years.pop()))
        if self.pub is None:
            return False
        if re.search(r"\b(?:this|current)\s+year\b", s):
            return self.when(self.pub.year)
        if re.search(r"\blast\s+year\b", s):
            return self.when(self.pub.year - 1)
        if re.search(r"\bnext\s+year\b", s):
            return self.when(self.pub.year + 1)
        if re.search(r"\b(?:fiscal|financial)\b", s):
            return False  # a fiscal quarter's calendar year is unknown
        return self.when(self.year_for(month, None, mode))

    def _weekday(self, s: str):
        m = _WEEKDAY.search(s)
        if not m:
            return None
        word = m["w"].rstrip(".")
        if len(word) <= 3 and not (s == word or m["w"].endswith(".") or m["mod"] in {"last", "next", "this", "on"}):
            return None  # "sun", "sat", "wed" inside other text
        if self.pub is None:
            return False
        base = self.pub_date()
        if base is None:
            return self.relative(0, needs="day")
        target, mod = _WEEKDAYS[word], m["mod"]
        if mod == "next" or (self.tense == "future" and mod not in {"last", "past"}):
            ahead = (target - base.weekday()) % 7
            if mod == "next" and ahead == 0:
                ahead = 7
            day = base + dt.timedelta(days=ahead)
        else:
            back = (base.weekday() - target) % 7
            if mod in {"last", "past"} and back == 0:
                back = 7
            day = base - dt.timedelta(days=back)
        return self.when(day.year, day.month, day.day)

    def _year(self, s: str):
        years = set(_YEAR.findall(s))
        if len(years) > 1:
            return False
        if years:
            return self.when(int(years.pop()))
        m = _SHORT_YEAR.search(s)
        if m:
            yy = int(m["yy"])
            return self.when(1900 + yy if yy >= 30 else 2000 + yy)
        return None


def _normalize(text: str) -> str:
    """Lower-case, unify quotes and dashes, drop words that add nothing to the point in time."""
    s = text.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-").lower()
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"'s$", "", s)
    s = s.strip(" ,.;:!?()[]{}\"").rstrip("'")
    s = re.sub(r"^'(?!\d\d\b)", "", s)
    # times of day and zones: "midnight EST Feb 27" is Feb 27
    s = re.sub(r"\b(?:midnight|noon|midday)\b|\b(?:est|edt|gmt|bst|cet|pst|pdt|cst|cdt|utc|local\s+time)\b|"
               r"\b\d{1,2}(?::\d\d)?\s*(?:a\.?m\b\.?|p\.?m\b\.?)|\b\d{1,2}:\d\d\b", " ", s)
    s = re.sub(r"\s+", " ", s).strip(" ,.")
    for _ in range(4):
        before = s
        s = _LEAD.sub("", s)
        s = _MODIFIER.sub("", s)
        if s == before:
            break
    s = re.sub(r"^(?:the|of)\s+(?=\d)", "", s)
    s = re.sub(r"\b(?:fiscal|calendar|financial|crop|marketing|the\s+year)\s+(?=(?:19|20)\d\d)", "", s)
    return s.strip(" ,.")


#: Alternatives joined in one expression: "in July or August", "March and April 1988".
_ALTERNATIVES = re.compile(r"\s*,?\s+(?:or|and)\s+", re.IGNORECASE)


#: A range of days in one month: "March 5-17", "between March 5 and 17".
_DAY_RANGE = re.compile(rf"\b(?P<m>{_MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|and|through|until)\s*"
                        r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:pct|percent|%|mln|billion|million))", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _resolve_cached(text: str, published: PubDate | None, tense: str | None) -> When | None:
    # a range of days is its month: "between March 5 and 17" reads as "March 5 or March 17"
    spread = _DAY_RANGE.sub(lambda m: f"{m['m']} {m['d1']} or {m['m']} {m['d2']}", text)
    parts = _ALTERNATIVES.split(spread.strip())
    if len(parts) > 1:
        whens = [_alternative(part, parts[-1], published, tense) for part in parts]
        if all(w is not None for w in whens):  # else some part is no date: read the whole text
            return _shared(text, whens)
    return _Resolver(text, published, tense).resolve()


def _alternative(part: str, last: str, published: PubDate | None, tense: str | None) -> When | None:
    """One alternative, with the year the last one names: "March" of "March and April 1988"."""
    year = _YEAR.search(last)
    if year is not None and _YEAR.search(part) is None:
        part = f"{part} {year.group()}"
    return _Resolver(part, published, tense).resolve()


def _shared(text: str, whens: list[When]) -> When | None:
    """The precision alternatives share: "July or August" (1987) gives ``1987``; None when no year."""
    common = []
    for values in zip(*(w.iso.split("-") for w in whens)):
        if len(set(values)) > 1:
            break
        common.append(values[0])
    if not common:
        return None
    return When(iso="-".join(common), precision=PRECISIONS[len(common) - 1], text=text)


def resolve_when(text: str, published: PubDate | None, tense: str | None = None) -> When | None:
    """Resolve a time expression tied to an event (spec section 4, ``when``).

    text (str): the time expression, e.g. "last year", "on Tuesday", "late 2020".
    published (PubDate | str | None): the article's publication date (a string is
        read with :func:`parse_published`; one it cannot read counts as unknown).
    tense (str | None): "past", "future" or None, from the event's verb.
    RETURNS (When | None): the date at the precision the text supports; None
        when the text is no point in time, or is relative and ``published`` is None.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    if isinstance(published, str):
        try:
            published = parse_published(published)
        except ValueError:
            published = None
    elif published is not None and not isinstance(published, PubDate):
        return None
    try:
        return _resolve_cached(text, published, tense if tense in {"past", "future"} else None)
    except (ValueError, OverflowError, KeyError, TypeError, AttributeError):
        return None
