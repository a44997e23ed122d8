"""Invitations: QR codes and registration e-mails (composition and delivery)."""
