"""The pipeline lives as long as the process: loading it freezes it (and what was loaded
before it) out of the garbage collector's full collections, which otherwise go through all
of its objects again a few times in every run."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import gc
from lint_brieven import nlp
before = gc.get_freeze_count()
pipeline = nlp.pipeline()
tracked = {id(o) for o in gc.get_objects()}
print(gc.get_freeze_count() - before, id(pipeline) in tracked, id(pipeline.config) in tracked)
"""


def test_loading_the_pipeline_freezes_its_objects():
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout.split()
    frozen, pipeline_tracked, config_tracked = int(out[0]), out[1], out[2]
    assert frozen > 10_000
    assert pipeline_tracked == "False" and config_tracked == "False"
