"""Option types that read what people type and answer in plain words (years, dates, points)."""

from __future__ import annotations

import click


class YearType(click.ParamType):
    """A year from 2000 to 2100, with a plain message for anything else."""

    name = "YYYY"

    def convert(self, value, param, ctx):
        from ..frameworks import year_from_text
        from ..messages import say

        year = year_from_text(str(value))
        if year is None:
            self.fail(say("year_plain", value=value), param, ctx)
        return year


class DateType(click.ParamType):
    """A date written YYYY-MM-DD, with a plain message for anything else (12/3/2024, 2024-13-01)."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        from datetime import date

        from ..messages import say

        if isinstance(value, date):
            return value
        text = str(value).strip()
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
        except ValueError:
            pass
        self.fail(say("date_plain", value=value), param, ctx)


class PointsType(click.ParamType):
    """A number of points, read exactly as a Decimal ("2.5" or "2,5"), never through a float."""

    name = "POINTS"

    def convert(self, value, param, ctx):
        from decimal import Decimal, InvalidOperation

        from ..messages import say

        if isinstance(value, Decimal):
            return value
        try:
            points = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            self.fail(say("points_not_number", value=value), param, ctx)
        if not points.is_finite() or points < 0:
            self.fail(say("points_negative", value=value), param, ctx)
        if points > 100:
            self.fail(say("points_too_many", value=value), param, ctx)
        return points
