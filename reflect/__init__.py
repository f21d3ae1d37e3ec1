"""Reflect: an encrypted reflective journal for leaders in children's social care."""

__version__ = "0.1.0"
