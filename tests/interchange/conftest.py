from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def mpxj_reader():
    """MPXJ's UniversalProjectReader, with the JVM started once for the whole session."""
    jpype = pytest.importorskip("jpype")
    pytest.importorskip("mpxj")
    if not jpype.isJVMStarted():
        jpype.startJVM()
    from org.mpxj.reader import UniversalProjectReader  # type: ignore[import-not-found]

    return UniversalProjectReader
