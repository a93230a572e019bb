#!/usr/bin/env python3
"""Deterministic synthetic corpus of audit reports, for audit-site's tests and benchmark.

Writes a content folder that looks like a real audit portal: per project, a series of dated French
reports (a share also translated to English) whose facts evolve from one audit to the next: domain
scores drift, GAPs with stable IDs open, stay open, close and sometimes reopen. Reports mix the
styles real ones use (YAML front matter or an in-body date line, score tables, GAP tables, task
tables, checklists, priority sections, prose, code blocks), and a share of the files went through
the wrong code page once (UTF-8 read as Mac Roman or Windows-1252, then saved again as UTF-8).

    scripts/make-corpus.py --out /tmp/corpus --audits 1000 --projects 20 --truth /tmp/truth.json

Layout: OUT/<project>/<YYYY-MM-DD>-<kind>.<fr|en>.md. --audits counts files, translations included.
--truth writes, per file, what the report states (overall and domain scores, open GAPs with their
P1/P2/P3 level, GAPs listed as resolved), for tests to check the extraction against.
Same arguments, same bytes: only random.Random(--seed) and sorted iteration decide the output.
Python 3 standard library only.
"""
import argparse, datetime as dt, json, os, random, shutil, unicodedata

# (truth key, French label, English label): labels the reports write in their score tables.
DOMAINS = [("architecture", "Architecture", "Architecture"), ("security", "Sécurité", "Security"),
           ("devops", "DevOps", "DevOps"), ("monitoring", "Monitoring", "Monitoring"),
           ("documentation", "Documentation", "Documentation"), ("performance", "Performance", "Performance"),
           ("compliance", "Conformité", "Compliance"), ("cost", "Coût", "Cost"),
           ("code-quality", "Qualité de code", "Code quality"), ("infrastructure", "Infrastructure", "Infrastructure"),
           ("scalability", "Scalabilité", "Scalability")]
# Every pool below is a list of (French, English) pairs: a translation draws the same indexes.
FINDINGS = [
    ("Clés d'API jamais renouvelées", "API keys never rotated"),
    ("Sauvegardes sans test de restauration", "Backups without a restore test"),
    ("Journal d'accès conservé sept jours seulement", "Access log kept for seven days only"),
    ("Certificats TLS renouvelés à la main", "TLS certificates renewed by hand"),
    ("Images de conteneurs sans analyse de vulnérabilités", "Container images not scanned for vulnerabilities"),
    ("Alertes envoyées sur une boîte partagée", "Alerts sent to a shared mailbox"),
    ("Pas de limite de débit sur l'API publique", "No rate limit on the public API"),
    ("Mots de passe administrateur partagés", "Shared administrator passwords"),
    ("Dépendances obsolètes dans le frontal", "Outdated dependencies in the front end"),
    ("Migrations de schéma sans retour arrière", "Schema migrations without a way back"),
    ("Runbook d'astreinte incomplet", "Incomplete on-call runbook"),
    ("Recette partagée avec la production", "Acceptance environment shared with production"),
    ("Couverture de tests insuffisante sur le cœur métier", "Thin test coverage on the core domain"),
    ("Secrets présents dans l'historique Git", "Secrets present in Git history"),
    ("Aucune revue périodique des droits d'accès", "No periodic access rights review"),
    ("Temps de réponse p95 au-delà de l'objectif", "p95 response time above target"),
    ("Requêtes sans index sur les grosses tables", "Queries without an index on large tables"),
    ("Autoscaling désactivé sur les workers", "Autoscaling disabled on workers"),
    ("Coûts de stockage non suivis", "Storage costs not tracked"),
    ("Registre des traitements RGPD incomplet", "GDPR processing register incomplete"),
    ("Documentation d'architecture périmée", "Outdated architecture documentation"),
    ("Déploiements manuels le vendredi soir", "Manual deployments on Friday evenings"),
    ("Traces distribuées absentes", "Distributed traces missing"),
    ("En-têtes de sécurité HTTP manquants", "Missing HTTP security headers"),
    ("Base de données unique sans réplica", "Single database without a replica"),
    ("Ressources cloud orphelines", "Orphaned cloud resources"), ("Linter désactivé dans la CI", "Linter disabled in CI"),
    ("Plan de reprise après sinistre jamais exercé", "Disaster recovery plan never rehearsed"),
    ("Chiffrement au repos désactivé", "Encryption at rest disabled"),
    ("Budget cloud sans alerte de dépassement", "Cloud budget without an overrun alert"),
]
TASKS = [("Automatiser la rotation des secrets", "Automate secret rotation", "ops/rotate-secrets.sh"),
         ("Restaurer la base en environnement isolé", "Restore the database in an isolated environment", "runbooks/restore.md"),
         ("Brancher l'analyse d'images dans la CI", "Wire image scanning into CI", ".ci/scan-images.yml"),
         ("Rédiger le runbook d'astreinte", "Write the on-call runbook", "runbooks/on-call.md"),
         ("Ajouter les en-têtes CSP et HSTS", "Add CSP and HSTS headers", "gateway/headers.conf"),
         ("Mesurer le p95 des endpoints critiques", "Measure p95 of critical endpoints", "perf/report.html"),
         ("Supprimer les ressources orphelines", "Delete orphaned resources", "finops/cleanup.csv"),
         ("Mettre à jour le schéma d'architecture", "Update the architecture diagram", "docs/architecture.md"),
         ("Activer le linter bloquant", "Turn on the blocking linter", ".ci/lint.yml"),
         ("Configurer les alertes de budget", "Configure budget alerts", "finops/budgets.tf"),
         ("Versionner le contrat OpenAPI", "Version the OpenAPI contract", "api/openapi.yaml"),
         ("Exercer le plan de reprise", "Rehearse the recovery plan", "runbooks/dr-drill.md")]
TASK_STATUS = {"done": ("✅ Fait", "✅ Done"), "partial": ("⚠️ Partiel", "⚠️ Partial"), "open": ("❌ À faire", "❌ To do")}
CHECKS = [("Secrets hors du dépôt", "Secrets kept out of the repository"), ("Sauvegarde quotidienne vérifiée", "Daily backup verified"),
          ("Alertes routées vers l'astreinte", "Alerts routed to on-call"), ("Revue de code obligatoire", "Mandatory code review"),
          ("Dépendances scannées chaque semaine", "Dependencies scanned weekly"), ("Journal d'audit activé", "Audit log enabled"),
          ("Tests de charge avant chaque release", "Load tests before each release"), ("MFA pour les comptes cloud", "MFA on cloud accounts"),
          ("Étiquetage des coûts par équipe", "Cost tagging per team"), ("Mentions RGPD à jour", "GDPR notices up to date"),
          ("Objectifs de service publiés", "Service objectives published"), ("Procédure de retour arrière testée", "Rollback procedure tested")]
COMPONENTS = [("le service de facturation", "the billing service"), ("la passerelle d'API", "the API gateway"),
              ("le cluster de bases de données", "the database cluster"), ("la file de messages", "the message queue"),
              ("le frontal web", "the web front end"), ("la chaîne d'intégration", "the build pipeline"),
              ("le stockage objet", "the object storage"), ("l'annuaire des utilisateurs", "the user directory")]
SENTENCES = [
    ("Les entretiens avec l'équipe ont confirmé que {c} reste le point le plus sensible du périmètre.",
     "Interviews with the team confirmed that {c} remains the most sensitive part of the scope."),
    ("Nous avons relu {n} fichiers de configuration et rejoué les scripts de déploiement sur une copie.",
     "We read {n} configuration files and replayed the deployment scripts on a copy."),
    ("Pour {c}, la montée de version s'est faite sans interruption visible pour les utilisateurs.",
     "For {c}, the upgrade went through without any outage visible to users."),
    ("Pour {c}, les indicateurs sont suivis, mais personne n'est nommé pour réagir aux dérives.",
     "Metrics for {c} are collected, but nobody is named to act when they drift."),
    ("L'équipe a livré {n} changements depuis la dernière revue, dont la plupart en petites étapes.",
     "The team shipped {n} changes since the last review, most of them in small steps."),
    ("Une partie des constats tient à l'organisation plus qu'à la technique.",
     "Part of the findings are about organisation more than technology."),
    ("La dette accumulée sur {c} freine les évolutions demandées par le métier.",
     "The debt piled up on {c} slows down the changes the business asks for."),
    ("Un exercice de bascule sur {c} est prévu dans les {n} prochains jours.",
     "A failover drill on {c} is planned within the next {n} days."),
    ("Les coûts mensuels ont varié de {n} % sans que la cause soit documentée.",
     "Monthly costs moved by {n}% without the cause being written down."),
    ("Le dernier incident majeur sur {c} a été clos en {n} heures, post-mortem compris.",
     "The last major incident on {c} was closed in {n} hours, post-mortem included."),
    ("Sur {c}, les comptes techniques ont été inventoriés ; {n} d'entre eux étaient inutilisés.",
     "The technical accounts of {c} were listed; {n} of them were unused."),
    ("Les développeurs disposent d'un environnement local reproductible en une commande.",
     "Developers get a reproducible local environment with a single command."),
    ("Les revues de code sont systématiques, mais leurs commentaires restent rarement tracés.",
     "Code reviews always happen, but their comments are seldom kept."),
    ("Nous recommandons de confier {c} à une équipe clairement désignée.",
     "We recommend handing {c} to a clearly named team."),
]
PROJECT_WORDS = ["Cormoran", "Basalte", "Mistral", "Sequoia", "Lagune", "Cobalt", "Fjord", "Héron",
                 "Opale", "Granit", "Tamaris", "Ardoise", "Lichen", "Sirocco", "Pavot", "Oursin"]
PROJECT_KINDS = ["Billing", "Gateway", "Intranet", "Marketplace", "Backoffice", "Mobile", "Data Hub", "Booking"]
KINDS = [("full-audit", "Audit complet", "Full audit"), ("security-review", "Revue de sécurité", "Security review"),
         ("devops-audit", "Audit DevOps", "DevOps audit"), ("follow-up", "Audit de suivi", "Follow-up audit"),
         ("maturity-assessment", "Évaluation de maturité", "Maturity assessment")]
SEVERITY = {"P1": ("🔴 CRITIQUE", "🔴 CRITICAL"), "P2": ("🟠 HAUTE", "🟠 HIGH"), "P3": ("🟡 MOYENNE", "🟡 MEDIUM")}
GAP_STATUS = {"open": ("❌ Ouvert", "❌ Open"), "partial": ("⚠️ En cours", "⚠️ In progress"), "reopened": ("❌ Rouvert", "❌ Reopened")}
MONTHS_FR = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
MONTHS_EN = "January February March April May June July August September October November December".split()
DATE_LABEL_FR = "Date d'audit"  # ASCII apostrophe, as most editors type it
START = dt.date(2023, 1, 9)  # a Monday: audits of a project come in weekly steps from here
RESOLVED_WINDOW = 3  # a closed GAP is listed as resolved in this many of the project's following audits


def slugify(text):
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(ch if ch.isalnum() else " " for ch in plain).split())


class Project:
    """One audited project and the state its reports carry from one audit to the next."""

    def __init__(self, index, rng):
        name = f"{PROJECT_WORDS[index % 16]} {PROJECT_KINDS[(index + index // 16) % 8]}"  # unique below 128
        self.name = name if index < 128 else f"{name} {index // 128 + 1}"
        self.slug, self.index, self.audits = slugify(self.name), index, 0
        self.domains = sorted(rng.sample(range(len(DOMAINS)), rng.randint(6, len(DOMAINS))))
        self.targets = {d: rng.randint(50, 92) for d in self.domains}
        self.scores = {d: min(99, self.targets[d] + rng.randint(-15, 5)) for d in self.domains}
        self.previous = dict(self.scores)
        self.next_gap = (index + 1) * 100 + 1  # GAP numbers only ever grow, so IDs are never reused
        self.gaps = {}  # number -> [finding index, "P1".."P3", state, audit number it closed at]
        self.open = set()  # numbers of the GAPs not closed
        self.closed = {}  # number -> audit it closed at, for the GAPs closed in the last 20 audits
        self.tasks = {t: "open" for t in sorted(rng.sample(range(len(TASKS)), 7))}

    def evolve(self, rng):
        """Moves the project one audit forward: scores drift, GAPs progress, close, reopen or appear."""
        self.audits += 1
        self.previous = dict(self.scores)
        for d in self.domains:  # a random walk pulled towards the project's usual level, so it never saturates
            s = self.scores[d]
            self.scores[d] = min(99, max(20, s + rng.randint(-5, 5) + round((self.targets[d] - s) * 0.2)))
        for number in sorted(self.open):
            gap = self.gaps[number]
            roll = rng.random()
            if roll < 0.15 or (gap[2] == "partial" and roll < 0.35):
                gap[2], gap[3] = "closed", self.audits
                self.open.remove(number)
                self.closed[number] = self.audits
            elif roll < 0.35 and gap[2] != "partial":
                gap[2] = "partial"
        # Only recent fixes can fail again; older closed GAPs are forgotten, so the cost per audit stays flat.
        self.closed = {n: at for n, at in self.closed.items() if self.audits - at < 20}
        earlier = sorted(n for n, at in self.closed.items() if at < self.audits)  # reports have shown them fixed
        if earlier and rng.random() < 0.06:  # a fix that did not hold
            number = rng.choice(earlier)
            del self.closed[number]
            self.gaps[number][2] = "reopened"
            self.open.add(number)
        for _ in range(rng.randint(1, 4)):
            self.gaps[self.next_gap] = [rng.randrange(len(FINDINGS)), rng.choice(["P1", "P2", "P2", "P3", "P3"]), "open", 0]
            self.open.add(self.next_gap)
            self.next_gap += 1
        for t in self.tasks:
            if self.tasks[t] != "done" and rng.random() < 0.3:
                self.tasks[t] = rng.choice(["partial", "done"])
        if all(s == "done" for s in self.tasks.values()):  # a new batch of work once everything is done
            self.tasks = {t: "open" for t in sorted(rng.sample(range(len(TASKS)), 7))}

    def open_gaps(self):
        return [(n, self.gaps[n]) for n in sorted(self.open)]

    def resolved_gaps(self):
        """GAPs closed in the last few audits: reports list what was fixed since the previous ones."""
        return [(n, self.gaps[n]) for n, at in sorted(self.closed.items()) if self.audits - at < RESOLVED_WINDOW]


def badge(score):
    return "✅" if score >= 80 else ("⚠️" if score >= 60 else "❌")


def plural(n, one, many, fr):
    return one if n == 1 or (fr and n == 0) else many  # French says "0 écart", English "0 gaps"


def prose(r, lang, count):
    """A paragraph of `count` sentences drawn from the pool (same draws in both languages)."""
    i = 0 if lang == "fr" else 1
    return " ".join(SENTENCES[k][i].format(c=COMPONENTS[r.randrange(len(COMPONENTS))][i], n=r.randint(3, 60))
                    for k in r.sample(range(len(SENTENCES)), count))


def render(p, date, kind, style, lang, r, target_bytes, overall):
    """One report as text. `r` is seeded the same for both languages, so they draw the same choices."""
    fr, i = lang == "fr", 0 if lang == "fr" else 1
    t = lambda f, e: f if fr else e  # noqa: E731 (the French or English variant)
    title = f"{kind[1 + i]} — {p.name}"
    out = []
    if style == "front":
        out += ["---", f'title: "{title}"', f"date: {date.isoformat()}", f"project: {p.slug}", f"lang: {lang}", "---", ""]
    out += [f"# {title}", ""]
    auditor = f"{t('Équipe qualité', 'Quality team')} {r.randint(1, 6)}"
    if style == "bold":
        out += [f"**Date:** {date.isoformat()}  ", f"**{t('Auditeur', 'Auditor')}:** {auditor}  ", ""]
    elif style == "long":
        when = f"{date.day} {MONTHS_FR[date.month - 1]} {date.year}" if fr else \
            f"{MONTHS_EN[date.month - 1]} {date.day}, {date.year}"
        out += [f"**{DATE_LABEL_FR}** : {when}  " if fr else f"**Audit date:** {when}  ",
                f"**{t('Auditeur', 'Auditor')}** : {auditor}  " if fr else f"**Auditor:** {auditor}  ", ""]
    elif style == "quote":
        out += [f"> Date : {date.isoformat()}", f"> {t('Périmètre', 'Scope')} : {COMPONENTS[r.randrange(8)][i]}", ""]
    opened, resolved = p.open_gaps(), p.resolved_gaps()
    critical = sum(1 for _, g in opened if g[1] == "P1")
    out += ["---", "", f"## 📊 {t('Résumé exécutif', 'Executive summary')}", "",
            f"**{t('Score global', 'Overall score')} : {overall} %** {badge(overall)}" if fr
            else f"**Overall score: {overall}%** {badge(overall)}", "",
            t(f"Cette revue relève {len(opened)} {plural(len(opened), 'écart ouvert', 'écarts ouverts', fr)}, dont {critical} "
              f"{plural(critical, 'critique', 'critiques', fr)}, et {len(resolved)} {plural(len(resolved), 'corrigé', 'corrigés', fr)} "
              f"récemment. ", f"This review finds {len(opened)} open {plural(len(opened), 'gap', 'gaps', fr)}, {critical} of them "
              f"critical, and {len(resolved)} recently fixed. ")
            + prose(r, lang, 3), "", f"### {t('Scores par domaine', 'Scores by domain')}", "",
            t("| Domaine | Score | Statut | Tendance |", "| Domain | Score | Status | Trend |"), "|---|---|---|---|"]
    for d in p.domains:
        s, before = p.scores[d], p.previous[d]
        out.append(f"| **{DOMAINS[d][1 + i]}** | {s}% | {badge(s)} | {'↗' if s > before else ('↘' if s < before else '→')} |")
    if r.random() < 0.4:  # some reports repeat the overall score as the table's last row
        out.append(f"| **{t('Global', 'Overall')}** | **{overall}%** | {badge(overall)} | |")

    out += ["", f"## {t('Écarts ouverts', 'Open gaps')}", ""]
    if opened:
        out += [t("| ID | Constat | Sévérité | Statut |", "| ID | Finding | Severity | Status |"), "|---|---|---|---|"]
        out += [f"| GAP-{n} | {FINDINGS[g[0]][i]} | {SEVERITY[g[1]][i]} | {GAP_STATUS[g[2]][i]} |" for n, g in opened]
    else:
        out.append(t("Aucun écart ouvert à la date de l'audit.", "No open gap on the audit date."))
    if resolved:
        out += ["", f"## {t('Écarts corrigés depuis les audits précédents', 'Gaps fixed since earlier audits')}", ""]
        if r.random() < 0.7:
            out += [t("| ID | Constat | Statut |", "| ID | Finding | Status |"), "|---|---|---|"]
            out += [f"| GAP-{n} | {FINDINGS[g[0]][i]} | {t('✅ Corrigé', '✅ Fixed')} |" for n, g in resolved]
        else:  # the list form: the status word comes right after the ID, before the finding's words
            out += [f"- **GAP-{n}** : {t('✅ Corrigé', '✅ Fixed')} — {FINDINGS[g[0]][i]}" for n, g in resolved]

    out += ["", f"## {t('Suivi des tâches', 'Task tracking')}", "",
            t("| Tâche | Statut | Preuve |", "| Task | Status | Evidence |"), "|---|---|---|"]
    out += [f"| {TASKS[k][i]} | {TASK_STATUS[s][i]} | {'`' + TASKS[k][2] + '`' if s != 'open' else '—'} |"
            for k, s in sorted(p.tasks.items())]
    out += ["", f"## {t('Liste de contrôle', 'Checklist')}", ""]
    out += [f"- [{'x' if r.random() < 0.6 else ' '}] {CHECKS[k][i]}" for k in sorted(r.sample(range(len(CHECKS)), 7))]

    # Recommendations: each open GAP under the priority heading of its own level, so that headings and
    # table agree on severity; a level without GAPs gets a general piece of advice.
    out += ["", f"## 🎯 {t('Recommandations', 'Recommendations')}", ""]
    headings = {"P1": ("Priorité 1 (Critique)", "Priority 1 (Critical)"), "P2": ("Priorité 2 (Haute)", "Priority 2 (High)"),
                "P3": ("Priorité 3 (Moyenne)", "Priority 3 (Medium)")}
    for level in ("P1", "P2", "P3"):
        out += [f"### {headings[level][i]}", ""]
        items = [(n, g) for n, g in opened if g[1] == level][:6]
        out += [f"- **GAP-{n}** : {t('plan d’action sous', 'action plan within')} {r.randint(2, 8)} {t('semaines', 'weeks')}, "
                f"{t('réf.', 'ref.')} « {FINDINGS[g[0]][i]} »" for n, g in items]
        if not items:
            out.append(t(f"- Maintenir le rythme des revues sur {COMPONENTS[r.randrange(8)][0]}",
                         f"- Keep the review pace on {COMPONENTS[r.randrange(8)][1]}"))
        out.append("")

    # Method section with a fenced block whose GAP-9999 row is an example, not a finding.
    out += [f"## {t('Méthode', 'Method')}", "", prose(r, lang, 4), "", "```text",
            t("# Exemple de ligne de suivi (ne pas reporter)", "# Example tracking row (do not copy)"),
            f"| GAP-9999 | {t('Exemple', 'Example')} | {SEVERITY['P1'][i]} | {GAP_STATUS['open'][i]} |", "```", ""]
    # Appendices until the target size: prose, then alternately a code sample or a list of remarks.
    size, n = len("\n".join(out).encode()), 0
    while size < target_bytes:
        n += 1
        block = [f"## {t('Annexe', 'Appendix')} {n} — {COMPONENTS[r.randrange(8)][i]}", "", prose(r, lang, r.randint(4, 7)), ""]
        if n % 3 == 1:
            block += ["```yaml", f"# {t('extrait de configuration relevé', 'configuration excerpt as found')}",
                      "alert: HighErrorRate", f"expr: rate(http_errors_total[5m]) > 0.0{r.randint(1, 9)}",
                      f"for: {r.randint(2, 15)}m", "labels:", f"  severity: {r.choice(['page', 'ticket'])}", "```", ""]
        elif n % 3 == 2:
            block += [f"- {prose(r, lang, 1)}" for _ in range(3)] + [""]
        else:
            block += ["```bash", f"# {t('vérification rejouée pendant l’audit', 'check replayed during the audit')}",
                      f"kubectl -n {p.slug} get pods --field-selector=status.phase!=Running",
                      f"pg_restore --list backups/{date.isoformat()}.dump | head -{r.randint(5, 40)}", "```", ""]
        text = "\n".join(block)
        size += len(text.encode()) + 1
        out.append(text)
    out += ["---", "", f"*{t('Audit réalisé le', 'Audit performed on')} {date.isoformat()}*", ""]
    return "\n".join(out)


def wrong_code_page(text, codec):
    """The text as a tool that read UTF-8 bytes with the wrong code page left it (cp1252 drops undefined bytes)."""
    raw = text.encode("utf-8")
    return raw.decode("mac_roman") if codec == "mac_roman" else raw.decode("cp1252", errors="ignore")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="content folder to write (emptied first)")
    ap.add_argument("--audits", type=int, required=True, help="files to write, translations included")
    ap.add_argument("--projects", type=int, required=True)
    ap.add_argument("--en-ratio", type=float, default=0.3, help="share of audits that also get an English translation")
    ap.add_argument("--mojibake-ratio", type=float, default=0.1, help="share of files stored with a broken encoding")
    ap.add_argument("--kb", type=float, default=14, help="approximate size of a report in KiB")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--truth", help="JSON file listing what each report states")
    a = ap.parse_args()
    if a.audits < 0 or a.projects < 1:
        ap.error("--audits must be >= 0 and --projects >= 1")
    out = os.path.abspath(a.out)
    if out in ("/", os.path.expanduser("~")) or os.path.exists(os.path.join(out, ".git")):
        ap.error(f"refusing to empty {out}")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)

    rng = random.Random(a.seed)
    projects = [Project(k, rng) for k in range(a.projects)]
    truth, written, total, step = [], 0, 0, 0
    while written < a.audits:
        p = projects[step % len(projects)]
        step += 1
        p.evolve(rng)
        date = START + dt.timedelta(weeks=p.audits - 1, days=p.index % 5)  # weekdays differ between projects
        kind, style = KINDS[rng.randrange(len(KINDS))], rng.choice(["front", "bold", "long", "quote"])
        render_seed = rng.getrandbits(64)
        langs = ["fr", "en"] if rng.random() < a.en_ratio and written + 2 <= a.audits else ["fr"]
        overall = int(sum(p.scores.values()) / len(p.scores) + 0.5)  # rounded half up, not to even
        name = f"{date.isoformat()}-{kind[0]}"
        os.makedirs(os.path.join(out, p.slug), exist_ok=True)
        for lang in langs:
            text = render(p, date, kind, style, lang, random.Random(render_seed), a.kb * 1024, overall)
            if rng.random() < a.mojibake_ratio:
                text = wrong_code_page(text, rng.choice(["mac_roman", "cp1252"]))
            data = text.encode("utf-8")
            with open(os.path.join(out, p.slug, f"{name}.{lang}.md"), "wb") as f:
                f.write(data)
            written, total = written + 1, total + len(data)
            truth.append({"file": f"{p.slug}/{name}.{lang}.md", "project": p.slug, "date": date.isoformat(), "lang": lang,
                          "score": overall, "scores": {DOMAINS[d][0]: p.scores[d] for d in p.domains},
                          "openGaps": {f"GAP-{n}": g[1] for n, g in p.open_gaps()},
                          "resolvedGaps": [f"GAP-{n}" for n, _ in p.resolved_gaps()]})
    if a.truth:
        with open(a.truth, "w", encoding="utf-8") as f:
            json.dump(truth, f, ensure_ascii=False, indent=1)
    print(f"wrote {written} files for {len({e['project'] for e in truth})} projects, {total / 1048576:.1f} MiB, into {out}")


if __name__ == "__main__":
    main()
