"""Scanning: QR decoders and the camera frame pipeline (the keyboard-wedge widgets are in kiosk.ui)."""
