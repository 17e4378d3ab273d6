"""A fake Hugging Face Hub for tests and benchmarks: real HTTP on 127.0.0.1, fixture repos."""

from .repos import FIXTURES_ROOT, FixtureRepo, load_repos
from .server import FakeHub, RequestRecord

__all__ = ["FIXTURES_ROOT", "FakeHub", "FixtureRepo", "RequestRecord", "load_repos"]
