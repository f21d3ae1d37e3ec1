"""Settings files from older versions still load; unknown keys are dropped on save."""

import json

from reflect.common.settings import Settings


def test_an_old_file_with_last_journal_loads_and_the_key_goes_on_save():
    Settings.path().parent.mkdir(parents=True, exist_ok=True)
    Settings.path().write_text(json.dumps({"auto_lock_minutes": 25, "lock_on_sleep": False,
                                           "last_journal": "/home/someone/journal"}))
    settings = Settings.load()
    assert (settings.auto_lock_minutes, settings.lock_on_sleep) == (25, False)
    assert not hasattr(settings, "last_journal")
    settings.save()
    saved = json.loads(Settings.path().read_text())
    assert "last_journal" not in saved
    assert (saved["auto_lock_minutes"], saved["lock_on_sleep"]) == (25, False)


def test_the_backup_folder_is_kept_and_a_wrong_type_is_ignored():
    Settings(backup_folder="/media/usb/Reflect").save()
    assert Settings.load().backup_folder == "/media/usb/Reflect"
    Settings.path().write_text(json.dumps({"backup_folder": ["/media/usb"]}))
    assert Settings.load().backup_folder == ""


def test_a_damaged_or_odd_file_falls_back_to_defaults():
    Settings.path().parent.mkdir(parents=True, exist_ok=True)
    Settings.path().write_text("{not json")
    assert Settings.load() == Settings()
    Settings.path().write_text(json.dumps({"auto_lock_minutes": "ten", "lock_on_sleep": 1}))
    assert Settings.load() == Settings()
