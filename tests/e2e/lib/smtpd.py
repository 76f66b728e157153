"""A real SMTP server for the mail tests: Debian's aiosmtpd, with a handler
that stores each message as a JSON file (envelope, login, raw bytes).

  /usr/bin/python3 smtpd.py DIR PORT [starttls|tls CERT KEY]

Prints "ready PORT" when it accepts connections; stops on SIGTERM.
starttls: STARTTLS is offered and required before MAIL; tls: implicit
TLS on connect (smtps).  The record says whether the session was
encrypted.  AUTH PLAIN/LOGIN is offered without TLS and any password is accepted
(the login is recorded).  Recipients starting with "reject" get 550,
those starting with "later" get 451.
"""
import json
import os
import signal
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Recorder:
    def __init__(self, out):
        self.out = out
        self.n = 0

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address.startswith("reject"):
            return "550 5.1.1 no such user here"
        if address.startswith("later"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        login = session.auth_data.login.decode() if session.auth_data else None
        tls = session.ssl is not None or \
            server.transport.get_extra_info("sslcontext") is not None
        rec = {
            "tls": tls,
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "login": login,
            "data": envelope.original_content.decode("utf-8", "replace"),
        }
        tmp = os.path.join(self.out, "%05d.tmp" % self.n)
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(rec, f)
        os.rename(tmp, os.path.join(self.out, "%05d.json" % self.n))
        return "250 OK stored"


def accept_any(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=True, auth_data=auth_data)


def main():
    out, port = sys.argv[1], int(sys.argv[2])
    mode = sys.argv[3] if len(sys.argv) > 3 else "plain"
    kw = {}
    if mode != "plain":
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(sys.argv[4], sys.argv[5])
        if mode == "starttls":
            kw = {"tls_context": ctx, "require_starttls": True}
        else:
            kw = {"ssl_context": ctx}
    ctl = Controller(Recorder(out), hostname="127.0.0.1", port=port,
                     authenticator=accept_any, auth_require_tls=False, **kw)
    ctl.start()
    print("ready %d" % port, flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    signal.signal(signal.SIGINT, lambda *a: stop.set())
    stop.wait()
    ctl.stop()


if __name__ == "__main__":
    main()
