#!/usr/bin/env python3
"""A fake GitHub and GitLab issues API on localhost, for the test of
examples/ci/riskreg-due-issues.py. It prints its port on the first line of standard
output, then serves until it is killed. Pages hold two issues, so any listing of more
pages through. GET /_state gives every issue and every request so far; POST /_seed adds an
issue (or a pull request) as given; seeded under `elsewhere`, GitHub's next page is on
another host.

GitHub: /repos/ORG/REPO/issues (GET, POST), /repos/ORG/REPO/issues/N (PATCH); the token
is `Bearer gh-token`; the login `ghost` cannot be assigned (HTTP 422 on create and update).
GitLab: /api/v4/projects/7/issues (GET, POST), /api/v4/projects/7/issues/N (PUT),
/api/v4/users?username=NAME; the token is `gl-token`; users alice (1) and carol (3).
"""

import json
import re
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

PAGE = 2
GITLAB_USERS = {"alice": 1, "carol": 3}
STATE = {"github": [], "gitlab": [], "requests": [], "elsewhere": []}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, payload, headers=None):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def payload(self):
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"null")

    def handle_any(self, method):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        path = url.path
        if path == "/_state":
            return self.reply(200, STATE)
        body = self.payload() if method in ("POST", "PATCH", "PUT") else None
        if path == "/_seed":
            STATE[body.pop("forge")].append(body)
            return self.reply(201, body)
        STATE["requests"].append({"method": method, "path": path, "query": query, "body": body})
        if path.startswith("/repos/"):
            if self.headers.get("Authorization") != "Bearer gh-token":
                return self.reply(401, {"message": "Bad credentials"})
            return self.github(method, path, query, body)
        if path.startswith("/api/v4/"):
            if self.headers.get("PRIVATE-TOKEN") != "gl-token":
                return self.reply(401, {"message": "401 Unauthorized"})
            return self.gitlab(method, path, query, body)
        return self.reply(404, {"message": "Not Found"})

    def github(self, method, path, query, body):
        issues = STATE["github"]
        if re.fullmatch(r"/repos/org/repo/issues", path) and method == "GET":
            page = int(query.get("page", "1"))
            shown = [i for i in issues if i["state"] == "open"]
            headers = {}
            if STATE["elsewhere"]:
                headers["Link"] = '<http://elsewhere.example/repos/org/repo/issues?page=2>; rel="next"'
            elif page * PAGE < len(shown):
                headers["Link"] = (
                    f'<http://127.0.0.1:{self.server.server_port}/repos/org/repo/issues'
                    f'?state=open&per_page=100&page={page + 1}>; rel="next"'
                )
            return self.reply(200, shown[(page - 1) * PAGE : page * PAGE], headers)
        if re.fullmatch(r"/repos/org/repo/issues", path) and method == "POST":
            if "ghost" in body.get("assignees", []):
                return self.reply(422, {"message": "Validation Failed"})
            issue = {
                "number": len(issues) + 1,
                "state": "open",
                "title": body["title"],
                "body": body["body"],
                "assignees": [{"login": login} for login in body.get("assignees", [])],
            }
            issues.append(issue)
            return self.reply(201, issue)
        match = re.fullmatch(r"/repos/org/repo/issues/(\d+)", path)
        if match and method == "PATCH":
            if "ghost" in body.get("assignees", []):
                return self.reply(422, {"message": "Validation Failed"})
            issue = next(i for i in issues if i["number"] == int(match.group(1)))
            for key in ("title", "body", "state"):
                if key in body:
                    issue[key] = body[key]
            if "assignees" in body:
                issue["assignees"] = [{"login": login} for login in body["assignees"]]
            return self.reply(200, issue)
        return self.reply(404, {"message": "Not Found"})

    def gitlab(self, method, path, query, body):
        issues = STATE["gitlab"]
        if path == "/api/v4/users":
            name = query.get("username")
            found = [{"id": GITLAB_USERS[name], "username": name}] if name in GITLAB_USERS else []
            return self.reply(200, found)
        if path == "/api/v4/projects/7/issues" and method == "GET":
            page = int(query.get("page", "1"))
            shown = [i for i in issues if i["state"] == "opened"]
            more = page * PAGE < len(shown)
            headers = {"X-Next-Page": str(page + 1) if more else ""}
            return self.reply(200, shown[(page - 1) * PAGE : page * PAGE], headers)
        if path == "/api/v4/projects/7/issues" and method == "POST":
            issue = {
                "iid": len(issues) + 1,
                "state": "opened",
                "title": body["title"],
                "description": body["description"],
                "assignees": [{"id": i} for i in body.get("assignee_ids", [])],
            }
            issues.append(issue)
            return self.reply(201, issue)
        match = re.fullmatch(r"/api/v4/projects/7/issues/(\d+)", path)
        if match and method == "PUT":
            issue = next(i for i in issues if i["iid"] == int(match.group(1)))
            for key in ("title", "description"):
                if key in body:
                    issue[key] = body[key]
            if body.get("state_event") == "close":
                issue["state"] = "closed"
            if "assignee_ids" in body:
                issue["assignees"] = [{"id": i} for i in body["assignee_ids"]]
            return self.reply(200, issue)
        return self.reply(404, {"message": "404 Not Found"})

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PATCH(self):
        self.handle_any("PATCH")

    def do_PUT(self):
        self.handle_any("PUT")


if __name__ == "__main__":
    server = HTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_port, flush=True)
    server.serve_forever()
