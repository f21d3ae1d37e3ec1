"""Spell checking in British English: the dictionary, word checks, suggestions and the
personal word list kept in the encrypted journal. No Qt here: the editors' part is
``reflect.ui.widgets.spelling``."""
