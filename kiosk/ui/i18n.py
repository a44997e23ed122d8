"""Korean first: source strings are Korean; English comes from resources/translations/kiosk_en.qm."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from kiosk.resources_path import resource

LANGUAGES = {"ko": "한국어", "en": "English"}
_installed: list[QTranslator] = []


def translations_dir() -> str:
    return str(resource("translations"))


def install_language(app: QCoreApplication, language: str) -> bool:
    """Switch the interface language; "ko" removes translators (sources are Korean)."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == "ko":
        QLocale.setDefault(QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea))
        # Qt's own words (file dialogs, context menus, message box buttons) in Korean too.
        qt = QTranslator(app)
        if qt.load("qtbase_ko", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
        return True
    translator = QTranslator(app)
    if not translator.load(f"kiosk_{language}", translations_dir()):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    QLocale.setDefault(QLocale(language))
    return True


def tr(context: str, text: str) -> str:
    """Translate a string outside a QObject (the one function every such string goes through)."""
    return QCoreApplication.translate(context, text)
