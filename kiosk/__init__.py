"""kiosk — event check-in for conferences: roster, signed QR invitations, scanning, headcount, reports."""

__version__ = "0.1.0"
APP_NAME = "kiosk"
ORG_NAME = "kiosk"
