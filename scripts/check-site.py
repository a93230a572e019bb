#!/usr/bin/env python3
"""Checks a built portal in a real browser (headless Chromium through selenium): axe-core on the main
pages in both languages and both colour schemes (no violation of impact serious or critical), and the
reader's behaviours that need JavaScript (search keeps its query in the URL, GAP filters keep theirs).

    scripts/check-site.py public/

Needs Debian's chromium and chromium-driver, and `pip install selenium axe-selenium-python`
(`make check-site` installs them).
"""
import base64
import json
import os
import sys
from urllib.parse import quote

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
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
        # Search: results grouped by kind, a facet narrows them and goes into the URL, the query is kept
        # in the URL, a result opens its page. GAP filters keep their state in the URL too.
        wait = WebDriverWait(driver, 10)
        driver.get("file://" + os.path.join(site, "fr/search/index.html") + "?q=" + quote("sécurité"))
        try:
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))
        except Exception:
            failures.append("search: ?q=sécurité gives no result")
        groups = driver.find_elements(By.CSS_SELECTOR, "#search-results section h3")
        if len(groups) < 2:
            failures.append(f"search: results are not grouped by kind ({[g.text for g in groups]})")
        kind = Select(driver.find_element(By.CSS_SELECTOR, "select[data-facet=kind]"))
        if len(kind.options) > 1:
            kind.select_by_index(1)
            if "kind=" not in driver.current_url:
                failures.append(f"search: the chosen facet is not in the URL ({driver.current_url})")
            if len(driver.find_elements(By.CSS_SELECTOR, "#search-results section h3")) != 1:
                failures.append("search: a kind facet leaves other kinds shown")
        else:
            failures.append("search: no kind facet offered")
        field = driver.find_element(By.ID, "search-input")
        field.clear()
        field.send_keys("tls")
        if "q=tls" not in driver.current_url:
            failures.append(f"search: the URL does not keep the query ({driver.current_url})")
        driver.get("file://" + os.path.join(site, "fr/search/index.html") + "?q=" + quote("sauvegarde"))
        try:
            first = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li a"))[0]
            target = first.get_attribute("href")
            first.click()
            wait.until(lambda d: "/search/" not in d.current_url)
            if not driver.find_elements(By.CSS_SELECTOR, "main h1"):
                failures.append(f"search: the first result ({target}) does not open a page")
        except Exception as error:
            failures.append(f"search: cannot open a result ({error})")
        # The language switcher leads to the same page in the other language.
        driver.get("file://" + os.path.join(site, "fr/gaps/index.html"))
        switch = [a for a in driver.find_elements(By.CSS_SELECTOR, "a[hreflang=en], .lang-switcher a") if "/en/" in (a.get_attribute("href") or "")]
        if not switch:
            failures.append("language switcher: no link to the English page")
        else:
            switch[0].click()
            if "/en/gaps/" not in driver.current_url:
                failures.append(f"language switcher: leads to {driver.current_url}")
        driver.get("file://" + os.path.join(site, "fr/gaps/index.html") + "?severity=critical")
        shown = [r for r in driver.find_elements(By.CSS_SELECTOR, "#gap-table tbody tr[data-severity]") if r.is_displayed()]
        if not shown or any(r.get_attribute("data-severity") != "critical" for r in shown):
            failures.append("GAP index: ?severity=critical does not filter the table")
        # Choosing a filter puts it in the URL, and a reload keeps it.
        driver.get("file://" + os.path.join(site, "fr/gaps/index.html"))
        Select(driver.find_element(By.CSS_SELECTOR, "#gap-filters select[name=status]")).select_by_value("open")
        if "status=open" not in driver.current_url:
            failures.append(f"GAP index: choosing a status does not go into the URL ({driver.current_url})")
        driver.refresh()
        shown = [r for r in driver.find_elements(By.CSS_SELECTOR, "#gap-table tbody tr[data-severity]") if r.is_displayed()]
        if not shown or any(r.get_attribute("data-status") != "open" for r in shown):
            failures.append("GAP index: a reload loses the status filter")
        # Print: the navigation is gone, the report remains; a PDF is written for a person to look at.
        audit = next(p for p in pages(site) if p.startswith("fr/projects/") and "/gaps/" not in p and p.count("/") == 4)
        driver.get("file://" + os.path.join(site, audit))
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print", "features": []})
        header = driver.find_elements(By.CSS_SELECTOR, ".site-header")
        if header and header[0].value_of_css_property("display") != "none":
            failures.append("print: the site header is printed")
        if not driver.find_element(By.CSS_SELECTOR, "main").is_displayed():
            failures.append("print: the report itself is hidden")
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
        shots = os.environ.get("CHECK_SITE_SHOTS")
        if shots:
            os.makedirs(shots, exist_ok=True)
            pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
            with open(os.path.join(shots, "audit-print.pdf"), "wb") as f:
                f.write(base64.b64decode(pdf["data"]))
            for width in (1280, 360):
                for scheme in ("light", "dark"):
                    driver.set_window_size(width, 900)
                    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
                    for page in pages(site)[:7]:
                        driver.get("file://" + os.path.join(site, page))
                        name = page.replace("/", "_").replace("_index.html", "").replace("index.html", "home")
                        driver.save_screenshot(os.path.join(shots, f"{width}-{scheme}-{name}.png"))
            print(f"screenshots and a printed audit in {shots}")
    finally:
        driver.quit()
    for failure in failures:
        print("FAIL", failure)
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
