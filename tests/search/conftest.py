import pytest


@pytest.fixture(autouse=True)
def _drain_on_save(monkeypatch):
    """Tests run inside one transaction that never commits, so commit hooks
    would never fire; drain the search outbox right away instead, as the
    commit would."""
    from search import indexing

    monkeypatch.setattr(
        indexing.transaction, "on_commit", lambda func, using=None, robust=False: func()
    )
