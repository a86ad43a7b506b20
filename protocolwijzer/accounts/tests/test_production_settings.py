from __future__ import annotations

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_the_documented_production_settings_pass_django_deploy_check(tmp_path: Path) -> None:
    """What README tells an operator to set is enough for ``check --deploy``."""
    alphabet = string.ascii_letters + string.digits + "!#%&()*+-.:;<=>?@^_~"
    # Only the variables of the example: nothing from the developer's environment or from
    # other tests (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE, which the check flags).
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    env.update({
        "PW_SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(50)),
        "PW_SSL_REDIRECT": "true",
        "PW_HSTS_SECONDS": "31536000",
        "PW_ALLOWED_HOSTS": "protocolwijzer.example.nl",
        "PW_DATA_DIR": str(tmp_path),
    })
    command = Path(sys.executable).with_name("protocolwijzer")

    result = subprocess.run([str(command), "manage", "check", "--deploy"], env=env,
                            capture_output=True, text=True, timeout=120, check=False)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout, result.stdout + result.stderr
