"""Run this process as a multiprocessing helper when that is what it was started as.

The batch audit (core/batch.py) spawns workers by re-running the executable with
multiprocessing's own arguments: ``--multiprocessing-fork ...`` for a worker, and, on
Linux, ``-c "from multiprocessing.resource_tracker import main..."`` for the resource
tracker. PyInstaller's run-time hook for multiprocessing answers both, but it imports
multiprocessing (and socket, pickle, selectors...) at every start: ~20 ms before the
window can begin. The windowed executable leaves that hook out (build.spec) and calls
``divert_if_child`` first instead, which looks at ``sys.argv`` and imports nothing for
a normal start. The logic follows PyInstaller's hook (Apache-2.0, PyInstaller
Development Team): same arguments recognised, same helper code run.
"""

from __future__ import annotations

import sys

_HELPER_COMMANDS = (
    "from multiprocessing.resource_tracker import main",
    "from multiprocessing.forkserver import main",
    "import sys; from multiprocessing.forkserver import main",
)


def helper_command(argv: list[str]) -> str | None:
    """The ``-c`` code of a resource-tracker/forkserver start, else None."""
    if "-c" not in argv[1:]:
        return None
    at = argv.index("-c", 1)
    command = argv[at + 1] if at + 1 < len(argv) else ""
    return command if command.startswith(_HELPER_COMMANDS) else None


def is_worker(argv: list[str]) -> bool:
    return argv[1:2] == ["--multiprocessing-fork"]


def divert_if_child(argv: list[str] | None = None) -> None:
    """Never returns when this process is a multiprocessing helper or worker."""
    argv = sys.argv if argv is None else argv
    command = helper_command(argv)
    if command is not None:
        import multiprocessing.resource_tracker  # noqa: F401  (the command imports from it)

        exec(command)  # the code multiprocessing itself asked this process to run
        sys.exit()
    if is_worker(argv):
        import multiprocessing.spawn

        options: dict[str, int | None] = {}
        for arg in argv[2:]:
            name, _, value = arg.partition("=")
            options[name] = None if value == "None" else int(value)
        multiprocessing.spawn.spawn_main(**options)  # type: ignore[arg-type]
        sys.exit()
