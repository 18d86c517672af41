"""The app shell: remapped keys, a bad config file, the project switcher, no project yet."""

from __future__ import annotations

import re

from pmtui.screens.projects import ProjectSwitcher
from pmtui.services.projects import list_projects
from pmtui.store.locations import config_file

from .conftest import elsewhere, notes, press, screen_text, settle, type_text, until

SIZE = (120, 40)


def write_config(text: str) -> None:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


async def test_remapped_key_from_config_file(make_app):
    write_config('[keys]\n"wbs.add_task" = "i"\n"app.undo" = "ctrl+u,z"\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not notes(app)
        await press(pilot, "a")
        assert app.screen.inline_mode is None  # "a" no longer adds
        await press(pilot, "i")
        assert app.screen.inline_mode == "add_below"
        await type_text(pilot, "Remapped")
        await press(pilot, "enter")
        assert any(t.name == "Remapped" for t in app.plan.tasks)
        await press(pilot, "z")
        assert not any(t.name == "Remapped" for t in app.plan.tasks)
        assert ("i", "Add", "wbs.add_task") in __import__("pmtui.app", fromlist=["x"]).binding_rows(app, app.screen)


async def test_bad_config_is_a_notification_not_a_crash(make_app):
    write_config('[keys\n"wbs.add_task" = ')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "is not valid TOML" in notes(app)
        assert len(app.plan.tasks) == 64


async def test_unknown_id_and_theme_in_config(make_app):
    write_config('[keys]\n"wbs.add_taks" = "i"\n[ui]\ntheme = "pmtui-light"\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "no key with id 'wbs.add_taks'" in notes(app)
        assert app.theme == "pmtui-light"


async def test_project_switcher_new_rename_open(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "o")
        assert isinstance(app.screen, ProjectSwitcher)
        await press(pilot, "n")
        await type_text(pilot, "ERP upgrade")
        await press(pilot, "enter", "ctrl+u")
        await type_text(pilot, "2027-01-04")
        await press(pilot, "enter")
        assert app.plan.project.name == "ERP upgrade" and app.plan.tasks == []
        # an empty plan: add the first task
        await press(pilot, "a")
        await type_text(pilot, "Kick-off")
        await press(pilot, "enter")
        assert [t.name for t in app.plan.tasks] == ["Kick-off"]
        # rename it, then go back to the demo
        await press(pilot, "o", "r", "ctrl+u")
        await type_text(pilot, "ERP upgrade 2027")
        await press(pilot, "enter")
        assert app.plan.project.name == "ERP upgrade 2027"
        await press(pilot, "up", "enter")
        assert app.plan.project.name == "CRM migration"
        current = [p.name for p, _n, cur in list_projects(demo_store) if cur]
        assert current == ["CRM migration"]


async def test_a_new_project_without_a_name_is_said_at_once(make_app):
    # Enter on an empty name went on to the date field without a word
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "o", "n", "enter")
        assert isinstance(app.screen, ProjectSwitcher)
        assert "needs a name" in str(app.screen.query_one("#p-error").render())
        assert app.focused is app.screen.query_one("#p-name")


async def test_a_new_project_typed_in_one_burst(make_app):
    # "o", "n", a name and two Enters as one burst: the letters behind "n" were routed before
    # its binding focused the name field. They are the name's, not commands ("q" quits, "u"
    # undoes), and the second Enter takes the proposed start date.
    from tests.tui.test_wbs import burst

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "o", "n", "A", "q", "u", "a", "enter", "enter")
        await settle(pilot)
        assert app.is_running
        assert app.plan.project.name == "Aqua" and app.plan.tasks == []


async def test_switcher_rename_and_escape_typed_in_one_burst(make_app):
    # The letters typed behind "r" replace the selected name, as typed slowly; the keys behind
    # Enter or Escape in a field are the list's again
    from tests.tui.test_wbs import burst

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "o", "r", "X", "y", "enter", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, ProjectSwitcher)
        assert app.plan.project.name == "Xy"
        burst(app, "o", "n", "Z", "escape", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, ProjectSwitcher) and app.plan.project.name == "Xy"


async def test_closing_the_switcher_on_a_new_empty_project(make_app):
    # The shared selection still named a task of the project before: the WBS screen crashed
    # (KeyError) reselecting it when the switcher closed
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "j", "j")
        await press(pilot, "o", "n")
        await type_text(pilot, "Empty")
        await press(pilot, "enter", "enter")
        await settle(pilot)
        assert app.plan.project.name == "Empty" and app.plan.tasks == []
        await press(pilot, "o", "escape")
        await settle(pilot)
        assert app.is_running and not isinstance(app.screen, ProjectSwitcher)
        await press(pilot, "2", "1")
        assert app.is_running


async def test_no_project_opens_the_switcher(store):
    from pmtui.app import PmtuiApp

    app = PmtuiApp(store, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProjectSwitcher)
        # it says what to do here, not which command to run in another terminal
        assert "No project open: n creates one here" in notes(app) and "pmtui project new" not in notes(app)
        await press(pilot, "escape", "a")
        await type_text(pilot, "Orphan")
        await press(pilot, "enter")
        assert "No project open" in notes(app)


async def test_busy_indicator_while_loading(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.busy >= 0
        await settle(pilot)
        assert app.busy == 0
        from pmtui.widgets.header import PlanHeader

        from .conftest import screen_text

        app._start("scheduling")
        # Work that ends within BUSY_DELAY draws no mark: the mark waits for the header's timer.
        # Held, so that a frame drawn late on a loaded machine is still one before the delay.
        timer = app.screen.query_one(PlanHeader)._busy_timer
        timer.pause()
        await pilot.pause()
        assert "⏳" not in screen_text(app)
        timer.resume()
        for _ in range(500):  # the delay, then the frame with the mark
            await pilot.pause(0.01)
            if "⏳ scheduling…" in screen_text(app):
                break
        assert "⏳ scheduling…" in screen_text(app)
        app._stop()
        await settle(pilot)
        assert "⏳" not in screen_text(app)


async def test_a_change_made_by_another_process_is_shown_without_a_keypress(make_app, db_path):
    """The CLI (or a second pmtui) changes the plan while the app is open: the next check of the
    journal reloads it; the app's own edits do not count as changes from outside."""
    from pmtui.services import tasks as task_svc
    from pmtui.store import open_store

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "e", "ctrl+u")
        await type_text(pilot, "Kick-off")
        await press(pilot, "enter")
        app._check_outside_changes()
        await settle(pilot)
        assert "changed outside" not in notes(app)

        def elsewhere():  # what `pmtui task edit` in another terminal does (another thread)
            other = open_store(str(db_path))
            try:
                task_svc.edit_task(other, app.plan.project.id, "1.1", name="Charter signed by the board")
            finally:
                other.close()

        import threading

        worker = threading.Thread(target=elsewhere)
        worker.start()
        worker.join()
        assert "Charter signed by the board" not in screen_text(app)
        app._check_outside_changes()
        await settle(pilot)
        assert "changed outside this window" in notes(app)
        assert app.plan.by_wbs["1.1"].name == "Charter signed by the board"
        assert "Charter signed by the board" in screen_text(app)
        assert app.plan.by_wbs["1"].name == "Kick-off"  # the app's own edit is still there


async def test_a_terminal_that_hung_up_ends_the_app(make_app):
    # A pmtui outside its terminal's session gets no SIGHUP when the terminal goes; its stdin
    # reads as end of file, on which Textual's input thread would spin at 100 % CPU.
    import os
    import pty
    import tty

    app = make_app()
    master, slave = pty.openpty()
    tty.setraw(slave)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app._tty_fd = slave
            os.write(master, b"j")  # typing is not a hang-up
            app._check_terminal()
            await settle(pilot)
            assert app.return_code is None and app.is_running
            os.close(master)
            master = None
            app._check_terminal()
            await settle(pilot)
        assert app.return_code == 1
    finally:
        os.close(slave)
        if master is not None:
            os.close(master)


async def test_names_with_brackets_are_shown_as_typed(make_app, demo_store):
    # Textual and Rich read "[...]" in a plain string as markup: a risk titled "… [/] …" raised
    # a MarkupError, "[phase 2]" vanished from a title
    from pmtui.services import risks
    from pmtui.services.projects import current_project
    from pmtui.services.tasks import add_task

    pid = current_project(demo_store).id
    add_task(demo_store, pid, "Cutover [phase 2] [/] run", duration=2)
    risks.add_risk(demo_store, pid, "Vendor [/] late [b]", probability=5, impact=5)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "end")  # the last task
        assert "Cutover [phase 2] [/] run" in screen_text(app)
        await press(pilot, "3")
        assert "Vendor [/] late [b]" in screen_text(app)
        for key in ("2", "4", "5", "1"):
            await press(pilot, key)
        assert app.is_running


async def test_a_risk_edit_or_a_snapshot_is_not_a_change_from_outside(make_app):
    # the risk screen and the status screen write without a new plan: the next check took their
    # journal entries for another process's, said so and reloaded
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "3", "plus")
        app._check_outside_changes()
        await settle(pilot)
        await press(pilot, "5", "s")
        app._check_outside_changes()
        await settle(pilot)
        assert "changed outside" not in notes(app)


async def test_a_version_committed_before_the_app_began_is_not_a_change_from_outside(make_app, tmp_path):
    # The app takes the version its own thread last committed as an edit of its own. One left
    # from before the app began, of another database's project with the same id, was taken for
    # ours: ahead of the plan's, it made the first check say "changed outside" and reload. A
    # process running one app after another (the tests, under load) saw it.
    from pmtui.services.demo import create_demo
    from pmtui.services.tasks import edit_task
    from pmtui.store import open_store

    from .conftest import TODAY

    app = make_app()
    other = open_store(str(tmp_path / "other.db"))
    try:
        project = create_demo(other, today=TODAY)
        for n in range(3):  # on this thread, the one the app runs on
            edit_task(other, project.id, "1.1", name=f"Charter v{n}")
    finally:
        other.close()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.plan.project.id == project.id
        app._check_outside_changes()
        await settle(pilot)
        assert "changed outside" not in notes(app)


async def test_a_damaged_database_is_said_in_the_switcher_not_a_crash(store, db_path):
    from pmtui.app import PmtuiApp
    from pmtui.services.demo import create_demo
    from tests.foundation.test_damaged import damage_table

    from .conftest import TODAY

    create_demo(store, today=TODAY)
    store.close()  # checkpointed: the damage below is in the file the app reads
    damage_table(db_path, "project")
    app = PmtuiApp(store, None, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProjectSwitcher)
        # as read across the dialog's lines: where they wrap depends on the length of the path
        shown = re.sub(r"[│\s]+", " ", screen_text(app))
        assert "database disk image is malformed: the file is damaged" in shown
        await press(pilot, "escape", "q")
    assert app.return_code in (0, None)


async def test_the_open_project_undone_by_another_process_is_said_once(store, db_path):
    """`pmtui undo` in another terminal took back the creation of the project the app shows: the
    app said "changed outside: reloaded" and "no project with id 1" every two seconds, for good."""
    import threading

    from pmtui.app import PmtuiApp
    from pmtui.services import history, projects, tasks
    from pmtui.store import open_store
    from tests.conftest import MONDAY

    project = projects.create_project(store, "Gone soon", MONDAY)
    tasks.add_task(store, project.id, "A", duration=1)
    app = PmtuiApp(store, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.plan.project.name == "Gone soon"

        def elsewhere():  # `pmtui undo` twice, from another process's store
            other = open_store(str(db_path))
            try:
                history.undo(other, project.id)
                history.undo(other, project.id)
            finally:
                other.close()

        worker = threading.Thread(target=elsewhere)
        worker.start()
        worker.join()
        for _ in range(3):  # three checks of the journal, six seconds of the real app
            app._check_outside_changes()
            await settle(pilot)
        said = notes(app)
        assert said.count("'Gone soon' is gone") == 1, said
        assert "no project with id" not in said
        assert app.plan is None and isinstance(app.screen, ProjectSwitcher)


def _elsewhere(db_path, do) -> None:
    """``do(store)`` from a store of its own, as `pmtui …` in another terminal runs it."""
    import threading

    from pmtui.store import open_store

    def run():
        other = open_store(str(db_path))
        try:
            do(other)
        finally:
            other.close()

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()


async def _gone_soon(store):
    from pmtui.services import projects, tasks
    from tests.conftest import MONDAY

    project = projects.create_project(store, "Gone soon", MONDAY)
    tasks.add_task(store, project.id, "Write the charter", duration=3)
    return project


async def test_every_screen_says_the_project_undone_elsewhere_is_gone_and_redo_brings_it_back(store, db_path):
    """`pmtui undo` in another terminal took back the creation of the project on screen: the WBS
    went on showing its rows under "no project open", and after `pmtui redo` the project list
    stayed empty until it was opened again."""
    from pmtui.app import PmtuiApp
    from pmtui.services import history

    project = await _gone_soon(store)
    app = PmtuiApp(store, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Write the charter" in screen_text(app)
        _elsewhere(db_path, lambda other: (history.undo(other, project.id), history.undo(other, project.id)))
        app._check_outside_changes()
        await settle(pilot)
        assert isinstance(app.screen, ProjectSwitcher)
        await press(pilot, "escape")
        text = screen_text(app)
        assert "Write the charter" not in text
        assert "Project 'Gone soon' is gone" in text and "o opens or creates a project" in text
        for key, says in (("2", "Gone soon' is gone"), ("3", "Gone soon' is gone"), ("4", "Gone soon' is gone"),
                          ("5", "Gone soon' is gone"), ("1", "Gone soon' is gone")):
            await press(pilot, key)
            assert app.is_running, key
            text = screen_text(app)
            assert says in text and "Write the charter" not in text, (key, text)
        await press(pilot, "a")
        await type_text(pilot, "Orphan")
        await press(pilot, "enter")  # refused, nothing to add it to
        assert "No project open" in notes(app)
        # `pmtui redo` elsewhere: the list shows the project again, and Enter opens it
        await press(pilot, "o")
        assert isinstance(app.screen, ProjectSwitcher) and not app.screen.projects
        _elsewhere(db_path, lambda other: history.redo(other, project.id))
        app._check_outside_changes()
        await settle(pilot)
        assert [p.name for p, _n, _c in app.screen.projects] == ["Gone soon"]
        assert "Gone soon" in screen_text(app)
        await press(pilot, "enter")
        await settle(pilot)
        assert app.plan is not None and app.plan.project.id == project.id
        assert "Write the charter" not in screen_text(app)  # its task is still undone: U redoes it
        await press(pilot, "U")
        assert "Write the charter" in screen_text(app)


async def test_the_open_project_deleted_by_the_cli_is_said_so_and_u_brings_it_back(store, db_path):
    """`pmtui project delete` in another terminal, of the project on screen: the app would say its
    creation was undone and that U brought it back, where U had nothing to redo."""
    from pmtui.app import PmtuiApp
    from pmtui.services import projects

    project = await _gone_soon(store)
    app = PmtuiApp(store, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _elsewhere(db_path, lambda other: projects.delete_project(other, project.id))
        app._check_outside_changes()
        await settle(pilot)
        said = notes(app)
        assert "Project 'Gone soon' is gone: the CLI deleted it; u brings it back" in said
        assert "undid its creation" not in said
        assert app.plan is None and isinstance(app.screen, ProjectSwitcher)
        await press(pilot, "escape")
        text = screen_text(app)
        assert "the CLI deleted it" in text and "u brings it back" in text
        await press(pilot, "o", "u")  # in the project list too
        assert app.plan is not None and app.plan.project.name == "Gone soon"
        assert not isinstance(app.screen, ProjectSwitcher)
        assert "Undone: Delete project — deleted project 'Gone soon' with 1 task" in notes(app)
        assert "Write the charter" in screen_text(app)


async def test_undo_of_the_projects_creation_here_then_redo_brings_it_back(store):
    """u on the project's creation said another process had undone it, and U then answered "No
    project open": the creation could only be redone from the CLI."""
    from pmtui.app import PmtuiApp

    await _gone_soon(store)
    app = PmtuiApp(store, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "u", "u", "y")  # the second takes the project away: asked first
        said = notes(app)
        assert "Undone: New project — created project 'Gone soon'" in said
        assert "another pmtui or the CLI" not in said
        assert app.plan is None and isinstance(app.screen, ProjectSwitcher)
        await press(pilot, "escape")
        assert "Write the charter" not in screen_text(app) and "U brings it back" in screen_text(app)
        await press(pilot, "u")  # nothing left to undo: says what U does instead
        assert "U brings it back" in notes(app).splitlines()[-1]
        await press(pilot, "o", "U")  # in the project list too
        assert not isinstance(app.screen, ProjectSwitcher)
        assert app.plan is not None and app.plan.project.name == "Gone soon"
        assert "Redone: New project" in notes(app)
        await press(pilot, "U")
        assert "Write the charter" in screen_text(app)


async def test_no_key_of_any_screen_fails_once_the_project_is_gone(store, db_path):
    """Every screen's keys, pressed with no plan behind them (the project's creation undone
    elsewhere): each says why it does nothing, none ends the app."""
    from pmtui.app import PmtuiApp
    from pmtui.services import history

    project = await _gone_soon(store)
    app = PmtuiApp(store, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in "2345":  # each screen drawn once with the plan
            await press(pilot, key)
        await press(pilot, "1")
        _elsewhere(db_path, lambda other: (history.undo(other, project.id), history.undo(other, project.id)))
        app._check_outside_changes()
        await settle(pilot)
        await press(pilot, "escape")
        for digit, _mode, _title, ref in app.SCREEN_LIST:
            await press(pilot, digit)
            keys = [b.key.split(",")[0] for b in ref.load().BINDINGS if "screen" not in b.action]
            for key in keys:
                if key in ("q", "o", "U", "ctrl+y"):
                    continue
                await press(pilot, key)
                assert app.is_running, (digit, key)
                while app.screen is not app.screen_stack[0]:
                    await press(pilot, "escape")
            assert "Gone soon' is gone" in screen_text(app), digit
        assert "Traceback" not in notes(app) and "None" not in notes(app), notes(app)


async def test_one_u_does_not_take_a_whole_imported_plan_away_unasked(store):
    """An import is one entry that creates the project with all its tasks: u right after it (to
    undo "the last edit") removed the whole plan, and the next change in any project made that
    for good."""
    from pmtui.app import PmtuiApp
    from pmtui.screens.dialogs import ConfirmScreen
    from pmtui.services.demo import create_demo
    from pmtui.services.tasks import get_plan

    project = create_demo(store)  # one entry, as an import is
    app = PmtuiApp(store, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tasks = len(app.plan.tasks)
        await press(pilot, "u")
        assert isinstance(app.screen, ConfirmScreen)
        assert f"removes project {project.name!r} and its {tasks} tasks" in app.screen.question
        await press(pilot, "n")
        assert app.plan is not None and len(get_plan(store, project.id).tasks) == tasks
        assert "Nothing undone" in notes(app)
        await press(pilot, "u", "y")
        assert app.plan is None and "is gone: U brings it back" in notes(app)
        await press(pilot, "escape", "U")
        assert app.plan is not None and len(app.plan.tasks) == tasks


async def test_a_yes_to_undo_an_import_undoes_nothing_else(store, db_path):
    """The question may stay open a long time: a task added in another terminal meanwhile was the
    last action when the answer came, and "y" undid that task, not the import it was asked about."""
    from pmtui.app import PmtuiApp
    from pmtui.screens.dialogs import ConfirmScreen
    from pmtui.services.demo import create_demo
    from pmtui.services.tasks import add_task, get_plan

    project = create_demo(store)
    app = PmtuiApp(store, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tasks = len(app.plan.tasks)
        await press(pilot, "u")
        assert isinstance(app.screen, ConfirmScreen)

        elsewhere(db_path, lambda other: add_task(other, project.id, "Added while asked"))
        await press(pilot, "y")
        assert "the project changed while you were asked" in notes(app)
        names = [t.name for t in get_plan(store, project.id).tasks]
        assert len(names) == tasks + 1 and "Added while asked" in names
        assert app.plan is not None and app.plan.project.id == project.id


async def test_the_project_list_marks_the_current_project_when_none_is_open(store):
    """After u took back the open project's creation, the list that opened (and o later) marked
    no project with ●, though the database's current one (the one `pmtui` opens next) was there."""
    from pmtui.app import PmtuiApp
    from pmtui.services import projects
    from tests.conftest import MONDAY

    projects.create_project(store, "Kept", MONDAY)
    projects.create_project(store, "Gone soon", MONDAY)
    app = PmtuiApp(store, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.plan.project.name == "Gone soon"
        await press(pilot, "u", "y")
        assert app.plan is None and isinstance(app.screen, ProjectSwitcher)
        assert [p.name for p, _n, cur in list_projects(store) if cur] == ["Kept"]

        def shown() -> list[str]:
            ol = app.screen.query_one("#project-list")
            return [str(ol.get_option_at_index(i).prompt) for i in range(ol.option_count)]

        assert shown() == ["● Kept  (0 tasks, starts 2027-01-04)"]
        assert app.screen.query_one("#project-list").highlighted == 0
        await press(pilot, "escape", "o")
        assert isinstance(app.screen, ProjectSwitcher)
        assert shown() == ["● Kept  (0 tasks, starts 2027-01-04)"]


async def test_the_open_project_purged_by_the_cli_is_not_said_to_come_back(store, db_path):
    """`pmtui project delete NAME --purge` in another terminal, of the project on screen: the app
    said its creation had been undone and that U brought it back, where nothing can."""
    from pmtui.app import PmtuiApp
    from pmtui.services import projects

    project = await _gone_soon(store)
    app = PmtuiApp(store, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        def purge(other):
            projects.delete_project(other, project.id)
            projects.purge_projects(other, [project.id])

        _elsewhere(db_path, purge)
        app._check_outside_changes()
        await settle(pilot)
        said = notes(app)
        assert "Project 'Gone soon' is gone: the CLI deleted it for good" in said
        assert "undid its creation" not in said and "brings it back" not in said
        await press(pilot, "escape")
        text = screen_text(app)
        lines = [line.strip() for line in text.splitlines()]
        at = lines.index("Project 'Gone soon' is gone: the CLI deleted it for good.")
        assert lines[at + 1] == "o opens or creates a project"
        assert "U brings" not in text and "u brings" not in text


async def test_a_change_found_while_quitting_with_no_project_open_is_let_be(store, db_path):
    """A purge elsewhere changed the journal as the app (its project gone) was quitting: the
    change, handled once the screens were gone, ended the app in a traceback."""
    from pmtui.app import PmtuiApp
    from pmtui.messages import ProjectsChanged
    from pmtui.services import projects

    project = await _gone_soon(store)
    app = PmtuiApp(store, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _elsewhere(db_path, lambda other: projects.delete_project(other, project.id))
        app._check_outside_changes()
        await settle(pilot)
        assert app._gone is not None
    assert not app.screen_stack
    app._projects_changed(ProjectsChanged(seen=(0, 0)))  # as it arrives after the last screen went


async def test_letters_that_do_nothing_in_the_switcher_do_not_let_the_rest_run(make_app):
    # "o" then a blocker's words meant for another screen's bar: "b", "w", "a", "i", "t" did nothing
    # in the switcher, "n" opened the new project's form and the rest was typed in as its name.
    # The keys of the burst behind the first that did nothing are not run, and said.
    from tests.tui.test_wbs import burst

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "o", "b", "w", "a", "i", "t", "i", "n", "g", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ProjectSwitcher) and app.screen.mode is None
        assert app.plan.project.name == "CRM migration"
        # said once the burst is over (BURST_GAP): waited for, as a timer is late under load
        said = "Not run, typed right behind b (which did nothing): waiting⏎"
        assert await until(pilot, lambda: said in notes(app))
        await press(pilot, "n")  # typed after a pause: a command again
        assert app.screen.mode == "new"


async def test_a_key_typed_after_a_refusal_runs_and_one_typed_before_it_does_not(make_app):
    # The keys dropped behind a key that did nothing are those already typed when it was refused
    # (queued behind it: one SSH packet, a tmux send-keys, a burst read while the app was busy).
    # A key typed once the refusal was shown is the typist's answer to it: a PM who pressed z
    # for 2 and pressed 2 half a second later lost the 2 (it was in the same 1-second burst).
    from tests.tui.test_wbs import burst

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "z", "2")  # typed at once: the 2 was typed before z was found to do nothing
        await settle(pilot)
        assert app.current_mode == "wbs"
        said = "Not run, typed right behind z (which did nothing): 2"
        assert await until(pilot, lambda: said in notes(app))

        await pilot.pause(1.2)  # a burst of its own
        burst(app, "z")
        await settle(pilot)
        assert app._refused is not None  # (the refusal is shown: its drop is still on)
        await pilot.pause(0.6)  # the correction, well within a second of the z
        burst(app, "2")
        await settle(pilot)
        assert app.current_mode == "gantt"
        await pilot.pause(1.2)
        assert notes(app).count("Not run") == 1


def typed_after(app, key: str, seconds: float) -> None:
    """``key`` typed ``seconds`` after the key before it, however long the test took in between
    (under load a settle alone took more than the half second after which a key answers a
    refusal, and "o" opened the projects)."""
    from textual import events

    event = events.Key(key, key)
    event.time = app._typed_at + seconds
    event.set_sender(app)
    app._driver.send_message(event)


async def test_keys_typed_on_blind_after_a_refusal_are_dropped_though_read_after_it(make_app):
    # A typist at 80-150 ms a key does not see a warning before typing on: "z" then "open" read
    # one key at a time, each after z was refused, ran o (the projects) while the rule dropped
    # only keys read before the refusal. Less than half a second behind the key before, a key is
    # typed blind; after a longer pause it is an answer to the warning and runs.
    from tests.tui.test_wbs import burst

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "z")
        await settle(pilot)
        assert app._refused is not None
        for key in "open":
            typed_after(app, key, 0.1)
            await settle(pilot)
        assert app.current_mode == "wbs" and not app.screen.is_modal
        said = "Not run, typed right behind z (which did nothing): open"
        assert await until(pilot, lambda: said in notes(app))
        await pilot.pause(0.6)
        burst(app, "2")
        await settle(pilot)
        assert app.current_mode == "gantt"


async def test_keys_typed_behind_the_digit_of_a_screen_not_shown_yet_are_its(make_app):
    # The Gantt is composed the first time 2 is pressed, after the binding of the 2: "2/kick"
    # typed at once (the Gantt's search for a task) ran the / on the Gantt before its bar had
    # the focus, and the letters behind it as its commands (k moved the cursor, i, c and k
    # did nothing or worse), on a 2,000-task plan "/Task" toggled the theme (T).
    from tests.tui.test_wbs import burst

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        theme = app.theme
        burst(app, "2", "slash", "T", "e", "s", "t", "i", "n", "g", "enter")
        await settle(pilot)
        assert app.current_mode == "gantt" and app.theme == theme
        assert app.plan.by_id[app.selected_task_id].name == "Testing"  # found, as typed
        assert "Not run" not in notes(app)


async def test_keys_held_for_a_dialog_keep_the_time_they_were_typed(make_app):
    # Keys typed behind a key that opens a dialog are held until it is up and then handled as
    # copies; a copy is stamped when it is made, and so looked typed after a refusal among them.
    from textual import events

    from pmtui.widgets.held_keys import copy_key

    key = events.Key("x", "x")
    key.time -= 5.0
    assert copy_key(key).time == key.time


async def test_a_second_u_typed_behind_the_first_does_not_ask_twice(store):
    """u right after an import asks before taking the whole plan away; a second u typed before
    the question was up ran another undo, which asked again: two questions, one behind the
    other, and "n" to the first left the second. Keys behind u wait for its answer."""
    from pmtui.app import PmtuiApp
    from pmtui.screens.dialogs import ConfirmScreen
    from pmtui.services.demo import create_demo
    from tests.tui.test_wbs import burst

    create_demo(store)  # one entry, as an import is
    app = PmtuiApp(store, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "u", "u")
        await settle(pilot)
        assert sum(isinstance(s, ConfirmScreen) for s in app.screen_stack) == 1
        await press(pilot, "n")
        assert not isinstance(app.screen, ConfirmScreen) and app.plan is not None
        burst(app, "u", "y")  # the answer typed ahead of the question is its
        await settle(pilot)
        assert app.plan is None and "is gone: U brings it back" in notes(app)


async def test_spaces_dropped_behind_a_refused_space_are_named(make_app):
    # space on a task with nothing under it is refused; a second space typed right behind it was
    # said as "Not run, typed right behind   (which did nothing):  ", blanks where the keys were.
    from tests.tui.test_wbs import burst

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "down")  # 1.1, a task with no tasks under it
        burst(app, "space", "space")
        await settle(pilot)
        said = "Not run, typed right behind space (which did nothing): space"
        assert await until(pilot, lambda: said in notes(app)), notes(app)
        await pilot.pause(1.2)  # a burst of its own
        burst(app, "space", "space", "k")
        await settle(pilot)
        said = 'Not run, typed right behind space (which did nothing): " k"'
        assert await until(pilot, lambda: said in notes(app)), notes(app)
