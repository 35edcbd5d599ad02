#!/usr/bin/env python3
"""Keeps one open issue per owner in step with `riskreg due`.

Reads what `riskreg due --format json` and `riskreg due --format md` wrote, then, through
the GitHub or GitLab REST API:

- finds the open issues whose body starts with riskreg's hidden marker
  (`<!-- riskreg-due owner=ID -->`), reading every page of open issues;
- for each owner with something due: updates their issue (only when its title, body or
  assignee differ) or creates it, assigned to their login (`owners[].github` or
  `owners[].gitlab` in riskreg.yaml) when they have one;
- closes the issue of every owner with nothing due any more, and any second open issue
  with the same marker (so no run, nor any number of runs, leaves a duplicate).

Standard library only (python3 is on every hosted runner). The token is read from the
environment and only ever sent to the API's own host.

GitHub: GITHUB_TOKEN (issues: write), GITHUB_REPOSITORY, GITHUB_API_URL.
GitLab: RISKREG_API_TOKEN (a project access token, scope api), CI_PROJECT_ID, CI_API_V4_URL.

Exit codes: 0 in step, 1 an API call failed, 2 bad input (arguments, files).
"""

import argparse
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

MARKER = re.compile(r"<!-- riskreg-due owner=([A-Za-z0-9._~/%-]+) -->")
TIMEOUT_SECONDS = 30
MAX_PAGES = 1000


class ApiError(Exception):
    """An API call that did not succeed."""


def owner_of(body):
    """The owner ID of an issue body's marker (its first line), or None."""
    first = (body or "").split("\n", 1)[0].strip()
    match = MARKER.fullmatch(first)
    return urllib.parse.unquote(match.group(1)) if match else None


def split_bodies(markdown):
    """The issue bodies of `riskreg due --format md`, by owner ID: each starts at a marker
    line and runs to the next."""
    bodies = {}
    current = None
    for line in markdown.splitlines(keepends=True):
        owner = owner_of(line)
        if owner is not None:
            current = owner
            bodies[current] = line
        elif current is not None:
            bodies[current] += line
    return {owner: body.rstrip("\n") + "\n" for owner, body in bodies.items()}


def title_of(owner):
    """The issue's title: who it is for and how many items."""
    count = len(owner["items"])
    who = owner.get("name") or owner["id"]
    return f"Risk register: {count} item{'' if count == 1 else 's'} for {who}"


class Forge:
    """What both APIs share: requests with the token, JSON in and out."""

    def __init__(self, api, token, headers):
        self.api = api.rstrip("/")
        self.token = token
        self.headers = headers

    def call(self, method, url, payload=None):
        """Sends one request to the API; returns the decoded JSON and the headers."""
        if not url.startswith(self.api + "/"):
            raise ApiError(f"refusing to send the token outside the API: {url}")
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(url, data=data, method=method, headers=self.headers)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                text = response.read().decode()
                return (json.loads(text) if text else None), response.headers
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace")[:500]
            raise ApiError(f"{method} {url}: HTTP {error.code}: {detail}") from None
        except urllib.error.URLError as error:
            raise ApiError(f"{method} {url}: {error.reason}") from None


class GitHub(Forge):
    """GitHub's REST API (issues of GITHUB_REPOSITORY)."""

    name = "GitHub"
    login_key = "github"

    def __init__(self, env):
        api = env.get("GITHUB_API_URL") or "https://api.github.com"
        token = require(env, "GITHUB_TOKEN")
        super().__init__(
            api,
            token,
            {
                "Authorization": f"Bearer {token}",
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": "riskreg-due-issues",
            },
        )
        repository = require(env, "GITHUB_REPOSITORY")
        self.issues_url = f"{self.api}/repos/{repository}/issues"

    def open_issues(self):
        """Every open issue (not pull request): number, title, body, assignee logins."""
        url = f"{self.issues_url}?state=open&per_page=100"
        for _ in range(MAX_PAGES):
            page, headers = self.call("GET", url)
            for issue in page:
                if "pull_request" not in issue:
                    yield {
                        "number": issue["number"],
                        "title": issue.get("title") or "",
                        "body": issue.get("body") or "",
                        "assignees": [a["login"].lower() for a in issue.get("assignees") or []],
                    }
            url = next_link(headers.get("Link", ""))
            if url is None:
                return
        raise ApiError(f"more than {MAX_PAGES} pages of open issues")

    def assignee(self, login):
        """GitHub assigns by login."""
        return login

    def create(self, title, body, assignee):
        payload = {"title": title, "body": body}
        if assignee:
            payload["assignees"] = [assignee]
        try:
            issue, _ = self.call("POST", self.issues_url, payload)
        except ApiError as error:
            if not assignee or "HTTP 422" not in str(error):
                raise
            warn(f"could not assign {assignee} (not a collaborator?); creating it unassigned")
            del payload["assignees"]
            issue, _ = self.call("POST", self.issues_url, payload)
        return issue["number"]

    def update(self, number, fields):
        try:
            self.call("PATCH", f"{self.issues_url}/{number}", fields)
        except ApiError as error:
            if "assignees" not in fields or "HTTP 422" not in str(error):
                raise
            warn(f"could not assign #{number} to {fields['assignees'][-1]} (not a collaborator?)")
            rest = {key: value for key, value in fields.items() if key != "assignees"}
            if rest:
                self.call("PATCH", f"{self.issues_url}/{number}", rest)

    def close(self, number, body):
        self.call("PATCH", f"{self.issues_url}/{number}", {"body": body, "state": "closed"})


class GitLab(Forge):
    """GitLab's REST API (issues of CI_PROJECT_ID)."""

    name = "GitLab"
    login_key = "gitlab"

    def __init__(self, env):
        api = require(env, "CI_API_V4_URL")
        token = require(env, "RISKREG_API_TOKEN")
        super().__init__(api, token, {"PRIVATE-TOKEN": token, "User-Agent": "riskreg-due-issues"})
        project = urllib.parse.quote(require(env, "CI_PROJECT_ID"), safe="")
        self.issues_url = f"{self.api}/projects/{project}/issues"
        self.user_ids = {}

    def open_issues(self):
        """Every open issue: its iid, title, description and assignee IDs."""
        page = "1"
        for _ in range(MAX_PAGES):
            issues, headers = self.call("GET", f"{self.issues_url}?state=opened&per_page=100&page={page}")
            for issue in issues:
                yield {
                    "number": issue["iid"],
                    "title": issue.get("title") or "",
                    "body": issue.get("description") or "",
                    "assignees": [a["id"] for a in issue.get("assignees") or []],
                }
            page = (headers.get("X-Next-Page") or "").strip()
            if not page:
                return
            if not page.isdigit():
                raise ApiError(f"X-Next-Page is not a page number: {page!r}")
        raise ApiError(f"more than {MAX_PAGES} pages of open issues")

    def assignee(self, login):
        """GitLab assigns by user ID: the user with this username, if there is one."""
        if login is None:
            return None
        if login not in self.user_ids:
            query = urllib.parse.urlencode({"username": login})
            users, _ = self.call("GET", f"{self.api}/users?{query}")
            self.user_ids[login] = users[0]["id"] if users else None
            if not users:
                warn(f"no GitLab user {login}; the issue is not assigned")
        return self.user_ids[login]

    def create(self, title, body, assignee):
        payload = {"title": title, "description": body}
        if assignee is not None:
            payload["assignee_ids"] = [assignee]
        issue, _ = self.call("POST", self.issues_url, payload)
        return issue["iid"]

    def update(self, number, fields):
        payload = {}
        for key, value in fields.items():
            if key == "body":
                payload["description"] = value
            elif key == "assignees":
                payload["assignee_ids"] = value
            else:
                payload[key] = value
        self.call("PUT", f"{self.issues_url}/{number}", payload)

    def close(self, number, body):
        self.call("PUT", f"{self.issues_url}/{number}", {"description": body, "state_event": "close"})


def next_link(header):
    """The `rel="next"` URL of a Link header, or None."""
    for part in header.split(","):
        match = re.fullmatch(r'\s*<([^>]*)>\s*;\s*rel="next"\s*', part)
        if match:
            return match.group(1)
    return None


def require(env, name):
    """An environment variable that must be set."""
    value = env.get(name)
    if not value:
        raise SystemExit(fail(f"{name} is not set"))
    return value


def fail(message):
    """Says what went wrong; the exit code for bad input."""
    print(f"error: {message}", file=sys.stderr)
    return 2


def warn(message):
    print(f"note: {message}", file=sys.stderr)


def sync(forge, due, bodies):
    """Brings the open issues in step with `due`; returns what was done, one line each."""
    done = []
    found = {}
    for issue in forge.open_issues():
        owner = owner_of(issue["body"])
        if owner is not None:
            found.setdefault(owner, []).append(issue)
    for owner in due["owners"]:
        body = bodies.get(owner["id"])
        if body is None:
            raise SystemExit(fail(f"the Markdown has no issue body for owner {owner['id']}"))
        login = owner.get(forge.login_key)
        if not login:
            warn(f"owner {owner['id']} has no {forge.login_key} login in riskreg.yaml (owners[].{forge.login_key}); their issue is not assigned")
        assignee = forge.assignee(login) if login else None
        title = title_of(owner)
        issues = sorted(found.pop(owner["id"], []), key=lambda issue: issue["number"])
        if not issues:
            number = forge.create(title, body, assignee)
            done.append(f"created #{number} for {owner['id']}")
            continue
        keep, duplicates = issues[0], issues[1:]
        changed = {}
        if keep["title"] != title:
            changed["title"] = title
        if keep["body"].replace("\r\n", "\n").rstrip("\n") != body.rstrip("\n"):
            changed["body"] = body
        wanted = assignee.lower() if isinstance(assignee, str) else assignee
        if assignee is not None and wanted not in keep["assignees"]:
            changed["assignees"] = keep["assignees"] + [wanted]
        if changed:
            forge.update(keep["number"], changed)
            done.append(f"updated #{keep['number']} for {owner['id']} ({', '.join(sorted(changed))})")
        else:
            done.append(f"#{keep['number']} for {owner['id']} is up to date")
        for duplicate in duplicates:
            forge.close(duplicate["number"], f"{duplicate['body']}\n\nA duplicate of #{keep['number']}, closed by riskreg.\n")
            done.append(f"closed #{duplicate['number']}, a duplicate of #{keep['number']}")
    for owner, issues in sorted(found.items()):
        for issue in issues:
            first = issue["body"].split("\n", 1)[0]
            forge.close(issue["number"], f"{first}\nNothing in the risk register is due for this owner as of {due['as_of']}. Closed by riskreg; it opens a new issue when something is.\n")
            done.append(f"closed #{issue['number']} for {owner}: nothing due")
    return done


def main(argv=None):
    parser = argparse.ArgumentParser(description="Keep one issue per owner in step with `riskreg due`.")
    parser.add_argument("--forge", choices=["github", "gitlab"], required=True)
    parser.add_argument("--json", required=True, help="what `riskreg due --format json` wrote")
    parser.add_argument("--md", required=True, help="what `riskreg due --format md` wrote")
    args = parser.parse_args(argv)
    try:
        with open(args.json, encoding="utf-8") as file:
            due = json.load(file)
        with open(args.md, encoding="utf-8") as file:
            bodies = split_bodies(file.read())
    except (OSError, ValueError) as error:
        return fail(f"cannot read riskreg's output: {error}")
    if due.get("version") != 1 or not isinstance(due.get("owners"), list):
        return fail(f"{args.json} is not the output of `riskreg due --format json`")
    forge = GitHub(os.environ) if args.forge == "github" else GitLab(os.environ)
    try:
        for line in sync(forge, due, bodies):
            print(line)
    except ApiError as error:
        print(f"error: {forge.name} API: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
