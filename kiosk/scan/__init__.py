"""Scanning: QR decoders, the camera frame pipeline and keyboard-wedge scanner input."""
