"""The filter options `tracker list` and `tracker export` share, turned into a Filter:
the same filter the window's chips build, so the command line filters the same way."""

from __future__ import annotations

import click

from tracker.model.filters import LANE_MODES, Filter, search_problem
from tracker.model.fuzzydate import DateError, parse_bound
from tracker.model.vocab import EVENT_TYPES, STATUSES, check


def filter_options(func):
    for option in reversed([
        click.option("--search", default="", metavar="TEXT",
                     help='Full text: words match as prefixes, "quoted phrases" whole.'),
        click.option("--actor", "actors", multiple=True, metavar="NAME",
                     help="Only events with this actor (repeat for either of several)."),
        click.option("--type", "types", multiple=True, metavar="T",
                     help=f"Only this type (repeatable): {', '.join(EVENT_TYPES)}."),
        click.option("--status", "statuses", multiple=True, metavar="S",
                     help=f"Only this status (repeatable): {', '.join(STATUSES)}."),
        click.option("--tag", "tags", multiple=True, metavar="T", help="Only this tag."),
        click.option("--from", "date_from", metavar="DATE",
                     help="Only events reaching on or after DATE (YYYY[-MM[-DD]])."),
        click.option("--to", "date_to", metavar="DATE",
                     help="Only events starting on or before DATE (YYYY[-MM[-DD]])."),
        as_of_option,
    ]):
        func = option(func)
    return func


as_of_option = click.option(
    "--as-of", "as_of", metavar="DATE",
    help="As known on DATE (YYYY-MM-DD): only reports published by then, each event with "
         "the window and status they gave.")


def parse_as_of(value: str | None):
    if not value:
        return None
    try:
        return parse_bound(value, end=True)
    except DateError as exc:
        raise click.BadParameter(str(exc), param_hint="--as-of") from None


def lanes_option(func):
    return click.option("--lanes", type=click.Choice(list(LANE_MODES)), default="none",
                        show_default=True, help="Group the timeline into lanes.")(func)


def build_filter(search: str, actors: tuple[str, ...], types: tuple[str, ...],
                 statuses: tuple[str, ...], tags: tuple[str, ...], date_from: str | None,
                 date_to: str | None, as_of: str | None = None) -> Filter:
    """Check every value (same messages as the window) and build the Filter."""
    problem = search_problem(search)
    if problem:
        raise click.BadParameter(problem, param_hint="--search")
    try:
        for t in types:
            check(EVENT_TYPES, t, "event type")
        for s in statuses:
            check(STATUSES, s, "status")
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--type/--status") from None
    bounds = []
    for value, end, hint in ((date_from, False, "--from"), (date_to, True, "--to")):
        try:
            bounds.append(parse_bound(value, end=end) if value else None)
        except DateError as exc:
            raise click.BadParameter(str(exc), param_hint=hint) from None
    if bounds[0] and bounds[1] and bounds[1] < bounds[0]:
        raise click.BadParameter("--to is before --from", param_hint="--to")
    return Filter(search=search, actors=tuple(actors), types=tuple(types),
                  statuses=tuple(statuses), tags=tuple(tags), date_from=bounds[0],
                  date_to=bounds[1], as_of=parse_as_of(as_of))


class EventId(click.ParamType):
    """An event id: a whole number; one beyond what SQLite can hold names no event (and
    must not reach SQLite, which cannot even compare it)."""

    name = "id"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            number = value
        else:
            try:
                number = int(str(value).strip())
            except ValueError:
                self.fail(f"{value!r} is not an event id (a whole number).", param, ctx)
        if not 1 <= number < 2**63:
            raise click.ClickException(f"There is no event with id {number}.")
        return number


EVENT_ID = EventId()
