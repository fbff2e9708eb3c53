"""Platform credentials in the operating system's keyring, one per server URL.

Never in the database, the settings, a log or an exception text. Where no keyring
backend works (a headless Linux, a frozen app that fell back to keyring's "fail"
backend, a locked or broken keyring), the secret is kept in this process's memory
for the session only, and `keyring_status().session_only` says so for the window
and the command line to show. Nothing is ever written in plain text instead.

Read-only fallback for headless machines and scripts: COMMISSIONE_PLATFORM_TOKEN
(and COMMISSIONE_PLATFORM_USER for a platform that wants a user name) in the
environment, used only when nothing is stored for the server.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from desktop.sync import SyncProblem
from desktop.sync.http import RetryPolicy, Secret, normalise_url

log = logging.getLogger(__name__)

SERVICE_PREFIX = "commissione-platform"
SECRET_ENTRY = "secret"
USER_ENTRY = "user"
TOKEN_VARIABLE = "COMMISSIONE_PLATFORM_TOKEN"
USER_VARIABLE = "COMMISSIONE_PLATFORM_USER"

# Where no keyring works: this process only, gone when it ends.
_session: dict[str, Credential] = {}
_session_lock = threading.Lock()


@dataclass(frozen=True)
class Credential:
    user: str  # "" for a bearer token
    secret: Secret
    source: str = "keyring"  # keyring / session / environment


@dataclass(frozen=True)
class KeyringStatus:
    backend: str
    usable: bool
    reason: str = ""

    @property
    def session_only(self) -> bool:
        return not self.usable

    def notice(self) -> tuple[str, str]:
        """(it, en): where credentials are kept, to show next to them."""
        if self.usable:
            return (
                f"Credenziali nel portachiavi del sistema ({self.backend}).",
                f"Credentials in the system keyring ({self.backend}).",
            )
        return (
            "Nessun portachiavi del sistema disponibile: la credenziale resta in memoria solo "
            "per questa sessione e andrà reinserita alla prossima apertura (non viene scritta altrove).",
            "No system keyring available: the credential is kept in memory for this session only "
            "and must be entered again next time (it is not written anywhere else).",
        )


@dataclass(frozen=True)
class StoredCredential:
    server_url: str
    where: str  # keyring / session

    @property
    def session_only(self) -> bool:
        return self.where == "session"


@dataclass(frozen=True)
class CredentialCheck:
    ok: bool
    kind: str  # ok / no_credential / auth / offline / tls / rejected / request
    it: str
    en: str


def service_name(server_url: str) -> str:
    return f"{SERVICE_PREFIX}:{normalise_url(server_url)}"


def keyring_status() -> KeyringStatus:
    """Whether the keyring can hold secrets: not the "fail" or "null" backend, not a
    chainer with nothing to chain."""
    try:
        import keyring
        from keyring.backends import chainer, fail, null

        backend = keyring.get_keyring()
    except Exception as error:  # an import or init failure is the same as no keyring
        return KeyringStatus("?", False, type(error).__name__)
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if isinstance(backend, fail.Keyring | null.Keyring):
        return KeyringStatus(name, False, "fail/null backend")
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return KeyringStatus(name, False, "no backend to chain")
    return KeyringStatus(name, True)


def set_credential(server_url: str, secret: str | Secret, user: str = "") -> StoredCredential:
    """Stores the secret for the server: in the keyring, or for this session only
    when no keyring works (the result says which)."""
    url = normalise_url(server_url)
    secret = secret if isinstance(secret, Secret) else Secret(_clean(secret))
    user = (user or "").strip()
    status = keyring_status()
    if status.usable:
        try:
            import keyring

            service = service_name(url)
            keyring.set_password(service, SECRET_ENTRY, secret.reveal())
            if user:
                keyring.set_password(service, USER_ENTRY, user)
            else:
                _delete_quietly(service, USER_ENTRY)
            with _session_lock:
                _session.pop(url, None)
            return StoredCredential(url, "keyring")
        except Exception as error:  # locked, no D-Bus...: degrade, say so, never crash
            log.warning(
                "keyring %s unusable (%s): credential kept for this session only",
                status.backend,
                type(error).__name__,
            )
    with _session_lock:
        _session[url] = Credential(user, secret, "session")
    return StoredCredential(url, "session")


def get_credential(server_url: str) -> Credential | None:
    """The stored credential for the server: keyring, then this session's memory,
    then the environment variables; None when there is none."""
    url = normalise_url(server_url)
    with _session_lock:
        in_session = _session.get(url)
    if in_session is not None:
        return in_session
    if keyring_status().usable:
        try:
            import keyring

            service = service_name(url)
            secret = keyring.get_password(service, SECRET_ENTRY)
            if secret:
                user = keyring.get_password(service, USER_ENTRY) or ""
                return Credential(user, Secret(secret), "keyring")
        except Exception as error:
            log.warning("keyring read failed (%s)", type(error).__name__)
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    if token:
        return Credential(os.environ.get(USER_VARIABLE, "").strip(), Secret(token), "environment")
    return None


def forget_credential(server_url: str) -> bool:
    """Removes the server's credential from the keyring and the session; True if
    there was one."""
    url = normalise_url(server_url)
    with _session_lock:
        removed = _session.pop(url, None) is not None
    if keyring_status().usable:
        try:
            import keyring

            service = service_name(url)
            if keyring.get_password(service, SECRET_ENTRY) is not None:
                removed = True
            _delete_quietly(service, SECRET_ENTRY)
            _delete_quietly(service, USER_ENTRY)
        except Exception as error:
            log.warning("keyring delete failed (%s)", type(error).__name__)
    return removed


def test_credential(
    server_url: str,
    platform: str = "commissione",
    *,
    ca_bundle: str | Path | None = None,
    policy: RetryPolicy | None = None,
) -> CredentialCheck:
    """Asks the server whether the stored credential works (one small request)."""
    url = normalise_url(server_url)
    credential = get_credential(url)
    if credential is None:
        return CredentialCheck(
            False,
            "no_credential",
            f"nessuna credenziale per {url}: impostarla con 'commissione credentials set {url}'",
            f"no credential for {url}: set one with 'commissione credentials set {url}'",
        )
    from desktop.sync.http import HttpClient

    try:
        with HttpClient(url, ca_bundle=ca_bundle, policy=policy) as http:
            adapter = _adapter(platform, http, credential)
            adapter.check_credential()
    except SyncProblem as problem:
        return CredentialCheck(False, problem.kind, problem.it, problem.en)
    where = {"keyring": ("portachiavi", "keyring"), "session": ("sessione", "session")}.get(
        credential.source, ("ambiente", "environment")
    )
    return CredentialCheck(
        True,
        "ok",
        f"credenziale accettata da {url} (da: {where[0]})",
        f"credential accepted by {url} (from: {where[1]})",
    )


def _adapter(platform: str, http, credential: Credential):
    if platform == "goteo":
        from desktop.sync.goteo import GoteoAdapter

        return GoteoAdapter(http, credential)
    from desktop.sync.commissione import CommissioneAdapter

    return CommissioneAdapter(http, credential)


def _delete_quietly(service: str, entry: str) -> None:
    import keyring
    from keyring.errors import PasswordDeleteError

    try:
        if keyring.get_password(service, entry) is not None:
            keyring.delete_password(service, entry)
    except PasswordDeleteError:
        pass


def _clean(secret: str) -> str:
    # A pasted token often carries a newline; an inner space would be a typo we keep.
    return (secret or "").strip()


def clear_session() -> None:
    """Forgets every session-only credential (tests; the window on quit)."""
    with _session_lock:
        _session.clear()
