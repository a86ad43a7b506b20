"""The audit log: who signed in, changed a role or read someone else's data, and when."""
