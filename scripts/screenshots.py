"""The user guide's pictures, taken from the demo as a person sees it: ``make screenshots``.

A fresh SQLite database in a temporary folder gets the demo (``manage.py load_demo``); the development server
serves it on a free loopback port; Debian's chromium (through Playwright) signs in as the demo's secretary,
then its facilitator, and photographs the pages the guide describes at 1280 CSS pixels wide (and the
navigation at 320). The pictures go to docs/images/ (PNG, the first screen of each page, not the whole
page), each replacing the one before; the guide links them with their alt text. Nothing else is written.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "traction-demo-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url}")


def demo_urls(env: dict[str, str]) -> dict[str, str]:
    """The pages to photograph, found in the demo just loaded (ids differ from one load to the next)."""
    code = """
import django, json
django.setup()
from django.db.models import Count
from django.urls import reverse
from traction.core.models import Partnership
from traction.governance.models import Body, Meeting
from traction.workshop.models import ProblemTree
p = Partnership.objects.get(slug="riverside")
meeting = Meeting.objects.filter(partnership=p).annotate(n=Count("items")).order_by("-n", "pk").first()
body = Body.objects.filter(partnership=p).annotate(n=Count("meetings")).order_by("-n", "pk").first()
tree = ProblemTree.objects.filter(partnership=p).order_by("pk").first()
s = {"slug": p.slug}
print(json.dumps({
    "meeting": reverse("governance:meeting-detail", kwargs={**s, "pk": meeting.pk}),
    "items": reverse("governance:agendaitem-create-many", kwargs={**s, "pk": meeting.pk}),
    "mine": reverse("governance:my-actions", kwargs=s),
    "actions": reverse("governance:action-list", kwargs=s),
    "profile": reverse("diagnosis:body-profile", kwargs={**s, "pk": body.pk}),
    "tree": reverse("workshop:tree-detail", kwargs={**s, "pk": tree.pk}),
    "dashboard": reverse("governance:dashboard", kwargs=s),
}))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    import json

    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def shoot(page: Any, name: str) -> None:
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(IMAGES / f"{name}.png"))
    print(f"docs/images/{name}.png")


def sign_in(page: Any, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def main() -> None:
    from playwright.sync_api import sync_playwright

    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{Path(tmp) / 'demo.sqlite3'}",
            "TRACTION_DEBUG": "1",
            "TRACTION_MEDIA_ROOT": str(Path(tmp) / "media"),
            "PYTHONPATH": str(ROOT / "src"),
            "DJANGO_SETTINGS_MODULE": "traction.config.settings",
        }
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo", "-v", "0")
        urls = demo_urls(env)
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/login/")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
                take(browser, base, urls)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


def take(browser: Any, base: str, urls: dict[str, str]) -> None:
    def session(username: str, width: int, height: int, steps: Callable[[Any], None]) -> None:
        context = browser.new_context(base_url=base, viewport={"width": width, "height": height})
        page = context.new_page()
        sign_in(page, username)
        steps(page)
        context.close()

    def secretary(page: Any) -> None:
        page.goto(urls["dashboard"])
        shoot(page, "dashboard")
        page.goto(urls["mine"])
        shoot(page, "my-actions")
        page.goto(urls["items"])
        page.get_by_label("Title").first.fill("Better Care Fund plan 2026/27")
        shoot(page, "agenda-items")
        page.goto(urls["meeting"])
        opener = page.locator("summary", has_text="Record an action").first
        opener.click()
        page.evaluate("element => element.scrollIntoView({block: 'start'})", opener.element_handle())
        shoot(page, "meeting-inline-action")
        page.goto(urls["profile"])
        shoot(page, "diagnosis-profile")

    def facilitator(page: Any) -> None:
        page.goto(urls["tree"])
        grow = page.locator("summary", has_text="Add a cause").first
        grow.click()
        page.evaluate("element => element.scrollIntoView({block: 'center'})", grow.element_handle())
        shoot(page, "problem-tree-add-a-cause")

    def small_screen(page: Any) -> None:
        page.goto(urls["actions"])
        page.get_by_role("button", name="Menu").click()
        shoot(page, "menu-320")

    session("secretary", 1280, 800, secretary)
    session("facilitator", 1280, 800, facilitator)
    session("secretary", 320, 640, small_screen)


if __name__ == "__main__":
    main()
