"""The supervision domain's error, below every module that raises it (records, sessions and
the session a record keeps), so none of them imports another only for it."""

from __future__ import annotations

from reflect.common.errors import ReflectError


class SupervisionError(ReflectError, ValueError):
    """A supervision change that cannot be made; the message says why, for the user."""
