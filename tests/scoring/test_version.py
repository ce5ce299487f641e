"""One version helper, for the command line and the report footer."""
from importlib.metadata import PackageNotFoundError

from scoring import version
from scoring.version import package_version


def test_the_installed_distribution_version():
    v = package_version()
    assert v != "unknown" and v[0].isdigit()


def test_not_installed_gives_the_fallback(monkeypatch):
    def missing(name):
        raise PackageNotFoundError(name)

    monkeypatch.setattr(version, "version", missing)
    assert package_version() == "unknown"
    assert package_version(missing="dev") == "dev"
