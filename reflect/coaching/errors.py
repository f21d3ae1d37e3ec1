"""The coaching domain's error, below every module that raises it."""

from __future__ import annotations

from reflect.common.errors import ReflectError


class PlanError(ReflectError, ValueError):
    """A change to the development plan that cannot be made (an unknown attribute, a target
    outside 1–5, a move to an earlier date or without a reason); the message says why and
    what to do. Nothing was written. Exit code 1, as for the other refused changes."""

    exit_code = 1
