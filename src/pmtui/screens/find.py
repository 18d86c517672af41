"""Finding a task from the keyboard, the same on every screen that lists tasks a row each (the
WBS table, the Gantt chart): g goes to a WBS code or #id, / searches the names as they are typed
(Enter keeps the match, Esc goes back to the task the search began on), n goes to the next match.

Both are typed in a one-line bar over the bottom row of the screen's task view (the WBS screen
opens the same bar over a row to name a task). A screen mixes ``TaskFinder`` in before ``Screen``,
yields ``compose_bar()`` in its compose, calls ``mount_bar()`` once mounted, adds
``find_bindings(its id prefix)`` to its bindings and names its view in ``task_view``: a RowCursor
view with ``plan``, ``current_id`` and ``select_task`` (which opens collapsed summaries over the
task where the view has them).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Label

from pmtui.models.errors import PmtuiError
from pmtui.models.wording import brief
from pmtui.widgets.inline_input import InlineInput


def find_bindings(prefix: str) -> list[Binding]:
    """The keys of finding a task, with ids of the screen's own (``wbs.search``, ``gantt.search``)
    so that each screen's can be remapped on its own."""
    return [
        Binding("g", "jump", "Go to", show=False, id=f"{prefix}.jump"),
        Binding("slash", "search", "Search", id=f"{prefix}.search"),
        Binding("n", "search_next", "Next match", show=False, id=f"{prefix}.search_next"),
    ]


class TaskFinder:
    inline_mode: str | None = None  # what the open bar asks for, None while it is closed
    inline_label = ""  # the bar's label as asked
    search_text = ""
    # The task the search began on, by id: a match in a collapsed phase opens it and moves the
    # rows below, so a row number named another task by the time Esc went back to it.
    search_origin: int | None = None
    _wrapped = False  # the last match found was past the end of the plan, from the top

    @property
    def task_view(self):
        raise NotImplementedError

    def compose_bar(self) -> ComposeResult:
        with Horizontal(id="inline-bar"):
            yield Label("", id="inline-label")
            inp = InlineInput(id="inline", compact=True)
            inp.cursor_blink = False
            yield inp

    def mount_bar(self) -> None:
        self.query_one("#inline-bar").display = False
        bar = self.query_one("#inline", InlineInput)
        bar.home, bar.answered, bar.cancelled = self.task_view, self._answered, self._cancel_inline

    # -- the keys ---------------------------------------------------------------------------------
    def action_jump(self) -> None:
        self._open_inline("jump", "Go to WBS code or #id:", "")

    def action_search(self) -> None:
        self.search_origin = self.task_view.current_id
        self._open_inline("search", "/", "")

    def action_search_next(self) -> None:
        if not self.search_text:
            self.action_search()
            return
        text, before = self.search_text, self.task_view.current_id
        if not self._find(text, after=before):
            self._no_match(text)
        elif self._wrapped:
            # n went on from the top without a word: pressed through the matches, it went round
            # and round, and the last one was never known to be the last
            only = self.task_view.current_id == before
            self.notify(f"the only task named like {text!r}" if only
                        else f"back at the first task named like {text!r}, from the top", timeout=3)

    # -- the bar ----------------------------------------------------------------------------------
    def _open_inline(self, mode: str, label: str, value: str) -> None:
        """The bar over the bottom row of the task view, as wide as the view."""
        view = self.task_view
        if view.plan is None:
            return
        region = view.content_region
        self._show_bar(mode, label, value, (region.x, region.y + region.height - 1), region.width)

    def _show_bar(self, mode: str, label: str, value: str, offset: tuple[int, int], width: int,
                  shown: str | None = None) -> Input:
        """Open the bar at ``offset`` with the focus in it; ``shown``: the label as drawn, when
        it says more than the one asked (the WBS code a new task gets)."""
        self.inline_mode, self.inline_label = mode, label
        self.query_one("#inline-label", Label).update(label if shown is None else shown)
        inp = self.query_one("#inline", Input)
        inp.value = value
        bar = self.query_one("#inline-bar")
        bar.styles.offset = offset
        bar.styles.width = width
        bar.display = True
        # At once, not through Widget.focus, which waits its turn in the queue: the keys the
        # app takes until then would still go to the view (pmtui.widgets.inline_input).
        self.set_focus(inp)
        return inp

    def on_resize(self) -> None:
        if self.inline_mode is not None:
            # once the views have their new size: the bar is placed in screen cells
            self.call_after_refresh(self._place_bar_again)

    def _place_bar_again(self) -> None:
        """The bar where it belongs in the resized view: placed for the old size, it stayed at
        its old row, below the bottom of a smaller terminal, and what was typed went on unseen."""
        if self.inline_mode is None:
            return
        inp = self.query_one("#inline", Input)
        value, at = inp.value, inp.cursor_position
        self._open_inline(self.inline_mode, self.inline_label, value)
        inp.cursor_position = at

    def _close_inline(self) -> None:
        self.inline_mode = None
        view = self.task_view
        if view.room_below:
            view.make_room(0)
        self.query_one("#inline-bar").display = False
        self.set_focus(self.task_view)  # at once: the next key is the view's, not the hidden input's

    def _cancel_inline(self) -> None:
        if self.inline_mode == "search" and self.search_origin is not None:
            self._reveal(self.search_origin)
        self._close_inline()
        self.task_view._scroll_to_cursor()  # the bar may have covered the cursor's row

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "inline" and self.inline_mode == "search":
            event.stop()
            self.search_text = event.value
            if event.value:
                self._find(event.value, after=self.search_origin, inclusive=True)

    def _answered(self, text: str) -> None:
        """Enter in the bar (called by InlineInput, in key order)."""
        mode, label = self.inline_mode, self.inline_label
        self._close_inline()
        if mode == "search":
            # Typed fast, the field's Changed events come after this Enter, once the bar is
            # closed (on_input_changed): the search is made here with what was typed.
            self.search_text = text
            if text and not self._find(text, after=self.search_origin, inclusive=True):
                self._no_match(text)
        elif mode == "jump":
            if not text.strip():
                return  # Enter on an empty bar closes it, as Esc (it said "task '' is not a WBS code")
            try:
                target = self.task_view.plan.resolve(text.strip())
            except PmtuiError as exc:
                self.notify(str(exc), severity="error")
                return
            self._reveal(target.id)
        elif mode is not None:
            self._answer(mode, label, text)

    def _answer(self, mode: str, label: str, text: str) -> None:
        """The answer to a bar of the screen's own (the WBS's new task, rename, ...)."""

    # -- finding ----------------------------------------------------------------------------------
    def _no_match(self, text: str) -> None:
        self.notify(f"no task named like {brief(text)}", severity="warning")

    def _reveal(self, task_id: int) -> None:
        """Put the cursor on the task, in view."""
        self.task_view.select_task(task_id)
        self._clear_of_bar()

    def _clear_of_bar(self) -> None:
        """While the bar is open over the view's bottom row, keep the cursor's row above it: a
        match below the view was scrolled to the bottom row, under the bar, and the search showed
        nothing while typed."""
        view = self.task_view
        if self.inline_mode is None or not view.rows:
            return
        top = round(view.scroll_offset.y)
        if view.cursor >= top + view.page - 1:
            if view.cursor == len(view.rows) - 1:
                view.make_room(1)  # the last task: a row past it to scroll to
            view.scroll_to(y=view.cursor - view.page + 2, animate=False, immediate=True)

    def _find(self, text: str, *, after: int | None, inclusive: bool = False) -> bool:
        """Put the cursor on the next task whose name (or WBS code) contains ``text``."""
        plan = self.task_view.plan
        if plan is None or not plan.tasks:
            return False
        needle = text.casefold()
        tasks = plan.tasks
        start = 0
        if after is not None and after in plan.by_id:
            start = next((i for i, t in enumerate(tasks) if t.id == after), 0) + (0 if inclusive else 1)
        n = len(tasks)
        for k in range(n):
            t = tasks[(start + k) % n]
            if needle in t.name.casefold() or t.wbs == text:
                self._wrapped = start + k >= n
                self._reveal(t.id)
                return True
        return False

