"""Status reports in Markdown and HTML."""
