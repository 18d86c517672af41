"""The Textual screens of the planner."""
