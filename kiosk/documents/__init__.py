"""Printed documents other than the report: badges before the event, certificates of attendance.

Drawn with QPainter on QPdfWriter (the report's own way): the Korean font is embedded, text stays
selectable, and it runs headless in the CLI with a window-less QGuiApplication. No Qt widgets.
"""
