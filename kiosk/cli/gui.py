"""kiosk gui [--kiosk-mode] [--screenshot FILE.png]: the check-in window (the default command).

Start-up, in this order (Vorta's): logging (main() did it) → one program per database (lock) →
look at the file (damaged? read-only? full? newer?) → backup → migrations (which copy the file
first) → the window, with a backup every 10 minutes while check-ins happen → a backup on exit.
The window runs the door through one `DoorService` (a `FileBackend` for a SQLite file, a
`StationBackend` for a shared server) on its database worker; backups and the file watchdog
run on a separate upkeep thread, never on the GUI thread.
A fault at any step is shown as a dialog offering its remedy (restore a backup), never a crash.
"""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

from kiosk.cli.context import CliContext, CliError

log = logging.getLogger(__name__)
EXIT_IN_USE = 3
EXIT_FAULT = 4


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("gui", help="체크인 화면 열기 (기본 명령)")
    p.add_argument("--kiosk-mode", action="store_true", help="손님용 전체 화면 셀프 체크인")
    p.add_argument("--screenshot", metavar="FILE.png", type=Path, help="1366×768 화면을 PNG로 저장하고 종료")
    p.add_argument("--language", choices=["ko", "en"], default=None, help="화면 언어 (기본: 한국어)")
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    if args.screenshot is not None:
        if args.screenshot.suffix.lower() != ".png":
            raise CliError("--screenshot 파일은 .png 이어야 합니다")
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            # No screen is needed to render a window into a file.
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    language = args.language or os.environ.get("KIOSK_LANGUAGE", "ko")
    from kiosk.service.upkeep import normalise_target, sqlite_path
    from kiosk.ui.app import make_application
    from kiosk.ui.event_files import take_open_request

    make_application(language)  # the fault dialogs need it before the window exists
    while True:
        path = sqlite_path(normalise_target(ctx.db_target))
        if path is None or args.screenshot is not None:
            # A server database has no file to lock or copy; a screenshot is a quick, read-only look.
            code = _open_and_run(ctx, args, language, path=None)
        else:
            code = _guarded(ctx, args, language, path)
        next_file = take_open_request()  # 행사 열기 / 새 행사 / 최근 행사: the same start-up, another file
        if next_file is None:
            return code
        ctx.close()
        ctx.db_target = next_file


def _guarded(ctx: CliContext, args: argparse.Namespace, language: str, path: Path) -> int:
    from kiosk.service.upkeep import DatabaseInUse, DatabaseLock, classify
    from kiosk.ui import faults

    lock = DatabaseLock(path)
    try:
        lock.acquire()
    except DatabaseInUse as exc:
        faults.show_fault(classify(exc, path), diagnostics=_diagnostics(ctx, path))
        return EXIT_IN_USE
    except OSError as exc:
        faults.show_fault(classify(exc, path), diagnostics=_diagnostics(ctx, path))
        return EXIT_FAULT
    try:
        if lock.took_over is not None:
            log.warning(
                "previous run did not close cleanly (%s); checking the database", lock.took_over.describe()
            )
        return _open_and_run(ctx, args, language, path=path)
    finally:
        lock.release()


def _open_and_run(ctx: CliContext, args: argparse.Namespace, language: str, path: Path | None) -> int:
    import signal
    import sys

    previous_hook = sys.excepthook
    previous_signals = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        return _open_and_run_loop(ctx, args, language, path)
    finally:
        # Ours explain errors and end the loop while the window runs; no longer than that.
        sys.excepthook = previous_hook
        for sig, handler in previous_signals.items():
            signal.signal(sig, handler)


def _open_and_run_loop(ctx: CliContext, args: argparse.Namespace, language: str, path: Path | None) -> int:
    """Open (restoring a backup if the user asks), run the window; again after a restore."""
    from kiosk.cli.backup import backup_folder
    from kiosk.service.upkeep import backups, check_database, classify
    from kiosk.ui import faults
    from kiosk.ui.app import run_gui
    from kiosk.ui.backup_dialog import RESTORE_PROPERTY

    folder = backup_folder(path) if path is not None else None
    diagnostics = _diagnostics(ctx, path)
    if args.screenshot is None:
        # A damaged file found while running offers the backups too, not only at start-up.
        faults.install_excepthook(diagnostics, (lambda: backups.list_backups(folder)) if folder else None)
    notices_shown = False
    while True:
        fault = check_database(path) if path is not None else None
        if fault is None:
            if path is not None and folder is not None and path.exists() and path.stat().st_size:
                try:
                    backups.take_backup(path, folder, "start")  # before migrations touch it
                except backups.BackupError as exc:
                    # The database itself is fine (checked above): say so, and go on without a copy.
                    faults.show_fault(
                        classify(exc.__cause__ or exc, folder), diagnostics=diagnostics, fatal=False
                    )
            try:
                db = _open_database(ctx, args)
            except Exception as exc:  # noqa: BLE001 - every start-up failure becomes a dialog
                ctx.close()
                if args.screenshot is not None:
                    # Nobody is there to answer a dialog: the command line's own handler says it
                    # on one line, as for `kiosk status` (an unreachable server, a damaged file).
                    raise
                log.error("start-up failed", exc_info=True)
                fault = classify(exc, path)
        if fault is not None and args.screenshot is not None:
            # Nobody is there to answer a dialog: say it on one line and stop (a modal box would
            # wait forever on an offscreen screen).
            title, what, _ = faults.fault_texts(fault.kind)
            raise CliError(f"{title}: {what} ({fault.detail})".replace("\n", " "), EXIT_FAULT)
        if fault is not None:
            outcome = faults.show_fault(fault, backups.list_backups(folder) if folder else [], diagnostics)
            if outcome.choice is faults.Choice.RESTORE and outcome.backup is not None and path is not None:
                if not _restore(outcome.backup, path, faults):
                    return EXIT_FAULT
                continue
            return EXIT_FAULT
        if not notices_shown and args.screenshot is None:
            for notice in faults.environment_faults():
                faults.show_fault(notice, diagnostics=diagnostics, fatal=False)
            notices_shown = True
        if args.screenshot is None:
            _quit_on_termination_signals()
        from kiosk.service.worker import DbWorker

        upkeep = DbWorker("kiosk-upkeep")  # backups and the file watchdog: off the GUI thread
        timer = None
        if path is not None and folder is not None:
            from kiosk.ui.backup_timer import BackupTimer

            timer = BackupTimer(path, folder, worker=upkeep)
            timer.start()
        watch = None
        if path is not None and args.screenshot is None and not isinstance(db, _linked_type()):
            from kiosk.ui.db_watch import DatabaseWatch

            # Before each door action (Database.write) and every few seconds: still our file?
            watch = DatabaseWatch(db, folder, diagnostics, worker=upkeep)
            watch.start()
        try:
            code = run_gui(
                db,
                ctx.station,
                kiosk_mode=args.kiosk_mode,
                screenshot=args.screenshot,
                language=language,
                setup_window=_audit_notice(db),
            )
        finally:
            if watch is not None:
                watch.stop()
                watch.deleteLater()
            if timer is not None:
                timer.stop()
            upkeep.stop()  # a copy under way finishes before the exit copy starts
            _close_link(db)
            if timer is not None:
                timer.final_backup()
                timer.deleteLater()
        restore_from = _take_restore_request(RESTORE_PROPERTY)
        if restore_from is None or path is None:
            return code
        ctx.close()
        if not _restore(Path(restore_from), path, faults):
            return EXIT_FAULT


def _open_database(ctx: CliContext, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """A shared server goes through a station link (local copy + journal when it is away)."""
    from kiosk.service.upkeep import is_postgres

    if args.screenshot is None and is_postgres(ctx.db_target):
        from kiosk.service.upkeep import open_linked_database

        return open_linked_database(ctx.db_target, ctx.station)
    return ctx.database()


def _linked_type() -> type:
    from kiosk.service.upkeep import LinkedDatabase

    return LinkedDatabase


def _audit_notice(db):  # type: ignore[no-untyped-def]
    """Verify the audit chain at start (restoring missing triggers); a notice, never a stop."""
    from kiosk.domain.audit_chain import check_audit

    try:
        report = check_audit(getattr(db, "active", db))  # a station link: the database it serves from
    except Exception:  # noqa: BLE001 - a check that cannot run must not keep the door shut
        log.exception("audit check failed")
        return None
    if report.ok:
        return None
    log.warning("audit log: %s", report.problem)

    def setup(window) -> None:  # type: ignore[no-untyped-def]
        from kiosk.ui.window_parts import audit_warning_label

        window.add_status_widget(audit_warning_label(report.problem))

    return setup


def _close_link(db) -> None:  # type: ignore[no-untyped-def]
    from kiosk.service.upkeep import LinkedDatabase

    if isinstance(db, LinkedDatabase):
        db.dispose()  # the station link: its server pool and local copy


def _quit_on_termination_signals() -> None:
    """SIGTERM (log-out, shutdown, `kill`) and Ctrl+C end the event loop, so the exit backup runs."""
    import signal

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    # exit(), not quit(): Qt 6's quit() first asks every window to close, and the kiosk window
    # answers a close with the PIN box, so a log-out would hang there and skip the exit backup.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_args: QApplication.exit(0))
    if app.property("kioskSignalsInstalled"):
        return
    # Python runs signal handlers only when it gets control: a light tick gives it that.
    tick = QTimer(app)
    tick.setInterval(300)
    tick.timeout.connect(lambda: None)
    tick.start()
    app.setProperty("kioskSignalsInstalled", True)


def _restore(backup: Path, path: Path, faults) -> bool:  # type: ignore[no-untyped-def]
    from kiosk.service.upkeep import BackupError, Fault, FaultKind, restore

    try:
        aside = restore(backup, path)
    except BackupError as exc:
        faults.show_fault(Fault(FaultKind.UNREADABLE, str(exc), path))
        return False
    log.warning("restored %s; previous file kept as %s", backup.name, aside)
    return True


def _take_restore_request(name: str) -> str | None:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return None
    value = app.property(name)
    app.setProperty(name, None)
    # Close what the last run left, so a restart starts from scratch; closing the last window
    # would post a Quit event that ends the next event loop at once, hence the guard.
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.removePostedEvents(None, QEvent.Type.Quit)
    app.setQuitOnLastWindowClosed(quit_on_close)
    return str(value) if value else None


def _diagnostics(ctx: CliContext, path: Path | None):  # type: ignore[no-untyped-def]
    def text() -> str:
        from kiosk.cli.backup import backup_folder
        from kiosk.logsetup import diagnostics_text

        return diagnostics_text(ctx.db_target, backup_folder(path) if path else None)

    return text
