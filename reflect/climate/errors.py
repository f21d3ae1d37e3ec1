"""The climate domain's error, below every module that raises it."""

from __future__ import annotations

from reflect.common.errors import ReflectError


class ClimateError(ReflectError, ValueError):
    """A check-in that cannot be stored or changed (a score outside 1–5, a dimension rated
    now without ideal, nothing rated, a check-in no longer there); the message says why and
    what to do. Nothing was written. Exit code 1, as for the other refused changes."""

    exit_code = 1
