"""The text format is readable Dutch for a teacher: verdict, quoted article, fix, sanctions."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.scenario import ROERMOND, WILLIBRORD, photo, situation


def test_text_verdict_quotes_the_article_and_says_what_to_change(run):
    data = situation(WILLIBRORD, "staff", "publish", "work", channel="instagram",
                     account="school", post={"media": [photo("unknown")]})
    result = run("check", "-", stdin=json.dumps(data))
    assert result.code == 1
    assert result.out.startswith("Oordeel: Niet toegestaan\n")
    assert "Artikel A.5: \"Het is voor medewerkers en leerlingen niet toegestaan" in result.out
    assert "Wat je kunt doen: Vraag eerst toestemming" in result.out
    assert "sancties.1:" in result.out


def test_text_verdict_can_be_english(run):
    data = situation(ROERMOND, "student", "use_social_media", "lesson")
    result = run("check", "-", "--lang", "en", stdin=json.dumps(data))
    assert result.out.startswith("Verdict: Not allowed\n")
    assert ("Possible measures, mildest first: waarschuwing, schorsing, verwijdering van "
            "school") in result.out


def test_the_installed_command_checks_a_situation_end_to_end(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(situation(ROERMOND, "student", "use_social_media", "lesson",
                                         permission={"granted_by": "teacher"})))
    done = subprocess.run([sys.executable, "-m", "protocolwijzer.cli", "check", str(path),
                           "--format", "json"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert json.loads(done.stdout)["verdict"] == "allowed"
