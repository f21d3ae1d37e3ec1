"""Qt widgets and dialogs. The only package that imports PySide6."""
