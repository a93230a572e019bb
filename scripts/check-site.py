#!/usr/bin/env python3
"""Checks a built portal in a real browser (headless Chromium through selenium): axe-core on the main
pages in both languages and both colour schemes (no violation of impact serious or critical), and the
reader's behaviours that need JavaScript (search keeps its query in the URL, GAP filters keep theirs).

    scripts/check-site.py public/

Needs Debian's chromium and chromium-driver, and `pip install selenium axe-selenium-python`
(`make check-site` installs them).
"""
import json
import os
import sys
from urllib.parse import quote

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from axe_selenium_python import Axe


def pages(site):
    """The main pages of every kind, in both languages."""
    found = []
    for lang in ("fr", "en"):
        found += [f"{lang}/index.html", f"{lang}/portfolio/index.html", f"{lang}/search/index.html", f"{lang}/gaps/index.html"]
        projects = os.path.join(site, lang, "projects")
        for project in sorted(os.listdir(projects))[:1]:
            found.append(f"{lang}/projects/{project}/index.html")
            entries = sorted(os.listdir(os.path.join(projects, project)))
            audits = [e for e in entries if e not in ("gaps", "index.html", "feed.xml")]
            if audits:
                found.append(f"{lang}/projects/{project}/{audits[-1]}/index.html")
            gaps = sorted(os.listdir(os.path.join(projects, project, "gaps"))) if "gaps" in entries else []
            if gaps:
                found.append(f"{lang}/projects/{project}/gaps/{gaps[0]}/index.html")
    return found


def browser():
    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main():
    site = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "public")
    driver = browser()
    failures = []
    try:
        for scheme in ("light", "dark"):
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
            for page in pages(site):
                driver.get("file://" + os.path.join(site, page))
                axe = Axe(driver)
                axe.inject()
                results = axe.run()
                serious = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
                for v in serious:
                    targets = [n["target"] for n in v["nodes"][:3]]
                    failures.append(f"{scheme} {page}: {v['id']} ({v['impact']}) {v['help']} — {targets}")
                print(f"axe {scheme:5} {page}: {len(results['violations'])} violations, {len(serious)} serious or critical")
        # Search keeps its query in the URL; GAP filters keep theirs.
        driver.get("file://" + os.path.join(site, "fr/search/index.html") + "?q=" + quote("sauvegarde"))
        results = driver.find_elements(By.CSS_SELECTOR, "#search-results li")
        if not results:
            failures.append("search: ?q=sauvegarde gives no result")
        field = driver.find_element(By.ID, "search-input")
        field.clear()
        field.send_keys("tls")
        if "q=tls" not in driver.current_url:
            failures.append(f"search: the URL does not keep the query ({driver.current_url})")
        driver.get("file://" + os.path.join(site, "fr/gaps/index.html") + "?severity=critical")
        shown = [r for r in driver.find_elements(By.CSS_SELECTOR, "#gap-table tbody tr[data-severity]") if r.is_displayed()]
        if not shown or any(r.get_attribute("data-severity") != "critical" for r in shown):
            failures.append("GAP index: ?severity=critical does not filter the table")
    finally:
        driver.quit()
    for failure in failures:
        print("FAIL", failure)
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
