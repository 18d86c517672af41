"""The row cursor shared by the Line-API views (WBS table, Gantt chart): one row per task under
a fixed header, a cursor index into ``rows``, and repaints limited to the rows a move changed."""

from __future__ import annotations

from textual.geometry import Region


class RowCursor:
    """Mixed into a ``ScrollView`` that has ``rows`` (task ids in display order), ``cursor`` (an
    index into them), ``current_id`` and a ``CursorMoved`` message taking the new task id."""

    header_rows = 1

    @property
    def page(self) -> int:
        return max(1, self.scrollable_content_region.height - self.header_rows)

    def move_to(self, index: int) -> None:
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        old = self.cursor
        if index == old:
            return
        self.cursor = index
        also = self._cursor_changed()
        if not self._scroll_to_cursor():
            self._refresh_row(old)
            self._refresh_row(index)
            self._refresh_tasks(also)
        self.post_message(self.CursorMoved(self.current_id))

    def _cursor_changed(self) -> set[int]:
        """Task ids whose rows the move changed besides the old and new cursor rows."""
        return set()

    def _refresh_tasks(self, task_ids: set[int]) -> None:
        """Repaint the visible rows of these tasks (only the views that mark other rows need it)."""

    def _scroll_to_cursor(self) -> bool:
        """Scroll so the cursor row is in view; True if the view moved (all of it repaints)."""
        top = round(self.scroll_offset.y)
        page = self.page
        if self.cursor < top:
            new = self.cursor
        elif self.cursor >= top + page:
            new = self.cursor - page + 1
        else:
            return False
        self.scroll_to(y=new, animate=False, immediate=True)
        return True

    def _refresh_row(self, index: int) -> None:
        y = index - round(self.scroll_offset.y) + self.header_rows
        if self.header_rows <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))
