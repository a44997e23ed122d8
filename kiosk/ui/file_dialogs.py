"""The one way the console asks for a file or a folder: a dialog that never opens the files it lists.

POSIX advisory locks belong to the process: when anything in the console opens and closes the
database file (or its -wal/-shm), every SQLite lock on it is silently gone, another program then
believes it is alone, checkpoints and deletes the WAL, and the console keeps acknowledging
check-ins into a deleted file. Qt's standard file dialog does exactly that when it browses the
database's folder: its icon provider and its "Type" column ask the MIME database, which reads the
first bytes of any file whose name says nothing (kiosk.db-wal, kiosk.db-shm).

So every QFileDialog in kiosk.ui is made here:
- Qt's own (non-native) dialog, whose model we control: a native or platform-theme dialog runs
  its own sniffing code inside this process;
- an icon provider that answers from the name and `stat()` only (folder or file), never from
  the content, for both the icons and the "Type" column;
- no custom directory icons (those read a `.directory` file inside each folder).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QStyle, QWidget

OPTIONS = QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.DontUseCustomDirectoryIcons


class NameOnlyIconProvider(QAbstractFileIconProvider):
    """Icons and type names from `stat()` alone: opens no file, reads no byte of content.

    Called from Qt's file-information thread too, so it only hands out icons made up front.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setOptions(QAbstractFileIconProvider.Option.DontUseCustomDirectoryIcons)
        style = QApplication.style()
        self._folder = style.standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        self._file = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        self._drive = style.standardIcon(QStyle.StandardPixmap.SP_DriveHDIcon)
        self._computer = style.standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)
        self._folder_type = QCoreApplication.translate("FileDialogs", "폴더")
        self._file_type = QCoreApplication.translate("FileDialogs", "파일")

    def icon(self, what):  # type: ignore[no-untyped-def,override]
        if isinstance(what, QFileInfo):
            if what.isRoot():
                return QIcon(self._drive)
            return QIcon(self._folder if what.isDir() else self._file)
        kind = QAbstractFileIconProvider.IconType
        if what == kind.Computer:
            return QIcon(self._computer)
        if what == kind.Drive:
            return QIcon(self._drive)
        if what in (kind.Folder, kind.Desktop, kind.Trashcan, kind.Network):
            return QIcon(self._folder)
        return QIcon(self._file)

    def type(self, info: QFileInfo) -> str:  # type: ignore[override]
        return self._folder_type if info.isDir() else self._file_type


def make_dialog(
    parent: QWidget | None, caption: str, folder: str = "", name_filter: str = "", *, folders_only: bool = False
) -> QFileDialog:
    """A file dialog that leaves the database's locks alone (see the module docstring)."""
    dialog = QFileDialog(parent, caption, folder, name_filter)
    dialog.setOptions(OPTIONS | (QFileDialog.Option.ShowDirsOnly if folders_only else QFileDialog.Option(0)))
    provider = NameOnlyIconProvider()
    dialog.setIconProvider(provider)
    dialog._kiosk_icon_provider = provider  # type: ignore[attr-defined] # Qt does not own it: keep it alive
    if folders_only:
        dialog.setFileMode(QFileDialog.FileMode.Directory)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    return dialog


def open_file_name(parent: QWidget | None, caption: str, folder: str = "", name_filter: str = "") -> str:
    """The path of an existing file the user picked, or "" (cancelled)."""
    dialog = make_dialog(parent, caption, folder, name_filter)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    return dialog.selectedFiles()[0]


def existing_directory(parent: QWidget | None, caption: str, folder: str = "") -> str:
    """The folder the user picked, or "" (cancelled)."""
    dialog = make_dialog(parent, caption, folder, folders_only=True)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    return dialog.selectedFiles()[0]


def save_file_name(parent: QWidget | None, caption: str, path: str = "", name_filter: str = "") -> str:
    """Where to write a new file ("" when cancelled); an existing file is confirmed by the dialog."""
    folder = str(Path(path).parent) if path else ""
    dialog = make_dialog(parent, caption, folder, name_filter)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    if path:
        dialog.selectFile(Path(path).name)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    return dialog.selectedFiles()[0]

