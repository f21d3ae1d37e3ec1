"""Templates: duplicate one and edit the copy (name, purpose, sections: title, guidance,
type, choices, sensitive; reorder, add, remove). Shipped templates are read-only, so an
upgrade never meets an edited file; copies live in the user's content folder.

A template file that does not load (broken TOML, an unknown field type, a section id used
twice) is listed at the top by file and line, in plain text, and the others load as usual.
Saving goes through :func:`save_template`, which validates exactly as the loader does, so an
edit can never leave a file that fails to load. Moving to another template saves the one
being left, as the journal does: no question, no lost word.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reflect.content.templates import (
    FIELD_TYPES,
    ContentError,
    Section,
    Template,
    duplicate_template,
    save_template,
    slugify,
)
from reflect.supervision.records import Supervision
from reflect.ui.widgets.feedback import ErrorNotice, hint_label
from reflect.ui.widgets.messages import Failure

TYPE_LABELS = {"text": "Text (Markdown)", "actions": "Actions", "date": "Date",
               "choice": "Choice", "yesno": "Yes / no", "scale": "Scale 0–10",
               "supervisee": "Supervisee (code name)",
               "group": "Repeated block (cases: its fields are kept)"}
READ_ONLY = "Shipped templates are read-only. Duplicate it to make a copy you can edit."


def _short(lines: int = 3) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


def _label(row: dict[str, Any]) -> str:
    tags = [TYPE_LABELS.get(row["type"], row["type"])]
    tags += [t for t, on in (("sensitive", row["sensitive"]), ("required", row["required"])) if on]
    return f"{row['title']}  ·  {', '.join(tags)}"


def section_dict(section: Section) -> dict[str, Any]:
    return {"id": section.id, "title": section.title, "guidance": section.guidance,
            "type": section.type, "choices": list(section.choices),
            "sensitive": section.sensitive, "case_notes": section.case_notes,
            "required": section.required, "audience": section.audience,
            "fields": section.fields, "item": section.item}


def build_sections(rows: list[dict[str, Any]]) -> tuple[Section, ...]:
    """Sections from the editor's rows; a new section gets an id from its title, unique in
    the template (existing ids never change, so records keep their answers)."""
    taken = {r["id"] for r in rows if r["id"]}
    out = []
    for row in rows:
        section_id = row["id"]
        if not section_id:
            base = slugify(row["title"]) or "section"
            section_id, n = base, 2
            while section_id in taken:
                section_id, n = f"{base}_{n}", n + 1
            taken.add(section_id)
        choices = tuple(c.strip() for c in row["choices"] if c.strip())
        out.append(Section(id=section_id, title=row["title"].strip(),
                           guidance=row["guidance"].strip(), type=row["type"],
                           choices=choices if row["type"] == "choice" else (),
                           sensitive=row["sensitive"], case_notes=row["case_notes"],
                           required=row["required"],
                           audience=row.get("audience", "all"),
                           fields=row.get("fields", ()) if row["type"] == "group" else (),
                           item=row.get("item", "") if row["type"] == "group" else ""))
    return tuple(out)


class TemplateEditor(QDialog):
    """The templates dialog; ``templates_changed`` after a copy is made or saved."""

    templates_changed = Signal()

    def __init__(self, supervision: Supervision, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Templates")
        self.setAccessibleName("Templates")
        self.resize(900, 620)
        self.supervision = supervision
        self.template: Template | None = None
        self.rows: list[dict[str, Any]] = []
        self._quiet = False
        self.load_errors = ErrorNotice()
        self.load_errors.setAccessibleName("Template files not loaded")
        self.error = ErrorNotice()
        self.list = QListWidget()
        self.list.setAccessibleName("Templates")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setStyleSheet("QListWidget::item { padding: 3px 2px; }")
        self.duplicate_button = QPushButton("Duplicate")
        self.duplicate_button.setToolTip("Make your own copy of this template to edit")
        self.read_only = hint_label(READ_ONLY)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Template name")
        self.purpose_edit = _short(3)
        self.purpose_edit.setAccessibleName("Purpose")
        self.sections = QListWidget()
        self.sections.setAccessibleName("Sections")
        self.up_button, self.down_button = QPushButton("Move up"), QPushButton("Move down")
        self.add_button, self.remove_button = QPushButton("Add section"), QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove section")
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Section title")
        self.guidance_edit = _short(3)
        self.guidance_edit.setAccessibleName("Guidance")
        self.type_combo = QComboBox()
        self.type_combo.setAccessibleName("Field type")
        for field_type in (*FIELD_TYPES, "group"):
            self.type_combo.addItem(TYPE_LABELS.get(field_type, field_type), field_type)
        self.choices_edit = _short(3)
        self.choices_edit.setAccessibleName("Choices, one per line")
        self.sensitive_box = QCheckBox("Sensitive (personal, such as wellbeing)")
        self.case_box = QCheckBox("Case notes (remind: initials or case numbers only)")
        self.required_box = QCheckBox("Required before saving")
        self.save_button = QPushButton("Save copy")
        self.close_button = QPushButton("Close")
        self.save_button.setDefault(True)  # Enter in the name or a title saves the copy
        self._lay_out()
        self._connect()
        self.reload()

    def _lay_out(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.duplicate_button)
        order = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.add_button, self.remove_button):
            order.addWidget(button)
        order.addStretch(1)
        section_form = QFormLayout()
        section_form.addRow("Section &title", self.title_edit)
        section_form.addRow("&Guidance", self.guidance_edit)
        section_form.addRow("Field t&ype", self.type_combo)
        section_form.addRow("&Choices", self.choices_edit)
        for box in (self.sensitive_box, self.case_box, self.required_box):
            section_form.addRow("", box)
        form = QFormLayout()
        form.addRow("&Name", self.name_edit)
        form.addRow("&Purpose", self.purpose_edit)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.read_only)
        right_layout.addLayout(form)
        right_layout.addWidget(hint_label("Sections, in the order they are filled in"))
        right_layout.addWidget(self.sections, 1)
        right_layout.addLayout(order)
        right_layout.addLayout(section_form)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([290, 610])
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.load_errors)
        layout.addWidget(self.error)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.list.currentRowChanged.connect(self._template_chosen)
        self.sections.currentRowChanged.connect(self._section_chosen)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.up_button.clicked.connect(lambda: self.move_section(-1))
        self.down_button.clicked.connect(lambda: self.move_section(1))
        self.add_button.clicked.connect(self.add_section)
        self.remove_button.clicked.connect(self.remove_section)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.accept)
        for signal in (self.title_edit.textChanged, self.guidance_edit.textChanged,
                       self.type_combo.currentIndexChanged, self.choices_edit.textChanged,
                       self.sensitive_box.toggled, self.case_box.toggled,
                       self.required_box.toggled):
            signal.connect(self._section_edited)

    # -- templates ---------------------------------------------------------------------------
    def reload(self, select_path: Any = None) -> None:
        """Re-read every template file; list the ones that failed by file and line."""
        result = self.supervision.templates(reload=True)
        self.templates = list(result.templates)
        if result.errors:
            count = len(result.errors)
            head = ("1 template file could not be loaded and was skipped." if count == 1 else
                    f"{count} template files could not be loaded and were skipped.")
            self.load_errors.show_failure(Failure(head, "\n".join(str(e) for e in
                                                                  result.errors)))
        else:
            self.load_errors.clear()
        chosen = select_path or (self.template.path if self.template else None)
        self._quiet = True
        self.list.clear()
        for template in self.templates:
            self.list.addItem(template.name + (" (shipped)" if template.builtin else ""))
        self._quiet = False
        index = next((i for i, t in enumerate(self.templates) if t.path == chosen), 0)
        self.list.setCurrentRow(index)
        self._template_chosen(index)

    def _template_chosen(self, index: int) -> None:
        if self._quiet or not 0 <= index < len(self.templates):
            return
        if self.template is not None and self.templates[index].path != self.template.path \
                and self.is_dirty and not self.save():
            self._quiet = True
            self.list.setCurrentRow(self.templates.index(self._current_in_list()))
            self._quiet = False
            return
        self.show_template(self.templates[index])

    def _current_in_list(self) -> Template:
        shown = self.template
        return next(t for t in self.templates if shown is not None and t.path == shown.path)

    def show_template(self, template: Template) -> None:
        self.template = template
        self.rows = [section_dict(s) for s in template.sections]
        self._quiet = True
        self.name_edit.setText(template.name)
        self.purpose_edit.setPlainText(template.purpose)
        self._quiet = False
        editable = not template.builtin
        self.read_only.setVisible(not editable)
        for widget in (self.name_edit, self.purpose_edit, self.title_edit,
                       self.guidance_edit, self.choices_edit):
            widget.setReadOnly(not editable)
        for control in (self.type_combo, self.sensitive_box, self.case_box, self.required_box,
                        self.up_button, self.down_button, self.add_button, self.remove_button,
                        self.save_button):
            control.setEnabled(editable)
        self.error.clear()
        self._fill_sections(0)

    def built(self) -> Template | None:
        """The template as edited (None when nothing is shown)."""
        if self.template is None:
            return None
        return replace(self.template, name=self.name_edit.text().strip(),
                       purpose=self.purpose_edit.toPlainText().strip(),
                       sections=build_sections(self.rows))

    @property
    def is_dirty(self) -> bool:
        return self.template is not None and not self.template.builtin and \
            self.built() != self.template

    def duplicate(self) -> bool:
        """Copy the shown template into the user's folder and show the copy to edit."""
        if self.template is None or (self.is_dirty and not self.save()):
            return False
        try:
            path = duplicate_template(self.template, f"{self.template.name} (my copy)")
        except (OSError, ValueError, ContentError) as exc:
            self.error.show_failure(Failure("The copy was not made.", str(exc)))
            return False
        self.reload(select_path=path)
        self.templates_changed.emit()
        self.name_edit.setFocus()
        self.name_edit.selectAll()
        return True

    def save(self) -> bool:
        shown, template = self.template, self.built()
        if shown is None or template is None or shown.builtin:
            return False
        if template.sections != shown.sections:
            template = replace(template, version=shown.version + 1)
        try:
            save_template(template, template.path)
        except (OSError, ValueError, ContentError) as exc:
            self.error.show_failure(Failure("The template was not saved.", str(exc)))
            return False
        self.template = template  # what is on screen is what is saved
        self.reload(select_path=template.path)
        self.templates_changed.emit()
        return True

    # -- sections ----------------------------------------------------------------------------
    def _fill_sections(self, select: int) -> None:
        self._quiet = True
        self.sections.clear()
        for row in self.rows:
            self.sections.addItem(_label(row))
        self._quiet = False
        self.sections.setCurrentRow(min(select, len(self.rows) - 1))
        self._section_chosen(self.sections.currentRow())

    def _section_chosen(self, index: int) -> None:
        if self._quiet:
            return
        row = self.rows[index] if 0 <= index < len(self.rows) else None
        self._quiet = True
        self.title_edit.setText(row["title"] if row else "")
        self.guidance_edit.setPlainText(row["guidance"] if row else "")
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(
            row["type"] if row else "text")))
        self.choices_edit.setPlainText("\n".join(row["choices"]) if row else "")
        self.sensitive_box.setChecked(bool(row and row["sensitive"]))
        self.case_box.setChecked(bool(row and row["case_notes"]))
        self.required_box.setChecked(bool(row and row["required"]))
        self._quiet = False
        self.choices_edit.setEnabled(row is not None and row["type"] == "choice")

    def _section_edited(self, *_args: object) -> None:
        index = self.sections.currentRow()
        if self._quiet or not 0 <= index < len(self.rows) or self.template is None \
                or self.template.builtin:
            return
        row = self.rows[index]
        row.update(title=self.title_edit.text(), guidance=self.guidance_edit.toPlainText(),
                   type=self.type_combo.currentData(),
                   choices=self.choices_edit.toPlainText().split("\n"),
                   sensitive=self.sensitive_box.isChecked(),
                   case_notes=self.case_box.isChecked(),
                   required=self.required_box.isChecked())
        self.choices_edit.setEnabled(row["type"] == "choice")
        self.sections.item(index).setText(_label(row))

    def move_section(self, step: int) -> None:
        index = self.sections.currentRow()
        target = index + step
        if 0 <= index < len(self.rows) and 0 <= target < len(self.rows):
            self.rows[index], self.rows[target] = self.rows[target], self.rows[index]
            self._fill_sections(target)

    def add_section(self) -> None:
        index = self.sections.currentRow() + 1 if self.rows else 0
        self.rows.insert(index, {"id": None, "title": "New section", "guidance": "",
                                 "type": "text", "choices": [], "sensitive": False,
                                 "case_notes": False, "required": False})
        self._fill_sections(index)
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def remove_section(self) -> None:
        index = self.sections.currentRow()
        if 0 <= index < len(self.rows) and len(self.rows) > 1:
            del self.rows[index]
            self._fill_sections(index)

    def done(self, result: int) -> None:
        """Closing saves a changed copy; a copy that cannot be saved keeps the dialog open."""
        if self.is_dirty and not self.save():
            return
        super().done(result)
