"""Every operation a user can do: one transaction and one journal entry each."""
