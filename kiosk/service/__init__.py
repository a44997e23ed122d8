"""The door service: use cases with plain results, each declaring what it can do while apart."""

from kiosk.service.service import DoorService
from kiosk.service.usecase import USE_CASES, NotWhileApart, Offline, UseCase, use_case

__all__ = ["USE_CASES", "DoorService", "NotWhileApart", "Offline", "UseCase", "use_case"]
