"""The exception of a run that cannot start or go on."""
from __future__ import annotations


class RunError(Exception):
    """A run cannot be done as asked (its message says why and what to do)."""
