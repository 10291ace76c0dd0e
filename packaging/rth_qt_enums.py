"""Run-time hook of the windowed executable: the quick enum builder (gui/qt_enums.py) first.

PyInstaller runs custom run-time hooks before its own, and its PySide6 hook imports
QtCore, which builds QtCore's module-level enums (QLocale's languages, countries and
scripts, QEvent's types: ~900 members). Installed here, those are quick-built too. The
console executable leaves this hook out (build.spec): it never imports Qt.
"""

from gui import qt_enums

qt_enums.install()
