#!/usr/bin/env python3
"""A communication-gw written in Python, standard library only: what a provider team in
another language verifies with `specpact verify --state-change-url … --message-url …`.

It serves, on one port (printed as `listening on http://127.0.0.1:<port>` once ready):
- the gateway's API under /business/communication (channels, sessions, typing, messages),
  in memory, with the gateway's envelope {"success", "data"} / {"success": false, "errors"};
- POST /_pact/states — specpact's state-change protocol: {"state", "params", "action"} →
  the entity the state set up, as JSON. States are looked up by name in STATES; an unknown
  state answers 400 naming it, so a pact that needs a new state fails loudly;
- POST /_pact/messages — the Rust verifier's message transport: {"description",
  "providerStates", "specpact": {"event", "params"}} → the webhook body, its metadata in the
  Pact-Message-Metadata header (base64 JSON). Webhooks are built by event from WEBHOOKS.

Run: python3 test/python-provider/provider.py [port]   (port 0 or none: a free port)
"""

import base64
import json
import secrets
import sys
import threading
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

BASE = "/business/communication"
CHANNEL_STATUSES = {"pending", "active", "inactive", "deleted", "blocked", "error"}
SESSION_STATUSES = {"pending", "inactive", "active", "deleted", "failed"}
AI_STATUSES = {"none", "ai_intercepted", "ai_released"}
MESSAGE_STATUSES = {"pending", "channel_pending", "sent", "received", "read", "error", "unavailable"}

LOCK = threading.Lock()
STORE = {"channels": {}, "clients": {}, "sessions": {}, "messages": {}}


def uid():
    return secrets.token_hex(8)


def now():
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class ApiError(Exception):
    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def need(body, *fields):
    missing = [f for f in fields if not body.get(f)]
    if missing:
        raise ApiError(422, "missing_field", "missing: " + ", ".join(missing))


def find(kind, key):
    entity = STORE[kind].get(key)
    if entity is None:
        raise ApiError(404, "missing", "no such %s: %s" % (kind[:-1], key))
    return entity


# --- the entities, as the API shows them -------------------------------------------------

def new_channel(p, status):
    need(p, "business_uid")
    channel = {
        "uid": uid(),
        "business_uid": p["business_uid"],
        "type": p.get("type", "transactional"),
        "display_name": p.get("display_name", "Channel"),
        "status": status,
    }
    STORE["channels"][channel["uid"]] = channel
    return channel


def new_client(p):
    client = {"id": uid(), "business_id": p.get("business_id", ""), "first_name": "Test"}
    STORE["clients"][client["id"]] = client
    return client


def new_session(p):
    need(p, "business_uid", "channel_uid", "contact_uid", "external_uid")
    channel = find("channels", p["channel_uid"])
    if channel["status"] != "active":
        raise ApiError(422, "invalid", "Channel is not active")
    for s in STORE["sessions"].values():
        if s["channel_uid"] == p["channel_uid"] and s["external_uid"] == p["external_uid"] and s["status"] != "deleted":
            raise ApiError(422, "duplicate", "a session with this external_uid exists")
    session = {
        "uid": uid(),
        "business_uid": p["business_uid"],
        "channel_uid": p["channel_uid"],
        "contact_uid": p["contact_uid"],
        "external_uid": p["external_uid"],
        "status": "active",
        "ai_status": "none",
    }
    STORE["sessions"][session["uid"]] = session
    return session


def new_message(p):
    need(p, "channel_uid", "external_uid", "message", "message_uid")
    find("channels", p["channel_uid"])
    message = {
        "uid": uid(),
        "channel_uid": p["channel_uid"],
        "contact_uid": p.get("contact_uid"),
        "external_uid": p["external_uid"],
        "message_uid": p["message_uid"],
        "message": p["message"],
        "status": "pending",
    }
    STORE["messages"][message["uid"]] = message
    return message


# --- provider states, by name ------------------------------------------------------------

def state_session(p):
    """A session, set up directly in the data: its channel is made (active) when the pact names
    one that does not exist, as filter contracts do for the sessions a filter must exclude."""
    channel_uid = p.get("channel_uid") or uid()
    if channel_uid not in STORE["channels"]:
        STORE["channels"][channel_uid] = {
            "uid": channel_uid,
            "business_uid": p.get("business_uid", ""),
            "type": "transactional",
            "display_name": "Channel",
            "status": "active",
        }
    return new_session({**p, "channel_uid": channel_uid, "external_uid": p.get("external_uid") or uid()})


STATES = {
    "channel is pending": lambda p: new_channel(p, "pending"),
    "channel is active": lambda p: new_channel(p, "active"),
    "client exists": new_client,
    "session exists": state_session,
    "message exists": new_message,
}


# --- the API -----------------------------------------------------------------------------

def ok(data, status=200):
    return status, {"success": True, "data": data}


def create_channel(body, _):
    return ok({"channel": new_channel(body, "pending")}, 201)


def update_channel(body, uid_):
    channel = find("channels", uid_)
    status = body.get("status")
    if status is not None and status not in CHANNEL_STATUSES:
        raise ApiError(422, "invalid", "status must be one of " + ", ".join(sorted(CHANNEL_STATUSES)))
    for key in ("display_name", "status"):
        if key in body:
            channel[key] = body[key]
    return ok({"channel": channel})


def delete_channel(_, uid_):
    find("channels", uid_)["status"] = "deleted"
    return ok({})


def create_session(body, _):
    return ok({"session": new_session(body)}, 201)


def list_sessions(_, __, query):
    filters = {k[len("filter["):-1]: v[0] for k, v in query.items() if k.startswith("filter[")}
    sessions = [
        s for s in STORE["sessions"].values()
        if s["status"] != "deleted" and all(s.get(k) == v for k, v in filters.items())
    ]
    return ok({"sessions": sessions})


def typing(body, _):
    need(body, "session_uid", "contact_uid")
    find("sessions", body["session_uid"])
    return ok({})


def update_session(body, uid_):
    session = find("sessions", uid_)
    if "status" in body and body["status"] not in SESSION_STATUSES:
        raise ApiError(422, "invalid", "status must be one of " + ", ".join(sorted(SESSION_STATUSES)))
    if "ai_status" in body and body["ai_status"] not in AI_STATUSES:
        raise ApiError(422, "invalid", "ai_status must be one of " + ", ".join(sorted(AI_STATUSES)))
    for key in ("status", "ai_status"):
        if key in body:
            session[key] = body[key]
    return ok({"session": session})


def delete_session(_, uid_):
    find("sessions", uid_)["status"] = "deleted"
    return ok({})


def create_message(body, _):
    return ok({"message": new_message(body)}, 201)


def update_message(body, uid_):
    need(body, "status", "channel_uid")
    message = find("messages", uid_)
    if body["status"] not in MESSAGE_STATUSES:
        raise ApiError(422, "invalid", "status must be one of " + ", ".join(sorted(MESSAGE_STATUSES)))
    message["status"] = body["status"]
    return ok({"message": message})


# (method, path after BASE with {} for one id) → handler(body, id[, query])
ROUTES = {
    ("POST", "/channels"): create_channel,
    ("PUT", "/channels/{}"): update_channel,
    ("DELETE", "/channels/{}"): delete_channel,
    ("POST", "/sessions"): create_session,
    ("GET", "/sessions"): list_sessions,
    ("POST", "/sessions/typing"): typing,
    ("PUT", "/sessions/{}"): update_session,
    ("DELETE", "/sessions/{}"): delete_session,
    ("POST", "/messages"): create_message,
    ("PUT", "/messages/{}"): update_message,
}


def route(method, path):
    if not path.startswith(BASE + "/"):
        return None, None
    rest = path[len(BASE):]
    if (method, rest) in ROUTES:
        return ROUTES[(method, rest)], None
    head, _, last = rest.rpartition("/")
    return ROUTES.get((method, head + "/{}")), last


# --- webhooks, by event --------------------------------------------------------------------

def webhook(event, business_uid, data):
    return {
        "event": event,
        "event_uid": uid(),
        "occurred_at": now(),
        "business_uid": business_uid,
        "data": data,
    }


def channel_data(c):
    return {k: c[k] for k in ("uid", "status", "display_name", "type")}


def channel_activated(p):
    channel = find("channels", p["channel_uid"])
    channel["status"] = "active"
    return webhook("channel.activated", channel["business_uid"], {"channel": channel_data(channel)})


def channel_activation_failed(p):
    channel = find("channels", p["channel_uid"])
    channel["status"] = p.get("result", "error")
    data = {"channel": channel_data(channel), "reason": p.get("reason", "provisioning failed")}
    return webhook("channel.activation_failed", channel["business_uid"], data)


def session_status_changed(p):
    session = find("sessions", p["session_uid"])
    previous = {"status": session["status"], "ai_status": session["ai_status"]}
    session["status"] = p.get("status", session["status"])
    shown = {k: session[k] for k in ("uid", "status", "ai_status", "channel_uid", "contact_uid", "external_uid")}
    return webhook("session.status_changed", session["business_uid"], {"session": shown, "previous": previous})


def message_status_updated(p):
    message = find("messages", p["message_uid"])
    previous = message["status"]
    message["status"] = p.get("status", message["status"])
    channel = find("channels", message["channel_uid"])
    shown = {k: message[k] for k in ("uid", "message_uid", "channel_uid", "contact_uid", "status")}
    return webhook("message.status_updated", channel["business_uid"], {"message": shown, "previous_status": previous})


WEBHOOKS = {
    "channel.activated": channel_activated,
    "channel.activation_failed": channel_activation_failed,
    "session.status_changed": session_status_changed,
    "message.status_updated": message_status_updated,
}


# --- HTTP ----------------------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet: the verification's output is specpact's
        pass

    def send(self, status, body, headers=None, raw=None):
        data = raw if raw is not None else json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        text = self.rfile.read(length).decode("utf-8") if length else ""
        if not text.strip():
            return {}
        value = json.loads(text)
        if not isinstance(value, dict):
            raise ApiError(400, "invalid", "the body must be a JSON object")
        return value

    def do_HEAD(self):
        self.send(200, {})

    def handle_any(self):
        url = urlsplit(self.path)
        try:
            body = self.body()
        except (ValueError, ApiError):
            return self.send(400, {"success": False, "errors": [{"code": "invalid", "message": "malformed JSON"}]})
        with LOCK:
            if self.command == "POST" and url.path == "/_pact/states":
                return self.state(body)
            if self.command == "POST" and url.path == "/_pact/messages":
                return self.message(body)
            handler, key = route(self.command, url.path)
            if handler is None:
                return self.send(404, {"success": False, "errors": [{"code": "missing", "message": "no route %s %s" % (self.command, url.path)}]})
            auth = self.headers.get("Authorization") or ""
            if not auth.startswith("Bearer ") or len(auth) <= len("Bearer "):
                return self.send(401, {"success": False, "errors": [{"code": "unauthorized", "message": "a bearer token is required"}]})
            try:
                if handler is list_sessions:
                    status, answer = handler(body, key, parse_qs(url.query))
                else:
                    status, answer = handler(body, key)
            except ApiError as e:
                status, answer = e.status, {"success": False, "errors": [{"code": e.code, "message": e.message}]}
            self.send(status, answer)

    do_GET = do_POST = do_PUT = do_DELETE = handle_any

    def state(self, change):
        name = change.get("state", "")
        if change.get("action") == "teardown":
            return self.send(200, {})
        setup = STATES.get(name)
        if setup is None:
            return self.send(400, {"error": "no state handler for %r (known: %s)" % (name, ", ".join(STATES))})
        try:
            return self.send(200, setup(change.get("params") or {}))
        except ApiError as e:
            return self.send(409, {"error": "state %r: %s" % (name, e.message)})

    def message(self, asked):
        extra = asked.get("specpact") or {}
        event = extra.get("event")
        build = WEBHOOKS.get(event)
        if build is None:
            return self.send(404, {"error": "no webhook for event %r (message %r)" % (event, asked.get("description"))})
        try:
            payload = build(extra.get("params") or {})
        except (ApiError, KeyError) as e:
            return self.send(409, {"error": "webhook %r: %s" % (event, e)})
        metadata = {"contentType": "application/json", "X-Webhook-Event": event}
        encoded = base64.b64encode(json.dumps(metadata).encode("utf-8")).decode("ascii")
        return self.send(200, payload, {"Pact-Message-Metadata": encoded})


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print("listening on http://127.0.0.1:%d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
