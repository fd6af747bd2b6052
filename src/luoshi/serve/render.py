"""Jinja2 templates (autoescaped) and the context every page gets."""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date, datetime, tzinfo
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import HTTPException, Request
from fastapi.templating import Jinja2Templates
from jinja2 import Template
from markupsafe import Markup
from starlette.responses import Response

from luoshi.calendar import Calendar
from luoshi.clock import CHINA, Clock, FixedClock, local_time
from luoshi.serve.deps import EARLIEST_AS_OF, LATEST_AS_OF, Actor, as_of_day
from luoshi.serve.security import CSRF_FIELD
from luoshi.store.db import Database
from luoshi.store.ledger import Ledger
from luoshi.supervise.labels import (
    COLOUR_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    period_label,
    plain_number,
    quantity_text,
)
from luoshi.supervise.permissions import Action

TEMPLATES = Path(__file__).parent / "templates"
ROWS_KEPT = 5000  # 台账 rows kept drawn (100 a page; some 2 MB)
YEARS_SHOWN = 5  # the latest years the header links (all of them on /years)


@cache
def make_templates(zone: tzinfo = CHINA) -> Jinja2Templates:
    """The page templates; times are shown in ``zone`` (stored UTC). One per zone and process: the
    environment holds nothing of an app's, and each template is compiled once, not once per app."""
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.globals.update(Action=Action, CSRF_FIELD=CSRF_FIELD, STATUS_LABELS=STATUS_LABELS)
    env.globals.update(unit_options=unit_options, unit_boxes=unit_boxes)
    day = partial(_day, zone=zone)
    env.filters.update(status=_status, colour=_colour, role=_role, num=_num, qty=_qty, day=day)
    env.filters["period"] = period_label
    env.globals["ledger_row"] = RowDrawing(env.get_template("_ledger_row.html"))
    return templates


class RowDrawing:
    """A row's HTML (a template given ``r``), drawn once per row object and kept for the next pages
    that show it: board rows are frozen, so the same object always draws the same; a write puts a
    new row object in its place. The :data:`ROWS_KEPT` rows drawn last are kept."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.kept: OrderedDict[int, tuple[object, Markup]] = OrderedDict()
        self.lock = threading.Lock()

    def __call__(self, row: object) -> Markup:
        with self.lock:
            hit = self.kept.get(id(row))
            if hit is not None and hit[0] is row:  # that very row (an id is reused once a row is freed)
                self.kept.move_to_end(id(row))
                return hit[1]
        drawn = Markup(self.template.render(r=row))
        with self.lock:
            self.kept[id(row)] = (row, drawn)  # the row is held, so its id stays its own while kept
            if len(self.kept) > ROWS_KEPT:
                self.kept.popitem(last=False)
        return drawn


def page(
    request: Request,
    name: str,
    who: Actor,
    status_code: int = 200,
    *,
    header: dict[str, Any] | None = None,
    **context: Any,
) -> Response:
    """Render a page with the actor, CSRF token, demo flag, year picker and calendar banner (read
    together, in one read of the ledger; or ``header``, read by :func:`header_facts` in the page's
    own unit of work)."""
    templates: Jinja2Templates = request.app.state.templates
    if header is None:
        db: Database = request.app.state.db
        asked = getattr(request.state, "year", None)
        with db.reader().ledger(actor="page", clock=_page_clock(request), year=asked) as ledger:
            header = _header(request, ledger)
    base = {"who": who, "csrf_token": request.state.session.csrf, "path": request.url.path, **header}
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)


def header_facts(request: Request, ledger: Ledger) -> dict[str, Any] | None:
    """The header's facts read in a page's own unit of work (no second one: on PostgreSQL its begin,
    data version and end are three round trips), when that ledger looks where the header's own would
    (the year asked, the page's day); else None (:func:`page` reads them itself). The banner gets a
    calendar of its own, as the header's own ledger had: not the years the page's figures counted."""
    if ledger.year_asked != getattr(request.state, "year", None):
        return None
    if ledger.clock.today() != _page_clock(request).today():
        return None
    return _header(request, ledger, Calendar(ledger.holiday_years))


def _header(request: Request, ledger: Ledger, calendar: Calendar | None = None) -> dict[str, Any]:
    return {
        "demo": request.app.state.demo_data(ledger),
        "calendar_warning": _calendar_warning(request, calendar or ledger.calendar),
        **_year_choice(request, ledger),
    }


def _year_choice(request: Request, ledger: Ledger) -> dict[str, Any]:
    """The year picker's facts: the report year shown, the years held, and the query to keep."""
    years, year = ledger.years, ledger.year
    keep = [(k, v) for k, v in request.query_params.multi_items() if k != "year"]
    shown = sorted({*years[-YEARS_SHOWN:], year}, reverse=True)
    links = [(y, f"{request.url.path}?{urlencode([*keep, ('year', str(y))])}") for y in shown]
    return {"year": year, "years": years, "year_links": links}


def _page_clock(request: Request) -> Clock:
    try:
        return FixedClock.on(as_of_day(request.query_params.get("as_of", "")))
    except HTTPException:
        clock: Clock = request.app.state.clock
        return clock


def _calendar_warning(request: Request, calendar: Calendar) -> str | None:
    """The banner's line when the page's date, or the due dates it can reach, fall in an estimated year."""
    try:
        day = date.fromisoformat(request.query_params.get("as_of", ""))
    except ValueError:
        day = request.app.state.clock.today()
    if not EARLIEST_AS_OF <= day <= LATEST_AS_OF:  # the page itself answers 422 for such a day
        day = request.app.state.clock.today()
    return calendar.warning(day)


def unit_options(units: list[tuple[int, str]], chosen: object) -> Markup:
    """A unit picker's ``<option>``s by name, ``chosen`` selected: drawn once per list and choice
    (a task page draws a hundred units on every view)."""
    return _options(tuple(units), chosen if isinstance(chosen, str) else "")


def unit_boxes(units: list[tuple[int, str]], name: str, ticked: object) -> Markup:
    """A unit checkbox list (``name``), the units named in ``ticked`` (a name or a list) ticked."""
    chosen = (
        (ticked,) if isinstance(ticked, str) else tuple(ticked) if isinstance(ticked, list | tuple) else ()
    )
    return _boxes(tuple(units), name, chosen)


@lru_cache(maxsize=256)  # one per unit list and chosen unit: a task page picks its lead unit
def _options(units: tuple[tuple[int, str], ...], chosen: str) -> Markup:
    return Markup("").join(
        Markup('<option value="{0}"{1}>{0}</option>').format(n, " selected" if n == chosen else "")
        for _, n in units
    )


@lru_cache(maxsize=64)
def _boxes(units: tuple[tuple[int, str], ...], name: str, chosen: tuple[str, ...]) -> Markup:
    return Markup("").join(
        Markup('<label class="inline"><input type="checkbox" name="{0}" value="{1}"{2}> {1}</label> ').format(
            name, n, " checked" if n in chosen else ""
        )
        for _, n in units
    )


def _status(value: str | None) -> str:
    return STATUS_LABELS.get(value or "", value or "—")


def _colour(value: str | None) -> str:
    return COLOUR_LABELS.get(value or "", "—")


def _role(value: str) -> str:
    return ROLE_LABELS.get(value, value)


def _num(value: float | int | None) -> str:
    return plain_number(value)


def _qty(value: float | int | None, unit: str | None = "") -> str:
    return quantity_text(value, unit or "")


def _day(value: date | datetime | None, zone: tzinfo = CHINA) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return local_time(value, zone).strftime("%Y-%m-%d %H:%M")
    return value.isoformat()
