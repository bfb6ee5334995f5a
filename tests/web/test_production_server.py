"""The production server as deployed: the example environment file passes Django's deploy checks, and gunicorn
with traction.config.gunicorn, production settings and collectstatic's output serves the sign-in page with
the security headers and a hashed static file cached for a year, then stops cleanly on SIGTERM.

The server runs on an empty SQLite file: the pages checked here read nothing from the database, and
/health/ (which only asks the database to answer) says when the server is up.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_ENV = ROOT / "deploy/traction.env.example"
SECRETS = {
    "TRACTION_SECRET_KEY": "k" * 20 + "-Production-Only-" + "x9" * 20,
    "TRACTION_LISTENING_KEY": "bGlzdGVuaW5nLWtleS1mb3ItdGVzdHMtb25seS0wMDA=",
}


def example_environment(var_dir: Path) -> dict[str, str]:
    """deploy/traction.env.example with its placeholders filled in, its database and folders made local."""
    pairs = [
        line.split("=", 1) for line in EXAMPLE_ENV.read_text().splitlines() if re.match(r"[A-Z_]+=", line)
    ]
    values = {name: SECRETS.get(name, value) for name, value in pairs}
    assert not [v for v in values.values() if "<" in v and not v.startswith("postgres")], values
    values.pop("DATABASE_URL")  # the SQLite file under TRACTION_VAR_DIR
    return values | {
        "TRACTION_VAR_DIR": str(var_dir),
        "TRACTION_STATIC_ROOT": str(var_dir / "static"),
        "TRACTION_MEDIA_ROOT": str(var_dir / "media"),
    }


def process_environment(env: dict[str, str]) -> dict[str, str]:
    inherited = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TRACTION_") and k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return inherited | env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=process_environment(env),
        capture_output=True,
        text=True,
        timeout=180,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(port: int, path: str, *, https: bool = True) -> tuple[http.client.HTTPResponse, str]:
    """A request as the TLS proxy in front passes it on (unless ``https`` is off: then as plain HTTP)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": "traction.example.gov.uk"} | ({"X-Forwarded-Proto": "https"} if https else {})
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read().decode(errors="replace")
    connection.close()
    return response, body


def test_the_example_environment_passes_the_deploy_checks(tmp_path: Path) -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=example_environment(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    var_dir = tmp_path_factory.mktemp("production")
    env = example_environment(var_dir) | {
        "TRACTION_BIND": f"127.0.0.1:{free_port()}",
        "TRACTION_WEB_WORKERS": "1",
    }
    collected = manage("collectstatic", "--noinput", env=env)
    assert collected.returncode == 0, collected.stderr
    port = int(env["TRACTION_BIND"].rsplit(":", 1)[1])
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "python:traction.config.gunicorn",
        "traction.config.wsgi",
    ]
    log = (var_dir / "gunicorn.log").open("w")
    process = subprocess.Popen(command, cwd=var_dir, env=process_environment(env), stdout=log, stderr=log)
    try:
        wait_until_up(process, port, var_dir / "gunicorn.log")
        yield port, var_dir
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
        log.close()
    assert process.returncode == 0, (var_dir / "gunicorn.log").read_text()  # a clean, graceful stop


def wait_until_up(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + 90  # a loaded machine imports Django slowly; not a performance check
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            if get(port, "/health/")[0].status == 200:
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer: {log.read_text()}")


def test_the_sign_in_page_carries_the_security_headers(server: tuple[int, Path]) -> None:
    port, _ = server
    response, page = get(port, "/login/")
    assert response.status == 200 and "<h1>Sign in</h1>" in page
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Secure" in response.headers["Set-Cookie"] and "csrftoken" in response.headers["Set-Cookie"]


def test_plain_http_is_sent_to_https(server: tuple[int, Path]) -> None:
    port, _ = server
    response, _ = get(port, "/login/", https=False)
    assert response.status == 301
    assert response.headers["Location"] == "https://traction.example.gov.uk/login/"


def test_hashed_static_files_are_cached_for_a_year(server: tuple[int, Path]) -> None:
    port, var_dir = server
    manifest = json.loads((var_dir / "static/staticfiles.json").read_text())["paths"]
    hashed = manifest["core/traction.css"]
    assert hashed != "core/traction.css"
    assert f'href="/static/{hashed}"' in get(port, "/login/")[1]  # pages link the hashed name
    response, _ = get(port, f"/static/{hashed}")
    assert response.status == 200 and response.headers["Content-Type"].startswith("text/css")
    cache = response.headers["Cache-Control"]
    max_age = re.search(r"max-age=(\d+)", cache)
    assert "immutable" in cache and max_age and int(max_age[1]) >= 365 * 24 * 3600
