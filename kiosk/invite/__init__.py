"""Invitations: signed QR codes and the registration e-mail, composed and delivered.

Pure Python (no Qt): the CLI, the GUI's invite dialog and the tests all drive the same code.
"""
