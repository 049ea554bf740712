"""HTTP side of `make smoke-workers` (see scripts/smoke_workers.sh).

Against an Odoo started with --workers=2: log in as a chain user over JSON-RPC,
open the Signaleren board the way the web client does (load the action, read
the kanban groups and cards) from several sessions at once so both workers
serve, and open the bus websocket on the gevent port.

usage: smoke_workers.py HTTP_PORT GEVENT_PORT DB LOGIN PASSWORD
"""

import ast
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import requests
import websocket

ACTION = "ketenaanpak_mensenhandel.keten_dossier_action_signalering"
SESSIONS = 6
ROUNDS = 5


def rpc(session, base, path, params):
    response = session.post(
        f"{base}{path}",
        json={"jsonrpc": "2.0", "method": "call", "params": params, "id": 1},
        timeout=120,
    )
    response.raise_for_status()
    body = response.json()
    if body.get("error"):
        raise RuntimeError(f"{path}: {json.dumps(body['error'])[:2000]}")
    return body["result"]


def login(base, db, login_name, password):
    session = requests.Session()
    result = rpc(
        session,
        base,
        "/web/session/authenticate",
        {"db": db, "login": login_name, "password": password},
    )
    if not result.get("uid"):
        raise RuntimeError(f"login of {login_name} failed")
    return session


def read_board(session, base):
    """What the web client does to show the board: returns the dossier names."""
    action = rpc(session, base, "/web/action/load", {"action_id": ACTION})
    # the web client evaluates these; the board's are plain literals
    context = ast.literal_eval(action.get("context") or "{}")
    domain = ast.literal_eval(action.get("domain") or "[]")
    context.pop("default_group_by", None)

    def call(method, args, kwargs):
        return rpc(
            session,
            base,
            f"/web/dataset/call_kw/keten.dossier/{method}",
            {
                "model": "keten.dossier",
                "method": method,
                "args": args,
                "kwargs": dict(kwargs, context=context),
            },
        )

    groups = call(
        "web_read_group",
        [],
        {"domain": domain, "fields": ["stage_id"], "groupby": ["stage_id"]},
    )
    assert groups["groups"], "the board has no columns"
    cards = call(
        "web_search_read",
        [],
        {
            "domain": domain,
            "specification": {
                "name": {},
                "stage_id": {"fields": {"display_name": {}}},
                "urgency": {},
            },
        },
    )
    return [record["name"] for record in cards["records"]]


def websocket_check(base, gevent_port, session):
    cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.get_dict().items())
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{gevent_port}/websocket",
        header=[f"Cookie: {cookie}"],
        origin=base,
        timeout=30,
    )
    try:
        ws.send(
            json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}})
        )
        # the server keeps the connection open; a closed one raises here
        ws.ping()
        time.sleep(1)
        ws.ping()
    finally:
        ws.close()


def main():
    http_port, gevent_port, db, login_name, password = sys.argv[1:6]
    base = f"http://127.0.0.1:{http_port}"
    started = time.time()
    sessions = [login(base, db, login_name, password) for _ in range(SESSIONS)]
    first = read_board(sessions[0], base)
    assert first, "the board shows no dossier"
    with ThreadPoolExecutor(max_workers=SESSIONS) as pool:
        results = list(
            pool.map(
                lambda session: [read_board(session, base) for _ in range(ROUNDS)],
                sessions,
            )
        )
    for rounds in results:
        for names in rounds:
            assert names == first, f"boards differ: {names} != {first}"
    requests_done = SESSIONS * ROUNDS + 1
    print(
        f"board read {requests_done} times by {SESSIONS} sessions in "
        f"{time.time() - started:.1f} s; dossiers on it: {', '.join(first)}"
    )
    websocket_check(base, gevent_port, sessions[0])
    print(f"websocket on the gevent port {gevent_port}: connected and alive")


if __name__ == "__main__":
    main()
