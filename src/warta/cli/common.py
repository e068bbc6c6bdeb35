"""What every command shares: error handling (one line, traceback only with --debug), options."""
from __future__ import annotations

import os
import sys
import traceback

import click
import typer

from ..problems import EXIT_ERROR


class UserError(Exception):
    """An error to show the user as one line (no traceback), e.g. a bad query or a missing file."""


DEBUG_ENV = "WARTA_DEBUG"


def debug_enabled() -> bool:
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def run_app(app: typer.Typer) -> int:
    argv = sys.argv[1:]
    if "--debug" in argv:  # a global flag, accepted anywhere on the line
        argv = [a for a in argv if a != "--debug"]
        os.environ[DEBUG_ENV] = "1"
    try:
        result = app(args=argv, prog_name="warta", standalone_mode=False)
        return int(result or 0)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        print("warta: aborted", file=sys.stderr)
        return EXIT_ERROR
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except KeyboardInterrupt:
        print("warta: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `warta extract ... | head`: the reader went away; that is not an error.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:
            pass
        return 0
    except Exception as exc:  # noqa: BLE001 - the one place that turns errors into a line
        if debug_enabled():
            traceback.print_exc()
        else:
            msg = str(exc) if isinstance(exc, UserError) else f"{type(exc).__name__}: {exc}"
            print(f"warta: error: {msg} (run with --debug for details)"
                  if not isinstance(exc, UserError) else f"warta: error: {msg}", file=sys.stderr)
        return EXIT_ERROR


QuietOpt = typer.Option(False, "--quiet", "-q", help="No progress bar.")
DbOpt = typer.Option("warta.db", "--db", help="Database: a SQLite file path (default warta.db) or a postgresql:// URL.")
