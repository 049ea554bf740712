"""HTTP side of `make demo-smoke` (see scripts/demo.sh).

Against the demo server: /web/login answers 200 with the login form, and one
demo login per role (the first of each role in the listing `make demo` prints,
read from standard input: login, name, role, organisations, tab-separated)
logs in over JSON-RPC with its login as password and reads its own user.

usage: demo_smoke.py HTTP_PORT DB < logins.tsv
"""

import sys

import requests
from smoke_workers import login, rpc


def main(port, db):
    base = f"http://127.0.0.1:{port}"
    page = requests.get(f"{base}/web/login", timeout=120)
    assert page.status_code == 200, f"/web/login answered {page.status_code}"
    assert 'name="login"' in page.text and 'name="password"' in page.text, (
        "/web/login has no login form"
    )
    print("/web/login: 200, login form")
    per_role = {}
    for line in sys.stdin.read().splitlines():
        fields = line.split("\t")
        if len(fields) >= 3 and fields[0] != "admin":
            per_role.setdefault(fields[2], fields[0])
    assert len(per_role) >= 5, f"too few demo roles found: {per_role}"
    for role, name in sorted(per_role.items()):
        session = login(base, db, name, name)
        info = rpc(session, base, "/web/session/get_session_info", {})
        users = rpc(
            session,
            base,
            "/web/dataset/call_kw/res.users/read",
            {
                "model": "res.users",
                "method": "read",
                "args": [[info["uid"]], ["login"]],
                "kwargs": {},
            },
        )
        assert users[0]["login"] == name, users
        print(f"login {name:<18} ({role}): uid {info['uid']}, OK")
    print(f"{len(per_role)} roles logged in over HTTP")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
