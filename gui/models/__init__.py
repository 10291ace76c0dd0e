"""Qt item models: thin adapters that read the AuditSession and emit narrow changes."""
