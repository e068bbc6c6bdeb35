"""Stages used only by the Dask tests (imported on the workers by "module:factory" name)."""
from __future__ import annotations

import os

CRASH_WORD = "MATIKAN-PEKERJA"


def make_crash_once():
    """Kills its worker process the first time it sees CRASH_WORD (the marker file remembers)."""
    marker = os.environ["WARTA_TEST_CRASH_MARKER"]

    def stage(article):
        if CRASH_WORD in article.raw and not os.path.exists(marker):
            with open(marker, "w") as f:
                f.write(str(os.getpid()))
            os._exit(1)  # like the OOM killer: no exception, no cleanup
        return article

    return stage
