"""Shared test helpers: where the repo, its examples and the (optional) shared data are."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "sample"
SHARED_DATA = Path(os.environ.get("WARTA_SHARED_DATA", REPO.parent / "shared" / "data"))
WARTA = [sys.executable, "-m", "warta"]


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        pytest.skip(f"shared data not found at {SHARED_DATA} (set WARTA_SHARED_DATA to run this test)")
    return SHARED_DATA
