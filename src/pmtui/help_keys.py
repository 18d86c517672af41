"""The rows of the help screen (`?`, F1): the keys of the screen in front, in words, in groups.

Besides pmtui's own bindings (each with an id, remappable in config.toml), a screen has Textual's:
a text field's editing keys, a scroll view's, tab, ctrl+q, copy. Listed as they came, help read
"^pgup  Page Left  page_left" and "shift+^←  Move cursor left a word and select  cursor_left_word(True)":
internal action names where the id goes, and 30 rows of a field's keys on the WBS's search bar.
Here Textual's keys are worded as a user would say them, a pair of keys that do the two sides of
one thing share a row, and the ones a user of the keyboard does not need are left out.
"""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from pmtui.widgets.footer import dialog_words, typed_into

HERE, TYPING, SCROLLING, EVERYWHERE = "This screen", "Typing in the field", "Scrolling", "Everywhere"
GROUPS = (HERE, TYPING, SCROLLING, EVERYWHERE)

PALETTE_ACTIONS = ("command_palette", "app.command_palette")

# Textual's bindings (they have no id), by action: their group and words. Those not named here
# are left out: selecting text with shift (done with the mouse as well), the word moves and
# deletes to the right, ctrl+pgup/pgdn (a page sideways), copy of a selection (^c, a mouse
# selection; and in most terminals it is the interrupt key).
TEXTUAL_WORDS: dict[str, tuple[str, str]] = {
    # a text field (the WBS's bar, the stand-up's, a form's field)
    "cursor_left": (TYPING, "Move in the text"),
    "cursor_right": (TYPING, "Move in the text"),
    "home": (TYPING, "Start / end of the text"),
    "end": (TYPING, "Start / end of the text"),
    "cursor_left_word": (TYPING, "A word left / right"),
    "cursor_right_word": (TYPING, "A word left / right"),
    "delete_left": (TYPING, "Delete a character"),
    "delete_right": (TYPING, "Delete a character"),
    "delete_left_word": (TYPING, "Delete the word before"),
    "delete_left_all": (TYPING, "Delete to the start"),
    "delete_right_all": (TYPING, "Delete to the end"),
    "paste": (TYPING, "Paste"),
    "submit": (TYPING, "Confirm"),
    # a view that scrolls (the status screen)
    "scroll_up": (SCROLLING, "Scroll up / down"),
    "scroll_down": (SCROLLING, "Scroll up / down"),
    "scroll_left": (SCROLLING, "Scroll left / right"),
    "scroll_right": (SCROLLING, "Scroll left / right"),
    "page_up": (SCROLLING, "Page up / down"),
    "page_down": (SCROLLING, "Page up / down"),
    "scroll_home": (SCROLLING, "Top / bottom"),
    "scroll_end": (SCROLLING, "Top / bottom"),
    # the app's
    "app.focus_next": (EVERYWHERE, "Next / previous pane"),
    "app.focus_previous": (EVERYWHERE, "Next / previous pane"),
}
# Textual's keys that do what one of ours does: listed in its row (ctrl+q with q).
SAME_AS = {"quit": "app.quit"}


# What a key does, in full, where its footer word says too little: the footer's words were cut
# so that the most used keys fit at 80 columns ("n Next", "y Notes", "t Kind", "c Close"), and
# help and the palette showed those words too. By binding id; a binding's own tooltip wins.
# Kept here rather than on each Binding so that one table says them all, in the same voice
# (test_help checks every id is a binding's). At most 33 characters: a row of help (keys, words,
# id) fits the help dialog at 80 columns (33 is the longest).
LONG: dict[str, str] = {
    "wbs.collapse": "Collapse, or go to the summary",
    "wbs.toggle": "Collapse or expand the summary",
    "wbs.expand": "Expand, or go to its first task",
    "wbs.edit": "Edit the task (its form)",
    "wbs.edit_notes": "Edit the task's notes",
    "wbs.progress": "Record progress on the task",
    "wbs.assign": "Assign a person, or take them off",
    "wbs.jump": "Go to a WBS code or #id",
    "wbs.search_next": "Next match of the search",
    "gantt.scroll_later": "Scroll the timeline later",
    "gantt.scroll_earlier": "Scroll the timeline earlier",
    "gantt.page_later": "A page of the timeline later",
    "gantt.page_earlier": "A page of the timeline earlier",
    "gantt.today": "Scroll to today",
    "gantt.status_date": "Scroll to the status date",
    "gantt.show_bar": "Bring the task's bar into view",
    "gantt.driving_path": "Mark the tasks driving this one",
    "gantt.toggle": "Fold or open a summary (WBS too)",
    "gantt.baseline": "Baseline bars: show or hide",
    "gantt.lengthen": "One working day longer",
    "gantt.shorten": "One working day shorter",
    "gantt.move_later": "Move the task a day later",
    "gantt.move_earlier": "Move the task a day earlier",
    "gantt.zoom_in": "Zoom in",
    "gantt.jump": "Go to a WBS code or #id",
    "gantt.edit": "Edit the task (its form)",
    "gantt.search_next": "Next match of the search",
    "risks.cell_up": "Matrix: higher probability",
    "risks.cell_down": "Matrix: lower probability",
    "risks.cell_right": "Matrix: higher impact",
    "risks.cell_left": "Matrix: lower impact",
    "risks.row_down": "Register: the next risk",
    "risks.row_up": "Register: the risk before",
    "risks.add": "New risk",
    "risks.edit": "Edit the risk",
    "risks.score": "Re-score: probability, impact",
    "risks.close": "Close the risk, or reopen it",
    "risks.link": "Link the risk to a task",
    "risks.why": "Why: its tasks, float, drivers",
    "risks.all": "All risks, or the cell's only",
    "risks.kind": "Threats or opportunities",
    "risks.sort": "Sort by score or by exposure",
    "risks.unlink": "Unlink a task from the risk",
    "risks.raise": "It happened: raise an issue",
    "risks.prob_up": "The risk's probability +1",
    "risks.prob_down": "The risk's probability −1",
    "risks.impact_up": "The risk's impact +1",
    "risks.impact_down": "The risk's impact −1",
    "standup.next_person": "Next person",
    "standup.started": "Mark the task started",
    "standup.more": "% complete up one step",
    "standup.less": "% complete down one step",
    "standup.done": "Mark the task done",
    "standup.blocker": "Record a blocker on the task",
    "standup.finish": "Finish the stand-up",
    "standup.person_notes": "Notes: yesterday, today, blockers",
    "standup.remaining": "Set the task's days left",
    "standup.percent": "Set the task's % complete",
    "standup.unblock": "Clear the task's blockers",
    "standup.note": "Add a note to the task",
    "standup.status_date": "Set the status date",
    "standup.start": "Start or resume the stand-up",
    "standup.cancel": "Close the answer bar",
    "scroll.down_j": "Scroll down",
    "scroll.up_k": "Scroll up",
    "status.reload": "Read the plan again and redraw",
    "status.snapshot": "Save a status snapshot",
    "status.why_finish": "Why the finish moved: changes",
    "finish_why.since": "Since: stand-up, week, month, …",
    "app.theme": "Light or dark theme",
    "app.resources": "People: working days and leave",
    "resources.undo": "Undo the last change",
    "resources.add_leave": "Record leave for the person",
    "resources.remove_leave": "Take back a run of their leave",
    "bar.confirm": "Confirm what is typed",
    "bar.cancel": "Close the bar, nothing changed",
}


def long_description(binding: Binding, node=None) -> str:
    """What the key does, in full: the words its dialog gives it (as its footer says them), else
    its tooltip, else its line in LONG, else its footer word."""
    return (dialog_words(node, binding) or binding.tooltip or LONG.get(binding.id or "", "")
            or binding.description or binding.action)


class HelpRows(list):
    """The rows of help, (keys, description, id), in their groups' order; ``headings`` names
    the group that starts at a row's index. The id is "" for Textual's keys (not remappable)."""

    def __init__(self, rows=(), headings: dict[int, str] | None = None) -> None:
        super().__init__(rows)
        self.headings = headings or {}


def binding_rows(app: App, screen: Screen) -> HelpRows:
    """Every key active on the screen, keys as remapped, in groups: the screen's own (and its
    focused widget's), a text field's, scrolling, the app's."""
    # (group, id or words) -> [our keys, Textual's keys, description, id]: ours first ("q ^q")
    rows: dict[tuple[str, str], list] = {}
    focused = screen.focused
    panes = sum(1 for w in screen.focus_chain if not isinstance(w, Screen)) > 1
    palette = "^p"
    for active in screen.active_bindings.values():
        b = active.binding
        if b.action in PALETTE_ACTIONS:
            palette = app.get_key_display(b)
            continue  # its own row, last
        keys = app.get_key_display(b)
        if focused is not None and active.node is not focused and typed_into(focused, b, keys):
            continue  # typed into the field ("/" in the search bar), as in the footer
        if b.id:
            group = TYPING if isinstance(active.node, Input) else EVERYWHERE if b.id.startswith("app.") else HERE
            slot = (group, b.id)
            row = rows.setdefault(slot, [[], [], "", b.id])
            row[2] = long_description(b, active.node)  # a key of Textual's may have come first
            theirs = False
        elif b.action in SAME_AS:
            row = rows.setdefault((EVERYWHERE, SAME_AS[b.action]), [[], [], "", SAME_AS[b.action]])
            row[2] = row[2] or b.description
            theirs = True
        elif b.action in TEXTUAL_WORDS:
            group, words = TEXTUAL_WORDS[b.action]
            if group == TYPING and not isinstance(active.node, Input):
                continue
            if group == SCROLLING and isinstance(active.node, Input):
                continue  # a one-line field has nothing to scroll
            if b.action.startswith("app.focus_") and not panes:
                continue  # nothing else to go to
            row = rows.setdefault((group, words), [[], [], words, ""])
            theirs = True
        else:
            continue
        if keys not in row[theirs]:
            row[theirs].append(keys)
    taken = {k for ours, _t, _d, bid in rows.values() if bid for k in ours}
    out = HelpRows()
    for group in GROUPS:
        first = len(out)
        # pmtui's keys before Textual's in a group: a bar's Enter and Esc above its editing keys
        for (g, _slot), (ours, theirs, desc, bid) in sorted(rows.items(), key=lambda item: not item[1][3]):
            # a key of Textual's that one of ours on the same key replaces (enter in a bar)
            keys = ours + [k for k in theirs if k not in taken and k not in ours]
            if g != group or not keys:
                continue
            out.append((" ".join(keys), desc, bid))
        if group == EVERYWHERE:
            out.append((palette, "Command palette: every action", "app.command_palette"))
        if len(out) > first:
            out.headings[first] = group
    return out
