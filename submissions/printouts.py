"""The print menu of an entry's page.

Submissions sits below the documents, so it does not import them: the reports app tells it at
start-up (``ReportsConfig.ready``) which documents print each kind of entry.
"""

_providers = []


def provide(documents_for_kind) -> None:
    """Register a callable: kind slug → [(title, document slug)]."""
    if documents_for_kind not in _providers:
        _providers.append(documents_for_kind)


def printouts(kind_slug: str) -> list[tuple[str, str]]:
    return [item for provider in _providers for item in provider(kind_slug)]
