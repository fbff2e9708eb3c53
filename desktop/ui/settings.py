"""The user's preferences: an INI file in the user's data folder (so tests and
portable installs never touch anything else), read through typed accessors."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from desktop.preferences import DATABASE_KEY, preferences_file

LANGUAGES = ("it", "en")
UI_SCALES = (1.0, 1.25, 1.5, 2.0)
PLATFORMS = ("commissione", "goteo")
SYNC_INTERVALS = (0, 5, 15, 30, 60)  # minutes; 0 = only when asked


class Settings:
    def __init__(self, qsettings: QSettings | None = None):
        if qsettings is None:
            path = preferences_file()
            path.parent.mkdir(parents=True, exist_ok=True)
            qsettings = QSettings(str(path), QSettings.Format.IniFormat)
        self.q = qsettings

    # --- typed options, each with its default ---

    @property
    def language(self) -> str:
        value = str(self.q.value("interface/language", "it"))
        return value if value in LANGUAGES else "it"

    @language.setter
    def language(self, value: str) -> None:
        self.q.setValue("interface/language", value if value in LANGUAGES else "it")

    @property
    def ui_scale(self) -> float:
        try:
            value = float(self.q.value("interface/scale", 1.0))
        except (TypeError, ValueError):
            return 1.0
        return value if value in UI_SCALES else 1.0

    @ui_scale.setter
    def ui_scale(self, value: float) -> None:
        self.q.setValue("interface/scale", value if value in UI_SCALES else 1.0)

    @property
    def database(self) -> str:
        """A file path or URL chosen in the settings dialog; empty means the default."""
        return str(self.q.value(DATABASE_KEY, "") or "")

    @database.setter
    def database(self, value: str) -> None:
        self.q.setValue(DATABASE_KEY, value or "")

    # --- the crowdfunding platform (the secret itself lives in the OS keyring) ---

    @property
    def platform_url(self) -> str:
        return str(self.q.value("platform/url", "") or "")

    @platform_url.setter
    def platform_url(self, value: str) -> None:
        self.q.setValue("platform/url", value.strip())

    @property
    def platform_kind(self) -> str:
        value = str(self.q.value("platform/kind", "commissione"))
        return value if value in PLATFORMS else "commissione"

    @platform_kind.setter
    def platform_kind(self, value: str) -> None:
        self.q.setValue("platform/kind", value if value in PLATFORMS else "commissione")

    @property
    def platform_user(self) -> str:
        """The account name for Goteo's login (not a secret); empty for a token."""
        return str(self.q.value("platform/user", "") or "")

    @platform_user.setter
    def platform_user(self, value: str) -> None:
        self.q.setValue("platform/user", value.strip())

    @property
    def sync_interval_minutes(self) -> int:
        try:
            value = int(self.q.value("platform/sync_minutes", 15))
        except (TypeError, ValueError):
            return 15
        return value if value in SYNC_INTERVALS else 15

    @sync_interval_minutes.setter
    def sync_interval_minutes(self, value: int) -> None:
        self.q.setValue("platform/sync_minutes", value if value in SYNC_INTERVALS else 15)

    @property
    def ca_bundle(self) -> str:
        """A custom CA bundle for the platform's TLS certificate; empty: the system's."""
        return str(self.q.value("platform/ca_bundle", "") or "")

    @ca_bundle.setter
    def ca_bundle(self, value: str) -> None:
        self.q.setValue("platform/ca_bundle", value.strip())

    # --- window state: Qt's own opaque blobs ---

    def state(self, key: str) -> QByteArray | None:
        value = self.q.value(f"state/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_state(self, key: str, value: QByteArray) -> None:
        self.q.setValue(f"state/{key}", value)

    def text(self, key: str, default: str = "") -> str:
        return str(self.q.value(f"values/{key}", default) or default)

    def set_text(self, key: str, value: str) -> None:
        self.q.setValue(f"values/{key}", value)

    def sync(self) -> None:
        self.q.sync()
