"""Several stations: the shared database, offline journal, sync and merge."""
