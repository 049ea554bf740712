"""What the XML records of the demo users cannot say: their password and their
language.

The password of each demo user is its login (``make demo`` prints them). Odoo
hashes a password given in XML with its default work factor, 600,000 pbkdf2
rounds, which protects nothing here and costs about a third of a second per
user, at install and again at every test login. The same scheme with passlib's
default rounds is as valid to Odoo's login and fifty times cheaper.
"""

from passlib.context import CryptContext

DEMO_PASSWORD_CONTEXT = CryptContext(["pbkdf2_sha512"])


def finish_users(build):
    """Password = login for every demo user; Dutch where it is loaded."""
    Users = build.env["res.users"]
    lang = "nl_NL" if build.env["res.lang"]._lang_get("nl_NL") else "en_US"
    for login, user in build.users.items():
        user.lang = lang
        Users._set_encrypted_password(user.id, DEMO_PASSWORD_CONTEXT.hash(login))
