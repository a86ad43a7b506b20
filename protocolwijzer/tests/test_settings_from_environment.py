import pytest
from django.core.exceptions import ImproperlyConfigured

from protocolwijzer.settings import database_from_url, env_bool, env_int, env_list, env_secret


def test_a_postgres_url_becomes_a_database_entry_with_decoded_parts() -> None:
    database = database_from_url("postgres://pw:s%40cret%2F1@db.example.nl:6543/protocolwijzer"
                                 "?sslmode=require")

    assert database == {
        "ENGINE": "django.db.backends.postgresql", "NAME": "protocolwijzer", "USER": "pw",
        "PASSWORD": "s@cret/1", "HOST": "db.example.nl", "PORT": "6543",
        "OPTIONS": {"sslmode": "require"},
    }


def test_a_postgres_url_without_port_or_password_leaves_them_empty() -> None:
    database = database_from_url("postgresql://pw@localhost/pw")

    assert (database["PASSWORD"], database["PORT"], database["HOST"]) == ("", "", "localhost")


def test_a_sqlite_url_names_the_file() -> None:
    assert database_from_url("sqlite:////srv/pw/db.sqlite3")["NAME"] == "/srv/pw/db.sqlite3"


@pytest.mark.parametrize("url", ["mysql://u:p@h/db", "postgres://u:p@h:port/db",
                                 "postgres://u:p@h/"])
def test_a_database_url_that_cannot_be_used_is_refused(url: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        database_from_url(url)


def test_yes_no_values_are_read_strictly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PW_X", "Yes")
    assert env_bool("PW_X") is True
    monkeypatch.setenv("PW_X", "0")
    assert env_bool("PW_X", True) is False
    monkeypatch.delenv("PW_X")
    assert env_bool("PW_X", True) is True
    monkeypatch.setenv("PW_X", "maybe")
    with pytest.raises(ImproperlyConfigured, match="PW_X"):
        env_bool("PW_X")


def test_numbers_and_lists_are_read_from_the_environment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PW_N", "42")
    monkeypatch.setenv("PW_L", " a.example.nl, ,b.example.nl ")
    assert env_int("PW_N", 0) == 42
    assert env_list("PW_L") == ["a.example.nl", "b.example.nl"]
    monkeypatch.setenv("PW_N", "veel")
    with pytest.raises(ImproperlyConfigured, match="PW_N"):
        env_int("PW_N", 0)


def test_a_secret_may_come_from_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    secret_file = tmp_path / "secret"
    secret_file.write_text("from-the-file\n", encoding="utf-8")
    monkeypatch.setenv("PW_S", "from-the-variable")
    assert env_secret("PW_S") == "from-the-variable"
    monkeypatch.setenv("PW_S_FILE", str(secret_file))
    assert env_secret("PW_S") == "from-the-file"
    monkeypatch.setenv("PW_S_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="PW_S_FILE"):
        env_secret("PW_S")
