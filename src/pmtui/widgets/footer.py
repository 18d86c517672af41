"""Textual's footer, recomposed only when the keys it shows change.

Textual's Footer rebuilds all its key widgets whenever the screen's bindings are updated, which
happens after every modal closes and every focus change: a progress edit (picker opened and
closed) rebuilt it twice, about a quarter of the UI thread's time for the edit on a 10,000-task
plan (measured with cProfile, 2026-12-04). The keys on show are the same each time, so here the
rebuild happens only when they differ.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _shown: tuple | None = None

    def _keys_shown(self) -> tuple:
        app = self.app
        keys = tuple(
            (binding.key, app.get_key_display(binding), binding.description, binding.action, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )
        palette = self.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
        return keys, self.show_command_palette and app.ENABLE_COMMAND_PALETTE, palette and palette[1:]

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            shown = self._keys_shown()
            if shown == self._shown:
                self._bindings_ready = True
                return
            self._shown = shown
        super().bindings_changed(screen)
