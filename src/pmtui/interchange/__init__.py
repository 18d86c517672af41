"""Files in and out: MSPDI XML, CSV, JSON, iCalendar, Mermaid."""
