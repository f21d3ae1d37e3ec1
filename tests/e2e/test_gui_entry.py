"""``reflect-app``, the gui-script: started as Windows starts one (pythonw, so no stdout or
stderr at all), it must neither crash on its first message nor run terminal commands."""

import os
import subprocess
import sys

PYTHONW = ("import sys; sys.stdout = sys.stderr = None; "
           "from reflect.cli.main import gui_main; sys.exit(gui_main(sys.argv[1:]))")


def run_gui(*args):
    return subprocess.run([sys.executable, "-c", PYTHONW, *args], capture_output=True,
                          text=True, timeout=60, env=dict(os.environ), start_new_session=True)


def test_gui_entry_survives_having_no_console():
    result = run_gui("--version")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_gui_entry_refuses_terminal_commands_and_creates_nothing(journal_dir):
    result = run_gui("--journal", str(journal_dir), "init")
    assert result.returncode == 2, result.stderr
    assert not journal_dir.exists()


def test_gui_entry_with_a_console_names_the_command_to_run_instead(journal_dir):
    code = subprocess.run(
        [sys.executable, "-c", "import sys; from reflect.cli.main import gui_main; "
         "sys.exit(gui_main(sys.argv[1:]))", "--journal", str(journal_dir), "list"],
        capture_output=True, text=True, timeout=60)
    assert code.returncode == 2
    assert code.stderr.strip() == ("reflect-app: 'list' is a command for the terminal; run "
                                   "'reflect list' there instead.")
