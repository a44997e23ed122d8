"""Database access: engine and session factory, migrations, backups. No Qt here."""
