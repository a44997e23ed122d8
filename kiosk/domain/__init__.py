"""Pure-Python rules of the kiosk: no Qt here (a test enforces it)."""
